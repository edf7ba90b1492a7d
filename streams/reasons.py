"""Stable dead-letter reason codes: downstream alerting and `dlq replay --reason` key on them."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    TOO_LARGE = "too_large"
    BAD_ENCODING = "bad_encoding"
    INVALID_JSON = "invalid_json"
    NOT_AN_OBJECT = "not_an_object"
    MISSING_FIELD = "missing_field"
    WRONG_TYPE = "wrong_type"
    INVALID_VALUE = "invalid_value"
    EMPTY_TEXT = "empty_text"
    ENRICHMENT_FAILED = "enrichment_failed"


class Stage(StrEnum):
    DECODE = "decode"
    VALIDATE = "validate"
    ENRICH = "enrich"


class RejectedRecord(Exception):
    """A record that cannot be processed; carries what the dead letter needs."""

    def __init__(self, reason: Reason, detail: str, stage: Stage) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.stage = stage
