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
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Row, select

from socialflow.accounts.tokens import call_with_fresh_tokens, tokens_for
from socialflow.core.clock import utcnow
from socialflow.core.context import AppContext
from socialflow.core.db import insert_rows
from socialflow.media.service import media_items
from socialflow.models import PlatformPost, Post, PublishAttempt, SocialAccount
from socialflow.platforms.base import (
    AuthExpired,
    Connector,
    Disconnected,
    MediaItem,
    OutcomeUnknown,
    Pending,
    PlatformError,
    PlatformHTTP,
    Published,
    RateLimited,
    Rejected,
    TokenSet,
    Transient,
    Variant,
)
from socialflow.platforms.registry import get_connector
from socialflow.platforms.text import validate
from socialflow.publishing import outcomes
from socialflow.publishing.outcomes import table_of
from socialflow.publishing.taken import Taken

log = logging.getLogger("socialflow.publisher")


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def _take_many(ctx: AppContext, ids: list[uuid.UUID]) -> list[tuple[Taken, Account | None]]:
    """Take every row of `ids` still queued and record the attempts, in one commit.

    Rows someone else took (or that were cancelled) are simply not returned. The accounts and
    their decrypted tokens are read in the same transaction, so a publish makes no other read
    before its call. Locks: the platform_posts rows first (the UPDATE), then their posts in id
    order, as every outcome write does, so two batches cannot deadlock on shared posts.
    """
    now = utcnow()
    lease = now + timedelta(seconds=ctx.settings.publish_lease_seconds)
    worker = worker_name()[:100]
    pp, posts, attempts_t = table_of(PlatformPost), table_of(Post), table_of(PublishAttempt)
    accounts_t = table_of(SocialAccount)
    with ctx.db.session() as session:
        rows = session.execute(
            pp.update()
            .where(pp.c.id.in_(ids), pp.c.status == "queued")
            .values(
                status="publishing",
                lease_expires_at=lease,
                updated_at=now,
                attempts=pp.c.attempts + 1,
            )
            .returning(*(pp.c[name] for name in TAKEN_COLUMNS))
        ).all()
        if not rows:
            return []
        attempts = {row.id: uuid.uuid4() for row in rows}
        insert_rows(
            session,
            attempts_t,
            [
                {
                    "id": attempts[row.id],
                    "platform_post_id": row.id,
                    "attempt_no": row.attempts,
                    "started_at": now,
                    "worker": worker,
                }
                for row in rows
            ],
        )
        moving = session.scalars(
            select(posts.c.id)
            .where(posts.c.id.in_({row.post_id for row in rows}), posts.c.status != "publishing")
            .order_by(posts.c.id)
            .with_for_update()
        ).all()
        if moving:
            session.execute(
                posts.update()
                .where(posts.c.id.in_(moving))
                .values(status="publishing", updated_at=now)
            )
        account_ids = {row.social_account_id for row in rows if row.social_account_id}
        accounts = {
            a.id: _account(ctx, a)
            for a in session.execute(select(accounts_t).where(accounts_t.c.id.in_(account_ids)))
        }
    order = {pp_id: i for i, pp_id in enumerate(ids)}  # the scheduler's order: oldest due first
    # A call must end before the lease does: once the lease is gone, lease recovery hands the
    # row to the reconciler, which may re-publish on proven absence. A row still waiting for
    # a free call thread then is sent back instead (the pool is shared by every batch).
    call_by = time.monotonic() + call_budget(ctx)
    taken = []
    for row in sorted(rows, key=lambda r: order[r.id]):
        one = Taken.of(row, attempts[row.id])
        one.call_by = call_by
        taken.append((one, accounts.get(row.social_account_id)))
    return taken


TAKEN_COLUMNS = (
    "id",
    "post_id",
    "workspace_id",
    "social_account_id",
    "platform",
    "content",
    "title",
    "media_ids",
    "options",
    "attempts",
    "pending_ref",
)


