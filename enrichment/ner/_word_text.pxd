"""Views of a word's code points and the str methods the NER features use, in C (inlined where cimported).

The word-type feature kernel (_word_features.pyx) reads words in CPython's own storage rather than
making Python strings. Its per-character tests are CPython's predicates (Py_UNICODE_IS*) applied as
str.isupper()/islower()/isalpha() apply them (a one-character string is judged by its character, a
longer one by the cased-character rule), and the Arabic normalisation is arabic.normalize_arabic's
table: tests/unit/test_word_features.py checks them against the Python definitions.
"""

from cpython.unicode cimport (
    Py_UNICODE_ISALPHA,
    Py_UNICODE_ISDIGIT,
    Py_UNICODE_ISLOWER,
    Py_UNICODE_ISTITLE,
    Py_UNICODE_ISUPPER,
    PyUnicode_DATA,
    PyUnicode_FromKindAndData,
    PyUnicode_GET_LENGTH,
    PyUnicode_KIND,
    PyUnicode_READ,
)

cdef enum:
    SHAPE_CHARS = 24  # features.word_shape reads the first 24 characters


cdef struct Text:  # code points in CPython's compact storage, `kind` bytes each
    int kind
    const char* data
    Py_ssize_t length


cdef inline Text text_of(str value):
    """The string's code points, read in place (valid while the string lives)."""
    cdef Text text
    text.kind = PyUnicode_KIND(value)
    text.data = <const char*>PyUnicode_DATA(value)
    text.length = PyUnicode_GET_LENGTH(value)
    return text


cdef inline Py_UCS4 char_at(Text text, Py_ssize_t index) noexcept:
    return PyUnicode_READ(text.kind, <void*>text.data, index)


cdef inline Text head(Text text, Py_ssize_t count) noexcept:
    """text[:count]"""
    if count < text.length:
        text.length = count
    return text


cdef inline Text tail(Text text, Py_ssize_t count) noexcept:
    """text[-count:] (count >= 1): the whole text when it is shorter."""
    if count < text.length:
        text.data += (text.length - count) * text.kind
        text.length = count
    return text


cdef inline Text word_shape(Text word, Py_UCS4* buffer) noexcept:
    """features.word_shape: X upper, x lower, d digit, a other letter, else the character; runs collapsed."""
    cdef Py_ssize_t index, size = 0
    cdef Py_UCS4 char, code
    for index in range(min(word.length, SHAPE_CHARS)):
        char = char_at(word, index)
        if Py_UNICODE_ISUPPER(char):
            code = 88  # X
        elif Py_UNICODE_ISLOWER(char):
            code = 120  # x
        elif Py_UNICODE_ISDIGIT(char):
            code = 100  # d
        elif Py_UNICODE_ISALPHA(char):
            code = 97  # a
        else:
            code = char
        if size == 0 or buffer[size - 1] != code:
            buffer[size] = code
            size += 1
    return Text(4, <const char*>buffer, size)


cdef inline bint is_cased(Text word, bint upper) noexcept:
    """str.isupper() (upper) or str.islower(), as CPython defines them."""
    cdef Py_ssize_t index
    cdef Py_UCS4 char
    cdef bint cased = False
    if word.length == 1:
        char = char_at(word, 0)
        return Py_UNICODE_ISUPPER(char) if upper else Py_UNICODE_ISLOWER(char)
    for index in range(word.length):
        char = char_at(word, index)
        if Py_UNICODE_ISTITLE(char) or (Py_UNICODE_ISLOWER(char) if upper else Py_UNICODE_ISUPPER(char)):
            return False
        cased = cased or (Py_UNICODE_ISUPPER(char) if upper else Py_UNICODE_ISLOWER(char))
    return cased


cdef inline int case_code(Text word) noexcept:
    """document.case_code: 0 lower, 1 title, 2 upper (alphabetic words), -1 anything else."""
    cdef Py_ssize_t index
    if word.length == 0:
        return -1
    for index in range(word.length):
        if not Py_UNICODE_ISALPHA(char_at(word, index)):
            return -1
    if is_cased(word, False):
        return 0
    if is_cased(word, True):
        return 2 if word.length > 1 else 1
    return 1 if Py_UNICODE_ISUPPER(char_at(word, 0)) else -1


cdef inline str normalize_arabic(Text word, Py_UCS4* buffer):
    """arabic.normalize_arabic: without diacritics and tatweel; alef, ya, ta-marbuta, hamza seats unified."""
    cdef Py_ssize_t index, size = 0
    cdef Py_UCS4 char
    for index in range(word.length):
        char = char_at(word, index)
        if 0x610 <= char <= 0x61A or 0x64B <= char <= 0x65F or char == 0x670 or 0x6D6 <= char <= 0x6ED or char == 0x640:
            continue
        if char == 0x623 or char == 0x625 or char == 0x622 or char == 0x671:  # أ إ آ ٱ -> ا
            char = 0x627
        elif char == 0x649 or char == 0x626:  # ى ئ -> ي
            char = 0x64A
        elif char == 0x629:  # ة -> ه
            char = 0x647
        elif char == 0x624:  # ؤ -> و
            char = 0x648
        buffer[size] = char
        size += 1
    return PyUnicode_FromKindAndData(4, buffer, size)


cdef inline int proclitic_lengths(Text normalized, tuple proclitics, Py_ssize_t* lengths) noexcept:
    """How many of `proclitics` (distinct strs, longest first) the word starts with; their lengths into
    `lengths` (one slot per proclitic)."""
    cdef int count = 0
    cdef Py_ssize_t index
    cdef Text proclitic
    for value in proclitics:
        proclitic = text_of(<str>value)
        if proclitic.length > normalized.length:
            continue
        for index in range(proclitic.length):
            if char_at(proclitic, index) != char_at(normalized, index):
                break
        else:
            lengths[count] = proclitic.length
            count += 1
    return count


cdef inline bint has_arabic_letter(Text word) noexcept:
    """arabic.is_arabic"""
    cdef Py_ssize_t index
    for index in range(word.length):
        if 0x621 <= char_at(word, index) <= 0x64A:
            return True
    return False
