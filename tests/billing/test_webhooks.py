"""The webhook endpoint: signatures, once-only storage, any order, failures kept and retried."""

from __future__ import annotations

import random
import threading
import time
from typing import Any

import httpx
from sqlalchemy import func, select

from socialflow.models import (
    Notification,
    StripeWebhookLog,
    Subscription,
    SubscriptionPlan,
    UsageLog,
    Workspace,
)
from tests.billing.conftest import Live


def _snapshot(live: Live, who: dict[str, Any]) -> tuple[Any, ...]:
    """Everything a webhook may change for this user's personal workspace."""
    with live.ctx.db.session() as session:
        ws = session.get(Workspace, who["id"])
        assert ws is not None
        sub = session.scalar(select(Subscription).where(Subscription.workspace_id == who["id"]))
        return (
            ws.subscription_tier,
            ws.subscription_status,
            ws.subscription_end_date,
            ws.stripe_customer_id,
            sub and (sub.status, sub.plan_slug, sub.cancel_at_period_end, sub.grace_until),
            session.scalar(select(func.count()).select_from(StripeWebhookLog)),
            session.scalar(select(func.count()).select_from(UsageLog)),
        )


def _captured(live: Live, who: dict[str, Any]) -> tuple[list[dict[str, Any]], str]:
    """Pay, fail a renewal, pay the retry, cancel at period end: the events, undelivered."""
    live.hold_deliveries()
    url = live.checkout_url(who, "pro")
    assert live.press(url, "Pay").status_code == 303
    sub_id = str(live.stripe.v1.checkout.sessions.retrieve(url.rsplit("/", 1)[1]).subscription)
    live.advance(sub_id, "fail_payment")
    live.advance(sub_id, "retry_success")
    live.stripe.v1.subscriptions.update(
        sub_id, params={"cancel_at_period_end": True}, options={"idempotency_key": "cancel-1"}
    )
    events = live.events()
    assert {e["delivery"]["status"] for e in events} == {"held"}
    return events, sub_id


def test_each_event_three_times_shuffled_has_one_effect(live: Live) -> None:
    who = live.user()
    events, _ = _captured(live, who)
    assert len(events) == 8
    deliveries = events * 3
    random.Random(7).shuffle(deliveries)
    for event in deliveries:
        r = live.deliver(event)
        assert r.status_code == 200, r.text
    status = live.status(who)
    # The final state at Stripe, whatever the order: active again, cancelling at period end.
    assert (status["tier"], status["status"], status["cancel_at_period_end"]) == (
        "pro",
        "active",
        True,
    )
    assert status["grace_until"] is None
    with live.ctx.db.session() as session:
        rows = session.scalars(select(StripeWebhookLog)).all()
        assert sorted(r.stripe_event_id for r in rows) == sorted(e["id"] for e in events)
        assert all(r.processed and r.attempts == 1 for r in rows)
        changes = session.scalar(
            select(func.count()).select_from(UsageLog).where(UsageLog.workspace_id == who["id"])
        )
    again = _snapshot(live, who)
    for event in events:  # a fourth round changes nothing at all
        assert live.deliver(event).json()["duplicate"] is True
    assert _snapshot(live, who) == again
    # Each handler re-reads the subscription from Stripe, so the first one already saw the
    # final state: one change recorded, not one per event or per delivery.
    assert changes == 1


