"""What the Stripe sandbox does: create customers, prices, sessions; pay; renew; fail; cancel.

Each change that Stripe announces by webhook emits the same event types here, carrying a
snapshot of the object and, for updates, `previous_attributes`.
"""

from __future__ import annotations

import copy
import time
from typing import Any

from socialflow.sandbox.stripe_state import TERMINAL, StripeApiError, StripeState, add_interval

INTERVALS = {"day", "week", "month", "year"}


def _int(params: dict[str, Any], name: str, default: int | None = None) -> int:
    value = params.get(name, default)
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise StripeApiError(400, f"Invalid integer: {value}", param=name) from None


def _bool(value: Any) -> bool:
    return str(value).lower() in ("true", "1")


def _required(params: dict[str, Any], name: str) -> Any:
    if params.get(name) in (None, ""):
        raise StripeApiError(
            400, f"Missing required param: {name}.", code="parameter_missing", param=name
        )
    return params[name]


def _page(items: list[dict[str, Any]], params: dict[str, Any], url: str) -> dict[str, Any]:
    limit = max(1, min(100, _int(params, "limit", 10)))
    items = sorted(items, key=lambda o: o.get("created", 0), reverse=True)
    return {"object": "list", "data": items[:limit], "has_more": len(items) > limit, "url": url}


