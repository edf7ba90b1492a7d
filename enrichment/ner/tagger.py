"""akhbar's statistical NER tagger: raw text in, (start, end, type) character spans out.

The model is linear with features that each depend on one word and its offset, so the score a word
type contributes at each offset is summed once and cached in a table; a document is then scored
with five row gathers and decoded by `decode.decode`. Models live in enrichment/data/models/.
"""

from __future__ import annotations

import threading
from functools import cache
from itertools import chain
from pathlib import Path

import numpy as np
import numpy.typing as npt

from enrichment.ner.consistency import propagate_surnames
from enrichment.ner.decode import anchor_margin, decode, masked_transitions
from enrichment.ner.document import case_code, combination_feature_ids, combinations_from_codes
from enrichment.ner.features import PAD, WINDOW, word_feature_ids
from enrichment.ner.lexicon import Lexicon, load_lexicon
from enrichment.ner.model import TAGS, LinearModel
from enrichment.ner.tokenize import SPACED_TOKEN_RE as _SPACED_TOKEN_RE

MODELS_DIR = Path(__file__).resolve().parent.parent / "data" / "models"
LANGUAGES = ("ar", "en")
SENTENCE_END = frozenset({".", "!", "?", "؟", "...", "…"})
MAX_WORD = 64  # longer tokens are scored on their first characters only
MAX_CACHED_TYPES = 300_000
_KINDS = [tag[2:] for tag in TAGS]
_BEGINS = np.array([tag.startswith("B-") for tag in TAGS])
_INSIDE = np.array([tag.startswith("I-") for tag in TAGS])


def model_path(language: str, models_dir: Path = MODELS_DIR) -> Path:
    return models_dir / f"ner_{language}.npz"


class Tagger:
    """Tags PERSON/ORG/LOCATION/MISC spans in raw text; thread-safe, never raises on odd input."""

    def __init__(self, model: LinearModel, lexicon: Lexicon) -> None:
        self.language = model.language
        # float16 is how the weights are stored on disk, so nothing is lost and memory is halved.
        self._weights = model.weights.astype(np.float16)
        self._masked = masked_transitions(model.transitions)
        self._margin = anchor_margin(self._masked)
        self._document_rows = model.weights[combination_feature_ids()]
        self._lexicon = lexicon
        self._lock = threading.Lock()
        self._rows: dict[str, int] = {}
        self._initial_rows: dict[str, int] = {}
        self._size = 0
        self._table = np.zeros((1024, WINDOW, len(TAGS)), dtype=np.float32)
        # Per row: case code and id of the lower-cased word, for the document-level features.
        self._cases = np.zeros(1024, dtype=np.int64)
        self._lower_ids = np.zeros(1024, dtype=np.int64)
        self._lower_index: dict[str, int] = {}
        self._new_row(PAD, False)  # row 0: padding around sentences

    def _new_row(self, word: str, initial: bool) -> int:
        """Sums the weights of a new word type's features per offset into a fresh table row."""
        rows = self._initial_rows if initial else self._rows
        row = self._size
        if row >= self._table.shape[0]:
            grown = np.zeros((self._table.shape[0] * 2, WINDOW, len(TAGS)), dtype=np.float32)
            grown[:row] = self._table[:row]
            self._table = grown
            self._cases = np.resize(self._cases, grown.shape[0])
            self._lower_ids = np.resize(self._lower_ids, grown.shape[0])
        self._cases[row] = case_code(word)
        self._lower_ids[row] = self._lower_index.setdefault(word.lower(), len(self._lower_index))
        for k, ids in enumerate(word_feature_ids(word, initial, self.language, self._lexicon)):
            self._table[row, k] = self._weights[ids].sum(axis=0, dtype=np.float32)
        rows[word] = row
        self._size += 1
        return row

    def _rows_for(self, words: list[str], initial: npt.NDArray[np.bool_]) -> list[int]:
        """Table row of each token, creating rows for word types not seen before."""
        if self._size + len(words) > MAX_CACHED_TYPES:
            self._rows, self._initial_rows, self._size = {}, {}, 1  # row 0 still holds PAD's scores
            self._lower_index = {}
        get = self._rows.get
        ids = [get(word, -1) for word in words]
        get_initial = self._initial_rows.get
        for position in np.flatnonzero(initial).tolist():
            ids[position] = get_initial(words[position], -1)
        for position in [index for index, row in enumerate(ids) if row < 0]:
            word, first = words[position], bool(initial[position])
            if len(word) > MAX_WORD:
                word = word[:MAX_WORD]
            found = (self._initial_rows if first else self._rows).get(word)
            ids[position] = self._new_row(word, first) if found is None else found
        return ids

    def tag(self, text: str) -> list[tuple[int, int, str]]:
        """Entity spans (start, end, type) with text[start:end] the entity's surface."""
        pieces = list(chain.from_iterable(_SPACED_TOKEN_RE.findall(text)))
        if not pieces:
            return []
        words: list[str] = pieces[1::2]
        lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
        ends = np.cumsum(lengths)[1::2]
        starts = ends - lengths[1::2]
        initial = np.array([word in SENTENCE_END for word in words], dtype=bool)
        initial[1:] = initial[:-1] | np.array(["\n" in space for space in pieces[2::2]], dtype=bool)
        initial[0] = True
        sentence_number = np.cumsum(initial)
        count = len(words) + 2 * int(sentence_number[-1])
        with self._lock:
            index = np.zeros(count + 4, dtype=np.int64)
            token_positions = np.arange(len(words)) + 2 * sentence_number
            index[token_positions + 2] = self._rows_for(words, initial)
            table = self._table
            scores = (
                table[index[0:count], 0] + table[index[1 : count + 1], 1] + table[index[2 : count + 2], 2]
            )
            scores += table[index[3 : count + 3], 3] + table[index[4:], 4]
            if self.language == "ar":
                scores[token_positions] += self._document_rows[0]
            else:
                rows = index[token_positions + 2]
                combinations = combinations_from_codes(self._cases[rows], self._lower_ids[rows], initial)
                scores[token_positions] += self._document_rows[combinations]
        padding = index[2 : count + 2] == 0
        tags = decode(scores, padding, self._masked, self._margin)[~padding]
        spans = self._token_spans(tags)
        spans = propagate_surnames(words, spans, self.language)
        return [(int(starts[first]), int(ends[last - 1]), kind) for first, last, kind in spans]

    @staticmethod
    def _token_spans(tags: npt.NDArray[np.int64]) -> list[tuple[int, int, str]]:
        """(first token, end token exclusive, type) of each entity in a BIO tag index sequence."""
        entities: list[tuple[int, int, str]] = []
        for position in np.flatnonzero(tags).tolist():
            tag = int(tags[position])
            kind = _KINDS[tag]
            if _INSIDE[tag] and entities and entities[-1][1] == position and entities[-1][2] == kind:
                entities[-1] = (entities[-1][0], position + 1, kind)
            else:
                entities.append((position, position + 1, kind))
        return entities


@cache
def load_tagger(language: str) -> Tagger | None:
    """The shipped tagger for "ar" or "en" (loaded once), or None when no model exists."""
    path = model_path(language)
    if language not in LANGUAGES or not path.exists():
        return None
    return Tagger(LinearModel.load(path), load_lexicon(language, MODELS_DIR))
