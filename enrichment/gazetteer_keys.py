"""Which matching keys the knowledge base's aliases make, and what each key may mean.

Every alias of every KB entry is normalised (enrichment.normalize); a key maps to the entries it
may name, each with flags saying what context the reading needs (a surname-only alias of a person,
an acronym, a common word). Surnames of KB people become keys of their own when no alias or first
name already claims them. The gazetteer (enrichment.gazetteer) puts these keys in its automaton.
"""

from __future__ import annotations

from enrichment.kb.country_forms import AMBIGUOUS_AR, AMBIGUOUS_EN
from enrichment.kb.loader import KBEntry
from enrichment.normalize import normalize

# Candidate flags.
WEAK = 1  # surname-only alias of a KB person: needs supporting context
ACRONYM = 2  # alias written in capitals: the text must be in capitals too
AMBIGUOUS = 4  # alias is also a common word or first name

MIN_KEY_LENGTH = 2
_PATRONYMIC_LINKS = frozenset({"bin", "ibn", "bint", "abu", "abd", "بن", "ابن", "بنت", "ابو", "عبد", "ابي"})
# Generic nouns that some sources list as a place's name ("مدينة" for Medina): never aliases.
NEVER_ALIAS = frozenset(
    normalize(w)
    for w in ("مدينة", "منطقة", "محافظة", "دولة", "الدولة", "العاصمة", "جزيرة", "ميناء", "قرية", "بلدة", "ولاية")
)
AMBIGUOUS_AR_KEYS = frozenset(normalize(a) for a in AMBIGUOUS_AR)

KeyTable = dict[str, dict[int, int]]  # normalised key -> {entry index: flags}


def is_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text)


def _alias_flags(alias: str, key: str, arabic: bool) -> int:
    flags = 0
    if not arabic and " " not in key and alias.replace(".", "").isupper() and len(alias) <= 6:
        flags |= ACRONYM
    if key in (AMBIGUOUS_AR_KEYS if arabic else AMBIGUOUS_EN):
        flags |= AMBIGUOUS
    return flags


def _strip_article_en(key: str) -> str:
    return key[4:] if key.startswith("the ") and len(key) > 6 else key


def _surnames(entry: KBEntry) -> list[str]:
    names = [entry.name_en, *entry.aliases_en]
    if entry.name_ar:
        names.append(entry.name_ar)
    names.extend(entry.aliases_ar)
    out = []
    for name in names:
        parts = normalize(name).split(" ")
        if len(parts) < 2 or len(parts[-1]) < 4 or _PATRONYMIC_LINKS.intersection(parts):
            continue  # "Mohammed bin Salman": the last name is a father's name, not a surname
        if parts[-1].startswith("ال") or parts[-1] in NEVER_ALIAS:
            continue  # "عبد العزيز", "عبدالله الثاني": not surnames on their own
        out.append(parts[-1])
    return out


def key_table(entries: tuple[KBEntry, ...]) -> KeyTable:
    """Every normalised alias (and unclaimed surname of a KB person) with its readings."""
    table: KeyTable = {}
    first_names: set[str] = set()
    for index, entry in enumerate(entries):
        for alias in (entry.name_en, *entry.aliases_en, entry.name_ar or "", *entry.aliases_ar):
            key = normalize(alias)
            arabic = is_arabic(key)
            if not arabic:
                key = _strip_article_en(key)
            if len(key) < MIN_KEY_LENGTH or key in NEVER_ALIAS:
                continue
            slot = table.setdefault(key, {})
            flags = _alias_flags(alias, key, arabic)
            if arabic and " " not in key and entry.source == "geonames" and entry.subtype != "capital":
                flags |= AMBIGUOUS  # uncurated one-word Arabic town names are often common words
            if arabic and " " not in key and entry.type == "PERSON":
                flags |= WEAK  # one-word Arabic person names ("تراس") collide with verbs and nouns
            slot[index] = slot[index] & flags if index in slot else flags
        if entry.type == "PERSON":
            first_names.update(normalize(entry.name_en).split(" ")[:1])
            first_names.update(normalize(entry.name_ar or "").split(" ")[:1])
    strong = set(table)
    for index, entry in enumerate(entries):
        if entry.type != "PERSON":
            continue
        for surname in _surnames(entry):
            if surname in strong or surname in first_names:
                continue
            table.setdefault(surname, {})[index] = WEAK
    return table
