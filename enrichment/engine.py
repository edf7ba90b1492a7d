"""The default enrichment engine: which stages run, in which order.

`build_engine("full")` is what the worker, `akhbar enrich` and `akhbar eval`
run; "kb" leaves out the statistical tagger, "passthrough" only identifies
the language (the benchmark switch that measures the streaming overhead).
"""

from __future__ import annotations

import dataclasses
from typing import Literal

from enrichment.langid import SUPPORTED, identify_language
from enrichment.pipeline import Pipeline, Stage
from enrichment.types import Document, Enrichment

EngineMode = Literal["full", "kb", "passthrough"]
ENRICHER_VERSION = "akhbar-enrichment/0.1.0"


def _stages(mode: EngineMode) -> list[Stage]:
    if mode == "passthrough":
        return []
    from enrichment.stages import default_stages

    return default_stages(statistical=(mode == "full"))


class Engine:
    """Callable Document -> Enrichment; resolves the language before any stage runs."""

    def __init__(self, mode: EngineMode = "full") -> None:
        self.mode: EngineMode = mode
        self.pipeline = Pipeline(_stages(mode))
        self.version = f"{ENRICHER_VERSION}+{mode}"

    @property
    def stage_names(self) -> tuple[str, ...]:
        return ("language", *self.pipeline.stage_names)

    def __call__(self, doc: Document) -> Enrichment:
        if doc.language not in SUPPORTED:
            doc = dataclasses.replace(doc, language=identify_language(doc.text))
        return self.pipeline(doc)


_ENGINES: dict[str, Engine] = {}


def build_engine(mode: EngineMode = "full") -> Engine:
    """One engine per mode per process: the knowledge base and models load once."""
    if mode not in _ENGINES:
        _ENGINES[mode] = Engine(mode)
    return _ENGINES[mode]
