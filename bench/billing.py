"""Benchmark: billing against the built-in Stripe sandbox over real HTTP, through the real SDK.

Serves the app (sandbox mounted, in-process job runner) on a loopback port and measures:
POST /api/billing/checkout (customer reuse, stored price, session create); a Pay click until
GET /api/billing/subscription shows the plan (three signed webhooks handled, each re-fetching
the subscription); one new signed event at the webhook endpoint; one duplicate delivery.
SQLite by default; DATABASE_URL=postgresql+psycopg://... for PostgreSQL. --write updates
docs/PERFORMANCE.md.

    .venv/bin/python bench/billing.py [--rounds 30] [--users 8] [--write]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.api_auth import write_section  # noqa: E402
from socialflow.app import create_app  # noqa: E402
from socialflow.billing.gateway import sandbox_keys  # noqa: E402
from socialflow.core.config import Settings  # noqa: E402
from socialflow.sandbox.stripe_delivery import sign  # noqa: E402
from tests.fixtures.servers import free_port, serve_app  # noqa: E402


def ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return f"median {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


def register(http: httpx.Client) -> dict[str, str]:
    r = http.post(
        "/api/auth/register",
        json={
            "email": f"bench-{uuid.uuid4().hex[:8]}@example.com",
            "password": "correct horse battery",
            "full_name": "Bench",
        },
    )
    r.raise_for_status()
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=Path(tempfile.mkdtemp()),
        public_url=base,
        port=port,
        database_url=os.environ.get("DATABASE_URL"),
        log_level="WARNING",
    )
    backend = "PostgreSQL" if settings.sqlalchemy_url.startswith("postgresql") else "SQLite"
    secret = sandbox_keys(settings)[1]
    results: dict[str, list[float]] = {"checkout": [], "paid": [], "new": [], "dup": []}
    with (
        serve_app(create_app(settings), port=port),
        httpx.Client(base_url=base, timeout=30) as http,
    ):
        headers = register(http)
        http.post("/api/billing/checkout", json={"plan": "pro"}, headers=headers)  # warm up
        for _ in range(args.rounds):
            started = time.perf_counter()
            http.post(
                "/api/billing/checkout", json={"plan": "pro"}, headers=headers
            ).raise_for_status()
            results["checkout"].append(time.perf_counter() - started)

        for _ in range(args.users):
            who = register(http)
            url = http.post("/api/billing/checkout", json={"plan": "pro"}, headers=who).json()
            action = re.search(r'action="([^"]+/pay)"', http.get(url["url"]).text)
            assert action
            started = time.perf_counter()
            http.post(action.group(1))
            while http.get("/api/billing/subscription", headers=who).json()["tier"] != "pro":
                time.sleep(0.005)
            results["paid"].append(time.perf_counter() - started)

        events = http.get("/sandbox/stripe/_admin/events").json()["data"]
        template = next(e for e in events if e["type"] == "customer.subscription.created")
        template = {k: v for k, v in template.items() if k != "delivery"}

        def post(event: dict[str, Any]) -> float:
            payload = json.dumps(event)
            started = time.perf_counter()
            r = http.post(
                "/api/webhooks/stripe",
                content=payload,
                headers={"Stripe-Signature": sign(payload, secret)},
            )
            r.raise_for_status()
            return time.perf_counter() - started

        for i in range(args.rounds):
            results["new"].append(post({**template, "id": f"evt_bench_{i}_{uuid.uuid4().hex}"}))
            results["dup"].append(post(template))

    lines = [
        f"| {backend}: what | time |",
        "|---|---|",
        f"| POST /api/billing/checkout ({args.rounds}) | {ms(results['checkout'])} |",
        f"| Pay click -> plan active ({args.users} users) | {ms(results['paid'])} |",
        f"| new signed event: re-fetch + apply ({args.rounds}) | {ms(results['new'])} |",
        f"| duplicate delivery ({args.rounds}) | {ms(results['dup'])} |",
    ]
    print("\n".join(lines))
    if args.write:
        key = "billing-" + backend.lower()
        write_section(
            key,
            f"Billing against the Stripe sandbox ({backend})",
            lines,
            "Each Stripe call is a real HTTP round trip to the sandbox in the same process; "
            "against api.stripe.com add its latency (~100-300 ms per call).",
            "python bench/billing.py --write"
            + (" (DATABASE_URL=postgresql+psycopg://...)" if backend == "PostgreSQL" else ""),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
