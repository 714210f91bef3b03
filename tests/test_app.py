"""The app's shell: health, readiness, one error shape, OpenAPI, and the dashboard files."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from socialflow import app as app_module
from socialflow.app import create_app
from socialflow.core.context import AppContext


def test_healthz(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_readyz_when_migrated(client: TestClient) -> None:
    r = client.get("/readyz")
    assert r.status_code == 200 and r.json()["database"] == "ok"


def test_readyz_says_when_migrations_are_pending(ctx: AppContext, tmp_path: Path) -> None:
    settings = ctx.settings.model_copy(
        update={"database_url": f"sqlite:///{tmp_path / 'empty.db'}"}
    )
    fresh = AppContext.build(settings)
    with TestClient(create_app(ctx=fresh)) as c:
        r = c.get("/readyz")
    assert r.status_code == 503
    assert r.json()["error"]["code"] == "migrations_pending"


def test_unknown_api_route_uses_the_error_shape(client: TestClient) -> None:
    r = client.get("/api/nope")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"


def test_method_not_allowed_uses_the_error_shape(client: TestClient) -> None:
    r = client.delete("/api/auth/me")
    assert r.status_code == 405
    assert set(r.json()["error"]) == {"code", "message", "details"}


def test_unhandled_error_is_a_500_in_the_error_shape(ctx: AppContext) -> None:
    app = create_app(ctx=ctx)

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    app.router.routes.insert(0, app.router.routes.pop())  # ahead of the dashboard's catch-all

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/boom")
    assert r.status_code == 500
    assert r.json()["error"]["code"] == "internal_error"
    assert "secret internals" not in r.text


def test_request_id_is_echoed(client: TestClient) -> None:
    r = client.get("/healthz", headers={"X-Request-ID": "abc123"})
    assert r.headers["x-request-id"] == "abc123"
    assert len(client.get("/healthz").headers["x-request-id"]) == 32


def test_openapi_lists_every_route_typed(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/auth/register", "/api/auth/login", "/api/auth/refresh", "/api/auth/me"):
        assert path in paths
    login = paths["/api/auth/login"]["post"]
    assert "requestBody" in login and "200" in login["responses"]
    assert client.get("/api/docs").status_code == 200


@pytest.fixture
def dist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><div id=root></div>")
    (dist / "assets" / "app-1a2b3c.js").write_text("console.log(1)")
    (dist / "favicon.svg").write_text("<svg/>")
    monkeypatch.setattr(app_module, "DIST_DIR", dist)
    return dist


def test_dashboard_spa_fallback_and_cache_headers(ctx: AppContext, dist: Path) -> None:
    with TestClient(create_app(ctx=ctx)) as c:
        index = c.get("/")
        deep = c.get("/settings/profile")
        asset = c.get("/assets/app-1a2b3c.js")
        icon = c.get("/favicon.svg")
        escape = c.get("/..%2F..%2Fetc%2Fpasswd")
        api = c.get("/api/unknown")
    assert index.status_code == 200 and "id=root" in index.text
    assert index.headers["cache-control"] == "no-cache"
    assert deep.status_code == 200 and deep.text == index.text
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert icon.headers["cache-control"] == "public, max-age=300"
    assert escape.text == index.text  # never a file outside dist
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"


def test_database_is_reachable_through_context(ctx: AppContext) -> None:
    with ctx.db.session() as s:
        assert s.execute(text("SELECT count(*) FROM subscription_plans")).scalar() == 4


@pytest.mark.parametrize("freeze", [True, False])
def test_startup_objects_are_frozen_out_of_the_collector(ctx: AppContext, freeze: bool) -> None:
    """Full collections would walk every startup object (a 70-90 ms pause per ~100 requests)."""
    import gc

    gc.unfreeze()
    settings = ctx.settings.model_copy(update={"gc_freeze": freeze})
    app = create_app(ctx=AppContext.build(settings), start_jobs=False)
    try:
        with TestClient(app) as c:
            assert c.get("/healthz").status_code == 200
            frozen = gc.get_freeze_count()
    finally:
        gc.unfreeze()
    if freeze:
        assert frozen > 10_000  # the modules, the app and its routes
    else:
        assert frozen == 0
