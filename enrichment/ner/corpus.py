"""Readers for the NER training/evaluation corpora (ANERcorp, CoNLL-2003) into BIO sentences.

Types are mapped to akhbar's names: PERS/PER -> PERSON, LOC -> LOCATION, ORG, MISC.
CoNLL-2003 is IOB1 and is converted to BIO; its -DOCSTART- lines delimit documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from enrichment.evaluation.conll import iob1_to_bio

TYPE_MAP = {"PERS": "PERSON", "PER": "PERSON", "LOC": "LOCATION", "ORG": "ORG", "MISC": "MISC"}
ENTITY_TYPES = ("PERSON", "ORG", "LOCATION", "MISC")


@dataclass(frozen=True, slots=True)
class Sentence:
    """Tokens with aligned BIO tags in akhbar's type names."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]


Document = list[Sentence]


def map_tag(tag: str) -> str:
    """Maps a corpus tag ("B-PERS", "I-LOC", "O") to akhbar's BIO tag names."""
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, _, kind = tag.partition("-")
    return f"{prefix}-{TYPE_MAP.get(kind, 'MISC')}"


def read_anercorp(path: Path) -> list[Document]:
    """Reads 'token TAG' lines, blank line between sentences; returns one document of sentences."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2:
            if tokens:
                sentences.append(Sentence(tuple(tokens), tuple(tags)))
                tokens, tags = [], []
            continue
        tokens.append(" ".join(parts[:-1]) if len(parts) > 2 else parts[0])
        tags.append(map_tag(parts[-1]))
    if tokens:
        sentences.append(Sentence(tuple(tokens), tuple(tags)))
    return [sentences]


def read_conll2003(path: Path) -> list[Document]:
    """Reads CoNLL-2003 (token POS chunk NER, IOB1) into documents split at -DOCSTART-."""
    documents: list[Document] = [[]]
    tokens: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        nonlocal tokens, tags
        if tokens:
            documents[-1].append(Sentence(tuple(tokens), tuple(iob1_to_bio([map_tag(t) for t in tags]))))
            tokens, tags = [], []

    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            flush()
            continue
        if parts[0] == "-DOCSTART-":
            flush()
            if documents[-1]:
                documents.append([])
            continue
        tokens.append(parts[0])
        tags.append(parts[-1])
    flush()
    return [doc for doc in documents if doc]


def split_dev(documents: list[Document], dev_fraction: float = 0.1) -> tuple[list[Document], list[Document]]:
    """Sequential train/dev carve-out by sentences (the last `dev_fraction` becomes dev)."""
    sentences = [sentence for doc in documents for sentence in doc]
    cut = int(len(sentences) * (1.0 - dev_fraction))
    return [sentences[:cut]], [sentences[cut:]]
