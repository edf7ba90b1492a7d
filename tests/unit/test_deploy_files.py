"""docker-compose.yml, deploy/ manifests and the dashboard parse and agree with the code's names."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from streams.settings import ENV_PREFIX, Settings

REPO = Path(__file__).resolve().parents[2]
SETTING_NAMES = {f"{ENV_PREFIX}{name.upper()}" for name in Settings.model_fields}


def _metric_names() -> set[str]:
    source = (REPO / "agents" / "metrics.py").read_text()
    return set(re.findall(r'\(\s*"(akhbar_[a-z_]+)"', source))


def test_compose_parses_and_uses_real_settings() -> None:
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"kafka", "worker-1", "worker-2", "prometheus", "grafana"} <= set(services)
    assert "broker,controller" in services["kafka"]["environment"]["KAFKA_PROCESS_ROLES"]
    for name in ("worker-1", "worker-2"):
        env = services[name]["environment"]
        assert set(env) <= SETTING_NAMES, set(env) - SETTING_NAMES
        assert env["AKHBAR_WEB_HOST"] == "0.0.0.0"
        Settings(**{k[len(ENV_PREFIX) :].lower(): v for k, v in env.items()})


def test_prometheus_targets_are_the_compose_workers() -> None:
    config = yaml.safe_load((REPO / "deploy" / "prometheus" / "prometheus.yml").read_text())
    targets = config["scrape_configs"][0]["static_configs"][0]["targets"]
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    assert {t.split(":")[0] for t in targets} <= set(compose["services"])


def test_alerts_and_dashboard_use_declared_metrics() -> None:
    declared = _metric_names()
    assert {"akhbar_articles_consumed", "akhbar_dead_letters", "akhbar_consumer_lag"} <= declared
    texts = [(REPO / "deploy" / "prometheus" / "alerts.yml").read_text()]
    dashboard = json.loads((REPO / "deploy" / "grafana" / "dashboards" / "akhbar.json").read_text())
    texts += [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]
    used = {re.sub(r"_(total|bucket|sum|count)$", "", m) for t in texts for m in re.findall(r"akhbar_[a-z_]+", t)}
    assert used and used <= declared, used - declared


def test_kubernetes_manifest_uses_real_settings() -> None:
    manifest = yaml.safe_load((REPO / "deploy" / "k8s" / "worker.yaml").read_text())
    env = manifest["spec"]["template"]["spec"]["containers"][0]["env"]
    names = {item["name"] for item in env}
    assert names <= SETTING_NAMES, names - SETTING_NAMES
