"""The tagger's (word, sentence-initial) -> table row index as a C hash table keyed by text slices
(inlined where cimported), and the declaration of `RowIndex` (_row_index.pyx), the Python object that
wraps it and that _token_scan.pyx reads at C level.

A Python dict look-up needs a str per token, its SipHash, and touches the index, the entry, the key
and the int value: four cache misses in a table of 10^5 types. Here a token's text slice is hashed
in place (FNV-1a over its code points), and a slot holds a check hash, the row and the key str, so a
look-up touches the slot and the key. The keys are owned references to the words' strs, which the
scanner then hands out as the tokens' words (no str made for a known token).
"""

from cpython.object cimport PyObject
from cpython.ref cimport Py_DECREF, Py_INCREF
from libc.stdint cimport int32_t, int64_t, uint32_t, uint64_t
from libc.stdlib cimport calloc, free
from libc.string cimport memcmp


cdef extern from "Python.h":
    Py_ssize_t key_length "PyUnicode_GET_LENGTH"(PyObject* text) nogil
    int key_kind "PyUnicode_KIND"(PyObject* text) nogil
    void* key_data "PyUnicode_DATA"(PyObject* text) nogil
    uint32_t read_point "PyUnicode_READ"(int kind, const void* data, Py_ssize_t index) nogil


cdef struct Slot:
    uint32_t check  # high bits of the hash, never 0 (0: empty slot)
    int32_t value  # row * 2 + initial
    PyObject* key  # the word (owned reference)


cdef struct Table:
    Slot* slots
    Py_ssize_t capacity  # a power of two, at least twice `count`
    Py_ssize_t count
    uint64_t seed  # random per table, so that text cannot be crafted to pile its words into one probe chain


cdef inline uint64_t slice_hash(
    uint64_t seed, int kind, const void* data, Py_ssize_t start, Py_ssize_t end, bint initial
) noexcept nogil:
    """FNV-1a over the code points of data[start:end] from a seeded state, mixed with the initial flag and
    finalised."""
    cdef uint64_t value = 0xCBF29CE484222325ULL ^ seed ^ (<uint64_t>initial * 0x9E3779B97F4A7C15ULL)
    cdef Py_ssize_t index
    for index in range(start, end):
        value = (value ^ read_point(kind, data, index)) * 0x100000001B3ULL
    value ^= value >> 31
    value *= 0xBF58476D1CE4E5B9ULL
    return value ^ (value >> 29)


cdef inline uint32_t check_of(uint64_t hash_value) noexcept nogil:
    return <uint32_t>(hash_value >> 32) | 1u


cdef inline bint same_text(PyObject* key, int kind, const char* data, Py_ssize_t start, Py_ssize_t length) noexcept nogil:
    """Whether the str `key` holds the code points data[start:start + length] (in any storage kind)."""
    cdef int other_kind
    cdef const void* other
    cdef Py_ssize_t index
    if key_length(key) != length:
        return False
    other_kind = key_kind(key)
    other = key_data(key)
    if other_kind == kind:
        return memcmp(other, data + start * kind, length * kind) == 0
    for index in range(length):
        if read_point(other_kind, other, index) != read_point(kind, data, start + index):
            return False
    return True


cdef inline Py_ssize_t find_slot(
    const Table* table, int kind, const void* data, Py_ssize_t start, Py_ssize_t end, bint initial, uint64_t hash_value
) noexcept nogil:
    """The slot holding (data[start:end], initial), or -1 - (the empty slot where it would go)."""
    cdef Py_ssize_t mask = table.capacity - 1
    cdef Py_ssize_t slot = <Py_ssize_t>(hash_value & <uint64_t>mask)
    cdef uint32_t check = check_of(hash_value)
    cdef Slot* at
    while True:
        at = &table.slots[slot]
        if at.check == 0:
            return -1 - slot
        if (
            at.check == check
            and (at.value & 1) == initial
            and same_text(at.key, kind, <const char*>data, start, end - start)
        ):
            return slot
        slot = (slot + 1) & mask


cdef inline int table_init(Table* table, Py_ssize_t capacity, uint64_t seed) except -1:
    table.slots = <Slot*>calloc(capacity, sizeof(Slot))
    if table.slots == NULL:
        raise MemoryError()
    table.capacity = capacity
    table.count = 0
    table.seed = seed
    return 0


cdef inline void table_free(Table* table) noexcept:
    cdef Py_ssize_t slot
    if table.slots != NULL:
        for slot in range(table.capacity):
            if table.slots[slot].check != 0:
                Py_DECREF(<object>table.slots[slot].key)
        free(table.slots)
    table.slots = NULL
    table.capacity = 0
    table.count = 0


cdef inline int table_set(Table* table, str word, bint initial, int64_t row) except -1:
    """Maps (word, initial) to row (replacing an earlier row), growing the table to stay half empty."""
    if not 0 <= row < (1 << 30):
        raise OverflowError("RowIndex: rows are 0 .. 2**30 - 1")
    cdef const void* data = key_data(<PyObject*>word)
    cdef int kind = key_kind(<PyObject*>word)
    cdef Py_ssize_t length = key_length(<PyObject*>word)
    cdef uint64_t hash_value = slice_hash(table.seed, kind, data, 0, length, initial)
    cdef Py_ssize_t slot = find_slot(table, kind, data, 0, length, initial, hash_value)
    if slot >= 0:
        table.slots[slot].value = <int32_t>(row * 2 + initial)
        return 0
    if 2 * (table.count + 1) > table.capacity:
        table_grow(table)
        slot = find_slot(table, kind, data, 0, length, initial, hash_value)
    slot = -1 - slot
    Py_INCREF(word)
    table.slots[slot].check = check_of(hash_value)
    table.slots[slot].value = <int32_t>(row * 2 + initial)
    table.slots[slot].key = <PyObject*>word
    table.count += 1
    return 0


cdef inline int table_grow(Table* table) except -1:
    """Doubles the capacity, moving every entry (and its reference) to its new slot."""
    cdef Table grown
    cdef Py_ssize_t slot, target
    cdef Slot* entry
    cdef bint initial
    table_init(&grown, 2 * table.capacity, table.seed)
    for slot in range(table.capacity):
        entry = &table.slots[slot]
        if entry.check == 0:
            continue
        initial = entry.value & 1
        target = -1 - find_slot(
            &grown, key_kind(entry.key), key_data(entry.key), 0, key_length(entry.key), initial,
            slice_hash(table.seed, key_kind(entry.key), key_data(entry.key), 0, key_length(entry.key), initial),
        )
        grown.slots[target] = entry[0]
        grown.count += 1
    free(table.slots)
    table[0] = grown
    return 0


cdef class RowIndex:
    cdef Table table

    cdef int64_t row(self, str word, bint initial)
