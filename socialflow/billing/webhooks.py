"""Stripe webhooks: verify, store once, handle, retry.

The signature is checked on the raw body (300 s tolerance) before anything is written. Each
event is inserted once by its Stripe id (a unique index; a re-delivery finds the row). Handling
asks Stripe first, with no transaction open, then applies the answer in a savepoint: if that
fails, its writes roll back but the event row stays, unprocessed, with attempts and the error,
for `billing.retry_webhooks` to try again.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

import stripe
from sqlalchemy import Table, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from socialflow.billing import gateway, sync
from socialflow.core.clock import as_utc, utcnow
from socialflow.core.config import Settings
from socialflow.core.context import AppContext
from socialflow.core.db import affected
from socialflow.core.errors import BadRequest, ServiceUnavailable
from socialflow.models import StripeWebhookLog, Workspace

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
    return bool(affected(session.execute(stmt)))


def receive(ctx: AppContext, payload: bytes, signature: str | None) -> dict[str, Any]:
    """POST /api/webhooks/stripe: verify, store once, handle; 200 unless the request is bad."""
    event = verify(ctx.settings, payload, signature)
    with ctx.db.session() as session:
        inserted = _insert_once(session, event)
        processed_before = session.scalar(
            select(StripeWebhookLog.processed).where(
                StripeWebhookLog.stripe_event_id == event["id"]
            )
        )
    if processed_before:
        return {"received": True, "duplicate": True, "processed": True}
    processed = process(ctx, event["id"])
    # A failure is ours to retry (the row is kept): Stripe is told we have the event.
    return {"received": True, "duplicate": not inserted, "processed": processed}


def process(ctx: AppContext, stripe_event_id: str) -> bool:
    """Handle a stored event: ask Stripe first (no transaction open: a slow Stripe must not
    hold the database), then apply the answer in one short write under the event's row lock
    (a concurrent delivery that got there first leaves nothing to do). The outcome is recorded
    on the row either way."""
    with ctx.db.read_sessions() as session:
        data = session.scalar(
            select(StripeWebhookLog.event_data).where(
                StripeWebhookLog.stripe_event_id == stripe_event_id
            )
        )
    if data is None:
        return False
    failure: Exception | None = None
    try:
        fetched = fetch(ctx.settings, data)
    except Exception as exc:  # Stripe down or refusing: recorded, retried by the tick
        fetched, failure = Fetched(), exc
    with ctx.db.session() as session:
        row = session.scalar(
            select(StripeWebhookLog)
            .where(StripeWebhookLog.stripe_event_id == stripe_event_id)
            .with_for_update()
        )
        if row is None or row.processed:
            return row is not None
        row.attempts += 1
        if failure is None:
            try:
                with session.begin_nested():
                    handle(session, row.event_data, fetched)
            except Exception as exc:
                failure = exc
        if failure is not None:
            row.last_error = f"{type(failure).__name__}: {failure}"[:2000]
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


@dataclass(frozen=True, slots=True)
class Fetched:
    """What Stripe said about the event's subscription, asked before the write transaction."""

    subscription: Mapping[str, Any] | None = None  # Stripe's current truth
    missing: bool = False  # Stripe no longer knows the subscription
    at: int = 0  # when it was asked (unix seconds): the truth's timestamp


def _event_subscription(event: Mapping[str, Any]) -> str | None:
    """The subscription an event is about, for the types we handle."""
    kind, obj = str(event.get("type")), event["data"]["object"]
    if kind == "checkout.session.completed":
        if obj.get("mode") != "subscription" or not obj.get("subscription"):
            return None
        sub = obj["subscription"]
        return str(sub if isinstance(sub, str) else sub["id"])
    if kind.startswith("customer.subscription."):
        return str(obj["id"])
    if kind.startswith("invoice."):
        return _subscription_id(obj)
    return None


def fetch(settings: Settings, event: Mapping[str, Any]) -> Fetched:
    """Re-fetch the event's subscription from Stripe (network only)."""
    sub_id = _event_subscription(event) if str(event.get("type")) in HANDLED else None
    if sub_id is None:
        return Fetched()
    at = int(utcnow().timestamp())
    try:
        current = gateway.client(settings).v1.subscriptions.retrieve(sub_id)
    except stripe.InvalidRequestError as exc:
        if exc.code != "resource_missing":
            raise
        return Fetched(missing=True, at=at)
    return Fetched(subscription=current, at=at)


