# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""Compiled per-document steps of the NER tagger (tagger.py): in Python the per-call numpy
overhead, not the arithmetic, was what they cost (enrichment/ner/README.md, "Where the time goes").

- `document_emissions`: a document's emission scores from its cached per-type rows (five shifted rows),
  English document-level case evidence (document.py) added to them, the per-row document counts and
  keys, in one call.

Decoding is in _decode_kernels.pyx.

Plain C over typed memoryviews: no numpy headers needed to build.
"""

from libc.stdint cimport int32_t, int64_t, uint8_t, uint64_t
from libc.stdlib cimport calloc, free, malloc

import numpy as np


cdef extern from *:
    void prefetch "__builtin_prefetch"(const void* address) nogil


cdef enum:
    LOWER = 0  # document.py's case codes
    TITLE = 1


cdef enum:
    PREFETCH_AHEAD = 16  # positions: a table row is fetched this far ahead of its first use (~3 cache lines)


cdef tuple _scores(const float[:, :, ::1] table, const int64_t[::1] rows, const uint8_t[::1] initial):
    """(scores, token positions, padding) of a document whose tokens have table rows `rows` (checked).

    Each sentence (a token flagged in `initial` starts one) is preceded by two padding positions
    (row 0), and two more pad the document's start and end; position p scores as the sum over
    offsets k of table[row at p - 2 + k, k], added in the order ((0 + 1) + 2) + (3 + 4) that the
    numpy version used, so the scores are bit-identical.
    """
    cdef Py_ssize_t tokens = rows.shape[0]
    cdef Py_ssize_t width = table.shape[2]
    cdef Py_ssize_t index, position, tag, k, count, ahead
    cdef int64_t sentences = 0
    cdef int64_t* layout
    cdef const float* parts[5]
    cdef const char* row
    cdef float* target
    for index in range(tokens):
        sentences += initial[index] != 0
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
            ahead = position + 4 + PREFETCH_AHEAD
            if ahead < count + 4:  # the rows are scattered over the table: fetch them before they are needed
                row = <const char*>&table[layout[ahead], 0, 0]
                for k in range(0, 5 * width * <Py_ssize_t>sizeof(float), 64):
                    prefetch(row + k)
            padding[position] = layout[position + 2] == 0
            for k in range(5):
                parts[k] = &table[layout[position + k], k, 0]
            target = &scores[position, 0]
            for tag in range(width):
                target[tag] = ((parts[0][tag] + parts[1][tag]) + parts[2][tag]) + (parts[3][tag] + parts[4][tag])
    free(layout)
    return scores_array, positions_array, padding_array


cdef int _add_cases(
    float[:, ::1] scores,
    const int64_t[::1] positions,
    const int64_t[::1] rows,
    const int64_t[::1] cases,
    const int64_t[::1] lower_ids,
    const uint8_t[::1] initial,
    const float[:, ::1] document_rows,
) except -1:
    """scores[positions[i]] += document_rows[combination of token i] (document.py's case evidence; arguments
    checked): 0 for tokens without a case code, else 1 + case * 8 + initial * 4 + 2 * (the same lower-cased
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
    return 0


def document_emissions(
    const float[:, :, ::1] table,
    const int64_t[::1] rows,
    const uint8_t[::1] initial,
    int32_t[::1] seen,
    const int64_t[::1] cases,
    const int64_t[::1] lower_ids,
    const float[:, ::1] document_rows,
    bint case_evidence,
) -> tuple:
    """(scores, token positions, padding, keys): the scores of `_scores`, plus the case rows of `_add_cases`
    when `case_evidence`, with keys[i] = lower_ids[rows[i]]; also adds 1 to `seen[row]` for each distinct
    row of the document (as numpy's `seen[rows] += 1` does). `seen`, `cases`, `lower_ids` are per
    table row."""
    cdef Py_ssize_t tokens = rows.shape[0]
    cdef Py_ssize_t index
    cdef int64_t row
    cdef Py_ssize_t table_rows = min(table.shape[0], seen.shape[0], cases.shape[0], lower_ids.shape[0])
    if table.shape[1] != 5 or initial.shape[0] != tokens or document_rows.shape[1] != table.shape[2]:
        raise ValueError("document_emissions: shapes do not fit")
    if document_rows.shape[0] < 25:
        raise ValueError("document_emissions: needs the 25 combination rows")
    for index in range(tokens):
        row = rows[index]
        if row < 0 or row >= table_rows:
            raise IndexError("document_emissions: row index out of range")
        if case_evidence and cases[row] > 2:
            raise ValueError("document_emissions: case codes are -1..2")
    keys_array = np.empty(tokens, dtype=np.int64)
    cdef int64_t[::1] keys = keys_array
    cdef Py_ssize_t row_bytes = table.shape[1] * table.shape[2] * <Py_ssize_t>sizeof(float)
    cdef Py_ssize_t offset
    cdef const char* ahead
    with nogil:
        for index in range(tokens):
            # The rows are scattered over arrays of megabytes, and this loop is the first to touch them:
            # fetch each token's per-row data a few tokens before it is needed, for this loop and the next.
            if index + PREFETCH_AHEAD < tokens:
                row = rows[index + PREFETCH_AHEAD]
                prefetch(&lower_ids[row])
                prefetch(&seen[row])
                prefetch(&cases[row])
                ahead = <const char*>&table[row, 0, 0]
                for offset in range(0, row_bytes, 64):
                    prefetch(ahead + offset)
            row = rows[index]
            keys[index] = lower_ids[row]
            if seen[row] >= 0:  # first time in this document: mark it (a count is never negative)
                seen[row] = ~seen[row]
    scores, positions, padding = _scores(table, rows, initial)
    if case_evidence:
        _add_cases(scores, positions, rows, cases, lower_ids, initial, document_rows)
    with nogil:
        for index in range(tokens):
            row = rows[index]
            if seen[row] < 0:
                seen[row] = ~seen[row] + 1
    return scores, positions, padding, keys_array