def _variant(ctx: AppContext, taken: Taken) -> Variant:
    media = []
    roles = {r: str(taken.options[k]) for k, r in ATTACHMENTS.items() if taken.options.get(k)}
    attachments: dict[str, MediaItem] = {}
    if taken.media_ids or roles:
        with ctx.db.read_sessions() as session:
            media = media_items(ctx, session, taken.workspace_id, taken.media_ids)
            if roles:
                found = media_items(ctx, session, taken.workspace_id, list(roles.values()))
                attachments = dict(zip(roles, found, strict=True))
    return Variant(
        text=taken.content,
        media=media,
        title=taken.title,
        options=taken.options,
        idempotency_key=str(taken.id),
        attachments=attachments,
    )


# Settings naming a media file, and the role it has in Variant.attachments.
ATTACHMENTS = {"cover_media_id": "cover", "thumbnail_media_id": "thumbnail"}


@dataclass(frozen=True, slots=True)
class Account:
    """The target account as read when the row was taken."""

    status: str
    platform: str
    tokens: TokenSet | None  # None: the stored tokens could not be decrypted


def _account(ctx: AppContext, row: Row[Any]) -> Account:
    """One account's row with its tokens decrypted; a row that cannot be decrypted (a key
    removed from TOKEN_ENCRYPTION_KEYS too early) fails its own posts, not the batch."""
    try:
        tokens: TokenSet | None = tokens_for(ctx, None, row)
    except Exception as exc:
        log.error("tokens of account %s cannot be decrypted: %s", row.id, type(exc).__name__)
        tokens = None
    return Account(row.status, row.platform, tokens)


def _account_problem(taken: Taken, account: Account | None) -> str | None:
    if taken.account_id is None or account is None:
        return "The account was disconnected."
    if account.tokens is None:
        return (
            f"The stored sign-in of this {taken.platform} account can no longer be read; "
            "reconnect it on the Platforms page."
        )
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
                # The call pool plus the job threads that make a lone call themselves.
                connections = ctx.settings.publish_concurrency + 32
                client = ctx.extras["platform_http"] = PlatformHTTP.new_client(timeout, connections)
    return get_connector(ctx.settings, platform, client)


def _call(ctx: AppContext, taken: Taken, fn: Any, tokens: TokenSet | None = None) -> Any:
    assert taken.account_id is not None
    return call_with_fresh_tokens(ctx, taken.account_id, fn, tokens)


def _call_pool(ctx: AppContext) -> ThreadPoolExecutor:
    """The process's threads for platform calls: a batch's calls wait on the network together."""
    pool = ctx.extras.get("publish_calls")
    if pool is None:
        with _client_lock:
            pool = ctx.extras.get("publish_calls")
            if pool is None:
                pool = ctx.extras["publish_calls"] = ThreadPoolExecutor(
                    max_workers=ctx.settings.publish_concurrency,
                    thread_name_prefix="sf-publish",
                )
    return pool


def publish(
    ctx: AppContext,
    platform_post_ids: list[str] | None = None,
    platform_post_id: str | None = None,
) -> None:
    """Job `publishing.publish`: a batch of due rows (`platform_post_id`: one, older senders).

    Take them (one commit), check each target and its text, make the platform calls
    concurrently, and record the answers as they come: those arriving together (within
    RECORD_WINDOW of each other) are recorded in one commit, so a slow upload does not hold
    back the batch's quick posts. Anything but `published` is settled row by row (failures
    notify, unknowns go to the reconciler).
    """
    wanted = [uuid.UUID(i) for i in (platform_post_ids or [])]
    if platform_post_id:
        wanted.append(uuid.UUID(platform_post_id))
    calls: list[tuple[Taken, Variant, TokenSet]] = []
    for taken, account in _take_many(ctx, wanted):
        _guard(taken, lambda t=taken, a=account: _prepare(ctx, t, a, calls))
    for answers in _answers(ctx, calls):
        _record(ctx, answers)


RECORD_WINDOW = 0.2  # seconds
CALL_MARGIN = 5.0  # seconds kept between the latest call start and the lease's end


