"""Signed webhook delivery from the Stripe sandbox, as Stripe does it: POST the event with a
`Stripe-Signature: t=...,v1=...` header, retry with backoff on anything but 2xx.

Delivery runs in a background thread that exists only while events are due, so the request
that caused an event (a Pay click) returns first and the app, serving both the sandbox and the
webhook endpoint in one process, never waits on itself.
"""

from __future__ import annotations

import heapq
import hmac
import json
import logging
import threading
import time
from hashlib import sha256
from typing import Any

import httpx

from socialflow.sandbox.stripe_state import StripeState

log = logging.getLogger("socialflow.sandbox.stripe")

RETRY_DELAYS = (0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0)  # then given up (Stripe: ~3 days)


def sign(payload: str, secret: str, timestamp: int | None = None) -> str:
    """The Stripe-Signature header value for `payload` (HMAC-SHA256 of "t.payload")."""
    ts = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{ts}.{payload}".encode(), sha256).hexdigest()
    return f"t={ts},v1={mac}"


class Deliverer:
    """Delivers the state's events to one endpoint; a worker thread runs while work is due."""

    def __init__(self, state: StripeState, url: str, secret: str, timeout: float = 20.0):
        self.state = state
        self.url = url
        self.secret = secret
        self.timeout = timeout
        self.enabled = True  # off: events are recorded but held (tests deliver them by hand)
        self._heap: list[tuple[float, int, str]] = []
        self._seq = 0
        self._cond = threading.Condition()
        self._worker: threading.Thread | None = None

    def submit(self, event: dict[str, Any]) -> None:
        if self.enabled:
            self._schedule(event["id"], 0.0)
        else:
            with self.state.lock:
                self.state.deliveries[event["id"]]["status"] = "held"

    def hold(self) -> None:
        """Stop delivering: queued and retrying events are marked held and dropped."""
        self.enabled = False
        with self._cond:
            dropped, self._heap = self._heap, []
        with self.state.lock:
            for _, _, event_id in dropped:
                if event_id in self.state.deliveries:
                    self.state.deliveries[event_id]["status"] = "held"

    def _schedule(self, event_id: str, delay: float) -> None:
        with self._cond:
            self._seq += 1
            heapq.heappush(self._heap, (time.monotonic() + delay, self._seq, event_id))
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(
                    target=self._run, name="stripe-sandbox-webhooks", daemon=True
                )
                self._worker.start()
            self._cond.notify()

    def pending(self) -> int:
        with self._cond:
            return len(self._heap)

    def _run(self) -> None:
        with httpx.Client(timeout=self.timeout) as http:
            while True:
                with self._cond:
                    if not self._heap:
                        self._worker = None
                        return  # exit when idle; the next event starts a new worker
                    due, _, event_id = self._heap[0]
                    wait = due - time.monotonic()
                    if wait > 0:
                        self._cond.wait(wait)
                        continue
                    heapq.heappop(self._heap)
                self._attempt(http, event_id)

    def _attempt(self, http: httpx.Client, event_id: str) -> None:
        with self.state.lock:
            event = self.state.objects.get(event_id)
            record = self.state.deliveries.get(event_id)
        if event is None or record is None:
            return
        payload = json.dumps(event, indent=2)  # Stripe sends pretty-printed JSON
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "Stripe-Signature": sign(payload, self.secret),
            "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        }
        try:
            status: int | str = http.post(self.url, content=payload, headers=headers).status_code
        except httpx.HTTPError as exc:
            status = type(exc).__name__
        with self.state.lock:
            record["attempts"] += 1
            record["last"] = status
            ok = isinstance(status, int) and 200 <= status < 300
            attempt = record["attempts"]
            if ok:
                record["status"] = "delivered"
            elif attempt > len(RETRY_DELAYS):
                record["status"] = "failed"
            self.state.save()
        if not ok and attempt <= len(RETRY_DELAYS):
            log.info("webhook %s got %s; retry %d", event_id, status, attempt)
            self._schedule(event_id, RETRY_DELAYS[attempt - 1])
