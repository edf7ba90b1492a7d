# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""Compiled decoding for the NER tagger (decode.py, tagger.py): in Python the per-call numpy overhead,
not the arithmetic, was what it cost (enrichment/ner/README.md, "Where the time goes").

- `viterbi_segments`: exact first-order Viterbi over a whole document, padding positions acting
  as sentence boundaries.
- `bio_spans`: entity spans of a BIO tag sequence, as conlleval reads it.
- `decoded_spans`: Viterbi, then the spans of the tokens' tags, in one call (the tagger's).

Plain C over typed memoryviews: no numpy headers needed to build.
"""

from libc.stdint cimport int64_t, uint8_t
from libc.stdlib cimport free, malloc


cdef extern from *:
    """
    /* Exact first-order Viterbi over every segment between padding positions (tag 0 there), each
       from the start state (masked row `width`) with no end transition. At each position the
       previous tags are the outer loop and the next tags the inner one (vectorisable); a later
       previous tag wins only when strictly better, so ties keep the lowest index, as argmax does. */
    #define AKHBAR_MAX_TAGS 64
    static inline __attribute__((always_inline)) void akhbar_viterbi_width(const float *restrict emissions, const uint8_t *restrict padding,
                               const float *restrict masked, Py_ssize_t count, Py_ssize_t width,
                               int64_t *restrict tags, uint8_t *restrict back) {
        float score[AKHBAR_MAX_TAGS], best[AKHBAR_MAX_TAGS];
        uint8_t choice[AKHBAR_MAX_TAGS];
        Py_ssize_t position = 0, tag, previous, segment_start, at;
        while (position < count) {
            if (padding[position]) {
                tags[position++] = 0;
                continue;
            }
            segment_start = position;
            for (tag = 0; tag < width; tag++) score[tag] = masked[width * width + tag] + emissions[position * width + tag];
            for (position++; position < count && !padding[position]; position++) {
                for (tag = 0; tag < width; tag++) {
                    best[tag] = score[0] + masked[tag];
                    choice[tag] = 0;
                }
                for (previous = 1; previous < width; previous++) {
                    const float from = score[previous];
                    const float *row = masked + previous * width;
                    for (tag = 0; tag < width; tag++) {
                        float candidate = from + row[tag];
                        int better = candidate > best[tag];
                        best[tag] = better ? candidate : best[tag];
                        choice[tag] = better ? (uint8_t)previous : choice[tag];
                    }
                }
                for (tag = 0; tag < width; tag++) {
                    back[position * width + tag] = choice[tag];
                    score[tag] = best[tag] + emissions[position * width + tag];
                }
            }
            at = 0;
            for (tag = 1; tag < width; tag++) {
                if (score[tag] > score[at]) at = tag;
            }
            tags[position - 1] = at;
            for (Py_ssize_t index = position - 1; index > segment_start; index--) {
                at = back[index * width + at];
                tags[index - 1] = at;
            }
        }
    }

    /* The model's 9 tags get a copy compiled for that width (unrolled and vectorised). */
    static void akhbar_viterbi(const float *emissions, const uint8_t *padding, const float *masked,
                               Py_ssize_t count, Py_ssize_t width, int64_t *tags, uint8_t *back) {
        if (width == 9) akhbar_viterbi_width(emissions, padding, masked, count, 9, tags, back);
        else akhbar_viterbi_width(emissions, padding, masked, count, width, tags, back);
    }

    """
    enum: AKHBAR_MAX_TAGS
    void akhbar_viterbi(const float* emissions, const uint8_t* padding, const float* masked, Py_ssize_t count,
                        Py_ssize_t width, int64_t* tags, uint8_t* back) nogil


def viterbi_segments(
    const float[:, ::1] emissions,
    const uint8_t[::1] padding,
    const float[:, ::1] masked,
    int64_t[::1] tags,
) -> None:
    """Best BIO path of every segment between padding positions (which get tag 0), each segment
    decoded independently from the start state masked[-1] with no end transition. Ties go to the
    lowest tag index, as numpy's argmax breaks them in `model.viterbi`."""
    if tags.shape[0] != emissions.shape[0]:
        raise ValueError("viterbi_segments: padding and tags must have one entry per position")
    if tags.shape[0]:
        _viterbi(emissions, padding, masked, &tags[0])


