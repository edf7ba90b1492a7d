"""Fifty malformed records, ten of each kind, with the reason code each must get."""

from __future__ import annotations

import orjson

from streams.synthetic import synthetic_article

OVERSIZE_LIMIT = 20_000


def malformed_records() -> list[tuple[bytes, str]]:
    """(original bytes, expected reason) pairs."""
    records: list[tuple[bytes, str]] = []
    for i in range(10):
        records.append((b'{"id": "bad-json-%d", "title": ' % i, "invalid_json"))
        records.append((b'{"id": "bad-utf8-%d", "title": "\xff\xfe\xc3\x28"}' % i, "bad_encoding"))
        article = synthetic_article(10_000 + i)
        del article["published_at"]
        records.append((orjson.dumps(article), "missing_field"))
        big = synthetic_article(20_000 + i)
        big["body"] = big["body"] * (OVERSIZE_LIMIT // len(big["body"]) + 2)
        records.append((orjson.dumps(big), "too_large"))
        wrong = synthetic_article(30_000 + i)
        wrong["title"] = 12345 if i % 2 else ["a", "list"]
        records.append((orjson.dumps(wrong), "wrong_type"))
    return records
