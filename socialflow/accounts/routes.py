"""HTTP for connected accounts: parse, authorize, call one service function."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, status
from fastapi.responses import RedirectResponse

from socialflow.accounts import oauth, service
from socialflow.accounts.schemas import (
    AccountOut,
    AccountsOut,
    ConnectIn,
    ConnectOut,
    PlatformsOut,
    SelectIn,
    StatsOut,
)
from socialflow.core.deps import ContextDep, CurrentUser, SessionDep

router = APIRouter(prefix="/api/social-accounts", tags=["social accounts"])


@router.get("/platforms")
def platforms(ctx: ContextDep, user: CurrentUser) -> PlatformsOut:
    """The platforms one can connect, whether each is the built-in sandbox, and what it can do."""
    return service.list_platforms(ctx)


@router.get("")
def list_accounts(ctx: ContextDep, user: CurrentUser, session: SessionDep) -> AccountsOut:
    """The user's connected accounts (never their tokens)."""
    return service.list_accounts(ctx, session, user.id)


@router.post("/connect")
def connect(body: ConnectIn, ctx: ContextDep, user: CurrentUser, session: SessionDep) -> ConnectOut:
    """Start connecting (or re-connecting) an account: open `authorization_url` in the browser."""
    return ConnectOut(authorization_url=oauth.start_connect(ctx, session, user.id, body))


@router.get("/callback", include_in_schema=False)
def callback(request: Request, ctx: ContextDep) -> RedirectResponse:
    """Where the platform sends the browser back; the single-use state identifies the user."""
    target = oauth.finish_connect(ctx, dict(request.query_params))
    return RedirectResponse(
        target,
        status_code=status.HTTP_302_FOUND,
        headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"},
    )


@router.delete("/{account_id}", status_code=status.HTTP_204_NO_CONTENT)
def disconnect(
    account_id: uuid.UUID, ctx: ContextDep, user: CurrentUser, session: SessionDep
) -> None:
    """Disconnect: revoke at the platform where possible; past posts keep their history."""
    service.disconnect(ctx, session, user.id, account_id)


@router.post("/{account_id}/refresh")
def refresh(account_id: uuid.UUID, ctx: ContextDep, user: CurrentUser) -> AccountOut:
    """Renew the account's access token now."""
    return service.refresh_now(ctx, user.id, account_id)


@router.get("/{account_id}/stats")
def stats(account_id: uuid.UUID, ctx: ContextDep, user: CurrentUser) -> StatsOut:
    """Followers now and over the last 90 days."""
    return service.stats(ctx, user.id, account_id)


@router.post("/{account_id}/select")
def select(account_id: uuid.UUID, body: SelectIn, ctx: ContextDep, user: CurrentUser) -> AccountOut:
    """Publish to another of your Facebook Pages / Instagram accounts with this connection."""
    return service.choose(ctx, user.id, account_id, body.choice_id)
