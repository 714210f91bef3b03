"""Plan limits under races, usage periods, grace and cancellation, pausing accounts.

Usage months and grace periods are read at a pinned instant (PINNED, passed as `now`), never
at the wall clock: a race at 23:59:59 on the last day of a month must not straddle two months.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from socialflow.billing import entitlements
from socialflow.core.clock import as_utc
from socialflow.core.context import AppContext
from socialflow.core.errors import PaymentRequired
from socialflow.models import SocialAccount, Subscription, User, Workspace
from socialflow.models.workspaces import add_personal_workspace
from tests.fixtures.clock import PINNED
from tests.fixtures.factories import make_account


def _user(ctx: AppContext, **fields: object) -> uuid.UUID:
    """A user and their personal workspace (same id) with `fields` of the plan set on it."""
    with ctx.db.session() as session:
        user = User(email=f"u-{uuid.uuid4().hex[:8]}@example.com", password_hash="x")
        session.add(user)
        session.flush()
        workspace = add_personal_workspace(session, user.id, PINNED)
        for name, value in fields.items():
            setattr(workspace, name, value)
        return user.id


def _race(n: int, work: Callable[[], None]) -> tuple[int, int]:
    """Run `work` in n threads released together; (succeeded, refused by the plan)."""
    barrier = threading.Barrier(n)
    ok: list[bool] = []
    errors: list[BaseException] = []

    def run() -> None:
        barrier.wait()
        try:
            work()
            ok.append(True)
        except PaymentRequired:
            ok.append(False)
        except BaseException as exc:  # anything else fails the test below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return ok.count(True), ok.count(False)


def test_racing_reservations_never_exceed_posts_per_month(ctx: AppContext) -> None:
    user_id = _user(ctx)  # Free: 10 a month

    def reserve() -> None:
        with ctx.db.session() as session:
            entitlements.reserve_posts(session, user_id, now=PINNED)

    assert _race(24, reserve) == (10, 14)
    with ctx.db.session() as session:
        ws = session.get(Workspace, user_id)
        assert ws is not None and ws.posts_this_month == 10


def test_racing_connects_never_exceed_the_account_limit(ctx: AppContext) -> None:
    user_id = _user(ctx)  # Free: 2 accounts

    def connect() -> None:
        with ctx.db.session() as session:
            entitlements.require_account_slot(session, user_id)
            session.add(
                SocialAccount(
                    workspace_id=user_id,
                    platform="twitter",
                    platform_user_id=uuid.uuid4().hex,
                    access_token="x",
                )
            )

    assert _race(8, connect) == (2, 6)
    with ctx.db.session() as session:
        assert entitlements.active_accounts(session, user_id) == 2


def test_refused_reservation_names_the_limit_and_changes_nothing(ctx: AppContext) -> None:
    user_id = _user(ctx, posts_this_month=9, usage_period_start=PINNED.replace(day=1))
    with ctx.db.session() as session:
        entitlements.reserve_posts(session, user_id, now=PINNED)
    with ctx.db.session() as session, pytest.raises(PaymentRequired) as refused:
        entitlements.reserve_posts(session, user_id, 1, now=PINNED)
    assert refused.value.details == {
        "plan": "free",
        "limit": 10,
        "used": 10,
        "resource": "posts_per_month",
    }
    assert "10 posts a month" in refused.value.message
    with ctx.db.session() as session:
        entitlements.release_posts(session, user_id, 3)
        entitlements.reserve_posts(session, user_id, 3, now=PINNED)


def test_unlimited_plan_and_usage_reset_at_the_billing_period(ctx: AppContext) -> None:
    end = PINNED + timedelta(days=10)
    user_id = _user(
        ctx,
        subscription_tier="starter",
        subscription_status="active",
        subscription_end_date=end,
        posts_this_month=30,
        usage_period_start=PINNED - timedelta(days=40),  # the previous period
    )
    with ctx.db.session() as session:
        entitlements.reserve_posts(session, user_id, 5, now=PINNED)
    with ctx.db.session() as session:
        ws = session.get(Workspace, user_id)
        assert ws is not None and ws.posts_this_month == 5
        # The period started a month before its end, not on the 1st.
        start = as_utc(ws.usage_period_start)
        assert start == entitlements.usage_period_start(ws, PINNED) and start.day == end.day
        ws.subscription_tier = "pro"
    with ctx.db.session() as session:
        assert entitlements.reserve_posts(session, user_id, 500, now=PINNED).posts_per_month == -1


def test_free_usage_period_is_the_calendar_month() -> None:
    ws = Workspace(subscription_tier="free", subscription_status="inactive")
    now = datetime(2026, 3, 17, 15, 4, tzinfo=UTC)
    assert entitlements.usage_period_start(ws, now) == datetime(2026, 3, 1, tzinfo=UTC)


def test_paid_usage_period_keeps_the_billing_day_through_short_months() -> None:
    """Periods ending on the 31st: ... Feb 28 -> Mar 31 -> Apr 30 -> May 31 (as Stripe bills)."""
    ws = Workspace(
        subscription_tier="starter",
        subscription_status="active",
        subscription_end_date=datetime(2027, 5, 31, 10, tzinfo=UTC),
    )
    starts = {
        datetime(2027, 3, 30, 12, tzinfo=UTC): datetime(2027, 2, 28, 10, tzinfo=UTC),
        datetime(2027, 3, 31, 11, tzinfo=UTC): datetime(2027, 3, 31, 10, tzinfo=UTC),
        datetime(2027, 5, 30, 0, tzinfo=UTC): datetime(2027, 4, 30, 10, tzinfo=UTC),
    }
    for now, start in starts.items():
        assert entitlements.usage_period_start(ws, now) == start, now
    leap = Workspace(
        subscription_tier="pro",
        subscription_status="active",
        subscription_end_date=datetime(2028, 3, 29, 0, 0, tzinfo=UTC),
    )
    assert entitlements.usage_period_start(leap, datetime(2028, 3, 1, tzinfo=UTC)) == datetime(
        2028, 2, 29, tzinfo=UTC
    )


def test_grace_and_cancellation_in_effective_tier() -> None:
    now = PINNED
    past_due = Workspace(
        subscription_tier="pro",
        subscription_status="past_due",
        subscription_end_date=now + timedelta(days=20),
    )
    assert entitlements.effective_tier(past_due, now, now + timedelta(days=1)) == ("pro", False)
    assert entitlements.effective_tier(past_due, now, now - timedelta(seconds=1)) == ("free", True)
    cancelled = Workspace(
        subscription_tier="pro",
        subscription_status="canceled",
        subscription_end_date=now + timedelta(days=3),
    )
    assert entitlements.effective_tier(cancelled, now) == ("pro", False)
    assert entitlements.effective_tier(cancelled, now + timedelta(days=4)) == ("free", False)
    unpaid = Workspace(subscription_tier="business", subscription_status="unpaid")
    assert entitlements.effective_tier(unpaid, now) == ("free", True)


def test_for_workspace_reads_the_grace_deadline(ctx: AppContext) -> None:
    user_id = _user(
        ctx,
        subscription_tier="business",
        subscription_status="past_due",
        subscription_end_date=PINNED + timedelta(days=25),
    )
    with ctx.db.session() as session:
        session.add(
            Subscription(
                workspace_id=user_id,
                plan_slug="business",
                status="past_due",
                grace_until=PINNED + timedelta(days=2),
            )
        )
    with ctx.db.session() as session:
        ws = session.get(Workspace, user_id)
        assert ws is not None
        assert entitlements.for_workspace(session, ws, PINNED).plan_slug == "business"
        later = entitlements.for_workspace(session, ws, PINNED + timedelta(days=3))
        assert later.restricted and later.plan_slug == "free"
        assert not later.has("advanced_analytics") and later.connected_accounts_limit == 2
        assert entitlements.require_feature(session, user_id, "advanced_analytics", PINNED).has(
            "advanced_analytics"
        )


def test_enforce_pauses_newest_first_and_resumes_oldest_first(ctx: AppContext) -> None:
    user_id = _user(
        ctx,
        subscription_tier="starter",
        subscription_status="active",
        subscription_end_date=PINNED + timedelta(days=20),
    )
    ids = [make_account(ctx, user_id, p) for p in ("twitter", "instagram", "tiktok", "youtube")]
    with ctx.db.session() as session:
        paused, resumed = entitlements.enforce_account_limit(session, user_id, PINNED)
    assert (paused, resumed) == ([ids[3]], [])
    with ctx.db.session() as session:
        ws = session.get(Workspace, user_id)
        assert ws is not None
        ws.subscription_tier = "free"
    with ctx.db.session() as session:
        paused, _ = entitlements.enforce_account_limit(session, user_id, PINNED)
    assert paused == [ids[2]]
    with ctx.db.session() as session:
        ws = session.get(Workspace, user_id)
        assert ws is not None
        ws.subscription_tier = "starter"
    with ctx.db.session() as session:
        _, resumed = entitlements.enforce_account_limit(session, user_id, PINNED)
        rows = session.scalars(
            select(SocialAccount).where(SocialAccount.workspace_id == user_id)
        ).all()
    assert resumed == [ids[2]]
    assert {a.id: a.status for a in rows} == {
        ids[0]: "active",
        ids[1]: "active",
        ids[2]: "active",
        ids[3]: "paused",
    }
