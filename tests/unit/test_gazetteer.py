"""Alias matching: clitics, offsets in the original text, longest match, case rules."""

from __future__ import annotations

import pytest

from enrichment.gazetteer import WEAK, Gazetteer, Match
from enrichment.kb.loader import read_kb
from tests.unit.kb_fixture import write_fixture_kb


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return Gazetteer(read_kb(write_fixture_kb(tmp_path_factory.mktemp("kb"))))


def _ids(gazetteer: Gazetteer, match: Match) -> list[str]:
    return [gazetteer.entries[i].id for i, _ in match.candidates]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("للعراق", "لعراق"),
        ("وبغداد", "بغداد"),
        ("بسوريا", "سوريا"),
        ("والعراق", "العراق"),
        ("وللعراق", "لعراق"),
        ("فبغداد", "بغداد"),
        ("كالعراق", "العراق"),
    ],
)
def test_arabic_proclitics_are_excluded_from_the_span(gazetteer: Gazetteer, text: str, surface: str) -> None:
    matches = gazetteer.find(f"زار {text} أمس")
    assert [m.text for m in matches] == [surface]
    match = matches[0]
    assert f"زار {text} أمس"[match.start : match.end] == surface


def test_suffixes_and_demonyms_do_not_match(gazetteer: Gazetteer) -> None:
    assert gazetteer.find("الحكومة العراقية والقوات السورية") == []
    assert gazetteer.find("Iraqi and Syrian troops") == []


def test_longest_match_wins(gazetteer: Gazetteer) -> None:
    matches = gazetteer.find("أعلنت وزارة الدفاع الأمريكية")
    assert [m.text for m in matches] == ["وزارة الدفاع الأمريكية"]
    assert _ids(gazetteer, matches[0]) == ["wd:Q11209"]


def test_diacritics_and_variants_keep_original_offsets(gazetteer: Gazetteer) -> None:
    text = "في دير الزّور و ديرالزور"
    matches = gazetteer.find(text)
    assert [text[m.start : m.end] for m in matches] == ["دير الزّور", "ديرالزور"]


def test_english_case_rules_and_possessives(gazetteer: Gazetteer) -> None:
    text = "Iraq's army and the U.S. roast a turkey, then Turkey and US envoys met us."
    found = [(m.text, _ids(gazetteer, m)[0]) for m in gazetteer.find(text)]
    assert ("Iraq", "iso:IQ") in found
    assert ("U.S.", "iso:US") in found
    assert ("Turkey", "iso:TR") in found
    assert ("US", "iso:US") in found
    assert all(text_ != "turkey" and text_ != "us" for text_, _ in found)


def test_multiword_english_is_case_insensitive(gazetteer: Gazetteer) -> None:
    assert [m.text for m in gazetteer.find("the united states said")] == ["united states"]


def test_surnames_of_kb_people_are_weak_aliases(gazetteer: Gazetteer) -> None:
    matches = gazetteer.find("قال كيربي")
    assert [m.text for m in matches] == ["كيربي"]
    assert matches[0].flags & WEAK


def test_empty_and_odd_text(gazetteer: Gazetteer) -> None:
    assert gazetteer.find("") == []
    assert gazetteer.find("\x00\u200f😀") == []
