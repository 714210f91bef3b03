"""Stripe webhooks: verify, store once, handle, retry.

The signature is checked on the raw body (300 s tolerance) before anything is written. Each
event is inserted once by its Stripe id (a unique index; a re-delivery finds the row). It is
handled in a savepoint: if the handler fails, its writes roll back but the event row stays,
unprocessed, with attempts and the error, for `billing.retry_webhooks` to try again.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any, cast

import stripe
from sqlalchemy import CursorResult, Table, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from socialflow.billing import gateway, sync
from socialflow.core.clock import as_utc, utcnow
from socialflow.core.config import Settings
from socialflow.core.context import AppContext
from socialflow.core.errors import BadRequest, ServiceUnavailable
from socialflow.models import StripeWebhookLog, User

log = logging.getLogger("socialflow.billing.webhooks")

TOLERANCE_SECONDS = 300
MAX_ATTEMPTS = 12  # with the backoff below: about a day and a half of retries
HANDLED = (
    "checkout.session.completed",
    "customer.subscription.created",
    "customer.subscription.updated",
    "customer.subscription.deleted",
    "invoice.paid",
    "invoice.payment_failed",
)


def verify(settings: Settings, payload: bytes, signature: str | None) -> dict[str, Any]:
    """The event, if `signature` is Stripe's for this exact body and recent; else 400."""
    config = gateway.require_config(settings)
    if not config.webhook_secret:
        raise ServiceUnavailable(
            "STRIPE_WEBHOOK_SECRET is not set, so Stripe events cannot be verified.",
            code="billing_unavailable",
        )
    if not signature:
        raise BadRequest("Missing Stripe-Signature header.", code="invalid_signature")
    try:
        text = payload.decode("utf-8")
        stripe.WebhookSignature.verify_header(
            text, signature, config.webhook_secret, TOLERANCE_SECONDS
        )
    except (stripe.SignatureVerificationError, UnicodeDecodeError) as exc:
        message = getattr(exc, "user_message", None) or str(exc)
        raise BadRequest(f"Invalid Stripe signature: {message}", code="invalid_signature") from None
    try:
        event = json.loads(text)
    except ValueError:
        raise BadRequest("The event is not JSON.", code="invalid_event") from None
    if (
        not isinstance(event, dict)
        or not isinstance(event.get("id"), str)
        or not isinstance((event.get("data") or {}).get("object"), dict)
    ):
        raise BadRequest("The event has no id or data.object.", code="invalid_event")
    return event


def _insert_once(session: Session, event: dict[str, Any]) -> bool:
    """Insert the event unless its id is stored already; True if this call inserted it."""
    values = {
        "stripe_event_id": event["id"],
        "event_type": str(event.get("type") or "unknown")[:100],
        "event_data": event,
    }
    table = cast(Table, StripeWebhookLog.__table__)
    dialect = session.get_bind().dialect.name
    builder = pg_insert if dialect == "postgresql" else sqlite_insert
    # Core applies the columns' Python defaults (id, created_at, processed, attempts).
    stmt = (
        builder(table).values(**values).on_conflict_do_nothing(index_elements=["stripe_event_id"])
    )
    return bool(cast(CursorResult[Any], session.execute(stmt)).rowcount)


def receive(
    ctx: AppContext, session: Session, payload: bytes, signature: str | None
) -> dict[str, Any]:
    """POST /api/webhooks/stripe: verify, store once, handle; 200 unless the request is bad."""
    event = verify(ctx.settings, payload, signature)
    inserted = _insert_once(session, event)
    row = session.scalar(
        select(StripeWebhookLog)
        .where(StripeWebhookLog.stripe_event_id == event["id"])
        .with_for_update()
    )
    assert row is not None
    if row.processed:
        return {"received": True, "duplicate": True, "processed": True}
    processed = process(ctx.settings, session, row)
    # A failure is ours to retry (the row is kept): Stripe is told we have the event.
    return {"received": True, "duplicate": not inserted, "processed": processed}


def process(settings: Settings, session: Session, row: StripeWebhookLog) -> bool:
    """Run the handler in a savepoint; record the outcome on the row either way."""
    row.attempts += 1
    try:
        with session.begin_nested():
            handle(settings, session, row.event_data)
    except Exception as exc:
        row.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        log.warning(
            "stripe event %s (%s) failed, attempt %d: %s",
            row.stripe_event_id,
            row.event_type,
            row.attempts,
            row.last_error,
        )
        return False
    row.processed = True
    row.processed_at = utcnow()
    row.last_error = None
    return True


# --------------------------------------------------------------------------- handlers


