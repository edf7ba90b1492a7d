"""The word resources a tagger's features read besides the word itself: clusters and gazetteer."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from enrichment.ner.clusters import Clusters, load_clusters
from enrichment.ner.gazetteer import Gazetteer, load_gazetteer


@dataclass(frozen=True)
class Lexicon:
    """Word clusters (normalised word -> ids) and gazetteer (token key -> kinds) of one language."""

    clusters: Clusters = field(default_factory=dict)
    gazetteer: Gazetteer = field(default_factory=dict)


def clusters_path(language: str, models_dir: Path) -> Path:
    return models_dir / f"ner_{language}_clusters.tsv.gz"


def gazetteer_path(language: str, models_dir: Path) -> Path:
    return models_dir / f"ner_{language}_gazetteer.tsv.gz"


def load_lexicon(language: str, models_dir: Path) -> Lexicon:
    """Reads the lexicon files shipped next to a language's model (absent files are empty)."""
    return Lexicon(
        load_clusters(clusters_path(language, models_dir)),
        load_gazetteer(gazetteer_path(language, models_dir)),
    )
