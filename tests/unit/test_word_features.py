"""The compiled word-type feature ids (hashing.word_type_ids, _word_features.pyx) are exactly those of
the readable definition the models were trained on (features.word_feature_ids), in the same order,
with stacking.document_key and document.case_code alongside; and summing them gives the rows the
name path gives (the shipped warm cache's, bit for bit)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment.ner.arabic import PROCLITICS, normalize_arabic, strip_proclitics
from enrichment.ner.document import case_code
from enrichment.ner.features import HASH_BITS, OFFSETS, PAD, WINDOW, word_feature_ids, word_feature_names
from enrichment.ner.hashing import WordTypeIds, sum_feature_rows, sum_id_rows, word_type_ids
from enrichment.ner.lexicon import Lexicon
from enrichment.ner.model import LinearModel
from enrichment.ner.stacking import document_key
from enrichment.ner.tagger import Tagger, model_path
from enrichment.ner.vocabulary import MAX_WORD

# Characters whose str methods are Unicode-aware in unusual ways: "İ" lowers to two characters, "ǅ" is
# title case, "ß" has no upper case in one character, "Ⅻ" is a cased non-letter, "²" a digit but not
# decimal; with Arabic letters, diacritics, tatweel and hamza seats, emoji, NUL and a lone surrogate.
_SPECIAL = "İıǅǈßẞⅫⅻ²٣ΣσςÉé\u0301\x00\ud800😀\u0640\u064b\u0650\u0670\u06d6\u0610أإآٱىةؤئ"
_ARABIC = "".join(map(chr, range(0x621, 0x64B))) + "\u064b\u064e\u0651\u0652\u0640\u0670\u06d6\u0610ٱ"
_CHARACTERS = st.one_of(
    st.sampled_from("abcXYZ019.-'&_ " + _SPECIAL),
    st.sampled_from(_ARABIC),
    st.characters(codec="utf-8"),
)
_WORDS = st.one_of(
    st.text(_CHARACTERS, max_size=12),
    st.text(_CHARACTERS, min_size=60, max_size=80),
    st.tuples(st.sampled_from(PROCLITICS), st.text(st.sampled_from(_ARABIC), max_size=8)).map("".join),
    st.sampled_from(["Paris", "NASA", "iPhone", "U.S.", "McDonald's", "وبغداد", "للأمم", "بالرياض", PAD, ""]),
)
_CLUSTERS = st.lists(st.integers(-(2**40), 2**40), min_size=1, max_size=3).map(tuple)
_KINDS = st.lists(st.sampled_from(["CITY", "COUNTRY", "FIRST", "LAST", "KBORG", "é&x"]), max_size=3).map(tuple)


def _weights(seed: int, rows: int) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float16]]:
    """A random sparse weight layout as the tagger keeps it: id -> row, float16 rows (row 0 zero)."""
    rng = np.random.default_rng(seed)
    weight_rows = rng.integers(0, rows, size=1 << HASH_BITS).astype(np.int32)
    weights = (rng.normal(size=(rows, 9)) * rng.choice([1e-6, 1e-3, 1.0, 30.0], size=(rows, 1))).astype(np.float16)
    weights[0] = 0
    return weight_rows, weights


def _lookup_keys(word: str) -> list[str]:
    """Every key the features of `word` may look up, so that the lexicon drawn below hits some of them."""
    normalized = normalize_arabic(word)
    stem = strip_proclitics(normalized)[1]
    readings = [normalized[len(p) :] for p in PROCLITICS if normalized.startswith(p)]
    return [word.lower(), normalized, stem, "ال" + stem, *readings]


@st.composite
def _types_and_lexicon(draw: st.DrawFn) -> tuple[list[tuple[str, bool]], Lexicon]:
    types = draw(st.lists(st.tuples(_WORDS, st.booleans()), min_size=1, max_size=12))
    keys = sorted({key for word, _ in types for key in _lookup_keys(word)})
    clusters = {key: draw(_CLUSTERS) for key in keys if draw(st.booleans())}
    gazetteer = {key: draw(_KINDS) for key in keys if draw(st.booleans())}
    return types, Lexicon(clusters, gazetteer)


def _per_type(found: WordTypeIds) -> list[list[list[int]]]:
    ids, ends = found.ids.tolist(), [0, *found.ends.tolist()]
    segments = [ids[ends[s] : ends[s + 1]] for s in range(len(ends) - 1)]
    return [segments[item : item + WINDOW] for item in range(0, len(segments), WINDOW)]


@settings(max_examples=400, deadline=None)
@given(_types_and_lexicon(), st.sampled_from(["ar", "en"]))
def test_compiled_ids_equal_the_python_definition(drawn: tuple[list[tuple[str, bool]], Lexicon], language: str) -> None:
    types, lexicon = drawn
    found = word_type_ids(types, language, lexicon)
    assert _per_type(found) == [word_feature_ids(word, initial, language, lexicon) for word, initial in types]
    assert found.keys == [document_key(word, language) for word, _ in types]
    assert found.cases.tolist() == [case_code(word) for word, _ in types]


def test_a_real_lexicon_and_ordinary_words() -> None:
    lexicon = Lexicon({"paris": (3, 40, 900), "بغداد": (7, 8, 9)}, {"paris": ("CITY",), "بغداد": ("CITY", "LOC")})
    for language, words in (("en", ["Paris", "PARIS", "paris", "The"]), ("ar", ["وبغداد", "بغداد", "والبغدادي"])):
        types = [(word, initial) for word in words for initial in (False, True)]
        expected = [word_feature_ids(word, initial, language, lexicon) for word, initial in types]
        assert _per_type(word_type_ids(types, language, lexicon)) == expected


@settings(max_examples=60, deadline=None)
@given(_types_and_lexicon(), st.sampled_from(["ar", "en"]), st.integers(0, 2**16))
def test_summed_ids_equal_summed_names(drawn: tuple[list[tuple[str, bool]], Lexicon], language: str, seed: int) -> None:
    types, lexicon = drawn
    weight_rows, weights = _weights(seed, 512)
    expected = np.zeros((len(types), WINDOW, weights.shape[1]), dtype=np.float32)
    names = [word_feature_names(word, initial, language, lexicon) for word, initial in types]
    sum_feature_rows(names, weight_rows, weights, expected)
    got = np.full_like(expected, np.nan)
    sum_id_rows(word_type_ids(types, language, lexicon), weight_rows, weights, got)
    assert np.array_equal(got.view(np.uint32), expected.view(np.uint32))


def test_an_empty_batch_and_bad_segments() -> None:
    found = word_type_ids([], "en", Lexicon())
    assert found.ids.size == 0 and found.ends.size == 0 and found.keys == [] and found.cases.size == 0
    weight_rows, weights = _weights(0, 16)
    out = np.zeros((0, len(OFFSETS), weights.shape[1]), dtype=np.float32)
    sum_id_rows(found, weight_rows, weights, out)
    one = word_type_ids([("word", False)], "en", Lexicon())
    broken = one._replace(ends=one.ends[::-1].copy())
    out = np.zeros((1, len(OFFSETS), weights.shape[1]), dtype=np.float32)
    try:
        sum_id_rows(broken, weight_rows, weights, out)
    except ValueError:
        pass
    else:
        raise AssertionError("falling segment ends must be refused")


def test_words_longer_than_max_word_share_the_row_of_their_cut() -> None:
    tagger = Tagger(LinearModel.load(model_path("en")), Lexicon())
    rows = len(tagger.cache_state()["table"])
    long_word, other_long_word, cut = "x" * 70, "x" * MAX_WORD + "yyyyyy", "x" * MAX_WORD
    tagger.tag(f"The {long_word} and {other_long_word} and {cut} again.")
    state = tagger.cache_state()
    new_words = ["The", "and", cut, "again", "."]
    assert len(state["table"]) == rows + len(new_words), "one row per type, long words by their cut"
    tagger.tag(f"A {other_long_word}")
    assert len(tagger.cache_state()["table"]) == rows + len(new_words) + 1, "only 'A' is new"
