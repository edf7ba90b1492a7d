"""The feature-id emission of the word-type kernel (_word_features.pyx): inlined where cimported.

An id is crc32(f"{offset}|{name}") & mask, its CRC continued from the offset prefix's state over the
name's pieces (a literal, a slice of the word's code points, a suffix) and appended to a growing array
that also records where each (type, offset) segment ends; the names' fixed parts (affix and length names,
the cluster names of a word formatted once) are here too.
"""

from libc.stdint cimport uint32_t
from libc.string cimport memcpy, strlen

from enrichment._growing_array cimport with_room
from enrichment.ner._crc32 cimport akhbar_crc_code_points, akhbar_crc_update
from enrichment.ner._word_text cimport Text, head, tail, text_of


cdef enum:
    OFFSETS = 5  # -2 .. +2; index 2 is the word being tagged
    MAX_LEVELS = 8  # cluster granularities (clusters.GRANULARITIES has 3)


cdef extern from *:
    """
    static const char *akhbar_affix_names[4][4] = {
        {"p1=", "p2=", "p3=", "p4="}, {"s1=", "s2=", "s3=", "s4="},
        {"sp1=", "sp2=", "sp3=", "sp4="}, {"ss1=", "ss2=", "ss3=", "ss4="},
    };
    static const char *akhbar_length_names[9] = {
        "len=0", "len=1", "len=2", "len=3", "len=4", "len=5", "len=6", "len=7", "len=8",
    };
    """
    const char* AFFIX_NAMES "akhbar_affix_names"[4][4]
    const char* LENGTH_NAMES "akhbar_length_names"[9]


cdef enum:  # rows of AFFIX_NAMES
    PREFIX, SUFFIX, STEM_PREFIX, STEM_SUFFIX


cdef struct Ids:  # the ids being made: CRC state after each offset's "k|" prefix, the growing array
    uint32_t starts[OFFSETS]
    uint32_t mask
    uint32_t* data
    Py_ssize_t size
    Py_ssize_t capacity
    Py_ssize_t* ends  # where each (type, offset) segment's ids end
    Py_ssize_t segments


cdef inline int emit(Ids* ids, int k, const char* name, Text text, const char* suffix) except -1:
    """Appends the id of name + text + suffix at offset index k."""
    cdef uint32_t state = akhbar_crc_update(ids.starts[k], <const unsigned char*>name, strlen(name))
    if text.length:
        state = akhbar_crc_code_points(state, text.kind, text.data, text.length)
    if suffix[0]:
        state = akhbar_crc_update(state, <const unsigned char*>suffix, strlen(suffix))
    ids.data = <uint32_t*>with_room(ids.data, ids.size, &ids.capacity, sizeof(uint32_t))
    ids.data[ids.size] = (state ^ 0xFFFFFFFFu) & ids.mask
    ids.size += 1
    return 0


cdef inline int end_segment(Ids* ids) noexcept:
    """The ids of the current (type, offset) end here."""
    ids.ends[ids.segments] = ids.size
    ids.segments += 1
    return 0


cdef struct ClusterNames:  # features._cluster_names of one word: "c1=<id>", "c2=<id>", ... or "c1=none"
    char names[MAX_LEVELS][32]
    int count


cdef inline int cluster_names(object cluster, ClusterNames* out) except -1:
    """Formats the word's cluster names once (they are hashed at up to five offsets, twice at the centre)."""
    cdef long long value
    cdef unsigned long long magnitude
    cdef char digits[24]
    cdef int size, level = 0
    cdef char* name
    if cluster is None:
        memcpy(out.names[0], b"c1=none", 8)
        out.count = 1
        return 0
    for item in cluster:
        if level == MAX_LEVELS:
            raise ValueError("word_type_ids: at most 8 cluster levels")
        value = item
        magnitude = 0ULL - <unsigned long long>value if value < 0 else <unsigned long long>value
        size = 0
        while True:  # the decimal digits, last first
            digits[size] = 48 + magnitude % 10
            size += 1
            magnitude //= 10
            if magnitude == 0:
                break
        if value < 0:
            digits[size] = 45  # -
            size += 1
        name = out.names[level]
        name[0], name[1], name[2] = 99, 49 + level, 61  # "c<level>="
        for index in range(size):
            name[3 + index] = digits[size - 1 - index]
        name[3 + size] = 0
        level += 1
    out.count = level
    return 0


cdef inline int emit_clusters(Ids* ids, int k, const ClusterNames* clusters, bint all_levels, const char* suffix) except -1:
    """The cluster names (only the first unless all_levels)."""
    cdef int level
    for level in range(clusters.count if all_levels else min(clusters.count, 1)):
        emit(ids, k, clusters.names[level], Text(1, "", 0), suffix)
    return 0


cdef inline int emit_kinds(Ids* ids, int k, tuple kinds, const char* suffix) except -1:
    """gaz=<kind> + suffix for each gazetteer kind of the word."""
    for kind in kinds:
        emit(ids, k, "gaz=", text_of(kind), suffix)
    return 0


cdef inline int emit_affixes(Ids* ids, Text text, int prefix_kind, int prefixes, int suffix_kind, int suffixes, int longer) except -1:
    """The first `prefixes` prefix names, then the first `suffixes` suffix names of text at the centre (kinds
    index AFFIX_NAMES), those at most text.length - longer characters long: the affix lists of features.py."""
    cdef int n
    for n in range(1, prefixes + 1):
        if text.length >= n + longer:
            emit(ids, 2, AFFIX_NAMES[prefix_kind][n - 1], head(text, n), "")
    for n in range(1, suffixes + 1):
        if text.length >= n + longer:
            emit(ids, 2, AFFIX_NAMES[suffix_kind][n - 1], tail(text, n), "")
    return 0
