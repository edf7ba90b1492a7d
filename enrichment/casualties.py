"""CasualtyStage: killed and injured counts stated in the text, in English and Arabic.

A small grammar around casualty words: "<number> <people words> were killed",
"killing <number> ...", "مقتل <number|person nouns>", "<number> قتيلاً". Numbers
are digits (Arabic-Indic too, via normalisation) or number words; years, ages,
money and percentages never count. Rules only run in windows around casualty
anchor words (see `enrichment.anchored_rules`) to stay fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from enrichment.anchored_rules import AnchorScanner, rule_matches, span_windows
from enrichment.enrichment_update import updated
from enrichment.normalized_text import normalize, normalize_string
from enrichment.number_words import NUMBER_AR, NUMBER_EN, parse_number
from enrichment.types import Casualty, CasualtyKind, Document, Enrichment

# Person nouns that make "a"/"the" a head count ("killed a civilian contractor", "the victim died").
_WORDS = yaml.safe_load((Path(__file__).resolve().parent / "data" / "casualty_words.yaml").read_text(encoding="utf-8"))

_EN_KILLED = (
    "shot to death|shot and killed|stabbed to death|beaten to death|hacked to death|burned to death|shot dead|"
    "killed|dead|died|murdered|slain|beheaded|executed|lynched|lost their lives|perished|fatalities|fatality"
)
_EN_INJURED = "wounded|injured|hurt|maimed"
_EN_PERSON = frozenset(_WORDS["en_person"])
_EN_PLURAL_PERSON = frozenset(_WORDS["en_plural_person"])
_AT_LEAST = r"(?P<al>at least|more than|over|no fewer than|upwards of)\s+"
_APPROX = r"(?:some|about|around|nearly|almost|approximately|roughly|up to)\s+"
_NUMBER_BODY = NUMBER_EN[3:-1]  # the alternation inside NUMBER_EN's "(?:...)"
_FILLER = (
    rf"(?:\([^()]{{0,60}}\)\s*|(?!(?:and|but|while|after|before|when)\b)(?!\d+[\s,.;]|(?!an?\b)(?:{_NUMBER_BODY})\b)"
    rf"(?:\w(?:\.\w)+\.|[\w'\-]+)\s+)"
)
_NOT_UNIT = (
    r"(?!\s*(?:%|percent|per cent|million|billion|thousand|years?\b|year-old|-year|km|kilomet|miles?\b|kg|tons?\b|"
    r"\$|dollars?|euros?|pounds?|hours?\b|days?\b|minutes?\b|times\b|mm\b))"
)

_EN_NUM_FIRST = re.compile(
    rf"(?<![\w$£€])(?:{_AT_LEAST}|{_APPROX})?(?P<num>{NUMBER_EN}|the){_NOT_UNIT}\s+(?P<fill>{_FILLER}{{0,7}}?)"
    rf"(?:(?:were|was|have been|has been|had been|are|is|been|being|reportedly|reported|later|also|all|"
    rf"were reportedly|allegedly)\s+)*(?P<verb>{_EN_KILLED}|{_EN_INJURED})\b"
)
_EN_VERB_FIRST = re.compile(
    rf"(?<!\w)(?<!to )(?P<verb>killing|killed|kills|kill|wounding|wounded|injuring|injured|leaving|left|"
    rf"claimed the lives of|death toll (?:\w+\s+){{0,3}}?(?:to|at|of|reached|hit|stands at))\s+"
    rf"(?:{_AT_LEAST}|{_APPROX})?(?P<num>{NUMBER_EN}|him|her|the){_NOT_UNIT}(?P<tail>(?:\s+(?!and\b|or\b)[\w'\-.]+){{0,3}})"
)
_PAIR_WORDS = r"(?:[\w'\-]+\s+)?[\w'\-]+"
_EN_PAIR_PASSIVE = re.compile(
    rf"(?<!\w)(?:a|an|one)\s+(?P<p1>{_PAIR_WORDS})\s+and\s+(?:a|an|one)\s+(?P<p2>{_PAIR_WORDS})\s+"
    rf"(?:were\s+)?(?P<verb>{_EN_KILLED}|{_EN_INJURED})\b"
)
_EN_PAIR_ACTIVE = re.compile(
    rf"(?<!\w)(?<!to )(?P<verb>killing|killed|wounding|wounded|injuring|injured)\s+(?:a|an|one)\s+(?P<p1>{_PAIR_WORDS})"
    rf"\s+and\s+(?:a|an|one)\s+(?P<p2>{_PAIR_WORDS})\b"
)
_EN_LEFT_KIND = re.compile(r"\s+(?:[\w'\-.]+\s+){0,3}?(?P<verb>dead|wounded|injured)\b")

_AR_KILL_WORDS = "مقتل|قتل|استشهاد|مصرع|وفاه|سقوط"
_AR_INJURE_WORDS = "اصابه|جرح|اصيب|جرح"
_AR_AT_LEAST = r"(?P<al>ما لا يقل عن|ما لايقل عن|اكثر من|علي الاقل)\s+"
_AR_APPROX = r"(?:نحو|حوالي|زهاء|قرابه)\s+"
_AR_PERSON = "|".join(
    normalize_string(w)
    for w in [
        "مدني",
        "شخص",
        "جندي",
        "عسكري",
        "طفل",
        "امرأة",
        "رجل",
        "شرطي",
        "مسلح",
        "متعاقد",
        "مواطن",
        "ضابط",
        "عنصر",
        "مقاتل",
        "شاب",
        "طالب",
        "صحفي",
        "فتاة",
        "طفلة",
        "سائق",
        "عامل",
        "مزارع",
        "معتقل",
        "سجين",
        "متظاهر",
        "ناشط",
        "مستوطن",
        "فلسطيني",
        "إسرائيلي",
        "أمريكي",
    ]
)
_AR_DUALS = "|".join(
    normalize_string(w) for w in ["جنديين", "شخصين", "طفلين", "شرطيين", "ضابطين", "رجلين", "امرأتين", "شابين", "صحفيين"]
)
_AR_TRIGGER_NUM = re.compile(
    rf"(?<!\w)[وفبل]?(?P<verb>{_AR_KILL_WORDS}|{_AR_INJURE_WORDS})\s+(?:{_AR_AT_LEAST}|{_AR_APPROX})?"
    rf"(?P<num>{NUMBER_AR})"
)
_AR_NUM_NOUN = re.compile(
    rf"(?<![\w$])(?:{_AR_AT_LEAST}|{_AR_APPROX})?(?P<num>{NUMBER_AR})\s+"
    rf"(?P<verb>قتيل|قتلي|قتيلا|شهيد|شهداء|شهيدا|جريح|جرحي|جريحا|مصاب|مصابا|مصابين)(?!\w)"
)
_AR_TRIGGER_NOUN = re.compile(
    rf"(?<!\w)[وفبل]?(?P<verb>{_AR_KILL_WORDS}|اصابه)\s+(?P<n1>{_AR_PERSON})(?!\w)(?:\s+(?!و)\w+)?"
    rf"(?:\s+و(?P<n2>{_AR_PERSON})(?!\w))?"
)
_AR_TRIGGER_DUAL = re.compile(
    rf"(?<!\w)[وفبل]?(?P<verb>{_AR_KILL_WORDS}|{_AR_INJURE_WORDS})\s+(?P<dual>{_AR_DUALS})(?!\w)"
)
_AR_AT_LEAST_AFTER = re.compile(r"\s*(?:\w+\s+){0,1}علي الاقل")
_EN_INJURED_SET = frozenset(_EN_INJURED.split("|")) | {"wounding", "injuring"}
_AR_INJURED_PREFIXES = ("اصاب", "جرح", "جريح", "مصاب")

_EN_VERB_FIRST_ANCHORS = "killed killing kill kills wounded wounding injured injuring toll left leaving lives"
_EN_VERB_LAST_ANCHORS = (
    "killed fatalities fatality death dead died murdered slain beheaded executed lynched lives perished "
    "wounded injured hurt maimed"
)
_SCANNER = AnchorScanner(
    [
        *((w, "en_verb_first") for w in _EN_VERB_FIRST_ANCHORS.split()),
        *((w, "en_verb_last") for w in _EN_VERB_LAST_ANCHORS.split()),
        ("claimed", "en_claimed"),  # "claimed the lives of": where an _EN_VERB_FIRST match may begin
        *(
            (normalize_string(w), "ar_trigger*")
            for w in ["مقتل", "قتل", "استشهاد", "مصرع", "وفاة", "سقوط", "إصابة", "جرح", "أصيب"]
        ),
        *(
            (normalize_string(w), "ar_noun*")
            for w in [
                "قتيل",
                "قتلى",
                "قتيلا",
                "شهيد",
                "شهداء",
                "شهيدا",
                "جريح",
                "جرحى",
                "جريحا",
                "مصاب",
                "مصابا",
                "مصابين",
            ]
        ),
    ],
    shared=True,
)
# (anchor kind, rule, window chars before the anchor, window chars after it, the anchor kinds at whose starts
# all its matches begin: then it is tried only there, not searched through the window)
_RULES: tuple[tuple[str, re.Pattern[str], int, int, tuple[str, ...]], ...] = (
    ("en_verb_first", _EN_PAIR_ACTIVE, 30, 90, ("en_verb_first",)),
    ("en_verb_last", _EN_PAIR_PASSIVE, 80, 0, ()),
    ("en_verb_first", _EN_VERB_FIRST, 30, 90, ("en_verb_first", "en_verb_last", "en_claimed")),  # "death toll"
    ("en_verb_last", _EN_NUM_FIRST, 120, 0, ()),
    ("ar_trigger*", _AR_TRIGGER_NUM, 3, 50, ()),
    ("ar_trigger*", _AR_TRIGGER_DUAL, 3, 20, ()),
    ("ar_trigger*", _AR_TRIGGER_NOUN, 3, 40, ()),
    ("ar_noun*", _AR_NUM_NOUN, 45, 0, ()),
)


def _kind_of(verb: str) -> CasualtyKind:
    if verb in _EN_INJURED_SET or verb.startswith(_AR_INJURED_PREFIXES):
        return "injured"
    return "killed"


def _has_person(words: str, singular_only: bool = False, head_first: bool = False) -> bool:
    """A person noun among `words` ("a civilian contractor"); `singular_only` for "the victim died"."""
    tokens = words.split()
    if singular_only:
        tokens = tokens[:2] if head_first else tokens[-2:]
    for word in tokens:
        token = word.strip(".,'()")
        if token in _EN_PERSON and not (singular_only and token in _EN_PLURAL_PERSON):
            return True
        if not singular_only and token.rstrip("s") in _EN_PERSON:
            return True
    return False


def _count(m: re.Match[str]) -> int | None:
    groups = m.groupdict()
    if groups.get("p1"):
        both = _has_person(groups["p1"]) and _has_person(groups.get("p2") or "")
        return 2 if both else None
    if groups.get("n1"):
        return 2 if groups.get("n2") else 1
    if groups.get("dual"):
        return 2
    raw = groups["num"]
    if raw in ("him", "her"):
        return 1
    if raw == "the":
        if groups.get("fill"):
            return 1 if _has_person(groups["fill"], singular_only=True) else None
        return 1 if _has_person(groups.get("tail") or "", singular_only=True, head_first=True) else None
    value = parse_number(raw)
    if value is None:
        return None
    if raw.isdigit() and len(raw) == 4 and raw[:2] in ("19", "20"):
        return None  # a year, not a head count
    if raw in ("a", "an", "one"):
        context = groups.get("fill") or groups.get("tail") or ""
        if raw != "one" and not _has_person(context):
            return None
    return value


def _verb_kind(m: re.Match[str], text: str) -> CasualtyKind | None:
    verb = m["verb"]
    if verb in ("leaving", "left") or verb.startswith("death toll"):
        if verb.startswith("death toll"):
            return "killed"
        follow = _EN_LEFT_KIND.match(text, m.end("num"))
        return None if follow is None else _kind_of(follow["verb"])
    return _kind_of(verb)


_Reading = tuple[CasualtyKind, int, int, int, bool, int, int]


def _reading(m: re.Match[str], norm: str) -> _Reading | None:
    """(kind, count, start, end, at least, number start, number end) of a rule's match, None if it counts none."""
    kind = _verb_kind(m, norm)
    count = _count(m)
    if kind is None or count is None:
        return None
    groups = m.groupdict()
    at_least = bool(groups.get("al")) or bool(_AR_AT_LEAST_AFTER.match(norm, m.end()))
    number_group = next(g for g in ("num", "dual", "n1", "p1") if groups.get(g))
    return kind, count, m.start(), m.end(), at_least, m.start(number_group), m.end(number_group)


