"""Prometheus metrics: what operators graph and alert on, exposed at /metrics.

One process: the metrics live in this process's default registry. Several API processes
(`socialflow serve --workers N`): set PROMETHEUS_MULTIPROC_DIR to an empty directory private to
that machine (or container) before the processes start; prometheus_client then keeps each
process's values in files there and /metrics adds them up. `socialflow serve` empties it on
start. Workers and the scheduler expose their own with `--metrics-port`.

Scraping is allowed from loopback, or from anywhere with `Authorization: Bearer METRICS_TOKEN`.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import threading
from collections.abc import Callable, Iterable, MutableMapping
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

from socialflow.core.security import constant_time_equal

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

# Request latency: most API calls are milliseconds; uploads and AI calls take seconds.
HTTP_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
# Lateness of a scheduled post: on time is under a few seconds; retries push it to minutes.
LATENESS_BUCKETS = (1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 900.0, 3600.0, 6 * 3600.0)

http_request_duration = Histogram(
    "socialflow_http_request_duration_seconds",
    "HTTP request latency by route template, method and status.",
    ["method", "route", "status"],
    buckets=HTTP_BUCKETS,
)
jobs_enqueued = Counter(
    "socialflow_jobs_enqueued",
    "Jobs handed to the runner (after their transaction committed).",
    ["job"],
)
jobs_started = Counter("socialflow_jobs_started", "Jobs that began running.", ["job"])
jobs_failed = Counter("socialflow_jobs_failed", "Jobs that raised an exception.", ["job"])
jobs_running = Gauge(
    "socialflow_jobs_running", "Jobs running right now.", ["job"], multiprocess_mode="livesum"
)
job_duration = Histogram(
    "socialflow_job_duration_seconds", "How long a job ran (success or failure).", ["job"]
)
ticks_failed = Counter(
    "socialflow_scheduler_ticks_failed", "Scheduler ticks that raised an exception.", ["tick"]
)
publish_outcomes = Counter(
    "socialflow_publish_outcomes",
    "Recorded outcomes of publish attempts: published, pending, retry, rate_limited, "
    "rejected, unknown.",
    ["platform", "outcome"],
)
publish_lateness = Histogram(
    "socialflow_publish_lateness_seconds",
    "Scheduled posts: published_at minus the scheduled time.",
    ["platform"],
    buckets=LATENESS_BUCKETS,
)
token_refresh_failures = Counter(
    "socialflow_token_refresh_failures",
    "Platform token refreshes that failed (revoked: the user must reconnect).",
    ["platform", "kind"],
)


# --------------------------------------------------------------------------- recording


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    http_request_duration.labels(method, route, str(status)).observe(seconds)


def route_template(scope: MutableMapping[str, Any]) -> str:
    """The matched route's template (`/api/posts/{post_id}`), never the raw path."""
    route = scope.get("route")
    path = getattr(route, "path", None) or getattr(route, "path_format", None)
    if not path:
        return "unmatched"
    return f"{scope.get('root_path', '')}{path}"


def job_enqueued(name: str) -> None:
    jobs_enqueued.labels(name).inc()


def run_instrumented(name: str, fn: Callable[[], None]) -> None:
    """Run one job, counting it as started, running, failed, and timing it."""
    jobs_started.labels(name).inc()
    running = jobs_running.labels(name)
    running.inc()
    try:
        with job_duration.labels(name).time():
            fn()
    except BaseException:
        jobs_failed.labels(name).inc()
        raise
    finally:
        running.dec()


def tick_failed(name: str) -> None:
    ticks_failed.labels(name).inc()


def publish_outcome(platform: str, outcome: str) -> None:
    publish_outcomes.labels(platform, outcome).inc()


def publish_late_by(platform: str, seconds: float) -> None:
    publish_lateness.labels(platform).observe(max(0.0, seconds))


def record_refresh_failure(platform: str, kind: str = "error") -> None:
    """A token refresh failed: `kind` is "revoked" (needs reconnecting) or "error"."""
    token_refresh_failures.labels(platform, kind).inc()


# --------------------------------------------------------------------------- exposing


def multiprocess_dir() -> Path | None:
    value = os.environ.get(MULTIPROC_ENV)
    return Path(value) if value else None


def reset_multiprocess_dir() -> None:
    """Empty PROMETHEUS_MULTIPROC_DIR before the processes start (stale files would add up)."""
    directory = multiprocess_dir()
    if directory is None:
        return
    if directory.exists():
        for entry in directory.iterdir():
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    directory.mkdir(parents=True, exist_ok=True)


def render() -> tuple[bytes, str]:
    """The exposition text: this process's metrics, or every process's in multiprocess mode."""
    if multiprocess_dir() is not None:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def allowed(client_host: str | None, authorization: str | None, token: str | None) -> bool:
    """Loopback callers, or the bearer of METRICS_TOKEN."""
    if token and authorization:
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() == "bearer" and constant_time_equal(value.strip(), token):
            return True
    if not client_host:
        return False
    try:
        return ipaddress.ip_address(client_host).is_loopback
    except ValueError:
        return False


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # scrapes every few seconds would drown the JSON log


def serve_metrics(port: int, token: str | None, host: str = "0.0.0.0") -> WSGIServer:  # noqa: S104
    """/metrics for a process without an HTTP API (worker, scheduler), in a daemon thread."""

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if not allowed(environ.get("REMOTE_ADDR"), environ.get("HTTP_AUTHORIZATION"), token):
            start_response("403 Forbidden", [("Content-Type", "text/plain")])
            return [b"metrics: loopback only, or Authorization: Bearer METRICS_TOKEN\n"]
        body, content_type = render()
        start_response("200 OK", [("Content-Type", content_type)])
        return [body]

    server = make_server(host, port, app, handler_class=_QuietHandler)
    threading.Thread(target=server.serve_forever, name="sf-metrics", daemon=True).start()
    return server
