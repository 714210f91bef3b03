"""FastAPI dependencies as type aliases: routes read `session: SessionDep, user: CurrentUser`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from socialflow.core.context import AppContext
from socialflow.core.errors import AppError, Unauthorized
from socialflow.models import User


def get_ctx(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    return ctx


ContextDep = Annotated[AppContext, Depends(get_ctx)]


def get_session(ctx: ContextDep) -> Iterator[Session]:
    """The request's unit of work: one commit after the route returns, rollback on error."""
    with ctx.db.sessions() as session:
        try:
            yield session
            session.commit()
        except AppError as exc:
            session.commit() if exc.persist else session.rollback()
            raise
        except BaseException:
            session.rollback()
            raise


# scope="function": the commit happens before the response is sent, so a client that reads
# right after a 2xx sees the data, and a failed commit is a 500, not a lie.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]

bearer = HTTPBearer(auto_error=False, description="Access token from /api/auth/login")


def get_current_user(
    ctx: ContextDep,
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> User:
    if credentials is None:
        raise Unauthorized("Log in first: send 'Authorization: Bearer <access_token>'.")
    claims = ctx.security.access.decode(credentials.credentials)
    if claims is None:
        raise Unauthorized("The access token is invalid or expired.", code="invalid_token")
    user = session.get(User, claims.user_id)
    if user is None:
        raise Unauthorized("The access token is invalid or expired.", code="invalid_token")
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]
