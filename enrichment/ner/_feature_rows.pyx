# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""Compiled scoring of new word types for the NER tagger (tagger.py, through hashing.py).

`sum_feature_rows`: the summed float16 weight rows of new word types' feature names, hashed exactly
as `features.feature_id` (CRC-32 of "offset|name" in UTF-8, _crc32.pxd), summed in float32 in the order
numpy's gather + `add.reduceat` summed them, so rows equal the shipped warm cache's bit for bit. In
Python the per-call numpy overhead, not the arithmetic, was what this cost (enrichment/ner/README.md).
`sum_id_rows`: the same sums for ids already hashed (the tagger's path, _word_features.pyx).

Plain C over typed memoryviews: no numpy or zlib headers needed to build.
"""

from libc.stdint cimport int32_t, uint16_t, uint32_t
from libc.stdlib cimport free, malloc
from libc.string cimport memcpy

from enrichment.ner._crc32 cimport akhbar_crc_init, akhbar_crc_text, akhbar_crc_update


cdef extern from *:
    """
    #include <string.h>

    /* IEEE 754 half -> single precision, exact (numpy's float16 -> float32 conversion): the half's
       exponent and mantissa bits moved into place and scaled by 2^112 (exact for normal and
       subnormal halves alike); infinities and NaNs get the all-ones exponent. */
    static inline float akhbar_half_to_float(uint16_t half) {
        uint32_t magnitude = (uint32_t)(half & 0x7FFFu) << 13;
        uint32_t sign = ((uint32_t)half & 0x8000u) << 16;
        uint32_t bits;
        float value;
        if ((half & 0x7C00u) == 0x7C00u) {
            bits = sign | 0x7F800000u | (magnitude & 0x007FFFFFu);
            memcpy(&value, &bits, sizeof value);
            return value;
        }
        memcpy(&value, &magnitude, sizeof value);
        value *= 5.192296858534828e+33f; /* 2^112 */
        memcpy(&bits, &value, sizeof bits);
        bits |= sign;
        memcpy(&value, &bits, sizeof value);
        return value;
    }

    #define AKHBAR_MAX_WIDTH 64

    static void akhbar_pairwise_halves(const uint16_t *weights, Py_ssize_t width, const int32_t *rows,
                                       Py_ssize_t n, float *out);

    /* out[tag] = sum over i < n of weights[rows[i], tag] as numpy's float32 pairwise summation adds
       (`FLOAT_pairwise_sum`): under 8 terms in order from 0; up to 128 with 8 interleaved partial
       sums; above that split in two halves (the first a multiple of 8). */
    static inline __attribute__((always_inline)) void akhbar_pairwise_rows(const uint16_t *weights, Py_ssize_t width, const int32_t *rows,
                                     Py_ssize_t n, float *out) {
        Py_ssize_t index, lane, tag;
        if (n < 8) {
            for (tag = 0; tag < width; tag++) out[tag] = 0.0f;
            for (index = 0; index < n; index++) {
                const uint16_t *source = weights + (Py_ssize_t)rows[index] * width;
                for (tag = 0; tag < width; tag++) out[tag] += akhbar_half_to_float(source[tag]);
            }
        } else if (n <= 128) {
            float partial[8][AKHBAR_MAX_WIDTH];
            for (lane = 0; lane < 8; lane++) {
                const uint16_t *source = weights + (Py_ssize_t)rows[lane] * width;
                for (tag = 0; tag < width; tag++) partial[lane][tag] = akhbar_half_to_float(source[tag]);
            }
            for (index = 8; index < n - (n % 8); index += 8) {
                for (lane = 0; lane < 8; lane++) {
                    const uint16_t *source = weights + (Py_ssize_t)rows[index + lane] * width;
                    for (tag = 0; tag < width; tag++) partial[lane][tag] += akhbar_half_to_float(source[tag]);
                }
            }
            for (tag = 0; tag < width; tag++) {
                out[tag] = ((partial[0][tag] + partial[1][tag]) + (partial[2][tag] + partial[3][tag]))
                         + ((partial[4][tag] + partial[5][tag]) + (partial[6][tag] + partial[7][tag]));
            }
            for (; index < n; index++) {
                const uint16_t *source = weights + (Py_ssize_t)rows[index] * width;
                for (tag = 0; tag < width; tag++) out[tag] += akhbar_half_to_float(source[tag]);
            }
        } else {
            float second[AKHBAR_MAX_WIDTH];
            Py_ssize_t half = n / 2;
            half -= half % 8;
            akhbar_pairwise_halves(weights, width, rows, half, out);
            akhbar_pairwise_halves(weights, width, rows + half, n - half, second);
            for (tag = 0; tag < width; tag++) out[tag] += second[tag];
        }
    }

    static void akhbar_pairwise_halves(const uint16_t *weights, Py_ssize_t width, const int32_t *rows,
                                       Py_ssize_t n, float *out) {
        akhbar_pairwise_rows(weights, width, rows, n, out);
    }

    /* The summed rows of one segment as numpy's add.reduceat gave them: the first row, plus the
       pairwise sum of the rest. An empty segment sums to 0. */
    static inline __attribute__((always_inline)) void akhbar_segment_sum_width(
            const uint16_t *weights, Py_ssize_t width, const int32_t *rows, Py_ssize_t n, float *out) {
        Py_ssize_t tag;
        if (n == 0) {
            for (tag = 0; tag < width; tag++) out[tag] = 0.0f;
            return;
        }
        akhbar_pairwise_rows(weights, width, rows + 1, n - 1, out);
        for (tag = 0; tag < width; tag++) {
            out[tag] = akhbar_half_to_float(weights[(Py_ssize_t)rows[0] * width + tag]) + out[tag];
        }
    }

    /* The model's 9 tags get a copy compiled for that width. */
    static void akhbar_segment_sum(const uint16_t *weights, Py_ssize_t width, const int32_t *rows,
                                   Py_ssize_t n, float *out) {
        if (width == 9) akhbar_segment_sum_width(weights, 9, rows, n, out);
        else akhbar_segment_sum_width(weights, width, rows, n, out);
    }
    """
    void __builtin_prefetch(const void* address) nogil
    void akhbar_segment_sum(const uint16_t* weights, Py_ssize_t width, const int32_t* rows, Py_ssize_t n, float* out) nogil
    enum: AKHBAR_MAX_WIDTH


akhbar_crc_init()

cdef enum:
    PREFETCH = 8  # names ahead whose rows are prefetched


def crc32(data: bytes, start: int = 0) -> int:
    """zlib.crc32 (the same polynomial and conventions); for tests of the table."""
    cdef const unsigned char[::1] view = data
    cdef uint32_t state = (<uint32_t>start) ^ 0xFFFFFFFFu
    if view.shape[0]:
        state = akhbar_crc_update(state, &view[0], view.shape[0])
    return state ^ 0xFFFFFFFFu


cdef inline uint32_t _name_crc(uint32_t state, str name) noexcept:
    """CRC state after `name` in UTF-8, encoded on the fly from the string's own storage (no copy).
    Surrogate code points get the usual 3-byte form, which is what "surrogatepass" writes."""
    return akhbar_crc_text(state, name)


cdef int _check_shapes(
    Py_ssize_t items, Py_ssize_t offsets, const int32_t[::1] weight_rows, const uint16_t[:, ::1] weights,
    float[:, :, ::1] out,
) except -1:
    if weights.shape[1] > AKHBAR_MAX_WIDTH or weights.shape[0] == 0:
        raise ValueError("sum_feature_rows: weights must have 1..64 columns and a row")
    if offsets > 16 or out.shape[0] < items or out.shape[1] != offsets or out.shape[2] != weights.shape[1]:
        raise ValueError("sum_feature_rows: output shape does not fit the inputs")
    return 0


cdef int _sum_segments(
    uint32_t* ids,
    Py_ssize_t total,
    const Py_ssize_t* segment_ends,
    Py_ssize_t items,
    Py_ssize_t offsets,
    const int32_t[::1] weight_rows,
    const uint16_t[:, ::1] weights,
    float[:, :, ::1] out,
) except -1 nogil:
    """out[segment] = the summed weight rows of the ids up to segment_ends[segment] (turns `ids` into
    rows in place). Rows first, then their weights, prefetched: the random look-ups are what cost."""
    cdef Py_ssize_t width = weights.shape[1]
    cdef Py_ssize_t table_size = weight_rows.shape[0]
    cdef Py_ssize_t weight_count = weights.shape[0]
    cdef Py_ssize_t index, segment, end
    cdef int32_t row
    for index in range(total):
        if index + PREFETCH < total:
            __builtin_prefetch(&weight_rows[ids[index + PREFETCH]])
        if ids[index] >= <uint32_t>table_size:
            with gil:
                raise IndexError("sum_feature_rows: feature id out of range")
        row = weight_rows[ids[index]]
        if row < 0 or row >= weight_count:
            with gil:
                raise IndexError("sum_feature_rows: weight row out of range")
        ids[index] = <uint32_t>row
    for index in range(total):  # prefetch the weight rows, then sum each segment
        __builtin_prefetch(&weights[<int32_t>ids[index], 0])
    index = 0
    for segment in range(items * offsets):
        end = segment_ends[segment]
        if end < index or end > total:
            with gil:
                raise ValueError("sum_feature_rows: segment ends must rise within the ids")
        akhbar_segment_sum(
            &weights[0, 0], width, <const int32_t*>&ids[index], end - index, &out[segment // offsets, segment % offsets, 0]
        )
        index = end
    return 0


def sum_feature_rows(
    list name_lists,
    tuple prefixes,
    uint32_t mask,
    const int32_t[::1] weight_rows,
    const uint16_t[:, ::1] weights,
    float[:, :, ::1] out,
) -> None:
    """out[item, k] = sum of weights[weight_rows[id]] over the names of name_lists[item][k], where
    id = crc32(prefixes[k] + name.encode()) & mask; `weights` holds float16 bit patterns.

    Each segment is summed as numpy's `add.reduceat` summed the gathered rows (first row plus a
    pairwise sum of the rest), so rows equal those of the former numpy code and of the shipped warm
    cache bit for bit.
    """
    cdef Py_ssize_t items = len(name_lists)
    cdef Py_ssize_t offsets = len(prefixes)
    cdef Py_ssize_t item, k, total, name_index
    cdef uint32_t starts[16]
    cdef const unsigned char[::1] prefix
    cdef list per_offset, names
    cdef str name
    cdef uint32_t* ids
    cdef Py_ssize_t* segment_ends
    _check_shapes(items, offsets, weight_rows, weights, out)
    for k in range(offsets):
        prefix = prefixes[k]
        starts[k] = 0xFFFFFFFFu
        if prefix.shape[0]:
            starts[k] = akhbar_crc_update(starts[k], &prefix[0], prefix.shape[0])
    total = 0
    for item in range(items):
        per_offset = name_lists[item]
        if len(per_offset) != offsets:
            raise ValueError("sum_feature_rows: every item needs one name list per offset")
        for k in range(offsets):
            total += len(<list>per_offset[k])
    ids = <uint32_t*>malloc((total + 1) * sizeof(uint32_t))
    segment_ends = <Py_ssize_t*>malloc((items * offsets + 1) * sizeof(Py_ssize_t))
    if ids == NULL or segment_ends == NULL:
        free(ids)
        free(segment_ends)
        raise MemoryError()
    try:
        name_index = 0
        for item in range(items):
            per_offset = name_lists[item]
            for k in range(offsets):
                names = per_offset[k]
                if name_index + len(names) > total:
                    raise ValueError("sum_feature_rows: name lists changed while being read")
                for name in names:
                    ids[name_index] = (_name_crc(starts[k], name) ^ 0xFFFFFFFFu) & mask
                    name_index += 1
                segment_ends[item * offsets + k] = name_index
        _sum_segments(ids, name_index, segment_ends, items, offsets, weight_rows, weights, out)
    finally:
        free(ids)
        free(segment_ends)


def sum_id_rows(
    const uint32_t[::1] ids,
    const Py_ssize_t[::1] segment_ends,
    Py_ssize_t offsets,
    const int32_t[::1] weight_rows,
    const uint16_t[:, ::1] weights,
    float[:, :, ::1] out,
) -> None:
    """`sum_feature_rows` for ids already hashed (_word_features.word_type_ids): segment s (item
    s // offsets, offset s % offsets) holds the ids from segment_ends[s - 1] up to segment_ends[s]."""
    cdef Py_ssize_t items = segment_ends.shape[0] // offsets if offsets > 0 else 0
    cdef Py_ssize_t total = ids.shape[0]
    cdef uint32_t* rows
    if offsets <= 0 or segment_ends.shape[0] != items * offsets:
        raise ValueError("sum_id_rows: one segment end per item and offset")
    _check_shapes(items, offsets, weight_rows, weights, out)
    rows = <uint32_t*>malloc((total + 1) * sizeof(uint32_t))
    if rows == NULL:
        raise MemoryError()
    try:
        if total:
            memcpy(rows, &ids[0], total * sizeof(uint32_t))
        _sum_segments(rows, total, &segment_ends[0] if items else NULL, items, offsets, weight_rows, weights, out)
    finally:
        free(rows)
