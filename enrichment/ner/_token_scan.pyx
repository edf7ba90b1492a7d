# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""The tagger's tokeniser and token layout in one compiled pass (tagger.py).

`tokenize.SPACED_TOKEN_RE.findall` followed by a per-token layout step cost ~0.85 us a token, mostly
the regex engine and the (whitespace, token) tuples it builds. Nearly every token is a plain word or
a single punctuation character, which the pattern's first and last alternatives decide by looking at
one or two characters; this scanner decides those itself, with the same character classes as the
regex engine (`\\w` is `Py_UNICODE_ISALNUM` or "_", `\\s` `Py_UNICODE_ISSPACE`, `\\d`
`Py_UNICODE_ISDECIMAL`), and asks the compiled pattern (`tokenize.TOKEN_RE.match`) about every other
token, so the tokens are exactly findall's.
"""

from cpython.dict cimport PyDict_GetItemWithError
from cpython.list cimport PyList_GET_ITEM
from cpython.object cimport PyObject
from libc.stdint cimport int64_t, uint8_t
from libc.stdlib cimport free, malloc, realloc
from libc.string cimport memcpy

import numpy as np


cdef extern from "Python.h":
    int PyUnicode_KIND(object text)
    void* PyUnicode_DATA(object text)
    Py_ssize_t PyUnicode_GET_LENGTH(object text)
    Py_UCS4 PyUnicode_READ(int kind, void* data, Py_ssize_t index) nogil
    bint Py_UNICODE_ISALNUM(Py_UCS4 character) nogil
    bint Py_UNICODE_ISSPACE(Py_UCS4 character) nogil
    bint Py_UNICODE_ISDECIMAL(Py_UCS4 character) nogil
    object PyUnicode_Substring(object text, Py_ssize_t start, Py_ssize_t end)


cdef inline bint word_character(Py_UCS4 character) noexcept nogil:
    """tokenize._W: \\w plus Arabic combining marks and the zero-width (non-)joiners."""
    if character < 128:
        return (
            (c'a' <= character <= c'z') or (c'A' <= character <= c'Z') or (c'0' <= character <= c'9')
            or character == c'_'
        )
    return (
        Py_UNICODE_ISALNUM(character)
        or 0x0610 <= character <= 0x061A
        or 0x064B <= character <= 0x065F
        or character == 0x0670
        or 0x06D6 <= character <= 0x06ED
        or character == 0x200C
        or character == 0x200D
    )


cdef inline bint space_character(Py_UCS4 character) noexcept nogil:
    if character < 128:
        return character == c' ' or (9 <= character <= 13) or (28 <= character <= 31)
    return Py_UNICODE_ISSPACE(character)


cdef bint sentence_final(
    str text, int kind, void* data, Py_ssize_t start, Py_ssize_t end, Py_ssize_t size, frozenset abbreviations
):
    """Whether the word run text[start:end], followed by ".", is the token (as at a sentence end): the
    pattern's alternatives that take the "." need a one-letter run ("U.S.", "M. Smith"), a run of
    digits with a digit after the "." ("3.5") or an abbreviation with no word character after it."""
    cdef Py_ssize_t index
    if end - start < 2:
        return False
    if end + 1 < size and Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, end + 1)):
        index = start
        while index < end and Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, index)):
            index += 1
        if index == end:
            return False
    if PyUnicode_Substring(text, start, end) in abbreviations:
        return end + 1 < size and is_word(PyUnicode_READ(kind, data, end + 1))
    return True


cdef inline bint is_word(Py_UCS4 character) noexcept nogil:
    """The regex engine's \\w (tokenize._W without the Arabic marks and joiners)."""
    return Py_UNICODE_ISALNUM(character) or character == c'_'


cdef struct Layout:
    int64_t* starts
    int64_t* ends
    int64_t* rows
    uint8_t* initial
    Py_ssize_t count
    Py_ssize_t capacity


cdef int grow(Layout* layout) except -1:
    cdef Py_ssize_t capacity = 2 * layout.capacity
    cdef int64_t* starts = <int64_t*>realloc(layout.starts, capacity * sizeof(int64_t))
    if starts != NULL:
        layout.starts = starts
    cdef int64_t* ends = <int64_t*>realloc(layout.ends, capacity * sizeof(int64_t))
    if ends != NULL:
        layout.ends = ends
    cdef int64_t* rows = <int64_t*>realloc(layout.rows, capacity * sizeof(int64_t))
    if rows != NULL:
        layout.rows = rows
    cdef uint8_t* initial = <uint8_t*>realloc(layout.initial, capacity)
    if initial != NULL:
        layout.initial = initial
    if starts == NULL or ends == NULL or rows == NULL or initial == NULL:
        raise MemoryError()
    layout.capacity = capacity
    return 0


