"""The key trie's set of first words (_key_trie.pyx): FNV-1a over a word's code points, a 64-bit finaliser,
then two bits a word in a bit set small enough to stay in cache. Inlined where cimported."""

from libc.stdint cimport uint64_t


cdef extern from *:
    """
    #define AKHBAR_FNV_OFFSET 0xcbf29ce484222325ULL
    #define AKHBAR_FNV_PRIME 0x100000001b3ULL
    """
    const uint64_t FNV_OFFSET "AKHBAR_FNV_OFFSET"
    const uint64_t FNV_PRIME "AKHBAR_FNV_PRIME"


cdef enum:
    FIRST_WORD_BITS = 1 << 19  # size of the bit set of keys' first words (64 KB: stays in cache)


cdef inline uint64_t finished(uint64_t hashed) noexcept nogil:
    hashed ^= hashed >> 33
    hashed *= 0xff51afd7ed558ccdULL
    return hashed ^ (hashed >> 33)


cdef inline uint64_t word_hash(str word):
    cdef uint64_t hashed = FNV_OFFSET
    for char in word:
        hashed = (hashed ^ <uint64_t>ord(char)) * FNV_PRIME
    return finished(hashed)


cdef inline void add_to_set(uint64_t *bits, uint64_t hashed) noexcept nogil:
    cdef uint64_t first = hashed & (FIRST_WORD_BITS - 1), second = (hashed >> 40) & (FIRST_WORD_BITS - 1)
    bits[first >> 6] |= (<uint64_t>1) << (first & 63)
    bits[second >> 6] |= (<uint64_t>1) << (second & 63)


cdef inline bint in_set(const uint64_t *bits, uint64_t hashed) noexcept nogil:
    cdef uint64_t first = hashed & (FIRST_WORD_BITS - 1), second = (hashed >> 40) & (FIRST_WORD_BITS - 1)
    return (bits[first >> 6] >> (first & 63)) & (bits[second >> 6] >> (second & 63)) & 1
