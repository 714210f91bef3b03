"""With ENV=production the sandbox is off: unconfigured platforms are unavailable, not fake."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from socialflow.app import create_app
from socialflow.core.config import Settings
from socialflow.core.context import AppContext
from socialflow.core.db import Database


@pytest.fixture
def prod(settings: Settings, db: Database) -> Iterator[TestClient]:
    production = settings.model_copy(
        update={
            "env": "production",
            "twitter_client_id": "real-id",
            "twitter_client_secret": "real-secret",
        }
    )
    ctx = AppContext.build(production, db)
    with TestClient(create_app(ctx=ctx, start_jobs=False)) as client:
        yield client


def test_no_sandbox_in_production(prod: TestClient) -> None:
    assert prod.get("/sandbox/_admin/published").status_code == 404
    token = prod.post(
        "/api/auth/register",
        json={"email": "p@example.com", "password": "correct horse battery", "full_name": "P"},
    ).json()
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    platforms = {
        p["platform"]: p
        for p in prod.get("/api/social-accounts/platforms", headers=headers).json()["items"]
    }
    assert platforms["twitter"]["available"] and not platforms["twitter"]["sandbox"]
    assert not platforms["tiktok"]["available"]
    r = prod.post("/api/social-accounts/connect", json={"platform": "tiktok"}, headers=headers)
    assert r.status_code == 503
    assert r.json()["error"]["code"] == "platform_not_configured"
    assert "TIKTOK_CLIENT_ID" in r.json()["error"]["message"]
    real = prod.post("/api/social-accounts/connect", json={"platform": "twitter"}, headers=headers)
    assert real.status_code == 200
    assert real.json()["authorization_url"].startswith("https://x.com/i/oauth2/authorize?")
