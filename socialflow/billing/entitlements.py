"""The one place that answers "may this workspace do X", from the workspace's plan.

Connect another account, publish another post this month, use AI, which analytics level. Other
domains call these; none of them reads plan limits on its own.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, true, update
from sqlalchemy.orm import Session

from socialflow.core.clock import as_utc, utcnow
from socialflow.core.db import affected
from socialflow.core.errors import PaymentRequired
from socialflow.models import (
    Invitation,
    SocialAccount,
    Subscription,
    SubscriptionPlan,
    Workspace,
    WorkspaceMember,
)

# Statuses in which a paid plan's limits apply. past_due keeps them during the grace period.
PAID_STATUSES = {"active", "trialing", "past_due"}
PAST_DUE_GRACE = timedelta(days=7)
FEATURE_UPGRADE = {
    "ai_optimization": "starter",
    "analytics": "pro",
    "advanced_analytics": "business",
}


@dataclass(frozen=True, slots=True)
class Entitlements:
    plan_slug: str
    plan_name: str
    posts_per_month: int  # -1 = unlimited
    connected_accounts_limit: int
    seat_limit: int
    features: frozenset[str]
    restricted: bool  # past_due beyond grace: limits of Free

    def has(self, feature: str) -> bool:
        return feature in self.features

    @property
    def analytics_level(self) -> str:
        if self.has("advanced_analytics"):
            return "advanced"
        return "basic" if self.has("analytics") else "none"


def effective_tier(
    ws: Workspace, now: datetime | None = None, grace_until: datetime | None = None
) -> tuple[str, bool]:
    """(plan slug whose limits apply, restricted?) from the workspace's subscription status.

    past_due keeps the plan until `grace_until` (set when the payment first failed; without
    it, PAST_DUE_GRACE after the period end), then the workspace is restricted to Free limits.
    """
    now = now or utcnow()
    tier = ws.subscription_tier or "free"
    if tier == "free":
        return "free", False
    status = ws.subscription_status
    if status in ("active", "trialing"):
        return tier, False
    if status == "past_due":
        if grace_until is None and ws.subscription_end_date:
            grace_until = as_utc(ws.subscription_end_date) + PAST_DUE_GRACE
        if grace_until is None or now < as_utc(grace_until):
            return tier, False
        return "free", True
    if status == "unpaid":
        return "free", True  # Stripe stopped retrying but keeps the subscription
    if status == "canceled" and ws.subscription_end_date and now < as_utc(ws.subscription_end_date):
        return tier, False  # cancelled at period end: paid until then
    return "free", False


def grace_deadline(session: Session, workspace_id: uuid.UUID) -> datetime | None:
    """When a past_due subscription's grace ends (None: no subscription row)."""
    return session.scalar(
        select(Subscription.grace_until).where(Subscription.workspace_id == workspace_id)
    )


def _plan(session: Session, slug: str) -> SubscriptionPlan:
    plan = session.scalar(select(SubscriptionPlan).where(SubscriptionPlan.slug == slug))
    if plan is None:
        raise LookupError(f"plan {slug!r} is not seeded; run migrations")
    return plan


def for_workspace(session: Session, ws: Workspace, now: datetime | None = None) -> Entitlements:
    """The limits that apply to the workspace now (or at `now`)."""
    grace = grace_deadline(session, ws.id) if ws.subscription_status == "past_due" else None
    slug, restricted = effective_tier(ws, now, grace)
    plan = _plan(session, slug)
    return Entitlements(
        plan_slug=plan.slug,
        plan_name=plan.name,
        posts_per_month=plan.posts_per_month,
        connected_accounts_limit=plan.connected_accounts_limit,
        seat_limit=plan.seat_limit,
        features=frozenset(plan.features or []),
        restricted=restricted,
    )


def load(
    session: Session, workspace_id: uuid.UUID, *, lock: bool = False, now: datetime | None = None
) -> tuple[Workspace, Entitlements]:
    stmt = select(Workspace).where(Workspace.id == workspace_id)
    if lock:
        stmt = stmt.with_for_update()  # PostgreSQL; SQLite's writer lock already serializes
    workspace = session.scalar(stmt)
    if workspace is None:
        raise LookupError(f"workspace {workspace_id} not found")
    return workspace, for_workspace(session, workspace, now)


