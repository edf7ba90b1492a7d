"""The tagger's pre-scored vocabulary, shipped as a file: a worker starts in ~1 s instead of ~5 s.

`load_tagger` pre-scores each language's warm-up vocabulary (vocabulary.py: ~105k
Arabic and ~86k English word types) so that articles find them cached. Restoring the
shipped rows takes ~0.1-0.2 s a language, less than scoring them (English: ~0.3 s). The result
depends only on the model, the lexicon files and the vocabulary, so
`write_warm_cache` stores it next to them with a fingerprint of those files;
at load, a cache whose fingerprint does not match (a retrained model, an
edited vocabulary) is ignored and the types are scored as before. A unit test
checks that restored rows equal freshly scored ones, so a change in how rows
are computed cannot ship with a stale cache.

    .venv/bin/python -m enrichment.ner.warm_cache   # rewrite both languages' caches
"""

from __future__ import annotations

import hashlib
import logging
import sys
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from enrichment.ner.lexicon import clusters_path, gazetteer_path
from enrichment.ner.tagger import LANGUAGES, MODELS_DIR, Tagger, load_tagger, model_path, second_model_path
from enrichment.ner.vocabulary import vocabulary_path

log = logging.getLogger(__name__)
FORMAT = 2  # bump when the cached arrays change meaning (2: Arabic lower_ids are normalised stems)


def warm_cache_path(language: str, models_dir: Path = MODELS_DIR) -> Path:
    return models_dir / f"ner_{language}_warm.npz"


def fingerprint(language: str, models_dir: Path = MODELS_DIR) -> str:
    """blake2b over the files the cached rows are computed from (absent files count as empty)."""
    digest = hashlib.blake2b(f"format {FORMAT}".encode(), digest_size=16)
    for path in (
        model_path(language, models_dir),
        second_model_path(language, models_dir),
        clusters_path(language, models_dir),
        gazetteer_path(language, models_dir),
        vocabulary_path(language, models_dir),
    ):
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"<absent>")
    return digest.hexdigest()


def load_warm_cache(tagger: Tagger, language: str, models_dir: Path = MODELS_DIR) -> bool:
    """Restores the shipped cache into `tagger`; False (and the caller scores the vocabulary) when the
    file is missing, stale or unreadable."""
    path = warm_cache_path(language, models_dir)
    if not path.exists():
        return False
    try:
        with np.load(path, allow_pickle=False) as data:
            state = {name: data[name] for name in data.files}
        stored = state.pop("fingerprint").tobytes().decode()
        if stored != fingerprint(language, models_dir):
            log.warning("%s is stale (model or vocabulary changed): scoring the vocabulary instead", path.name)
            return False
        tagger.restore_cache(state)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        log.warning("cannot use %s (%s): scoring the vocabulary instead", path.name, exc)
        return False
    return True


def write_warm_cache(language: str) -> Path:
    """Scores the vocabulary with a fresh tagger and saves the cache next to the shipped model."""
    path = warm_cache_path(language)
    path.unlink(missing_ok=True)  # so load_tagger scores the vocabulary instead of reading the old file
    load_tagger.cache_clear()
    tagger = load_tagger(language)
    if tagger is None:
        raise FileNotFoundError(f"no model for {language!r} in {MODELS_DIR}")
    state = tagger.cache_state()
    mark = np.frombuffer(fingerprint(language).encode(), dtype=np.uint8)
    arrays: dict[str, Any] = {"fingerprint": mark, **state}
    np.savez_compressed(path, **arrays)
    load_tagger.cache_clear()
    return path


def main() -> int:
    for language in LANGUAGES:
        if model_path(language).exists():
            path = write_warm_cache(language)
            print(f"[{language}] wrote {path} ({path.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