cdef object copied(const void* source, Py_ssize_t count, object dtype):
    array = np.empty(count, dtype=dtype)
    cdef uint8_t[::1] target = array.view(np.uint8)
    if count:
        memcpy(&target[0], source, target.shape[0])
    return array


def scan_tokens(
    str text, object token_match, frozenset abbreviations, dict rows, dict initial_rows, frozenset sentence_words
) -> tuple:
    """The tokens of `text` (tokenize.SPACED_TOKEN_RE's, in order) laid out for the tagger:
    (words, starts, ends, rows, initial, plain missing, initial missing).

    `token_match(text, position)` is tokenize.TOKEN_RE.match and `abbreviations` tokenize.ABBREVIATIONS.
    A token is sentence-initial when it is first, follows a word of `sentence_words` or follows
    whitespace holding a line break. Its row is `initial_rows[word]` when sentence-initial, else
    `rows[word]`; positions without one are listed (non-initial tokens, then initial ones) and their
    rows left at -1.

    The row look-ups come in a second loop, after every token is cut: in a dictionary of ~10^5 types
    each costs a few cache misses, and with no other work between them the CPU overlaps those of
    neighbouring tokens.
    """
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef Py_ssize_t size = PyUnicode_GET_LENGTH(text)
    cdef Py_ssize_t position = 0, end, index
    cdef Py_UCS4 character = 0, following
    cdef bint previous_ends = True, line_break, fast
    cdef PyObject* found
    cdef list words = []
    cdef list plain_missing = []
    cdef list initial_missing = []
    cdef str word
    cdef Layout layout
    layout.capacity = 256
    layout.count = 0
    layout.starts = <int64_t*>malloc(layout.capacity * sizeof(int64_t))
    layout.ends = <int64_t*>malloc(layout.capacity * sizeof(int64_t))
    layout.rows = <int64_t*>malloc(layout.capacity * sizeof(int64_t))
    layout.initial = <uint8_t*>malloc(layout.capacity)
    try:
        if layout.starts == NULL or layout.ends == NULL or layout.rows == NULL or layout.initial == NULL:
            raise MemoryError()
        while True:
            line_break = False
            while position < size:
                character = PyUnicode_READ(kind, data, position)
                if not space_character(character):
                    break
                line_break = line_break or character == 10
                position += 1
            if position == size:
                break
            # The pattern's first alternative, {_W}++(?![.'\u2019&\-]|[,:/]\d), and its last, \S (for a
            # character no other alternative starts with); anything else goes to the regex.
            if word_character(character):
                end = position + 1
                while end < size and word_character(PyUnicode_READ(kind, data, end)):
                    end += 1
                fast = True
                if end < size:
                    following = PyUnicode_READ(kind, data, end)
                    if following == c'.':
                        fast = sentence_final(text, kind, data, position, end, size, abbreviations)
                    elif following in (c"'", 0x2019, c'&', c'-'):
                        fast = False
                    elif following in (c',', c':', c'/'):
                        fast = not (end + 1 < size and Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, end + 1)))
            else:
                end = position + 1
                fast = character != c"'" and character != 0x2019
            if not fast:
                end = token_match(text, position).end()
            word = PyUnicode_Substring(text, position, end)
            if layout.count == layout.capacity:
                grow(&layout)
            words.append(word)
            layout.starts[layout.count] = position
            layout.ends[layout.count] = end
            layout.initial[layout.count] = previous_ends or line_break
            layout.count += 1
            previous_ends = word in sentence_words  # (this also computes the word's hash for the look-up)
            position = end
        for index in range(layout.count):
            found = PyDict_GetItemWithError(initial_rows if layout.initial[index] else rows, <object>PyList_GET_ITEM(words, index))
            if found == NULL:
                layout.rows[index] = -1
                (initial_missing if layout.initial[index] else plain_missing).append(index)
            else:
                layout.rows[index] = <int64_t><object>found
        return (
            words,
            copied(layout.starts, layout.count, np.int64),
            copied(layout.ends, layout.count, np.int64),
            copied(layout.rows, layout.count, np.int64),
            copied(layout.initial, layout.count, np.bool_),
            plain_missing,
            initial_missing,
        )
    finally:
        free(layout.starts)
        free(layout.ends)
        free(layout.rows)
        free(layout.initial)
