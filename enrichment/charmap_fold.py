"""Per-character string mappings at C speed, for texts written in a small alphabet.

`str.translate` costs ~30 ns per non-ASCII character (one table lookup through Python
objects each), which makes it the dearest step of normalising an Arabic article. A
charmap codec does the same work in C: each character of the alphabet is encoded to
its index (one byte), and decoding the bytes with a second table yields each
character's image. Texts with a character outside the alphabet return None and take
the general path, so results never depend on which path ran.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from typing import Any

# The characters of nearly all Arabic and English news: ASCII, Arabic letters, marks, digits and
# punctuation, typographic quotes and dashes, bidi/zero-width controls, common Latin-1 letters.
NEWS_ALPHABET = "".join(
    dict.fromkeys(
        "\x00\t\n\r"  # U+0000 must come first for the codec's compact (3-level) encoding map
        + "".join(chr(c) for c in range(0x20, 0x7F))
        + "\u060c\u061b\u061f\u066a\u066b\u066c\u06d4"
        + "".join(chr(c) for c in range(0x0621, 0x063B))
        + "".join(chr(c) for c in range(0x0640, 0x0653))
        + "".join(chr(c) for c in range(0x0660, 0x066A))
        + "".join(chr(c) for c in range(0x06F0, 0x06FA))
        + "\u0670\u0671\u067e\u0686\u0698\u06a4\u06a9\u06af\u06cc\u06d2"
        + "\u00a0\u00ab\u00bb\u00b7\u00b0\u00d7\u00a9\u00ae\u00ad\u00e9\u00e8\u00e0\u00e7\u00f4\u00ef"
        + "\u00fc\u00f6\u00e1\u00ed\u00f3\u00fa\u00f1\u00e2\u00ea\u00e4"
        + "\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2022\u2039\u203a\u2122\u20ac\u00a3"
        + "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
    )
)


class CharmapFold:
    """Maps every character of a text through `image` (one character to one character)."""

    def __init__(self, image: Callable[[str], str], alphabet: str = NEWS_ALPHABET) -> None:
        if len(alphabet) > 256 or len(set(alphabet)) != len(alphabet):
            raise ValueError("a charmap alphabet has at most 256 distinct characters")
        images = [image(char) for char in alphabet]
        if any(len(out) != 1 or out == "\ufffe" for out in images):
            raise ValueError("each image must be one character (and not U+FFFE, the codec's 'undefined')")
        self._encoding: Any = codecs.charmap_build(alphabet)
        self._images = "".join(images)

    def __call__(self, text: str) -> str | None:
        """The mapped text, or None if `text` has a character outside the alphabet."""
        try:
            indices = codecs.charmap_encode(text, "strict", self._encoding)[0]
        except UnicodeEncodeError:
            return None
        return codecs.charmap_decode(indices, "strict", self._images)[0]
