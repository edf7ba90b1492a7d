"""Settings: AKHBAR_* variables, one clear line per bad variable, secrets never printed."""

from __future__ import annotations

import pytest

from streams.settings import SettingsError, load_settings


def test_defaults() -> None:
    settings = load_settings()
    assert settings.broker == "kafka://127.0.0.1:9092"
    assert settings.web_port == 6066 and settings.web_host == "127.0.0.1"
    assert settings.topic(settings.raw_topic) == "news.articles.raw.v1"


def test_environment_and_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AKHBAR_BROKER", "kafka://k1:9093;kafka://k2:9093")
    monkeypatch.setenv("AKHBAR_TOPIC_PREFIX", "staging.")
    settings = load_settings()
    assert settings.bootstrap_servers == ["k1:9093", "k2:9093"]
    assert settings.topic(settings.enriched_topic) == "staging.news.articles.enriched.v1"


@pytest.mark.parametrize(
    ("variable", "value"),
    [("AKHBAR_BROKER", "localhost"), ("AKHBAR_WEB_PORT", "99999"), ("AKHBAR_PROCESSING_GUARANTEE", "maybe")],
)
def test_invalid_setting_names_the_variable(monkeypatch: pytest.MonkeyPatch, variable: str, value: str) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as info:
        load_settings()
    message = str(info.value)
    assert message.startswith(f"invalid setting {variable}:") and "\n" not in message


def test_secrets_are_not_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AKHBAR_SASL_PASSWORD", "hunter2-very-secret")
    monkeypatch.setenv("AKHBAR_API_TOKEN", "tok-very-secret")
    settings = load_settings()
    assert "very-secret" not in repr(settings) and "very-secret" not in str(settings)
    assert settings.sasl_password is not None and settings.sasl_password.get_secret_value() == "hunter2-very-secret"


def test_readme_documents_every_setting() -> None:
    from pathlib import Path

    from streams.settings import Settings

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    missing = [name for name in Settings.model_fields if f"`AKHBAR_{name.upper()}`" not in readme]
    assert not missing, f"README lacks: {missing}"
