"""The app on a real port with the Stripe sandbox mounted; a browser-like walk through Stripe's
hosted pages (checkout Pay/Fail, portal forms), signed event delivery by hand, and waits for
the sandbox's own webhook deliveries to settle."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import httpx
import pytest
import stripe
from sqlalchemy import select

from socialflow.billing import gateway
from socialflow.models import Workspace
from socialflow.sandbox.stripe_delivery import sign
from tests.fixtures.live import LiveApp, LiveServer

SANDBOX = "/sandbox/stripe"


class Forms(HTMLParser):
    """Every form on a page: action, hidden fields, and its button's text."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._in_button = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "fields": {}, "button": ""})
        elif tag == "input" and self.forms and a.get("name"):
            self.forms[-1]["fields"][a["name"]] = a.get("value", "")
        elif tag == "button":
            self._in_button = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "button":
            self._in_button = False

    def handle_data(self, data: str) -> None:
        if self._in_button and self.forms:
            self.forms[-1]["button"] += data


def forms(page: str) -> list[dict[str, Any]]:
    parser = Forms()
    parser.feed(page)
    return parser.forms


@dataclass
class Live(LiveApp):
    # ---- users
    def user(self) -> dict[str, Any]:
        email = f"payer-{uuid.uuid4().hex[:8]}@example.com"
        r = self.http.post(
            "/api/auth/register",
            json={"email": email, "password": "correct horse battery", "full_name": "Payer"},
        )
        r.raise_for_status()
        data: dict[str, Any] = r.json()
        data["headers"] = {"Authorization": f"Bearer {data['access_token']}"}
        data["id"] = uuid.UUID(data["user"]["id"])
        return data

    def row(self, who: dict[str, Any]) -> Workspace:
        """The user's personal workspace (same id), which holds the plan and Stripe customer."""
        with self.ctx.db.session() as session:
            ws = session.scalar(select(Workspace).where(Workspace.id == who["id"]))
            assert ws is not None
            session.expunge(ws)
            return ws

    def status(self, who: dict[str, Any]) -> dict[str, Any]:
        r = self.http.get("/api/billing/subscription", headers=who["headers"])
        assert r.status_code == 200, r.text
        body: dict[str, Any] = r.json()
        return body

    # ---- Stripe's hosted pages, as a browser uses them
    def checkout_url(self, who: dict[str, Any], plan: str = "pro", interval: str = "month") -> str:
        r = self.http.post(
            "/api/billing/checkout",
            json={"plan": plan, "interval": interval},
            headers=who["headers"],
        )
        assert r.status_code == 200, r.text
        url: str = r.json()["url"]
        return url

    def press(self, page_url: str, button: str, **match: str) -> httpx.Response:
        """Submit the form whose button text contains `button` (and whose fields match)."""
        page = self.http.get(page_url)
        assert page.status_code == 200, page.text
        for form in forms(page.text):
            fields = form["fields"]
            if button in form["button"] and all(fields.get(k) == v for k, v in match.items()):
                return self.http.post(form["action"], data=fields)
        raise AssertionError(f"no {button!r} button on {page_url}: {page.text[:500]}")

    def subscribe(self, who: dict[str, Any], plan: str = "pro", interval: str = "month") -> str:
        """Checkout -> Pay; waits for the webhooks; returns the subscription id."""
        url = self.checkout_url(who, plan, interval)
        paid = self.press(url, "Pay")
        assert paid.status_code == 303, paid.text
        self.settle()
        session_id = url.rsplit("/", 1)[1]
        return str(self.stripe.v1.checkout.sessions.retrieve(session_id).subscription)

    def portal(self, who: dict[str, Any]) -> str:
        r = self.http.post("/api/billing/portal", headers=who["headers"])
        assert r.status_code == 200, r.text
        url: str = r.json()["url"]
        return url

    def advance(self, subscription: str, action: str) -> dict[str, Any]:
        r = self.http.post(
            f"{SANDBOX}/_admin/advance", json={"subscription": subscription, "action": action}
        )
        assert r.status_code == 200, r.text
        self.settle()
        body: dict[str, Any] = r.json()
        return body

    # ---- events
    @property
    def stripe(self) -> stripe.StripeClient:
        return gateway.client(self.ctx.settings)

    def events(self) -> list[dict[str, Any]]:
        r = self.http.get(f"{SANDBOX}/_admin/events")
        r.raise_for_status()
        data: list[dict[str, Any]] = r.json()["data"]
        return data

    def settle(self, timeout: float = 20.0) -> None:
        """Wait until the sandbox has no webhook delivery in flight."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            r = self.http.get(f"{SANDBOX}/_admin/events").json()
            busy = [e for e in r["data"] if e["delivery"]["status"] == "pending"]
            if not busy and not r["pending"]:
                return
            time.sleep(0.05)
        raise AssertionError(f"webhooks still in flight: {busy}")

    def hold_deliveries(self, held: bool = True) -> None:
        self.http.post(f"{SANDBOX}/_admin/delivery", json={"enabled": not held}).raise_for_status()

    def deliver(
        self, event: dict[str, Any], *, secret: str | None = None, at: int | None = None
    ) -> httpx.Response:
        """POST an event to our endpoint the way Stripe does, signed (or not)."""
        body = {k: v for k, v in event.items() if k != "delivery"}
        payload = json.dumps(body)
        headers = {"Content-Type": "application/json"}
        if secret != "":
            key = secret or gateway.sandbox_keys(self.ctx.settings)[1]
            headers["Stripe-Signature"] = sign(payload, key, at)
        return self.http.post("/api/webhooks/stripe", content=payload, headers=headers)


@pytest.fixture(scope="module")
def live_settings() -> dict[str, Any]:
    return {"platform_timeout_seconds": 10.0}


@pytest.fixture
def live(live_server: LiveServer) -> Iterator[Live]:
    """The app with the Stripe sandbox; deliveries held and its state dropped after each test."""
    with live_server.test(Live) as live:
        yield live
