# cython: language_level=3, boundscheck=False, wraparound=False
"""The entity stage's per-span loops, compiled beside the SpanCandidate builder they share.

candidate makes a SpanCandidate as _records.pyx makes the entity records (the slot machinery of
_records.pxd: ~4x cheaper than its __init__). The loops: new_candidates (entities.py: the tagger's and
the rules' spans), kb_spans (kb_readings.kb_candidates), merged_spans (entity_spans.merge_spans) and
clustered (entity_linking.build_entities, whose entities _records.pyx then builds and ranks); their
Python references are in tests/unit/entity_build_reference.py and tests/unit/test_kb_kernels.py.
"""

from libc.stdlib cimport free, malloc, qsort
from libc.string cimport memmove

from enrichment._records cimport _put, _record, _slots


cdef tuple _CANDIDATE = None  # SpanCandidate's slots, fetched at first use (entity_spans, its module, imports this one)
cdef type _CANDIDATE_CLASS = None


cdef int _candidate_slots() except -1:
    global _CANDIDATE, _CANDIDATE_CLASS
    from enrichment.entity_spans import SpanCandidate

    _CANDIDATE = _slots(SpanCandidate, ("start", "end", "type", "source", "entry", "weak", "ambiguous"))
    _CANDIDATE_CLASS = SpanCandidate
    return 0


cdef object _candidate(start, end, kind, source, entry, weak, ambiguous):
    if _CANDIDATE is None:
        _candidate_slots()
    record = _record(_CANDIDATE_CLASS)
    _put(_CANDIDATE, 0, record, start)
    _put(_CANDIDATE, 1, record, end)
    _put(_CANDIDATE, 2, record, kind)
    _put(_CANDIDATE, 3, record, source)
    _put(_CANDIDATE, 4, record, entry)
    _put(_CANDIDATE, 5, record, weak)
    _put(_CANDIDATE, 6, record, ambiguous)
    return record


def candidate(start, end, kind, source, entry=None, weak=False, ambiguous=False):
    """Equal to SpanCandidate(start, end, kind, source, entry, weak, ambiguous), ~4x cheaper (~80 an article)."""
    return _candidate(start, end, kind, source, entry, weak, ambiguous)


def new_candidates(list spans, set known, str source):
    """[SpanCandidate(start, end, kind, source) for start, end, kind in spans if (start, end, kind) not in known]."""
    cdef list out = []
    cdef tuple span
    for span in spans:
        if known and span in known:
            continue
        out.append(_candidate(span[0], span[1], span[2], source, None, False, False))
    return out


cdef struct _Candidate:
    Py_ssize_t start
    Py_ssize_t end
    Py_ssize_t index  # place in `others`: ties keep it, as a stable sort does


cdef int _longest_first(const void *left, const void *right) noexcept nogil:
    """By (start - end, start, index): entity_spans._longest_first, stably."""
    cdef const _Candidate *a = <const _Candidate *>left
    cdef const _Candidate *b = <const _Candidate *>right
    cdef Py_ssize_t length_a = a.end - a.start, length_b = b.end - b.start
    if length_a != length_b:
        return -1 if length_a > length_b else 1
    if a.start != b.start:
        return -1 if a.start < b.start else 1
    return -1 if a.index < b.index else (1 if a.index > b.index else 0)


