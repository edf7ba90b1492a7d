"""The character classes of the tagger's tokeniser (_token_scan.pyx), as the regex engine applies them to
tokenize.TOKEN_RE: inlined where cimported."""


cdef extern from "Python.h":
    int PyUnicode_KIND(object text)
    void* PyUnicode_DATA(object text)
    Py_ssize_t PyUnicode_GET_LENGTH(object text)
    Py_UCS4 PyUnicode_READ(int kind, void* data, Py_ssize_t index) nogil
    bint Py_UNICODE_ISALNUM(Py_UCS4 character) nogil
    bint Py_UNICODE_ISSPACE(Py_UCS4 character) nogil
    bint Py_UNICODE_ISDECIMAL(Py_UCS4 character) nogil
    object PyUnicode_Substring(object text, Py_ssize_t start, Py_ssize_t end)


cdef inline bint word_character(Py_UCS4 character) noexcept nogil:
    """tokenize._W: \\w plus Arabic combining marks and the zero-width (non-)joiners."""
    if character < 128:
        return (
            (c'a' <= character <= c'z') or (c'A' <= character <= c'Z') or (c'0' <= character <= c'9')
            or character == c'_'
        )
    return (
        Py_UNICODE_ISALNUM(character)
        or 0x0610 <= character <= 0x061A
        or 0x064B <= character <= 0x065F
        or character == 0x0670
        or 0x06D6 <= character <= 0x06ED
        or character == 0x200C
        or character == 0x200D
    )


cdef inline bint space_character(Py_UCS4 character) noexcept nogil:
    if character < 128:
        return character == c' ' or (9 <= character <= 13) or (28 <= character <= 31)
    return Py_UNICODE_ISSPACE(character)


cdef inline bint is_word(Py_UCS4 character) noexcept nogil:
    """The regex engine's \\w (tokenize._W without the Arabic marks and joiners)."""
    return Py_UNICODE_ISALNUM(character) or character == c'_'


cdef inline bint sentence_final(
    str text, int kind, void* data, Py_ssize_t start, Py_ssize_t end, Py_ssize_t size, frozenset abbreviations
):
    """Whether the word run text[start:end], followed by ".", is the token (as at a sentence end): the
    pattern's alternatives that take the "." need a one-letter run ("U.S.", "M. Smith"), a run of
    digits with a digit after the "." ("3.5") or an abbreviation with no word character after it."""
    cdef Py_ssize_t index
    if end - start < 2:
        return False
    if end + 1 < size and Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, end + 1)):
        index = start
        while index < end and Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, index)):
            index += 1
        if index == end:
            return False
    if PyUnicode_Substring(text, start, end) in abbreviations:
        return end + 1 < size and is_word(PyUnicode_READ(kind, data, end + 1))
    return True
