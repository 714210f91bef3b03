"""OAuth connect: a consent URL with state + PKCE, then the callback that stores the account.

The callback is a browser redirect without our bearer token: the single-use `state` identifies
the user. It owns its transactions (consume the state; then, after the platform calls, store the
account), so no database lock is held while the platform answers.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from socialflow.accounts.schemas import ConnectIn
from socialflow.accounts.tokens import platform_name, store_tokens
from socialflow.billing import entitlements
from socialflow.core.clock import as_utc, utcnow
from socialflow.core.context import AppContext
from socialflow.core.db import affected
from socialflow.core.errors import NotFound, PaymentRequired, field_error
from socialflow.core.permissions import Scope
from socialflow.core.security import constant_time_equal, new_opaque_token, token_hash
from socialflow.models import FollowerSnapshot, OAuthState, SocialAccount
from socialflow.models.workspaces import record_activity
from socialflow.platforms.base import (
    Connector,
    Identity,
    PlatformError,
    TokenSet,
    code_challenge_s256,
    new_code_verifier,
    new_state,
)
from socialflow.platforms.registry import get_connector

log = logging.getLogger("socialflow.accounts.oauth")

STATE_TTL = timedelta(minutes=10)
# Platforms whose one login covers several publishable accounts (Pages / IG accounts; a
# LinkedIn member and the Pages they administer).
CHOOSERS = ("facebook", "instagram", "linkedin")


class ConnectError(Exception):
    """Ends the callback with `/platforms?error=<code>&message=<text>`."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


# The browser that starts a connection gets a nonce in an HttpOnly cookie, named after the
# state (several connections may be under way in several tabs) and sent back only to the
# callback; the state row keeps the nonce's hash. A consent link opened anywhere else (another
# person's browser, after a phishing click) reaches the callback without it and attaches nothing.
BROWSER_COOKIE_PREFIX = "sf_oauth_"
CALLBACK_PATH = "/api/social-accounts/callback"


def browser_cookie_name(raw_state: str) -> str:
    """The cookie holding the nonce of this state: a short, non-secret digest of the state."""
    return BROWSER_COOKIE_PREFIX + token_hash("cookie:" + raw_state)[:16]


@dataclass(frozen=True, slots=True)
class StartedConnect:
    """The consent URL, and the cookie that binds the flow to the browser that started it."""

    authorization_url: str
    cookie_name: str
    cookie_value: str


@dataclass(frozen=True, slots=True)
class PendingConsent:
    user_id: uuid.UUID  # who consented
    workspace_id: uuid.UUID  # where the account goes
    platform: str
    code_verifier: str
    account_id: uuid.UUID | None
    method: str | None = None  # Instagram: "instagram_login" (Business Login for Instagram)


def connector_for_method(connector: Connector, method: str | None) -> Connector:
    """The connector of a connect method (Instagram has two); the platform's own otherwise."""
    if method is None:
        return connector
    chosen: Connector = connector.for_method(method)  # type: ignore[attr-defined]
    return chosen


# --------------------------------------------------------------------------- connect


def start_connect(
    ctx: AppContext, session: Session, scope: Scope, data: ConnectIn
) -> StartedConnect:
    """Record a pending consent bound to this browser and workspace; the platform's
    authorization URL."""
    if data.account_id is not None:
        account = session.scalar(
            select(SocialAccount).where(
                SocialAccount.id == data.account_id,
                SocialAccount.workspace_id == scope.workspace_id,
            )
        )
        if account is None:
            raise NotFound("No such connected account.")
        if account.platform != data.platform:
            raise field_error(
                "account_id", f"is a {account.platform} account, not a {data.platform} one"
            )
    state, verifier, nonce = new_state(), new_code_verifier(), new_opaque_token()
    session.add(
        OAuthState(
            state_hash=token_hash(state),
            browser_hash=token_hash(nonce),
            user_id=scope.user_id,
            workspace_id=scope.workspace_id,
            # "<platform>:<method>" when the platform has several connect methods.
            platform=f"{data.platform}:{data.method}" if data.method else data.platform,
            code_verifier=ctx.security.cipher.encrypt(verifier),
            account_id=data.account_id,
            expires_at=utcnow() + STATE_TTL,
        )
    )
    connector = get_connector(ctx.settings, data.platform)
    try:
        chosen = connector_for_method(connector, data.method)
        url = chosen.authorization_url(state, code_challenge_s256(verifier))
    except PlatformError as exc:
        raise field_error("method", exc.message, code=exc.code or "method_unavailable") from exc
    finally:
        connector.http.client.close()
    return StartedConnect(url, browser_cookie_name(state), nonce)


def purge_states(session: Session, older_than: timedelta = timedelta(days=1)) -> int:
    """Forget consents that ended (expired or used) long ago."""
    cutoff = utcnow() - older_than
    result = session.execute(
        delete(OAuthState).where(or_(OAuthState.expires_at < cutoff, OAuthState.used_at < cutoff))
    )
    return affected(result)


# --------------------------------------------------------------------------- callback


class ForeignBrowser(ConnectError):
    """The callback came from a browser that did not start the connection: a page, not the
    dashboard (that browser may belong to someone who never asked to connect anything)."""


