"""Connected accounts: list, disconnect, refresh, follower stats, Page/IG account choice.

Every lookup is scoped by the acting user: another user's account id is "not found". Work that
calls a platform (refresh, select, follower sync) runs outside the request's unit of work in its
own short transactions, so no database lock is held while a platform answers.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import asdict
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from socialflow.accounts.expiry import access_ends_at
from socialflow.accounts.oauth import CHOOSERS, choices_of, record_followers, select_choice
from socialflow.accounts.schemas import (
    AccountOut,
    AccountsOut,
    ChoiceOut,
    HistoryPoint,
    PlatformOut,
    PlatformsOut,
    StatsOut,
)
from socialflow.accounts.tokens import (
    call_with_fresh_tokens,
    refresh_account,
    store_tokens,
    tokens_for,
)
from socialflow.core.clock import as_utc, utcnow
from socialflow.core.config import PLATFORMS
from socialflow.core.context import AppContext
from socialflow.core.errors import (
    AppError,
    BadRequest,
    Conflict,
    NotFound,
    ServiceUnavailable,
    TooManyRequests,
    field_error,
)
from socialflow.core.permissions import Scope
from socialflow.models import FollowerSnapshot, SocialAccount
from socialflow.models.workspaces import record_activity
from socialflow.platforms.base import (
    Disconnected,
    Identity,
    PlatformError,
    RateLimited,
    Rejected,
    TokenSet,
)
from socialflow.platforms.registry import connector_class, get_connector

log = logging.getLogger("socialflow.accounts")

SYNC_AFTER = timedelta(hours=1)
HISTORY_DAYS = 90


# --------------------------------------------------------------------------- reads


def list_platforms(ctx: AppContext) -> PlatformsOut:
    items = []
    for platform in PLATFORMS:
        cls = connector_class(platform)
        items.append(
            PlatformOut(
                platform=platform,
                display_name=cls.display_name,
                sandbox=not ctx.settings.platform_configured(platform),
                available=ctx.settings.platform_configured(platform)
                or ctx.settings.sandbox_enabled,
                capabilities=asdict(cls.capabilities),
            )
        )
    return PlatformsOut(items=items)


def owned(session: Session, workspace_id: uuid.UUID, account_id: uuid.UUID) -> SocialAccount:
    """The user's account, or 404 (also for another user's id)."""
    account = session.scalar(
        select(SocialAccount).where(
            SocialAccount.id == account_id, SocialAccount.workspace_id == workspace_id
        )
    )
    if account is None:
        raise NotFound("No such connected account.")
    return account


def account_out(ctx: AppContext, account: SocialAccount) -> AccountOut:
    meta = account.meta or {}
    choices = meta.get("choices") or []
    return AccountOut(
        id=account.id,
        platform=account.platform,
        platform_user_id=account.platform_user_id,
        username=account.platform_username,
        display_name=account.platform_display_name,
        avatar_url=account.avatar_url,
        follower_count=account.follower_count,
        status=account.status,
        status_reason=account.status_reason,
        token_expires_at=account.token_expires_at,
        access_ends_at=access_ends_at(account),
        last_synced_at=account.last_synced_at,
        created_at=account.created_at,
        sandbox=bool(meta.get("sandbox", not ctx.settings.platform_configured(account.platform))),
        choices=[ChoiceOut(**c) for c in choices] if len(choices) > 1 else [],
        connect_method=meta.get("connect_method"),
    )


def list_accounts(ctx: AppContext, session: Session, workspace_id: uuid.UUID) -> AccountsOut:
    accounts = session.scalars(
        select(SocialAccount)
        .where(SocialAccount.workspace_id == workspace_id)
        .order_by(SocialAccount.platform, SocialAccount.created_at)
    )
    return AccountsOut(items=[account_out(ctx, a) for a in accounts])


def _read(ctx: AppContext, workspace_id: uuid.UUID, account_id: uuid.UUID) -> SocialAccount:
    with ctx.db.read_sessions() as session:
        return owned(session, workspace_id, account_id)


def get_account(ctx: AppContext, workspace_id: uuid.UUID, account_id: uuid.UUID) -> AccountOut:
    return account_out(ctx, _read(ctx, workspace_id, account_id))


# --------------------------------------------------------------------------- disconnect


def disconnect(ctx: AppContext, session: Session, scope: Scope, account_id: uuid.UUID) -> None:
    """Revoke at the platform where possible, then delete the account and its tokens.

    Posts keep their history: platform_posts.social_account_id becomes NULL.
    """
    workspace_id = scope.workspace_id
    with ctx.db.read_sessions() as read:
        account = owned(read, workspace_id, account_id)
        tokens = tokens_for(ctx, read, account)
        # Another Socialflow user connected the same platform account: revoking would end
        # their connection too on platforms that revoke per app and user (TikTok).
        shared = read.scalar(
            select(SocialAccount.id).where(
                SocialAccount.platform == account.platform,
                SocialAccount.platform_user_id == account.platform_user_id,
                SocialAccount.id != account.id,
            )
        )
    if shared is None and tokens.access_token:
        _revoke(ctx, account, tokens)
    session.execute(
        delete(SocialAccount).where(
            SocialAccount.id == account_id, SocialAccount.workspace_id == workspace_id
        )
    )
    record_activity(
        session,
        workspace_id,
        scope.user_id,
        "account.disconnected",
        f"Disconnected {account.platform} account {account.platform_username or ''}".rstrip(),
        target_type="account",
        target_id=account.id,
    )
    log.info("disconnected %s account %s", account.platform, account.id)


def _revoke(ctx: AppContext, account: SocialAccount, tokens: TokenSet) -> None:
    connector = get_connector(ctx.settings, account.platform)
    try:
        connector.revoke(tokens)
    except Exception as exc:  # the user wants it gone; the platform's answer cannot stop that
        reason = exc.message if isinstance(exc, PlatformError) else type(exc).__name__
        log.warning("revoking %s account %s failed: %s", account.platform, account.id, reason)
    finally:
        connector.http.client.close()


# --------------------------------------------------------------------------- refresh


def platform_failure(exc: PlatformError, account: SocialAccount) -> AppError:
    """A platform error as the API's error for a user-initiated action."""
    name = connector_class(account.platform).display_name
    if isinstance(exc, Disconnected):
        return Conflict(
            f"{name} no longer accepts Socialflow's access to this account: {exc.message} "
            "Reconnect it.",
            code="needs_reauth",
        )
    if isinstance(exc, RateLimited):
        wait = int((exc.reset_at - utcnow()).total_seconds())
        return TooManyRequests(f"{name} asks us to wait: {exc.message}", retry_after=wait)
    if isinstance(exc, Rejected):
        return BadRequest(f"{name} refused: {exc.message}", code="platform_rejected")
    return ServiceUnavailable(
        f"{name} did not answer properly: {exc.message}", code="platform_unavailable"
    )


