"""Apply a Stripe subscription's state to its workspace: tier, status, period, grace, accounts.

Every webhook funnels here with the subscription re-fetched from Stripe under the workspace's row
lock, so whatever order events arrive in, the state written is Stripe's latest and commits in
the order it was read. Only when Stripe no longer has the subscription does the event's own
copy stand in, and then an event older than the state we hold (source_timestamp) is ignored.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from socialflow.billing import entitlements, prices
from socialflow.core.clock import as_utc, utcnow
from socialflow.models import Subscription, UsageLog, Workspace
from socialflow.models.workspaces import record_activity
from socialflow.notifications.service import notify

log = logging.getLogger("socialflow.billing")

# Stripe statuses under which the plan is the workspace's (past_due/unpaid: entitlements decide).
PLAN_STATUSES = {"active", "trialing", "past_due", "unpaid"}
TERMINAL = {"canceled", "incomplete_expired"}


def _ts(value: Any) -> datetime | None:
    return datetime.fromtimestamp(int(value), UTC) if value else None


def period(sub: Mapping[str, Any]) -> tuple[datetime | None, datetime | None]:
    """The current period: on the subscription item since API 2025-03-31, top-level before."""
    items = (sub.get("items") or {}).get("data") or []
    source: Mapping[str, Any] = items[0] if items and items[0].get("current_period_end") else sub
    return _ts(source.get("current_period_start")), _ts(source.get("current_period_end"))


def find_workspace(session: Session, sub: Mapping[str, Any]) -> Workspace | None:
    """The subscription's workspace: by Stripe customer, else by the workspace id we put in
    metadata (`user_id` on subscriptions made before workspaces: their personal workspace)."""
    customer = sub.get("customer")
    if isinstance(customer, Mapping):
        customer = customer.get("id")
    if customer:
        found = session.scalar(
            select(Workspace).where(Workspace.stripe_customer_id == str(customer))
        )
        if found is not None:
            return found
    meta = sub.get("metadata") or {}
    raw = meta.get("workspace_id") or meta.get("user_id")
    try:
        return session.get(Workspace, uuid.UUID(str(raw))) if raw else None
    except ValueError:
        return None


def apply(
    session: Session,
    sub: Mapping[str, Any],
    observed_at: int,
    *,
    fresh: bool,
    event_type: str,
) -> uuid.UUID | None:
    """Write `sub` to the workspace's subscription row and plan columns; returns its id.

    `fresh`: `sub` was just read from Stripe (always current); otherwise it is an event's
    copy and only applies if not older than what we hold.
    """
    found = find_workspace(session, sub)
    if found is None:
        log.warning("stripe subscription %s: no matching workspace; ignored", sub.get("id"))
        return None
    user, _ = entitlements.load(session, found.id, lock=True)
    row = session.scalar(select(Subscription).where(Subscription.workspace_id == user.id))
    status = str(sub.get("status") or "incomplete")
    other = row is not None and row.stripe_subscription_id not in (None, sub.get("id"))
    if other and (status in TERMINAL or status == "incomplete"):
        # An older subscription ending (or a checkout never paid) must not touch the one the
        # workspace has now.
        log.info("stripe subscription %s is not the workspace's current one", sub.get("id"))
        return user.id
    if row is not None and not fresh and observed_at < row.source_timestamp:
        log.info(
            "stale copy of %s (%s < %s) ignored", sub.get("id"), observed_at, row.source_timestamp
        )
        return user.id
    items = (sub.get("items") or {}).get("data") or []
    plan = prices.plan_for_price(session, items[0].get("price") if items else None)
    if plan is None:
        log.warning("stripe subscription %s: price is not a Socialflow plan", sub.get("id"))
        return user.id
    slug, interval = plan
    start, end = period(sub)
    now = utcnow()
    was = (row.status, row.plan_slug) if row else (None, None)
    if row is None:
        row = Subscription(workspace_id=user.id, plan_slug=slug, status=status)
        session.add(row)
    row.stripe_subscription_id = str(sub.get("id"))
    row.stripe_customer_id = str(sub.get("customer") or "") or None
    row.plan_slug, row.interval, row.status = slug, interval, status
    row.current_period_start, row.current_period_end = start, end
    row.cancel_at_period_end = bool(sub.get("cancel_at_period_end"))
    row.source_timestamp = max(row.source_timestamp or 0, observed_at)
    if status == "past_due":
        # The grace clock starts when we first learn of the failure, not at each event.
        row.grace_until = row.grace_until or now + entitlements.PAST_DUE_GRACE
    else:
        row.grace_until = None
    if not user.stripe_customer_id and row.stripe_customer_id:
        user.stripe_customer_id = row.stripe_customer_id
    if status in PLAN_STATUSES:
        user.subscription_tier = slug
        user.subscription_status = status
        user.subscription_end_date = end
    elif status in TERMINAL:
        user.subscription_tier = "free"
        user.subscription_status = "canceled"
        user.subscription_end_date = _ts(sub.get("ended_at")) or end
    # incomplete / paused: payment not done, nothing granted; the workspace keeps its plan.
    session.flush()
    entitlements.refresh_usage_period(session, user)
    paused, resumed = entitlements.enforce_account_limit(session, user.id)
    entitlements.refresh_seats(session, user.id)
    if (status, slug) != was:
        _record(session, user.id, event_type, slug, status, was, paused, resumed)
    return user.id


def _record(
    session: Session,
    workspace_id: uuid.UUID,
    event_type: str,
    slug: str,
    status: str,
    was: tuple[str | None, str | None],
    paused: list[uuid.UUID],
    resumed: list[uuid.UUID],
) -> None:
    """A usage-log line and an activity entry per change, and a notice to the owner and admins
    when someone must act or accounts were paused."""
    session.add(
        UsageLog(
            workspace_id=workspace_id,
            action="subscription_changed",
            meta={
                "event": event_type,
                "plan": slug,
                "status": status,
                "previous_status": was[0],
                "previous_plan": was[1],
                "paused_accounts": [str(a) for a in paused],
                "resumed_accounts": [str(a) for a in resumed],
            },
        )
    )
    record_activity(
        session,
        workspace_id,
        None,
        "plan.changed",
        f"Plan {was[1] or 'free'} ({was[0] or 'none'}) -> {slug} ({status})",
        target_type="subscription",
        details={"plan": slug, "status": status, "event": event_type},
    )
    if status == "past_due":
        notify(
            session,
            workspace_id,
            "billing_payment_failed",
            "Your payment failed",
            f"We could not charge your card. Your plan stays active for "
            f"{entitlements.PAST_DUE_GRACE.days} days; update your card in Billing.",
            "/billing",
        )
    if paused:
        notify(
            session,
            workspace_id,
            "billing_accounts_paused",
            f"{len(paused)} connected account(s) paused",
            "Your plan allows fewer connected accounts. They are kept, not deleted, "
            "and resume when you upgrade.",
            "/billing",
        )


def expire(session: Session, user: Workspace, now: datetime | None = None) -> bool:
    """Settle a workspace whose paid time ran out without a closing webhook; True if changed."""
    now = now or utcnow()
    ended = user.subscription_end_date and as_utc(user.subscription_end_date) <= now
    if user.subscription_status == "canceled" and user.subscription_tier != "free" and ended:
        user.subscription_tier = "free"
        session.flush()
        entitlements.enforce_account_limit(session, user.id, now)
        entitlements.refresh_seats(session, user.id, now)
        return True
    if user.subscription_status in ("past_due", "unpaid"):
        paused, _ = entitlements.enforce_account_limit(session, user.id, now)
        return bool(paused)
    return False
