# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""Hashed feature ids of new word types, computed without building their feature strings.

`features.word_feature_names` is the readable definition (training uses it); this is the same
definition for the tagger's new types, where ~30 Python strings per type were most of their cost.
Each id is crc32(f"{offset}|{name}") & mask with the CRC continued from the offset prefix's state
over the name's pieces (a literal, a slice of the word's code points, a suffix), so the ids are
exactly `features.word_feature_ids` in the same order (the order the weights are summed in).
The ids are made and collected by _feature_ids.pxd; the word's code points are read in place
(_word_text.pxd, with the str methods and the Arabic normalisation the features use);
tests/unit/test_word_features.py checks all of it against the Python definition.
"""

from cpython.unicode cimport Py_UNICODE_ISUPPER
from libc.stdint cimport uint32_t
from libc.stdlib cimport free, malloc
from libc.string cimport memcpy

import numpy as np

from enrichment.ner._crc32 cimport akhbar_crc_init, akhbar_crc_update
from enrichment.ner._feature_ids cimport (
    LENGTH_NAMES,
    OFFSETS,
    PREFIX,
    STEM_PREFIX,
    STEM_SUFFIX,
    SUFFIX,
    ClusterNames,
    Ids,
    cluster_names,
    emit,
    emit_affixes,
    emit_clusters,
    emit_kinds,
    end_segment,
)
from enrichment.ner._word_text cimport (
    SHAPE_CHARS,
    Text,
    case_code,
    char_at,
    has_arabic_letter,
    is_cased,
    normalize_arabic,
    proclitic_lengths,
    tail,
    text_of,
    word_shape,
)

akhbar_crc_init()

cdef Text _NOTHING = Text(1, "", 0)


cdef int _english_context(Ids* ids, int k, Text low, Text shape, const ClusterNames* cluster, bint capital, tuple kinds) except -1:
    """The names of a word seen from its neighbours: offset +-1 (near) or +-2."""
    emit(ids, k, "w=", low, "")
    emit(ids, k, "shape=", shape, "")
    if k == 0 or k == 4:
        emit_clusters(ids, k, cluster, False, "")
    else:
        emit(ids, k, "s3=", tail(low, 3), "")
        emit(ids, k, "cap=True" if capital else "cap=False", _NOTHING, "")
        emit_clusters(ids, k, cluster, True, "")
        emit_kinds(ids, k, kinds, "")
    return end_segment(ids)


cdef str _english(Ids* ids, str word, bint initial, dict clusters, dict gazetteer, Py_UCS4* shape_buffer):
    """features._english; returns the document key (the lower-cased word)."""
    cdef str lower = word.lower()
    cdef Text raw = text_of(word), low = text_of(lower), shape = word_shape(raw, shape_buffer)
    cdef bint capital = raw.length > 0 and Py_UNICODE_ISUPPER(char_at(raw, 0))
    cdef const char* and_capital = "&cap=True" if capital else "&cap=False"
    cdef ClusterNames cluster
    cluster_names(clusters.get(lower), &cluster)
    cdef tuple kinds = gazetteer.get(lower, ()) if gazetteer else ()
    _english_context(ids, 0, low, shape, &cluster, capital, kinds)
    _english_context(ids, 1, low, shape, &cluster, capital, kinds)
    emit(ids, 2, "b", _NOTHING, "")
    emit(ids, 2, "w=", low, "")
    emit(ids, 2, "raw=", raw, "")
    emit(ids, 2, "shape=", shape, "")
    emit(ids, 2, LENGTH_NAMES[min(raw.length, 8)], _NOTHING, "")
    emit(ids, 2, "init=True" if initial else "init=False", _NOTHING, and_capital)
    emit_affixes(ids, low, PREFIX, 4, SUFFIX, 4, 0)
    if raw.length > 1 and is_cased(raw, True):
        emit(ids, 2, "allcaps", _NOTHING, "")
    if initial:
        emit(ids, 2, "init&w=", low, "")
        emit(ids, 2, "init&shape=", shape, "")
    emit_kinds(ids, 2, kinds, "")
    emit_kinds(ids, 2, kinds, and_capital)
    emit_clusters(ids, 2, &cluster, True, "")
    emit_clusters(ids, 2, &cluster, True, and_capital)
    end_segment(ids)
    _english_context(ids, 3, low, shape, &cluster, capital, kinds)
    _english_context(ids, 4, low, shape, &cluster, capital, kinds)
    return lower


cdef int _emit_padding(Ids* ids, str word) except -1:
    """features.word_feature_names of PAD: "w=" + PAD at every offset."""
    cdef int k
    for k in range(OFFSETS):
        emit(ids, k, "w=", text_of(word), "")
        end_segment(ids)
    return 0


cdef tuple _arabic_kinds(dict table, str normalized, const Py_ssize_t* lengths, int count):
    """gazetteer.lookup_normalized_arabic: kinds of the word and of its readings without proclitics."""
    cdef tuple found = table.get(normalized, ())
    cdef list readings = []
    cdef int index
    if table:
        for index in range(count):
            if len(normalized) - lengths[index] >= 2:
                kinds = table.get(normalized[lengths[index]:])
                if kinds is not None:
                    readings.append(kinds)
    if not readings:
        return tuple(sorted(set(found))) if len(found) > 1 else found
    return tuple(sorted(set(found).union(*readings)))


cdef int _arabic_context(Ids* ids, int k, Text whole, Text stem, Text proclitic, const ClusterNames* cluster, tuple kinds) except -1:
    """The names of a word seen from its neighbours: offset +-1 (near) or +-2."""
    emit(ids, k, "w=", whole, "")
    emit(ids, k, "stem=", stem, "")
    if k == 0 or k == 4:
        emit_clusters(ids, k, cluster, False, "")
    else:
        emit(ids, k, "pro=", proclitic, "")
        emit(ids, k, "s2=", tail(stem, 2), "")
        emit_clusters(ids, k, cluster, True, "")
        emit_kinds(ids, k, kinds, "")
    return end_segment(ids)


cdef str _arabic(
    Ids* ids, str word, bint initial, dict clusters, dict gazetteer, tuple proclitics, Py_UCS4* buffer, bint padding
):
    """features._arabic (PAD's names when `padding`); returns the document key (the stem)."""
    cdef Text raw = text_of(word)
    cdef str normalized = normalize_arabic(raw, buffer)
    cdef Text whole = text_of(normalized)
    cdef Py_ssize_t lengths[32]
    cdef int count = proclitic_lengths(whole, proclitics, lengths)
    cdef Py_ssize_t strip = 0
    cdef int index
    for index in range(count):  # arabic.strip_proclitics: the longest that leaves 3 letters
        if whole.length - lengths[index] >= 3:
            strip = lengths[index]
            break
    cdef str stem = normalized[strip:]
    if padding:
        _emit_padding(ids, word)
        return stem
    cdef str proclitic = normalized[:strip]
    found = clusters.get(normalized)  # features._arabic_cluster
    if found is None and strip:
        found = clusters.get("ال" + stem) if proclitic.endswith(("ال", "لل")) else None
        found = found or clusters.get(stem)
    cdef ClusterNames cluster
    cluster_names(found, &cluster)
    cdef tuple kinds = _arabic_kinds(gazetteer, normalized, lengths, count)
    cdef Text stem_text = text_of(stem), proclitic_text = text_of(proclitic)
    _arabic_context(ids, 0, whole, stem_text, proclitic_text, &cluster, kinds)
    _arabic_context(ids, 1, whole, stem_text, proclitic_text, &cluster, kinds)
    emit(ids, 2, "b", _NOTHING, "")
    emit(ids, 2, "w=", whole, "")
    emit(ids, 2, "raw=", raw, "")
    emit(ids, 2, "stem=", stem_text, "")
    emit(ids, 2, "pro=", proclitic_text, "")
    emit(ids, 2, LENGTH_NAMES[min(stem_text.length, 8)], _NOTHING, "")
    emit(ids, 2, "init=True" if initial else "init=False", _NOTHING, "")
    if not has_arabic_letter(raw):
        emit(ids, 2, "shape=", word_shape(raw, buffer), "")  # (the normalised word is a Python string by now)
    emit_affixes(ids, whole, PREFIX, 3, SUFFIX, 4, 0)
    emit_affixes(ids, stem_text, STEM_PREFIX, 3, STEM_SUFFIX, 3, 1)
    emit_kinds(ids, 2, kinds, "")
    emit_clusters(ids, 2, &cluster, True, "")
    end_segment(ids)
    _arabic_context(ids, 3, whole, stem_text, proclitic_text, &cluster, kinds)
    _arabic_context(ids, 4, whole, stem_text, proclitic_text, &cluster, kinds)
    return stem


def word_type_ids(
    list types, bint arabic, dict clusters, dict gazetteer, tuple proclitics, tuple prefixes, uint32_t mask, str pad
) -> tuple:
    """(ids, segment ends, document keys, case codes) of (word, sentence-initial) types: the ids of
    features.word_feature_ids(word, initial, language, Lexicon(clusters, gazetteer)) flattened, type
    by type and offset by offset; segment s (type s // 5, offset s % 5) ends at ends[s]. Keys are
    stacking.document_key, cases document.case_code. `proclitics`: arabic.PROCLITICS, longest first."""
    cdef Py_ssize_t items = len(types), item, size
    cdef Ids ids
    cdef Py_UCS4 shape_buffer[SHAPE_CHARS]
    cdef Py_UCS4* buffer = NULL
    cdef Py_ssize_t buffer_size = 0
    cdef const unsigned char[::1] prefix
    cdef list keys = []
    cdef str word
    cases = np.empty(items, dtype=np.int64)
    cdef long long[::1] case_codes = cases
    if len(prefixes) != OFFSETS or len(proclitics) > 32:
        raise ValueError("word_type_ids: 5 offset prefixes and at most 32 proclitics")
    for item in range(OFFSETS):
        prefix = prefixes[item]
        ids.starts[item] = akhbar_crc_update(0xFFFFFFFFu, &prefix[0], prefix.shape[0]) if prefix.shape[0] else 0xFFFFFFFFu
    ids.mask = mask
    ids.size, ids.segments, ids.capacity = 0, 0, 48 * items + 64
    ids.data = <uint32_t*>malloc(ids.capacity * sizeof(uint32_t))
    ids.ends = <Py_ssize_t*>malloc((OFFSETS * items + 1) * sizeof(Py_ssize_t))
    try:
        if ids.data == NULL or ids.ends == NULL:
            raise MemoryError()
        for item in range(items):  # (by index: the buffers are sized for `items`)
            word, initial = types[item]
            case_codes[item] = case_code(text_of(word))
            if arabic:
                size = max(len(word), SHAPE_CHARS)
                if size > buffer_size:
                    free(buffer)
                    buffer = <Py_UCS4*>malloc(size * sizeof(Py_UCS4))
                    buffer_size = size if buffer != NULL else 0
                    if buffer == NULL:
                        raise MemoryError()
                keys.append(_arabic(&ids, word, initial, clusters, gazetteer, proclitics, buffer, word == pad))
            elif word == pad:
                _emit_padding(&ids, word)
                keys.append(word.lower())
            else:
                keys.append(_english(&ids, word, initial, clusters, gazetteer, shape_buffer))
        flat = np.empty(ids.size, dtype=np.uint32)
        ends = np.empty(ids.segments, dtype=np.intp)
        _copy(flat, ids.data, ids.size * sizeof(uint32_t))
        _copy(ends, ids.ends, ids.segments * sizeof(Py_ssize_t))
        return flat, ends, keys, cases
    finally:
        free(ids.data)
        free(ids.ends)
        free(buffer)


cdef int _copy(object array, const void* source, size_t size) except -1:
    """Fills a new numpy array from a C buffer."""
    cdef unsigned char[::1] target = array.view(np.uint8)
    if size:
        memcpy(&target[0], source, size)
    return 0
