"""The production files under deploy/ (no Docker engine or cluster here, so: their structure).

The compose file runs what bot/stack.py runs, scaled out the way endpoints.yml allows: two Rasa and
two action servers on PostgreSQL and Redis, one inbox, and only the TLS proxy publishing ports.
The Helm values mirror endpoints.yml and publish only the chat webhooks. Every setting the
services are given is one the code reads, so a renamed variable cannot silently stop applying.
No secret is on a command line, and the action server is started closed (its token, the internal
network only) with the Rasa servers sending the token.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
APP_SERVICES = ("rasa", "actions", "inbox")
PUBLIC_INBOX_PATHS = {
    "/",
    "/widget.js",
    "/widget.css",
    "/privacy",
    "/inbox",
    "/inbox/*",
    "/api/*",
}
PUBLIC_RASA_PATHS = {"/webhooks/rest/*", "/webhooks/twilio/*"}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose) -> dict[str, Any]:
    return compose["services"]


def known_settings() -> set[str]:
    """Every environment variable the project reads: .env.example, actions/config.py, endpoints.yml
    and the `os.environ` reads under actions/ and bot/."""
    names = set(
        re.findall(
            r"^#?\s*([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M
        )
    )
    names |= set(
        re.findall(
            r"_(?:str|int|bool)\(\s*\"([A-Z][A-Z0-9_]+)\"",
            (ROOT / "actions/config.py").read_text(),
        )
    )
    names |= set(
        re.findall(r"\$\{([A-Z][A-Z0-9_]+)\}", (ROOT / "endpoints.yml").read_text())
    )
    for source in list((ROOT / "actions").rglob("*.py")) + list(
        (ROOT / "bot").rglob("*.py")
    ):
        names |= set(
            re.findall(
                r"environ(?:\.get)?[\[(]\s*[\"']([A-Z][A-Z0-9_]+)[\"']",
                source.read_text(),
            )
        )
    return names


def replicas(services: dict[str, Any], name: str) -> int:
    """`deploy.replicas` of a service, or the number of services named `name`, `name-1`, ..."""
    if name in services:
        return int((services[name].get("deploy") or {}).get("replicas", 1))
    return sum(1 for key in services if re.fullmatch(rf"{name}-\d+", key))


def environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {k: str(v) for k, v in env.items()}


def command(service: dict[str, Any]) -> str:
    cmd = service.get("command") or ""
    return " ".join(cmd) if isinstance(cmd, list) else cmd


def test_compose_has_the_production_topology(services):
    assert {"proxy", "rasa", "actions", "inbox", "postgres", "redis"} <= set(services)
    assert replicas(services, "rasa") == 2
    assert replicas(services, "actions") == 2
    assert (
        replicas(services, "inbox") == 1
    )  # it runs the outbox and spool loops: exactly one


def test_only_the_proxy_publishes_ports(services):
    published = {name for name, svc in services.items() if svc.get("ports")}
    assert published == {"proxy"}
    assert any(str(p).startswith("443:443") for p in services["proxy"]["ports"])


def test_databases_and_the_action_server_have_no_route_to_the_proxy_network(
    compose, services
):
    assert compose["networks"]["backend"].get("internal") is True
    for name in ("postgres", "redis", "actions"):
        assert services[name]["networks"] == ["backend"], name


def test_services_run_the_commands_bot_stack_runs(services):
    rasa = command(services["rasa"])
    for part in (
        "python -m bot.rasa_server",
        "--endpoints endpoints.yml",
        "--credentials credentials.yml",
        "--cors",
        "--model models/intake.tar.gz",
    ):
        assert part in rasa, part
    assert (
        command(services["actions"])
        == "python -m bot.action_server --actions actions --port 5055"
    )
    assert command(services["inbox"]) == "python -m bot.inbox"
    assert environment(services["inbox"])["INBOX_HOST"] == "0.0.0.0"


SECRETS = {
    "RASA_API_TOKEN",
    "ACTION_SERVER_TOKEN",
    "LEAD_SPOOL_KEY",
    "INBOX_API_TOKEN",
    "INBOX_SECRET_KEY",
}


def test_no_secret_is_on_a_command_line(services):
    """`ps` shows every command line to anyone on the host: secrets come from the environment."""
    for name in APP_SERVICES:
        line = command(services[name])
        assert "--auth-token" not in line and "-t " not in line, name
        assert not any(secret in line for secret in SECRETS), name
    for chart in ("values.yaml", "actions-values.yaml"):
        values = helm(chart)
        line = " ".join(values.get("command", []) + values.get("args", []))
        assert "--auth-token" not in line and "$(" not in line, chart


def test_the_action_server_is_closed_and_the_rasa_servers_send_its_token(services):
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    action = endpoints["action_endpoint"]
    assert action["headers"] == {"Authorization": "Bearer ${ACTION_SERVER_TOKEN}"}
    assert "token" not in action  # a query parameter would land in access logs
    given = set(
        re.findall(
            r"^([A-Z][A-Z0-9_]+)=change-me",
            (DEPLOY / "intake.env.example").read_text(),
            re.M,
        )
    )
    assert {"ACTION_SERVER_TOKEN", "LEAD_SPOOL_KEY"} <= given  # rasa, actions, inbox
    assert environment(services["actions"])["ACTION_SERVER_HOST"] == "0.0.0.0"
    assert services["actions"]["networks"] == ["backend"]

    actions = helm("actions-values.yaml")
    assert actions["command"] == ["python", "-m", "bot.action_server"]
    env = {e["name"]: e for e in actions["extraEnv"]}
    for name in ("ACTION_SERVER_TOKEN", "LEAD_SPOOL_KEY"):
        assert env[name]["valueFrom"]["secretKeyRef"]["name"] == "intake-secrets"
    rasa_env = {e["name"]: e for e in helm("values.yaml")["extraEnv"]}
    assert "secretKeyRef" in rasa_env["ACTION_SERVER_TOKEN"]["valueFrom"]
    secret = next(
        d
        for d in yaml.safe_load_all((DEPLOY / "helm" / "inbox.yaml").read_text())
        if d and d["kind"] == "Secret"
    )
    assert {"ACTION_SERVER_TOKEN", "LEAD_SPOOL_KEY"} <= set(secret["stringData"])


def test_storage_is_postgresql_and_redis(services):
    for name in APP_SERVICES:
        env = environment(services[name])
        assert env["TRACKER_STORE_URL"].startswith("postgresql://"), name
        assert env["TRACKER_STORE_DIALECT"] == "postgresql"
        assert env["DATABASE_URL"].startswith("postgresql://")
        assert env["LOCK_STORE_TYPE"] == "redis"
        assert env["REDIS_HOST"] == "redis"
        assert env["ACTION_SERVER_URL"] == "http://actions:5055/webhook"
        assert env["TWILIO_WEBHOOK_URL"].startswith("https://")
    assert services["postgres"]["image"].startswith("postgres:15")
    assert services["redis"]["image"].startswith("redis:7")


def test_every_setting_given_to_the_services_is_one_the_code_reads(services):
    known = known_settings()
    given = set(
        re.findall(
            r"^([A-Z][A-Z0-9_]+)=", (DEPLOY / "intake.env.example").read_text(), re.M
        )
    )
    for name in APP_SERVICES:
        given |= set(environment(services[name]))
    framework = {
        n for n in given if n.startswith("SANIC_")
    }  # Sanic reads SANIC_* itself
    assert sorted(given - known - framework) == []


def test_images_are_pinned(services):
    for name, svc in services.items():
        image = svc.get("image", "")
        if "build" in svc:
            continue
        assert re.search(r":\d[\w.-]*$", image), (
            f"{name}: {image!r} is not pinned to a version"
        )
    for line in (DEPLOY / "Dockerfile").read_text().splitlines():
        if line.startswith("FROM "):
            assert re.match(r"FROM python:3\.10\.\d+-slim", line), line


def test_the_proxy_publishes_only_the_public_paths():
    caddy = (DEPLOY / "Caddyfile").read_text()
    matchers = dict(re.findall(r"^\s*@(\w+)\s+path\s+(.+)$", caddy, re.M))
    assert set(matchers["rasa"].split()) == PUBLIC_RASA_PATHS
    assert set(matchers["inbox"].split()) == PUBLIC_INBOX_PATHS
    assert re.search(
        r"handle\s*\{\s*respond 404", caddy
    )  # everything else: Rasa's API included
    assert "name rasa" in caddy and "port 5005" in caddy and "inbox:8080" in caddy
    assert "5055" not in caddy


def helm(name: str) -> Any:
    return yaml.safe_load((DEPLOY / "helm" / name).read_text())


def test_helm_values_mirror_endpoints_yml_and_run_two_replicas():
    values = helm("values.yaml")
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    assert values["replicaCount"] == 2
    assert helm("actions-values.yaml")["replicaCount"] == 2
    tracker = values["applicationSettings"]["endpoints"]["trackerStore"]
    assert tracker["url"] == endpoints["tracker_store"]["url"]
    assert tracker["dialect"] == endpoints["tracker_store"]["dialect"]
    assert (
        str(tracker["type"]).lower() == str(endpoints["tracker_store"]["type"]).lower()
    )
    lock = values["applicationSettings"]["endpoints"]["lockStore"]
    for key in ("type", "url", "port", "db", "key_prefix"):
        assert lock[key] == endpoints["lock_store"][key], key
    # The chart's own action endpoint has no headers: ours is endpoints.yml's, token and all.
    assert values["rasa-action-server"]["external"]["enabled"] is False
    action = values["applicationSettings"]["endpoints"]["additionalEndpoints"]
    assert action["action_endpoint"] == endpoints["action_endpoint"]
    env = {e["name"]: e for e in values["extraEnv"]}
    assert env["ACTION_SERVER_URL"]["value"].endswith(":5055/webhook")
    assert values["command"] == ["python", "-m", "bot.rasa_server"]
    assert "--endpoints endpoints.yml" in " ".join(values["args"])


def test_helm_ingress_publishes_only_the_chat_webhooks():
    ingress = helm("values.yaml")["ingress"]
    paths = {ingress["path"]} | {p["path"] for p in ingress["extraPaths"]}
    assert paths == {"/webhooks/rest/", "/webhooks/twilio/"}
    assert ingress["tls"]
    assert helm("actions-values.yaml")["ingress"]["enabled"] is False


def test_inbox_manifest():
    docs: list[dict[str, Any]] = [
        d for d in yaml.safe_load_all((DEPLOY / "helm" / "inbox.yaml").read_text()) if d
    ]
    kinds = {d["kind"]: d for d in docs}
    assert kinds["Deployment"]["spec"]["replicas"] == 1
    assert kinds["ConfigMap"]["data"]["INBOX_HOST"] == "0.0.0.0"
    ingress = next(d for d in docs if d["kind"] == "Ingress")
    paths = {
        p["path"] for rule in ingress["spec"]["rules"] for p in rule["http"]["paths"]
    }
    assert paths == {"/", "/widget.js", "/widget.css", "/privacy", "/inbox", "/api"}
    known = known_settings()
    for doc in docs:
        if doc["kind"] in ("ConfigMap", "Secret"):
            keys = set(doc.get("data") or {}) | set(doc.get("stringData") or {})
            assert sorted(keys - known) == [], doc["metadata"]["name"]
