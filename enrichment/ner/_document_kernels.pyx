# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""Compiled per-document steps of the NER tagger (tagger.py, decode.py): in Python the per-call numpy
overhead, not the arithmetic, was what they cost (enrichment/ner/README.md, "Where the time goes").

- `token_layout`: words, offsets, cached rows and sentence-initial flags from the tokeniser's pairs.
- `document_scores`: a document's emission scores from its cached per-type rows (five shifted rows).
- `add_case_rows`: English document-level case evidence (document.py) added to those scores.
- `viterbi_segments`: exact first-order Viterbi over a whole document, padding positions acting
  as sentence boundaries.
- `bio_spans`: entity spans of a BIO tag sequence, as conlleval reads it.

Plain C over typed memoryviews: no numpy headers needed to build.
"""

from cpython.dict cimport PyDict_GetItemWithError
from cpython.object cimport PyObject
from libc.stdint cimport int32_t, int64_t, uint8_t, uint64_t
from libc.stdlib cimport calloc, free, malloc

import numpy as np


cdef extern from "Python.h":
    Py_ssize_t PyUnicode_GET_LENGTH(object text)
    Py_ssize_t PyUnicode_FindChar(object text, Py_UCS4 character, Py_ssize_t start, Py_ssize_t end, int direction) except -2


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


cdef enum:
    LOWER = 0  # document.py's case codes
    TITLE = 1


def token_layout(
    list pairs, dict rows, dict initial_rows, const uint8_t[::1] sentence_end, frozenset sentence_words
) -> tuple:
    """From findall's (whitespace before, token) pairs of a text:
    (words, starts, ends, rows, initial, plain missing, initial missing).

    A token is sentence-initial when it is first, follows a sentence end (`sentence_end[row]` of the
    token before, or its word in `sentence_words` when it has no row) or follows a line break (which
    only whitespace, so only the pairs' first halves, can hold). Its row is `initial_rows[word]` when
    sentence-initial, else `rows[word]`; positions without one are listed (non-initial tokens first,
    then initial ones) and their rows left at -1.
    """
    cdef Py_ssize_t count = len(pairs)
    cdef Py_ssize_t index, space_length
    cdef int64_t position = 0
    cdef int64_t row
    cdef Py_ssize_t row_count = sentence_end.shape[0]
    cdef list words = [None] * count
    cdef list plain_missing = []
    cdef list initial_missing = []
    cdef tuple pair
    cdef str space, word
    cdef PyObject* found
    cdef bint previous_ends = True
    cdef bint starts_sentence
    starts_array = np.empty(count, dtype=np.int64)
    ends_array = np.empty(count, dtype=np.int64)
    rows_array = np.empty(count, dtype=np.int64)
    initial_array = np.empty(count, dtype=np.bool_)
    cdef int64_t[::1] starts = starts_array
    cdef int64_t[::1] ends = ends_array
    cdef int64_t[::1] found_rows = rows_array
    cdef uint8_t[::1] initial = initial_array.view(np.uint8)
    for index in range(count):
        pair = <tuple>pairs[index]
        space = <str>pair[0]
        word = <str>pair[1]
        words[index] = word
        space_length = PyUnicode_GET_LENGTH(space)
        position += space_length
        starts[index] = position
        position += PyUnicode_GET_LENGTH(word)
        ends[index] = position
        starts_sentence = previous_ends or (
            space_length > 0 and PyUnicode_FindChar(space, 10, 0, space_length, 1) >= 0
        )
        initial[index] = starts_sentence
        found = PyDict_GetItemWithError(initial_rows if starts_sentence else rows, word)
        row = -1 if found == NULL else <int64_t><object>found
        if row >= row_count:
            raise IndexError("token_layout: row outside sentence_end")
        found_rows[index] = row
        if row >= 0:
            previous_ends = sentence_end[row]
        else:
            previous_ends = word in sentence_words
            (initial_missing if starts_sentence else plain_missing).append(index)
    return words, starts_array, ends_array, rows_array, initial_array, plain_missing, initial_missing


def document_scores(const float[:, :, ::1] table, const int64_t[::1] rows, const uint8_t[::1] initial) -> tuple:
    """(scores, token positions, padding) of a document whose tokens have table rows `rows`.

    Each sentence (a token flagged in `initial` starts one) is preceded by two padding positions
    (row 0), and two more pad the document's start and end; position p scores as the sum over
    offsets k of table[row at p - 2 + k, k], added in the order ((0 + 1) + 2) + (3 + 4) that the
    numpy version used, so the scores are bit-identical.
    """
    cdef Py_ssize_t tokens = rows.shape[0]
    cdef Py_ssize_t table_rows = table.shape[0]
    cdef Py_ssize_t width = table.shape[2]
    cdef Py_ssize_t index, position, tag, k, count
    cdef int64_t sentences = 0
    cdef int64_t* layout
    cdef const float* parts[5]
    cdef float* target
    if table.shape[1] != 5 or initial.shape[0] != tokens:
        raise ValueError("document_scores: shapes do not fit")
    for index in range(tokens):
        sentences += initial[index] != 0
        if rows[index] < 0 or rows[index] >= table_rows:
            raise IndexError("document_scores: row index out of range")
    count = tokens + 2 * sentences
    scores_array = np.empty((count, width), dtype=np.float32)
    positions_array = np.empty(tokens, dtype=np.int64)
    padding_array = np.empty(count, dtype=np.bool_)
    cdef float[:, ::1] scores = scores_array
    cdef int64_t[::1] positions = positions_array
    cdef uint8_t[::1] padding = padding_array.view(np.uint8)
    layout = <int64_t*>calloc(count + 4, sizeof(int64_t))  # table row per position, shifted by 2
    if layout == NULL:
        raise MemoryError()
    with nogil:
        sentences = 0
        for index in range(tokens):
            sentences += initial[index] != 0
            positions[index] = index + 2 * sentences
            layout[positions[index] + 2] = rows[index]
        for position in range(count):
            padding[position] = layout[position + 2] == 0
            for k in range(5):
                parts[k] = &table[layout[position + k], k, 0]
            target = &scores[position, 0]
            for tag in range(width):
                target[tag] = ((parts[0][tag] + parts[1][tag]) + parts[2][tag]) + (parts[3][tag] + parts[4][tag])
    free(layout)
    return scores_array, positions_array, padding_array


def add_case_rows(
    float[:, ::1] scores,
    const int64_t[::1] positions,
    const int64_t[::1] rows,
    const int64_t[::1] cases,
    const int64_t[::1] lower_ids,
    const uint8_t[::1] initial,
    const float[:, ::1] document_rows,
) -> None:
    """scores[positions[i]] += document_rows[combination of token i] (document.py's case evidence):
    0 for tokens without a case code, else 1 + case * 8 + initial * 4 + 2 * (the same lower-cased
    word is in Title case mid-sentence elsewhere) + (it is in lower case elsewhere). `cases` and
    `lower_ids` are per table row."""
    cdef Py_ssize_t tokens = rows.shape[0]
    cdef Py_ssize_t width = scores.shape[1]
    cdef Py_ssize_t size = 16
    cdef Py_ssize_t index, slot, tag
    cdef int64_t key, case, combination
    cdef int64_t* keys
    cdef int32_t* titles
    cdef int32_t* lowers
    cdef Py_ssize_t* slots
    cdef bint title_mid, lower
    cdef const float* source
    if positions.shape[0] != tokens or initial.shape[0] != tokens or document_rows.shape[1] != width:
        raise ValueError("add_case_rows: shapes do not fit")
    if document_rows.shape[0] < 25:
        raise ValueError("add_case_rows: needs the 25 combination rows")
    for index in range(tokens):
        if rows[index] < 0 or rows[index] >= cases.shape[0] or rows[index] >= lower_ids.shape[0]:
            raise IndexError("add_case_rows: row index out of range")
        if positions[index] < 0 or positions[index] >= scores.shape[0]:
            raise IndexError("add_case_rows: position out of range")
        if cases[rows[index]] > 2:
            raise ValueError("add_case_rows: case codes are -1..2")
    while size < 2 * tokens:
        size *= 2
    keys = <int64_t*>malloc(size * sizeof(int64_t))
    titles = <int32_t*>calloc(size, sizeof(int32_t))
    lowers = <int32_t*>calloc(size, sizeof(int32_t))
    slots = <Py_ssize_t*>malloc((tokens + 1) * sizeof(Py_ssize_t))
    if keys == NULL or titles == NULL or lowers == NULL or slots == NULL:
        free(keys)
        free(titles)
        free(lowers)
        free(slots)
        raise MemoryError()
    with nogil:
        for slot in range(size):
            keys[slot] = -1
        for index in range(tokens):  # occurrences per lower-cased word (open addressing)
            key = lower_ids[rows[index]]
            slot = <Py_ssize_t>((<uint64_t>key * 0x9E3779B97F4A7C15u) >> 32) & (size - 1)
            while keys[slot] != -1 and keys[slot] != key:
                slot = (slot + 1) & (size - 1)
            keys[slot] = key
            slots[index] = slot
            case = cases[rows[index]]
            titles[slot] += case == TITLE and not initial[index]
            lowers[slot] += case == LOWER
        for index in range(tokens):
            case = cases[rows[index]]
            combination = 0
            if case >= 0:
                title_mid = case == TITLE and not initial[index]
                lower = case == LOWER
                combination = 1 + case * 8 + (initial[index] != 0) * 4
                combination += 2 * (titles[slots[index]] - title_mid > 0) + (lowers[slots[index]] - lower > 0)
            source = &document_rows[combination, 0]
            for tag in range(width):
                scores[positions[index], tag] = scores[positions[index], tag] + source[tag]
    free(keys)
    free(titles)
    free(lowers)
    free(slots)


def viterbi_segments(
    const float[:, ::1] emissions,
    const uint8_t[::1] padding,
    const float[:, ::1] masked,
    int64_t[::1] tags,
) -> None:
    """Best BIO path of every segment between padding positions (which get tag 0), each segment
    decoded independently from the start state masked[-1] with no end transition. Ties go to the
    lowest tag index, as numpy's argmax breaks them in `model.viterbi`."""
    cdef Py_ssize_t count = emissions.shape[0]
    cdef Py_ssize_t width = emissions.shape[1]
    cdef uint8_t* back
    if width == 0 or width > AKHBAR_MAX_TAGS or masked.shape[0] != width + 1 or masked.shape[1] != width:
        raise ValueError("viterbi_segments: transitions must be (tags + 1, tags), 1..64 tags")
    if padding.shape[0] != count or tags.shape[0] != count:
        raise ValueError("viterbi_segments: padding and tags must have one entry per position")
    if count == 0:
        return
    back = <uint8_t*>malloc(count * width)
    if back == NULL:
        raise MemoryError()
    with nogil:
        akhbar_viterbi(&emissions[0, 0], &padding[0], &masked[0, 0], count, width, &tags[0], back)
    free(back)


def bio_spans(const int64_t[::1] tags, const int64_t[::1] kinds, const uint8_t[::1] inside, list names) -> list:
    """(first, end exclusive, names[tag of first]) of each entity in a tag index sequence (tag 0: O).

    An inside tag (`inside[tag]`) continues the entity of the token before it when that token has
    the same kind (`kinds[tag]`, B- or I-), and otherwise starts an entity of its own, as in conlleval.
    """
    cdef Py_ssize_t count = tags.shape[0]
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
