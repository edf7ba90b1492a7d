"""`akhbar enrich` offline, `--help` everywhere, and settings errors as one line."""

from __future__ import annotations

import orjson
import pytest
from click.testing import CliRunner

from streams.cli import main
from streams.synthetic import synthetic_article


def test_enrich_offline_writes_one_line_per_article_and_counts_dead_letters(tmp_path: object) -> None:
    lines = [orjson.dumps(synthetic_article(i)) for i in range(4)] + [b'{"broken"']
    result = CliRunner().invoke(main, ["enrich", "-", "-o", "-"], input=b"\n".join(lines))
    assert result.exit_code == 0, result.output
    out = [orjson.loads(line) for line in result.stdout_bytes.splitlines()]
    assert [r["article_id"] for r in out] == [f"synthetic-7-{i}" for i in range(4)]
    assert "enriched 4, dead-lettered 1" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["broker"],
        ["worker"],
        ["dev"],
        ["produce"],
        ["tail"],
        ["enrich"],
        ["dlq", "replay"],
        ["kb", "build"],
        ["train"],
        ["eval"],
    ],
)
def test_every_command_has_help(command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


def test_invalid_setting_stops_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AKHBAR_WEB_PORT", "not-a-port")
    result = CliRunner().invoke(main, ["enrich", "-"], input=b"")
    assert result.exit_code != 0
    assert "invalid setting AKHBAR_WEB_PORT" in str(result.exception) or "AKHBAR_WEB_PORT" in result.output
