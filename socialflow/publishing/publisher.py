"""The publisher: one platform post, queued -> publishing -> an outcome, exactly once.

1. Take the row with a conditional UPDATE (0 rows: someone else has it; leave) and record the
   attempt, in one commit.
2. Call the connector (one token refresh and retry on AuthExpired).
3. Record the outcome in one commit. A call that went out and got no answer is never retried
   blindly: the row becomes `unknown` and the reconciler asks the platform.
"""

from __future__ import annotations

import logging
import os
import random
import socket
import threading
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from socialflow.core.clock import utcnow
from socialflow.core.context import AppContext
from socialflow.models import PlatformPost, Post, PublishAttempt, SocialAccount
from socialflow.platforms.base import (
    AuthExpired,
    Connector,
    Disconnected,
    OutcomeUnknown,
    Pending,
    PlatformError,
    PlatformHTTP,
    Published,
    RateLimited,
    Rejected,
    Transient,
    Variant,
)
from socialflow.platforms.registry import get_connector
from socialflow.platforms.text import validate
from socialflow.publishing import outcomes

log = logging.getLogger("socialflow.publisher")


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


@dataclass(slots=True)
class Taken:
    """What the publisher needs after it took a row (read in the taking transaction)."""

    id: uuid.UUID
    post_id: uuid.UUID
    user_id: uuid.UUID
    account_id: uuid.UUID | None
    platform: str
    content: str
    title: str | None
    media_ids: list[str]
    options: dict[str, Any]
    attempt_no: int
    attempt_id: uuid.UUID
    pending_ref: dict[str, Any] | None

    @classmethod
    def of(cls, row: PlatformPost, attempt_id: uuid.UUID) -> Taken:
        return cls(
            id=row.id,
            post_id=row.post_id,
            user_id=row.user_id,
            account_id=row.social_account_id,
            platform=row.platform,
            content=row.content,
            title=row.title,
            media_ids=list(row.media_ids),
            options=dict(row.options or {}),
            attempt_no=row.attempts,
            attempt_id=attempt_id,
            pending_ref=dict(row.pending_ref) if row.pending_ref else None,
        )


def _take(ctx: AppContext, pp_id: uuid.UUID, from_status: str, to_status: str) -> Taken | None:
    now = utcnow()
    lease = now + timedelta(seconds=ctx.settings.publish_lease_seconds)
    with ctx.db.session() as session:
        values: dict[str, Any] = {"status": to_status, "lease_expires_at": lease, "updated_at": now}
        if to_status == "publishing":
            values["attempts"] = PlatformPost.attempts + 1
        taken = session.execute(
            update(PlatformPost)
            .where(PlatformPost.id == pp_id, PlatformPost.status == from_status)
            .values(**values)
            .execution_options(synchronize_session=False)
        ).rowcount
        if taken != 1:
            return None
        row = session.get(PlatformPost, pp_id)
        assert row is not None
        attempt = PublishAttempt(
            platform_post_id=row.id, attempt_no=row.attempts, worker=worker_name()[:100]
        )
        session.add(attempt)
        post = session.get(Post, row.post_id)
        if post is not None and post.status != "publishing":
            post.status, post.updated_at = "publishing", now
        session.flush()
        return Taken.of(row, attempt.id)


def _variant(ctx: AppContext, taken: Taken) -> Variant:
    media = []
    if taken.media_ids:
        from socialflow.media.service import media_items

        with ctx.db.read_sessions() as session:
            media = media_items(ctx, session, taken.user_id, taken.media_ids)
    return Variant(
        text=taken.content,
        media=media,
        title=taken.title,
        options=taken.options,
        idempotency_key=str(taken.id),
    )


def _account_problem(ctx: AppContext, taken: Taken) -> str | None:
    if taken.account_id is None:
        return "The account was disconnected."
    with ctx.db.read_sessions() as session:
        account = session.get(SocialAccount, taken.account_id)
        if account is None:
            return "The account was disconnected."
        if account.status != "active":
            return (
                f"The {taken.platform} account is {account.status.replace('_', ' ')}; "
                "reconnect it on the Platforms page."
            )
    return None


_client_lock = threading.Lock()


def connector_for(ctx: AppContext, platform: str) -> Connector:
    """A connector on the process's shared HTTP client.

    A client per publish cost a TLS context (~4 ms of CPU, a third of a publish's CPU in the
    spike benchmark) and a new connection, and was never closed; httpx clients are
    thread-safe and pool keep-alive connections.
    """
    client = ctx.extras.get("platform_http")
    if client is None:
        with _client_lock:
            client = ctx.extras.get("platform_http")
            if client is None:
                timeout = ctx.settings.platform_timeout_seconds
                client = ctx.extras["platform_http"] = PlatformHTTP.new_client(timeout)
    return get_connector(ctx.settings, platform, client)