def _subscription_id(obj: Mapping[str, Any]) -> str | None:
    """An invoice's subscription: under parent.subscription_details since API 2025-03-31."""
    details = ((obj.get("parent") or {}).get("subscription_details")) or {}
    found = details.get("subscription") or obj.get("subscription")
    if isinstance(found, Mapping):
        found = found.get("id")
    return str(found) if found else None


def _sync(
    settings: Settings,
    session: Session,
    sub_id: str,
    event: Mapping[str, Any],
    fallback: Mapping[str, Any] | None,
) -> None:
    """Re-fetch the subscription (Stripe's current truth) and apply it."""
    try:
        current = gateway.client(settings).v1.subscriptions.retrieve(sub_id)
    except stripe.InvalidRequestError as exc:
        if exc.code != "resource_missing" or fallback is None:
            raise
        sync.apply(
            session,
            fallback,
            int(event.get("created") or 0),
            fresh=False,
            event_type=str(event.get("type")),
        )
        return
    sync.apply(
        session, current, int(utcnow().timestamp()), fresh=True, event_type=str(event.get("type"))
    )


def _checkout_completed(settings: Settings, session: Session, event: Mapping[str, Any]) -> None:
    obj = event["data"]["object"]
    if obj.get("mode") != "subscription" or not obj.get("subscription"):
        return
    user_id = obj.get("client_reference_id")
    customer = obj.get("customer")
    if user_id and customer:
        user = session.scalar(select(User).where(User.id == _uuid(user_id)))
        if user is not None and not user.stripe_customer_id:
            user.stripe_customer_id = str(customer)
    sub_id = obj["subscription"]
    _sync(settings, session, str(sub_id if isinstance(sub_id, str) else sub_id["id"]), event, None)


def _subscription_event(settings: Settings, session: Session, event: Mapping[str, Any]) -> None:
    obj = event["data"]["object"]
    _sync(settings, session, str(obj["id"]), event, obj)


def _invoice_event(settings: Settings, session: Session, event: Mapping[str, Any]) -> None:
    sub_id = _subscription_id(event["data"]["object"])
    if sub_id:
        _sync(settings, session, sub_id, event, None)


def _uuid(value: Any) -> Any:
    import uuid

    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


HANDLERS: dict[str, Callable[[Settings, Session, Mapping[str, Any]], None]] = {
    "checkout.session.completed": _checkout_completed,
    "customer.subscription.created": _subscription_event,
    "customer.subscription.updated": _subscription_event,
    "customer.subscription.deleted": _subscription_event,
    "invoice.paid": _invoice_event,
    "invoice.payment_failed": _invoice_event,
}


def handle(settings: Settings, session: Session, event: Mapping[str, Any]) -> None:
    handler = HANDLERS.get(str(event.get("type")))
    if handler is None:
        log.info(
            "stripe event %s of type %s acknowledged, not handled",
            event.get("id"),
            event.get("type"),
        )
        return
    handler(settings, session, event)


# --------------------------------------------------------------------------- retries


def due(row: StripeWebhookLog, base_seconds: float) -> bool:
    """Backoff from the event's arrival: retry n waits base * (2^n - 1) in total."""
    wait = timedelta(seconds=base_seconds * (2**row.attempts - 1))
    return utcnow() >= as_utc(row.created_at) + wait


def retry_unprocessed(ctx: AppContext, batch: int = 100) -> tuple[int, int]:
    """Handle stored events that failed before; returns (retried, now processed)."""
    base = ctx.settings.billing_retry_base_seconds
    with ctx.db.read_sessions() as session:
        candidates = session.scalars(
            select(StripeWebhookLog.id)
            .where(StripeWebhookLog.processed.is_(False), StripeWebhookLog.attempts < MAX_ATTEMPTS)
            .order_by(StripeWebhookLog.created_at)
            .limit(batch)
        ).all()
    retried = done = 0
    for event_id in candidates:
        with ctx.db.session() as session:
            stmt = select(StripeWebhookLog).where(StripeWebhookLog.id == event_id)
            if session.get_bind().dialect.name == "postgresql":
                stmt = stmt.with_for_update(skip_locked=True)  # a delivery is handling it
            row = session.scalar(stmt)
            if row is None or row.processed or not due(row, base):
                continue
            retried += 1
            done += process(ctx.settings, session, row)
            if not row.processed and row.attempts >= MAX_ATTEMPTS:
                log.error(
                    "stripe event %s gave up after %d attempts: %s",
                    row.stripe_event_id,
                    row.attempts,
                    row.last_error,
                )
    return retried, done
