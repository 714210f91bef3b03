"""JSON log lines carry the request id; an auth flow leaves no secret in the log."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from socialflow.core.logging import JsonFormatter

PASSWORD = "correct horse battery"
NEW_PASSWORD = "another horse battery staple"


@pytest.fixture
def json_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """caplog formatting with the app's JSON formatter at emit time (inside the request)."""
    caplog.set_level(logging.DEBUG)
    caplog.handler.setFormatter(JsonFormatter())
    yield caplog


def _lines(caplog: pytest.LogCaptureFixture) -> list[dict[str, object]]:
    return [json.loads(line) for line in caplog.text.splitlines() if line.strip()]


def test_a_request_log_line_is_json_with_the_request_id(
    client: TestClient, json_log: pytest.LogCaptureFixture
) -> None:
    r = client.get("/healthz", headers={"X-Request-ID": "req-ops-0001"})
    assert r.headers["x-request-id"] == "req-ops-0001"
    lines = _lines(json_log)  # every line parses as JSON, or json.loads raised
    access = [e for e in lines if e.get("logger") == "socialflow.http" and e["path"] == "/healthz"]
    assert len(access) == 1
    entry = access[0]
    assert entry["request_id"] == "req-ops-0001"
    assert entry["method"] == "GET" and entry["status"] == 200
    assert isinstance(entry["duration_ms"], float) and entry["level"] == "info"

    # Without an incoming id the app makes one, the same in the header and the log.
    json_log.clear()
    r = client.get("/healthz")
    (made,) = [e for e in _lines(json_log) if e.get("logger") == "socialflow.http"]
    assert made["request_id"] == r.headers["x-request-id"] and len(r.headers["x-request-id"]) >= 16


def test_an_auth_flow_logs_no_password_token_or_authorization_header(
    client: TestClient, json_log: pytest.LogCaptureFixture
) -> None:
    r = client.post(
        "/api/auth/register",
        json={"email": "logs@example.com", "password": PASSWORD, "full_name": "Log Reader"},
    )
    assert r.status_code == 201
    secrets = {PASSWORD, NEW_PASSWORD, r.json()["access_token"]}
    login = client.post("/api/auth/login", json={"email": "logs@example.com", "password": PASSWORD})
    assert login.status_code == 200
    access, refresh = login.json()["access_token"], login.json()["refresh_token"]
    secrets |= {access, refresh}
    auth = {"Authorization": f"Bearer {access}"}
    assert client.get("/api/auth/me", headers=auth).status_code == 200
    wrong = client.post("/api/auth/login", json={"email": "logs@example.com", "password": "x" * 12})
    assert wrong.status_code == 401
    renewed = client.post("/api/auth/refresh", json={"refresh_token": refresh})
    assert renewed.status_code == 200
    secrets |= {renewed.json()["access_token"], renewed.json()["refresh_token"]}
    changed = client.post(
        "/api/auth/password",
        json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        headers={"Authorization": f"Bearer {renewed.json()['access_token']}"},
    )
    assert changed.status_code in (200, 204), changed.text
    # A tampered token is refused, and its value is not echoed into the log either.
    tampered = access[:-4] + "AAAA"
    secrets.add(tampered)
    assert (
        client.get("/api/auth/me", headers={"Authorization": f"Bearer {tampered}"}).status_code
        == 401
    )

    text = json_log.text
    lines = _lines(json_log)
    assert any(e.get("path") == "/api/auth/login" for e in lines)  # the flow was logged
    for secret in secrets:
        assert secret not in text
    assert "Bearer" not in text and "authorization" not in text.lower()
