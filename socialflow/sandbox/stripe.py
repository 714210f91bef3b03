"""Stripe sandbox: the subset of Stripe's REST API that Socialflow's billing calls, at
/sandbox/stripe/v1/..., spoken like Stripe (form-encoded requests, bearer secret key,
Idempotency-Key replay, `{"error": {...}}` bodies), plus hosted checkout and portal pages and
an admin API to move subscriptions through renewal, payment failure and cancellation.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from socialflow.core.config import Settings
from socialflow.sandbox import stripe_pages
from socialflow.sandbox.core import SandboxStore
from socialflow.sandbox.stripe_delivery import Deliverer
from socialflow.sandbox.stripe_ops import StripeOps
from socialflow.sandbox.stripe_state import StripeApiError, StripeState

Handler = Callable[[dict[str, Any], str], dict[str, Any]]
_KEY = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")


def decode_form(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Stripe's nested form encoding (`line_items[0][price]=x`) back into dicts and lists."""
    root: dict[str, Any] = {}
    for raw_key, value in pairs:
        match = _KEY.match(raw_key)
        if not match:
            raise StripeApiError(400, f"Invalid parameter name: {raw_key}", param=raw_key)
        parts = [match.group(1), *re.findall(r"\[([^\[\]]*)\]", match.group(2))]
        node: dict[str, Any] = root
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            key = part if part != "" else str(len(node))  # `a[]` appends
            if last:
                node[key] = value
            else:
                node = node.setdefault(key, {})
    listed: dict[str, Any] = _lists(root)
    return listed


def _lists(node: Any) -> Any:
    if isinstance(node, dict):
        converted = {k: _lists(v) for k, v in node.items()}
        if converted and all(k.isdigit() for k in converted):
            return [converted[k] for k in sorted(converted, key=int)]
        return converted
    return node


def _fingerprint(method: str, path: str, params: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps([method, path, params], sort_keys=True).encode()).hexdigest()


