"""Exact first-order BIO Viterbi over a whole document's emission scores (compiled: _decode_kernels.pyx).

Padding positions between sentences are always O and act as sentence boundaries: each run of
tokens between them is decoded on its own, from the start state and with no end transition, as
`model.viterbi` decodes one sentence. One C call per document: the numpy version's per-column
calls, not its arithmetic, were what decoding cost, and it needed an approximation (tokens surely O
fixed as "anchors") to keep their number down.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from enrichment.ner._decode_kernels import bio_spans, decoded_spans, viterbi_segments
from enrichment.ner.model import TAGS, FloatArray, allowed_transitions

_ALLOWED = allowed_transitions()
_NEG = np.float32(-1e9)
KINDS = [tag[2:] for tag in TAGS]  # per tag index: its entity type ("" for O)
TAG_KINDS = np.unique(KINDS, return_inverse=True)[1].astype(np.int64)  # per tag index: an id of its type
INSIDE = np.array([tag.startswith("I-") for tag in TAGS], dtype=np.uint8)


def masked_transitions(transitions: FloatArray) -> FloatArray:
    """Transition scores with BIO-invalid moves made impossible (last row: start state)."""
    return np.where(_ALLOWED, transitions, _NEG).astype(np.float32)


def decode(
    emissions: FloatArray,
    fixed_outside: npt.NDArray[np.bool_],
    masked: FloatArray,
) -> npt.NDArray[np.int64]:
    """Tag index for every position; `fixed_outside` marks padding between sentences (always O)."""
    tags = np.zeros(emissions.shape[0], dtype=np.int64)
    viterbi_segments(
        np.ascontiguousarray(emissions, dtype=np.float32),
        np.ascontiguousarray(fixed_outside, dtype=np.bool_).view(np.uint8),
        np.ascontiguousarray(masked, dtype=np.float32),
        tags,
    )
    return tags


def token_spans(tags: npt.NDArray[np.int64]) -> list[tuple[int, int, str]]:
    """(first token, end token exclusive, type) of each entity in a BIO tag index sequence.

    An I- tag continues the entity of the token before it when that token has the same type
    (B- or I-), and otherwise starts an entity of its own, as in conlleval.
    """
    return bio_spans(np.ascontiguousarray(tags, dtype=np.int64), TAG_KINDS, INSIDE, KINDS)


def decoded_token_spans(
    emissions: FloatArray, padding: npt.NDArray[np.bool_], masked: FloatArray, positions: npt.NDArray[np.int64]
) -> list[tuple[int, int, str]]:
    """token_spans(decode(emissions, padding, masked)[positions]) in one compiled call (the tagger's)."""
    return decoded_spans(emissions, padding.view(np.uint8), masked, positions, TAG_KINDS, INSIDE, KINDS)