def _call(ctx: AppContext, taken: Taken, fn: Any) -> Any:
    from socialflow.accounts.tokens import call_with_fresh_tokens

    assert taken.account_id is not None
    return call_with_fresh_tokens(ctx, taken.account_id, fn)


def publish(ctx: AppContext, platform_post_id: str) -> None:
    """Job `publishing.publish`."""
    taken = _take(ctx, uuid.UUID(platform_post_id), "queued", "publishing")
    if taken is None:
        return  # someone else has it, or it was cancelled
    problem = _account_problem(ctx, taken)
    if problem:
        outcomes.fail(ctx, taken, "account_unavailable", problem)
        return
    try:
        variant = _variant(ctx, taken)
    except Exception as exc:  # media gone, storage down: nothing was sent
        outcomes.retry_later(ctx, taken, "media_unavailable", f"Media could not be read: {exc}")
        return
    found = validate(taken.platform, variant)
    if found:
        outcomes.fail(ctx, taken, found[0].code, "; ".join(p.message for p in found))
        return
    connector = connector_for(ctx, taken.platform)
    try:
        result = _call(ctx, taken, lambda tokens: connector.publish(tokens, variant))
    except Exception as exc:  # every outcome is recorded, whatever the failure
        settle_error(ctx, taken, exc, call_may_have_landed=True)
        return
    settle_result(ctx, taken, result)


def check(ctx: AppContext, platform_post_id: str) -> None:
    """Job `publishing.check`: poll a platform that is still processing the media."""
    pp_id = uuid.UUID(platform_post_id)
    with ctx.db.read_sessions() as session:
        row = session.get(PlatformPost, pp_id)
        if row is None or row.status != "processing" or not row.pending_ref:
            return
        taken = Taken.of(row, _last_attempt(session, row.id))
    connector = connector_for(ctx, taken.platform)
    ref = taken.pending_ref or {}
    try:
        result = _call(ctx, taken, lambda tokens: connector.check(tokens, ref))
    except Exception as exc:
        settle_error(ctx, taken, exc, call_may_have_landed=False, polling=True)
        return
    settle_result(ctx, taken, result, polling=True)


def _last_attempt(session: Any, pp_id: uuid.UUID) -> uuid.UUID:
    attempt_id = session.scalar(
        select(PublishAttempt.id)
        .where(PublishAttempt.platform_post_id == pp_id)
        .order_by(PublishAttempt.started_at.desc())
        .limit(1)
    )
    return attempt_id or uuid.uuid4()


def settle_result(ctx: AppContext, taken: Taken, result: Any, polling: bool = False) -> None:
    if isinstance(result, Published):
        outcomes.published(ctx, taken, result.platform_post_id, result.url)
    elif isinstance(result, Pending):
        outcomes.processing(ctx, taken, result.ref, result.poll_after)
    else:
        outcomes.to_unknown(ctx, taken, "bad_result", f"Unexpected answer {type(result).__name__}")


def backoff(ctx: AppContext, attempts: int) -> float:
    """Exponential backoff with jitter (0.5x-1.5x), capped."""
    base = ctx.settings.retry_base_seconds * (2 ** max(0, attempts - 1))
    return min(ctx.settings.retry_cap_seconds, base) * random.uniform(0.5, 1.5)


def settle_error(
    ctx: AppContext,
    taken: Taken,
    exc: Exception,
    *,
    call_may_have_landed: bool,
    polling: bool = False,
) -> None:
    """Map a connector failure onto the state machine."""
    message = exc.message if isinstance(exc, PlatformError) else f"{type(exc).__name__}: {exc}"
    code = (exc.code if isinstance(exc, PlatformError) else None) or type(exc).__name__.lower()
    if isinstance(exc, RateLimited):
        outcomes.wait_until(ctx, taken, exc.reset_at, "rate_limited", message, polling=polling)
    elif isinstance(exc, Transient):
        outcomes.retry_later(ctx, taken, code, message, polling=polling)
    elif isinstance(exc, Disconnected | AuthExpired):
        # call_with_fresh_tokens already refreshed once; the account needs the user now.
        outcomes.fail(ctx, taken, "reconnect_needed", message, reauth=True)
    elif isinstance(exc, Rejected):
        outcomes.fail(ctx, taken, code, message)
    elif polling:
        outcomes.retry_later(ctx, taken, code, message, polling=True)
    elif isinstance(exc, OutcomeUnknown) or call_may_have_landed:
        if not isinstance(exc, OutcomeUnknown):
            log.exception("publish of %s failed unexpectedly", taken.id, exc_info=exc)
        outcomes.to_unknown(ctx, taken, code, message)
    else:
        outcomes.retry_later(ctx, taken, code, message)
