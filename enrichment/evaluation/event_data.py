"""Readers for the event gold data in ../shared/eval/events and ../shared/samples.

The files stay outside the repository (licences); these readers only parse them.
ACLED notes leak their own coding ("[size=...]", "Fatalities coded as ...") and are
cleaned the way the eval README asks before they reach the engine.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

_BRACKETS = re.compile(r"\s*\[[^\]]*\]")
_CODING_SENTENCE = re.compile(
    r"[^.]*(?:coded as|fatalit\w* (?:were |are )?coded|split (?:between|among)|spread (?:between|among)|"
    r"unclear fatalit|unknown fatalit)[^.]*\.?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class AcledNote:
    id: str
    text: str
    event_type: str
    sub_event_type: str
    fatalities: int | None
    event_date: str  # ISO
    coding_stripped: bool  # a fatality-coding remark was removed: the text does not state the gold count


@dataclass(frozen=True, slots=True)
class Snippet:
    id: str
    text: str
    label: str


def clean_acled_note(note: str) -> tuple[str, bool]:
    """Note without "[...]" tags and fatality-coding remarks; True if such a remark was removed."""
    coded_in_tags = any("fatalit" in tag.lower() for tag in _BRACKETS.findall(note))
    without_tags = _BRACKETS.sub("", note)
    cleaned, count = _CODING_SENTENCE.subn("", without_tags)
    return " ".join(cleaned.split()), bool(count) or coded_in_tags


def read_acled(path: Path) -> Iterator[AcledNote]:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text, stripped = clean_acled_note(row["notes"])
            fatalities = int(row["fatalities"]) if row["fatalities"].strip().isdigit() else None
            date = datetime.strptime(row["event_date"], "%d-%b-%y").date().isoformat()
            yield AcledNote(
                row["event_id_cnty"], text, row["event_type"], row["sub_event_type"], fatalities, date, stripped
            )


def read_case(path: Path) -> Iterator[Snippet]:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield Snippet(row["id"], row["EventSnippet"], row["SubType"])


def read_case_mapping(path: Path) -> dict[str, str]:
    """ACLED sub-event type -> CASE label."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["ACLED_sub_event_type"]: row["SubType"] for row in csv.DictReader(handle, delimiter="\t")}


def read_plover_gsr(path: Path) -> Iterator[Snippet]:
    for record in json.loads(path.read_text(encoding="utf-8")):
        if record.get("event") != "DOCUMENT" and record.get("text"):
            yield Snippet(record["id"], record["text"], record["event"])


def split_of(sentence_id: str) -> str:
    """ "train" or "test" half of the Arabic judgements, stable across runs (the eventiveness model
    is trained on "train"; scores are reported on "test")."""
    return "train" if hashlib.sha1(sentence_id.encode(), usedforsecurity=False).digest()[0] % 2 == 0 else "test"


def read_arabic_gsr(path: Path, split: str | None = None) -> Iterator[Snippet]:
    """Unanimous "yes" (label yes) and "easy no" sentences only, per the eval README."""
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["label"] in ("yes", "easy no") and (split is None or split_of(row["id"]) == split):
                yield Snippet(row["id"], row["text"], row["label"])


def read_samples(samples_dir: Path) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    for raw_path in sorted(samples_dir.glob("*.raw.json")):
        gold_path = raw_path.with_name(raw_path.name.replace(".raw.json", ".gold.json"))
        if gold_path.exists():
            yield json.loads(raw_path.read_text(encoding="utf-8")), json.loads(gold_path.read_text(encoding="utf-8"))
