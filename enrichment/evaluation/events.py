"""Event-engine scores on the gold data in ../shared (issue 5 targets).

Per snippet the *main* event is scored: among events with an ACLED coding the
most confident one (first on ties), or among all events for PLOVER. Run:
``python -m enrichment.evaluation.events [shared_dir]`` (prints one JSON object).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from enrichment.evaluation.event_data import (
    read_acled,
    read_arabic_gsr,
    read_case,
    read_case_mapping,
    read_plover_gsr,
    read_samples,
)
from enrichment.evaluation.event_engine import Runner, full_engine, parse_published, stages_only
from enrichment.types import Document, Enrichment, Event

_VERBAL_TO_CASE = {
    t: "DIPLO"
    for t in ("CONSULT", "AGREE", "SUPPORT", "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "SANCTION",
              "COOPERATE", "AID", "CONCEDE", "RETREAT", "INVESTIGATE")
}  # fmt: skip
_VERBAL_TO_CASE["CRIME"] = "ORG_CRIME"
_NATURAL_TOPICS = ("medtop:17000000", "medtop:06000000")
_DEATH_CUES = ("kill", "dead", "died", "death", "fatalit", "bodies", "body of", "lives", "murder", "lynch", "behead")


def main_event(events: Iterable[Event], acled_only: bool = True) -> Event | None:
    """The snippet's main event: the earliest (main-clause) trigger among the near-most confident ones."""
    pool = [e for e in events if e.acled_type is not None or not acled_only]
    if not pool:
        return None
    top = max(e.confidence for e in pool)
    return min((e for e in pool if e.confidence >= top - _MAIN_MARGIN), key=lambda e: e.trigger.start)


_MAIN_MARGIN = 0.2


