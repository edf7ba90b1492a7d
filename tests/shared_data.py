"""Where the shared gold data lives, and the one rule for missing data: skip locally, fail in CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("AKHBAR_SHARED_DIR", Path(__file__).resolve().parents[2] / "shared"))


def needs_shared(relative: str, what: str) -> pytest.MarkDecorator:
    """Skip when SHARED/relative is absent outside CI; under CI the tests run and fail loudly instead."""
    path = SHARED / relative
    return pytest.mark.skipif(
        not path.is_dir() and not os.environ.get("CI"), reason=f"{what} not found at {path} (CI requires it)"
    )
