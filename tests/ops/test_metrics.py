"""/metrics: scraped after real requests and a real publish; protected; summed over processes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from socialflow.app import create_app
from socialflow.core.clock import utcnow
from socialflow.core.config import Settings
from socialflow.core.context import AppContext
from socialflow.core.db import Database
from socialflow.jobs.registry import job, run_job
from socialflow.models import PlatformPost, Post, Workspace
from tests.fixtures.jobs import ManualRunner
from tests.fixtures.servers import LoopbackPort
from tests.ops.metrics_helpers import delta, label_values, parse, value
from tests.publishing.conftest import Live

BIN = Path(sys.executable).parent


def _scrape(live: Live) -> dict:  # type: ignore[type-arg]
    r = live.http.get("/metrics")  # from 127.0.0.1: loopback is allowed without a token
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/plain")
    return parse(r.text)


def _pro_user_with_twitter(live: Live) -> dict:  # type: ignore[type-arg]
    who = live.user(f"ops-{uuid.uuid4().hex[:6]}@example.com")
    with live.ctx.db.session() as s:
        s.execute(update(Workspace).values(subscription_tier="pro", subscription_status="active"))
    live.connect(who, "twitter")
    return who


def test_requests_and_a_late_publish_show_up_in_the_series(live: Live) -> None:
    who = _pro_user_with_twitter(live)
    before = _scrape(live)

    for _ in range(3):
        assert live.http.get("/api/posts", headers=who["headers"]).status_code == 200
    missing = live.http.get(f"/api/posts/{uuid.uuid4()}", headers=who["headers"])
    assert missing.status_code == 404

    r = live.http.post(
        "/api/posts",
        json={"content": "Metrics, please.", "social_account_ids": [who["accounts"]["twitter"]]},
        headers=who["headers"],
    )
    post_id = r.json()["id"]
    later = (utcnow() + timedelta(hours=1)).isoformat()
    live.http.post(
        f"/api/posts/{post_id}/schedule", json={"scheduled_for": later}, headers=who["headers"]
    ).raise_for_status()
    with live.ctx.db.session() as s:  # it was due 30 s ago: the scheduler is late by 30 s
        s.execute(update(Post).values(scheduled_for=utcnow() - timedelta(seconds=30)))
        s.execute(update(PlatformPost).values(due_at=utcnow() - timedelta(seconds=30)))
    live.run()
    assert len(live.published("twitter")) == 1

    after = _scrape(live)
    http = "socialflow_http_request_duration_seconds"
    ok = {"method": "GET", "route": "/api/posts", "status": "200"}
    assert delta(before, after, f"{http}_count", **ok) == 3
    assert 0 < delta(before, after, f"{http}_sum", **ok) < 30
    assert delta(before, after, f"{http}_bucket", le="+Inf", **ok) == 3
    not_found = {"method": "GET", "route": "/api/posts/{post_id}", "status": "404"}
    assert delta(before, after, f"{http}_count", **not_found) == 1
    # Route templates only: no raw ids in labels (unbounded series).
    routes = label_values(after, f"{http}_count", "route")
    assert not any(len(part) == 36 for route in routes for part in route.split("/")), routes

    platform = {"platform": "twitter"}
    assert (
        delta(before, after, "socialflow_publish_outcomes_total", outcome="published", **platform)
        == 1
    )
    assert delta(before, after, "socialflow_publish_lateness_seconds_count", **platform) == 1
    late = delta(before, after, "socialflow_publish_lateness_seconds_sum", **platform)
    assert 29 <= late < 120, late
    assert (
        delta(before, after, "socialflow_publish_lateness_seconds_bucket", le="10.0", **platform)
        == 0
    )
    assert (
        delta(before, after, "socialflow_publish_lateness_seconds_bucket", le="60.0", **platform)
        == 1
    )

    publish = {"job": "publishing.publish"}
    assert delta(before, after, "socialflow_jobs_enqueued_total", **publish) == 1
    assert delta(before, after, "socialflow_jobs_started_total", **publish) == 1
    assert delta(before, after, "socialflow_jobs_failed_total", **publish) == 0
    assert value(after, "socialflow_jobs_running", **publish) == 0
    assert delta(before, after, "socialflow_job_duration_seconds_count", **publish) == 1


@job("ops.test_boom")
def _boom(ctx: AppContext, **_: object) -> None:
    raise RuntimeError("this job always fails")


def test_a_failing_job_is_counted_and_not_left_running(live: Live) -> None:
    before = _scrape(live)
    with pytest.raises(RuntimeError):
        run_job(live.ctx, "ops.test_boom", {})
    after = _scrape(live)
    boom = {"job": "ops.test_boom"}
    assert delta(before, after, "socialflow_jobs_started_total", **boom) == 1
    assert delta(before, after, "socialflow_jobs_failed_total", **boom) == 1
    assert value(after, "socialflow_jobs_running", **boom) == 0


def test_a_failed_token_refresh_is_counted(live: Live) -> None:
    who = _pro_user_with_twitter(live)
    before = _scrape(live)
    live.fault("twitter", "server_error", times=3, path="/2/oauth2/token")
    account = who["accounts"]["twitter"]
    r = live.http.post(f"/api/social-accounts/{account}/refresh", headers=who["headers"])
    assert r.status_code >= 400, r.text
    after = _scrape(live)
    failures = "socialflow_token_refresh_failures_total"
    assert delta(before, after, failures, platform="twitter", kind="error") >= 1
    assert delta(before, after, failures, platform="twitter", kind="revoked") == 0


def test_metrics_need_loopback_or_the_token(settings: Settings, db: Database) -> None:
    guarded = settings.model_copy(update={"metrics_token": "metrics-" + uuid.uuid4().hex})
    ctx = AppContext.build(guarded, db)
    ctx.extras["runner"] = ManualRunner(ctx)
    # TestClient's caller is "testclient", not a loopback address.
    with TestClient(create_app(ctx=ctx, start_jobs=False)) as client:
        refused = client.get("/metrics")
        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "forbidden"
        assert "METRICS_TOKEN" in refused.json()["error"]["message"]
        wrong = client.get("/metrics", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 403
        good = client.get("/metrics", headers={"Authorization": f"Bearer {guarded.metrics_token}"})
        assert good.status_code == 200
        assert "socialflow_http_request_duration_seconds" in good.text
        assert "/metrics" not in client.get("/api/openapi.json").json()["paths"]


def _env(tmp_path: Path, prom_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "TEST_DATABASE_URL")}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'multi.db'}",
        DATA_DIR=str(tmp_path / "data"),
        SECRET_KEY="multiprocess-test-" + uuid.uuid4().hex,
        PROMETHEUS_MULTIPROC_DIR=str(prom_dir),
        LOG_LEVEL="WARNING",
    )
    return env


def test_several_api_processes_add_up_in_multiprocess_mode(tmp_path: Path) -> None:
    prom_dir = tmp_path / "prom"
    prom_dir.mkdir()
    (prom_dir / "counter_999999.db").write_bytes(b"stale from the last run")
    env = _env(tmp_path, prom_dir)
    subprocess.run([BIN / "socialflow", "migrate"], env=env, check=True, capture_output=True)
    port = LoopbackPort()  # held until the server has bound it too (SO_REUSEADDR)
    server = subprocess.Popen(
        [BIN / "socialflow", "serve", "--workers", "2", "--port", str(port.number)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = port.url
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                # /readyz for waiting: a probe that timed out may still be counted later.
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            assert time.monotonic() < deadline, "socialflow serve --workers 2 did not start"
            time.sleep(0.2)
        port.close()
        sent = 0
        # Fresh connections until both processes have served some (each writes its own file).
        while sent < 400:
            httpx.get(f"{base}/healthz", timeout=5).raise_for_status()
            sent += 1
            pids = {p.stem.rsplit("_", 1)[1] for p in prom_dir.glob("histogram_*.db")}
            if len(pids) >= 2 and sent >= 20:
                break
        assert len(pids) >= 2, "the second API process never served a request"
        assert not (prom_dir / "counter_999999.db").exists()  # serve emptied the directory
        page = parse(httpx.get(f"{base}/metrics", timeout=5).text)
        count = value(
            page,
            "socialflow_http_request_duration_seconds_count",
            method="GET",
            route="/healthz",
            status="200",
        )
        assert count == sent
    finally:
        port.close()
        server.terminate()
        server.wait(timeout=30)
