"""The curated name lists of enrichment/data/names and how they enter the Arabic NER gazetteer."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from enrichment.ner.arabic import normalize_arabic
from enrichment.ner.gazetteer import NAME_LISTS_DIR, curated_name_lists, load_gazetteer, lookup, name_list_kinds
from enrichment.ner.lexicon import gazetteer_path
from enrichment.ner.tagger import MODELS_DIR

LIST_FILES = sorted(NAME_LISTS_DIR.glob("ar_*.txt"))
ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064A]")


def test_there_are_lists() -> None:
    assert len(LIST_FILES) >= 5


@pytest.mark.parametrize("path", LIST_FILES, ids=lambda path: path.name)
def test_each_list_is_well_formed(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    kinds = [line for line in lines if re.match(r"^#\s*kind:\s*[A-Z]+\s*$", line)]
    assert len(kinds) == 1, f"{path.name}: needs exactly one '# kind: NAME' line"
    names = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert names, f"{path.name} lists no names"
    assert all(ARABIC_LETTER_RE.search(name) for name in names), "every name is written in Arabic"
    assert all(name == " ".join(name.split()) for name in names), "no stray whitespace inside names"
    repeated = [name for name, count in Counter(normalize_arabic(name) for name in names).items() if count > 1]
    assert not repeated, f"{path.name}: names listed twice (up to normalisation): {repeated}"


def test_lists_are_read_by_kind_skipping_comments_and_numbers(tmp_path: Path) -> None:
    (tmp_path / "ar_people.txt").write_text("# kind: GIVEN\n# a comment\nمحمد\n\nعبد الله\n", encoding="utf-8")
    (tmp_path / "ar_events.txt").write_text("# kind: MISCNAME\nكأس العالم\nيورو 2004\n", encoding="utf-8")
    (tmp_path / "en_other.txt").write_text("# kind: OTHER\nJohn\n", encoding="utf-8")
    assert curated_name_lists(tmp_path, "ar") == {"GIVEN": {"محمد", "عبد الله"}, "MISCNAME": {"كأس العالم"}}


def test_a_list_without_its_kind_line_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "ar_people.txt").write_text("محمد\n", encoding="utf-8")
    with pytest.raises(ValueError, match="kind"):
        curated_name_lists(tmp_path, "ar")


def test_multi_word_names_give_positional_kinds_but_not_to_particles_short_words_or_places(tmp_path: Path) -> None:
    (tmp_path / "ar_orgs.txt").write_text(
        "# kind: ORGNAME\nنوكيا\nبنك لبنان والمهجر\nبنك أوف أمريكا\nإل جي\n", encoding="utf-8"
    )
    table = name_list_kinds(tmp_path, "ar", frozenset({"لبنان", "امريكا"}))
    assert table["نوكيا"] == {"ORGNAME"}
    assert table["بنك"] == {"ORGNAME0"}
    assert table[normalize_arabic("والمهجر")] == {"ORGNAME1"}
    for word in ("لبنان", "امريكا", "اوف", "ال", "جي"):
        assert word not in table


def test_shipped_arabic_gazetteer_carries_the_lists() -> None:
    table = load_gazetteer(gazetteer_path("ar", MODELS_DIR))
    if not any("GIVEN" in kinds for kinds in table.values()):
        pytest.skip("the shipped Arabic gazetteer predates the curated name lists")
    assert "GIVEN" in lookup(table, "ومحمد", "ar")
    assert "ORGNAME" in lookup(table, "نوكيا", "ar")
    assert "MISCNAME" in lookup(table, "بالدولار", "ar")
    assert not any(kind.startswith("GIVEN") for kind in lookup(table, "على", "ar"))
