"""bytes -> RawArticle: every rejection has the right stable reason code; parsing never raises otherwise."""

from __future__ import annotations

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.reasons import Reason, RejectedRecord
from streams.validation import article_id_for, canonical_url, parse_raw

LIMIT = 100_000


def article(**fields: object) -> bytes:
    base: dict[str, object] = {
        "id": "a1",
        "url": "https://news.example/a1",
        "title": "Title",
        "body": "Body text.",
        "published_at": "2021-02-26T15:30:00Z",
        "source": "news.example",
    }
    base.update(fields)
    return orjson.dumps({k: v for k, v in base.items() if v is not ...})


def reason_of(data: bytes, limit: int = LIMIT) -> Reason:
    with pytest.raises(RejectedRecord) as info:
        parse_raw(data, limit)
    return info.value.reason


def test_valid_article_round_trips() -> None:
    parsed = parse_raw(article(), LIMIT)
    assert (parsed.id, parsed.title, parsed.body, parsed.published_at) == (
        "a1",
        "Title",
        "Body text.",
        "2021-02-26T15:30:00Z",
    )


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"x" * (LIMIT + 1), Reason.TOO_LARGE),
        (b'{"title": "\xff"}', Reason.BAD_ENCODING),
        (b'{"title": ', Reason.INVALID_JSON),
        (b'{"a": NaN}', Reason.INVALID_JSON),
        (b"[" * 10_000 + b"]" * 10_000, Reason.INVALID_JSON),
        (b"[1, 2]", Reason.NOT_AN_OBJECT),
        (article(url=...), Reason.MISSING_FIELD),
        (article(published_at=...), Reason.MISSING_FIELD),
        (article(body=...), Reason.MISSING_FIELD),
        (article(title=5), Reason.WRONG_TYPE),
        (article(metadata=[1]), Reason.WRONG_TYPE),
        (article(published_at="yesterday"), Reason.INVALID_VALUE),
        (article(url="not a url"), Reason.INVALID_VALUE),
        (article(title="", body="  "), Reason.EMPTY_TEXT),
    ],
)
def test_rejections_have_stable_reasons(data: bytes, reason: Reason) -> None:
    assert reason_of(data) is reason


def test_html_is_stripped_to_text() -> None:
    html = "<html><head><script>alert(1)</script></head><body><p>First <b>para</b></p><p>Second</p></body></html>"
    parsed = parse_raw(article(body=..., html=html), LIMIT)
    assert parsed.body == "First para\nSecond"


def test_missing_id_derives_from_canonical_url() -> None:
    a = parse_raw(article(id=..., url="https://News.Example/x/?utm_source=t#frag"), LIMIT)
    b = parse_raw(article(id=..., url="https://news.example/x"), LIMIT)
    assert a.id == b.id == article_id_for("https://news.example/x")
    assert canonical_url("HTTPS://A.example/p/?b=2&a=1&utm_medium=x") == "https://a.example/p?a=1&b=2"


def test_null_bytes_are_removed_from_text() -> None:
    assert "\x00" not in parse_raw(article(body="a\x00b"), LIMIT).body


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2_000))
def test_any_bytes_either_parse_or_are_rejected_with_a_reason(data: bytes) -> None:
    try:
        parse_raw(data, 1_000)
    except RejectedRecord as rejected:
        assert rejected.reason in Reason and rejected.detail


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["id", "url", "title", "body", "html", "published_at", "metadata"]),
        st.one_of(
            st.none(),
            st.integers(-(2**63), 2**63 - 1),
            st.text(max_size=50),
            st.lists(st.integers(-(2**63), 2**63 - 1), max_size=3),
        ),
    )
)
def test_any_json_object_either_parses_or_is_rejected(obj: dict[str, object]) -> None:
    try:
        parse_raw(orjson.dumps(obj), LIMIT)
    except RejectedRecord as rejected:
        assert rejected.reason in Reason
