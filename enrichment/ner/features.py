"""Per-word-type feature extraction for the linear NER model.

Every feature depends on one token and its offset (-2..+2) from the token being tagged, so a word
type's contribution at each offset can be summed once and cached (see `model.TypeTable`): tagging
then costs a few array additions per token. Sentence-initial tokens are a distinct word type
("initial" variant) so capitalisation at the start of a sentence is judged separately.

This is the definition training reads. The tagger computes the same ids for its new word types
without making the strings (hashing.word_type_ids, _word_features.pyx): a change here must be made
there too, and tests/unit/test_word_features.py fails until both agree.
"""

from __future__ import annotations

import re
import zlib

from enrichment.ner.arabic import is_arabic, normalize_arabic, strip_proclitics
from enrichment.ner.clusters import Clusters
from enrichment.ner.gazetteer import lookup_normalized_arabic
from enrichment.ner.lexicon import Lexicon

OFFSETS = (-2, -1, 0, 1, 2)
WINDOW = len(OFFSETS)
HASH_BITS = 20
HASH_MASK = (1 << HASH_BITS) - 1
PAD = "\x00<PAD>"


def feature_id(offset: int, name: str) -> int:
    """Stable hashed id of a feature string at an offset (crc32, independent of PYTHONHASHSEED)."""
    return zlib.crc32(f"{offset}|{name}".encode("utf-8", "surrogatepass")) & HASH_MASK


_ASCII_CLASSES = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "X" * 26 + "x" * 26 + "d" * 10
)
_RUN_RE = re.compile(r"(.)\1+", re.DOTALL)


def _first_of_run(match: re.Match[str]) -> str:
    """A callable replacement: re.sub re-parses a "\\1" template string on every call (~3 us a word)."""
    return match.group(1)


def word_shape(word: str) -> str:
    """Character classes (X upper, x lower, d digit, a Arabic), runs of one class collapsed."""
    word = word[:24]
    if word.isascii():  # the common case, without a Python loop over characters
        return _RUN_RE.sub(_first_of_run, word.translate(_ASCII_CLASSES))
    out: list[str] = []
    for char in word:
        if char.isupper():
            code = "X"
        elif char.islower():
            code = "x"
        elif char.isdigit():
            code = "d"
        elif char.isalpha():
            code = "a"
        else:
            code = char
        if not out or out[-1] != code:
            out.append(code)
    return "".join(out)


def _cluster_names(cluster: tuple[int, ...] | None, tag: str) -> tuple[list[str], list[str]]:
    """(names at the centre and +-1, names at +-2); callers must not mutate the (cached) lists."""
    key = (cluster, tag)
    found = _CLUSTER_NAMES.get(key)
    if found is None:
        if cluster is None:
            found = [f"{tag}1=none"], [f"{tag}1=none"]
        else:
            found = [f"{tag}{level + 1}={value}" for level, value in enumerate(cluster)], [f"{tag}1={cluster[0]}"]
        if len(_CLUSTER_NAMES) < 100_000:
            _CLUSTER_NAMES[key] = found
    return found


_CLUSTER_NAMES: dict[tuple[tuple[int, ...] | None, str], tuple[list[str], list[str]]] = {}


_CAPITAL = {False: "False", True: "True"}
_LENGTHS = tuple(f"len={length}" for length in range(9))
_INITIAL = {False: "init=False", True: "init=True"}


def _english(word: str, initial: bool, lexicon: Lexicon) -> list[list[str]]:
    lower = word.lower()
    cluster_near, cluster_far = _cluster_names(lexicon.clusters.get(lower), "c")
    shape = word_shape(word)
    capital = _CAPITAL[word[:1].isupper()]
    gazetteer = lexicon.gazetteer.get(lower, ()) if lexicon.gazetteer else ()
    whole, shape_name = "w=" + lower, "shape=" + shape
    center = [
        "b",
        whole,
        "raw=" + word,
        shape_name,
        _LENGTHS[min(len(word), 8)],
        f"init={initial}&cap={capital}",
    ]
    if len(lower) >= 4:
        center += ["p1=" + lower[:1], "p2=" + lower[:2], "p3=" + lower[:3], "p4=" + lower[:4]]
        center += ["s1=" + lower[-1:], "s2=" + lower[-2:], "s3=" + lower[-3:], "s4=" + lower[-4:]]
    else:
        center += [f"p{n}={lower[:n]}" for n in range(1, 5) if len(lower) >= n]
        center += [f"s{n}={lower[-n:]}" for n in range(1, 5) if len(lower) >= n]
    if word.isupper() and len(word) > 1:
        center.append("allcaps")
    if initial:
        center += ["init&w=" + lower, "init&shape=" + shape]
    near = [whole, shape_name, "s3=" + lower[-3:], "cap=" + capital, *cluster_near]
    if gazetteer:
        center += [f"gaz={kind}" for kind in gazetteer]
        center += [f"gaz={kind}&cap={capital}" for kind in gazetteer]
        near += [f"gaz={kind}" for kind in gazetteer]
    center += cluster_near
    center += [f"{name}&cap={capital}" for name in cluster_near]
    far = [whole, shape_name, *cluster_far]
    return [far, near, center, near, far]