def finish_connect(ctx: AppContext, params: Mapping[str, str], cookies: Mapping[str, str]) -> str:
    """Handle the platform's redirect; returns the dashboard URL to send the browser to.

    Raises ForeignBrowser when the browser is not the one that started the connection.
    """
    try:
        account_id = _finish(ctx, params, cookies)
    except ForeignBrowser:
        log.warning("connect callback from a browser that did not start it: refused")
        raise
    except ConnectError as exc:
        log.info("connect ended with %s", exc.code)
        return dashboard_url(ctx, error=exc.code, message=exc.message)
    return dashboard_url(ctx, connected=str(account_id))


def dashboard_url(ctx: AppContext, **query: str) -> str:
    return f"{ctx.settings.base_url}/platforms?{urlencode(query)}"


def _finish(ctx: AppContext, params: Mapping[str, str], cookies: Mapping[str, str]) -> uuid.UUID:
    raw_state = params.get("state") or ""
    nonce = cookies.get(browser_cookie_name(raw_state)) if raw_state else None
    pending = consume_state(ctx, raw_state, nonce)
    name = platform_name(pending.platform)
    denial = params.get("error") or params.get("error_reason") or params.get("error_code")
    if denial:
        detail = params.get("error_description") or denial
        if denial in ("access_denied", "user_denied") or "cancel" in denial:
            raise ConnectError(
                "access_denied", f"You did not allow access on {name}, so nothing was connected."
            )
        raise ConnectError("platform_error", f"{name} did not complete the connection: {detail}")
    code = params.get("code")
    if not code:
        raise ConnectError("platform_error", f"{name} sent no authorization code; try again.")
    connector = get_connector(ctx.settings, pending.platform)
    try:
        tokens = connector_for_method(connector, pending.method).exchange_code(
            code, pending.code_verifier
        )
        identity = connector.identity(tokens)
        if pending.platform in CHOOSERS:
            tokens, identity = _preferred_choice(ctx, connector, pending, tokens, identity)
        # What the identity call learned (LinkedIn's person URN, X's user id, the YouTube
        # channel) is kept with the tokens: publishing must not ask for it again every time.
        tokens.extra = {**identity.extra, **tokens.extra}
    except PlatformError as exc:
        raise ConnectError(
            "platform_error", f"{name} did not complete the connection: {exc.message}"
        ) from exc
    finally:
        connector.http.client.close()
    try:
        return save_account(ctx, pending, tokens, identity)
    except IntegrityError:
        # Two callbacks for the same account raced; the second one now finds the row.
        return save_account(ctx, pending, tokens, identity)


def consume_state(ctx: AppContext, raw_state: str, browser_nonce: str | None) -> PendingConsent:
    """Use up the state: unknown, expired or already used ones end the flow, and so does a
    browser without the nonce the starting browser got (the state is burnt either way)."""
    start_again = "Start again from the Platforms page."
    if not raw_state or len(raw_state) > 500:
        raise ConnectError("bad_state", f"The connection link is not valid. {start_again}")
    now = utcnow()
    with ctx.db.session() as session:
        row = session.scalar(
            select(OAuthState).where(OAuthState.state_hash == token_hash(raw_state))
        )
        if row is None:
            raise ConnectError("bad_state", f"The connection link is not valid. {start_again}")
        if row.used_at is not None:
            raise ConnectError(
                "state_used", f"This connection link was already used. {start_again}"
            )
        if as_utc(row.expires_at) <= now:
            raise ConnectError(
                "state_expired", f"The connection took longer than 10 minutes. {start_again}"
            )
        result = session.execute(
            update(OAuthState)
            .where(OAuthState.id == row.id, OAuthState.used_at.is_(None))
            .values(used_at=now)
        )
        taken = affected(result)
        if taken != 1:
            raise ConnectError(
                "state_used", f"This connection link was already used. {start_again}"
            )
        if (
            not browser_nonce
            or row.browser_hash is None
            or not constant_time_equal(row.browser_hash, token_hash(browser_nonce))
        ):
            # Committed as used (the `with` block commits on return and on this raise alike):
            # a stolen link works nowhere, not even later in the right browser.
            session.commit()
            raise ForeignBrowser(
                "foreign_browser",
                "This connection was started in another browser, so nothing was connected. "
                "If you started it, connect again from the Platforms page in this browser.",
            )
        platform, _, method = row.platform.partition(":")
        return PendingConsent(
            user_id=row.user_id,
            workspace_id=row.workspace_id,
            platform=platform,
            code_verifier=ctx.security.cipher.decrypt(row.code_verifier) or "",
            account_id=row.account_id,
            method=method or None,
        )


# --------------------------------------------------------------------------- choices


