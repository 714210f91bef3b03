"""Upgrading through Stripe Checkout with the real SDK against the sandbox over HTTP."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from socialflow.app import create_app
from socialflow.billing import entitlements
from socialflow.core.config import Settings
from socialflow.core.context import AppContext
from socialflow.core.db import Database
from socialflow.models import StripeWebhookLog, Subscription, SubscriptionPlan
from tests.billing.conftest import Live
from tests.fixtures.jobs import ManualRunner


def test_plans_are_public_with_prices_limits_and_features(client: TestClient) -> None:
    r = client.get("/api/billing/plans")
    assert r.status_code == 200
    plans = {p["slug"]: p for p in r.json()["plans"]}
    assert list(plans) == ["free", "starter", "pro", "business"]
    assert plans["pro"]["price_monthly"] == 7900
    assert plans["pro"]["price_yearly"] == 79000
    assert plans["pro"]["posts_per_month"] == -1
    assert plans["starter"]["connected_accounts_limit"] == 3
    assert "ai_optimization" in plans["starter"]["features"]
    assert "ai_optimization" not in plans["free"]["features"]


def test_checkout_pay_webhooks_activate_the_plan_and_raise_limits(live: Live) -> None:
    who = live.user()
    before = live.status(who)
    assert (before["tier"], before["status"]) == ("free", "inactive")
    assert before["usage"]["posts_per_month"] == 10

    url = live.checkout_url(who, "pro")
    assert url.startswith(f"{live.base_url}/sandbox/stripe/checkout/cs_test_")
    page = live.http.get(url)
    assert page.status_code == 200
    assert "Socialflow Pro" in page.text and "79.00 USD" in page.text

    paid = live.press(url, "Pay")
    assert paid.status_code == 303
    target = urlsplit(paid.headers["location"])
    session_id = url.rsplit("/", 1)[1]
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{live.base_url}/billing"
    assert parse_qs(target.query) == {"checkout": ["success"], "session_id": [session_id]}
    live.settle()

    after = live.status(who)
    assert (after["tier"], after["status"], after["interval"]) == ("pro", "active", "month")
    assert after["current_period_end"] is not None
    assert after["usage"]["posts_per_month"] == -1
    assert after["usage"]["connected_accounts_limit"] == 10
    assert "analytics" in after["features"]
    with live.ctx.db.session() as session:
        ws, ent = entitlements.load(session, who["id"])  # the personal workspace
        assert ent.plan_slug == "pro" and ent.analytics_level == "basic"
        assert ws.subscription_end_date is not None
        row = session.scalar(select(Subscription).where(Subscription.workspace_id == who["id"]))
        assert row is not None and row.stripe_subscription_id.startswith("sub_")
        assert row.stripe_customer_id == ws.stripe_customer_id
        events = session.scalars(select(StripeWebhookLog.event_type)).all()
        assert sorted(events) == [
            "checkout.session.completed",
            "customer.subscription.created",
            "invoice.paid",
        ]
        assert (
            session.scalar(select(func.count()).where(StripeWebhookLog.processed.is_(False))) == 0
        )
    session_obj = live.stripe.v1.checkout.sessions.retrieve(session_id)
    assert session_obj.client_reference_id == str(who["id"])
    assert session_obj.metadata["plan"] == "pro"

    again = live.http.post(
        "/api/billing/checkout", json={"plan": "business"}, headers=who["headers"]
    )
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "subscription_exists"


def test_one_stripe_customer_per_user_and_prices_remembered(live: Live) -> None:
    who = live.user()
    first = live.checkout_url(who, "starter", "year").rsplit("/", 1)[1]
    second = live.checkout_url(who, "starter", "year").rsplit("/", 1)[1]
    a = live.stripe.v1.checkout.sessions.retrieve(first)
    b = live.stripe.v1.checkout.sessions.retrieve(second)
    assert a.id != b.id
    assert a.customer == b.customer == live.row(who).stripe_customer_id
    assert a.amount_total == 29000  # yearly price
    with live.ctx.db.session() as session:
        plan = session.scalar(select(SubscriptionPlan).where(SubscriptionPlan.slug == "starter"))
        assert plan is not None and plan.stripe_price_id_yearly
        price = live.stripe.v1.prices.retrieve(plan.stripe_price_id_yearly)
    assert price.lookup_key == "socialflow_starter_year"
    assert price.recurring.interval == "year"
    found = live.stripe.v1.prices.list(params={"lookup_keys": ["socialflow_starter_year"]})
    assert [p.id for p in found.data] == [price.id]  # looked up, not created twice


def test_yearly_checkout_gives_a_yearly_subscription(live: Live) -> None:
    who = live.user()
    live.subscribe(who, "business", "year")
    status = live.status(who)
    assert (status["tier"], status["interval"]) == ("business", "year")
    assert status["usage"]["connected_accounts_limit"] == 25
    assert "advanced_analytics" in status["features"]


def test_declined_card_leaves_the_user_on_free(live: Live) -> None:
    who = live.user()
    url = live.checkout_url(who, "pro")
    declined = live.press(url, "declined")
    assert declined.status_code == 402
    assert "Your card was declined" in declined.text
    live.settle()
    assert live.events() == []
    assert live.status(who)["tier"] == "free"
    # The session stays open: paying after the decline works.
    assert live.press(url, "Pay").status_code == 303
    live.settle()
    assert live.status(who)["tier"] == "pro"


def test_bad_checkout_input_names_the_field(live: Live) -> None:
    who = live.user()
    for body, field in (
        ({"plan": "free"}, "plan"),
        ({"plan": "platinum"}, "plan"),
        ({"plan": "pro", "interval": "week"}, "interval"),
        ({}, "plan"),
    ):
        r = live.http.post("/api/billing/checkout", json=body, headers=who["headers"])
        assert r.status_code == 422, r.text
        assert r.json()["error"]["details"][0]["field"] == field
    assert live.http.post("/api/billing/checkout", json={"plan": "pro"}).status_code == 401
    assert live.row(who).stripe_customer_id is None  # nothing created for bad input


def test_portal_needs_a_billing_account(live: Live) -> None:
    who = live.user()
    r = live.http.post("/api/billing/portal", headers=who["headers"])
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "no_billing_account"


def test_without_stripe_key_or_sandbox_billing_says_so(settings: Settings, db: Database) -> None:
    ctx = AppContext.build(settings.model_copy(update={"sandbox": False}), db)
    ctx.extras["runner"] = ManualRunner(ctx)
    with TestClient(create_app(ctx=ctx, start_jobs=False)) as off:
        r = off.post(
            "/api/auth/register",
            json={
                "email": "off@example.com",
                "password": "correct horse battery",
                "full_name": "Off",
            },
        )
        headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
        r = off.post("/api/billing/checkout", json={"plan": "pro"}, headers=headers)
        assert r.status_code == 503
        assert r.json()["error"]["code"] == "billing_unavailable"
        assert "STRIPE_SECRET_KEY" in r.json()["error"]["message"]
        assert off.post("/api/webhooks/stripe", content=b"{}").status_code == 503
        assert off.get("/api/billing/plans").status_code == 200  # the plans still show
        assert off.get("/api/billing/subscription", headers=headers).json()["tier"] == "free"
