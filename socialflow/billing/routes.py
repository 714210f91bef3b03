"""HTTP for billing: plans, checkout and portal links, the subscription, Stripe's webhooks."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request

from socialflow.billing import service, webhooks
from socialflow.billing.schemas import CheckoutIn, PlansOut, SubscriptionOut, UrlOut
from socialflow.core.deps import ContextDep, Owner, Reader, SessionDep

billing = APIRouter(prefix="/api/billing", tags=["billing"])
hooks = APIRouter(prefix="/api/webhooks", tags=["billing"])


@billing.get("/plans")
def plans(session: SessionDep) -> PlansOut:
    """The plans with prices (cents), limits and features; no login needed."""
    return service.plans(session)


@billing.post("/checkout")
def checkout(body: CheckoutIn, scope: Owner, ctx: ContextDep) -> UrlOut:
    """Start a Stripe Checkout for a paid plan; send the browser to `url`."""
    return service.checkout(ctx, scope.workspace_id, body)


@billing.post("/portal")
def portal(scope: Owner, ctx: ContextDep) -> UrlOut:
    """A Stripe customer portal link (card, invoices, cancel, switch plan)."""
    return service.portal(ctx, scope.workspace_id)


@billing.get("/subscription")
def subscription(scope: Reader, session: SessionDep) -> SubscriptionOut:
    """The plan in force, its status and renewal, this period's usage against the limits."""
    return service.subscription(session, scope.workspace_id)


async def raw_body(request: Request) -> bytes:
    """The body exactly as sent: the signature covers these bytes."""
    return await request.body()


@hooks.post("/stripe")
def stripe_webhook(
    payload: Annotated[bytes, Depends(raw_body)],
    ctx: ContextDep,
    stripe_signature: Annotated[str | None, Header(alias="Stripe-Signature")] = None,
) -> dict[str, Any]:
    """Stripe events: verified, stored once by id, handled (failures retried later)."""
    return webhooks.receive(ctx, payload, stripe_signature)


router = APIRouter()
router.include_router(billing)
router.include_router(hooks)
