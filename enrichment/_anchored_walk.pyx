# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""The anchor words of enrichment/anchored_rules.py in a compiled character trie, walked from word starts.

An anchor hit begins at a word start (or after one to four Arabic proclitics) and is reported with the
kinds it takes there: at a word end, inside a word (stem kinds), after proclitics. pyahocorasick's
automaton found the same hits by walking every character (a node finds its child by a linear scan) and
made a Python tuple for each, kept or not; the trie is walked only from the places a hit may begin and
makes a tuple only for the hits kept. The reference walk is tests/unit/anchored_rules_reference.py.
"""

cimport cython
from libc.stdint cimport int32_t, uint8_t, uint16_t, uint32_t
from libc.stdlib cimport free, malloc, qsort

from enrichment._growing_array cimport with_room


cdef extern from "Python.h":
    void *PyUnicode_DATA(object text)
    int PyUnicode_KIND(object text)
    Py_ssize_t PyUnicode_GET_LENGTH(object text)
    bint Py_UNICODE_ISALNUM(Py_UCS4 char) nogil
    bint Py_UNICODE_ISDECIMAL(Py_UCS4 char) nogil


ctypedef fused code_t:  # the three widths of a str's characters
    uint8_t
    uint16_t
    uint32_t


cdef enum:
    CODE_LIMIT = 0x800  # characters below it have a column in the dense rows; others scan a node's children
    INSIDE = 1  # the hit ends inside a word
    CLITIC = 2  # the hit begins after proclitics


ctypedef struct Hit:
    int32_t start
    int32_t end
    int32_t word
    int32_t flags  # INSIDE, CLITIC: the index of the pairs it takes


ctypedef struct HitList:
    Hit *items
    Py_ssize_t size
    Py_ssize_t capacity


cdef bint ALNUM[CODE_LIMIT]  # str.isalnum of the Latin and Arabic characters
for _code in range(CODE_LIMIT):
    ALNUM[_code] = chr(_code).isalnum()


cdef inline bint _alnum(Py_UCS4 char) noexcept nogil:
    return ALNUM[char] if char < CODE_LIMIT else Py_UNICODE_ISALNUM(char)


cdef inline bint _proclitic(Py_UCS4 char) noexcept nogil:
    """و ف ب ل ك and the alef of the article."""
    return char == 0x648 or char == 0x641 or char == 0x628 or char == 0x644 or char == 0x643 or char == 0x627


cdef int _by_end(const void *a, const void *b) noexcept nogil:
    """The automaton's order: by end, then the longest (earliest start) first."""
    cdef const Hit *x = <const Hit *>a
    cdef const Hit *y = <const Hit *>b
    if x.end != y.end:
        return -1 if x.end < y.end else 1
    return (x.start > y.start) - (x.start < y.start)