cdef int _viterbi(
    const float[:, ::1] emissions, const uint8_t[::1] padding, const float[:, ::1] masked, int64_t* tags
) except -1:
    """viterbi_segments into `tags` (one per position)."""
    cdef Py_ssize_t count = emissions.shape[0]
    cdef Py_ssize_t width = emissions.shape[1]
    cdef uint8_t* back
    if width == 0 or width > AKHBAR_MAX_TAGS or masked.shape[0] != width + 1 or masked.shape[1] != width:
        raise ValueError("viterbi_segments: transitions must be (tags + 1, tags), 1..64 tags")
    if padding.shape[0] != count:
        raise ValueError("viterbi_segments: padding and tags must have one entry per position")
    if count == 0:
        return 0
    back = <uint8_t*>malloc(count * width)
    if back == NULL:
        raise MemoryError()
    with nogil:
        akhbar_viterbi(&emissions[0, 0], &padding[0], &masked[0, 0], count, width, tags, back)
    free(back)
    return 0


def bio_spans(const int64_t[::1] tags, const int64_t[::1] kinds, const uint8_t[::1] inside, list names) -> list:
    """(first, end exclusive, names[tag of first]) of each entity in a tag index sequence (tag 0: O).

    An inside tag (`inside[tag]`) continues the entity of the token before it when that token has
    the same kind (`kinds[tag]`, B- or I-), and otherwise starts an entity of its own, as in conlleval.
    """
    return _bio(&tags[0] if tags.shape[0] else NULL, tags.shape[0], kinds, inside, names)


cdef list _bio(const int64_t* tags, Py_ssize_t count, const int64_t[::1] kinds, const uint8_t[::1] inside, list names):
    cdef Py_ssize_t tag_count = kinds.shape[0]
    cdef Py_ssize_t index, begin = -1
    cdef int64_t tag, previous = 0
    cdef list spans = []
    if inside.shape[0] != tag_count or len(names) != tag_count:
        raise ValueError("bio_spans: one kind, inside flag and name per tag")
    for index in range(count):
        tag = tags[index]
        if tag < 0 or tag >= tag_count:
            raise IndexError("bio_spans: tag index out of range")
        if tag == 0:
            if begin >= 0:
                spans.append((begin, index, names[tags[begin]]))
                begin = -1
        elif not (inside[tag] and index > 0 and kinds[tag] == kinds[previous]):
            if begin >= 0:
                spans.append((begin, index, names[tags[begin]]))
            begin = index
        previous = tag
    if begin >= 0:
        spans.append((begin, count, names[tags[begin]]))
    return spans


def decoded_spans(
    const float[:, ::1] emissions,
    const uint8_t[::1] padding,
    const float[:, ::1] masked,
    const int64_t[::1] positions,
    const int64_t[::1] kinds,
    const uint8_t[::1] inside,
    list names,
) -> list:
    """The entity spans of the tokens at `positions`: bio_spans(Viterbi tags[positions], kinds, inside, names)."""
    cdef Py_ssize_t count = emissions.shape[0]
    cdef Py_ssize_t tokens = positions.shape[0]
    cdef Py_ssize_t index
    cdef int64_t* tags
    for index in range(tokens):
        if positions[index] < 0 or positions[index] >= count:
            raise IndexError("decoded_spans: position out of range")
    tags = <int64_t*>malloc((count + tokens + 1) * sizeof(int64_t))  # per position, then per token
    if tags == NULL:
        raise MemoryError()
    try:
        _viterbi(emissions, padding, masked, tags)
        for index in range(tokens):
            tags[count + index] = tags[positions[index]]
        return _bio(tags + count, tokens, kinds, inside, names)
    finally:
        free(tags)