def _arabic_cluster(normalized: str, proclitic: str, stem: str, clusters: Clusters) -> tuple[int, ...] | None:
    found = clusters.get(normalized)
    if found is None and proclitic:
        found = clusters.get("ال" + stem) if proclitic.endswith(("ال", "لل")) else None
        found = found or clusters.get(stem)
    return found


def _normalized_affixes(text: str) -> list[str]:
    """p1..p3 (prefixes) and s1..s4 (suffixes) of a normalised word, those the word is long enough for."""
    if len(text) >= 4:
        return [
            "p1=" + text[:1],
            "p2=" + text[:2],
            "p3=" + text[:3],
            "s1=" + text[-1:],
            "s2=" + text[-2:],
            "s3=" + text[-3:],
            "s4=" + text[-4:],
        ]
    prefixes = [f"p{n}={text[:n]}" for n in range(1, 4) if len(text) >= n]
    return [*prefixes, *(f"s{n}={text[-n:]}" for n in range(1, 5) if len(text) >= n)]


def _stem_affixes(stem: str) -> list[str]:
    """sp1..sp3 and ss1..ss3 of a proclitic-stripped stem, those strictly shorter than the stem."""
    if len(stem) > 3:
        return [
            "sp1=" + stem[:1],
            "sp2=" + stem[:2],
            "sp3=" + stem[:3],
            "ss1=" + stem[-1:],
            "ss2=" + stem[-2:],
            "ss3=" + stem[-3:],
        ]
    prefixes = [f"sp{n}={stem[:n]}" for n in range(1, 4) if len(stem) > n]
    return [*prefixes, *(f"ss{n}={stem[-n:]}" for n in range(1, 4) if len(stem) > n)]


def _arabic(word: str, initial: bool, lexicon: Lexicon) -> list[list[str]]:
    normalized = normalize_arabic(word)
    proclitic, stem = strip_proclitics(normalized)
    cluster_near, cluster_far = _cluster_names(_arabic_cluster(normalized, proclitic, stem, lexicon.clusters), "c")
    gazetteer = lookup_normalized_arabic(lexicon.gazetteer, normalized)
    whole, stem_name, proclitic_name = "w=" + normalized, "stem=" + stem, "pro=" + proclitic
    center = ["b", whole, "raw=" + word, stem_name, proclitic_name, _LENGTHS[min(len(stem), 8)], _INITIAL[initial]]
    if not is_arabic(word):
        center.append("shape=" + word_shape(word))
    center += _normalized_affixes(normalized)
    center += _stem_affixes(stem)
    gazetteer_names = [f"gaz={kind}" for kind in gazetteer]
    center += gazetteer_names
    center += cluster_near
    near = [whole, stem_name, proclitic_name, "s2=" + stem[-2:], *cluster_near, *gazetteer_names]
    far = [whole, stem_name, *cluster_far]
    return [far, near, center, near, far]


def word_feature_names(word: str, initial: bool, language: str, lexicon: Lexicon) -> list[list[str]]:
    """Feature strings of a word type for each offset in OFFSETS (index 0 is offset -2)."""
    if word == PAD:
        return [[f"w={PAD}"] for _ in OFFSETS]
    return _arabic(word, initial, lexicon) if language == "ar" else _english(word, initial, lexicon)


def word_feature_ids(word: str, initial: bool, language: str, lexicon: Lexicon) -> list[list[int]]:
    """Hashed ids of `word_feature_names`, offset-qualified."""
    names = word_feature_names(word, initial, language, lexicon)
    return [[feature_id(offset, name) for name in names[k]] for k, offset in enumerate(OFFSETS)]
