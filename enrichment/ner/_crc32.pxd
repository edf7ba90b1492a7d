"""CRC-32 (zlib's, without its final inversion) over bytes and over str code points as UTF-8, shared by
the tagger's compiled kernels (_feature_rows.pyx, _word_features.pyx) at C level: the C below is
compiled into each module that cimports it, each with its own table (call akhbar_crc_init once).

A feature id is crc32(f"{offset}|{name}".encode("utf-8", "surrogatepass")) & mask (features.feature_id);
continuing a CRC state over a string's code points gives it without building the string or its bytes.
"""

from libc.stdint cimport uint32_t


cdef extern from *:
    """
    #include <string.h>

    /* CRC-32 tables for slicing by 8: akhbar_crc_table[0] is the usual byte table, [k][byte] the
       CRC of that byte followed by k zero bytes. */
    static uint32_t akhbar_crc_table[8][256];

    static void akhbar_crc_init(void) {
        for (uint32_t byte = 0; byte < 256; byte++) {
            uint32_t crc = byte;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1u) ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
            akhbar_crc_table[0][byte] = crc;
        }
        for (uint32_t byte = 0; byte < 256; byte++) {
            for (int slice = 1; slice < 8; slice++) {
                uint32_t crc = akhbar_crc_table[slice - 1][byte];
                akhbar_crc_table[slice][byte] = (crc >> 8) ^ akhbar_crc_table[0][crc & 0xFFu];
            }
        }
    }

    /* zlib's crc32 without its final inversion: `state` starts at 0xFFFFFFFF (or a prefix's state).
       Eight bytes a step on little-endian machines, then byte by byte. */
    static inline uint32_t akhbar_crc_update(uint32_t state, const unsigned char *data, Py_ssize_t size) {
        Py_ssize_t index = 0;
    #if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        for (; index + 8 <= size; index += 8) {
            uint32_t low, high;
            memcpy(&low, data + index, 4);
            memcpy(&high, data + index + 4, 4);
            low ^= state;
            state = akhbar_crc_table[7][low & 0xFFu] ^ akhbar_crc_table[6][(low >> 8) & 0xFFu]
                  ^ akhbar_crc_table[5][(low >> 16) & 0xFFu] ^ akhbar_crc_table[4][low >> 24]
                  ^ akhbar_crc_table[3][high & 0xFFu] ^ akhbar_crc_table[2][(high >> 8) & 0xFFu]
                  ^ akhbar_crc_table[1][(high >> 16) & 0xFFu] ^ akhbar_crc_table[0][high >> 24];
        }
    #endif
        for (; index < size; index++) {
            state = akhbar_crc_table[0][(state ^ data[index]) & 0xFFu] ^ (state >> 8);
        }
        return state;
    }

    /* The CRC state after the UTF-8 encoding of `length` code points stored with `kind` bytes each
       (CPython's compact string storage), as str.encode("utf-8", "surrogatepass") would write them. */
    static inline uint32_t akhbar_crc_byte(uint32_t state, unsigned char byte) {
        return akhbar_crc_table[0][(state ^ byte) & 0xFFu] ^ (state >> 8);
    }

    static uint32_t akhbar_crc_code_points(uint32_t state, int kind, const void *data, Py_ssize_t length) {
        for (Py_ssize_t index = 0; index < length; index++) {
            Py_UCS4 point = PyUnicode_READ(kind, data, index);
            if (point < 0x80) {
                state = akhbar_crc_byte(state, (unsigned char)point);
            } else if (point < 0x800) {
                state = akhbar_crc_byte(state, (unsigned char)(0xC0 | (point >> 6)));
                state = akhbar_crc_byte(state, (unsigned char)(0x80 | (point & 0x3F)));
            } else if (point < 0x10000) {
                state = akhbar_crc_byte(state, (unsigned char)(0xE0 | (point >> 12)));
                state = akhbar_crc_byte(state, (unsigned char)(0x80 | ((point >> 6) & 0x3F)));
                state = akhbar_crc_byte(state, (unsigned char)(0x80 | (point & 0x3F)));
            } else {
                state = akhbar_crc_byte(state, (unsigned char)(0xF0 | (point >> 18)));
                state = akhbar_crc_byte(state, (unsigned char)(0x80 | ((point >> 12) & 0x3F)));
                state = akhbar_crc_byte(state, (unsigned char)(0x80 | ((point >> 6) & 0x3F)));
                state = akhbar_crc_byte(state, (unsigned char)(0x80 | (point & 0x3F)));
            }
        }
        return state;
    }

    static inline uint32_t akhbar_crc_text(uint32_t state, PyObject *text) {
        if (PyUnicode_IS_ASCII(text)) {  /* the common case: its own UTF-8 */
            return akhbar_crc_update(state, (const unsigned char *)PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text));
        }
        return akhbar_crc_code_points(state, PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text));
    }
    """
    void akhbar_crc_init()
    uint32_t akhbar_crc_update(uint32_t state, const unsigned char* data, Py_ssize_t size) nogil
    uint32_t akhbar_crc_code_points(uint32_t state, int kind, const void* data, Py_ssize_t length) nogil
    uint32_t akhbar_crc_text(uint32_t state, object text)
