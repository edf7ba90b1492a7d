"""Generate the hostile-input corpus in tests/data/hostile/ (run: python -m tests.data.make_hostile).

Each case is one file holding the exact bytes of one Kafka record (or HTTP body),
plus manifest.json mapping file name -> the outcomes allowed for it: a dead-letter
reason code, or "enriched" when the record is valid despite looking hostile (the
hostility is then in its content: scripts, bidi controls, null bytes...). Cases
bigger than a few hundred KB (50 MB bodies, decompression bombs) are built at
test time by `large_cases()` so nothing huge is committed. Deterministic: the
same seed gives the same bytes.
"""

from __future__ import annotations

import gzip
import random
import zlib
from pathlib import Path
from typing import Any

import orjson

HERE = Path(__file__).resolve().parent
OUT = HERE / "hostile"
SEED = 20_261_125
ENRICHED = "enriched"


def article(**fields: Any) -> dict[str, Any]:
    """A valid base article; keyword arguments override (None removes a field)."""
    base: dict[str, Any] = {
        "id": "hostile-base",
        "url": "https://hostile.example/a",
        "title": "Officials in Baghdad met the United Nations",
        "body": "Talks continued in Baghdad on Tuesday, officials said.",
        "published_at": "2024-03-01T10:00:00Z",
        "source": "hostile.example",
    }
    for key, value in fields.items():
        if value is None:
            base.pop(key, None)
        else:
            base[key] = value
    return base


def _json(obj: Any) -> bytes:
    return orjson.dumps(obj)


