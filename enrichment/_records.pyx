# cython: language_level=3, boundscheck=False, wraparound=False
"""Mention, Names, Place and Entity records built without their dataclass __init__ (enrichment/fast_records.py),
and the entities of a document's clusters built, scored and ranked with them (entity_linking.build_entities).

A frozen dataclass's __init__ stores each field through `object.__setattr__`; calling the slot
descriptors' setters from Python costs a method-wrapper call a field. Here each field is stored by
the descriptor's own C setter (tp_descr_set, what that wrapper calls) and the record is made by the
class's tp_new (_record and _put, in _records.pxd): the same objects, ~5x cheaper (an English article
builds ~20 entities and ~30 mentions with the KB alone, ~45 and ~60 with the tagger). The field lists
are checked against enrichment.types at import, so a changed record fails loudly instead of leaving a
slot unset.

The entities' loops (each with its Python reference in tests/unit/entity_build_reference.py):
linked_entities and unknown_entities build a cluster's Entity and its salience, and ranked is the
salience sort. The loops over spans that come before them are in _span_loops.pyx.
"""

from libc.stdlib cimport free, malloc, qsort

from enrichment.types import Entity, Mention, Names, Place


cdef tuple _MENTION = _slots(Mention, ("start", "end", "text"))
cdef tuple _NAMES = _slots(Names, ("ar", "en"))
cdef tuple _PLACE = _slots(Place, ("entity_id", "name", "country_code", "lat", "lon"))
cdef tuple _ENTITY = _slots(
    Entity, ("id", "type", "name", "names", "kb_id", "salience", "mentions", "subtype", "country_code", "lat", "lon")
)


def mention(start, end, text):
    """Equal to Mention(start, end, text)."""
    return _mention(start, end, text)


cdef object _mention(start, end, text):
    record = _record(Mention)
    _put(_MENTION, 0, record, start)
    _put(_MENTION, 1, record, end)
    _put(_MENTION, 2, record, text)
    return record


def names(ar, en):
    """Equal to Names(ar=ar, en=en)."""
    return _names(ar, en)


cdef object _names(ar, en):
    record = _record(Names)
    _put(_NAMES, 0, record, ar)
    _put(_NAMES, 1, record, en)
    return record


def place(entity_id, name, country_code, lat, lon):
    """Equal to Place(entity_id, name, country_code, lat, lon)."""
    record = _record(Place)
    _put(_PLACE, 0, record, entity_id)
    _put(_PLACE, 1, record, name)
    _put(_PLACE, 2, record, country_code)
    _put(_PLACE, 3, record, lat)
    _put(_PLACE, 4, record, lon)
    return record


def entity(entity_id, entity_type, name, names, kb_id, salience, mentions, subtype=None, country_code=None, lat=None,
           lon=None):
    """Equal to Entity(entity_id, entity_type, name, names, kb_id, salience, mentions, subtype, ...)."""
    return _entity(entity_id, entity_type, name, names, kb_id, salience, mentions, subtype, country_code, lat, lon)


def linked_entity(tuple fields, salience, mentions):
    """Equal to entity(id, type, name, names, id, salience, mentions, subtype, country, lat, lon) of `fields`:
    (id, type, name, names, subtype, country code, lat, lon) of a KB entry."""
    return _linked_entity(fields, salience, mentions)


cdef object _linked_entity(tuple fields, salience, mentions):
    if len(fields) != 8:
        raise ValueError("linked_entity: fields are (id, type, name, names, subtype, country code, lat, lon)")
    return _entity(fields[0], fields[1], fields[2], fields[3], fields[0], salience, mentions, fields[4], fields[5],
                   fields[6], fields[7])


cdef object _entity(entity_id, entity_type, name, names, kb_id, salience, mentions, subtype, country_code, lat, lon):
    record = _record(Entity)
    _put(_ENTITY, 0, record, entity_id)
    _put(_ENTITY, 1, record, entity_type)
    _put(_ENTITY, 2, record, name)
    _put(_ENTITY, 3, record, names)
    _put(_ENTITY, 4, record, kb_id)
    _put(_ENTITY, 5, record, salience)
    _put(_ENTITY, 6, record, mentions)
    _put(_ENTITY, 7, record, subtype)
    _put(_ENTITY, 8, record, country_code)
    _put(_ENTITY, 9, record, lat)
    _put(_ENTITY, 10, record, lon)
    return record


