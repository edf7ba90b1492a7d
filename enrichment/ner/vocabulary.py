"""The most frequent (word, sentence-initial) types of a language, pre-scored when a tagger loads.

A fresh tagger otherwise pays for every word type of its first articles (feature strings, hashing,
a weight gather). Scoring the language's frequent types once, in large vectorised batches (and
shipping the result, warm_cache.py), moves that cost out of the articles. The list is built by
`train.py` from text the benchmarks don't read (Arabic: the training split and SaudiNewsNet articles
past the first 20k, types seen twice; English: CoNLL train + dev, BBC News and the English event dev
texts, every type, plus the capitalised forms of its lower-case words) and shipped next to the model.
"""

from __future__ import annotations

import gzip
import io
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from enrichment.ner.tokenize import SPACED_TOKEN_RE

SENTENCE_END = frozenset({".", "!", "?", "؟", "...", "…"})
MAX_WORD = 64  # longer tokens are scored on their first characters only
VOCABULARY_SIZE = 120_000  # Arabic ~105k types seen twice, English ~86k; pre-scored rows ship in ner_*_warm.npz
WordType = tuple[str, bool]  # (word, sentence-initial)


def split_text(text: str) -> tuple[list[str], list[str]]:
    """(whitespace before each token, tokens) of a raw text, as the tagger cuts it."""
    spaces: list[str] = []
    words: list[str] = []
    for space, word in SPACED_TOKEN_RE.findall(text):
        spaces.append(space)
        words.append(word)
    return spaces, words


def initial_flags(spaces: list[str], words: list[str]) -> list[bool]:
    """Sentence-initial flag per token: first token, after a sentence end, or after a line break."""
    return [index == 0 or words[index - 1] in SENTENCE_END or "\n" in spaces[index] for index in range(len(words))]


def text_types(texts: Iterable[str]) -> Counter[WordType]:
    """Counts of (word, sentence-initial) types in raw texts."""
    counts: Counter[WordType] = Counter()
    for text in texts:
        spaces, words = split_text(text)
        counts.update(zip([word[:MAX_WORD] for word in words], initial_flags(spaces, words), strict=True))
    return counts


def sentence_types(sentences: Iterable[Iterable[str]]) -> Counter[WordType]:
    """Counts of (word, sentence-initial) types in pre-tokenised sentences."""
    counts: Counter[WordType] = Counter()
    for sentence in sentences:
        counts.update((word[:MAX_WORD], index == 0) for index, word in enumerate(sentence))
    return counts


def most_frequent(counts: Counter[WordType], size: int = VOCABULARY_SIZE, min_count: int = 2) -> list[WordType]:
    return [word_type for word_type, count in counts.most_common(size) if count >= min_count]


def with_capitalised(types: list[WordType]) -> list[WordType]:
    """`types` followed by the Title-case forms, mid-sentence and sentence-initial, of their lower-case
    alphabetic words that are not listed yet: a lower-cased corpus (BBC News) still names people and places
    ("farrell", "leicester"), which news text writes capitalised."""
    listed = set(types)
    extra: list[WordType] = []
    for word, _ in types:
        if word.islower() and word.isalpha():
            title = word[:1].upper() + word[1:]
            for variant in ((title, False), (title, True)):
                if variant not in listed:
                    listed.add(variant)
                    extra.append(variant)
    return types + extra


def vocabulary_path(language: str, models_dir: Path) -> Path:
    return models_dir / f"ner_{language}_vocabulary.tsv.gz"


def save_vocabulary(types: list[WordType], path: Path) -> None:
    """Gzip TSV of word and 0/1 initial flag, most frequent first (reproducible bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{word}\t{int(initial)}\n" for word, initial in types if "\t" not in word and "\n" not in word]
    with gzip.GzipFile(path, "wb", mtime=0) as handle:
        handle.write("".join(lines).encode("utf-8", "surrogatepass"))


def load_vocabulary(path: Path) -> list[WordType]:
    """Reads a file written by `save_vocabulary`; an absent file gives an empty list."""
    if not path.exists():
        return []
    with gzip.open(path, "rb") as handle:
        text = io.TextIOWrapper(handle, encoding="utf-8", errors="surrogatepass").read()
    types: list[WordType] = []
    for line in text.split("\n"):
        word, _, flag = line.rpartition("\t")
        if word:
            types.append((word, flag == "1"))
    return types
