# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""Compiled document-level consistency rules (consistency.py holds their plain-Python definitions).

In Python both rules cost more than decoding the document (English ~0.1 ms an article: sets of word
tuples, a scan of every word; Arabic ~0.07 ms: key tuples, per-candidate generator expressions).
Here the per-token scans are C loops; the few per-span steps stay Python objects.
"""

from libc.stdint cimport int64_t, uint8_t
from libc.stdlib cimport calloc, free, malloc

cdef enum:
    _MAX_SURNAME_KEYS = 16  # surname keys a token's key is compared with (more: every token's str is)


def repeat_spans(
    list words, const int64_t[::1] keys, list spans, Py_ssize_t window, object key_length, Py_ssize_t min_single_key
) -> list:
    """consistency.propagate_repeats with integer keys: `spans` plus the untagged repeats of tagged
    names within `window` tokens of a tagged occurrence (sorted). `key_length(word)` is the length of
    a one-word name's key, which needs `min_single_key` letters for its repeats to be tagged."""
    cdef Py_ssize_t count = keys.shape[0]
    cdef Py_ssize_t start, end, position, index, size, candidates, nearest, distance
    cdef int64_t first
    cdef uint8_t* covered
    cdef int64_t* name_keys
    cdef int64_t* tagged_starts
    cdef bint fits
    cdef dict names = {}
    cdef list added = []
    cdef list tagged
    cdef tuple name
    if not spans:
        return spans
    if len(words) != count:
        raise ValueError("repeat_spans: one key per word")
    for start, end, kind in spans:
        if not 0 <= start < end <= count:
            raise IndexError("repeat_spans: span outside the words")
        if end - start > 1 or key_length(words[start]) >= min_single_key:
            names.setdefault(tuple([keys[index] for index in range(start, end)]), []).append((start, kind))
    covered = <uint8_t*>calloc(count, 1)
    name_keys = <int64_t*>malloc(count * sizeof(int64_t))
    tagged_starts = <int64_t*>malloc(count * sizeof(int64_t))
    try:
        if covered == NULL or name_keys == NULL or tagged_starts == NULL:
            raise MemoryError()
        for start, end, _ in spans:
            for position in range(start, end):
                covered[position] = 1
        # Longer names first (a stable sort: ties keep text order), so a repeat of "عبد الله بن علي" is
        # not claimed by a tagged "عبد الله".
        for name in sorted(names, key=len, reverse=True):
            tagged = names[name]
            size = len(name)
            for index in range(size):
                name_keys[index] = name[index]
            first = name_keys[0]
            candidates = 0
            for position in range(count):
                candidates += keys[position] == first
            if candidates == len(tagged):
                continue  # every occurrence of its first word is a tagged occurrence
            kind = tagged[0][1] if len(tagged) == 1 else _majority(tagged)
            for index in range(len(tagged)):
                tagged_starts[index] = tagged[index][0]
            for position in range(count):
                if keys[position] != first or covered[position]:
                    continue
                end = position + size
                if size > 1:
                    fits = end <= count
                    index = 1
                    while fits and index < size:
                        fits = keys[position + index] == name_keys[index] and not covered[position + index]
                        index += 1
                    if not fits:
                        continue
                nearest = window + 1
                for index in range(len(tagged)):
                    distance = position - tagged_starts[index]
                    nearest = min(nearest, distance if distance >= 0 else -distance)
                if nearest <= window:
                    added.append((position, end, kind))
                    for index in range(position, end):
                        covered[index] = 1
    finally:
        free(covered)
        free(name_keys)
        free(tagged_starts)
    return sorted(spans + added) if added else spans


cdef object _majority(list tagged):
    """The type most tagged occurrences got (the first of them on a tie)."""
    cdef dict counts = {}
    for _, kind in tagged:
        counts[kind] = counts.get(kind, 0) + 1
    return max(counts, key=counts.__getitem__)


def surname_spans(list words, const int64_t[::1] keys, list spans) -> list:
    """consistency.propagate_surnames for English: `spans` plus PERSON spans for the untagged
    repeats of multi-word persons' surnames (sorted). Equal words have equal `keys` (the tagger's
    lower-case ids), so only the tokens whose key is a surname's are compared with the surnames:
    the scan reads an int array instead of every token's str."""
    cdef Py_ssize_t count = len(words)
    cdef Py_ssize_t start, end, position, index, wanted_count
    cdef int64_t key
    cdef int64_t wanted[_MAX_SURNAME_KEYS]
    cdef uint8_t* covered
    cdef set surnames = set()
    cdef set single = set()
    cdef dict key_of = {}
    cdef list added = []
    cdef str word
    if keys.shape[0] != count:
        raise ValueError("surname_spans: one key per word")
    if not spans:
        return spans
    for start, end, kind in spans:
        if not 0 <= start < end <= count:
            raise IndexError("surname_spans: span outside the words")
        if end - start == 1:
            single.add(words[start])  # a surname tagged on its own is left to the tagger
        elif kind == "PERSON":
            word = words[end - 1]
            if len(word) > 2 and word[:1].isupper():
                surnames.add(word)
                key_of[word] = keys[end - 1]
    surnames -= single
    if not surnames:
        return spans
    wanted_count = len(surnames)  # (more than _MAX_SURNAME_KEYS: every token is compared)
    if wanted_count <= _MAX_SURNAME_KEYS:
        for index, word in enumerate(surnames):
            wanted[index] = key_of[word]
    covered = <uint8_t*>calloc(count, 1)
    if covered == NULL:
        raise MemoryError()
    try:
        for start, end, _ in spans:
            for position in range(start, end):
                covered[position] = 1
        for position in range(count):
            if covered[position]:
                continue
            if wanted_count <= _MAX_SURNAME_KEYS:
                key = keys[position]
                for index in range(wanted_count):
                    if wanted[index] == key:
                        break
                else:
                    continue
            if words[position] in surnames:
                added.append((position, position + 1, "PERSON"))
    finally:
        free(covered)
    return sorted(spans + added) if added else spans


def character_spans(list spans, const int64_t[::1] starts, const int64_t[::1] ends) -> list:
    """(starts[first], ends[last - 1], kind) of each token span (first, last exclusive, kind)."""
    cdef Py_ssize_t count = starts.shape[0]
    cdef Py_ssize_t first, last
    cdef list found = []
    if ends.shape[0] != count:
        raise ValueError("character_spans: one start and one end per token")
    for first, last, kind in spans:
        if not 0 <= first < last <= count:
            raise IndexError("character_spans: span outside the tokens")
        found.append((starts[first], ends[last - 1], kind))
    return found
