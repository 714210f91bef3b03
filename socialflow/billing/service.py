"""Billing: plans, Stripe Checkout and customer portal links, a workspace's subscription.

Calls to Stripe carry an idempotency key each. The customer is created once per workspace (with
a key derived from the workspace id, so racing checkouts share it); its e-mail is the owner's.
No database transaction is open while Stripe answers: read, close, call, then one short write.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import stripe
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from socialflow.billing import entitlements, gateway, prices
from socialflow.billing.schemas import (
    CheckoutIn,
    PlanOut,
    PlansOut,
    SubscriptionOut,
    UrlOut,
    UsageOut,
)
from socialflow.core.clock import as_utc
from socialflow.core.context import AppContext
from socialflow.core.errors import Conflict, ServiceUnavailable, field_error
from socialflow.models import SocialAccount, Subscription, SubscriptionPlan, User, Workspace

log = logging.getLogger("socialflow.billing")
SESSION_PLACEHOLDER = "{CHECKOUT_SESSION_ID}"  # Stripe fills in the session id
LIVE_STATUSES = {"active", "trialing", "past_due", "unpaid"}


@contextmanager
def stripe_errors(action: str) -> Iterator[None]:
    """Stripe's failures as our errors; the message never carries keys."""
    try:
        yield
    except stripe.StripeError as exc:
        log.warning("stripe %s failed: %s %s", action, type(exc).__name__, exc.user_message)
        raise ServiceUnavailable(
            f"Stripe could not {action} right now; please try again in a moment.",
            code="stripe_unavailable",
            details={"stripe_error": type(exc).__name__},
        ) from None


def plans(session: Session) -> PlansOut:
    rows = session.scalars(
        select(SubscriptionPlan)
        .where(SubscriptionPlan.is_active.is_(True))
        .order_by(SubscriptionPlan.sort_order, SubscriptionPlan.price_monthly)
    ).all()
    return PlansOut(
        plans=[
            PlanOut(
                slug=p.slug,
                name=p.name,
                price_monthly=p.price_monthly,
                price_yearly=p.price_yearly,
                posts_per_month=p.posts_per_month,
                connected_accounts_limit=p.connected_accounts_limit,
                seat_limit=p.seat_limit,
                features=list(p.features or []),
            )
            for p in rows
        ]
    )


@dataclass(frozen=True, slots=True)
class Payer:
    """The workspace as Stripe needs it (owner's e-mail), read before any call (no transaction
    stays open)."""

    id: uuid.UUID
    email: str
    name: str
    customer_id: str | None


def _payer(session: Session, workspace_id: uuid.UUID) -> Payer:
    ws, _ = entitlements.load(session, workspace_id)
    owner = session.get(User, ws.owner_id)
    email = owner.email if owner else ""
    name = ws.name if not ws.personal else (owner.full_name if owner else None) or email
    return Payer(ws.id, email, name, ws.stripe_customer_id)


def _create_customer(ctx: AppContext, payer: Payer) -> str:
    """A Stripe customer for the workspace. The idempotency key is derived from it and the id
    it replaces, so racing checkouts (no lock is held during the call) get the same customer."""
    created = gateway.client(ctx.settings).v1.customers.create(
        params={
            "email": payer.email,
            "name": payer.name,
            "metadata": {"workspace_id": str(payer.id)},
        },
        options={
            "idempotency_key": "customer-"
            + gateway.fingerprint(str(payer.id), payer.customer_id or "")
        },
    )
    return str(created.id)


def _keep_customer(session: Session, payer: Payer, customer_id: str) -> None:
    """Store a new customer id unless another request stored one meanwhile."""
    if customer_id != payer.customer_id:
        session.execute(
            update(Workspace)
            .where(Workspace.id == payer.id)
            .where(
                Workspace.stripe_customer_id.is_(None)
                if payer.customer_id is None
                else Workspace.stripe_customer_id == payer.customer_id
            )
            .values(stripe_customer_id=customer_id)
        )