def refresh_now(ctx: AppContext, workspace_id: uuid.UUID, account_id: uuid.UUID) -> AccountOut:
    """Refresh the tokens at once; an account that needed re-auth gets one more chance."""
    account = _read(ctx, workspace_id, account_id)
    try:
        refresh_account(ctx, account_id, None, force=True)
    except PlatformError as exc:
        raise platform_failure(exc, account) from exc
    return get_account(ctx, workspace_id, account_id)


# --------------------------------------------------------------------------- followers


def sync_followers(ctx: AppContext, account_id: uuid.UUID) -> int | None:
    """Ask the platform for the follower count and record it; None if it has none."""
    with ctx.db.read_sessions() as session:
        account = session.get(SocialAccount, account_id)
        if account is None or account.status != "active":
            return None
        platform = account.platform
    connector = get_connector(ctx.settings, platform)
    try:
        count = call_with_fresh_tokens(ctx, account_id, connector.follower_count)
    finally:
        connector.http.client.close()
    with ctx.db.session() as session:
        account = session.get(SocialAccount, account_id)
        if account is None:
            return None
        if count is None:
            account.last_synced_at = utcnow()
        else:
            record_followers(session, account, count)
    return count


def stats(ctx: AppContext, workspace_id: uuid.UUID, account_id: uuid.UUID) -> StatsOut:
    """Current followers (synced if older than an hour) and the last 90 days of history."""
    account = _read(ctx, workspace_id, account_id)
    synced = account.last_synced_at
    if account.status == "active" and (synced is None or as_utc(synced) < utcnow() - SYNC_AFTER):
        try:
            sync_followers(ctx, account_id)
        except PlatformError as exc:  # stale numbers beat no numbers
            log.info("follower sync of %s failed: %s", account_id, exc.message)
    since = utcnow() - timedelta(days=HISTORY_DAYS)
    with ctx.db.read_sessions() as session:
        account = owned(session, workspace_id, account_id)
        points = session.scalars(
            select(FollowerSnapshot)
            .where(
                FollowerSnapshot.social_account_id == account_id,
                FollowerSnapshot.workspace_id == workspace_id,
                FollowerSnapshot.fetched_at >= since,
            )
            .order_by(FollowerSnapshot.fetched_at)
        ).all()
        return StatsOut(
            follower_count=account.follower_count,
            last_synced_at=account.last_synced_at,
            history=[
                HistoryPoint(fetched_at=p.fetched_at, follower_count=p.follower_count)
                for p in points
            ],
        )


# --------------------------------------------------------------------------- Page / IG choice


def choose(
    ctx: AppContext, workspace_id: uuid.UUID, account_id: uuid.UUID, choice_id: str
) -> AccountOut:
    """Point a Facebook/Instagram account at another of the user's Pages / IG accounts."""
    account = _read(ctx, workspace_id, account_id)
    if account.platform not in CHOOSERS:
        raise field_error("choice_id", f"{account.platform} accounts have nothing to choose from")
    connector = get_connector(ctx.settings, account.platform)

    def switch(tokens: TokenSet) -> tuple[TokenSet, Identity]:
        return select_choice(connector, tokens, choice_id)

    try:
        tokens, identity = call_with_fresh_tokens(ctx, account_id, switch)
    except Rejected as exc:
        raise field_error("choice_id", exc.message) from exc
    except PlatformError as exc:
        raise platform_failure(exc, account) from exc
    finally:
        connector.http.client.close()
    with ctx.db.session() as session:
        row = owned(session, workspace_id, account_id)
        clash = session.scalar(
            select(SocialAccount.id).where(
                SocialAccount.workspace_id == workspace_id,
                SocialAccount.platform == row.platform,
                SocialAccount.platform_user_id == identity.platform_user_id,
                SocialAccount.id != row.id,
            )
        )
        if clash is not None:
            raise Conflict(
                "That one is already connected as another account.",
                code="already_connected",
                details={"account_id": str(clash)},
            )
        row.platform_user_id = identity.platform_user_id
        row.platform_username = identity.username
        row.platform_display_name = identity.display_name
        row.avatar_url = identity.avatar_url
        store_tokens(ctx, row, tokens)
        items, _ = choices_of(row.platform, tokens.extra)
        row.meta = {**(row.meta or {}), "choices": items}
        if identity.follower_count is not None:
            record_followers(session, row, identity.follower_count)
        session.flush()
        return account_out(ctx, row)
