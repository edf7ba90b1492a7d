"""Growing C arrays: the tries' hits (_key_trie.pyx and _anchored_walk.pyx, each with its own Hit struct)
and the tagger's feature ids (ner/_feature_ids.pxd). The growth is here once; each caller stores its typed
item. Inlined where cimported."""

from libc.stdlib cimport realloc


cdef inline void *with_room(void *items, Py_ssize_t size, Py_ssize_t *capacity, size_t item_size) except NULL:
    """`items` (`size` items of item_size bytes, room for capacity[0]) with room for one more: reallocated to
    twice the capacity (64 items at first) when full, capacity[0] updated. The old block stays on failure."""
    cdef void *grown
    if size < capacity[0]:
        return items
    capacity[0] = capacity[0] * 2 if capacity[0] else 64
    grown = realloc(items, capacity[0] * item_size)
    if grown == NULL:
        raise MemoryError()
    return grown
