"""The faust.App and its topics, built from Settings (no agents here: see agents/worker.py)."""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from typing import Any

import faust

from streams.fast_consumer import AkhbarApp
from streams.settings import SecurityProtocol, Settings


@dataclass(frozen=True, slots=True)
class Topics:
    raw: faust.TopicT
    enriched: faust.TopicT
    events: faust.TopicT
    deadletter: faust.TopicT


def ssl_context(settings: Settings) -> ssl.SSLContext:
    """TLS context that verifies the brokers (and presents a client cert when configured)."""
    context = ssl.create_default_context(cafile=settings.ssl_cafile)
    if settings.ssl_certfile:
        password = settings.ssl_key_password.get_secret_value() if settings.ssl_key_password else None
        context.load_cert_chain(settings.ssl_certfile, settings.ssl_keyfile, password=password)
    return context


def broker_credentials(settings: Settings) -> Any:
    """SASL/SSL settings in the form faust passes on to aiokafka (None for PLAINTEXT)."""
    protocol = settings.security_protocol
    if protocol is SecurityProtocol.PLAINTEXT:
        return None
    context = ssl_context(settings) if protocol in (SecurityProtocol.SSL, SecurityProtocol.SASL_SSL) else None
    if protocol is SecurityProtocol.SSL:
        return faust.SSLCredentials(context)
    password = settings.sasl_password.get_secret_value() if settings.sasl_password else None
    return faust.SASLCredentials(
        username=settings.sasl_username,
        password=password,
        mechanism=settings.sasl_mechanism.value,
        ssl_context=context,
    )


def aiokafka_security(settings: Settings) -> dict[str, Any]:
    """The same security settings as keyword arguments for plain aiokafka clients (CLI tools)."""
    kwargs: dict[str, Any] = {"security_protocol": settings.security_protocol.value}
    if settings.security_protocol in (SecurityProtocol.SSL, SecurityProtocol.SASL_SSL):
        kwargs["ssl_context"] = ssl_context(settings)
    if settings.security_protocol in (SecurityProtocol.SASL_PLAINTEXT, SecurityProtocol.SASL_SSL):
        kwargs["sasl_mechanism"] = settings.sasl_mechanism.value
        kwargs["sasl_plain_username"] = settings.sasl_username
        kwargs["sasl_plain_password"] = settings.sasl_password.get_secret_value() if settings.sasl_password else None
    return kwargs


def create_app(settings: Settings) -> faust.App:
    """A faust.App configured for akhbar: at-least-once by default, acks=all, web on 127.0.0.1."""
    return AkhbarApp(
        settings.app_id,
        broker=settings.broker_urls,
        broker_credentials=broker_credentials(settings),
        processing_guarantee=settings.processing_guarantee,
        topic_partitions=settings.topic_partitions,
        topic_replication_factor=settings.topic_replication,
        store=settings.table_store,
        producer_acks=settings.producer_acks,
        consumer_auto_offset_reset="earliest",
        broker_commit_interval=1.0,
        fetch_max_wait_ms=settings.fetch_max_wait_ms,
        producer_linger=0.005,
        producer_max_batch_size=512 * 1024,
        producer_max_request_size=8 * 1024 * 1024,
        stream_buffer_maxsize=16_384,
        broker_session_timeout=settings.session_timeout,
        broker_heartbeat_interval=min(3.0, settings.session_timeout / 3),
        web_enabled=True,
        web_host=settings.web_host,
        web_port=settings.web_port,
        web_bind=settings.web_host,
        web_application_options={"client_max_size": settings.max_article_bytes * 8},
        autodiscover=False,
        loghandlers=[],
    )


def topic_config(settings: Settings) -> dict[str, str]:
    """Durability of the topics akhbar creates on a replicated cluster: with acks=all, a write is acknowledged
    only once `min.insync.replicas` brokers have it (2 of 3 replicas), and a replica that fell behind never
    becomes leader (no silent loss). Empty for a single broker, where neither applies."""
    if settings.topic_replication < 2:
        return {}
    return {
        "min.insync.replicas": str(min(2, settings.topic_replication - 1)),
        "unclean.leader.election.enable": "false",
    }


class RawBytesSchema(faust.Schema):  # type: ignore[type-arg]  # faust's Schema is generic only in its stub
    """Keys and values stay the broker's bytes; akhbar parses them itself (orjson, in the enrichment step).

    faust's own decode of a "raw" topic still goes through its codec registry and settings look-ups, two
    codec calls per record: ~25% of a pass-through worker's CPU in a profile. This one makes the event
    directly from the message."""

    def compile(self, app: faust.types.AppT, **kwargs: Any) -> Any:
        event_type: Any = app.conf.Event

        async def decode(message: faust.types.Message, *, propagate: bool = False) -> Any:
            return event_type(app, message.key, message.value, message.headers, message)

        return decode


def create_topics(app: faust.App, settings: Settings) -> Topics:
    def topic(name: str) -> faust.TopicT:
        return app.topic(
            settings.topic(name),
            config=topic_config(settings) or None,
            schema=RawBytesSchema(key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw"),
            partitions=settings.topic_partitions,
            replicas=settings.topic_replication,
        )

    return Topics(
        raw=topic(settings.raw_topic),
        enriched=topic(settings.enriched_topic),
        events=topic(settings.events_topic),
        deadletter=topic(settings.deadletter_topic),
    )
