"""No database lock is held while Stripe answers (security issue, finding 3).

Stripe is reached through a loopback proxy that holds chosen calls until the test lets them
go. While a checkout, a portal link or a webhook waits on Stripe, another user's write
(PATCH /api/auth/me) must go through at once: on SQLite a held transaction would block it
until Stripe answered (30 s busy timeout, then 500 "database is locked").
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from socialflow.app import create_app
from socialflow.core.config import Settings
from socialflow.core.context import AppContext
from socialflow.core.db import Database
from tests.billing.conftest import SANDBOX, Live
from tests.fixtures.jobs import ManualRunner
from tests.fixtures.servers import LoopbackPort, serve_app


class SlowStripe:
    """A forwarding proxy to the Stripe sandbox that holds calls whose path starts with one of
    `hold_prefixes` until `release()`; `held` is set once such a call is waiting."""

    def __init__(self, target: str):
        self.target = target
        self.hold_prefixes: tuple[str, ...] = ()
        self.held = threading.Event()
        self._gate = threading.Event()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def _forward(self) -> None:
                if proxy.hold_prefixes and self.path.startswith(proxy.hold_prefixes):
                    proxy.held.set()
                    proxy._gate.wait(timeout=60)
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {
                    k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")
                }
                answer = httpx.request(
                    self.command, proxy.target + self.path, content=body, headers=headers
                )
                self.send_response(answer.status_code)
                for key, value in answer.headers.items():
                    if key.lower() not in ("content-length", "transfer-encoding", "connection"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            do_GET = do_POST = do_DELETE = _forward

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def hold(self, *prefixes: str) -> None:
        self.hold_prefixes = prefixes
        self.held.clear()
        self._gate.clear()

    def release(self) -> None:
        self.hold_prefixes = ()
        self._gate.set()


@pytest.fixture
def slow(settings: Settings, db: Database) -> Iterator[tuple[Live, SlowStripe]]:
    port = LoopbackPort()  # held until the app listens on it: no other xdist worker takes it
    base = port.url
    proxy = SlowStripe(f"{base}{SANDBOX}")
    threading.Thread(target=proxy.server.serve_forever, daemon=True).start()
    served = settings.model_copy(
        update={"public_url": base, "stripe_api_base": proxy.url, "platform_timeout_seconds": 60}
    )
    ctx = AppContext.build(served, db)
    runner = ManualRunner(ctx)
    ctx.extras["runner"] = runner
    try:
        with (
            serve_app(create_app(ctx=ctx, start_jobs=False), port=port),
            httpx.Client(base_url=base, timeout=90) as client,
        ):
            live = Live(base_url=base, ctx=ctx, runner=runner, http=client)
            yield live, proxy
            proxy.release()
            live.hold_deliveries()
    finally:
        proxy.release()
        proxy.server.shutdown()
        proxy.server.server_close()


def _write_meanwhile(live: Live, proxy: SlowStripe, call: Future[httpx.Response]) -> None:
    """While `call` waits on Stripe, another user's profile write succeeds at once."""
    assert proxy.held.wait(30), "the call never reached Stripe"
    other = live.user()
    with httpx.Client(base_url=live.base_url, timeout=8) as quick:
        r = quick.patch("/api/auth/me", json={"full_name": "Meanwhile"}, headers=other["headers"])
    assert r.status_code == 200, r.text
    assert not call.done(), "the Stripe call was not held (the proof proves nothing)"
    proxy.release()


def test_checkout_holds_no_lock_while_stripe_answers(slow: tuple[Live, SlowStripe]) -> None:
    live, proxy = slow
    who = live.user()
    proxy.hold("/v1/checkout/sessions")
    with ThreadPoolExecutor(1) as pool:
        call = pool.submit(
            live.http.post,
            "/api/billing/checkout",
            json={"plan": "pro", "interval": "month"},
            headers=who["headers"],
        )
        _write_meanwhile(live, proxy, call)
        answer = call.result(timeout=60)
    assert answer.status_code == 200, answer.text
    # What the calls learned is kept afterwards: the customer and the plan's price.
    assert live.row(who).stripe_customer_id


def test_portal_holds_no_lock_while_stripe_answers(slow: tuple[Live, SlowStripe]) -> None:
    live, proxy = slow
    who = live.user()
    live.subscribe(who, "pro")
    proxy.hold("/v1/billing_portal")
    with ThreadPoolExecutor(1) as pool:
        call = pool.submit(live.http.post, "/api/billing/portal", headers=who["headers"])
        _write_meanwhile(live, proxy, call)
        answer = call.result(timeout=60)
    assert answer.status_code == 200, answer.text


def test_webhook_holds_no_lock_while_stripe_answers(slow: tuple[Live, SlowStripe]) -> None:
    live, proxy = slow
    who = live.user()
    url = live.checkout_url(who, "pro")
    live.hold_deliveries()
    assert live.press(url, "Pay").status_code == 303
    event = next(e for e in live.events() if e["type"] == "customer.subscription.created")
    proxy.hold("/v1/subscriptions/")  # our handler re-fetches the subscription
    with ThreadPoolExecutor(1) as pool:
        call = pool.submit(live.deliver, event)
        _write_meanwhile(live, proxy, call)
        answer = call.result(timeout=60)
    assert answer.status_code == 200 and answer.json()["processed"] is True, answer.text
    assert live.status(who)["tier"] == "pro"
