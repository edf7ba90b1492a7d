"""Contextual rules: a title before a name makes a PERSON, an organisation head word makes an ORG.

The anchors (cue words: titles and organisation head words) are found by the gazetteer's Aho-Corasick
pass (CUE_WORDS are added to its automaton), so the rules only look at the few words around each anchor.
They return (start, end, type) spans into the original text. Every word list of the rules is in
data/entity_rule_words.yaml: extend them there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import islice
from pathlib import Path

import yaml

from enrichment.gazetteer import Cue

Span = tuple[int, int, str]

_WORDS: dict[str, list[str]] = yaml.safe_load(
    (Path(__file__).resolve().parent / "data" / "entity_rule_words.yaml").read_text(encoding="utf-8")
)
CUE_WORDS: dict[str, str] = {
    **{word: "title" for word in _WORDS["en_titles"] + _WORDS["ar_titles"]},
    **{word: "org" for word in _WORDS["en_org_heads"] + _WORDS["ar_org_heads"]},
}
_EN_NOT_NAME = frozenset(_WORDS["en_not_name"])
_AR_STOP = frozenset(_WORDS["ar_stop"])
_AR_PARTICLES = frozenset(_WORDS["ar_particles"])
_AR_NAMES_WITH_YA_TA = frozenset(_WORDS["ar_names_with_ya_ta"])
_AR_NAMES_WITH_LAM_BA = frozenset(_WORDS["ar_names_with_lam_ba"])
AR_NAMES_WITH_WAW = frozenset(_WORDS["ar_names_with_waw"])

_EN_NAME_RE = re.compile(
    r"\s+((?:[A-Z][a-z'\-]+|[A-Z]\.)(?:\s+(?:[A-Z][a-z'\-]+|[A-Z]\.|al-[A-Z][a-z]+|bin|ibn|de|van)){0,3})"
)
_EN_CAPS_BEFORE_RE = re.compile(r"((?:[A-Z][\w'\-.&]*\s+){1,4})$")
_EN_OF_AFTER_RE = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?([A-Z][\w'\-]*(?:\s+(?:and\s+)?[A-Z][\w'\-]*){0,3})")
_AR_WORD_RE = re.compile(r"[\u0621-\u064A\u064B-\u0652\u0640]+")
_AR_TOKEN_RE = re.compile(r"[\u0621-\u064A\u064B-\u0652\u0640]+|[^\s\u0621-\u064A]")
_AR_SKIPPABLE = frozenset(("(", "،", ",", ":", '"', "«", "-", "–"))
_AR_TITLES_WITH_COMPLEMENT = ("وزير", "المتحدث", "المتحدثة", "الناطق", "المبعوث")
_AR_ARTICLE_CLITICS = ("لل", "بال")
_AR_PRONOUN_SUFFIXES = ("ها", "هم", "هما", "كم", "هن")
_AR_FUTURE_VERB = ("سي", "ست", "سن", "سأ")
_AR_NAME_LINKS = frozenset(("بن", "عبد", "أبو", "ابن", "أبي", "بنت"))


def _could_be_name(word: str, first: bool) -> bool:
    """Cheap shape tests that rule out the commonest non-names after a title (particles, verbs, ل/ب + noun).

    The verb and ل/ب tests apply to the first word only: surnames (بركات، تسيبراس) often start that way.
    """
    if word in _AR_PARTICLES or word.startswith(_AR_ARTICLE_CLITICS) or word.endswith(("ًا", "اً")):
        return False
    if not first:
        return True
    if word[0] in "يت" and len(word) >= 4 and word not in _AR_NAMES_WITH_YA_TA:
        return False  # imperfect verbs: يعتبر، يعرف، تعتبر
    return not (word[0] in "لب" and len(word) >= 4 and word not in _AR_NAMES_WITH_LAM_BA)


def _arabic_name_after(text: str, position: int, needs_complement: bool) -> Span | None:
    """After an Arabic title: skip its complement (ال- words, "خارجية X") and punctuation, take the name."""
    # The loops below read at most seven tokens (four skipped, three of the name) of the next 100 characters.
    found = islice(_AR_TOKEN_RE.finditer(text, position, position + 100), 7)
    tokens = [(m.start(), m.end(), m.group()) for m in found]
    index = 1 if needs_complement and tokens and tokens[0][2] not in _AR_SKIPPABLE else 0
    while index < len(tokens) and index < 4:
        word = tokens[index][2]
        if word.startswith("ال") or word in _AR_SKIPPABLE:
            index += 1
            continue
        break
    name: list[tuple[int, int, str]] = []
    while index < len(tokens) and len(name) < 3:
        start, end, word = tokens[index]
        if len(name) == 2 and name[-1][2] not in _AR_NAME_LINKS:
            break
        if not ("\u0621" <= word[0] <= "\u064a") or word in _AR_STOP or word.startswith("ال") or len(word) < 2:
            break
        if word.startswith(_AR_FUTURE_VERB) and len(word) > 4:
            break
        if word.endswith(_AR_PRONOUN_SUFFIXES) or (word[0] == "و" and word not in AR_NAMES_WITH_WAW):
            break
        if not _could_be_name(word, first=not name):
            break
        name.append((start, end, word))
        index += 1
    if not name or name[-1][2] in _AR_NAME_LINKS:
        return None
    return name[0][0], name[-1][1], "PERSON"


def _arabic_org(text: str, start: int, head_end: int) -> Span | None:
    """Head word plus the following ال- words (its genitive complement and adjectives)."""
    end = head_end
    count = 1
    for word in _AR_WORD_RE.finditer(text, head_end, min(len(text), head_end + 80)):
        between = text[end : word.start()]
        if between.strip() or count >= 4:
            break
        value = word.group()
        if value in _AR_STOP or not (value.startswith("ال") or value.startswith("لل")):
            break
        end = word.end()
        count += 1
    return (start, end, "ORG") if count >= 2 else None


def _english_org(text: str, start: int, end: int) -> Span | None:
    before = _caps_before(text, start)
    first = start
    if before is not None:
        words = before.group(1).split()
        while words and words[0] in _EN_NOT_NAME:
            words.pop(0)
        if words:
            first = text.rfind(words[0], max(0, start - 80), start)
    after = _EN_OF_AFTER_RE.match(text, end)
    last = after.end() if after is not None else end
    if first == start and last == end:
        return None
    return first, last, "ORG"


def _caps_before(text: str, start: int) -> re.Match[str] | None:
    """_EN_CAPS_BEFORE_RE searched in the 80 characters before `start`, from the fourth word before it.

    Each of the pattern's (at most four) capitalised units lies in one whitespace-separated word and the
    spaces after it, so no match starts before the fourth last word: the search finds the same match
    without trying every capital of the window (~5 us to ~2 us a call, 3 calls an English article).
    """
    lo = max(0, start - 80)
    words = text[lo:start].rsplit(None, 4)
    if len(words) == 5:
        lo += len(words[0])  # words[0] is everything before the last four words
    return _EN_CAPS_BEFORE_RE.search(text, lo, start)


def rule_spans(text: str, cues: Iterable[Cue]) -> list[Span]:
    """PERSON spans after titles and ORG spans built on organisation head words."""
    spans: list[Span] = []
    for cue in cues:
        found: Span | None
        if cue.kind == "title":
            if cue.arabic:
                title = text[cue.start : cue.end]
                found = _arabic_name_after(text, cue.end, title.startswith(_AR_TITLES_WITH_COMPLEMENT))
            else:
                match = _EN_NAME_RE.match(text, cue.end)
                found = None
                if match is not None and match.group(1).split()[0] not in _EN_NOT_NAME:
                    found = (match.start(1), match.end(1), "PERSON")
        elif cue.arabic:
            found = _arabic_org(text, cue.start, cue.end)
        else:
            if not text[cue.start : cue.start + 1].isupper():
                continue
            found = _english_org(text, cue.start, cue.end)
        if found is not None:
            spans.append(found)
    return sorted(set(spans))
