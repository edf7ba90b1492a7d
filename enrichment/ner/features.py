"""Per-word-type feature extraction for the linear NER model.

Every feature depends on one token and its offset (-2..+2) from the token being tagged, so a word
type's contribution at each offset can be summed once and cached (see `model.TypeTable`): tagging
then costs a few array additions per token. Sentence-initial tokens are a distinct word type
("initial" variant) so capitalisation at the start of a sentence is judged separately.
"""

from __future__ import annotations

import zlib

from enrichment.ner.arabic import is_arabic, normalize_arabic, strip_proclitics
from enrichment.ner.clusters import Clusters
from enrichment.ner.gazetteer import lookup
from enrichment.ner.lexicon import Lexicon

OFFSETS = (-2, -1, 0, 1, 2)
WINDOW = len(OFFSETS)
HASH_BITS = 20
HASH_MASK = (1 << HASH_BITS) - 1
PAD = "\x00<PAD>"


def feature_id(offset: int, name: str) -> int:
    """Stable hashed id of a feature string at an offset (crc32, independent of PYTHONHASHSEED)."""
    return zlib.crc32(f"{offset}|{name}".encode("utf-8", "surrogatepass")) & HASH_MASK


def word_shape(word: str) -> str:
    """Character classes (X upper, x lower, d digit, a Arabic), runs of one class collapsed."""
    out: list[str] = []
    for char in word[:24]:
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
    if cluster is None:
        return [f"{tag}1=none"], [f"{tag}1=none"]
    return [f"{tag}{level + 1}={value}" for level, value in enumerate(cluster)], [f"{tag}1={cluster[0]}"]


def _english(word: str, initial: bool, lexicon: Lexicon) -> list[list[str]]:
    lower = word.lower()
    cluster_near, cluster_far = _cluster_names(lexicon.clusters.get(lower), "c")
    shape = word_shape(word)
    capital = word[:1].isupper()
    gazetteer = lookup(lexicon.gazetteer, word, "en")
    center = [
        "b",
        f"w={lower}",
        f"raw={word}",
        f"shape={shape}",
        f"len={min(len(word), 8)}",
        f"init={initial}&cap={capital}",
    ]
    center += [f"p{n}={lower[:n]}" for n in range(1, 5) if len(lower) >= n]
    center += [f"s{n}={lower[-n:]}" for n in range(1, 5) if len(lower) >= n]
    if word.isupper() and len(word) > 1:
        center.append("allcaps")
    if initial:
        center += [f"init&w={lower}", f"init&shape={shape}"]
    center += [f"gaz={kind}" for kind in gazetteer]
    center += [f"gaz={kind}&cap={capital}" for kind in gazetteer]
    center += cluster_near
    center += [f"{name}&cap={capital}" for name in cluster_near]
    near = [f"w={lower}", f"shape={shape}", f"s3={lower[-3:]}", f"cap={capital}", *cluster_near]
    near += [f"gaz={kind}" for kind in gazetteer]
    far = [f"w={lower}", f"shape={shape}", *cluster_far]
    return [far, near, center, near, far]


def _arabic_cluster(normalized: str, proclitic: str, stem: str, clusters: Clusters) -> tuple[int, ...] | None:
    found = clusters.get(normalized)
    if found is None and proclitic:
        found = clusters.get("ال" + stem) if proclitic.endswith(("ال", "لل")) else None
        found = found or clusters.get(stem)
    return found


def _arabic(word: str, initial: bool, lexicon: Lexicon) -> list[list[str]]:
    normalized = normalize_arabic(word)
    proclitic, stem = strip_proclitics(normalized)
    cluster_near, cluster_far = _cluster_names(
        _arabic_cluster(normalized, proclitic, stem, lexicon.clusters), "c"
    )
    gazetteer = lookup(lexicon.gazetteer, word, "ar")
    center = [
        "b",
        f"w={normalized}",
        f"raw={word}",
        f"stem={stem}",
        f"pro={proclitic}",
        f"len={min(len(stem), 8)}",
        f"init={initial}",
    ]
    if not is_arabic(word):
        center.append(f"shape={word_shape(word)}")
    center += [f"p{n}={normalized[:n]}" for n in range(1, 4) if len(normalized) >= n]
    center += [f"s{n}={normalized[-n:]}" for n in range(1, 5) if len(normalized) >= n]
    center += [f"sp{n}={stem[:n]}" for n in range(1, 4) if len(stem) > n]
    center += [f"ss{n}={stem[-n:]}" for n in range(1, 4) if len(stem) > n]
    center += [f"gaz={kind}" for kind in gazetteer]
    center += cluster_near
    near = [f"w={normalized}", f"stem={stem}", f"pro={proclitic}", f"s2={stem[-2:]}", *cluster_near]
    near += [f"gaz={kind}" for kind in gazetteer]
    far = [f"w={normalized}", f"stem={stem}", *cluster_far]
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
