"""State of the Stripe sandbox: objects in Stripe's shapes, idempotency records, events.

Kept in memory and written to DATA_DIR/sandbox/stripe.json after each change, so customers,
prices and subscriptions survive a restart of the embedded app like they would at Stripe.
"""

from __future__ import annotations

import copy
import json
import secrets
import string
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

API_VERSION = "2026-02-25.clover"
ALPHABET = string.ascii_letters + string.digits
TERMINAL = {"canceled", "incomplete_expired"}
MAX_EVENTS = 1000


class StripeApiError(Exception):
    """An error answered in Stripe's shape: {"error": {"type", "code", "message", "param"}}."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        type_: str = "invalid_request_error",
        code: str | None = None,
        param: str | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.body: dict[str, Any] = {
            "error": {
                "type": type_,
                "code": code,
                "message": message,
                "param": param,
                "doc_url": f"https://docs.stripe.com/error-codes/{code}" if code else None,
            }
        }


def missing(kind: str, object_id: str, param: str = "id") -> StripeApiError:
    return StripeApiError(
        404, f"No such {kind}: '{object_id}'", code="resource_missing", param=param
    )


def add_interval(moment: int, interval: str, count: int = 1) -> int:
    """`moment` plus `count` calendar months or years (day clamped like Stripe does)."""
    start = datetime.fromtimestamp(moment, UTC)
    months = count * (12 if interval == "year" else 1)
    month0 = start.month - 1 + months
    year, month = start.year + month0 // 12, month0 % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return int(start.replace(year=year, month=month, day=day).timestamp())
        except ValueError:
            continue
    raise ValueError(moment)


class StripeState:
    """Every object by id, one lock, one JSON file."""

    def __init__(self, path: Path | None):
        self.path = path
        self.lock = threading.RLock()
        self.objects: dict[str, dict[str, Any]] = {}
        self.private: dict[str, dict[str, Any]] = {}  # per object: what Stripe does not return
        self.idempotency: dict[str, dict[str, Any]] = {}
        self.events: list[str] = []  # event ids, oldest first
        self.deliveries: dict[str, dict[str, Any]] = {}  # event id -> status, attempts
        self.listeners: list[Callable[[dict[str, Any]], None]] = []  # called with new events
        self._load()

    # ---- persistence
    def _load(self) -> None:
        if self.path is None or not self.path.exists():
            return
        try:
            data = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return  # a torn file is no reason to refuse to start: begin empty
        self.objects = data.get("objects", {})
        self.private = data.get("private", {})
        self.idempotency = data.get("idempotency", {})
        self.events = data.get("events", [])
        self.deliveries = data.get("deliveries", {})

    def save(self) -> None:
        if self.path is None:
            return
        with self.lock:
            data = {
                "objects": self.objects,
                "private": self.private,
                "idempotency": self.idempotency,
                "events": self.events,
                "deliveries": self.deliveries,
            }
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(data))
            tmp.replace(self.path)  # atomic: a crash leaves the old file or the new one

    def reset(self) -> None:
        with self.lock:
            self.objects.clear()
            self.private.clear()
            self.idempotency.clear()
            self.events.clear()
            self.deliveries.clear()
            self.save()

    # ---- objects
    @staticmethod
    def new_id(prefix: str, length: int = 24) -> str:
        return f"{prefix}_{''.join(secrets.choice(ALPHABET) for _ in range(length))}"

    def put(self, obj: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            self.objects[obj["id"]] = obj
        return obj

    def get(self, object_id: str, kind: str, param: str = "id") -> dict[str, Any]:
        """The object, or Stripe's 404 if unknown or of another type."""
        with self.lock:
            obj = self.objects.get(object_id)
        if obj is None or obj.get("object") != kind:
            raise missing(kind.replace("checkout.", "").replace("_", " "), object_id, param)
        return obj

    def find(self, kind: str, **match: Any) -> list[dict[str, Any]]:
        with self.lock:
            return [
                o
                for o in self.objects.values()
                if o.get("object") == kind and all(o.get(k) == v for k, v in match.items())
            ]

    # ---- events
    def emit(
        self, type_: str, obj: dict[str, Any], previous: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Record an event carrying a snapshot of `obj`; listeners deliver it."""
        data: dict[str, Any] = {"object": copy.deepcopy(obj)}
        if previous:
            data["previous_attributes"] = previous
        event_id = self.new_id("evt")
        event: dict[str, Any] = {
            "id": event_id,
            "object": "event",
            "api_version": API_VERSION,
            "created": int(time.time()),
            "data": data,
            "livemode": False,
            "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None},
            "type": type_,
        }
        with self.lock:
            self.put(event)
            self.events.append(event_id)
            self.deliveries[event_id] = {"status": "pending", "attempts": 0, "last": None}
            while len(self.events) > MAX_EVENTS:
                old = self.events.pop(0)
                self.objects.pop(old, None)
                self.deliveries.pop(old, None)
            listeners = list(self.listeners)
        for listener in listeners:
            listener(event)
        return event

    # ---- factories in Stripe's shapes
    def subscription(
        self, customer: str, price: dict[str, Any], metadata: dict[str, Any]
    ) -> dict[str, Any]:
        now = int(time.time())
        sub_id = self.new_id("sub")
        end = add_interval(now, price["recurring"]["interval"])
        sub = {
            "id": sub_id,
            "object": "subscription",
            "billing_cycle_anchor": now,
            "cancel_at": None,
            "cancel_at_period_end": False,
            "canceled_at": None,
            "collection_method": "charge_automatically",
            "created": now,
            "currency": price["currency"],
            "customer": customer,
            "ended_at": None,
            "items": {
                "object": "list",
                "data": [
                    {
                        "id": self.new_id("si", 14),
                        "object": "subscription_item",
                        "created": now,
                        "current_period_start": now,
                        "current_period_end": end,
                        "metadata": {},
                        "price": copy.deepcopy(price),
                        "quantity": 1,
                        "subscription": sub_id,
                    }
                ],
                "has_more": False,
                "total_count": 1,
                "url": f"/v1/subscription_items?subscription={sub_id}",
            },
            "latest_invoice": None,
            "livemode": False,
            "metadata": dict(metadata),
            "start_date": now,
            "status": "active",
        }
        return self.put(sub)

    def invoice(self, sub: dict[str, Any], reason: str, paid: bool) -> dict[str, Any]:
        item = sub["items"]["data"][0]
        amount = item["price"]["unit_amount"] * item["quantity"]
        now = int(time.time())
        invoice = {
            "id": self.new_id("in"),
            "object": "invoice",
            "amount_due": amount,
            "amount_paid": amount if paid else 0,
            "amount_remaining": 0 if paid else amount,
            "attempt_count": 1,
            "attempted": True,
            "billing_reason": reason,
            "collection_method": "charge_automatically",
            "created": now,
            "currency": sub["currency"],
            "customer": sub["customer"],
            "hosted_invoice_url": None,
            "lines": {
                "object": "list",
                "data": [
                    {
                        "id": self.new_id("il", 14),
                        "object": "line_item",
                        "amount": amount,
                        "period": {
                            "start": item["current_period_start"],
                            "end": item["current_period_end"],
                        },
                        "pricing": {"price_details": {"price": item["price"]["id"]}},
                        "quantity": item["quantity"],
                    }
                ],
                "has_more": False,
            },
            "livemode": False,
            "next_payment_attempt": None if paid else now + 3 * 86400,
            "parent": {
                "type": "subscription_details",
                "quote_details": None,
                "subscription_details": {
                    "subscription": sub["id"],
                    "metadata": dict(sub.get("metadata") or {}),
                },
            },
            "period_start": item["current_period_start"],
            "period_end": item["current_period_end"],
            "status": "paid" if paid else "open",
            "status_transitions": {"paid_at": now if paid else None, "finalized_at": now},
            "total": amount,
        }
        sub["latest_invoice"] = invoice["id"]
        return self.put(invoice)
