"""Plan <-> Stripe price: found by lookup key (created if missing) and remembered on the plan."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from socialflow.billing import gateway
from socialflow.core.config import Settings
from socialflow.models import SubscriptionPlan

INTERVALS = ("month", "year")
PAID_PLANS = ("starter", "pro", "business")


def lookup_key(slug: str, interval: str) -> str:
    return f"socialflow_{slug}_{interval}"


def parse_lookup_key(key: str | None) -> tuple[str, str] | None:
    """('pro', 'month') from 'socialflow_pro_month'; None for a price that is not ours."""
    if not key or not key.startswith("socialflow_"):
        return None
    slug, _, interval = key.removeprefix("socialflow_").rpartition("_")
    if slug in PAID_PLANS and interval in INTERVALS:
        return slug, interval
    return None


def _amount(plan: SubscriptionPlan, interval: str) -> int:
    if interval == "year":
        return plan.price_yearly if plan.price_yearly is not None else plan.price_monthly * 12
    return plan.price_monthly


def _remember(plan: SubscriptionPlan, interval: str, price_id: str | None) -> None:
    if interval == "year":
        plan.stripe_price_id_yearly = price_id
    else:
        plan.stripe_price_id = price_id


def _create(settings: Settings, plan: SubscriptionPlan, interval: str) -> str:
    amount = _amount(plan, interval)
    key = lookup_key(plan.slug, interval)
    created = gateway.client(settings).v1.prices.create(
        params={
            "currency": "usd",
            "unit_amount": amount,
            "recurring": {"interval": "year" if interval == "year" else "month"},
            "product_data": {"name": f"Socialflow {plan.name}"},
            "lookup_key": key,
            "metadata": {"plan": plan.slug, "interval": interval},
        },
        # Same key for the same plan/amount: two processes racing create one price.
        options={"idempotency_key": f"price-{key}-{amount}"},
    )
    return str(created.id)


def price_id(
    settings: Settings, session: Session, plan: SubscriptionPlan, interval: str, *, fresh=False
) -> str:
    """The Stripe price for a plan and interval; looked up or created once, then stored."""
    stored = plan.stripe_price_id_yearly if interval == "year" else plan.stripe_price_id
    if stored and not fresh:
        return stored
    key = lookup_key(plan.slug, interval)
    found = gateway.client(settings).v1.prices.list(
        params={"lookup_keys": [key], "active": True, "limit": 1}
    )
    pid = str(found.data[0].id) if found.data else _create(settings, plan, interval)
    _remember(plan, interval, pid)
    session.flush()
    return pid


def sync_all(settings: Settings, session: Session) -> None:
    """Make sure every paid plan has its monthly and yearly price at Stripe (one list call),
    so the customer portal can offer every plan to switch to."""
    plans = session.scalars(
        select(SubscriptionPlan).where(
            SubscriptionPlan.slug.in_(PAID_PLANS), SubscriptionPlan.is_active.is_(True)
        )
    ).all()
    keys = [lookup_key(p.slug, i) for p in plans for i in INTERVALS]
    found = gateway.client(settings).v1.prices.list(
        params={"lookup_keys": keys, "active": True, "limit": 100}
    )
    by_key = {str(p.lookup_key): str(p.id) for p in found.data}
    for plan in plans:
        for interval in INTERVALS:
            key = lookup_key(plan.slug, interval)
            _remember(plan, interval, by_key.get(key) or _create(settings, plan, interval))
    session.flush()


def plan_for_price(session: Session, price: Mapping[str, Any] | None) -> tuple[str, str] | None:
    """(plan slug, interval) for a Stripe price object: its lookup key, else our stored ids."""
    if not price:
        return None
    parsed = parse_lookup_key(price.get("lookup_key"))
    if parsed:
        return parsed
    pid = price.get("id")
    recurring = price.get("recurring") or {}
    for plan in session.scalars(select(SubscriptionPlan)):
        if pid and pid == plan.stripe_price_id:
            return plan.slug, "month"
        if pid and pid == plan.stripe_price_id_yearly:
            return plan.slug, "year"
    metadata = price.get("metadata") or {}
    if metadata.get("plan") in PAID_PLANS:
        return str(metadata["plan"]), str(recurring.get("interval") or "month")
    return None
