"""Platform tokens of connected accounts: decrypt, store, and refresh one at a time.

Other domains (the publishing engine, analytics) call `call_with_fresh_tokens(ctx, id, fn)`:
it runs `fn(tokens)` and, on `AuthExpired`, refreshes once and retries. A refresh is
single-flight per account: an in-process lock keeps threads of one process from queueing on the
database, and the refresh itself runs inside a transaction holding the account row
(`SELECT ... FOR UPDATE` on PostgreSQL, `BEGIN IMMEDIATE` on SQLite), which then re-checks
whether another process already replaced the token that failed.
"""

from __future__ import annotations

import fcntl
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, TypeVar

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from socialflow.core.clock import as_utc, utcnow
from socialflow.core.context import AppContext
from socialflow.core.metrics import record_refresh_failure
from socialflow.core.security import token_hash
from socialflow.models import SocialAccount
from socialflow.notifications.service import notify_and_mail
from socialflow.platforms.base import (
    AuthExpired,
    Connector,
    Disconnected,
    PlatformError,
    TokenSet,
)
from socialflow.platforms.registry import connector_class, get_connector

log = logging.getLogger("socialflow.accounts.tokens")

T = TypeVar("T")

# A token this close to its expiry is refreshed before use rather than after a 401.
EXPIRY_MARGIN = timedelta(seconds=60)
# How long a thread may reuse the result of a refresh another thread of this process just did.
REUSE_SECONDS = 60.0
UNUSABLE = ("needs_reauth", "revoked")


# --------------------------------------------------------------------------- storage


def tokens_for(
    ctx: AppContext, session: Session | None, account: SocialAccount | Row[Any]
) -> TokenSet:
    """The account's tokens, decrypted, from the model or a row of its table (`session`
    unused; kept for a uniform service call)."""
    cipher = ctx.security.cipher
    extra_raw = cipher.decrypt(account.token_extra)
    return TokenSet(
        access_token=cipher.decrypt(account.access_token) or "",
        refresh_token=cipher.decrypt(account.refresh_token),
        expires_at=as_utc(account.token_expires_at) if account.token_expires_at else None,
        refresh_expires_at=(
            as_utc(account.refresh_expires_at) if account.refresh_expires_at else None
        ),
        scope=account.scopes,
        extra=json.loads(extra_raw) if extra_raw else {},
    )


def store_tokens(ctx: AppContext, account: SocialAccount, tokens: TokenSet) -> None:
    """Encrypt `tokens` into the account; a missing refresh token keeps the stored one."""
    cipher = ctx.security.cipher
    account.access_token = cipher.encrypt(tokens.access_token)
    if tokens.refresh_token:
        account.refresh_token = cipher.encrypt(tokens.refresh_token)
        account.refresh_expires_at = tokens.refresh_expires_at
    account.token_extra = cipher.encrypt(json.dumps(tokens.extra)) if tokens.extra else None
    account.token_expires_at = tokens.expires_at
    if tokens.scope:
        account.scopes = tokens.scope
    account.last_refreshed_at = utcnow()


def platform_name(platform: str) -> str:
    return connector_class(platform).display_name


def is_expiring(tokens: TokenSet, margin: timedelta = EXPIRY_MARGIN) -> bool:
    return tokens.expires_at is not None and as_utc(tokens.expires_at) <= utcnow() + margin


# --------------------------------------------------------------------------- needs re-auth


def mark_needs_reauth(
    ctx: AppContext, session: Session, account: SocialAccount, reason: str
) -> None:
    """Flag the account and tell its owner (in-app and by e-mail), once per episode."""
    if account.status in UNUSABLE:
        account.status_reason = reason
        return
    account.status, account.status_reason = "needs_reauth", reason
    name = platform_name(account.platform)
    who = account.platform_username or account.platform_display_name or "your account"
    title = f"Reconnect your {name} account"
    body = (
        f"{name} stopped accepting Socialflow's access to {who}: {reason} "
        "Scheduled posts to it will fail until you reconnect it on the Platforms page."
    )
    notify_and_mail(
        ctx,
        session,
        account.workspace_id,
        "account_needs_reauth",
        title,
        body,
        "/platforms",
        author_id=account.connected_by,
    )
    log.warning("account %s (%s) needs re-authorization", account.id, account.platform)


# --------------------------------------------------------------------------- single flight