def _upgrade_hint(feature_or_limit: str, current: str) -> str:
    target = FEATURE_UPGRADE.get(feature_or_limit)
    if target and target != current:
        return f" Upgrade to {target.title()} to unlock it."
    return " Upgrade your plan for a higher limit."


# --------------------------------------------------------------------------- checks


def require_feature(
    session: Session, workspace_id: uuid.UUID, feature: str, now: datetime | None = None
) -> Entitlements:
    _, ent = load(session, workspace_id, now=now)
    if not ent.has(feature):
        readable = feature.replace("_", " ")
        raise PaymentRequired(
            f"The {ent.plan_name} plan does not include {readable}."
            + _upgrade_hint(feature, ent.plan_slug),
            code="plan_feature",
            details={
                "plan": ent.plan_slug,
                "feature": feature,
                "required_plan": FEATURE_UPGRADE.get(feature),
            },
        )
    return ent


def active_accounts(session: Session, workspace_id: uuid.UUID) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(SocialAccount)
            .where(SocialAccount.workspace_id == workspace_id, SocialAccount.status != "paused")
        )
        or 0
    )


def require_account_slot(session: Session, workspace_id: uuid.UUID) -> Entitlements:
    """Raise if connecting one more account would exceed the plan; call under the workspace lock."""
    _, ent = load(session, workspace_id, lock=True)
    used = active_accounts(session, workspace_id)
    if used >= ent.connected_accounts_limit:
        raise PaymentRequired(
            f"The {ent.plan_name} plan allows {ent.connected_accounts_limit} connected "
            f"accounts and you have {used}." + _upgrade_hint("accounts", ent.plan_slug),
            code="plan_limit",
            details={
                "plan": ent.plan_slug,
                "limit": ent.connected_accounts_limit,
                "used": used,
                "resource": "connected_accounts",
            },
        )
    return ent


def usage_period_start(ws: Workspace, now: datetime | None = None) -> datetime:
    """Start of the current usage month: the billing period on paid plans, calendar on Free."""
    now = now or utcnow()
    if ws.subscription_tier != "free" and ws.subscription_end_date:
        end = as_utc(ws.subscription_end_date)
        start, months = end, 0
        while start > now:  # back from the period end by whole months, each from the end:
            months += 1  # a period ending on the 31st began on Feb 28 and on Mar 31, not 30
            start = _add_months(end, -months)
        return start
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def refresh_usage_period(session: Session, ws: Workspace, now: datetime | None = None) -> bool:
    """Start a new usage month (counter to 0) if one has begun; True if it did."""
    period = usage_period_start(ws, now)
    if ws.usage_period_start is not None and as_utc(ws.usage_period_start) >= period:
        return False
    session.execute(
        update(Workspace)
        .where(Workspace.id == ws.id)
        .values(posts_this_month=0, usage_period_start=period)
        .execution_options(synchronize_session="fetch")
    )
    return True


def _add_months(moment: datetime, months: int) -> datetime:
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    for day in (moment.day, 30, 29, 28):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise ValueError(moment)


def reserve_posts(
    session: Session, workspace_id: uuid.UUID, count: int = 1, now: datetime | None = None
) -> Entitlements:
    """Count `count` posts against the limit of the usage month of `now`, atomically: racing
    requests cannot exceed it. Resets the counter when a new usage period has begun."""
    now = now or utcnow()
    ws, ent = load(session, workspace_id, lock=True, now=now)
    refresh_usage_period(session, ws, now)
    limit = ent.posts_per_month
    within = true() if limit < 0 else Workspace.posts_this_month + count <= limit
    result = session.execute(
        update(Workspace)
        .where(Workspace.id == workspace_id, within)
        .values(posts_this_month=Workspace.posts_this_month + count)
        .execution_options(synchronize_session="fetch")
    )
    claimed = affected(result)
    if claimed != 1:
        session.refresh(ws)
        raise PaymentRequired(
            f"The {ent.plan_name} plan allows {limit} posts a month and "
            f"{ws.posts_this_month} are used." + _upgrade_hint("posts", ent.plan_slug),
            code="plan_limit",
            details={
                "plan": ent.plan_slug,
                "limit": limit,
                "used": ws.posts_this_month,
                "resource": "posts_per_month",
            },
        )
    return ent


def release_posts(session: Session, workspace_id: uuid.UUID, count: int = 1) -> None:
    """Give back reserved posts (a scheduled post cancelled before it went out)."""
    session.execute(
        update(Workspace)
        .where(Workspace.id == workspace_id, Workspace.posts_this_month >= count)
        .values(posts_this_month=Workspace.posts_this_month - count)
    )


