"""The Stripe sandbox's hosted pages (checkout with Pay / Fail, customer portal) and its admin
API (/sandbox/stripe/_admin: advance a subscription, list and re-send events, hold delivery)."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any, Literal

from fastapi import APIRouter, Form
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel

from socialflow.sandbox.stripe_delivery import Deliverer
from socialflow.sandbox.stripe_ops import StripeOps
from socialflow.sandbox.stripe_state import StripeApiError, StripeState

STYLE = """body{font-family:system-ui,sans-serif;max-width:30rem;margin:3rem auto;padding:0 1rem}
button{font-size:1rem;padding:.6rem 1.2rem;margin:.3rem .5rem .3rem 0;border-radius:.4rem;
border:1px solid #888;cursor:pointer}.primary{background:#635bff;color:#fff;border-color:#635bff}
.error{color:#b91c1c}.muted{color:#666}table{border-collapse:collapse}
td{padding:.2rem .6rem .2rem 0}"""


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
        f'content="width=device-width, initial-scale=1"><title>{html.escape(title)}</title>'
        f"<style>{STYLE}</style></head><body>{body}</body></html>",
        status_code=status,
    )


def _money(cents: int, currency: str) -> str:
    return f"{cents / 100:,.2f} {currency.upper()}"


class AdvanceIn(BaseModel):
    subscription: str
    action: Literal[
        "renew", "fail_payment", "cancel_now", "retry_success", "retry_failure", "unpaid"
    ]


class DeliveryIn(BaseModel):
    enabled: bool


class StripePages:
    """The hosted checkout and portal pages' handlers, as methods over the emulator's state."""

    def __init__(self, state: StripeState, ops: StripeOps):
        self.state = state
        self.ops = ops

    def add_routes(self, r: APIRouter) -> None:
        r.add_api_route("/checkout/{session_id}", self.show_checkout, methods=["GET"])
        r.add_api_route(
            "/checkout/{session_id}/pay", self.pay, methods=["POST"], response_model=None
        )
        r.add_api_route("/checkout/{session_id}/fail", self.fail, methods=["POST"])
        r.add_api_route("/portal/{portal_id}", self.show_portal, methods=["GET"])
        for verb, endpoint in (
            ("cancel", self.portal_cancel),
            ("resume", self.portal_resume),
            ("switch", self.portal_switch),
        ):
            r.add_api_route(
                f"/portal/{{portal_id}}/{verb}", endpoint, methods=["POST"], response_model=None
            )

    def product_name(self, price: dict[str, Any]) -> str:
        product = self.state.objects.get(str(price.get("product")), {})
        return str(product.get("name") or price.get("lookup_key") or price["id"])

    # ---- hosted checkout
    def checkout_page(self, session_id: str, error: str | None = None) -> HTMLResponse:
        state = self.state
        try:
            session = state.get(session_id, "checkout.session")
        except StripeApiError:
            return _page("Checkout", "<h1>This checkout link is not valid.</h1>", 404)
        if session["status"] != "open":
            return _page("Checkout", f"<h1>This checkout is {session['status']}.</h1>", 410)
        price = state.get(state.private[session_id]["price"], "price")
        customer = state.objects.get(str(session.get("customer")), {})
        action = html.escape(f"{self.ops.public}/checkout/{session_id}")
        warning = f'<p class="error" role="alert">{html.escape(error)}</p>' if error else ""
        body = f"""<h1>Subscribe to {html.escape(self.product_name(price))}</h1>
<p class="muted">Stripe sandbox: no real card is charged.</p>
<table><tr><td>Price</td><td><strong>{_money(price["unit_amount"], price["currency"])}</strong>
 per {html.escape(price["recurring"]["interval"])}</td></tr>
<tr><td>Customer</td><td>{html.escape(str(customer.get("email") or ""))}</td></tr></table>
{warning}
<form method="post" action="{action}/pay"><button class="primary" type="submit">Pay</button>
</form><form method="post" action="{action}/fail">
<button type="submit">Pay with a card that is declined</button></form>
<p><a href="{html.escape(str(session.get("cancel_url") or "/"))}">Cancel and go back</a></p>"""
        return _page("Checkout (sandbox)", body, 402 if error else 200)

    def show_checkout(self, session_id: str) -> HTMLResponse:
        return self.checkout_page(session_id)

    def pay(self, session_id: str) -> Response:
        try:
            session = self.ops.pay_checkout(session_id)
        except StripeApiError as exc:
            return _page("Checkout", f"<h1>{html.escape(exc.body['error']['message'])}</h1>", 400)
        target = str(session["success_url"]).replace("{CHECKOUT_SESSION_ID}", session_id)
        return RedirectResponse(target, status_code=303)

    def fail(self, session_id: str) -> HTMLResponse:
        # Like Stripe Checkout: the decline is shown on the page; the session stays open.
        return self.checkout_page(session_id, "Your card was declined. Try another card.")

    # ---- customer portal
    def show_portal(self, portal_id: str, done: str | None = None) -> HTMLResponse:
        state = self.state
        try:
            portal = state.get(portal_id, "billing_portal.session")
        except StripeApiError:
            return _page("Billing", "<h1>This billing link is not valid.</h1>", 404)
        subs = [
            s
            for s in state.find("subscription", customer=portal["customer"])
            if s["status"] not in ("canceled", "incomplete_expired")
        ]
        action = html.escape(f"{self.ops.public}/portal/{portal_id}")
        parts = [
            "<h1>Manage your subscription</h1>",
            '<p class="muted">Stripe sandbox customer portal.</p>',
        ]
        if done:
            parts.append(f'<p role="status">{html.escape(done)}</p>')
        if not subs:
            parts.append("<p>You have no active subscription.</p>")
        for sub in subs:
            item = sub["items"]["data"][0]
            price = item["price"]
            sid = html.escape(sub["id"])
            ends = "Cancels" if sub["cancel_at_period_end"] else "Renews"
            parts.append(
                f"<h2>{html.escape(self.product_name(price))}</h2><p>Status: {sub['status']}. "
                f"{ends} at <time data-ts='{item['current_period_end']}'>"
                f"{item['current_period_end']}</time>.</p>"
            )
            verb, label = (
                ("resume", "Renew plan")
                if sub["cancel_at_period_end"]
                else ("cancel", "Cancel plan")
            )
            parts.append(
                f'<form method="post" action="{action}/{verb}"><input type="hidden" '
                f'name="subscription" value="{sid}"><button type="submit">{label}</button></form>'
            )
            others = [
                p
                for p in state.find("price", active=True)
                if p["id"] != price["id"]
                and p.get("recurring")
                and str(p.get("lookup_key") or "").startswith("socialflow_")
            ]
            for other in sorted(others, key=lambda p: p["unit_amount"]):
                parts.append(
                    f'<form method="post" action="{action}/switch"><input type="hidden" '
                    f'name="subscription" value="{sid}"><input type="hidden" name="price" '
                    f'value="{html.escape(other["id"])}"><button type="submit">Switch to '
                    f"{html.escape(self.product_name(other))} "
                    f"({_money(other['unit_amount'], other['currency'])}/"
                    f"{other['recurring']['interval']})</button></form>"
                )
        back = html.escape(str(portal.get("return_url") or "/"))
        parts.append(f'<p><a href="{back}">Return to Socialflow</a></p>')
        return _page("Billing (sandbox)", "".join(parts))

    def portal_action(
        self, portal_id: str, sub_id: str, params: dict[str, Any], note: str
    ) -> Response:
        portal = self.state.get(portal_id, "billing_portal.session")
        sub = self.state.get(sub_id, "subscription")
        if sub["customer"] != portal["customer"]:
            return _page("Billing", "<h1>Not your subscription.</h1>", 404)
        try:
            self.ops.update_subscription(sub_id, params)
        except StripeApiError as exc:
            return _page("Billing", f"<h1>{html.escape(exc.body['error']['message'])}</h1>", 400)
        return RedirectResponse(
            f"{self.ops.public}/portal/{portal_id}?done={note}", status_code=303
        )

    def portal_cancel(self, portal_id: str, subscription: str = Form()) -> Response:
        return self.portal_action(
            portal_id,
            subscription,
            {"cancel_at_period_end": "true"},
            "Your plan will be canceled at the end of the period.",
        )

    def portal_resume(self, portal_id: str, subscription: str = Form()) -> Response:
        return self.portal_action(
            portal_id, subscription, {"cancel_at_period_end": "false"}, "Your plan will renew."
        )

    def portal_switch(
        self, portal_id: str, subscription: str = Form(), price: str = Form()
    ) -> Response:
        return self.portal_action(
            portal_id, subscription, {"items": [{"price": price}]}, "Your plan was changed."
        )


class StripeAdmin:
    """`/_admin` of the Stripe emulator: a test clock of sorts, the event log, delivery."""

    def __init__(self, state: StripeState, ops: StripeOps, deliverer: Deliverer):
        self.state = state
        self.ops = ops
        self.deliverer = deliverer

    def add_routes(self, r: APIRouter) -> None:
        r.add_api_route("/_admin/advance", self.advance, methods=["POST"])
        r.add_api_route("/_admin/events", self.events, methods=["GET"])
        r.add_api_route("/_admin/delivery", self.delivery, methods=["POST"])
        r.add_api_route(
            "/_admin/events/{event_id}/redeliver",
            self.redeliver,
            methods=["POST"],
            status_code=202,
        )
        r.add_api_route("/_admin/reset", self.reset, methods=["POST"], status_code=204)

    def advance(self, body: AdvanceIn) -> JSONResponse:
        ops = self.ops
        actions: dict[str, Callable[[str], dict[str, Any]]] = {
            "renew": lambda s: ops.end_period(s, pay=True),
            "fail_payment": lambda s: ops.end_period(s, pay=False),
            "cancel_now": ops.cancel_now,
            "retry_success": lambda s: ops.retry_payment(s, pay=True),
            "retry_failure": lambda s: ops.retry_payment(s, pay=False),
            "unpaid": ops.mark_unpaid,
        }
        try:
            return JSONResponse(actions[body.action](body.subscription))
        except StripeApiError as exc:
            return JSONResponse(exc.body, exc.status)

    def events(self, type: str | None = None) -> dict[str, Any]:
        state = self.state
        with state.lock:
            listed = [
                {**state.objects[e], "delivery": dict(state.deliveries.get(e, {}))}
                for e in state.events
                if e in state.objects and (type is None or state.objects[e]["type"] == type)
            ]
        return {"data": listed, "pending": self.deliverer.pending()}

    def delivery(self, body: DeliveryIn) -> dict[str, bool]:
        if body.enabled:
            self.deliverer.enabled = True
        else:
            self.deliverer.hold()
        return {"enabled": self.deliverer.enabled}

    def redeliver(self, event_id: str) -> dict[str, str]:
        event = self.state.get(event_id, "event")
        with self.state.lock:
            self.state.deliveries[event_id] = {"status": "pending", "attempts": 0, "last": None}
        self.deliverer.submit(event)
        return {"id": event_id}

    def reset(self) -> None:
        self.state.reset()


def router(state: StripeState, ops: StripeOps, deliverer: Deliverer) -> APIRouter:
    """The hosted pages and the admin API, on one router without an OpenAPI entry."""
    r = APIRouter(include_in_schema=False)
    StripePages(state, ops).add_routes(r)
    StripeAdmin(state, ops, deliverer).add_routes(r)
    return r