def checkout(ctx: AppContext, workspace_id: uuid.UUID, body: CheckoutIn) -> UrlOut:
    """A Stripe Checkout Session (subscription mode) for the plan; returns its URL.

    Read, close, call Stripe, then one short write: no database lock is held while Stripe
    answers (on SQLite, a slow Stripe would otherwise stop every other writer).
    """
    settings = ctx.settings
    gateway.require_config(settings)
    with ctx.db.read_sessions() as session:
        row = session.scalar(
            select(SubscriptionPlan).where(
                SubscriptionPlan.slug == body.plan, SubscriptionPlan.is_active.is_(True)
            )
        )
        if row is None:
            raise field_error("plan", f"'{body.plan}' is not an available plan")
        plan = prices.PlanPrice.of(row)
        payer = _payer(session, workspace_id)
        current = session.scalar(
            select(Subscription).where(Subscription.workspace_id == workspace_id)
        )
        if current is not None and current.status in LIVE_STATUSES:
            raise Conflict(
                f"This workspace already subscribes to {current.plan_slug.title()}. Change or "
                "cancel it in the billing portal.",
                code="subscription_exists",
                details={"plan": current.plan_slug, "status": current.status},
            )
    base = settings.base_url
    with stripe_errors("start a checkout"):
        price = prices.find_price(settings, plan, body.interval)
        customer = payer.customer_id or _create_customer(ctx, payer)
        for attempt in range(3):
            try:
                created = gateway.client(settings).v1.checkout.sessions.create(
                    params={
                        "mode": "subscription",
                        "customer": customer,
                        "client_reference_id": str(workspace_id),
                        "line_items": [{"price": price, "quantity": 1}],
                        "success_url": f"{base}/billing?checkout=success"
                        f"&session_id={SESSION_PLACEHOLDER}",
                        "cancel_url": f"{base}/billing?checkout=cancelled",
                        "metadata": {
                            "workspace_id": str(workspace_id),
                            "plan": plan.slug,
                            "interval": body.interval,
                        },
                        "subscription_data": {
                            "metadata": {"workspace_id": str(workspace_id), "plan": plan.slug}
                        },
                    },
                    # A fresh key per attempt: a later checkout must not replay an expired one.
                    options={"idempotency_key": f"checkout-{workspace_id}-{uuid.uuid4().hex}"},
                )
                break
            except stripe.InvalidRequestError as exc:
                # A stored price or customer Stripe no longer knows (deleted, another
                # account, a reset sandbox): look it up or create it anew, then try again.
                if attempt == 2 or exc.code != "resource_missing":
                    raise
                if "price" in (exc.param or ""):
                    price = prices.find_price(settings, plan, body.interval, fresh=True)
                elif "customer" in (exc.param or ""):
                    customer = _create_customer(ctx, payer)
                else:
                    raise
    with ctx.db.session() as session:
        if price != plan.stored(body.interval):
            prices.remember(session, plan.slug, body.interval, price)
        _keep_customer(session, payer, customer)
    return UrlOut(url=str(created.url))


def portal(ctx: AppContext, workspace_id: uuid.UUID) -> UrlOut:
    """A Stripe customer portal link: card, invoices, cancel, switch plan (read, call, write)."""
    gateway.require_config(ctx.settings)
    with ctx.db.read_sessions() as session:
        payer = _payer(session, workspace_id)
        plans = prices.paid_plans(session)
    if not payer.customer_id:
        raise Conflict(
            "This workspace has no billing account yet: choose a plan first.",
            code="no_billing_account",
        )
    with stripe_errors("open the billing portal"):
        found = prices.find_all(ctx.settings, plans)
        created = gateway.client(ctx.settings).v1.billing_portal.sessions.create(
            params={
                "customer": payer.customer_id,
                "return_url": f"{ctx.settings.base_url}/billing",
            },
            options={"idempotency_key": f"portal-{payer.id}-{uuid.uuid4().hex}"},
        )
    with ctx.db.session() as session:
        for plan in plans:
            for interval in prices.INTERVALS:
                if found[(plan.slug, interval)] != plan.stored(interval):
                    prices.remember(session, plan.slug, interval, found[(plan.slug, interval)])
    return UrlOut(url=str(created.url))


def subscription(session: Session, workspace_id: uuid.UUID) -> SubscriptionOut:
    """The plan, its status and this period's usage against the limits."""
    user, ent = entitlements.load(session, workspace_id)
    row = session.scalar(select(Subscription).where(Subscription.workspace_id == workspace_id))
    by_status: dict[str, int] = {
        status: count
        for status, count in session.execute(
            select(SocialAccount.status, func.count())
            .where(SocialAccount.workspace_id == workspace_id)
            .group_by(SocialAccount.status)
        ).tuples()
    }
    paused = by_status.pop("paused", 0)
    period_start = entitlements.usage_period_start(user)
    stale = user.usage_period_start is None or as_utc(user.usage_period_start) < period_start
    live = row is not None and row.status in LIVE_STATUSES
    return SubscriptionOut(
        tier=ent.plan_slug,
        plan=user.subscription_tier,
        plan_name=ent.plan_name,
        status=user.subscription_status,
        interval=row.interval if live and row else None,
        current_period_end=row.current_period_end if live and row else None,
        cancel_at_period_end=bool(live and row and row.cancel_at_period_end),
        grace_until=row.grace_until if row and row.status == "past_due" else None,
        restricted=ent.restricted,
        usage=UsageOut(
            # A new period has begun but nothing reserved yet: its count is 0.
            posts_this_month=0 if stale else user.posts_this_month,
            posts_per_month=ent.posts_per_month,
            connected_accounts=sum(by_status.values()),
            connected_accounts_limit=ent.connected_accounts_limit,
            paused_accounts=paused,
            seats_used=entitlements.seats_used(session, workspace_id),
            seat_limit=ent.seat_limit,
            period_start=period_start,
        ),
        features=sorted(ent.features),
    )