cdef extern from "math.h":
    double exp(double x) nogil
    double log2(double x) nogil
    double floor(double x) nogil


cdef object _round4(double value):
    """round(value, 4), without its decimal conversion (~0.5 µs, a tenth of an article's entity building).

    For 0 < value < 1e7 the scaled value errs by under 1e-5 of a unit; away from a half it rounds like
    the exact one, and the integer over 10000 is then the double nearest the rounded decimal, which is
    what round returns. Near a half (and out of that range) Python's round decides.
    """
    cdef double scaled = value * 10000.0
    cdef double whole = floor(scaled)
    cdef double fraction = scaled - whole
    if not (0.0 < value < 1e7) or 0.4999 < fraction < 0.5001:
        return round(value, 4)
    return (whole + (fraction > 0.5)) / 10000.0


def round4(double value):
    """Equal to round(value, 4) for every float."""
    return _round4(value)


cdef enum:
    LEAD_CHARS = 400  # characters after the title that count as the lead


cdef object _salience(const Py_ssize_t *starts, Py_ssize_t count, Py_ssize_t title_end, Py_ssize_t lead_start,
                      Py_ssize_t size, Py_ssize_t total):
    """Salience of the sorted distinct mention starts, to the bits of the Python formula (`_salience` in
    tests/unit/entity_build_reference.py).

    The terms are added in the Python expression's order, with the same libm exp and log2, and rounded
    as Python's round(x, 4) rounds (_round4).
    """
    cdef Py_ssize_t first = starts[0], lead = 0
    cdef double raw
    cdef bint in_lead
    while lead < count and starts[lead] < lead_start:  # bisect_left(starts, lead_start)
        lead += 1
    in_lead = lead < count and starts[lead] < lead_start + LEAD_CHARS
    raw = 1.2 * <double>(first < title_end) + 0.8 * <double>in_lead + 0.6 * log2(<double>(1 + count))
    raw = raw + 0.4 * (1.0 - <double>first / <double>size)
    return _round4(1.0 - exp(-(raw + <double>count / <double>total) / 2.0))


def salience(list starts, Py_ssize_t title_end, Py_ssize_t lead_start, Py_ssize_t size, Py_ssize_t total):
    """Salience of sorted distinct starts (size and total at least 1): the Python formula, compiled."""
    cdef Py_ssize_t count = len(starts), index
    cdef Py_ssize_t *values = <Py_ssize_t *>malloc(max(count, 1) * sizeof(Py_ssize_t))
    if values == NULL:
        raise MemoryError()
    try:
        for index in range(count):
            values[index] = starts[index]
        return _salience(values, count, title_end, lead_start, size, total)
    finally:
        free(values)


cdef class _Positions:
    """Growable C arrays of a cluster's mention starts and ends."""

    cdef Py_ssize_t *starts
    cdef Py_ssize_t *ends
    cdef Py_ssize_t capacity

    def __cinit__(self):
        self.capacity = 0
        self.starts = self.ends = NULL

    def __dealloc__(self):
        free(self.starts)
        free(self.ends)

    cdef int reserve(self, Py_ssize_t count) except -1:
        if count <= self.capacity:
            return 0
        free(self.starts)
        free(self.ends)
        self.capacity = max(count, 16)
        self.starts = <Py_ssize_t *>malloc(self.capacity * sizeof(Py_ssize_t))
        self.ends = <Py_ssize_t *>malloc(self.capacity * sizeof(Py_ssize_t))
        if self.starts == NULL or self.ends == NULL:
            self.capacity = 0
            raise MemoryError()
        return 0

    cdef tuple mentions(self, list members, str text, Py_ssize_t *count):
        """The distinct mentions in text order (their positions left in the arrays)."""
        cdef Py_ssize_t index, size = len(members)
        cdef bint ordered = True
        self.reserve(size)
        for index in range(size):
            span = members[index]
            self.starts[index] = span.start
            self.ends[index] = span.end
            if index and self.starts[index] <= self.starts[index - 1]:
                ordered = False
        if not ordered:  # rare: people joined out of text order (or repeated spans)
            positions = sorted({(span.start, span.end) for span in members})
            size = len(positions)
            for index in range(size):
                self.starts[index], self.ends[index] = positions[index]
        count[0] = size
        return tuple([_mention(self.starts[index], self.ends[index], text[self.starts[index] : self.ends[index]])
                      for index in range(size)])


