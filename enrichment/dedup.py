"""De-duplication (ARCHITECTURE.md stage 4): the same story re-sent or lightly edited gets `duplicate_of`.

Wire copy is republished everywhere with a new headline, a dateline or a
trimmed last paragraph. An exact fingerprint catches the identical text; for
the rest each article gets a MinHash signature of its word 5-gram shingles
(text folded for case, Arabic letter variants and
diacritics), and locality-sensitive hashing (8 bands of 4 rows) finds earlier
articles that may share most shingles; a candidate is a near duplicate when
the signatures agree on at least `threshold` of their positions (an estimate
of the shingles' Jaccard similarity). A near duplicate points at the most
similar earlier article and shares its `story_id`.

The index is per process and bounded (the `capacity` most recent articles):
with several workers, each sees the articles of its own partitions. Seeing the
same article id again (a re-delivery) returns the first answer, so
re-processing is idempotent within a process.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from enrichment._minhash import MinHasher
from enrichment.enrichment_update import updated
from enrichment.types import Document, Enrichment

SHINGLE_WORDS = 5
PERMUTATIONS = 32  # 8 bands of 4 rows: a pair at Jaccard 0.7 becomes a candidate with p = 0.89, at 0.8 0.985
BANDS = 8
ROWS = PERMUTATIONS // BANDS
_rng = np.random.default_rng(20_260_425)
# Multiply-shift hashing (a * x + b mod 2**64, top 32 bits): universal enough for MinHash, no division.
_A = _rng.integers(1, 2**63, size=(PERMUTATIONS, 1), dtype=np.uint64) | np.uint64(1)
_B = _rng.integers(0, 2**63, size=(PERMUTATIONS, 1), dtype=np.uint64)
_SHIFT = np.uint64(32)
# A shingle's hash combines its words' hashes with distinct odd multipliers (order matters).
_WEIGHTS = [np.uint64(w) for w in (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 1)]
_HASHER = MinHasher(_A.ravel(), _B.ravel(), _WEIGHTS)  # the same constants, compiled (_minhash.pyx)
# Matching-grade folding is not needed to recognise a copy: case, Arabic diacritics and tatweel, and the
# alef / ya / ta marbuta spellings that vary between outlets (C-speed str.replace, each only when its
# character occurs: ~3x cheaper than one regex substitution, ~10x cheaper than a translate table).
_MARK_CHARS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640"
_SPELLINGS = (
    ("\u0623", "\u0627"),
    ("\u0625", "\u0627"),
    ("\u0622", "\u0627"),
    ("\u0649", "\u064a"),
    ("\u0629", "\u0647"),
)

Signature = npt.NDArray[np.uint64]


def words(text: str) -> list[str]:
    return _folded(text).split()  # punctuation stays attached: copies keep their punctuation, and split is C-fast


def _folded(text: str) -> str:
    folded = text.casefold()
    if not folded.isascii():
        for spelling, common in _SPELLINGS:
            if spelling in folded:
                folded = folded.replace(spelling, common)
        for mark in _MARK_CHARS:
            if mark in folded:
                folded = folded.replace(mark, "")
    return folded


# str.split() also splits on these characters, bytes.split() only on the ASCII white space below: a text
# without them gives the same words either way. (All Unicode white space lies below U+3001.)
_BYTES_SPACE = " \t\n\r\x0b\x0c"
_STR_ONLY_SPACE = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in range(0x3001) if chr(c).isspace() and chr(c) not in _BYTES_SPACE) + "]"
)


def _encoded_words(text: str) -> tuple[list[bytes], bytes]:
    """The folded words' UTF-8 and the fingerprint's input (them joined by spaces), as `words` + encode give."""
    folded = _folded(text)
    if _STR_ONLY_SPACE.search(folded) is None:
        encoded = _utf8(folded).split()  # one encode, a C split: no str per word
        return encoded, b" ".join(encoded)
    joined = _utf8(" ".join(folded.split()))
    # str.split() leaves no white space inside a word, so the joined bytes split on b" " give each word
    return (joined.split(b" ") if joined else []), joined


def fingerprint(text: str) -> str:
    """The folded text's hash: the same text with other spacing, case or diacritics is the same article."""
    return _fingerprint(words(text))


def _fingerprint(folded: list[str]) -> str:
    return _fingerprint_of(_utf8(" ".join(folded)))


def _fingerprint_of(joined: bytes) -> str:
    return hashlib.blake2b(joined, digest_size=16).hexdigest()


def shingles(text: str) -> npt.NDArray[np.uint64]:
    """Hashes of every run of SHINGLE_WORDS folded words (one shingle for shorter texts, none for empty)."""
    return _shingles(words(text))


def _shingles(folded: list[str]) -> npt.NDArray[np.uint64]:
    return _shingles_of_encoded(_encoded(folded))


def _shingles_of_encoded(encoded: list[bytes]) -> npt.NDArray[np.uint64]:
    """`_shingles` from the words' UTF-8."""
    if not encoded:
        return np.empty(0, dtype=np.uint64)
    # CRC-32 of each word's UTF-8, not Python's own str hash: that one differs between processes
    # (PYTHONHASHSEED), so a restarted worker could judge the same pair of articles differently.
    hashed = np.fromiter(map(zlib.crc32, encoded), dtype=np.uint64, count=len(encoded))
    width = min(SHINGLE_WORDS, len(encoded))
    count = len(encoded) - width + 1
    combined = np.zeros(count, dtype=np.uint64)
    for offset in range(width):
        combined += hashed[offset : offset + count] * _WEIGHTS[offset - width + SHINGLE_WORDS]
    return combined  # repeated shingles need no de-duplication: they cannot change a minimum


