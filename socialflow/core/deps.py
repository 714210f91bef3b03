"""FastAPI dependencies as type aliases: routes read `session: SessionDep, user: CurrentUser`."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from socialflow.core.context import AppContext
from socialflow.core.errors import AppError, Forbidden, NotFound, Unauthorized, Unprocessable
from socialflow.core.identity import AuthUser, Membership
from socialflow.core.permissions import Role, Scope


async def get_ctx(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    return ctx


ContextDep = Annotated[AppContext, Depends(get_ctx)]


async def get_session(request: Request, ctx: ContextDep) -> AsyncIterator[Session]:
    """The request's unit of work: one commit after the route returns, rollback on error.

    Created in the event loop (a Session does no I/O until first used) and finished in the
    thread pool: one thread hop per request instead of two. GET and HEAD only read: their
    session does not take SQLite's write lock.
    """
    factory = ctx.db.read_sessions if request.method in ("GET", "HEAD") else ctx.db.sessions
    session = factory()
    try:
        yield session
        if session.in_transaction():
            await run_in_threadpool(session.commit)
    except AppError as exc:
        await run_in_threadpool(session.commit if exc.persist else session.rollback)
        raise
    except BaseException:
        await run_in_threadpool(session.rollback)
        raise
    finally:
        if session.in_transaction():
            await run_in_threadpool(session.close)
        else:
            session.close()


# scope="function": the commit happens before the response is sent, so a client that reads
# right after a 2xx sees the data, and a failed commit is a 500, not a lie.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]

bearer = HTTPBearer(auto_error=False, description="Access token from /api/auth/login")


WORKSPACE_HEADER = "X-Workspace-Id"


@dataclass(frozen=True, slots=True)
class Caller:
    user: AuthUser
    workspace_id: uuid.UUID
    membership: Membership | None


async def identify(
    request: Request,
    ctx: ContextDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Caller:
    """The token's user and their membership of the workspace the request acts in: the
    `X-Workspace-Id` header, a `{workspace_id}` in the path, or the personal workspace."""
    if credentials is None:
        raise Unauthorized("Log in first: send 'Authorization: Bearer <access_token>'.")
    claims = ctx.security.access.decode(credentials.credentials)
    if claims is None:
        raise Unauthorized("The access token is invalid or expired.", code="invalid_token")
    raw = request.path_params.get("workspace_id") or request.headers.get(WORKSPACE_HEADER)
    try:
        workspace_id = uuid.UUID(str(raw)) if raw else claims.user_id
    except ValueError:
        raise Unprocessable(
            f"{WORKSPACE_HEADER} must be a workspace id (a UUID).",
            details=[{"field": WORKSPACE_HEADER, "message": "not a UUID"}],
        ) from None
    found = await ctx.users.identify(claims.user_id, workspace_id)
    if found is None or claims.version != found[0].token_version:
        raise Unauthorized("The access token is invalid or expired.", code="invalid_token")
    return Caller(found[0], workspace_id, found[1])


async def get_current_user(caller: Annotated[Caller, Depends(identify)]) -> AuthUser:
    return caller.user


CurrentUser = Annotated[AuthUser, Depends(get_current_user)]


def scope_of(caller: Caller) -> Scope:
    """The caller's scope; 404 when they are not a member (as for a missing workspace)."""
    m = caller.membership
    if m is None:
        raise NotFound("Workspace not found.", code="workspace_not_found")
    return Scope(caller.user.id, m.workspace_id, m.role, m.account_ids, m.read_only)


def require(needed: Role) -> Callable[[Caller], Awaitable[Scope]]:
    """A dependency: the caller's scope, refused (403) below the role `needed`."""

    async def dependency(caller: Annotated[Caller, Depends(identify)]) -> Scope:
        return scope_of(caller).require(needed)

    dependency.__name__ = f"require_{needed.value}"
    return dependency


# What a route needs, by role. Reads: any member. Writes (posts, media, library, AI): editor.
# Connected accounts, members, invitations, workspace settings: admin. Billing and deleting
# the workspace: owner.
Reader = Annotated[Scope, Depends(require(Role.viewer))]
Writer = Annotated[Scope, Depends(require(Role.editor))]
Admin = Annotated[Scope, Depends(require(Role.admin))]
Owner = Annotated[Scope, Depends(require(Role.owner))]


async def same_origin(request: Request, ctx: ContextDep) -> None:
    """For routes a cookie alone authorizes (logout): refuse a request another site's page
    made. Browsers send Origin on cross-site POSTs; a form post cannot send JSON; non-browser
    clients send neither Origin nor a browser content type and are let through."""
    origin = request.headers.get("origin")
    own = f"{request.url.scheme}://{request.headers.get('host', '')}"  # as the browser saw us
    allowed = {ctx.settings.base_url, own, *ctx.settings.cors_origins}
    if origin is not None and origin.rstrip("/").lower() not in {
        a.rstrip("/").lower() for a in allowed
    }:
        raise Forbidden(
            "This request came from another site's page and was refused.", code="cross_site"
        )
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in ("application/x-www-form-urlencoded", "multipart/form-data", "text/plain"):
        raise Forbidden(
            "Send this request as JSON (or with no body), not as a form.", code="cross_site"
        )


# Offsets past this are refused with a 422: unbounded, a huge one overflowed the database's
# integer type (SQLite: OverflowError, PostgreSQL: bigint out of range) and answered 500.
MAX_OFFSET = 1_000_000
PageOffset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]