def _ratio(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 0.0


def _f1(tp: int, fp: int, fn: int) -> float:
    return round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0


def _doc(id_: str, text: str, language: str) -> Document:
    return Document.from_parts(id=id_, title="", body=text, language=language)


def score_acled(path: Path, run: Runner) -> dict[str, float]:
    subtype = type_ = killed_hits = killed_total = date_hits = total = 0
    for note in read_acled(path):
        acc = run(_doc(note.id, note.text, "en"))
        event = main_event(acc.events)
        total += 1
        subtype += bool(event and event.acled_subtype == note.sub_event_type)
        type_ += bool(event and event.acled_type == note.event_type)
        day_dates = [d.value for d in acc.dates if d.granularity == "day"]
        date_hits += bool(day_dates and day_dates[0] == note.event_date)
        lowered = note.text.lower()
        if note.fatalities is not None and not note.coding_stripped and any(c in lowered for c in _DEATH_CUES):
            killed_total += 1
            predicted = event.fatalities if event and event.fatalities is not None else None
            if predicted is None:
                predicted = max((c.count for c in acc.casualties if c.kind == "killed"), default=0)
            killed_hits += predicted == note.fatalities
    return {
        "acled_subtype_acc": _ratio(subtype, total),
        "acled_type_acc": _ratio(type_, total),
        "acled_killed_acc": _ratio(killed_hits, killed_total),
        "acled_killed_n": float(killed_total),
        "acled_date_acc": _ratio(date_hits, total),
        "acled_n": float(total),
        "_acled_date_hits": float(date_hits),
    }


def case_label(acc: Enrichment, mapping: dict[str, str]) -> str:
    """Map the engine's output onto CASE 2021 labels (ACLED sub-types + 5 non-ACLED types)."""
    event = main_event(acc.events)
    if event is not None and event.acled_subtype in mapping:
        return mapping[event.acled_subtype]
    other = main_event(acc.events, acled_only=False)
    if other is not None and other.type in _VERBAL_TO_CASE:
        return _VERBAL_TO_CASE[other.type]
    codes = [t.code for t in acc.topics]
    if "medtop:03000000" in codes or (codes and codes[0] == "medtop:17000000"):
        return "NATURAL_DISASTER" if any(c in codes for c in _NATURAL_TOPICS) else "MAN_MADE_DISASTER"
    return "OTHER"


def score_case(events_dir: Path, run: Runner) -> dict[str, float]:
    mapping = read_case_mapping(events_dir / "subtype_to_acled_event_type.tsv")
    hits = total = 0
    for snippet in read_case(events_dir / "dev.tsv"):
        total += 1
        hits += case_label(run(_doc(snippet.id, snippet.text, "en")), mapping) == snippet.label
    return {"case_subtype_acc": _ratio(hits, total), "case_n": float(total)}


def score_plover(path: Path, run: Runner) -> dict[str, float]:
    hits = total = 0
    for snippet in read_plover_gsr(path):
        total += 1
        event = main_event(run(_doc(snippet.id, snippet.text, "en")).events, acled_only=False)
        hits += bool(event and event.type == snippet.label)
    return {"plover_gsr_acc": _ratio(hits, total), "plover_gsr_n": float(total)}


def score_arabic(path: Path, run: Runner, accepted: tuple[str, ...]) -> tuple[float, int]:
    """F1 on the held-out "test" half (the eventiveness model is trained on the other half)."""
    tp = fp = fn = total = 0
    for snippet in read_arabic_gsr(path, split="test"):
        total += 1
        found = any(e.type in accepted for e in run(_doc(snippet.id, snippet.text, "ar")).events)
        gold = snippet.label == "yes"
        tp += found and gold
        fp += found and not gold
        fn += gold and not found
    return _f1(tp, fp, fn), total


def score_samples(samples_dir: Path, run: Runner) -> dict[str, float]:
    tp = fp = fn = killed_hits = gold_events = date_hits = gold_dates = topic_hits = articles = 0
    for raw, gold in read_samples(samples_dir):
        doc = Document.from_parts(
            id=str(raw["id"]), title=str(raw.get("title") or ""), body=str(raw.get("body") or ""),
            language=str(raw.get("language") or "other"), published_at=parse_published(raw.get("published_at")),
        )  # fmt: skip
        acc = run(doc)
        predicted = [e for e in acc.events if e.acled_type is not None]
        unused = list(predicted)
        for gold_event in gold.get("events") or []:
            gold_events += 1
            match = next(
                (e for e in unused if e.type == gold_event["type"] and e.acled_subtype == gold_event["acled_subtype"]),
                None,
            )
            if match is None:
                fn += 1
                continue
            unused.remove(match)
            tp += 1
            killed_hits += match.fatalities == gold_event.get("fatalities")
        fp += len(unused)
        for gold_date in gold.get("dates") or []:
            gold_dates += 1
            surface, value = gold_date["surface"], gold_date["value"]
            start = doc.text.find(surface)
            while start >= 0 and not _date_found(acc, start, start + len(surface), value):
                start = doc.text.find(surface, start + 1)
            date_hits += start >= 0
        articles += 1
        gold_topics = gold.get("topics") or []
        topic_hits += bool(acc.topics and gold_topics and acc.topics[0].code == gold_topics[0])
    return {
        "samples_event_type_f1": _f1(tp, fp, fn),
        "samples_killed_acc": _ratio(killed_hits, gold_events),
        "samples_date_acc": _ratio(date_hits, gold_dates),
        "samples_topic_acc": _ratio(topic_hits, articles),
        "_samples_date_hits": float(date_hits),
        "_samples_dates": float(gold_dates),
    }


def _date_found(acc: Enrichment, start: int, end: int, value: str) -> bool:
    return any(d.start < end and start < d.end and d.value == value for d in acc.dates)


def evaluate_events(shared_dir: Path) -> dict[str, float]:
    """All event-engine scores; keys match `akhbar eval --json` (issue 5)."""
    events_dir = shared_dir / "eval" / "events"
    stages = stages_only()
    scores: dict[str, float] = {}
    scores |= score_acled(events_dir / "en" / "acled_2020" / "dev.csv", stages)
    scores |= score_case(events_dir / "en" / "case2021_task2", stages)
    scores |= score_plover(events_dir / "en" / "plover_gsr" / "PLOVER_GSR_CAMEO.txt", stages)
    ar_dir = events_dir / "ar" / "plover_gsr"
    scores["ar_assault_f1"], n_assault = score_arabic(ar_dir / "assault_dev.csv", stages, ("ASSAULT", "FIGHT"))
    scores["ar_protest_f1"], n_protest = score_arabic(ar_dir / "protest_dev.csv", stages, ("PROTEST",))
    scores["ar_assault_n"], scores["ar_protest_n"] = float(n_assault), float(n_protest)
    scores |= score_samples(shared_dir / "samples", full_engine())
    date_hits = scores.pop("_acled_date_hits") + scores.pop("_samples_date_hits")
    date_total = scores["acled_n"] + scores.pop("_samples_dates")
    scores["dates_acc"] = _ratio(int(date_hits), int(date_total))
    return scores


def default_shared_dir() -> Path:
    return Path(os.environ.get("AKHBAR_SHARED_DIR", Path(__file__).resolve().parents[2].parent / "shared"))


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default_shared_dir()
    print(json.dumps(evaluate_events(target), indent=1, sort_keys=True))