def choices_of(
    platform: str, extra: Mapping[str, Any]
) -> tuple[list[dict[str, str | None]], str | None]:
    """([{id, name}], current id) of a Facebook/Instagram/LinkedIn token set; ([], None)
    otherwise."""
    if platform == "facebook":
        pages: list[dict[str, Any]] = extra.get("pages") or []
        items = [{"id": str(p["id"]), "name": p.get("name")} for p in pages]
        return items, str(extra.get("page_id") or "") or None
    if platform == "instagram":
        accounts: list[dict[str, Any]] = extra.get("accounts") or []
        items = [
            {"id": str(a["ig_user_id"]), "name": a.get("username") or a.get("page_name")}
            for a in accounts
        ]
        return items, str(extra.get("ig_user_id") or "") or None
    if platform == "linkedin":
        sub = str(extra.get("member_sub") or "")
        orgs: list[dict[str, Any]] = extra.get("organizations") or []
        if not sub:
            return [], None
        member = extra.get("member_name")
        items = [{"id": sub, "name": f"{member} (profile)" if member else "Your profile"}]
        items += [{"id": str(o["id"]), "name": o.get("name")} for o in orgs]
        author = str(extra.get("author_urn") or "")
        return items, author if author.startswith("urn:li:organization:") else sub
    return [], None


def select_choice(
    connector: Connector, tokens: TokenSet, choice_id: str
) -> tuple[TokenSet, Identity]:
    """Switch a Facebook/Instagram token set to another Page / IG account."""
    select_fn: Any = getattr(connector, "select_page", None) or connector.select_account  # type: ignore[attr-defined]
    result: tuple[TokenSet, Identity] = select_fn(tokens, choice_id)
    return result


def _preferred_choice(
    ctx: AppContext,
    connector: Connector,
    pending: PendingConsent,
    tokens: TokenSet,
    identity: Identity,
) -> tuple[TokenSet, Identity]:
    """Re-connect: the account's own Page; new connect: the first Page not yet connected."""
    items, current = choices_of(pending.platform, tokens.extra)
    ids = [c["id"] for c in items if c["id"]]
    if len(ids) < 2:
        return tokens, identity
    with ctx.db.read_sessions() as session:
        connected = set(
            session.scalars(
                select(SocialAccount.platform_user_id).where(
                    SocialAccount.workspace_id == pending.workspace_id,
                    SocialAccount.platform == pending.platform,
                )
            )
        )
        target = None
        if pending.account_id is not None:
            target = session.scalar(
                select(SocialAccount.platform_user_id).where(
                    SocialAccount.id == pending.account_id,
                    SocialAccount.workspace_id == pending.workspace_id,
                )
            )
    if target is None and current in connected:
        target = next((i for i in ids if i not in connected), None)
    if target is None or target == current or target not in ids:
        return tokens, identity
    return select_choice(connector, tokens, str(target))


# --------------------------------------------------------------------------- storing


def save_account(
    ctx: AppContext, pending: PendingConsent, tokens: TokenSet, identity: Identity
) -> uuid.UUID:
    """Create or update the account (plan limit checked for new ones); returns its id."""
    from socialflow.jobs.registry import enqueue

    now = utcnow()
    with ctx.db.session() as session:
        account = session.scalar(
            select(SocialAccount).where(
                SocialAccount.workspace_id == pending.workspace_id,
                SocialAccount.platform == pending.platform,
                SocialAccount.platform_user_id == identity.platform_user_id,
            )
        )
        created = account is None
        if account is None:
            try:
                entitlements.require_account_slot(session, pending.workspace_id)
            except PaymentRequired as exc:
                raise ConnectError("plan_limit", exc.message) from exc
            account = SocialAccount(
                workspace_id=pending.workspace_id,
                connected_by=pending.user_id,
                platform=pending.platform,
                platform_user_id=identity.platform_user_id,
                meta={},
            )
            session.add(account)
        account.platform_username = identity.username
        account.platform_display_name = identity.display_name
        account.avatar_url = identity.avatar_url
        store_tokens(ctx, account, tokens)
        account.status, account.status_reason, account.is_active = "active", None, True
        items, _ = choices_of(pending.platform, tokens.extra)
        account.meta = {
            **(account.meta or {}),
            "sandbox": not ctx.settings.platform_configured(pending.platform),
            "choices": items,
        }
        if pending.platform == "instagram":
            account.meta["connect_method"] = pending.method or "facebook_login"
        session.flush()
        if identity.follower_count is not None:
            record_followers(session, account, identity.follower_count, now)
        elif ctx.extras.get("runner") is not None:
            enqueue(ctx, session, "accounts.sync_followers", account_id=str(account.id))
        if created:
            record_activity(
                session,
                pending.workspace_id,
                pending.user_id,
                "account.connected",
                f"Connected {account.platform} account {identity.username or ''}".rstrip(),
                target_type="account",
                target_id=account.id,
            )
        log.info(
            "connected %s account %s in workspace %s",
            account.platform,
            account.id,
            account.workspace_id,
        )
        return account.id


def record_followers(
    session: Session, account: SocialAccount, count: int, at: datetime | None = None
) -> None:
    """Set the current count and add a point to the follower time series."""
    moment = at or utcnow()
    account.follower_count = count
    account.last_synced_at = moment
    session.add(
        FollowerSnapshot(
            social_account_id=account.id,
            workspace_id=account.workspace_id,
            platform=account.platform,
            follower_count=count,
            fetched_at=moment,
        )
    )
