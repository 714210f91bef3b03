"""Regression (found by bench/schemathesis_run.py on PostgreSQL): a NUL character in any JSON
string reached a text column and PostgreSQL's refusal answered 500; now it is a 422."""

from __future__ import annotations

import os

from fastapi.testclient import TestClient

ON_POSTGRES = bool(os.environ.get("TEST_DATABASE_URL"))


def test_nul_in_text_is_a_422_on_postgresql_and_kept_on_sqlite(
    client: TestClient, auth_headers: dict[str, str]
) -> None:
    r = client.post(
        "/api/library", headers=auth_headers, json={"title": "a\u0000b", "content": "hello"}
    )
    if ON_POSTGRES:
        assert r.status_code == 422, r.text
        assert r.json()["error"]["code"] == "invalid_text"
        assert client.get("/api/library", headers=auth_headers).json()["total"] == 0
    else:  # SQLite stores NUL like any other character
        assert r.status_code == 201, r.text
        assert r.json()["title"] == "a\u0000b"
    ok = client.post("/api/library", headers=auth_headers, json={"title": "ab", "content": "hi"})
    assert ok.status_code == 201  # the failed request left the session usable
