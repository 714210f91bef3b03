"""Issue 21.11: the account takes the browser's time zone at sign-up, not UTC."""

from __future__ import annotations

from fastapi.testclient import TestClient

SIGNUP = {"email": "zoe@example.com", "password": "correct horse battery", "full_name": "Zoé"}


def test_sign_up_keeps_the_time_zone_the_browser_sent(client: TestClient) -> None:
    r = client.post("/api/auth/register", json={**SIGNUP, "timezone": "Europe/Paris"})
    assert r.status_code == 201, r.text
    assert r.json()["user"]["timezone"] == "Europe/Paris"
    me = client.get("/api/auth/me", headers={"Authorization": f"Bearer {r.json()['access_token']}"})
    assert me.json()["timezone"] == "Europe/Paris"


def test_without_a_zone_the_account_is_on_utc(client: TestClient) -> None:
    r = client.post("/api/auth/register", json=SIGNUP)
    assert r.status_code == 201, r.text
    assert r.json()["user"]["timezone"] == "UTC"


def test_an_unknown_zone_is_refused_naming_the_field(client: TestClient) -> None:
    r = client.post("/api/auth/register", json={**SIGNUP, "timezone": "Mars/Olympus"})
    assert r.status_code == 422
    error = r.json()["error"]
    assert any(d["field"] == "timezone" for d in error["details"]), error
    assert "IANA" in str(error)