def _matches(norm: str) -> Iterator[_Reading]:
    hits: dict[str, list[tuple[int, int]]] = {}
    for anchor, start, end in _SCANNER.spans(norm):
        hits.setdefault(anchor, []).append((start, end))
    for kind_name, pattern, before, after, start_kinds in _RULES:
        kind_hits = hits.get(kind_name)
        if not kind_hits:
            continue
        spans = span_windows(kind_hits, before, after, len(norm))
        for m in rule_matches(pattern, norm, spans, hits, start_kinds):
            reading = _reading(m, norm)
            if reading is not None:
                yield reading


def find_casualties(text: str) -> tuple[Casualty, ...]:
    """Casualty statements in `text` in text order; each number is counted once."""
    norm = normalize(text)
    used_numbers: set[tuple[int, int]] = set()
    accepted: list[tuple[Casualty, int, int]] = []  # with normalised spans, to drop overlapping readings
    found: list[Casualty] = []
    for kind, count, start, end, at_least, num_start, num_end in _matches(norm.text):
        if (num_start, num_end) in used_numbers or any(
            c.kind == kind and c_start < end and start < c_end for c, c_start, c_end in accepted
        ):
            continue
        used_numbers.add((num_start, num_end))
        o_start, o_end = norm.span(start, end)
        while o_end > o_start and text[o_end - 1] in ".,;:!?":
            o_end -= 1
        casualty = Casualty(kind, count, text[o_start:o_end], o_start, o_end, at_least)
        accepted.append((casualty, start, end))
        found.append(casualty)
    found.sort(key=lambda c: c.start)
    return tuple(found)


class CasualtyStage:
    """Stage "casualties": fills `Enrichment.casualties`."""

    name = "casualties"

    def __call__(self, doc: Document, acc: Enrichment) -> Enrichment:
        return updated(acc, casualties=find_casualties(doc.text))
