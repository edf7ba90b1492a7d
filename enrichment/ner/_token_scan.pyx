# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""The tagger's tokeniser and token layout in one compiled pass (tagger.py).

`tokenize.SPACED_TOKEN_RE.findall` followed by a per-token layout step cost ~0.85 us a token, mostly
the regex engine and the (whitespace, token) tuples it builds. Nearly every token is a plain word or
a single punctuation character, which the pattern's first and last alternatives decide by looking at
one or two characters; this scanner decides those itself, with the same character classes as the
regex engine (`\\w` is `Py_UNICODE_ISALNUM` or "_", `\\s` `Py_UNICODE_ISSPACE`, `\\d`
`Py_UNICODE_ISDECIMAL`), and asks the compiled pattern (`tokenize.TOKEN_RE.match`) about every other
token, so the tokens are exactly findall's.

Each token's table row is looked up in `RowIndex` (_row_index.pyx), a C hash table keyed by the token's
text slice (_row_index.pxd): no SipHash or dict probe per token, and no str made for a known token (its
word is the index's key str).
"""

from cpython.list cimport PyList_GET_ITEM
from cpython.object cimport PyObject
from libc.stdint cimport int64_t, uint8_t, uint64_t
from libc.stdlib cimport free, malloc, realloc
from libc.string cimport memcpy

import numpy as np

from enrichment.ner._row_index cimport RowIndex, find_slot, slice_hash
from enrichment.ner._token_chars cimport (
    Py_UNICODE_ISDECIMAL,
    PyUnicode_DATA,
    PyUnicode_GET_LENGTH,
    PyUnicode_KIND,
    PyUnicode_READ,
    PyUnicode_Substring,
    sentence_final,
    space_character,
    word_character,
)


cdef extern from *:
    void prefetch "__builtin_prefetch"(const void* address) nogil


cdef struct Layout:
    uint64_t* hashes
    int64_t* starts
    int64_t* ends
    int64_t* rows
    uint8_t* initial
    Py_ssize_t count
    Py_ssize_t capacity


cdef int grow(Layout* layout) except -1:
    cdef Py_ssize_t capacity = 2 * layout.capacity
    cdef uint64_t* hashes = <uint64_t*>realloc(layout.hashes, capacity * sizeof(uint64_t))
    if hashes != NULL:
        layout.hashes = hashes
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
    if hashes == NULL or starts == NULL or ends == NULL or rows == NULL or initial == NULL:
        raise MemoryError()
    layout.capacity = capacity
    return 0


cdef list _new_types(
    list words,
    int64_t* token_rows,
    list plain_missing,
    list initial_missing,
    RowIndex index,
    Py_ssize_t max_word,
    int64_t first_new_row,
):
    """The tokens at the missing positions get the row of their word cut to `max_word` characters
    when it has one, else first_new_row + t for their new type t; returns the new types."""
    cdef dict numbers = {}
    cdef list types = []
    cdef Py_ssize_t position
    cdef int64_t found
    cdef bint initial = False
    cdef str word
    for missing in (plain_missing, initial_missing):
        for number in <list>missing:
            position = number
            word = <str>PyList_GET_ITEM(words, position)
            if len(word) > max_word:  # (a word no longer than that was just looked up and missed)
                word = word[:max_word]
                found = index.row(word, initial)
                if found >= 0:
                    token_rows[position] = found
                    continue
            key = (word, initial)
            number = numbers.get(key)
            if number is None:
                number = numbers[key] = len(types)
                types.append(key)
            token_rows[position] = first_new_row + <int64_t>number
        initial = True
    return types


cdef inline bint _listed(Py_UCS4 character, const Py_UCS4* characters, int count) noexcept:
    cdef int index
    for index in range(min(count, 8)):
        if characters[index] == character:
            return True
    return False


cdef object copied(const void* source, Py_ssize_t count, object dtype):
    array = np.empty(count, dtype=dtype)
    cdef uint8_t[::1] target = array.view(np.uint8)
    if count:
        memcpy(&target[0], source, target.shape[0])
    return array


def scan_tokens(
    str text,
    object token_match,
    frozenset abbreviations,
    RowIndex index not None,
    frozenset sentence_words,
    Py_ssize_t max_word,
    int64_t first_new_row,
) -> tuple:
    """The tokens of `text` (tokenize.SPACED_TOKEN_RE's, in order) laid out for the tagger:
    (words, starts, ends, rows, initial, new types).

    `token_match(text, position)` is tokenize.TOKEN_RE.match and `abbreviations` tokenize.ABBREVIATIONS.
    A token is sentence-initial when it is first, follows a word of `sentence_words` or follows
    whitespace holding a line break. Its row is `index`'s for (word, initial); a word longer than
    `max_word` without one takes the row of its first `max_word` characters. Tokens left without a row
    get first_new_row + t, where new_types[t] is their (word cut to `max_word`, initial) type: each
    distinct type once, those of non-initial tokens first, in text order (the caller gives the new types
    rows first_new_row, first_new_row + 1, ...). A known token's word is the index's key str.

    The row look-ups come in a second loop, after every token is cut and its slot prefetched: in a
    table of ~10^5 types each costs a cache miss or two, and with no other work between them the CPU
    overlaps those of neighbouring tokens.
    """
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef Py_ssize_t size = PyUnicode_GET_LENGTH(text)
    cdef Py_ssize_t position = 0, end, token, slot, longest_end = 0
    cdef Py_UCS4 character = 0, following
    cdef bint previous_ends = True, line_break, fast, initial
    cdef uint64_t hash_value
    cdef list words = []
    cdef list plain_missing = []
    cdef list initial_missing = []
    cdef list new_types = []
    cdef object word
    cdef Layout layout
    # A token can end a sentence only if it is that short and starts like a word of `sentence_words`: other
    # tokens need no str here (a known one then takes the index's key str).
    cdef Py_UCS4 end_starts[8]
    cdef int end_start_count = 0
    for word in sentence_words:
        longest_end = max(longest_end, len(word))
        if len(word) and end_start_count <= 8 and not _listed(word[0], end_starts, end_start_count):
            if end_start_count < 8:
                end_starts[end_start_count] = ord(word[0])
            end_start_count += 1  # (9: too many to list, every short token is checked)
    layout.capacity = 256
    layout.count = 0
    layout.hashes = <uint64_t*>malloc(layout.capacity * sizeof(uint64_t))
    layout.starts = <int64_t*>malloc(layout.capacity * sizeof(int64_t))
    layout.ends = <int64_t*>malloc(layout.capacity * sizeof(int64_t))
    layout.rows = <int64_t*>malloc(layout.capacity * sizeof(int64_t))
    layout.initial = <uint8_t*>malloc(layout.capacity)
    try:
        if (
            layout.hashes == NULL or layout.starts == NULL or layout.ends == NULL or layout.rows == NULL
            or layout.initial == NULL
        ):
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
            if layout.count == layout.capacity:
                grow(&layout)
            initial = previous_ends or line_break
            hash_value = slice_hash(index.table.seed, kind, data, position, end, initial)
            prefetch(&index.table.slots[hash_value & <uint64_t>(index.table.capacity - 1)])
            layout.hashes[layout.count] = hash_value
            layout.starts[layout.count] = position
            layout.ends[layout.count] = end
            layout.initial[layout.count] = initial
            layout.count += 1
            if end - position <= longest_end and (
                end_start_count > 8 or _listed(character, end_starts, end_start_count)
            ):
                word = PyUnicode_Substring(text, position, end)
                previous_ends = word in sentence_words
            else:
                word = None
                previous_ends = False
            words.append(word)
            position = end
        for token in range(layout.count):
            initial = layout.initial[token]
            slot = find_slot(
                &index.table, kind, data, layout.starts[token], layout.ends[token], initial, layout.hashes[token]
            )
            if slot >= 0:
                layout.rows[token] = index.table.slots[slot].value >> 1
                if <PyObject*>PyList_GET_ITEM(words, token) == <PyObject*>None:
                    words[token] = <object>index.table.slots[slot].key
            else:
                layout.rows[token] = -1
                if <PyObject*>PyList_GET_ITEM(words, token) == <PyObject*>None:
                    words[token] = PyUnicode_Substring(text, layout.starts[token], layout.ends[token])
                (initial_missing if initial else plain_missing).append(token)
        if plain_missing or initial_missing:
            new_types = _new_types(
                words, layout.rows, plain_missing, initial_missing, index, max_word, first_new_row
            )
        return (
            words,
            copied(layout.starts, layout.count, np.int64),
            copied(layout.ends, layout.count, np.int64),
            copied(layout.rows, layout.count, np.int64),
            copied(layout.initial, layout.count, np.bool_),
            new_types,
        )
    finally:
        free(layout.hashes)
        free(layout.starts)
        free(layout.ends)
        free(layout.rows)
        free(layout.initial)
