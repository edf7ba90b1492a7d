"""The one settings class: every knob is an ``AKHBAR_*`` environment variable.

Invalid values fail at start with one line naming the variable (see
`load_settings`). Secrets are `SecretStr` so they never reach logs or repr.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_PREFIX = "AKHBAR_"


class SecurityProtocol(StrEnum):
    PLAINTEXT = "PLAINTEXT"
    SSL = "SSL"
    SASL_PLAINTEXT = "SASL_PLAINTEXT"
    SASL_SSL = "SASL_SSL"


class SaslMechanism(StrEnum):
    PLAIN = "PLAIN"
    SCRAM_SHA_256 = "SCRAM-SHA-256"
    SCRAM_SHA_512 = "SCRAM-SHA-512"


class Settings(BaseSettings):
    """akhbar configuration, read from the environment (prefix ``AKHBAR_``)."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, frozen=True, extra="ignore")

    # Kafka connection
    broker: str = Field("kafka://127.0.0.1:9092", description="Broker URL(s), ';'-separated kafka://host:port")
    security_protocol: SecurityProtocol = SecurityProtocol.PLAINTEXT
    sasl_mechanism: SaslMechanism = SaslMechanism.PLAIN
    sasl_username: str | None = None
    sasl_password: SecretStr | None = None
    ssl_cafile: str | None = Field(None, description="CA bundle to verify the brokers")
    ssl_certfile: str | None = Field(None, description="Client certificate (mutual TLS)")
    ssl_keyfile: str | None = Field(None, description="Client private key (mutual TLS)")
    ssl_key_password: SecretStr | None = None

    # Application and topics
    app_id: str = Field("akhbar", description="Consumer group id and prefix of internal topics")
    topic_prefix: str = Field("", description="Prepended to every topic name, e.g. 'staging.'")
    raw_topic: str = "news.articles.raw.v1"
    enriched_topic: str = "news.articles.enriched.v1"
    events_topic: str = "news.events.v1"
    deadletter_topic: str = "news.articles.deadletter.v1"
    topic_partitions: int = Field(4, ge=1, le=10_000)
    topic_replication: int = Field(1, ge=1, le=10)
    processing_guarantee: Literal["at_least_once", "exactly_once"] = "at_least_once"
    table_store: str = Field("memory://", description="Faust table store URL (memory:// or rocksdb://)")
    session_timeout: float = Field(
        10.0, ge=3.0, le=300.0, description="Consumer group session timeout (s); also bounds group join time"
    )
    fetch_max_wait_ms: int = Field(
        100, ge=1, le=10_000, description="Longest wait of one fetch for new records (ms): bounds idle latency"
    )
    producer_acks: Literal[-1, 0, 1] = Field(-1, description="-1 = all in-sync replicas (durable)")

    # Processing
    batch_size: int = Field(200, ge=1, le=10_000, description="Articles enriched per batch")
    batch_timeout: float = Field(0.05, gt=0, le=60, description="Seconds to wait to fill a batch")
    enrich_processes: int = Field(
        1, ge=0, le=64, description="Child processes running the engine beside the event loop; 0 = in the loop"
    )
    max_article_bytes: int = Field(1_000_000, ge=1_024, description="Raw records above this are dead-lettered")
    engine: Literal["full", "kb", "passthrough"] = Field(
        "full", description="full = KB + statistical NER + events; kb = no statistical layer; passthrough"
    )

    # Web
    web_host: str = Field("127.0.0.1", description="Bind address; containers set 0.0.0.0 explicitly")
    web_port: int = Field(6066, ge=1, le=65_535)
    api_token: SecretStr | None = Field(None, description="Bearer token required by POST /v1/* when set")
    ingest_queue_max: int = Field(1_000, ge=1, description="In-flight HTTP ingest records before 429")

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    shared_dir: Path | None = Field(None, description="Samples and eval data; default ../shared beside the repo")

    def resolved_shared_dir(self) -> Path:
        """Where ../shared lives: the setting, else beside the source checkout, else beside the cwd."""
        if self.shared_dir is not None:
            return self.shared_dir
        beside_repo = Path(__file__).resolve().parents[2] / "shared"
        return beside_repo if beside_repo.is_dir() else Path.cwd().parent / "shared"

    @field_validator("broker")
    @classmethod
    def _check_broker(cls, value: str) -> str:
        for url in value.split(";"):
            scheme, sep, rest = url.strip().partition("://")
            host, colon, port = rest.rpartition(":")
            if not sep or scheme not in ("kafka", "aiokafka") or not colon or not host or not port.isdigit():
                raise ValueError(f"expected kafka://host:port[;kafka://host:port...], got {url!r}")
        return value

    def topic(self, name: str) -> str:
        """The full topic name with the configured prefix."""
        return f"{self.topic_prefix}{name}"

    @property
    def broker_urls(self) -> list[str]:
        return [url.strip() for url in self.broker.split(";")]

    @property
    def bootstrap_servers(self) -> list[str]:
        """host:port pairs for plain aiokafka clients."""
        return [url.partition("://")[2] for url in self.broker_urls]

    @property
    def broker_port(self) -> int:
        return int(self.bootstrap_servers[0].rpartition(":")[2])


class SettingsError(SystemExit):
    """Raised with one readable line naming the offending variable."""


def load_settings(**overrides: object) -> Settings:
    """Read settings; turn pydantic's report into one line per bad variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else "?"
            lines.append(f"invalid setting {ENV_PREFIX}{field.upper()}: {error['msg']}")
        raise SettingsError("\n".join(lines)) from None
