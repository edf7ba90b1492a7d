"""HTML to plain text with selectolax (lexbor): scripts, styles and markup removed.

A real HTML5 parser, not regexes: entity bombs and broken markup are handled by
the parser, and its output is bounded by the input size.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

_DROP = ("script", "style", "noscript", "template", "iframe", "svg", "head")
_BLOCK_TAGS = "p,div,br,li,h1,h2,h3,h4,h5,h6,tr,article,section,blockquote,pre,header,footer,figcaption"
_BLOCKS = re.compile(r"[ \t\r\f\v]*\n[ \t\r\f\v\n]*")
_SPACES = re.compile(r"[ \t\r\f\v]+")


def html_to_text(html: str) -> str:
    """Visible text of an HTML document, paragraphs separated by newlines."""
    tree = LexborHTMLParser(html)
    for tag in _DROP:
        for node in tree.css(tag):
            node.decompose()
    for node in tree.css(_BLOCK_TAGS):
        node.insert_after("\n")
    root = tree.body or tree.root
    if root is None:
        return ""
    text = root.text(separator="")
    return _BLOCKS.sub("\n", _SPACES.sub(" ", text)).strip()