def _encoded(folded: list[str]) -> list[bytes]:
    try:
        return list(map(str.encode, folded))
    except UnicodeEncodeError:  # lone surrogates from odd input
        return [word.encode("utf-8", "surrogatepass") for word in folded]


def _utf8(text: str) -> bytes:
    """UTF-8 of `text`, lone surrogates from odd input included (as `_encoded` encodes them)."""
    try:
        return text.encode()
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


def signature(hashed_shingles: npt.NDArray[np.uint64]) -> Signature:
    """MinHash: for each of PERMUTATIONS hash functions, the minimum over the shingles."""
    mixed = _A * hashed_shingles[np.newaxis, :]
    mixed += _B
    values: Signature = mixed.min(axis=1) >> _SHIFT  # the shift is monotone: taking it after the min is the same
    return values


def reference_signature(text: str) -> tuple[bytes, Signature | None]:
    """The fingerprint's input and the MinHash signature (None without any word), in plain Python."""
    encoded, joined = _encoded_words(text)
    hashed = _shingles_of_encoded(encoded)
    return joined, signature(hashed) if len(hashed) else None


def fast_signature(text: str) -> tuple[bytes, Signature | None]:
    """`reference_signature` through the compiled kernel (folding, splitting and hashing in one pass)."""
    return _HASHER.sign(_utf8(text.casefold()))


def similarity(left: Signature, right: Signature) -> float:
    """Estimated Jaccard similarity of two shingle sets: the share of positions where the minima agree."""
    return float(np.count_nonzero(left == right)) / PERMUTATIONS


@dataclass(frozen=True, slots=True)
class Verdict:
    duplicate_of: str | None
    story_id: str


_BAND_PREFIXES = [bytes([band]) for band in range(BANDS)]
_BAND_BYTES = ROWS * 8  # a band's rows as uint64


def _band_keys(sig: Signature) -> list[bytes]:
    """Band number + the band's rows' bytes (one `tobytes` of the whole signature, then byte slices)."""
    raw = np.ascontiguousarray(sig, dtype=np.uint64).tobytes()
    return [_BAND_PREFIXES[band] + raw[band * _BAND_BYTES : (band + 1) * _BAND_BYTES] for band in range(BANDS)]


def story_of(article_id: str) -> str:
    return "story:" + hashlib.blake2b(article_id.encode(), digest_size=8).hexdigest()


class DuplicateIndex:
    """The recent articles of this process, by fingerprint and by LSH band."""

    def __init__(self, capacity: int = 50_000, threshold: float = 0.7) -> None:
        self.capacity, self.threshold = capacity, threshold
        self._verdicts: OrderedDict[str, Verdict] = OrderedDict()
        self._by_fingerprint: dict[str, str] = {}
        self._signatures: dict[str, Signature] = {}
        self._bands: dict[bytes, list[str]] = {}
        self._keys: dict[str, tuple[str, list[bytes]]] = {}

    def __len__(self) -> int:
        return len(self._verdicts)

    def check(self, article_id: str, text: str) -> Verdict:
        """Is this article a (near) duplicate of an earlier one? Remembers it either way."""
        known = self._verdicts.get(article_id)
        if known is not None:
            return known
        joined, sig = fast_signature(text)
        printed = _fingerprint_of(joined)
        original = self._by_fingerprint.get(printed)
        bands = _band_keys(sig) if sig is not None else []
        if original is None and sig is not None:
            original = self._nearest(sig, bands)
        verdict = Verdict(original, self._verdicts[original].story_id if original else story_of(article_id))
        self._remember(article_id, printed, sig, bands, verdict)
        return verdict

    def _nearest(self, sig: Signature, bands: list[bytes]) -> str | None:
        candidates = {other for key in bands for other in self._bands.get(key, ())}
        scored = [(similarity(sig, self._signatures[other]), other) for other in candidates]
        best = max(scored, default=(0.0, ""))
        return best[1] if best[0] >= self.threshold else None

    def _remember(
        self, article_id: str, printed: str, sig: Signature | None, bands: list[bytes], verdict: Verdict
    ) -> None:
        self._verdicts[article_id] = verdict
        self._by_fingerprint.setdefault(printed, verdict.duplicate_of or article_id)
        if sig is not None:
            self._signatures[article_id] = sig
            for key in bands:
                self._bands.setdefault(key, []).append(article_id)
        self._keys[article_id] = (printed, bands)
        while len(self._verdicts) > self.capacity:
            self._forget(next(iter(self._verdicts)))

    def _forget(self, article_id: str) -> None:
        del self._verdicts[article_id]
        self._signatures.pop(article_id, None)
        printed, bands = self._keys.pop(article_id)
        if self._by_fingerprint.get(printed) == article_id:
            del self._by_fingerprint[printed]
        for key in bands:
            members = self._bands.get(key)
            if members is not None and article_id in members:
                members.remove(article_id)
                if not members:
                    del self._bands[key]


class DedupStage:
    """Pipeline stage: sets `duplicate_of` and `story_id` from this process's index of recent articles."""

    name = "dedup"

    def __init__(self, index: DuplicateIndex | None = None) -> None:
        self.index = index if index is not None else DuplicateIndex()  # an empty index is falsy (__len__)

    def __call__(self, doc: Document, acc: Enrichment) -> Enrichment:
        verdict = self.index.check(doc.id, doc.text)
        return updated(acc, duplicate_of=verdict.duplicate_of, story_id=verdict.story_id)
