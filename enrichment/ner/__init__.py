"""Statistical named-entity tagger (Arabic and English) trained by the project itself."""
