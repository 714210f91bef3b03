"""FastAPI dependencies as type aliases: routes read `session: SessionDep, user: CurrentUser`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from socialflow.core.context import AppContext
from socialflow.core.errors import AppError, Unauthorized
from socialflow.core.identity import AuthUser


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


async def get_current_user(
    ctx: ContextDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> AuthUser:
    if credentials is None:
        raise Unauthorized("Log in first: send 'Authorization: Bearer <access_token>'.")
    claims = ctx.security.access.decode(credentials.credentials)
    user = await ctx.users.get(claims.user_id) if claims else None
    if user is None:
        raise Unauthorized("The access token is invalid or expired.", code="invalid_token")
    return user


CurrentUser = Annotated[AuthUser, Depends(get_current_user)]


# Offsets past this are refused with a 422: unbounded, a huge one overflowed the database's
# integer type (SQLite: OverflowError, PostgreSQL: bigint out of range) and answered 500.
MAX_OFFSET = 1_000_000
PageOffset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]
