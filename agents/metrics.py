"""Every Prometheus metric akhbar exports, declared once, here, with its help text.

Label values are bounded: reasons, stages, event types and entity types are
closed sets; partitions are bounded by the topic's partition count.
"""

from __future__ import annotations

import platform

from prometheus_client import Counter, Gauge, Histogram, Info

from enrichment.engine import ENRICHER_VERSION

__version__ = "0.1.0"

# Articles in and out of the enrich agent.
ARTICLES_CONSUMED = Counter("akhbar_articles_consumed", "Raw records read from the raw topic by the enrich agent.")
ARTICLES_ENRICHED = Counter("akhbar_articles_enriched", "Articles enriched and produced to the enriched topic.")
RECORDS_PRODUCED = Counter(
    "akhbar_records_produced", "Records produced by the worker, by destination topic role.", ["topic"]
)
DEAD_LETTERS = Counter("akhbar_dead_letters", "Records sent to the dead-letter topic, by reason code.", ["reason"])
EVENTS = Counter("akhbar_events", "Events extracted, by PLOVER event type.", ["type"])
ENTITIES = Counter("akhbar_entities", "Entities found in enriched articles, by entity type.", ["type"])

# Where the time goes.
STAGE_LATENCY = Histogram(
    "akhbar_stage_latency_seconds",
    "Time spent per article in each stage (decode, each enrichment stage, and per batch in produce).",
    ["stage"],
    buckets=(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
)
BATCH_SIZE = Histogram(
    "akhbar_batch_size",
    "Records per batch handled by the enrich agent.",
    buckets=(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000),
)
CONSUMER_LAG = Gauge(
    "akhbar_consumer_lag", "Records behind the partition's high watermark (highwater - next offset).", ["partition"]
)

# Health and failures.
AGENT_ERRORS = Counter(
    "akhbar_agent_errors", "Unexpected exceptions caught inside agents (agent kept running).", ["agent"]
)
BROKER_READY = Gauge("akhbar_broker_ready", "1 while the broker answers and partitions are assigned, else 0.")
BROKER_OUTAGES = Counter("akhbar_broker_outages", "Times the broker stopped answering the health probe.")

# HTTP ingest.
HTTP_REQUESTS = Counter(
    "akhbar_http_requests", "HTTP requests to the /v1 API, by endpoint and status.", ["endpoint", "code"]
)
INGEST_INFLIGHT = Gauge("akhbar_ingest_inflight", "HTTP-ingested records waiting for the broker to acknowledge them.")

BUILD_INFO = Info("akhbar_build", "Version of akhbar, its enrichment engine and Python.")
BUILD_INFO.info({"version": __version__, "enricher_version": ENRICHER_VERSION, "python": platform.python_version()})
