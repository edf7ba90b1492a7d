# cython: boundscheck=False, wraparound=False, language_level=3
"""Compiled event-stage kernels; the Python they replace is the reference in tests/unit/segments_reference.py.

`boundaries` is `enrichment.events.segments`' regex scan (end marks and the next character) done in one pass
over the string's own storage (1, 2 or 4 bytes a character): the same sentence and paragraph starts
(tests/unit/test_segments.py).
"""

from cpython.unicode cimport Py_UNICODE_ISUPPER
from libc.stdint cimport uint8_t, uint16_t, uint32_t


cdef extern from "Python.h":
    int PyUnicode_KIND(object text)
    void *PyUnicode_DATA(object text)
    Py_ssize_t PyUnicode_GET_LENGTH(object text)


ctypedef fused storage_t:
    uint8_t
    uint16_t
    uint32_t


cdef inline bint _is_space(Py_UCS4 char) noexcept:
    return char == u' ' or char == u'\t' or char == u'\r' or char == 0xA0


cdef inline bint _starts_sentence(Py_UCS4 char) noexcept:
    """A capital, an opening quote or bracket, or an Arabic letter (as `str.isupper` and the reference)."""
    return (
        Py_UNICODE_ISUPPER(char)
        or char == u'"' or char == 0x201C or char == u"'" or char == u'('
        or (0x0600 <= char <= 0x06FF)
    )


cdef void _scan(const storage_t *chars, Py_ssize_t size, list sentences, list paragraphs) except *:
    cdef Py_ssize_t index = 0, after
    cdef Py_UCS4 char
    while index < size:
        char = chars[index]
        if char == u'\n':
            after = index + 1
            while after < size and chars[after] == u'\n':
                after += 1
            if after < size:
                sentences.append(after)
                paragraphs.append(after)
            index = after
        elif char == u'.' or char == u'!' or char == u'?' or char == 0x061F:
            after = index + 1
            while after < size and _is_space(chars[after]):
                after += 1
            if after == index + 1:
                index += 1  # no space after the mark: a decimal point or an abbreviation's dot
                continue
            if after < size and chars[after] != u'\n' and _starts_sentence(chars[after]):
                sentences.append(after)
            index = after
        else:
            index += 1


def boundaries(str text):
    """(sentence starts, paragraph starts) of `text`, both beginning with 0.

    A newline run starts a sentence and a paragraph after it; an end mark (. ! ? ؟) followed by spaces
    (space, tab, CR, no-break space) starts a sentence where the next character can open one.
    """
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t size = PyUnicode_GET_LENGTH(text)
    sentences = [0]
    paragraphs = [0]
    if kind == 1:
        _scan(<const uint8_t *>data, size, sentences, paragraphs)
    elif kind == 2:
        _scan(<const uint16_t *>data, size, sentences, paragraphs)
    else:
        _scan(<const uint32_t *>data, size, sentences, paragraphs)
    return sentences, paragraphs