PAUSED_REASON = "Paused: over the plan's connected-account limit. Upgrade to resume it."


def enforce_account_limit(
    session: Session, workspace_id: uuid.UUID, now: datetime | None = None
) -> tuple[list[uuid.UUID], list[uuid.UUID]]:
    """Pause the newest accounts over the plan's limit, or resume paused ones (oldest first)
    when the limit allows; never deletes. Returns (paused ids, resumed ids)."""
    ws, _ = load(session, workspace_id, lock=True)
    ent = for_workspace(session, ws, now)
    limit = ent.connected_accounts_limit
    rows = session.scalars(
        select(SocialAccount)
        .where(SocialAccount.workspace_id == workspace_id)
        .order_by(SocialAccount.created_at, SocialAccount.id)
    ).all()
    counted = [a for a in rows if a.status != "paused"]
    paused_now: list[uuid.UUID] = []
    resumed: list[uuid.UUID] = []
    if len(counted) > limit:
        for account in reversed(counted[limit:]):  # newest first
            # Remember what it was (needs_reauth stays needs_reauth when resumed).
            account.meta = {
                **(account.meta or {}),
                "status_before_pause": account.status,
                "reason_before_pause": account.status_reason,
            }
            account.status = "paused"
            account.status_reason = PAUSED_REASON
            paused_now.append(account.id)
    else:
        room = limit - len(counted)
        for account in [a for a in rows if a.status == "paused"][:room]:
            meta = dict(account.meta or {})
            account.status = meta.pop("status_before_pause", None) or "active"
            account.status_reason = meta.pop("reason_before_pause", None)
            account.meta = meta
            resumed.append(account.id)
    session.flush()
    return paused_now, resumed


# --------------------------------------------------------------------------- seats


def seats_used(session: Session, workspace_id: uuid.UUID, now: datetime | None = None) -> int:
    """Members plus pending (unexpired, unrevoked, unaccepted) invitations."""
    now = now or utcnow()
    members = session.scalar(
        select(func.count())
        .select_from(WorkspaceMember)
        .where(WorkspaceMember.workspace_id == workspace_id)
    )
    pending = session.scalar(
        select(func.count())
        .select_from(Invitation)
        .where(
            Invitation.workspace_id == workspace_id,
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
        )
    )
    return (members or 0) + (pending or 0)


def require_seat(
    session: Session, workspace_id: uuid.UUID, now: datetime | None = None
) -> Entitlements:
    """Raise 402 if one more member (or invitation) would exceed the plan's seats; call under
    the workspace lock."""
    _, ent = load(session, workspace_id, lock=True, now=now)
    used = seats_used(session, workspace_id, now)
    if used >= ent.seat_limit:
        better = session.scalar(
            select(SubscriptionPlan.slug)
            .where(SubscriptionPlan.seat_limit > ent.seat_limit, SubscriptionPlan.is_active)
            .order_by(SubscriptionPlan.sort_order)
            .limit(1)
        )
        hint = f" Upgrade to {better.title()} for more." if better else ""
        raise PaymentRequired(
            f"The {ent.plan_name} plan has {ent.seat_limit} "
            f"seat{'s' if ent.seat_limit != 1 else ''} and {used} "
            f"{'are' if used != 1 else 'is'} taken (members and pending invitations).{hint}",
            code="seat_limit",
            details={
                "plan": ent.plan_slug,
                "seat_limit": ent.seat_limit,
                "used": used,
                "upgrade_to": better,
            },
        )
    return ent


def refresh_seats(session: Session, workspace_id: uuid.UUID, now: datetime | None = None) -> None:
    """After a plan change or a removal: members past the plan's seats (newest first, never
    the owner) become read-only; those within it regain their role. Nobody is removed."""
    _, ent = load(session, workspace_id, now=now)
    members = session.scalars(
        select(WorkspaceMember)
        .where(WorkspaceMember.workspace_id == workspace_id)
        .order_by(WorkspaceMember.created_at, WorkspaceMember.user_id)
    ).all()
    ordered = sorted(members, key=lambda m: m.role != "owner")  # stable: owner first
    for i, member in enumerate(ordered):
        member.read_only = i >= ent.seat_limit
    session.flush()