@dataclass
class _Flight:
    """Per-account state shared by the threads of this process."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    replaced: str | None = None  # hash of the access token the last refresh here replaced
    result: TokenSet | None = None
    at: float = 0.0


_flights: dict[uuid.UUID, _Flight] = {}
_flights_lock = threading.Lock()


def _flight(account_id: uuid.UUID) -> _Flight:
    with _flights_lock:
        flight = _flights.get(account_id)
        if flight is None:
            flight = _flights[account_id] = _Flight()
        return flight


def _locked_account(session: Session, account_id: uuid.UUID) -> SocialAccount | None:
    # FOR UPDATE on PostgreSQL; on SQLite this first statement takes the writer lock
    # (the engine begins every write transaction IMMEDIATE).
    return session.scalar(
        select(SocialAccount).where(SocialAccount.id == account_id).with_for_update()
    )


def refresh_account(
    ctx: AppContext,
    account_id: uuid.UUID,
    stale_access_token: str | None = None,
    connector: Connector | None = None,
    *,
    force: bool = False,
) -> TokenSet:
    """Refresh the account's tokens unless someone already replaced `stale_access_token`.

    `stale_access_token=None` always refreshes. `force=True` (the user pressed Refresh) also
    tries an account flagged needs_reauth and makes it active again if the platform agrees.
    Raises Disconnected (after marking the account needs_reauth) when the platform refuses.
    """
    flight = _flight(account_id)
    stale_key = token_hash(stale_access_token) if stale_access_token is not None else None
    with flight.lock:
        if (
            stale_key is not None
            and flight.replaced == stale_key
            and flight.result is not None
            and time.monotonic() - flight.at < REUSE_SECONDS
        ):
            return flight.result  # another thread of this process just refreshed it
        fresh = _refresh_in_transaction(ctx, account_id, stale_access_token, connector, force)
        if stale_key is not None and fresh.access_token != stale_access_token:
            flight.replaced, flight.result, flight.at = stale_key, fresh, time.monotonic()
        return fresh


def _usable(account: SocialAccount | None, force: bool) -> SocialAccount:
    if account is None:
        raise Disconnected("The account was disconnected.", code="account_gone")
    if account.status in UNUSABLE and not (force and account.status == "needs_reauth"):
        raise Disconnected(
            account.status_reason or "The account needs to be reconnected.", code="needs_reauth"
        )
    return account


def _call_refresh(
    ctx: AppContext, platform: str, current: TokenSet, connector: Connector | None
) -> tuple[TokenSet, Disconnected | None]:
    """The platform's refresh call: (new tokens, None) or (old tokens, the refusal)."""
    own = connector is None
    connector = connector or get_connector(ctx.settings, platform)
    try:
        fresh = connector.refresh(current)
        # A refresh answers with tokens only: what connect learned (token extras) stays.
        fresh.extra = {**current.extra, **fresh.extra}
        return fresh, None
    except Disconnected as exc:
        record_refresh_failure(platform, "revoked")
        return current, exc
    except Exception:
        record_refresh_failure(platform, "error")
        raise
    finally:
        if own:
            connector.http.client.close()


def _apply(
    ctx: AppContext,
    session: Session,
    account: SocialAccount,
    fresh: TokenSet,
    refused: Disconnected | None,
) -> None:
    if refused is not None:
        mark_needs_reauth(ctx, session, account, refused.message)
        return
    store_tokens(ctx, account, fresh)
    if account.status == "needs_reauth":  # only a forced refresh gets here so flagged
        account.status, account.status_reason = "active", None
    log.info("refreshed tokens of account %s (%s)", account.id, account.platform)


def _refresh_in_transaction(
    ctx: AppContext,
    account_id: uuid.UUID,
    stale_access_token: str | None,
    connector: Connector | None,
    force: bool = False,
) -> TokenSet:
    if ctx.db.engine.dialect.name == "sqlite":
        return _refresh_sqlite(ctx, account_id, stale_access_token, connector, force)
    # PostgreSQL: the row lock spans the platform call, so processes refresh one at a time
    # (it blocks only this account's row).
    with ctx.db.session() as session:
        account = _usable(_locked_account(session, account_id), force)
        current = tokens_for(ctx, session, account)
        if stale_access_token is not None and current.access_token != stale_access_token:
            return current  # another process refreshed while we waited for the row
        fresh, refused = _call_refresh(ctx, account.platform, current, connector)
        _apply(ctx, session, account, fresh, refused)
    if refused is not None:
        raise refused  # after the commit, so the flag and the notice stay
    return fresh


def _refresh_sqlite(
    ctx: AppContext,
    account_id: uuid.UUID,
    stale_access_token: str | None,
    connector: Connector | None,
    force: bool,
) -> TokenSet:
    """SQLite has one writer lock for the whole file: never hold it across a platform call.

    Processes sharing the file (several `serve` workers) take a per-account file lock in
    DATA_DIR instead; inside it: read, call, write only if the stored token is unchanged.
    """
    with _file_lock(ctx, account_id):
        return _refresh_sqlite_locked(ctx, account_id, stale_access_token, connector, force)


