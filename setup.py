"""Builds the compiled kernels (enrichment/ner/*.pyx, enrichment/*.pyx); everything else is in pyproject.toml."""

import os

from Cython.Build import cythonize
from setuptools import Extension, setup

KERNELS = (
    "_feature_rows",
    "_word_features",
    "_document_kernels",
    "_decode_kernels",
    "_row_index",
    "_token_scan",
    "_consistency_kernels",
)

# enrichment/*.pyx: KB scan, records, dedup, anchor words
ENRICHMENT_KERNELS = (
    "_key_trie",
    "_ascii_scan",
    "_records",
    "_span_loops",
    "_minhash",
    "_anchored_walk",
    "_event_kernels",
)

setup(
    ext_modules=cythonize(
        [Extension(f"enrichment.ner.{name}", [f"enrichment/ner/{name}.pyx"]) for name in KERNELS]
        + [Extension(f"enrichment.{name}", [f"enrichment/{name}.pyx"]) for name in ENRICHMENT_KERNELS],
        compiler_directives={"language_level": "3"},
        nthreads=os.cpu_count() or 1,
    ),
    # the C compiles are independent: run them side by side (the install is most of CI's set-up time)
    options={"build_ext": {"parallel": os.cpu_count() or 1}},
)
