"""After checkout: the portal, renewal, cancellation at period end, failed payments and grace,
plan switches that pause and resume connected accounts."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, update

from socialflow.billing import entitlements
from socialflow.core.clock import as_utc, utcnow
from socialflow.core.errors import PaymentRequired
from socialflow.models import Notification, SocialAccount, Subscription, Workspace
from tests.billing.conftest import Live
from tests.fixtures.factories import make_account

PLATFORMS = ["twitter", "instagram", "tiktok", "linkedin", "facebook"]


def _accounts(live: Live, who: dict) -> dict[str, str]:
    """platform -> status of the accounts of the user's personal workspace."""
    with live.ctx.db.session() as session:
        rows = session.scalars(
            select(SocialAccount).where(SocialAccount.workspace_id == who["id"])
        ).all()
        return {a.platform: a.status for a in rows}


def _connect_five(live: Live, who: dict) -> None:
    for platform in PLATFORMS:  # created in this order: facebook is the newest
        make_account(live.ctx, who["id"], platform)


def test_portal_link_opens_the_customers_portal(live: Live) -> None:
    who = live.user()
    live.subscribe(who, "pro")
    url = live.portal(who)
    assert url.startswith(f"{live.base_url}/sandbox/stripe/portal/bps_")
    page = live.http.get(url)
    assert page.status_code == 200
    assert "Socialflow Pro" in page.text and "Cancel plan" in page.text
    assert f'href="{live.base_url}/billing"' in page.text  # the way back


def test_renewal_moves_the_period_and_resets_monthly_usage(live: Live) -> None:
    who = live.user()
    sub_id = live.subscribe(who, "starter")
    with live.ctx.db.session() as session:
        entitlements.reserve_posts(session, who["id"], 7)
    first = live.status(who)
    assert first["usage"]["posts_this_month"] == 7
    with live.ctx.db.session() as session:  # as if the period began a month ago
        session.execute(
            update(Workspace)
            .where(Workspace.id == who["id"])
            .values(usage_period_start=utcnow() - timedelta(days=31))
        )
    live.advance(sub_id, "renew")
    renewed = live.status(who)
    assert renewed["status"] == "active" and renewed["tier"] == "starter"
    assert renewed["current_period_end"] >= first["current_period_end"]
    assert renewed["usage"]["posts_this_month"] == 0
    assert renewed["usage"]["posts_per_month"] == 30


def test_cancel_in_portal_keeps_the_plan_until_period_end_then_free(live: Live) -> None:
    who = live.user()
    sub_id = live.subscribe(who, "pro")
    _connect_five(live, who)
    done = live.press(live.portal(who), "Cancel plan")
    assert done.status_code == 303
    live.settle()
    pending = live.status(who)
    assert pending["tier"] == "pro" and pending["cancel_at_period_end"] is True
    assert set(_accounts(live, who).values()) == {"active"}

    live.advance(sub_id, "renew")  # the period ends: Stripe deletes the subscription
    ended = live.status(who)
    assert (ended["tier"], ended["status"]) == ("free", "canceled")
    assert ended["usage"]["connected_accounts"] == 2
    assert ended["usage"]["paused_accounts"] == 3
    statuses = _accounts(live, who)
    # The oldest two stay; the newest are paused, not deleted.
    assert [statuses[p] for p in PLATFORMS] == ["active", "active", "paused", "paused", "paused"]
    with live.ctx.db.session() as session:
        kinds = session.scalars(
            select(Notification.kind).where(Notification.user_id == who["id"])
        ).all()
    assert "billing_accounts_paused" in kinds

    # Subscribing again un-pauses them.
    live.subscribe(who, "pro")
    assert set(_accounts(live, who).values()) == {"active"}


def test_resume_in_portal_undoes_the_cancellation(live: Live) -> None:
    who = live.user()
    sub_id = live.subscribe(who, "starter")
    portal = live.portal(who)
    live.press(portal, "Cancel plan")
    live.settle()
    assert live.status(who)["cancel_at_period_end"] is True
    live.press(portal, "Renew plan")
    live.settle()
    assert live.status(who)["cancel_at_period_end"] is False
    live.advance(sub_id, "renew")
    assert live.status(who)["tier"] == "starter"


