# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""Gazetteer.scan of an ASCII text (most English articles) in one compiled pass.

Normalisation (enrichment.normalize's fold of ASCII, apostrophes, possessives and runs of spaces,
keeping the original index of every kept character), the walk of the trie of the ASCII keys
(_key_trie.pyx) and alias_hits.resolve (longest first, free characters, the case rules), with a
Python object only for each match and cue kept: about three times the Python path's speed. The kept
matches are sorted by start in C and built straight into their named tuples.
"""

from cpython.ref cimport Py_INCREF
from cpython.tuple cimport PyTuple_SET_ITEM
from libc.stdint cimport int32_t, uint8_t
from libc.stdlib cimport calloc, free, malloc, qsort

from enrichment._key_trie cimport (
    SPACE,
    Hit,
    HitList,
    KeyTrie,
    PyUnicode_DATA,
    PyUnicode_GET_LENGTH,
    PyUnicode_IS_ASCII,
    automaton_order,
    longest_first,
)


cdef extern from *:
    """
    static PyObject *akhbar_alloc_tuple(PyObject *type, Py_ssize_t size) {
        return ((PyTypeObject *)type)->tp_alloc((PyTypeObject *)type, size);
    }
    """
    object _alloc_tuple "akhbar_alloc_tuple" (object type, Py_ssize_t size)


cdef object _record(object kind, object start, object end, object surface, tuple tail):
    """The named tuple kind(start, end[, surface], *tail), as tuple.__new__(kind, items) builds it (the type's
    tp_alloc, then the items) but with no tuple of the items first: a third of the scan's time on English."""
    cdef Py_ssize_t lead = 2 if surface is None else 3, index
    record = _alloc_tuple(kind, lead + len(tail))
    Py_INCREF(start)
    PyTuple_SET_ITEM(record, 0, start)
    Py_INCREF(end)
    PyTuple_SET_ITEM(record, 1, end)
    if lead == 3:
        Py_INCREF(surface)
        PyTuple_SET_ITEM(record, 2, surface)
    for index in range(len(tail)):
        item = tail[index]
        Py_INCREF(item)
        PyTuple_SET_ITEM(record, lead + index, item)
    return record


cdef int by_start(const void *a, const void *b) noexcept nogil:
    """Kept hits (their original spans) by start."""
    cdef const Hit *x = <const Hit *>a
    cdef const Hit *y = <const Hit *>b
    return (x.start > y.start) - (x.start < y.start)


