"""Declarations of the gazetteer's key trie (_key_trie.pyx), for the ASCII scan that walks it (_ascii_scan.pyx)."""

cimport cython
from libc.stdint cimport int8_t, int32_t, uint8_t, uint16_t, uint64_t


cdef extern from "Python.h":
    bint PyUnicode_IS_ASCII(object text)
    void *PyUnicode_DATA(object text)
    int PyUnicode_KIND(object text)
    Py_ssize_t PyUnicode_GET_LENGTH(object text)
    Py_UCS4 PyUnicode_READ(int kind, void *data, Py_ssize_t index) nogil


cdef enum:
    CODE_LIMIT = 0x800  # every key character is below it (checked when building)
    NO_SYMBOL = 255
    SPACE = 32
    ALIAS = 1
    CUE = 2
    SKIP = 4  # the "لل" form of an "ال" key: its first letter is a clitic, and only و ف may precede it
    WAW = 0x648  # the proclitic letters
    FA = 0x641
    BA = 0x628
    LAM = 0x644
    KAF = 0x643


ctypedef struct Hit:
    int32_t start  # normalised start of the entity
    int32_t end  # normalised end (exclusive)
    int32_t key  # the gazetteer's key id
    int32_t origin  # padded index of the key's first character


ctypedef struct HitList:
    Hit *items
    Py_ssize_t size
    Py_ssize_t capacity


ctypedef struct Node:
    int32_t first_child  # -1 for a leaf
    int32_t next_sibling  # siblings are in character order
    int32_t key  # the key id ending here, or -1
    int32_t row  # a node with three children or more: its row of `transitions`; else -1
    uint16_t label  # the character leading to this node


cdef int longest_first(const void *a, const void *b) noexcept nogil
cdef int automaton_order(const void *a, const void *b) noexcept nogil


@cython.final  # direct (inlinable) calls of its methods, no vtable
cdef class KeyTrie:
    cdef Node *nodes
    cdef Py_ssize_t node_count
    cdef int32_t *transitions  # rows of `alphabet` children (-1: none)
    cdef Py_ssize_t alphabet
    cdef uint8_t symbol[CODE_LIMIT]  # a character's column in the rows
    cdef uint8_t *kinds  # per key id: ALIAS, CUE, SKIP
    cdef int8_t *shift  # per key id: normalised entity start minus the padded index of the key's first char
    cdef uint64_t *first_words  # bit set of the hashed first words of the keys padded " key "; NULL: no filter

    cdef bint may_begin(self, int kind, void *data, Py_ssize_t size, Py_ssize_t origin, Py_ssize_t *after) noexcept nogil

    cdef void _insert(self, str key, int32_t key_id)
    cdef int _first_word_set(self, list keys) except -1
    cdef inline int32_t child(self, int32_t node, Py_UCS4 char) noexcept nogil
    cdef int walk(self, int kind, void *data, Py_ssize_t size, Py_ssize_t origin, Py_ssize_t glued,
                  HitList *aliases, HitList *cues) except -1
    cdef int walk_spaces(self, int kind, void *data, Py_ssize_t size, HitList *aliases, HitList *cues) except -1
    cdef int walk_tokens(self, int kind, void *data, Py_ssize_t size, HitList *aliases, HitList *cues) except -1