def merged_spans(list kept, list others, str text, gazetteer, replaces, en_demonym, ar_nisba, compound_adjective):
    """entity_spans.merge_spans' loop over C arrays (tests/unit/entity_build_reference.py: bisecting_merge).

    `kept` (the KB spans, changed in place and returned) must be sorted and disjoint: None when they are
    not, and the caller takes its linear scan. replaces is entity_spans._replaces; the three patterns'
    match/search methods are _not_a_name's tests.
    """
    cdef Py_ssize_t size = len(kept), count = len(others), capacity, index, first, last, low, high, middle
    cdef Py_ssize_t start, end
    cdef Py_UCS4 initial
    cdef Py_ssize_t *starts
    cdef Py_ssize_t *ends
    cdef _Candidate *order
    capacity = size + count + 1
    starts = <Py_ssize_t *>malloc(capacity * sizeof(Py_ssize_t))
    ends = <Py_ssize_t *>malloc(capacity * sizeof(Py_ssize_t))
    order = <_Candidate *>malloc(capacity * sizeof(_Candidate))
    try:
        if starts == NULL or ends == NULL or order == NULL:
            raise MemoryError()
        for index in range(size):
            span = kept[index]
            starts[index] = span.start
            ends[index] = span.end
            if index and ends[index - 1] > starts[index]:
                return None
        for index in range(count):
            span = others[index]
            order[index].start = span.start
            order[index].end = span.end
            order[index].index = index
        qsort(order, count, sizeof(_Candidate), _longest_first)
        for index in range(count):
            start = order[index].start
            end = order[index].end
            if end <= start:
                continue
            span = others[order[index].index]
            low, high = 0, size  # bisect_right(ends, start): the first kept span ending after `start`
            while low < high:
                middle = (low + high) // 2
                if start < ends[middle]:
                    high = middle
                else:
                    low = middle + 1
            first = low
            high = size  # bisect_left(starts, end, first): the first kept span starting at or after `end`
            while low < high:
                middle = (low + high) // 2
                if starts[middle] < end:
                    low = middle + 1
                else:
                    high = middle
            last = low
            if first != last and not replaces(span, kept[first:last], text, gazetteer):
                continue
            surface = text[start:end]
            if " " not in surface:  # a one-word demonym? Each pattern's first letter rules the other out.
                initial = text[start]
                if 65 <= initial <= 90:  # A-Z
                    if en_demonym(surface) is not None:
                        continue
                elif 0x621 <= initial <= 0x64A and ar_nisba(surface) is not None:
                    continue
            if "-" in surface and compound_adjective(surface) is not None:
                continue
            if first == last:
                kept.insert(first, span)
            else:
                kept[first:last] = [span]
            if last - first != 1:  # shift the tail: one span takes the place of last - first
                memmove(starts + first + 1, starts + last, (size - last) * sizeof(Py_ssize_t))
                memmove(ends + first + 1, ends + last, (size - last) * sizeof(Py_ssize_t))
                size += 1 - (last - first)
            starts[first] = start
            ends[first] = end
        return kept
    finally:
        free(starts)
        free(ends)
        free(order)


cdef inline str _surname(str key):
    """key.rsplit(" ", 1)[-1]"""
    return key[key.rfind(" ") + 1 :]


cdef Py_ssize_t _spaces(tuple named):
    return -(<str>named[0]).count(" ")


def clustered(list spans, tuple entries, str text, normalize):
    """build_entities' clusters, compiled (tests/unit/entity_build_reference.py: reference_cluster).

    (KB entry index -> its spans, (type, normalised name) -> spans of an unknown entity); entries are the
    gazetteer's KB entries and normalize is enrichment.normalize.normalize.
    """
    cdef dict linked = {}, unknown = {}, kb_surnames = {}, person_surnames = {}
    cdef list people = [], others = [], members
    cdef str name, surname
    for span in spans:
        index = span.entry
        if index is None:
            if span.type == "PERSON":
                people.append((normalize(text[span.start : span.end]), span))
            else:
                others.append(span)
            continue
        found = linked.get(index)
        if found is not None:
            (<list>found).append(span)
            continue
        members = [span]
        linked[index] = members
        entry = entries[index]
        if entry.type == "PERSON":
            for candidate_name in (entry.name_en, entry.name_ar or "", text[span.start : span.end]):
                if candidate_name:
                    kb_surnames[_surname(normalize(candidate_name))] = members
    # Full names before the surname-only mentions that may join them (a stable sort: ties keep text order).
    people.sort(key=_spaces)
    for named in people:
        name = named[0]
        surname = _surname(name)
        found = kb_surnames.get(surname) or person_surnames.get(name if " " in name else surname)
        if found is None:
            key = ("PERSON", name)
            found = unknown.get(key)
            if found is None:
                found = unknown[key] = []
            if " " in name and surname not in person_surnames:
                person_surnames[surname] = found
        (<list>found).append(named[1])
    for span in others:
        key = (span.type, normalize(text[span.start : span.end]))
        found = unknown.get(key)
        if found is None:
            unknown[key] = [span]
        else:
            (<list>found).append(span)
    return linked, unknown


def kb_spans(list matches, tuple entries, tuple weak_ambiguous, reading, gazetteer, set countries, set region_keys):
    """kb_readings.kb_candidates' loop, compiled: a SpanCandidate per alias match (start, end, text, key,
    candidates), of its one reading or of reading(candidates, gazetteer, countries, key in region_keys);
    weak_ambiguous maps a reading's flags to the span's (weak, ambiguous)."""
    cdef list out = []
    for match in matches:
        candidates = match[4]
        if len(candidates) == 1:
            index, flags = candidates[0]
        else:
            index, flags = reading(candidates, gazetteer, countries, match[3] in region_keys)
        weak, ambiguous = weak_ambiguous[flags]
        out.append(_candidate(match[0], match[1], entries[index].type, "kb", index, weak, ambiguous))
    return out

