"""Exact first-order BIO Viterbi over a whole document's emission scores (compiled: _document_kernels.pyx).

Padding positions between sentences are always O and act as sentence boundaries: each run of
tokens between them is decoded on its own, from the start state and with no end transition, as
`model.viterbi` decodes one sentence. One C call per document: the numpy version's per-column
calls, not its arithmetic, were what decoding cost, and it needed an approximation (tokens surely O
fixed as "anchors") to keep their number down.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from enrichment.ner._document_kernels import viterbi_segments
from enrichment.ner.model import FloatArray, allowed_transitions

_ALLOWED = allowed_transitions()
_NEG = np.float32(-1e9)


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