@contextmanager
def _file_lock(ctx: AppContext, account_id: uuid.UUID) -> Iterator[None]:
    folder = ctx.settings.data_dir / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"refresh-{account_id}.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _refresh_sqlite_locked(
    ctx: AppContext,
    account_id: uuid.UUID,
    stale_access_token: str | None,
    connector: Connector | None,
    force: bool,
) -> TokenSet:
    with ctx.db.read_sessions() as session:
        account = _usable(session.get(SocialAccount, account_id), force)
        current = tokens_for(ctx, session, account)
        snapshot, platform = account.access_token, account.platform
    if stale_access_token is not None and current.access_token != stale_access_token:
        return current
    fresh, refused = _call_refresh(ctx, platform, current, connector)
    with ctx.db.session() as session:
        account = _usable(session.get(SocialAccount, account_id), force=True)
        if account.access_token != snapshot:  # another process stored newer tokens meanwhile
            return tokens_for(ctx, session, account)
        _apply(ctx, session, account, fresh, refused)
    if refused is not None:
        raise refused
    return fresh


# --------------------------------------------------------------------------- the entry point


def load_tokens(ctx: AppContext, account_id: uuid.UUID) -> tuple[SocialAccount, TokenSet]:
    """The account (detached) and its decrypted tokens; Disconnected if it cannot be used."""
    with ctx.db.read_sessions() as session:
        account = session.get(SocialAccount, account_id)
        if account is None:
            raise Disconnected("The account was disconnected.", code="account_gone")
        if account.status in UNUSABLE:
            raise Disconnected(
                account.status_reason or "The account needs to be reconnected.",
                code="needs_reauth",
            )
        try:
            return account, tokens_for(ctx, session, account)
        except ValueError as exc:  # a key dropped from TOKEN_ENCRYPTION_KEYS too early
            raise Disconnected(UNREADABLE, code="tokens_unreadable") from exc


UNREADABLE = "The stored sign-in of this account can no longer be read; reconnect it."


def call_with_fresh_tokens(
    ctx: AppContext,
    account_id: uuid.UUID,
    fn: Callable[[TokenSet], T],
    tokens: TokenSet | None = None,
) -> T:
    """`fn(tokens)`; on AuthExpired refresh once (single-flight) and call it again.

    `tokens`: the account's tokens as the caller just read them (the publisher reads a whole
    batch's accounts in one query); unset, they are loaded here. A token already past its
    expiry is refreshed before the first call. Disconnected from the platform marks the
    account needs_reauth and propagates.
    """
    if tokens is None:
        _, tokens = load_tokens(ctx, account_id)
    if is_expiring(tokens):
        tokens = refresh_account(ctx, account_id, tokens.access_token)
    try:
        return fn(tokens)
    except AuthExpired:
        tokens = refresh_account(ctx, account_id, tokens.access_token)
    except Disconnected as exc:
        _flag(ctx, account_id, exc.message)
        raise
    try:
        return fn(tokens)
    except Disconnected as exc:
        _flag(ctx, account_id, exc.message)
        raise


def _flag(ctx: AppContext, account_id: uuid.UUID, reason: str) -> None:
    """The platform says the grant is gone: mark the account needs_reauth."""
    with ctx.db.session() as session:
        account = session.get(SocialAccount, account_id)
        if account is not None:
            mark_needs_reauth(ctx, session, account, reason)


def refresh_expiring(ctx: AppContext, within: timedelta, limit: int = 100) -> int:
    """Refresh active accounts whose access token expires within `within`; returns how many."""
    horizon = utcnow() + within
    with ctx.db.read_sessions() as session:
        rows = session.execute(
            select(SocialAccount.id, SocialAccount.access_token)
            .where(
                SocialAccount.status == "active",
                SocialAccount.token_expires_at.is_not(None),
                SocialAccount.token_expires_at <= horizon,
            )
            .order_by(SocialAccount.token_expires_at)
            .limit(limit)
        ).all()
    done = 0
    for account_id, cipher_text in rows:
        stale = ctx.security.cipher.decrypt(cipher_text)
        try:
            refresh_account(ctx, account_id, stale)
            done += 1
        except Disconnected:
            pass  # marked needs_reauth and the user told
        except Exception as exc:  # one platform's outage must not stop the others' refreshes
            # The message only, no traceback: nothing near a token ends up in the log.
            reason = exc.message if isinstance(exc, PlatformError) else type(exc).__name__
            log.warning("proactive refresh of account %s failed: %s", account_id, reason)
    return done