def cases() -> dict[str, tuple[bytes, list[str]]]:
    """name -> (bytes, allowed outcomes)."""
    rng = random.Random(SEED)
    out: dict[str, tuple[bytes, list[str]]] = {}

    def add(name: str, data: bytes, *allowed: str) -> None:
        out[name] = (data, list(allowed))

    # Random bytes: undecodable, or decodable but not JSON.
    for i, size in enumerate((1, 7, 64, 1_000, 50_000)):
        add(f"random-bytes-{i}.bin", rng.randbytes(size), "bad_encoding", "invalid_json")
    add("empty.bin", b"", "invalid_json")
    add("whitespace.bin", b" \n\t\r ", "invalid_json")

    # Invalid UTF-8 inside otherwise valid JSON.
    body = _json(article(id="hostile-utf8"))
    add("utf8-lone-continuation.json", body.replace(b"Talks", b"\x80Talks"), "bad_encoding")
    add("utf8-overlong-slash.json", body.replace(b"Talks", b"\xc0\xafTalks"), "bad_encoding")
    add("utf8-surrogate-half.json", body.replace(b"Talks", b"\xed\xa0\x80Talks"), "bad_encoding")
    add("utf8-truncated-sequence.json", body.replace(b"Talks", b"\xe2\x82Talks"), "bad_encoding")
    add("latin1-title.json", body.replace(b"Officials", b"Offici\xe9ls"), "bad_encoding")
    add("utf16-bom.json", body.decode().encode("utf-16"), "bad_encoding")
    add("json-lone-surrogate-escape.json", body.replace(b"Talks", b"\\ud800Talks"), "invalid_json")

    # Deep nesting: 10,000 levels, bare and inside an otherwise valid article.
    add("nested-arrays-10000.json", b"[" * 10_000 + b"]" * 10_000, "invalid_json")
    add("nested-objects-10000.json", b'{"a":' * 10_000 + b"1" + b"}" * 10_000, "invalid_json")
    deep = body[:-1] + b',"metadata":' + b'{"a":' * 10_000 + b"1" + b"}" * 10_001
    add("nested-metadata-10000.json", deep, "invalid_json")
    add("unclosed-nesting.json", b"[" * 100_000, "invalid_json")

    # Numbers.
    add("huge-exponent.json", body[:-1] + b',"metadata":{"n":1e999999}}', "invalid_json")
    add("huge-negative-exponent.json", body[:-1] + b',"metadata":{"n":-1e400}}', "invalid_json")
    add("huge-integer.json", body[:-1] + b',"metadata":{"n":' + b"9" * 5_000 + b"}}", "invalid_json")
    add("big-integer-as-float.json", body[:-1] + b',"metadata":{"n":' + b"9" * 30 + b"}}", ENRICHED)
    add("nan-literal.json", body[:-1] + b',"metadata":{"n":NaN}}', "invalid_json")
    add("infinity-literal.json", body[:-1] + b',"metadata":{"n":Infinity}}', "invalid_json")
    add("number-as-title.json", _json(article(id="hostile-num-title", title=1e308)), "wrong_type")
    add("number-as-document.json", b"12345678901234567890", "not_an_object")

    # Duplicate keys: the last one wins (as in Python and JavaScript); decided per case.
    dup = b'{"id":"hostile-dup","url":"https://hostile.example/d","title":"first","title":"Second title",'
    dup += b'"body":"Text in Cairo.","published_at":"2024-03-01T10:00:00Z"}'
    add("duplicate-keys-valid.json", dup, ENRICHED)
    add("duplicate-keys-last-wrong-type.json", dup.replace(b'"title":"Second title"', b'"title":7'), "wrong_type")
    add("duplicate-id-keys.json", dup.replace(b'"id":"hostile-dup",', b'"id":1,"id":"hostile-dup2",'), ENRICHED)

    # Wrong shapes and types.
    add("json-null.json", b"null", "not_an_object")
    add("json-array-of-articles.json", _json([article()]), "not_an_object")
    add("json-string.json", b'"an article"', "not_an_object")
    add("title-list.json", _json(article(id="hostile-t1", title=["a", "b"])), "wrong_type")
    add("title-object.json", _json(article(id="hostile-t2", title={"$gt": ""})), "wrong_type")
    add("url-int.json", _json(article(id="hostile-t3", url=42)), "wrong_type")
    add("published-number.json", _json(article(id="hostile-t4", published_at=1_700_000_000)), "wrong_type")
    add("body-bool.json", _json(article(id="hostile-t5", body=True)), "wrong_type")
    add("id-int.json", _json(article(id=12)), "wrong_type")
    add("metadata-list.json", _json(article(id="hostile-t6", metadata=[1, 2])), "wrong_type")
    add("missing-everything.json", b"{}", "missing_field")
    add("missing-body-and-html.json", _json(article(id="hostile-t7", body=None)), "missing_field")
    add("published-garbage.json", _json(article(id="hostile-t8", published_at="yesterday-ish")), "invalid_value")
    # Dates relative to year 1 used to overflow in the engine; relative dates are now left unresolved there.
    year_one = _json(article(id="hostile-y1", published_at="0001-01-01T00:00:00Z"))
    add("published-year-0001.json", year_one, ENRICHED)
    add("published-year-9999.json", _json(article(id="hostile-y9", published_at="9999-12-31T23:59:59+14:00")), ENRICHED)
    add("url-no-scheme.json", _json(article(id="hostile-t9", url="hostile.example/x")), "invalid_value")
    add("url-javascript.json", _json(article(id="hostile-js-url", url="javascript:alert(1)")), ENRICHED)
    add("title-20k-chars.json", _json(article(id="hostile-t10", title="x" * 20_000)), "invalid_value")
    add("empty-text.json", _json(article(id="hostile-t11", title=" ", body="\u200b ")), ENRICHED, "empty_text")
    add("html-only-markup.json", _json(article(id="hostile-t12", title="", body=None, html="<p> </p>")), "empty_text")

    # HTML: scripts, styles, event handlers, comments, entity floods, DTD entity bomb, broken markup.
    script = (
        "<html><head><script>alert('head')</script></head><body><p>Protest in Cairo.</p>"
        "<script>document.write('<p>injected</p>')</script><img src=x onerror=alert(1)>"
        "<style>p{}</style><!-- <script>alert(2)</script> --><iframe src=javascript:alert(3)></iframe></body></html>"
    )
    add("html-scripts.json", _json(article(id="hostile-html-script", body=None, html=script)), ENRICHED)
    add("html-entity-flood.json", _json(article(id="hostile-html-ent", body=None, html="&amp;" * 50_000)), ENRICHED)
    add(
        "html-numeric-entities.json",
        _json(article(id="hostile-html-num", body=None, html="&#0;&#xD800;&#x110000;&#99999999999; in Amman")),
        ENRICHED,
    )
    lol = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    lol += "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10)
    )
    lol += "]><lolz>&lol9;</lolz>"
    add("html-billion-laughs.json", _json(article(id="hostile-html-lol", body=None, html=lol)), ENRICHED)
    add(
        "html-unclosed-tags.json",
        _json(article(id="hostile-html-deep", body=None, html="<div>" * 20_000 + "deep text in Beirut")),
        ENRICHED,
    )
    add("html-wrong-type.json", _json(article(id="hostile-html-type", body=None, html=["<p>x</p>"])), "wrong_type")

    # Compression bombs as record bytes: gzip/zlib of 50 MB of zeros is ~50 KB; akhbar never inflates records.
    zeros = b"\0" * 50_000_000
    add("gzip-bomb.bin", gzip.compress(zeros, compresslevel=9, mtime=0), "bad_encoding", "invalid_json")
    add("zlib-bomb.bin", zlib.compress(zeros, 9), "bad_encoding", "invalid_json")

    # Bidi, zero-width and invisible characters; null bytes.
    bidi = "\u202eArabic \u202d بغداد \u2066isolate\u2069 \u200f\u200e\u061c"
    add(
        "bidi-overrides.json", _json(article(id="hostile-bidi", title=bidi, body="\u200b\u200c\u200d" + bidi)), ENRICHED
    )
    add(
        "bom-in-fields.json", _json(article(id="\ufeffhostile-bom", title="\ufeffCairo", body="\ufeff" * 100)), ENRICHED
    )
    add(
        "zero-width-only-title.json", _json(article(id="hostile-zw", title="\u200b\u200c", body="In Tehran.")), ENRICHED
    )
    add("combining-flood.json", _json(article(id="hostile-zalgo", title="Z" + "\u0301" * 5_000)), ENRICHED)
    add(
        "null-bytes-in-text.json",
        _json(article(id="hostile-nul", title="Bag\0hdad", body="\0" * 1_000 + "ok")),
        ENRICHED,
    )
    add("null-bytes-only-text.json", _json(article(id="hostile-nul2", title="\0\0", body="\0")), "empty_text")
    add("null-byte-in-key.json", _json({**article(id="hostile-nul3"), "ti\0tle": 1}), ENRICHED)
    add("raw-null-bytes.bin", b"\0" * 1_000, "invalid_json")
    add("json-then-garbage.json", body + b"\0garbage", "invalid_json")
    add("two-documents.json", body + body, "invalid_json")
    return out


def large_cases() -> dict[str, tuple[bytes, list[str]]]:
    """Built at test time, never committed: 50 MB bodies (too_large at any sane limit)."""
    big_text = "Baghdad " * (50_000_000 // 8)
    return {
        "body-50mb.json": (_json(article(id="hostile-50mb", body=big_text)), ["too_large"]),
        "random-50mb.bin": (random.Random(SEED).randbytes(50_000_000), ["too_large"]),
    }


def main() -> None:
    OUT.mkdir(exist_ok=True)
    manifest = {}
    for name, (data, allowed) in sorted(cases().items()):
        (OUT / name).write_bytes(data)
        manifest[name] = allowed
    (OUT / "manifest.json").write_bytes(orjson.dumps(manifest, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
    total = sum(len(d) for d, _ in cases().values())
    print(f"wrote {len(manifest)} cases ({total / 1e6:.1f} MB) to {OUT}")


if __name__ == "__main__":
    main()
