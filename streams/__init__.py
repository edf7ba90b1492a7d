"""akhbar: streams package."""