def _answers(
    ctx: AppContext, calls: list[tuple[Taken, Variant, TokenSet]]
) -> Iterator[list[tuple[Taken, Any]]]:
    """The calls' answers in groups: each group is what finished within RECORD_WINDOW of its
    first answer (a lone call runs on this thread)."""
    if len(calls) == 1:
        yield [(calls[0][0], _publish_call(ctx, *calls[0]))]
        return
    pool = _call_pool(ctx)
    pending = {pool.submit(_publish_call, ctx, *call): call[0] for call in calls}
    ready: list[tuple[Taken, Any]] = []
    first = 0.0
    while pending:
        timeout = max(0.0, first + RECORD_WINDOW - time.monotonic()) if ready else None
        done, _ = wait(pending, timeout=timeout, return_when=FIRST_COMPLETED)
        if done and not ready:
            first = time.monotonic()
        ready.extend((pending.pop(f), f.result()) for f in done)
        if ready and (not pending or time.monotonic() - first >= RECORD_WINDOW):
            yield ready
            ready = []


def _record(ctx: AppContext, answers: list[tuple[Taken, Any]]) -> None:
    published = [(t, r) for t, r in answers if isinstance(r, Published)]
    if published:
        try:
            outcomes.published_many(ctx, published)
        except Exception:  # e.g. a deadlock victim: record them one by one instead
            log.exception("recording %d published rows together failed", len(published))
            for taken, result in published:
                _guard(taken, lambda t=taken, r=result: settle_result(ctx, t, r))
    for taken, result in answers:
        if isinstance(result, Published):
            continue
        if isinstance(result, Exception):
            _guard(
                taken,
                lambda t=taken, e=result: settle_error(ctx, t, e, call_may_have_landed=True),
            )
        else:
            _guard(taken, lambda t=taken, r=result: settle_result(ctx, t, r))


def _guard(taken: Taken, fn: Any) -> None:
    """One row's trouble must not stop the batch: its lease expiry hands it on."""
    try:
        fn()
    except Exception:
        log.exception("settling %s failed; its lease expiry will hand it on", taken.id)


def _prepare(
    ctx: AppContext,
    taken: Taken,
    account: Account | None,
    calls: list[tuple[Taken, Variant, TokenSet]],
) -> None:
    problem = _account_problem(taken, account)
    if problem:
        outcomes.fail(ctx, taken, "account_unavailable", problem)
        return
    assert account is not None
    try:
        variant = _variant(ctx, taken)
    except Exception as exc:  # media gone, storage down: nothing was sent
        outcomes.retry_later(ctx, taken, "media_unavailable", f"Media could not be read: {exc}")
        return
    found = validate(taken.platform, variant)
    if found:
        outcomes.fail(ctx, taken, found[0].code, "; ".join(p.message for p in found))
        return
    assert account.tokens is not None
    calls.append((taken, variant, account.tokens))


def call_budget(ctx: AppContext) -> float:
    """Seconds after the take within which a row's call may still start: the lease less the
    longest a call may take and a margin; a quarter of the lease at least (a lease set
    shorter than the platform timeout, as in fast tests and trials, must still publish)."""
    lease = ctx.settings.publish_lease_seconds
    return max(lease - ctx.settings.platform_timeout_seconds - CALL_MARGIN, lease * 0.25)


def _publish_call(ctx: AppContext, taken: Taken, variant: Variant, tokens: TokenSet) -> Any:
    """The platform's answer, or the exception it raised (every outcome is recorded)."""
    if taken.call_by and time.monotonic() > taken.call_by:
        # Nothing was sent: retried after a backoff like any temporary failure.
        return Transient(
            "Not sent: waited too long for a free connection to the platform; retrying.",
            code="not_called_in_time",
        )
    connector = connector_for(ctx, taken.platform)
    try:
        return _call(ctx, taken, lambda t: connector.publish(t, variant), tokens)
    except Exception as exc:
        return exc


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
        outcomes.published(ctx, taken, result.platform_post_id, result.url, result.notice)
    elif isinstance(result, Pending):
        outcomes.processing(ctx, taken, result.ref, result.poll_after)
    else:
        outcomes.to_unknown(ctx, taken, "bad_result", f"Unexpected answer {type(result).__name__}")


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
        ref = exc.ref if isinstance(exc, OutcomeUnknown) else None
        outcomes.to_unknown(ctx, taken, code, message, ref)
    else:
        outcomes.retry_later(ctx, taken, code, message)
