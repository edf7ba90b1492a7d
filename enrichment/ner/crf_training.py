"""Linear-chain CRF training (python-crfsuite, L-BFGS with L1 + L2) over the perceptron's exact features.

The CRF sees each token as its hashed feature ids (as strings, with their counts), so hash collisions
are exactly the ones the runtime tagger sees. The trained weights are then copied into a `LinearModel`:
state weight (id, tag) -> weights[id, tag], transition (a, b) -> transitions[a, b]. CRFsuite has no
start-state transitions, so the start row stays 0; BIO-invalid moves are masked at decoding time as for
the perceptron. The result is the same model file as before and the tagger is unchanged.

Why: a CRF optimises the regularised conditional likelihood of whole tag sequences, where the averaged
perceptron only stops making mistakes on the training text; with ~1M hashed features and 125k Arabic
tokens, regularisation is what decides how far rare features are trusted.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from enrichment.ner.model import TAG_INDEX, TAGS, LinearModel
from enrichment.ner.perceptron import EncodedSentence

try:  # the `train` extra: only training needs it, never the tagger
    import pycrfsuite  # type: ignore[import-untyped]
except ImportError:  # pragma: no cover - reported when training is asked for
    pycrfsuite = None

Items = list[dict[str, float]]


@dataclass(frozen=True)
class CrfSettings:
    """CRFsuite L-BFGS parameters (c1: L1, c2: L2; min_freq drops rarer feature ids)."""

    c1: float = 0.05
    c2: float = 0.01
    max_iterations: int = 300
    min_freq: float = 0.0
    possible_transitions: bool = True

    def params(self) -> dict[str, object]:
        return {
            "c1": self.c1,
            "c2": self.c2,
            "max_iterations": self.max_iterations,
            "feature.minfreq": self.min_freq,
            "feature.possible_transitions": self.possible_transitions,
        }


@dataclass
class CrfResult:
    """The converted model, plus CRFsuite's own best tags for `also_tag` sentences (to check the copy)."""

    model: LinearModel
    crfsuite_tags: list[list[int]] = field(default_factory=list)
    iterations: int = 0
    seconds: float = 0.0
    state_features: int = 0


def require_crfsuite() -> Any:
    """The pycrfsuite module, or a clear error naming the extra that installs it."""
    if pycrfsuite is None:
        raise RuntimeError("CRF training needs python-crfsuite: pip install 'akhbar[train]'")
    return pycrfsuite


def token_items(sentence: EncodedSentence) -> Items:
    """Per token, its feature ids as CRFsuite attributes valued by how often the id occurs (a repeated id
    counts twice in the perceptron's emission sum too)."""
    ends = [*sentence.starts[1:].tolist(), len(sentence.ids)]
    ids = sentence.ids.tolist()
    return [
        {str(key): float(count) for key, count in Counter(ids[start:end]).items()}
        for start, end in zip(sentence.starts.tolist(), ends, strict=True)
    ]


def train_crfsuite_file(
    sentences: Sequence[EncodedSentence],
    settings: CrfSettings,
    path: Path,
    log: Callable[[str], None] = print,
) -> int:
    """Trains CRFsuite on the sentences and writes its model to `path`; returns the iteration count."""
    crfsuite = require_crfsuite()
    trainer = crfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params(settings.params())
    for sentence in sentences:
        trainer.append(crfsuite.ItemSequence(token_items(sentence)), [TAGS[tag] for tag in sentence.gold])
    began = time.perf_counter()
    trainer.train(str(path))
    iterations = int(trainer.logparser.last_iteration["num"]) if trainer.logparser.last_iteration else 0
    log(f"crfsuite: {iterations} iterations in {time.perf_counter() - began:.0f}s ({asdict(settings)})")
    return iterations


def linear_model_from_tagger(language: str, tagger: Any) -> tuple[LinearModel, int]:
    """Copies an opened CRFsuite tagger's weights into a `LinearModel`; also returns the state feature count."""
    info = tagger.info()
    model = LinearModel.empty(language)
    state: dict[tuple[str, str], float] = info.state_features
    if state:
        rows = np.fromiter((int(attribute) for attribute, _ in state), dtype=np.int64, count=len(state))
        columns = np.fromiter((TAG_INDEX[label] for _, label in state), dtype=np.int64, count=len(state))
        values = np.fromiter(state.values(), dtype=np.float32, count=len(state))
        model.weights[rows, columns] = values  # (id, tag) pairs are unique in a CRFsuite model
    transitions: dict[tuple[str, str], float] = info.transitions
    for (previous, following), weight in transitions.items():
        model.transitions[TAG_INDEX[previous], TAG_INDEX[following]] = weight
    return model, len(state)


def crfsuite_tags(tagger: Any, sentences: Sequence[EncodedSentence]) -> list[list[int]]:
    """CRFsuite's own Viterbi tags (indices into TAGS) for each sentence."""
    crfsuite = require_crfsuite()
    return [
        [TAG_INDEX[label] for label in tagger.tag(crfsuite.ItemSequence(token_items(sentence)))]
        for sentence in sentences
    ]


def train_crf(
    language: str,
    sentences: Sequence[EncodedSentence],
    settings: CrfSettings = CrfSettings(),  # frozen, so a shared default is safe
    also_tag: Sequence[EncodedSentence] = (),
    log: Callable[[str], None] = print,
) -> CrfResult:
    """Trains a CRF in a temporary directory (removed afterwards) and returns it as a `LinearModel`."""
    crfsuite = require_crfsuite()
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="akhbar-crf-") as folder:
        path = Path(folder) / "model.crfsuite"
        iterations = train_crfsuite_file(sentences, settings, path, log)
        tagger = crfsuite.Tagger()
        tagger.open(str(path))
        try:
            model, state_features = linear_model_from_tagger(language, tagger)
            tagged = crfsuite_tags(tagger, also_tag)
        finally:
            tagger.close()
    model.meta = {"trainer": "crf", **asdict(settings), "iterations": iterations}
    return CrfResult(model, tagged, iterations, round(time.perf_counter() - began, 1), state_features)