cdef class LatinScanner:
    """Gazetteer.scan of an ASCII text, over the trie of the ASCII keys (every one padded " key ")."""

    cdef KeyTrie trie
    cdef uint8_t *case_rules  # per key id: 0 any case, 1 capitalised, 2 capitals
    cdef uint8_t fold[128]  # normalize's fold of each ASCII character
    cdef uint8_t word[128]  # whether a folded character is a letter or digit (ends no possessive)
    cdef list tails  # per key id: the (key, candidates) ending its Match
    cdef list cue_tails  # per key id: the (kind, arabic) ending its Cue
    cdef object match_type
    cdef object cue_type

    def __cinit__(self, KeyTrie trie, list case_rules, list tails, list cue_tails, match_type, cue_type, bytes fold):
        """case_rules, tails and cue_tails: per key id; match_type and cue_type: the named tuples scan builds;
        fold: normalize's fold of the 128 ASCII characters."""
        cdef Py_ssize_t index
        if len(fold) != 128 or max(fold) >= 128:
            raise ValueError("LatinScanner: the fold must map the 128 ASCII characters to ASCII")
        if not len(case_rules) == len(tails) == len(cue_tails):
            raise ValueError("LatinScanner: case_rules, tails and cue_tails must have an item per key id")
        self.case_rules = <uint8_t *>calloc(len(case_rules) + 1, sizeof(uint8_t))
        if not self.case_rules:
            raise MemoryError()
        for index in range(len(case_rules)):
            self.case_rules[index] = <uint8_t>case_rules[index]
        for index in range(128):
            self.fold[index] = fold[index]
            self.word[index] = chr(index).isalnum()
        if not (isinstance(match_type, type) and issubclass(match_type, tuple)) or not (
            isinstance(cue_type, type) and issubclass(cue_type, tuple)
        ):
            raise TypeError("LatinScanner: match_type and cue_type must be tuple types")
        if not all(type(tail) is tuple for tail in tails) or not all(type(tail) is tuple for tail in cue_tails):
            raise TypeError("LatinScanner: every tail must be a tuple")
        self.trie, self.tails, self.cue_tails, self.match_type, self.cue_type = (
            trie, tails, cue_tails, match_type, cue_type
        )

    def __dealloc__(self):
        free(self.case_rules)

    def scan(self, str text):
        """(alias matches, cues) of an ASCII text: Gazetteer.scan's result, built in one pass."""
        if not PyUnicode_IS_ASCII(text):
            raise ValueError("LatinScanner.scan: the text must be ASCII")
        cdef Py_ssize_t size = PyUnicode_GET_LENGTH(text), index, position, norm_size
        cdef const uint8_t *chars = <const uint8_t *>PyUnicode_DATA(text)
        cdef HitList aliases = HitList(NULL, 0, 0), cues = HitList(NULL, 0, 0)
        cdef uint8_t *padded = <uint8_t *>malloc(size + 2)
        cdef int32_t *origin = <int32_t *>malloc((size + 1) * sizeof(int32_t))
        cdef uint8_t *taken = <uint8_t *>calloc(size + 1, sizeof(uint8_t))
        cdef Hit hit
        cdef Py_ssize_t orig_start, orig_end
        cdef uint8_t rule
        cdef bint capitals
        cdef Py_ssize_t kept = 0
        chosen = []
        found = []
        try:
            if padded == NULL or origin == NULL or taken == NULL:
                raise MemoryError()
            norm_size = self._normalise(chars, size, padded + 1, origin)
            padded[0] = padded[norm_size + 1] = SPACE
            self.trie.walk_spaces(1, padded, norm_size + 2, &aliases, &cues)
            qsort(aliases.items, aliases.size, sizeof(Hit), longest_first)
            qsort(cues.items, cues.size, sizeof(Hit), automaton_order)
            for index in range(aliases.size):
                hit = aliases.items[index]
                if taken[hit.start] or taken[hit.end - 1]:
                    continue
                orig_start = origin[hit.start]
                orig_end = origin[hit.end - 1] + 1
                rule = self.case_rules[hit.key]
                if rule and not (65 <= chars[orig_start] <= 90):
                    continue
                if orig_end < size and chars[orig_end] == 46 and _abbreviation(chars, orig_start, orig_end):
                    orig_end += 1  # "U.S." keeps its final dot
                if rule == 2:
                    capitals = True
                    for position in range(orig_start, orig_end):
                        if 97 <= chars[position] <= 122:
                            capitals = False
                            break
                    if not capitals:
                        continue
                for position in range(hit.start, hit.end):
                    taken[position] = 1
                aliases.items[kept] = Hit(<int32_t>orig_start, <int32_t>orig_end, hit.key, 0)  # kept <= index
                kept += 1
            qsort(aliases.items, kept, sizeof(Hit), by_start)  # matches never overlap: their starts differ
            for index in range(kept):
                hit = aliases.items[index]
                chosen.append(
                    _record(self.match_type, hit.start, hit.end, text[hit.start : hit.end], self.tails[hit.key])
                )
            for index in range(cues.size):
                hit = cues.items[index]
                found.append(
                    _record(self.cue_type, origin[hit.start], origin[hit.end - 1] + 1, None, self.cue_tails[hit.key])
                )
        finally:
            free(aliases.items)
            free(cues.items)
            free(padded)
            free(origin)
            free(taken)
        return chosen, found

    cdef Py_ssize_t _normalise(self, const uint8_t *chars, Py_ssize_t size, uint8_t *norm, int32_t *origin) noexcept:
        """normalize_mapped of an ASCII text into norm (the kept characters) and origin (their indexes).

        The fold maps each character to one (`fold`); apostrophes go, with the "s" of a possessive
        ("'s" before no letter or digit); a space right after another folded space goes.
        """
        cdef Py_ssize_t index = 0, kept = 0
        cdef uint8_t char
        cdef bint after_space = False
        while index < size:
            char = self.fold[chars[index]]
            if char == 39:  # an apostrophe
                if (
                    index + 1 < size
                    and self.fold[chars[index + 1]] == 115
                    and (index + 2 == size or not self.word[self.fold[chars[index + 2]]])
                ):
                    index += 1  # a possessive: its "s" goes too
                after_space = False
                index += 1
                continue
            if char == SPACE:
                if after_space:
                    index += 1
                    continue
                after_space = True
            else:
                after_space = False
            norm[kept] = char
            origin[kept] = <int32_t>index
            kept += 1
            index += 1
        return kept


cdef bint _abbreviation(const uint8_t *chars, Py_ssize_t start, Py_ssize_t end) noexcept nogil:
    """`(?:[A-Za-z]\\.)+[A-Za-z]$` matched on chars[start:end]: letters and dots alternating, letters outside."""
    cdef Py_ssize_t position
    cdef uint8_t char
    if (end - start) < 3 or (end - start) % 2 == 0:
        return False
    for position in range(start, end):
        char = chars[position]
        if (position - start) % 2:
            if char != 46:
                return False
        elif not (65 <= (char & 0xDF) <= 90):
            return False
    return True
