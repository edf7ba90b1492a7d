# cython: boundscheck=False, wraparound=False, cdivision=True, language_level=3
"""Compiled de-duplication signature; dedup.py keeps the plain-Python reference (`reference_signature`).

One pass over the casefolded text's UTF-8 does what `_folded`, `str.split`, `" ".join`, a CRC-32 per word
and the numpy shingle and MinHash arithmetic do, with no object per word: the same fingerprint input and
the same minima, bit for bit (tests/unit/test_minhash_kernel.py).
"""

import numpy as np

from libc.stdint cimport uint32_t, uint64_t
from libc.stdlib cimport free, malloc
from libc.string cimport memcpy

cdef enum:
    MAX_PERMUTATIONS = 64
    MAX_SHINGLE_WORDS = 8

cdef uint32_t _CRC_TABLE[4][256]  # zlib.crc32's (reflected 0xEDB88320) byte table, then slicing-by-4's


cdef void _fill_table() noexcept:
    cdef uint32_t value
    cdef uint32_t entry, bit, table
    for entry in range(256):
        value = entry
        for bit in range(8):
            if value & 1:
                value = (value >> 1) ^ <uint32_t>0xEDB88320
            else:
                value = value >> 1
        _CRC_TABLE[0][entry] = value
    for table in range(1, 4):
        for entry in range(256):
            value = _CRC_TABLE[table - 1][entry]
            _CRC_TABLE[table][entry] = (value >> 8) ^ _CRC_TABLE[0][value & 0xFF]


_fill_table()


cdef inline uint32_t _crc32(const unsigned char* data, Py_ssize_t size) noexcept nogil:
    """zlib.crc32(data[:size]), four bytes a step (slicing-by-4: no chain of one table look-up per byte)."""
    cdef uint32_t crc = 0xFFFFFFFF
    while size >= 4:
        crc ^= <uint32_t>data[0] | (<uint32_t>data[1] << 8) | (<uint32_t>data[2] << 16) | (<uint32_t>data[3] << 24)
        crc = (_CRC_TABLE[3][crc & 0xFF] ^ _CRC_TABLE[2][(crc >> 8) & 0xFF]
               ^ _CRC_TABLE[1][(crc >> 16) & 0xFF] ^ _CRC_TABLE[0][crc >> 24])
        data += 4
        size -= 4
    while size > 0:
        crc = _CRC_TABLE[0][(crc ^ data[0]) & 0xFF] ^ (crc >> 8)
        data += 1
        size -= 1
    return crc ^ <uint32_t>0xFFFFFFFF


cdef inline int _space_length(const unsigned char* data, Py_ssize_t index, Py_ssize_t size) noexcept nogil:
    """Bytes of the str.isspace() character at `index`, 0 if it is none (the list: 9-13, 28-32, U+0085,
    U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000)."""
    cdef unsigned char byte = data[index]
    if byte < 0x80:
        return 1 if (9 <= byte <= 13 or 28 <= byte <= 32) else 0
    if byte == 0xC2:
        return 2 if index + 1 < size and (data[index + 1] == 0x85 or data[index + 1] == 0xA0) else 0
    if index + 2 >= size:
        return 0
    if byte == 0xE1:
        return 3 if data[index + 1] == 0x9A and data[index + 2] == 0x80 else 0
    if byte == 0xE2:
        if data[index + 1] == 0x80:
            byte = data[index + 2]
            return 3 if (0x80 <= byte <= 0x8A or byte == 0xA8 or byte == 0xA9 or byte == 0xAF) else 0
        return 3 if data[index + 1] == 0x81 and data[index + 2] == 0x9F else 0
    if byte == 0xE3:
        return 3 if data[index + 1] == 0x80 and data[index + 2] == 0x80 else 0
    return 0


cdef inline int _arabic_fold(unsigned char lead, unsigned char tail, unsigned char* out) noexcept nogil:
    """dedup._folded's Arabic part for the letter lead+tail: 0 (a dropped mark), else 2 with `out` set."""
    out[0] = lead
    out[1] = tail
    if lead == 0xD8:
        if tail == 0xA3 or tail == 0xA5 or tail == 0xA2:  # alef with hamza / madda -> alef
            out[1] = 0xA7
        elif tail == 0xA9:  # ta marbuta -> ha
            out[0] = 0xD9
            out[1] = 0x87
    elif lead == 0xD9:
        if (0x8B <= tail <= 0x92) or tail == 0xB0 or tail == 0x80:  # diacritics, dagger alef, tatweel
            return 0
        if tail == 0x89:  # alef maqsura -> ya
            out[1] = 0x8A
    return 2


