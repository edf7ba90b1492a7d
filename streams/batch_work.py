"""A batch of raw records -> output records plus what the metrics need; the same in-loop or in a child process.

The worker's event loop does the Kafka I/O; the CPU-bound part (decode, validate,
enrich, serialise) is this module, so it can run in another process and overlap
with consuming and producing. Everything crossing the process boundary is plain
bytes and small tuples, cheap to pickle. Topic names stay with the caller: a
result names the role ("enriched", "events", "deadletter"), not the topic.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from typing import NamedTuple

from enrichment.engine import Engine, EngineMode
from enrichment.types import Document
from streams.heap import fix_mmap_threshold, return_freed_memory
from streams.processing import SourcePosition, dead_letter, process
from streams.reasons import Reason, Stage
from streams.records import DeadLetter, dumps

log = logging.getLogger(__name__)

EngineFactory = Callable[[EngineMode], Engine]


class RawRecord(NamedTuple):
    """One consumed record: its bytes and where it came from (a NamedTuple: pickles ~5x faster than a
    dataclass, and every record crosses the process boundary twice)."""

    value: bytes
    key: bytes | None
    topic: str | None = None
    partition: int | None = None
    offset: int | None = None


class OutputRecord(NamedTuple):
    role: str
    key: bytes
    value: bytes


class RecordResult(NamedTuple):
    """The outputs of one raw record and the facts the metrics count."""

    outputs: tuple[OutputRecord, ...]
    dead_letter_reason: str | None = None
    dead_letter_detail: str | None = None
    internal_error: bool = False
    timings_ms: tuple[tuple[str, float], ...] = ()
    entity_types: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()


def _letter_result(letter: DeadLetter, key: bytes | None, internal_error: bool = False) -> RecordResult:
    output = OutputRecord("deadletter", key or b"", dumps(letter))
    return RecordResult((output,), letter.reason, letter.detail, internal_error)


def enrich_record(record: RawRecord, engine: Engine, max_bytes: int) -> RecordResult:
    """One record to its outputs; bad input and even bugs past `process` become dead letters."""
    where = SourcePosition(record.topic, record.partition, record.offset)
    try:
        outcome = process(record.value, engine, max_bytes, where)
        if isinstance(outcome, DeadLetter):
            return _letter_result(outcome, record.key)
        article = outcome.article
        outputs = [OutputRecord("enriched", article.article_id.encode("utf-8"), dumps(article))]
        outputs.extend(OutputRecord("events", event.event.id.encode("utf-8"), dumps(event)) for event in outcome.events)
        return RecordResult(
            tuple(outputs),
            timings_ms=tuple(article.timings_ms.items()),
            entity_types=tuple(entity.type for entity in article.entities),
            event_types=tuple(event.event.type for event in outcome.events),
        )
    except Exception as exc:  # a bug past `process` must still not lose the record
        log.exception("enrich agent: unexpected error at %s[%s]@%s", record.topic, record.partition, record.offset)
        return failed_record(record, exc)


def failed_record(record: RawRecord, exc: BaseException, internal_error: bool = True) -> RecordResult:
    """The `enrichment_failed` dead letter of a record whose processing raised (a bug, a dead child)."""
    where = SourcePosition(record.topic, record.partition, record.offset)
    letter = dead_letter(record.value, Reason.ENRICHMENT_FAILED, f"internal error: {exc!r}"[:1000], Stage.ENRICH, where)
    return _letter_result(letter, record.key, internal_error)


def enrich_records(records: Sequence[RawRecord], engine: Engine, max_bytes: int) -> list[RecordResult]:
    return [enrich_record(record, engine, max_bytes) for record in records]


# --- the child-process side: one engine per process, loaded by the pool's initializer -------------------

_child_engine: Engine | None = None
_child_max_bytes = 1_000_000


def init_child(factory: EngineFactory, mode: EngineMode, max_bytes: int, log_level: str = "INFO") -> None:
    """Pool initializer: load the engine once; leave Ctrl-C to the parent; exit if the parent dies."""
    global _child_engine, _child_max_bytes
    logging.basicConfig(level=log_level, format="[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s")
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent drains and shuts the pool down
    parent = os.getppid()
    threading.Thread(target=_exit_with_parent, args=(parent,), name="parent-watch", daemon=True).start()
    fix_mmap_threshold()  # before the engine loads (streams/heap.py)
    _child_engine = warmed_up(factory(mode))
    _child_max_bytes = max_bytes


def _exit_with_parent(parent: int) -> None:
    """A SIGKILLed worker cannot stop its pool; without this its children would wait forever."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def enrich_in_child(records: Sequence[RawRecord]) -> list[RecordResult]:
    if _child_engine is None:
        raise RuntimeError("enrich_in_child called in a process the pool did not initialise")
    return enrich_records(records, _child_engine, _child_max_bytes)


def child_ready() -> int:
    """A no-op the parent submits at start, so the engine loads before the first batch arrives."""
    return os.getpid()


WARM_UP_TEXTS = {
    "ar": ("قصف مدفعي على مدينة حلب", "قال الرئيس في بيان أمس إن ثلاثة أشخاص قتلوا في بغداد يوم الجمعة."),
    "en": ("Shelling hits Aleppo", "The president said on Friday that three people were killed in Baghdad."),
}


def warmed_up(engine: Engine) -> Engine:
    """Run one short article per language: models and lexicons that load on first use load now, at start,
    instead of stalling the first batches of the stream (seconds on a busy machine). Then what loading
    freed goes back to the operating system (streams/heap.py)."""
    for language, (title, body) in WARM_UP_TEXTS.items():
        engine(Document.from_parts(f"warm-up-{language}", title, body, language))
    return_freed_memory()
    return engine
