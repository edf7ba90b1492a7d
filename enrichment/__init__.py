"""akhbar: enrichment package."""
