"""akhbar: agents package."""
