"""Builds the compiled kernels (enrichment/ner/*.pyx); everything else is in pyproject.toml."""

from Cython.Build import cythonize
from setuptools import Extension, setup

KERNELS = (
    "_feature_rows",
    "_word_features",
    "_document_kernels",
    "_decode_kernels",
    "_token_scan",
    "_consistency_kernels",
)

setup(
    ext_modules=cythonize(
        [Extension(f"enrichment.ner.{name}", [f"enrichment/ner/{name}.pyx"]) for name in KERNELS],
        compiler_directives={"language_level": "3"},
    )
)
