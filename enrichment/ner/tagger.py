"""akhbar's statistical NER tagger: raw text in, (start, end, type) character spans out.

The model is linear with features that each depend on one word and its offset, so the score a word
type contributes at each offset is summed once and cached in a table; a document is then scored
with one row gather and five shifted additions, and decoded by Viterbi (decode.py). Word types new to a
document are scored together in one pass, and `load_tagger` pre-scores the language's most frequent
types (vocabulary.py). The numeric per-document and per-type work runs in compiled kernels
(_document_kernels.pyx; _word_features.pyx and _feature_rows.pyx through hashing.py, which compute a new
type's feature ids without making the feature strings that features.py defines for training). Models live in
enrichment/data/models/.

Per document, a handful of compiled calls and no per-token Python: tokenising and row look-ups
(_token_scan.pyx), scores (_document_kernels.pyx), decoding (_decode_kernels.pyx), the document-level
rules and character offsets (_consistency_kernels.pyx).
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from enrichment.ner._consistency_kernels import character_spans
from enrichment.ner._document_kernels import document_emissions
from enrichment.ner._row_index import RowIndex
from enrichment.ner._token_scan import scan_tokens
from enrichment.ner.consistency import document_consistency
from enrichment.ner.decode import decoded_token_spans, masked_transitions
from enrichment.ner.decode import token_spans as token_spans  # (re-exported: tests and training use it here)
from enrichment.ner.document import combination_feature_ids
from enrichment.ner.features import PAD, WINDOW
from enrichment.ner.hashing import sum_id_rows, word_type_ids
from enrichment.ner.lexicon import Lexicon, load_lexicon
from enrichment.ner.model import TAGS, FloatArray, LinearModel
from enrichment.ner.stacking import (
    NEIGHBOUR_IDS,
    combination_rows,
    document_features,
    first_pass_types,
)
from enrichment.ner.tokenize import ABBREVIATIONS, TOKEN_RE
from enrichment.ner.type_cache import dense_numbering, index_arrays, index_from_arrays, rows_to_keep
from enrichment.ner.vocabulary import MAX_WORD, SENTENCE_END, WordType, load_vocabulary, vocabulary_path

MODELS_DIR = Path(__file__).resolve().parent.parent / "data" / "models"
LANGUAGES = ("ar", "en")
MAX_CACHED_TYPES = 300_000
_MATCH_TOKEN = TOKEN_RE.match


def model_path(language: str, models_dir: Path = MODELS_DIR) -> Path:
    return models_dir / f"ner_{language}.npz"


def second_model_path(language: str, models_dir: Path = MODELS_DIR) -> Path:
    """The stacked second-pass model (stacking.py), shipped only for some languages."""
    return models_dir / f"ner_{language}_second.npz"


class Tagger:
    """Tags PERSON/ORG/LOCATION/MISC spans in raw text; thread-safe, never raises on odd input."""

    def __init__(self, model: LinearModel, lexicon: Lexicon, second: LinearModel | None = None) -> None:
        self.language = model.language
        # With a second pass, each cached type row holds both models' scores side by side ([first | second]),
        # so a new type still costs one set of feature strings and one gather.
        weights = model.weights if second is None else np.concatenate([model.weights, second.weights], axis=1)
        self._width = weights.shape[1]
        # float16 is how the weights are stored on disk, so nothing is lost and memory is halved. Only the
        # non-zero rows are kept (row 0 is zero), indexed by feature id through `_weight_rows`: ~6 MB
        # instead of 18 MB, so the random row gathers of new word types miss the CPU caches less.
        nonzero = np.flatnonzero(np.any(weights != 0, axis=1))
        self._weights = np.zeros((nonzero.size + 1, weights.shape[1]), dtype=np.float16)
        self._weights[1:] = weights[nonzero]
        self._weight_rows = np.zeros(weights.shape[0], dtype=np.int32)
        self._weight_rows[nonzero] = np.arange(1, nonzero.size + 1, dtype=np.int32)
        self._masked = masked_transitions((model if second is None else second).transitions)
        self._document_rows = weights[combination_feature_ids()].astype(np.float32)
        self._stacked = None if second is None else combination_rows(second.weights)
        self._lexicon = lexicon
        self._lock = threading.Lock()
        self._index = RowIndex()  # (word, sentence-initial) -> row, a C table read by scan_tokens
        self._size = 0
        self._table = np.zeros((1024, WINDOW, self._width), dtype=np.float32)
        # Per row: case code and id of the lower-cased word, for the document-level features.
        self._cases = np.zeros(1024, dtype=np.int64)
        self._sentence_end = np.zeros(1024, dtype=bool)  # per row: the word ends a sentence
        self._lower_ids = np.zeros(1024, dtype=np.int64)
        self._seen = np.zeros(1024, dtype=np.int32)  # per row: documents it occurred in since the last reset
        self._lower_index = RowIndex()  # lower-cased word (flag off) -> its id in _lower_ids, numbered 0, 1, ...
        self._new_rows([(PAD, False)])  # row 0: padding around sentences
        self._warm_size = self._size  # rows kept when the cache is full: padding and warmed types

    def _grow(self, needed: int) -> None:
        size = self._table.shape[0]
        while size < needed:
            size *= 2
        if size == self._table.shape[0]:
            return
        grown = np.zeros((size, WINDOW, self._width), dtype=np.float32)
        grown[: self._size] = self._table[: self._size]
        self._table = grown
        self._cases = np.resize(self._cases, size)
        self._sentence_end = np.resize(self._sentence_end, size)
        self._lower_ids = np.resize(self._lower_ids, size)
        self._seen = np.resize(self._seen, size)

    def _new_rows(self, types: list[tuple[str, bool]]) -> None:
        """Fills fresh table rows for new (word, sentence-initial) types, all in one compiled pass: their
        feature ids (hashing.word_type_ids, no feature strings made), document keys and case codes. The
        types take rows self._size, self._size + 1, ... (where `scan_tokens` already pointed their tokens)."""
        first = self._size
        self._grow(first + len(types))
        sums = self._table[first : first + len(types)]
        found = word_type_ids(types, self.language, self._lexicon)
        sum_id_rows(found, self._weight_rows, self._weights, sums)
        self._cases[first : first + len(types)] = found.cases
        self._sentence_end[first : first + len(types)] = [word in SENTENCE_END for word, _ in types]
        self._lower_ids[first : first + len(types)] = self._lower_index.numbers(found.keys)
        self._seen[first : first + len(types)] = 0
        self._index.add(types, first)
        if self.language == "ar":  # no document case features: their constant row is folded into the centre
            words_from = 1 if first == 0 else 0  # (row 0, made first of all in __init__, is padding, not a word)
            sums[words_from:, WINDOW // 2] += self._document_rows[0]
        self._size += len(types)

    def warm(self, types: list[WordType], batch: int = 4096) -> None:
        """Pre-scores word types (e.g. the language's most frequent ones) so articles find them cached."""
        with self._lock:
            fresh = list(
                dict.fromkeys(
                    (word[:MAX_WORD], initial)
                    for word, initial in types
                    if self._index.get(word[:MAX_WORD], initial) < 0
                )
            )
            fresh = fresh[: max(0, MAX_CACHED_TYPES // 2 - self._size)]
            for first in range(0, len(fresh), batch):
                self._new_rows(fresh[first : first + batch])
            self._warm_size = self._size  # rows kept when the cache is full: padding and warmed types

    def cache_state(self) -> dict[str, npt.NDArray[np.generic]]:
        """The warmed cache as plain arrays (warm_cache.py ships it, so start-up skips `warm`)."""
        with self._lock:
            size = self._size
            return {
                "table": self._table[:size].copy(),
                "cases": self._cases[:size].copy(),
                "sentence_end": self._sentence_end[:size].copy(),
                "lower_ids": self._lower_ids[:size].copy(),
                **index_arrays("plain", self._index.rows(False)),
                **index_arrays("initial", self._index.rows(True)),
                **index_arrays("lower", self._lower_index.rows(False)),
            }

    def restore_cache(self, state: dict[str, npt.NDArray[np.generic]]) -> None:
        """Replaces the cache with one `cache_state` produced for the same model and lexicon."""
        table = np.asarray(state["table"], dtype=np.float32)
        if table.ndim != 3 or table.shape[1:] != (WINDOW, self._width):
            raise ValueError(f"cached rows of shape {table.shape} do not fit this model")
        with self._lock:
            self._size = 0
            self._grow(len(table))
            self._table[: len(table)] = table
            self._cases[: len(table)] = state["cases"]
            self._sentence_end[: len(table)] = state["sentence_end"]
            self._lower_ids[: len(table)] = state["lower_ids"]
            self._index = RowIndex()
            self._index.update(index_from_arrays("plain", state), False)
            self._index.update(index_from_arrays("initial", state), True)
            self._lower_index = RowIndex()
            self._lower_index.update(index_from_arrays("lower", state), False)
            self._size = len(table)
            self._warm_size = self._size  # rows kept when the cache is full: padding and warmed types

    def _start_over(self) -> None:
        """The cache is full: keep the warmed rows and the learned types seen in 2+ documents (type_cache.py)."""
        warm_size = self._warm_size
        order = rows_to_keep(self._seen[: self._size], warm_size, MAX_CACHED_TYPES // 2 - warm_size)
        new_of = np.full(self._size, -1, dtype=np.int64)
        new_of[order] = np.arange(order.size)
        size = order.size
        self._table[:size] = self._table[order]
        self._cases[:size] = self._cases[order]
        self._sentence_end[:size] = self._sentence_end[order]
        self._lower_ids[:size], lower_new_of = dense_numbering(self._lower_ids[order], len(self._lower_index))
        self._lower_index = self._lower_index.renumbered(lower_new_of)
        self._seen[:size] = 0
        self._index = self._index.renumbered(new_of.tolist())
        self._size = size

    def _rows_for(self, text: str) -> _Tokens:
        """The tokens of `text` (tokenize.py's) with their offsets, table rows (the initial variant where
        sentence-initial) and sentence-initial flags, creating rows for new types.

        A token is sentence-initial when it is first, follows a sentence end, or follows a line break.
        """
        layout = self._scan(text)
        if self._size + 2 * len(layout[0]) > MAX_CACHED_TYPES:
            self._start_over()  # renumbers the rows: look them up again
            layout = self._scan(text)
        words, starts, ends, rows, initial, new_types = layout
        if new_types:  # one batch for every new type of the document, in the rows the scan gave their tokens
            self._new_rows(new_types)
        return _Tokens(words, starts, ends, rows, initial)

    def _scan(self, text: str) -> _Layout:
        """scan_tokens over the row index: (words, starts, ends, rows, initial, new types); new type t's
        tokens get row self._size + t, the row `_new_rows` gives it."""
        return scan_tokens(text, _MATCH_TOKEN, ABBREVIATIONS, self._index, SENTENCE_END, MAX_WORD, self._size)

    def tag(self, text: str) -> list[tuple[int, int, str]]:
        """Entity spans (start, end, type) with text[start:end] the entity's surface."""
        with self._lock:
            found = self._rows_for(text)
            if not found.words:
                return []
            # Two padding positions (row 0) before each sentence; scores[p] sums the five offsets' rows. The
            # rows' document counts go up once per document, even for repeated words.
            scores, token_positions, padding, keys = document_emissions(
                self._table,
                found.rows,
                found.initial.view(np.uint8),
                self._seen,
                self._cases,
                self._lower_ids,
                self._document_rows,
                self.language != "ar",  # English case evidence (Arabic's constant document row is in the table)
            )
            if self._stacked is not None:
                scores = self._second_pass(scores, token_positions, keys, found.initial)
        spans = decoded_token_spans(scores, padding, self._masked, token_positions)
        spans = document_consistency(found.words, keys, spans, self.language)
        return character_spans(spans, found.starts, found.ends)

    def _second_pass(
        self,
        scores: FloatArray,
        token_positions: npt.NDArray[np.int64],
        keys: npt.NDArray[np.int64],
        initial: npt.NDArray[np.bool_],
    ) -> FloatArray:
        """The second model's scores: its cached per-type part plus the document features computed
        from the first model's best tags (see stacking.py)."""
        if self._stacked is None:
            return scores
        tags = len(TAGS)
        features = document_features(first_pass_types(scores[token_positions, :tags]), keys, initial)
        second = np.ascontiguousarray(scores[:, tags:])
        second[token_positions] += self._stacked[features.occurrence * NEIGHBOUR_IDS + features.neighbours]
        return second


_Layout = tuple[
    list[str],
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    npt.NDArray[np.bool_],
    list[WordType],
]


class _Tokens(NamedTuple):
    """Per token: its word, character offsets, table row (the initial variant where sentence-initial)
    and sentence-initial flag."""

    words: list[str]
    starts: npt.NDArray[np.int64]
    ends: npt.NDArray[np.int64]
    rows: npt.NDArray[np.int64]
    initial: npt.NDArray[np.bool_]


@cache
def load_tagger(language: str) -> Tagger | None:
    """The shipped tagger for "ar" or "en" (loaded once), or None when no model exists."""
    path = model_path(language)
    if language not in LANGUAGES or not path.exists():
        return None
    second = second_model_path(language)
    tagger = Tagger(
        LinearModel.load(path),
        load_lexicon(language, MODELS_DIR),
        LinearModel.load(second) if second.exists() else None,
    )
    from enrichment.ner.warm_cache import load_warm_cache  # imports this module

    if not load_warm_cache(tagger, language, MODELS_DIR):
        tagger.warm(load_vocabulary(vocabulary_path(language, MODELS_DIR)))
    return tagger