@cython.final
cdef class AnchorTrie:
    """Words with their (slot, kind) pairs; `walk` appends each hit's (kind, start, end) to results[slot]."""

    cdef Py_ssize_t node_count
    cdef uint32_t *label  # per node: the character leading to it (a node's children are consecutive, sorted)
    cdef int32_t *first  # per node: its first child
    cdef int32_t *count  # per node: how many children it has
    cdef int32_t *word  # per node: the word id ending there, or -1
    cdef int32_t *row  # per node with more than four children: its row of `rows`, else -1
    cdef int32_t *rows  # a child per column (-1: none)
    cdef Py_ssize_t columns
    cdef int32_t column[CODE_LIMIT]  # the column of each word character below CODE_LIMIT, or -1
    cdef list pairs  # per word id: (at a word end, inside a word, after proclitics at an end, ... inside)

    def __cinit__(self, list words):
        """words: (word, (whole, stems, clitic whole, clitic stems)), each a tuple of (slot, kind) pairs."""
        cdef Py_ssize_t index
        top: list = [{}, -1]  # a node as [children by character, word id]
        self.pairs = []
        for text, pairs in words:
            if not text or len(pairs) != 4:
                raise ValueError("AnchorTrie: every word needs a character and four tuples of pairs")
            node = top
            for char in text:
                node = node[0].setdefault(char, [{}, -1])
            if node[1] < 0:  # a repeated word keeps its first pairs
                node[1] = len(self.pairs)
                self.pairs.append(tuple(pairs))
        queue = [top]  # breadth first, so that each node's children are consecutive
        characters = [0]
        for node in queue:
            for char in sorted(node[0]):
                queue.append(node[0][char])
                characters.append(ord(char))
        self.node_count = len(queue)
        self.label = <uint32_t *>malloc(self.node_count * sizeof(uint32_t))
        self.first = <int32_t *>malloc(self.node_count * sizeof(int32_t))
        self.count = <int32_t *>malloc(self.node_count * sizeof(int32_t))
        self.word = <int32_t *>malloc(self.node_count * sizeof(int32_t))
        if not (self.label and self.first and self.count and self.word):
            raise MemoryError()
        following = 1
        for index in range(self.node_count):
            node = queue[index]
            self.label[index] = characters[index]
            self.first[index] = following
            self.count[index] = len(node[0])
            self.word[index] = node[1]
            following += len(node[0])
        letters = sorted({code for code in characters[1:] if code < CODE_LIMIT})
        for index in range(CODE_LIMIT):
            self.column[index] = -1
        for index, code in enumerate(letters):
            self.column[code] = <int32_t>index
        self.columns = len(letters)
        wide = [index for index in range(self.node_count) if self.count[index] > 4]
        self.row = <int32_t *>malloc(self.node_count * sizeof(int32_t))
        self.rows = <int32_t *>malloc((len(wide) * self.columns + 1) * sizeof(int32_t))
        if not (self.row and self.rows):
            raise MemoryError()
        for index in range(self.node_count):
            self.row[index] = -1
        for index in range(len(wide) * self.columns):
            self.rows[index] = -1
        for number, node in enumerate(wide):
            self.row[node] = number
            for child in range(self.first[node], self.first[node] + self.count[node]):
                if self.label[child] < CODE_LIMIT:
                    self.rows[number * self.columns + self.column[self.label[child]]] = child

    def __dealloc__(self):
        free(self.label)
        free(self.first)
        free(self.count)
        free(self.word)
        free(self.row)
        free(self.rows)

    cdef inline int32_t _child(self, int32_t node, Py_UCS4 char) noexcept nogil:
        cdef int32_t child = self.first[node], last = self.first[node] + self.count[node]
        if self.row[node] >= 0 and char < CODE_LIMIT:
            if self.column[char] < 0:
                return -1
            return self.rows[self.row[node] * self.columns + self.column[char]]
        while child < last:
            if self.label[child] == char:
                return child
            child += 1
        return -1

    def walk(self, str text, list results, Py_ssize_t start=0, Py_ssize_t stop=-1):
        """Append the hits lying in text[start:stop] (their word boundaries read in all of `text`), by end."""
        cdef Py_ssize_t size = PyUnicode_GET_LENGTH(text), index
        cdef int kind = PyUnicode_KIND(text)
        cdef void *data = PyUnicode_DATA(text)
        cdef HitList hits = HitList(NULL, 0, 0)
        cdef Hit hit
        if stop < 0 or stop > size:
            stop = size
        try:
            if kind == 1:
                self._collect(<const uint8_t *>data, size, max(start, 0), stop, &hits)
            elif kind == 2:
                self._collect(<const uint16_t *>data, size, max(start, 0), stop, &hits)
            else:
                self._collect(<const uint32_t *>data, size, max(start, 0), stop, &hits)
            qsort(hits.items, hits.size, sizeof(Hit), _by_end)
            for index in range(hits.size):
                hit = hits.items[index]
                for slot, name in self.pairs[hit.word][hit.flags]:
                    (<list>results[slot]).append((name, hit.start, hit.end))
        finally:
            free(hits.items)
        return results

    cdef int _collect(self, const code_t *chars, Py_ssize_t size, Py_ssize_t start, Py_ssize_t stop,
                      HitList *hits) except -1:
        """Every word of the trie beginning at a word start (or after proclitics) in chars[start:stop]."""
        cdef Py_ssize_t origin, at, run
        cdef int32_t node, flags
        cdef Py_UCS4 before
        for origin in range(start, stop):
            flags = 0
            if origin > 0:
                before = chars[origin - 1]
                if _alnum(before):
                    if not _proclitic(before):
                        continue
                    run = 1  # up to four proclitics, then no letter or digit (the reference._clitic_prefixed)
                    while run < 4 and origin - run > 0 and _proclitic(chars[origin - run - 1]):
                        run += 1
                    if origin - run > 0 and _alnum(chars[origin - run - 1]):
                        continue
                    flags = CLITIC
            node = 0
            at = origin
            while at < stop:
                node = self._child(node, chars[at])
                if node < 0:
                    break
                at += 1
                if self.word[node] >= 0:
                    _push(hits, Hit(<int32_t>origin, <int32_t>at, self.word[node],
                                    flags | (at < size and _alnum(chars[at]))))
        return 0


cdef int _push(HitList *hits, Hit hit) except -1:
    hits.items = <Hit *>with_room(hits.items, hits.size, &hits.capacity, sizeof(Hit))
    hits.items[hits.size] = hit
    hits.size += 1
    return 0


def year_spans(str text):
    """(start, end) of each match of r"[12]\\d\\d\\d" in `text`, as re.finditer finds them (dates.grammar's
    anchors of bare years): one compiled pass instead of a regex trying every character."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t size = PyUnicode_GET_LENGTH(text)
    if kind == 1:
        return _years(<const uint8_t *>data, size)
    if kind == 2:
        return _years(<const uint16_t *>data, size)
    return _years(<const uint32_t *>data, size)


cdef list _years(const code_t *chars, Py_ssize_t size):
    cdef Py_ssize_t at = 0
    found = []
    while at + 3 < size:
        if (
            (chars[at] == 49 or chars[at] == 50)
            and Py_UNICODE_ISDECIMAL(chars[at + 1])
            and Py_UNICODE_ISDECIMAL(chars[at + 2])
            and Py_UNICODE_ISDECIMAL(chars[at + 3])
        ):
            found.append((at, at + 4))
            at += 4
        else:
            at += 1
    return found