class StripeOps:
    def __init__(self, state: StripeState, public_base: str):
        self.state = state
        self.public = public_base  # {PUBLIC_URL}/sandbox/stripe: where the hosted pages live

    # ---- customers and prices
    def create_customer(self, params: dict[str, Any]) -> dict[str, Any]:
        return self.state.put(
            {
                "id": self.state.new_id("cus", 14),
                "object": "customer",
                "created": int(time.time()),
                "email": params.get("email"),
                "name": params.get("name"),
                "metadata": params.get("metadata") or {},
                "livemode": False,
                "invoice_settings": {"default_payment_method": None},
            }
        )

    def create_price(self, params: dict[str, Any]) -> dict[str, Any]:
        currency = str(_required(params, "currency")).lower()
        amount = _int(params, "unit_amount")
        if amount < 0:
            raise StripeApiError(
                400, "This value must be greater than or equal to 0.", param="unit_amount"
            )
        recurring = params.get("recurring") or {}
        interval = recurring.get("interval") if isinstance(recurring, dict) else None
        if recurring and interval not in INTERVALS:
            raise StripeApiError(
                400, f"Invalid recurring[interval]: {interval}", param="recurring[interval]"
            )
        product = params.get("product")
        if not product:
            data = params.get("product_data") or {}
            name = _required(data, "name") if isinstance(data, dict) else None
            product = self.state.put(
                {
                    "id": self.state.new_id("prod", 14),
                    "object": "product",
                    "active": True,
                    "created": int(time.time()),
                    "name": name,
                    "livemode": False,
                }
            )["id"]
        lookup = params.get("lookup_key")
        with self.state.lock:
            holders = self.state.find("price", lookup_key=lookup) if lookup else []
            if holders and not _bool(params.get("transfer_lookup_key")):
                raise StripeApiError(
                    400,
                    f"A price (`{holders[0]['id']}`) already uses that lookup key.",
                    param="lookup_key",
                )
            for holder in holders:
                holder["lookup_key"] = None
            price = {
                "id": self.state.new_id("price", 24),
                "object": "price",
                "active": True,
                "billing_scheme": "per_unit",
                "created": int(time.time()),
                "currency": currency,
                "livemode": False,
                "lookup_key": lookup,
                "metadata": params.get("metadata") or {},
                "nickname": params.get("nickname"),
                "product": product,
                "recurring": {
                    "interval": interval,
                    "interval_count": 1,
                    "usage_type": "licensed",
                }
                if interval
                else None,
                "type": "recurring" if interval else "one_time",
                "unit_amount": amount,
                "unit_amount_decimal": str(amount),
            }
            return self.state.put(price)

    def list_prices(self, params: dict[str, Any], url: str) -> dict[str, Any]:
        keys = params.get("lookup_keys")
        prices = self.state.find("price")
        if keys is not None:
            wanted = set(keys if isinstance(keys, list) else [keys])
            prices = [p for p in prices if p.get("lookup_key") in wanted]
        if "active" in params:
            prices = [p for p in prices if p["active"] == _bool(params["active"])]
        return _page(prices, params, url)

    # ---- checkout and portal
    def create_checkout(self, params: dict[str, Any]) -> dict[str, Any]:
        mode = _required(params, "mode")
        if mode != "subscription":
            raise StripeApiError(400, "This sandbox supports mode=subscription only.", param="mode")
        success_url = _required(params, "success_url")
        customer = params.get("customer")
        if customer:
            self.state.get(customer, "customer", param="customer")
        items = params.get("line_items")
        if not isinstance(items, list) or not items:
            raise StripeApiError(
                400,
                "Missing required param: line_items.",
                code="parameter_missing",
                param="line_items",
            )
        price_id = items[0].get("price") if isinstance(items[0], dict) else None
        price = self.state.get(str(price_id), "price", param="line_items[0][price]")
        if not price["active"]:
            raise StripeApiError(
                400, f"The price `{price_id}` is not active.", param="line_items[0][price]"
            )
        now = int(time.time())
        session_id = self.state.new_id("cs_test", 58)
        session = {
            "id": session_id,
            "object": "checkout.session",
            "amount_total": price["unit_amount"],
            "cancel_url": params.get("cancel_url"),
            "client_reference_id": params.get("client_reference_id"),
            "created": now,
            "currency": price["currency"],
            "customer": customer,
            "customer_email": params.get("customer_email"),
            "expires_at": now + 86400,
            "livemode": False,
            "metadata": params.get("metadata") or {},
            "mode": mode,
            "payment_status": "unpaid",
            "status": "open",
            "subscription": None,
            "success_url": success_url,
            "url": f"{self.public}/checkout/{session_id}",
        }
        sub_data = params.get("subscription_data") or {}
        self.state.private[session_id] = {
            "price": price["id"],
            "subscription_metadata": sub_data.get("metadata") or {},
        }
        return self.state.put(session)

    def create_portal(self, params: dict[str, Any]) -> dict[str, Any]:
        customer = _required(params, "customer")
        self.state.get(customer, "customer", param="customer")
        portal_id = self.state.new_id("bps", 24)
        return self.state.put(
            {
                "id": portal_id,
                "object": "billing_portal.session",
                "created": int(time.time()),
                "customer": customer,
                "livemode": False,
                "return_url": params.get("return_url"),
                "url": f"{self.public}/portal/{portal_id}",
            }
        )

    def pay_checkout(self, session_id: str) -> dict[str, Any]:
        """The customer paid on the hosted page: subscription, paid invoice, three events."""
        with self.state.lock:
            session = self.state.get(session_id, "checkout.session")
            if session["status"] != "open":
                raise StripeApiError(400, f"This Checkout Session is {session['status']}.")
            extra = self.state.private.get(session_id, {})
            price = self.state.get(extra["price"], "price")
            customer = (
                session["customer"]
                or self.create_customer({"email": session.get("customer_email")})["id"]
            )
            sub = self.state.subscription(customer, price, extra.get("subscription_metadata", {}))
            invoice = self.state.invoice(sub, "subscription_create", paid=True)
            session.update(
                customer=customer, status="complete", payment_status="paid", subscription=sub["id"]
            )
            self.state.emit("customer.subscription.created", sub)
            self.state.emit("invoice.paid", invoice)
            self.state.emit("checkout.session.completed", session)
            self.state.save()
            return session

    # ---- subscriptions
    def _live_sub(self, sub_id: str) -> dict[str, Any]:
        sub = self.state.get(sub_id, "subscription")
        if sub["status"] in TERMINAL:
            raise StripeApiError(
                400,
                "A canceled subscription can only update its cancellation_details and metadata.",
                param="id",
            )
        return sub

    def update_subscription(self, sub_id: str, params: dict[str, Any]) -> dict[str, Any]:
        with self.state.lock:
            sub = self._live_sub(sub_id)
            before = copy.deepcopy(sub)
            if "cancel_at_period_end" in params:
                flag = _bool(params["cancel_at_period_end"])
                sub["cancel_at_period_end"] = flag
                item = sub["items"]["data"][0]
                sub["cancel_at"] = item["current_period_end"] if flag else None
                sub["canceled_at"] = int(time.time()) if flag else None
            items = params.get("items")
            if isinstance(items, list) and items and items[0].get("price"):
                price = self.state.get(items[0]["price"], "price", param="items[0][price]")
                sub["items"]["data"][0]["price"] = copy.deepcopy(price)
            if isinstance(params.get("metadata"), dict):
                sub["metadata"] = {**sub["metadata"], **params["metadata"]}
            self._changed(sub, before)
            return sub

    def _changed(self, sub: dict[str, Any], before: dict[str, Any]) -> None:
        previous = {k: before[k] for k in sub if k != "items" and before.get(k) != sub[k]}
        if before["items"] != sub["items"]:
            previous["items"] = before["items"]
        if previous:
            self.state.emit("customer.subscription.updated", sub, previous)
        self.state.save()

    def cancel_now(self, sub_id: str) -> dict[str, Any]:
        with self.state.lock:
            sub = self.state.get(sub_id, "subscription")
            if sub["status"] in TERMINAL:
                return sub
            now = int(time.time())
            sub.update(status="canceled", ended_at=now, canceled_at=sub["canceled_at"] or now)
            self.state.emit("customer.subscription.deleted", sub)
            self.state.save()
            return sub

    def list_subscriptions(self, params: dict[str, Any], url: str) -> dict[str, Any]:
        subs = self.state.find("subscription")
        if params.get("customer"):
            subs = [s for s in subs if s["customer"] == params["customer"]]
        status = params.get("status")
        if status and status != "all":
            subs = [s for s in subs if s["status"] == status]
        elif not status:
            subs = [s for s in subs if s["status"] != "canceled"]  # Stripe's default
        return _page(subs, params, url)

    def end_period(self, sub_id: str, pay: bool) -> dict[str, Any]:
        """Time reaches the period end: cancel (if asked), or start the next period and charge
        for it; the charge succeeds (`pay`) or fails and the subscription goes past_due."""
        with self.state.lock:
            sub = self._live_sub(sub_id)
            if sub["cancel_at_period_end"]:
                return self.cancel_now(sub_id)
            before = copy.deepcopy(sub)
            item = sub["items"]["data"][0]
            now = int(time.time())
            # The sandbox keeps real time: the old period is taken to have ended just now.
            item["current_period_start"] = now
            item["current_period_end"] = add_interval(now, item["price"]["recurring"]["interval"])
            sub["status"] = "active" if pay else "past_due"
            invoice = self.state.invoice(sub, "subscription_cycle", paid=pay)
            self.state.emit("invoice.paid" if pay else "invoice.payment_failed", invoice)
            self._changed(sub, before)
            return sub

    def retry_payment(self, sub_id: str, pay: bool) -> dict[str, Any]:
        """Smart retry of the open invoice of a past_due subscription."""
        with self.state.lock:
            sub = self._live_sub(sub_id)
            invoice = self.state.get(str(sub["latest_invoice"]), "invoice")
            if invoice["status"] != "open":
                raise StripeApiError(400, "The latest invoice is not open.")
            before = copy.deepcopy(sub)
            invoice["attempt_count"] += 1
            if pay:
                invoice.update(
                    status="paid",
                    amount_paid=invoice["amount_due"],
                    amount_remaining=0,
                    next_payment_attempt=None,
                )
                invoice["status_transitions"]["paid_at"] = int(time.time())
                sub["status"] = "active"
            self.state.emit("invoice.paid" if pay else "invoice.payment_failed", invoice)
            self._changed(sub, before)
            return sub

    def mark_unpaid(self, sub_id: str) -> dict[str, Any]:
        """Stripe ran out of retries and the account's setting keeps it as `unpaid`."""
        with self.state.lock:
            sub = self._live_sub(sub_id)
            before = copy.deepcopy(sub)
            sub["status"] = "unpaid"
            self._changed(sub, before)
            return sub
