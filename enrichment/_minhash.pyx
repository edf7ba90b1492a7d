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

cdef uint32_t _CRC_TABLE[256]  # zlib.crc32's (reflected 0xEDB88320) byte table


cdef void _fill_table() noexcept:
    cdef uint32_t value
    cdef uint32_t entry, bit
    for entry in range(256):
        value = entry
        for bit in range(8):
            if value & 1:
                value = (value >> 1) ^ <uint32_t>0xEDB88320
            else:
                value = value >> 1
        _CRC_TABLE[entry] = value


_fill_table()


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
        cdef Py_ssize_t size = len(casefolded), index = 0, count = 0, out = 0, step
        cdef const unsigned char* data = casefolded
        cdef uint64_t* hashed = <uint64_t*>malloc((size // 2 + 1) * sizeof(uint64_t))
        cdef unsigned char* joined = <unsigned char*>malloc(size + 1)
        cdef unsigned char pair[2]
        cdef uint32_t crc = 0xFFFFFFFF
        cdef bint in_word = False
        cdef uint64_t minima[MAX_PERMUTATIONS]
        cdef uint64_t combined, value
        cdef Py_ssize_t width, row, offset, permutation, first_weight
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
                        hashed[count] = <uint64_t>(crc ^ <uint32_t>0xFFFFFFFF)
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
                    crc = 0xFFFFFFFF
                for offset in range(step):
                    crc = _CRC_TABLE[(crc ^ pair[offset]) & 0xFF] ^ (crc >> 8)
                    joined[out] = pair[offset]
                    out += 1
            if in_word:
                hashed[count] = <uint64_t>(crc ^ <uint32_t>0xFFFFFFFF)
                count += 1
            text = joined[:out]
            if count == 0:
                return text, None
            width = min(self.shingle_words, count)
            first_weight = self.shingle_words - width
            for permutation in range(self.permutations):
                minima[permutation] = 0xFFFFFFFFFFFFFFFF
            for row in range(count - width + 1):
                combined = 0
                for offset in range(width):
                    combined += hashed[row + offset] * self.weights[first_weight + offset]
                for permutation in range(self.permutations):
                    value = self.a[permutation] * combined + self.b[permutation]
                    if value < minima[permutation]:
                        minima[permutation] = value
            for permutation in range(self.permutations):
                minima[permutation] >>= 32
            result = np.empty(self.permutations, dtype=np.uint64)
            view = result
            memcpy(&view[0], minima, self.permutations * sizeof(uint64_t))
            return text, result
        finally:
            free(hashed)
            free(joined)