class StripeEmulator:
    """The Stripe emulator's handlers, as methods over its state, operations and deliverer."""

    def __init__(self, store: SandboxStore, settings: Settings):
        self.store = store
        self.api_key, webhook_secret = settings.stripe_sandbox_keys()
        self.state = StripeState(settings.data_dir / "sandbox" / "stripe.json")
        public = f"{settings.sandbox_base}/stripe"  # where browsers open checkout and portal
        self.deliverer = Deliverer(
            self.state,
            url=settings.base_url + "/api/webhooks/stripe",
            # With real Stripe configured, never sign with its secret: the app must refuse
            # anything this emulator sends.
            secret=(
                webhook_secret
                if settings.stripe_secret_key
                else settings.stripe_webhook_secret or webhook_secret
            ),
            timeout=settings.platform_timeout_seconds,
        )
        self.state.listeners.append(self.deliverer.submit)
        self.ops = StripeOps(self.state, public)
        self.api = APIRouter(tags=["sandbox: stripe"])
        routes: list[tuple[str, str, Callable[..., Awaitable[JSONResponse]]]] = [
            ("POST", "/v1/customers", self.create_customer),
            ("GET", "/v1/customers/{customer_id}", self.get_customer),
            ("POST", "/v1/prices", self.create_price),
            ("GET", "/v1/prices", self.list_prices),
            ("GET", "/v1/prices/{price_id}", self.get_price),
            ("POST", "/v1/checkout/sessions", self.create_checkout),
            ("GET", "/v1/checkout/sessions/{session_id}", self.get_checkout),
            ("POST", "/v1/billing_portal/sessions", self.create_portal),
            ("GET", "/v1/subscriptions/{sub_id}", self.get_subscription),
            ("POST", "/v1/subscriptions/{sub_id}", self.update_subscription),
            ("DELETE", "/v1/subscriptions/{sub_id}", self.cancel_subscription),
            ("GET", "/v1/subscriptions", self.list_subscriptions),
            ("GET", "/v1/invoices/{invoice_id}", self.get_invoice),
            ("GET", "/v1/events/{event_id}", self.get_event),
        ]
        for method, path, endpoint in routes:
            self.api.add_api_route(path, endpoint, methods=[method], response_model=None)
        self.api.include_router(stripe_pages.router(self.state, self.ops, self.deliverer))

    def authorize(self, request: Request) -> None:
        header = request.headers.get("authorization", "")
        given = header.removeprefix("Bearer ").strip()
        if not given:
            raise StripeApiError(
                401,
                "You did not provide an API key. Provide it in the Authorization header "
                "(Authorization: Bearer YOUR_SECRET_KEY).",
            )
        if given != self.api_key:
            raise StripeApiError(401, f"Invalid API Key provided: {given[:8]}****{given[-4:]}")

    async def call(self, request: Request, handler: Handler) -> JSONResponse:
        """Auth, faults, parameters, idempotent replay, errors in Stripe's shape."""
        state = self.state
        rid = "req_" + hashlib.sha256(f"{time.time_ns()}".encode()).hexdigest()[:14]
        headers = {"Request-Id": rid, "Stripe-Version": request.headers.get("stripe-version", "")}
        try:
            self.authorize(request)
            fault = self.store.take_fault(
                "stripe", request.url.path, {"server_error", "rate_limit"}
            )
            if fault and fault.kind == "rate_limit":
                raise StripeApiError(
                    429, "Too many requests.", type_="invalid_request_error", code="rate_limit"
                )
            if fault:
                raise StripeApiError(500, "An unknown error occurred.", type_="api_error")
            if request.method == "POST":
                pairs = parse_qsl((await request.body()).decode(), keep_blank_values=True)
            else:
                pairs = list(request.query_params.multi_items())
            params = decode_form(pairs)
            key = request.headers.get("idempotency-key")
            if key and request.method == "POST":
                fp = _fingerprint(request.method, request.url.path, params)
                with state.lock:
                    seen = state.idempotency.get(key)
                if seen is not None:
                    if seen["fingerprint"] != fp:
                        raise StripeApiError(
                            400,
                            "Keys for idempotent requests can only be used with the same "
                            "parameters they were first used with. Try using a key other "
                            "than '" + key + "' if you meant to execute a different request.",
                            type_="idempotency_error",
                        )
                    headers["Idempotent-Replayed"] = "true"
                    return JSONResponse(seen["body"], seen["status"], headers=headers)
            try:
                body, status = handler(params, request.url.path), 200
            except StripeApiError as exc:
                if not key or request.method != "POST" or exc.status >= 500:
                    raise
                body, status = exc.body, exc.status
            if key and request.method == "POST":
                with state.lock:
                    state.idempotency[key] = {"fingerprint": fp, "status": status, "body": body}
            state.save()
            return JSONResponse(body, status, headers=headers)
        except StripeApiError as exc:
            return JSONResponse(exc.body, exc.status, headers=headers)

    # ---- customers
    async def create_customer(self, request: Request) -> JSONResponse:
        return await self.call(request, lambda p, _: self.ops.create_customer(p))

    async def get_customer(self, request: Request, customer_id: str) -> JSONResponse:
        return await self.call(request, lambda p, _: self.state.get(customer_id, "customer"))

    # ---- prices
    async def create_price(self, request: Request) -> JSONResponse:
        return await self.call(request, lambda p, _: self.ops.create_price(p))

    async def list_prices(self, request: Request) -> JSONResponse:
        return await self.call(request, self.ops.list_prices)

    async def get_price(self, request: Request, price_id: str) -> JSONResponse:
        return await self.call(request, lambda p, _: self.state.get(price_id, "price"))

    # ---- checkout sessions
    async def create_checkout(self, request: Request) -> JSONResponse:
        return await self.call(request, lambda p, _: self.ops.create_checkout(p))

    async def get_checkout(self, request: Request, session_id: str) -> JSONResponse:
        return await self.call(request, lambda p, _: self.state.get(session_id, "checkout.session"))

    # ---- billing portal
    async def create_portal(self, request: Request) -> JSONResponse:
        return await self.call(request, lambda p, _: self.ops.create_portal(p))

    # ---- subscriptions
    async def get_subscription(self, request: Request, sub_id: str) -> JSONResponse:
        return await self.call(request, lambda p, _: self.state.get(sub_id, "subscription"))

    async def update_subscription(self, request: Request, sub_id: str) -> JSONResponse:
        return await self.call(request, lambda p, _: self.ops.update_subscription(sub_id, p))

    async def cancel_subscription(self, request: Request, sub_id: str) -> JSONResponse:
        return await self.call(request, lambda p, _: self.ops.cancel_now(sub_id))

    async def list_subscriptions(self, request: Request) -> JSONResponse:
        return await self.call(request, self.ops.list_subscriptions)

    # ---- invoices and events
    async def get_invoice(self, request: Request, invoice_id: str) -> JSONResponse:
        return await self.call(request, lambda p, _: self.state.get(invoice_id, "invoice"))

    async def get_event(self, request: Request, event_id: str) -> JSONResponse:
        return await self.call(request, lambda p, _: self.state.get(event_id, "event"))


def router(store: SandboxStore, settings: Settings) -> APIRouter:
    """The Stripe emulator; mounted at /sandbox/stripe (or /stripe of `socialflow sandbox`)."""
    return StripeEmulator(store, settings).api
