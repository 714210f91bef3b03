"""Plan <-> Stripe price: found by lookup key (created if missing) and remembered on the plan."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
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


@dataclass(frozen=True, slots=True)
class PlanPrice:
    """What Stripe needs to know of a plan: read from the database, used after it is closed."""

    slug: str
    name: str
    price_monthly: int
    price_yearly: int | None
    stripe_price_id: str | None
    stripe_price_id_yearly: str | None

    @classmethod
    def of(cls, plan: SubscriptionPlan) -> PlanPrice:
        return cls(
            plan.slug,
            plan.name,
            plan.price_monthly,
            plan.price_yearly,
            plan.stripe_price_id,
            plan.stripe_price_id_yearly,
        )

    def amount(self, interval: str) -> int:
        if interval == "year":
            return self.price_yearly if self.price_yearly is not None else self.price_monthly * 12
        return self.price_monthly

    def stored(self, interval: str) -> str | None:
        return self.stripe_price_id_yearly if interval == "year" else self.stripe_price_id


def remember(session: Session, slug: str, interval: str, price_id: str) -> None:
    """Store a price id found at Stripe on its plan (a short write, after the calls)."""
    column = "stripe_price_id_yearly" if interval == "year" else "stripe_price_id"
    session.execute(
        update(SubscriptionPlan).where(SubscriptionPlan.slug == slug).values({column: price_id})
    )


def _create(settings: Settings, plan: PlanPrice, interval: str) -> str:
    amount = plan.amount(interval)
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


def find_price(settings: Settings, plan: PlanPrice, interval: str, *, fresh: bool = False) -> str:
    """The Stripe price for a plan and interval: the stored one, else looked up or created at
    Stripe. Makes network calls only: the caller stores a new id with `remember`."""
    stored = plan.stored(interval)
    if stored and not fresh:
        return stored
    key = lookup_key(plan.slug, interval)
    found = gateway.client(settings).v1.prices.list(
        params={"lookup_keys": [key], "active": True, "limit": 1}
    )
    return str(found.data[0].id) if found.data else _create(settings, plan, interval)


def paid_plans(session: Session) -> list[PlanPrice]:
    rows = session.scalars(
        select(SubscriptionPlan).where(
            SubscriptionPlan.slug.in_(PAID_PLANS), SubscriptionPlan.is_active.is_(True)
        )
    ).all()
    return [PlanPrice.of(p) for p in rows]


def find_all(settings: Settings, plans: list[PlanPrice]) -> dict[tuple[str, str], str]:
    """Every paid plan's monthly and yearly price at Stripe (one list call, creating what is
    missing), so the customer portal can offer every plan. Network only."""
    keys = [lookup_key(p.slug, i) for p in plans for i in INTERVALS]
    found = gateway.client(settings).v1.prices.list(
        params={"lookup_keys": keys, "active": True, "limit": 100}
    )
    by_key = {str(p.lookup_key): str(p.id) for p in found.data}
    return {
        (plan.slug, interval): by_key.get(lookup_key(plan.slug, interval))
        or _create(settings, plan, interval)
        for plan in plans
        for interval in INTERVALS
    }


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
