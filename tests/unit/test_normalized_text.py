"""The matching copy of a text maps its offsets back onto the original characters."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment.normalized_text import _replace_all, _replace_chain, normalize, normalize_string, to_ascii_digits
from enrichment.number_words import parse_number


def test_arabic_letters_digits_and_harakat() -> None:
    norm = normalize("قتيلاً في أربيل ٢٠٢١")
    assert norm.text == "قتيلا في اربيل 2021"
    start = norm.text.index("اربيل")
    begin, end = norm.span(start, start + len("اربيل"))
    assert norm.original[begin:end] == "أربيل"


def test_helpers() -> None:
    assert normalize_string("Ministry الإثنين") == "ministry الاثنين"
    assert to_ascii_digits("٢٦ فبراير") == "26 فبراير"
    assert [parse_number(x) for x in ("22", "1,200", "twenty-two", "ثلاثه", "خمسه وعشرين", "اثنا عشر")] == [
        22,
        1200,
        22,
        3,
        25,
        12,
    ]


@given(st.text(alphabet=st.sampled_from("abAB ٢قتلً ـَةأ."), max_size=60))
def test_every_normalised_character_maps_to_its_source(text: str) -> None:
    norm = normalize(text)
    for index, char in enumerate(norm.text):
        source = norm.original[norm.to_original(index)]
        assert normalize_string(source) == char


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ 9٢۳قتلًٌـَةأإآىé’–\u060c\u00a0\u0670İΣς\uffffÉ\U0001f600\n"), max_size=60))
def test_the_charmap_fold_gives_what_the_replace_chain_gives(text: str) -> None:
    assert _replace_all(text) == _replace_chain(text)
    assert normalize(text).text == _replace_chain(text)
