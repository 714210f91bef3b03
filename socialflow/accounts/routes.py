"""HTTP for connected accounts: parse, authorize, call one service function."""

from __future__ import annotations

import html
import uuid

from fastapi import APIRouter, Request, Response, status
from fastapi.responses import HTMLResponse, RedirectResponse

from socialflow.accounts import choices, oauth, service, tiktok, youtube
from socialflow.accounts.schemas import (
    AccountOut,
    AccountsOut,
    AddChoicesIn,
    ConnectIn,
    ConnectOut,
    PlatformsOut,
    SelectIn,
    StatsOut,
)
from socialflow.core.deps import Admin, ContextDep, Reader, SessionDep, Writer

router = APIRouter(prefix="/api/social-accounts", tags=["social accounts"])


@router.get("/platforms")
def platforms(ctx: ContextDep, scope: Reader) -> PlatformsOut:
    """The platforms one can connect, whether each is the built-in sandbox, and what it can do."""
    return service.list_platforms(ctx)


@router.get("")
def list_accounts(ctx: ContextDep, scope: Reader, session: SessionDep) -> AccountsOut:
    """The user's connected accounts (never their tokens)."""
    return service.list_accounts(ctx, session, scope.workspace_id)


@router.post("/connect")
def connect(
    body: ConnectIn, response: Response, ctx: ContextDep, scope: Admin, session: SessionDep
) -> ConnectOut:
    """Start connecting (or re-connecting) an account: open `authorization_url` in this browser.

    The answer sets a cookie that only the callback sees: the connection completes only in
    the browser that made this request.
    """
    started = oauth.start_connect(ctx, session, scope, body)
    response.set_cookie(
        started.cookie_name,
        started.cookie_value,
        max_age=int(oauth.STATE_TTL.total_seconds()),
        path=oauth.CALLBACK_PATH,
        httponly=True,
        secure=ctx.settings.secure_cookies,
        samesite="lax",
    )
    response.headers["Cache-Control"] = "no-store"
    return ConnectOut(authorization_url=started.authorization_url)


@router.get("/callback", include_in_schema=False)
def callback(request: Request, ctx: ContextDep) -> Response:
    """Where the platform sends the browser back; the single-use state identifies the user,
    the cookie set by /connect proves this is the browser that asked."""
    headers = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
    state = request.query_params.get("state") or ""
    try:
        target = oauth.finish_connect(ctx, dict(request.query_params), request.cookies)
    except oauth.ForeignBrowser as exc:
        response: Response = HTMLResponse(
            foreign_browser_page(ctx.settings.base_url, exc.message),
            status_code=status.HTTP_400_BAD_REQUEST,
            headers=headers,
        )
    else:
        response = RedirectResponse(target, status_code=status.HTTP_302_FOUND, headers=headers)
    if state:
        response.delete_cookie(oauth.browser_cookie_name(state), path=oauth.CALLBACK_PATH)
    return response


def foreign_browser_page(base_url: str, message: str) -> str:
    """A plain page (no script): the person here may have no session with us at all."""
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>Nothing was connected - Socialflow</title></head>"
        "<body style='font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto;"
        " padding: 0 1rem; line-height: 1.5'>"
        "<h1>Nothing was connected</h1>"
        f"<p>{html.escape(message)}</p>"
        "<p>If you did not try to connect an account to Socialflow, someone may have sent you "
        "this link to take over your account: nothing happened, and you can close this page.</p>"
        f"<p><a href='{html.escape(base_url)}/platforms'>Go to the Platforms page</a></p>"
        "</body></html>"
    )


@router.delete("/{account_id}", status_code=status.HTTP_204_NO_CONTENT)
def disconnect(account_id: uuid.UUID, ctx: ContextDep, scope: Admin, session: SessionDep) -> None:
    """Disconnect: revoke at the platform where possible; past posts keep their history."""
    service.disconnect(ctx, session, scope, account_id)


@router.post("/{account_id}/refresh")
def refresh(account_id: uuid.UUID, ctx: ContextDep, scope: Writer) -> AccountOut:
    """Renew the account's access token now."""
    return service.refresh_now(ctx, scope.workspace_id, account_id)


@router.get("/{account_id}/stats")
def stats(account_id: uuid.UUID, ctx: ContextDep, scope: Reader) -> StatsOut:
    """Followers now and over the last 90 days."""
    return service.stats(ctx, scope.workspace_id, account_id)


@router.post("/{account_id}/select")
def select(account_id: uuid.UUID, body: SelectIn, ctx: ContextDep, scope: Admin) -> AccountOut:
    """Publish to another of your Facebook Pages / Instagram accounts with this connection."""
    return service.choose(ctx, scope.workspace_id, account_id, body.choice_id)


@router.post("/{account_id}/choices", status_code=status.HTTP_201_CREATED)
def add_choices(
    account_id: uuid.UUID, body: AddChoicesIn, ctx: ContextDep, scope: Admin
) -> AccountsOut:
    """Connect some of this login's choices as accounts of their own: the LinkedIn Pages you
    administer (your profile stays connected), or more Facebook Pages / Instagram accounts."""
    return AccountsOut(items=choices.add_choices(ctx, scope, account_id, body.choice_ids))


@router.get("/{account_id}/tiktok-creator-info")
def tiktok_creator_info(
    account_id: uuid.UUID, ctx: ContextDep, scope: Writer
) -> tiktok.TikTokCreatorInfoOut:
    """What this TikTok account may post now: privacy levels to choose from, interactions the
    creator turned off, the longest video (for the composer's TikTok settings)."""
    return tiktok.creator_info(ctx, scope.workspace_id, account_id)


@router.get("/{account_id}/youtube-playlists")
def youtube_playlists(
    account_id: uuid.UUID, ctx: ContextDep, scope: Writer
) -> youtube.PlaylistsOut:
    """The playlists of this YouTube channel, to add a new video to one of them."""
    return youtube.playlists(ctx, scope.workspace_id, account_id)