def linked_entities(dict linked, dict fields, entry_fields, str text, Py_ssize_t title_end, Py_ssize_t lead_start,
                    Py_ssize_t size, Py_ssize_t total, list built):
    """(-salience, first start, Entity) of each KB entry's cluster of spans, appended to `built`.

    linked: entry index -> its spans in text order (clustered); fields: entry index ->
    EntryFields, filled by entry_fields(index) when missing. What build_entities did for them in Python.
    """
    cdef _Positions positions = _Positions()
    cdef Py_ssize_t count
    for entry, members in linked.items():
        mentions = positions.mentions(members, text, &count)
        found = _salience(positions.starts, count, title_end, lead_start, size, total)
        values = fields.get(entry)
        if values is None:
            values = fields[entry] = entry_fields(entry)
        built.append((-found, positions.starts[0], _linked_entity(values, found, mentions)))


def unknown_entities(dict unknown, dict ids, key_id, normalize, arabic_letter, str text, Py_ssize_t title_end,
                     Py_ssize_t lead_start, Py_ssize_t size, Py_ssize_t total, list built):
    """(-salience, first start, Entity) of each unknown entity's cluster, appended to `built`.

    unknown: (type, normalised name) -> spans; the entity is named by its longest mention (the first of
    the longest), and its name is Arabic when arabic_letter (a compiled pattern's search) finds an
    Arabic letter in it. Its id is key_id(type, normalize(name)), remembered in `ids` under (type,
    normalize(name)). Every mention of a cluster of another type than PERSON normalises to the
    cluster's key (clustered groups them so): that key is the memo key, with no normalize call and no
    new tuple. A PERSON cluster may hold surname-only mentions, so its longest mention is normalised.
    """
    cdef _Positions positions = _Positions()
    cdef Py_ssize_t count, index, longest
    cdef tuple key, memo_key
    for key, members in unknown.items():
        kind = key[0]
        mentions = positions.mentions(members, text, &count)
        found = _salience(positions.starts, count, title_end, lead_start, size, total)
        longest = 0
        for index in range(1, count):
            if positions.ends[index] - positions.starts[index] > positions.ends[longest] - positions.starts[longest]:
                longest = index
        name = (<object>mentions[longest]).text
        arabic = not name.isascii() and arabic_letter(name) is not None
        entity_names = _names(name, None) if arabic else _names(None, name)
        memo_key = (kind, normalize(name)) if kind == "PERSON" else key
        ident = ids.get(memo_key)
        if ident is None:
            ident = ids[memo_key] = key_id(kind, memo_key[1])
        built.append(
            (-found, positions.starts[0], _entity(ident, kind, name, entity_names, None, found, mentions, None, None,
                                                 None, None))
        )


cdef struct _Ranked:
    double key  # -salience
    Py_ssize_t start  # first mention
    Py_ssize_t index  # place in `built`: ties keep it, as a stable sort does


cdef int _rank_order(const void *left, const void *right) noexcept nogil:
    cdef const _Ranked *a = <const _Ranked *>left
    cdef const _Ranked *b = <const _Ranked *>right
    if a.key != b.key:
        return -1 if a.key < b.key else 1
    if a.start != b.start:
        return -1 if a.start < b.start else 1
    return -1 if a.index < b.index else (1 if a.index > b.index else 0)


def ranked(list built):
    """The entities of `built`'s (-salience, first start, entity) in the order of a stable sort on the first
    two: tuple([found for _, _, found in sorted(built, key=itemgetter(0, 1))]), without a key tuple a row
    (sorting ~45 rows by tuples was ~10 µs an article)."""
    cdef Py_ssize_t count = len(built), index
    cdef _Ranked *rows
    cdef tuple row
    for row in built:
        if row[0] != row[0]:  # NaN: no order for qsort; Python's sort decides
            return tuple([found for _, _, found in sorted(built, key=lambda item: (item[0], item[1]))])
    rows = <_Ranked *>malloc(max(count, 1) * sizeof(_Ranked))
    if rows == NULL:
        raise MemoryError()
    try:
        for index in range(count):
            row = built[index]
            rows[index].key = row[0]
            rows[index].start = row[1]
            rows[index].index = index
        qsort(rows, count, sizeof(_Ranked), _rank_order)
        return tuple([(<tuple>built[rows[index].index])[2] for index in range(count)])
    finally:
        free(rows)