cdef void _minima(const uint64_t* shingles, Py_ssize_t rows, const uint64_t* a, const uint64_t* b,
                  Py_ssize_t permutations, uint64_t* minima) noexcept nogil:
    """minima[p] = min over the shingles of (a[p] * shingle + b[p]) >> 32 (mod 2**64; the shift is monotone,
    so it is taken after the min). Four permutations per pass over the shingles: four independent chains."""
    cdef Py_ssize_t permutation = 0, row
    cdef uint64_t a0, a1, a2, a3, b0, b1, b2, b3, m0, m1, m2, m3, v, shingle
    while permutation + 4 <= permutations:
        a0, a1, a2, a3 = a[permutation], a[permutation + 1], a[permutation + 2], a[permutation + 3]
        b0, b1, b2, b3 = b[permutation], b[permutation + 1], b[permutation + 2], b[permutation + 3]
        m0 = m1 = m2 = m3 = 0xFFFFFFFFFFFFFFFF
        for row in range(rows):
            shingle = shingles[row]
            v = a0 * shingle + b0
            m0 = v if v < m0 else m0
            v = a1 * shingle + b1
            m1 = v if v < m1 else m1
            v = a2 * shingle + b2
            m2 = v if v < m2 else m2
            v = a3 * shingle + b3
            m3 = v if v < m3 else m3
        minima[permutation], minima[permutation + 1] = m0 >> 32, m1 >> 32
        minima[permutation + 2], minima[permutation + 3] = m2 >> 32, m3 >> 32
        permutation += 4
    while permutation < permutations:
        m0 = 0xFFFFFFFFFFFFFFFF
        for row in range(rows):
            v = a[permutation] * shingles[row] + b[permutation]
            m0 = v if v < m0 else m0
        minima[permutation] = m0 >> 32
        permutation += 1


cdef class MinHasher:
    """MinHash of word shingles with fixed multiply-shift constants (dedup's _A, _B, _WEIGHTS)."""

    cdef uint64_t a[MAX_PERMUTATIONS]
    cdef uint64_t b[MAX_PERMUTATIONS]
    cdef uint64_t weights[MAX_SHINGLE_WORDS]
    cdef Py_ssize_t permutations, shingle_words

    def __init__(self, a, b, weights):
        if not (0 < len(a) == len(b) <= MAX_PERMUTATIONS and 0 < len(weights) <= MAX_SHINGLE_WORDS):
            raise ValueError("unsupported signature shape")
        self.permutations, self.shingle_words = len(a), len(weights)
        for index in range(self.permutations):
            self.a[index], self.b[index] = int(a[index]), int(b[index])
        for index in range(self.shingle_words):
            self.weights[index] = int(weights[index])

    def sign(self, bytes casefolded):
        """(folded words joined by single spaces, signature as uint64 array or None without any word).

        `casefolded` is the UTF-8 (surrogatepass) of text.casefold().
        """
        cdef Py_ssize_t size = len(casefolded), index = 0, count = 0, out = 0, step, word_at = 0
        cdef const unsigned char* data = casefolded
        cdef uint64_t* hashed = <uint64_t*>malloc((size // 2 + 1) * sizeof(uint64_t))
        cdef unsigned char* joined = <unsigned char*>malloc(size + 1)
        cdef unsigned char pair[2]
        cdef bint in_word = False
        cdef uint64_t minima[MAX_PERMUTATIONS]
        cdef uint64_t combined
        cdef Py_ssize_t width, row, rows, offset, permutation, first_weight
        cdef uint64_t[::1] view
        if hashed == NULL or joined == NULL:
            free(hashed)
            free(joined)
            raise MemoryError()
        try:
            while index < size:
                step = _space_length(data, index, size)
                if step:
                    if in_word:
                        hashed[count] = _crc32(joined + word_at, out - word_at)
                        count += 1
                        in_word = False
                    index += step
                    continue
                if (data[index] == 0xD8 or data[index] == 0xD9) and index + 1 < size:
                    step = _arabic_fold(data[index], data[index + 1], pair)
                    index += 2
                    if step == 0:
                        continue
                else:
                    pair[0] = data[index]
                    step = 1
                    index += 1
                if not in_word:
                    if count:
                        joined[out] = 32
                        out += 1
                    in_word = True
                    word_at = out
                for offset in range(step):
                    joined[out] = pair[offset]
                    out += 1
            if in_word:
                hashed[count] = _crc32(joined + word_at, out - word_at)
                count += 1
            text = joined[:out]
            if count == 0:
                return text, None
            width = min(self.shingle_words, count)
            first_weight = self.shingle_words - width
            rows = count - width + 1
            for row in range(rows):  # each shingle's hash, in place: row + offset >= row is read before written
                combined = 0
                for offset in range(width):
                    combined += hashed[row + offset] * self.weights[first_weight + offset]
                hashed[row] = combined
            _minima(hashed, rows, self.a, self.b, self.permutations, minima)
            result = np.empty(self.permutations, dtype=np.uint64)
            view = result
            memcpy(&view[0], minima, self.permutations * sizeof(uint64_t))
            return text, result
        finally:
            free(hashed)
            free(joined)
