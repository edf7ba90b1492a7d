"""bytes -> RawArticle: the first stage; every failure has a stable reason code.

Checks, in order: size, UTF-8, JSON (orjson: rejects NaN, depth > 1024),
object shape, required fields and their types, ISO 8601 dates, and text
present after HTML is stripped.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import orjson

from streams.html import html_to_text
from streams.reasons import Reason, RejectedRecord, Stage
from streams.records import RawArticle

REQUIRED_FIELDS = ("url", "title", "published_at")
OPTIONAL_STRINGS = ("id", "source", "language", "fetched_at", "body", "html")
MAX_FIELD_CHARS = 10_000
_TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "ocid", "cmpid")


def _reject(reason: Reason, detail: str, stage: Stage = Stage.VALIDATE) -> RejectedRecord:
    return RejectedRecord(reason, detail, stage)


def decode_json(data: bytes, max_bytes: int) -> dict[str, Any]:
    """Size, encoding and syntax checks; returns the JSON object."""
    if len(data) > max_bytes:
        raise _reject(Reason.TOO_LARGE, f"record is {len(data)} bytes, limit is {max_bytes}", Stage.DECODE)
    try:
        value = orjson.loads(data)  # orjson also rejects invalid UTF-8; tell the two apart only on failure
    except orjson.JSONDecodeError as exc:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as bad:
            detail = f"not UTF-8 at byte {bad.start}: {bad.reason}"
            raise _reject(Reason.BAD_ENCODING, detail, Stage.DECODE) from None
        raise _reject(Reason.INVALID_JSON, f"invalid JSON: {exc}"[:300], Stage.DECODE) from None
    if not isinstance(value, dict):
        raise _reject(Reason.NOT_AN_OBJECT, f"expected a JSON object, got {type(value).__name__}", Stage.DECODE)
    return value


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop fragment, tracking parameters and a trailing slash."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.startswith(_TRACKING_PARAMS)]
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(sorted(query)), ""))


def article_id_for(url: str) -> str:
    """A stable id for articles that arrive without one: hash of the canonical URL."""
    return "url-" + hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:24]


def _parse_iso(field: str, value: str) -> str:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _reject(Reason.INVALID_VALUE, f"field {field!r} is not an ISO 8601 date-time: {value[:60]!r}") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.isoformat().replace("+00:00", "Z")


def _check_types(obj: dict[str, Any]) -> None:
    for name in REQUIRED_FIELDS:
        if name not in obj or obj[name] is None:
            raise _reject(Reason.MISSING_FIELD, f"required field {name!r} is missing")
    if obj.get("body") is None and obj.get("html") is None:
        raise _reject(Reason.MISSING_FIELD, "one of 'body' or 'html' is required")
    for name in (*REQUIRED_FIELDS, *OPTIONAL_STRINGS):
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            raise _reject(Reason.WRONG_TYPE, f"field {name!r} must be a string, got {type(value).__name__}")
    for name in ("url", "title", "id", "source", "language", "published_at", "fetched_at"):
        value = obj.get(name)
        if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
            raise _reject(Reason.INVALID_VALUE, f"field {name!r} is longer than {MAX_FIELD_CHARS} characters")
    metadata = obj.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise _reject(Reason.WRONG_TYPE, f"field 'metadata' must be an object, got {type(metadata).__name__}")


def validate_article(obj: dict[str, Any]) -> RawArticle:
    """A decoded JSON object -> RawArticle, or RejectedRecord with the reason."""
    _check_types(obj)
    url: str = obj["url"]
    parts = urlsplit(url)
    if not parts.scheme:
        raise _reject(Reason.INVALID_VALUE, f"field 'url' is not an absolute URL: {url[:80]!r}")
    body = obj.get("body")
    text = body if body is not None else html_to_text(obj["html"])
    text = text.replace("\x00", "")
    title = obj["title"].replace("\x00", "")
    if not text.strip() and not title.strip():
        raise _reject(Reason.EMPTY_TEXT, "article has no text after HTML stripping")
    language = obj.get("language")
    return RawArticle(
        id=obj.get("id") or article_id_for(url),
        url=url,
        title=title,
        body=text,
        published_at=_parse_iso("published_at", obj["published_at"]),
        source=obj.get("source") or parts.netloc,
        language=language.lower() if language else None,
        fetched_at=_parse_iso("fetched_at", obj["fetched_at"]) if obj.get("fetched_at") else None,
        metadata=obj.get("metadata") or {},
    )


def parse_raw(data: bytes, max_bytes: int) -> RawArticle:
    """The whole first stage: raw bytes from Kafka or HTTP -> RawArticle."""
    return validate_article(decode_json(data, max_bytes))