def _sync(
    session: Session,
    event: Mapping[str, Any],
    fetched: Fetched,
    fallback: Mapping[str, Any] | None,
) -> None:
    """Apply Stripe's current subscription; if Stripe no longer has it, the event's copy."""
    kind = str(event.get("type"))
    if fetched.subscription is not None:
        sync.apply(session, fetched.subscription, fetched.at, fresh=True, event_type=kind)
    elif fetched.missing and fallback is not None:
        sync.apply(session, fallback, int(event.get("created") or 0), fresh=False, event_type=kind)
    elif fetched.missing:
        raise LookupError("Stripe no longer knows the subscription this event is about")


def _checkout_completed(session: Session, event: Mapping[str, Any], fetched: Fetched) -> None:
    obj = event["data"]["object"]
    if obj.get("mode") != "subscription" or not obj.get("subscription"):
        return
    # client_reference_id: the workspace (a checkout from before workspaces: the user, whose
    # personal workspace has the same id).
    workspace_id = obj.get("client_reference_id")
    customer = obj.get("customer")
    if workspace_id and customer:
        ws = session.scalar(select(Workspace).where(Workspace.id == _uuid(workspace_id)))
        if ws is not None and not ws.stripe_customer_id:
            ws.stripe_customer_id = str(customer)
    _sync(session, event, fetched, None)


def _subscription_event(session: Session, event: Mapping[str, Any], fetched: Fetched) -> None:
    _sync(session, event, fetched, event["data"]["object"])


def _invoice_event(session: Session, event: Mapping[str, Any], fetched: Fetched) -> None:
    _sync(session, event, fetched, None)


def _uuid(value: Any) -> Any:
    import uuid

    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


HANDLERS: dict[str, Callable[[Session, Mapping[str, Any], Fetched], None]] = {
    "checkout.session.completed": _checkout_completed,
    "customer.subscription.created": _subscription_event,
    "customer.subscription.updated": _subscription_event,
    "customer.subscription.deleted": _subscription_event,
    "invoice.paid": _invoice_event,
    "invoice.payment_failed": _invoice_event,
}


def handle(session: Session, event: Mapping[str, Any], fetched: Fetched) -> None:
    handler = HANDLERS.get(str(event.get("type")))
    if handler is None:
        log.info(
            "stripe event %s of type %s acknowledged, not handled",
            event.get("id"),
            event.get("type"),
        )
        return
    handler(session, event, fetched)


# --------------------------------------------------------------------------- retries


def due(row: StripeWebhookLog, base_seconds: float) -> bool:
    """Backoff from the event's arrival: retry n waits base * (2^n - 1) in total."""
    wait = timedelta(seconds=base_seconds * (2**row.attempts - 1))
    return utcnow() >= as_utc(row.created_at) + wait


def retry_unprocessed(ctx: AppContext, batch: int = 100) -> tuple[int, int]:
    """Handle stored events that failed before and are due; returns (retried, now processed)."""
    base = ctx.settings.billing_retry_base_seconds
    with ctx.db.read_sessions() as session:
        candidates = [
            row.stripe_event_id
            for row in session.scalars(
                select(StripeWebhookLog)
                .where(
                    StripeWebhookLog.processed.is_(False),
                    StripeWebhookLog.attempts < MAX_ATTEMPTS,
                )
                .order_by(StripeWebhookLog.created_at)
                .limit(batch)
            )
            if due(row, base)
        ]
    done = 0
    for event_id in candidates:
        ok = process(ctx, event_id)
        done += ok
        if not ok:
            _log_if_given_up(ctx, event_id)
    return len(candidates), done


def _log_if_given_up(ctx: AppContext, event_id: str) -> None:
    with ctx.db.read_sessions() as session:
        row = session.scalar(
            select(StripeWebhookLog).where(StripeWebhookLog.stripe_event_id == event_id)
        )
    if row is not None and not row.processed and row.attempts >= MAX_ATTEMPTS:
        log.error(
            "stripe event %s gave up after %d attempts: %s",
            row.stripe_event_id,
            row.attempts,
            row.last_error,
        )
