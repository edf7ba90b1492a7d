"""How the record builders (_records.pyx) and the span loops (_span_loops.pyx) make a frozen or slotted dataclass
without its __init__: the record made by its class's tp_new, each field stored by its slot descriptor's own C
setter (tp_descr_set, what `object.__setattr__` calls through a method wrapper). Header only: inlined where
cimported."""

from cpython.object cimport PyObject, PyTypeObject, Py_TYPE


cdef inline tuple _slots(cls, tuple names):
    """The slot descriptors of `cls` in field order; `names` must be exactly its fields (checked at import)."""
    import dataclasses

    if tuple([field.name for field in dataclasses.fields(cls)]) != names:
        raise RuntimeError(f"{cls.__name__} fields changed: update its builder (enrichment._records, _span_loops)")
    return tuple([cls.__dict__[name] for name in names])


cdef inline object _record(type cls):
    """cls.__new__(cls): a record whose slots are all unset."""
    return (<PyTypeObject *>cls).tp_new(cls, <PyObject *>(), NULL)


cdef inline int _put(tuple slots, Py_ssize_t index, object record, object value) except -1:
    """Store `value` in slot `index` of `record` with the descriptor's C setter."""
    cdef object descriptor = slots[index]
    return Py_TYPE(descriptor).tp_descr_set(descriptor, record, value)
