"""HTTP for analytics: parse, authorize, call one service function."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, status
from fastapi.responses import Response

from socialflow.analytics import export, refresh, service
from socialflow.analytics.schemas import (
    Overview,
    PlatformsOut,
    PostPerformance,
    PostTable,
    RangeName,
    RefreshOut,
)
from socialflow.core.config import PLATFORMS
from socialflow.core.deps import ContextDep, CurrentUser, PageOffset, Reader, SessionDep
from socialflow.core.errors import field_error

router = APIRouter(prefix="/api/analytics", tags=["analytics"])

Range = Annotated[RangeName, Query(alias="range", description="7d, 30d or 90d (Business).")]
PLAN_ERRORS: dict[int | str, dict[str, str]] = {402: {"description": "not in the workspace's plan"}}


@router.get("/overview", responses=PLAN_ERRORS)
def overview(
    ctx: ContextDep, scope: Reader, user: CurrentUser, session: SessionDep, range_: Range = "30d"
) -> Overview:
    """Totals, per-platform numbers, follower trends, posts per day and top posts of the
    workspace, by days of the caller's time zone."""
    return service.overview(session, scope.workspace_id, user.timezone, range_, now=ctx.clock())


@router.get("/platforms", responses=PLAN_ERRORS)
def platforms(
    ctx: ContextDep, scope: Reader, user: CurrentUser, session: SessionDep, range_: Range = "30d"
) -> PlatformsOut:
    """Per-platform breakdown (Business)."""
    return service.platforms(session, scope.workspace_id, user.timezone, range_, now=ctx.clock())


@router.get("/posts", responses=PLAN_ERRORS)
def post_table(
    ctx: ContextDep,
    scope: Reader,
    user: CurrentUser,
    session: SessionDep,
    range_: Range = "30d",
    platform: str | None = None,
    sort: Literal["published_at", "impressions", "engagement_rate", "engagements"] = (
        "published_at"
    ),
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: PageOffset = 0,
) -> PostTable:
    """Published platform posts of the range with their latest numbers (Pro and up)."""
    if platform is not None and platform not in PLATFORMS:
        raise field_error("platform", f"unknown platform; known: {', '.join(PLATFORMS)}")
    return service.post_table(
        session,
        scope.workspace_id,
        user.timezone,
        range_,
        platform,
        sort,
        limit,
        offset,
        now=ctx.clock(),
    )


@router.get(
    "/posts.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}, **PLAN_ERRORS},
)
def posts_csv(
    ctx: ContextDep, scope: Reader, user: CurrentUser, session: SessionDep, range_: Range = "30d"
) -> Response:
    """The post table as CSV (Business)."""
    now = ctx.clock()
    body = export.posts_csv(session, scope.workspace_id, user.timezone, range_, now=now)
    name = f"socialflow-posts-{range_}-{now:%Y%m%d}.csv"
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/posts/{post_id}", responses=PLAN_ERRORS)
def post_performance(post_id: uuid.UUID, scope: Reader, session: SessionDep) -> PostPerformance:
    """One post: each platform's latest numbers and every snapshot since publishing."""
    return service.post_performance(session, scope.workspace_id, post_id)


@router.post("/refresh", status_code=status.HTTP_202_ACCEPTED, responses={429: {}})
def refresh_now(ctx: ContextDep, scope: Reader, session: SessionDep) -> RefreshOut:
    """Fetch the workspace's follower counts and recent posts' numbers now (once per 5 minutes
    per workspace). Any member may: it changes no content, only how fresh the numbers are."""
    return refresh.refresh_now(ctx, session, scope.workspace_id)