def test_concurrent_duplicate_deliveries_store_one_row(live: Live) -> None:
    who = live.user()
    events, _ = _captured(live, who)
    created = next(e for e in events if e["type"] == "customer.subscription.created")
    answers: list[int] = []

    def post() -> None:
        answers.append(live.deliver(created).status_code)

    threads = [threading.Thread(target=post) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == [200] * 6
    with live.ctx.db.session() as session:
        assert session.scalar(select(func.count()).select_from(StripeWebhookLog)) == 1
    assert live.status(who)["tier"] == "pro"


def test_bad_missing_or_old_signatures_are_refused_and_change_nothing(live: Live) -> None:
    who = live.user()
    events, _ = _captured(live, who)
    paid = next(e for e in events if e["type"] == "checkout.session.completed")
    before = _snapshot(live, who)
    wrong = live.deliver(paid, secret="whsec_not_the_right_one")
    missing = live.deliver(paid, secret="")
    old = live.deliver(paid, at=int(time.time()) - 301)
    for r in (wrong, missing, old):
        assert r.status_code == 400
        assert r.json()["error"]["code"] == "invalid_signature"
    assert "Stripe-Signature" in missing.json()["error"]["message"]
    # A body changed after signing fails too.
    payload = '{"id": "evt_x", "type": "invoice.paid", "data": {"object": {}}}'
    from socialflow.billing.gateway import sandbox_keys
    from socialflow.sandbox.stripe_delivery import sign

    header = sign(payload, sandbox_keys(live.ctx.settings)[1])
    tampered = live.http.post(
        "/api/webhooks/stripe",
        content=payload.replace("evt_x", "evt_y"),
        headers={"Stripe-Signature": header},
    )
    assert tampered.status_code == 400
    assert _snapshot(live, who) == before
    assert live.deliver(paid, at=int(time.time()) - 250).status_code == 200  # within 300 s


def test_unknown_event_type_is_acknowledged_and_changes_nothing(live: Live) -> None:
    who = live.user()
    live.subscribe(who, "starter")
    before = _snapshot(live, who)
    event = {
        "id": "evt_unknown_1",
        "object": "event",
        "type": "customer.tax_id.created",
        "created": int(time.time()),
        "data": {"object": {"id": "txi_1", "object": "tax_id", "customer": "cus_x"}},
    }
    r = live.deliver(event)
    assert r.status_code == 200 and r.json()["processed"] is True
    after = _snapshot(live, who)
    assert after[:5] == before[:5] and after[6] == before[6]
    assert after[5] == before[5] + 1  # stored (with its type) for the record


def test_handler_crash_keeps_the_event_and_the_tick_retries_it(live: Live) -> None:
    who = live.user()
    # Stripe's API fails while we handle the events (the re-fetch of the subscription).
    live.http.post(
        "/sandbox/_admin/faults",
        json={"platform": "stripe", "kind": "server_error", "times": -1, "path": "/v1/subscr"},
    ).raise_for_status()
    url = live.checkout_url(who, "pro")
    assert live.press(url, "Pay").status_code == 303
    live.settle()
    assert all(e["delivery"]["status"] == "delivered" for e in live.events())  # acknowledged
    with live.ctx.db.session() as session:
        rows = session.scalars(select(StripeWebhookLog)).all()
        assert len(rows) == 3
        assert all(not r.processed and r.attempts == 1 and r.last_error for r in rows)
    assert live.status(who)["tier"] == "free"

    # Not due yet (30 s backoff): the tick leaves them alone.
    live.runner.tick("billing.retry_webhooks")
    with live.ctx.db.session() as session:
        assert session.scalar(select(func.max(StripeWebhookLog.attempts))) == 1

    live.http.delete("/sandbox/_admin/faults").raise_for_status()
    live.ctx.settings.billing_retry_base_seconds = 0.0
    live.runner.tick("billing.retry_webhooks")
    with live.ctx.db.session() as session:
        rows = session.scalars(select(StripeWebhookLog)).all()
        assert all(r.processed and r.last_error is None for r in rows)
        assert sorted(r.attempts for r in rows) == [2, 2, 2]
    status = live.status(who)
    assert (status["tier"], status["status"]) == ("pro", "active")


def test_stripe_retries_a_failed_delivery(live: Live) -> None:
    """An event our endpoint refuses (here: 400, the secret was rotated) is sent again."""
    who = live.user()
    original = live.ctx.settings.stripe_webhook_secret
    live.ctx.settings.stripe_webhook_secret = "whsec_rotated_but_not_yet_at_stripe"
    url = live.checkout_url(who, "pro")
    live.press(url, "Pay")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # refused at least twice (first try, one retry)
        if all((e["delivery"]["attempts"] or 0) >= 2 for e in live.events()):
            break
        time.sleep(0.05)
    assert live.status(who)["tier"] == "free"
    live.ctx.settings.stripe_webhook_secret = original  # fixed: the next retry goes through
    live.settle()
    assert all(e["delivery"]["status"] == "delivered" for e in live.events())
    assert live.status(who)["tier"] == "pro"


def test_an_older_copy_cannot_move_the_subscription_back(live: Live) -> None:
    """When Stripe no longer has the subscription, the event's own copy is used, by age."""
    who = live.user()
    with live.ctx.db.session() as session:
        ws = session.get(Workspace, who["id"])
        assert ws is not None
        ws.stripe_customer_id = "cus_gone"
        plan = session.scalar(select(SubscriptionPlan).where(SubscriptionPlan.slug == "pro"))
        assert plan is not None
    now = int(time.time())

    def event(eid: str, created: int, status: str) -> dict[str, Any]:
        price = {
            "id": "price_old",
            "object": "price",
            "lookup_key": "socialflow_pro_month",
            "recurring": {"interval": "month"},
        }
        item = {"price": price, "current_period_start": now, "current_period_end": now + 86400}
        return {
            "id": eid,
            "object": "event",
            "type": "customer.subscription.updated",
            "created": created,
            "data": {
                "object": {
                    "id": "sub_gone",
                    "object": "subscription",
                    "status": status,
                    "customer": "cus_gone",
                    "cancel_at_period_end": False,
                    "items": {"object": "list", "data": [item]},
                }
            },
        }

    assert live.deliver(event("evt_new", now, "active")).status_code == 200
    assert live.deliver(event("evt_old", now - 60, "past_due")).status_code == 200
    status = live.status(who)
    assert (status["tier"], status["status"]) == ("pro", "active")
    assert live.deliver(event("evt_newer", now + 5, "past_due")).status_code == 200
    assert live.status(who)["status"] == "past_due"


def test_events_for_an_old_subscription_do_not_touch_the_current_one(live: Live) -> None:
    who = live.user()
    first = live.subscribe(who, "starter")
    live.advance(first, "cancel_now")
    old_deleted = next(e for e in live.events() if e["type"] == "customer.subscription.deleted")
    live.subscribe(who, "business")
    r = live.deliver({**old_deleted, "id": "evt_replayed_old_delete"})
    assert r.status_code == 200
    assert live.status(who)["tier"] == "business"
    with live.ctx.db.session() as session:
        assert (
            session.scalar(
                select(func.count())
                .select_from(Notification)
                .where(Notification.user_id == who["id"])
            )
            == 0
        )


def test_webhook_endpoint_reads_the_raw_body(live: Live) -> None:
    """Re-serialising JSON would break the signature: whitespace is signed too."""
    who = live.user()
    events, _ = _captured(live, who)
    import json

    from socialflow.billing.gateway import sandbox_keys
    from socialflow.sandbox.stripe_delivery import sign

    body = {k: v for k, v in events[0].items() if k != "delivery"}
    payload = json.dumps(body, indent=7)  # unusual spacing
    r = httpx.post(
        f"{live.base_url}/api/webhooks/stripe",
        content=payload.encode(),
        headers={"Stripe-Signature": sign(payload, sandbox_keys(live.ctx.settings)[1])},
    )
    assert r.status_code == 200, r.text