def test_downgrade_pauses_extra_accounts_and_upgrade_resumes_them(live: Live) -> None:
    who = live.user()
    live.subscribe(who, "pro")
    _connect_five(live, who)
    make_account(live.ctx, who["id"], "youtube", status="needs_reauth")
    portal = live.portal(who)
    assert live.press(portal, "Switch to Socialflow Starter").status_code == 303
    live.settle()
    status = live.status(who)
    assert status["tier"] == "starter"
    statuses = _accounts(live, who)
    assert [statuses[p] for p in [*PLATFORMS, "youtube"]] == [
        "active",
        "active",
        "active",
        "paused",
        "paused",
        "paused",
    ]
    with live.ctx.db.session() as session, pytest.raises(PaymentRequired) as refused:
        entitlements.require_account_slot(session, who["id"])  # paused ones are not replaced
    assert refused.value.details["limit"] == 3

    assert live.press(portal, "Switch to Socialflow Business").status_code == 303
    live.settle()
    statuses = _accounts(live, who)
    assert [statuses[p] for p in PLATFORMS] == ["active"] * 5
    assert statuses["youtube"] == "needs_reauth"  # resumed to what it was


def test_payment_failure_past_due_grace_then_restricted_then_recovered(live: Live) -> None:
    who = live.user()
    sub_id = live.subscribe(who, "pro")
    _connect_five(live, who)
    live.advance(sub_id, "fail_payment")

    grace = live.status(who)
    assert (grace["status"], grace["tier"], grace["restricted"]) == ("past_due", "pro", False)
    until = as_utc(datetime.fromisoformat(grace["grace_until"]))
    assert abs(until - (utcnow() + entitlements.PAST_DUE_GRACE)) < timedelta(minutes=1)
    with live.ctx.db.session() as session:
        ws = session.get(Workspace, who["id"])
        assert ws is not None
        assert entitlements.for_workspace(session, ws).plan_slug == "pro"
        later = entitlements.for_workspace(session, ws, utcnow() + timedelta(days=8))
        assert (later.plan_slug, later.restricted) == ("free", True)
        notices = session.scalars(
            select(Notification.kind).where(Notification.user_id == who["id"])
        ).all()
    assert notices.count("billing_payment_failed") == 1
    assert set(_accounts(live, who).values()) == {"active"}

    # Another failed retry does not restart the grace clock.
    live.advance(sub_id, "retry_failure")
    assert live.status(who)["grace_until"] == grace["grace_until"]

    # Seven days pass (the stored deadline moves into the past), then the hourly sweep.
    with live.ctx.db.session() as session:
        session.execute(
            update(Subscription)
            .where(Subscription.workspace_id == who["id"])
            .values(grace_until=utcnow() - timedelta(seconds=1))
        )
    restricted = live.status(who)
    assert (restricted["tier"], restricted["plan"], restricted["restricted"]) == (
        "free",
        "pro",
        True,
    )
    assert restricted["usage"]["posts_per_month"] == 10
    live.runner.tick("billing.settle_lapsed")
    assert sorted(_accounts(live, who).values()).count("paused") == 3

    live.advance(sub_id, "retry_success")  # the card works again
    recovered = live.status(who)
    assert (recovered["status"], recovered["tier"], recovered["restricted"]) == (
        "active",
        "pro",
        False,
    )
    assert recovered["grace_until"] is None
    assert set(_accounts(live, who).values()) == {"active"}


def test_immediate_cancellation_returns_to_free(live: Live) -> None:
    who = live.user()
    sub_id = live.subscribe(who, "business")
    live.advance(sub_id, "cancel_now")
    status = live.status(who)
    assert (status["tier"], status["status"], status["interval"]) == ("free", "canceled", None)
    # A new checkout is allowed again, with the same Stripe customer.
    customer = live.row(who).stripe_customer_id
    live.subscribe(who, "starter")
    assert live.status(who)["tier"] == "starter"
    assert live.row(who).stripe_customer_id == customer
