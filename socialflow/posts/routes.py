"""HTTP for posts: CRUD, schedule/publish/cancel/retry/duplicate, calendar, live status."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from socialflow.core.clock import as_utc, utcnow
from socialflow.core.deps import Admin, ContextDep, PageOffset, Reader, SessionDep, Writer
from socialflow.core.errors import NotFound, Unauthorized, field_error
from socialflow.core.permissions import Role, Scope, at_least
from socialflow.models import PlatformPost, Post
from socialflow.models.workspaces import record_activity
from socialflow.posts import approval, comments, lifecycle, parts, service, trash
from socialflow.posts.schemas import (
    AccountBrief,
    ApproveIn,
    CalendarItem,
    CheckIn,
    CommentIn,
    CommentOut,
    CommentsOut,
    PlatformCheck,
    PlatformPostOut,
    PostCreate,
    PostIdsIn,
    PostIdsOut,
    PostOut,
    PostPage,
    PostSummary,
    PostUpdate,
    ProblemOut,
    RequestChangesIn,
    RetryIn,
    ScheduleIn,
    StatusOut,
)

router = APIRouter(prefix="/api/posts", tags=["posts"])
PostId = Annotated[uuid.UUID, "post id"]


def post_out(session: Session, post: Post, notice: str | None = None) -> PostOut:
    rows = service.rows_of(session, post)
    accounts = service.accounts_by_id(session, rows)
    followups = parts.shown(session, rows)
    items = []
    for row in rows:
        item = PlatformPostOut.model_validate(row)
        item.parts, item.first_comment = followups[row.id]
        account = accounts.get(row.social_account_id) if row.social_account_id else None
        if account is not None:
            item.account = AccountBrief(
                id=account.id,
                username=account.platform_username,
                display_name=account.platform_display_name,
                avatar_url=account.avatar_url,
                status=account.status,
            )
        items.append(item)
    out = PostOut.model_validate(post)
    out.platform_posts = items
    out.notice = notice
    if post.status in ("draft", "pending_approval", "scheduled", "failed", "partially_published"):
        out.problems = [
            ProblemOut(
                platform_post_id=row.id,
                platform=p.platform,
                code=p.code,
                message=p.message,
                field=p.field,
            )
            for row, p in service.problems(session, post, rows)
        ]
    return out


# Static paths first: they would otherwise be read as a post id.


@router.get("/calendar")
def calendar(
    scope: Reader,
    session: SessionDep,
    date_from: Annotated[datetime, Query(alias="from")],
    date_to: Annotated[datetime, Query(alias="to")],
) -> list[CalendarItem]:
    """Scheduled and published posts between `from` and `to` (at most 92 days)."""
    start, end = as_utc(date_from), as_utc(date_to)
    if end <= start or end - start > timedelta(days=92):
        raise field_error("to", "must be after 'from' and at most 92 days later")
    return [
        CalendarItem(
            id=p.id,
            title=p.title,
            content=p.content[:280],
            status=p.status,
            platforms=p.platforms,
            at=at,
            kind=kind,
        )
        for p, at, kind in service.calendar(session, scope.workspace_id, start, end)
    ]


@router.post("/check")
def check(body: CheckIn, scope: Reader, session: SessionDep) -> list[PlatformCheck]:
    """Length as each platform counts it and every problem, for text not saved yet."""
    return service.check(session, scope.workspace_id, body)


# A change is stamped (updated_at) when its transaction starts writing and becomes visible
# when it commits, moments later: a reader asking "since T" right after T would miss a row
# stamped before T that commits after. So every read reaches OVERLAP further back; entries
# carry their updated_at, and applying one twice changes nothing (the stream skips those it
# already sent). Publishing transactions last well under a second; 30 s is the margin.
OVERLAP = timedelta(seconds=30)


@router.get("/changes")
def changes(scope: Reader, session: SessionDep, since: datetime | None = None) -> StatusOut:
    """Posts whose targets changed since `since` (polling form of the live stream).

    Pass the previous answer's `now` as `since`. Changes from the 30 s before `since` are
    repeated (a change can commit moments after its time stamp); apply each entry when its
    `updated_at` is newer than what you have.
    """
    now = utcnow()
    start = as_utc(since) - OVERLAP if since else now - timedelta(minutes=5)
    return StatusOut(now=now, posts=_changes(session, scope.workspace_id, start))


def _changes(session: Session, workspace_id: uuid.UUID, since: datetime) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(PlatformPost)
        .where(PlatformPost.workspace_id == workspace_id, PlatformPost.updated_at > since)
        .order_by(PlatformPost.updated_at)
        .limit(500)
    ).all()
    posts: dict[uuid.UUID, dict[str, Any]] = {}
    for row in rows:
        entry = posts.setdefault(row.post_id, {"id": str(row.post_id), "platform_posts": []})
        entry["platform_posts"].append(
            {
                "id": str(row.id),
                "platform": row.platform,
                "status": row.status,
                "platform_url": row.platform_url,
                "error_message": row.error_message,
                "published_at": row.published_at.isoformat() if row.published_at else None,
                "updated_at": row.updated_at.isoformat(),
            }
        )
    if posts:
        for post in session.scalars(select(Post).where(Post.id.in_(posts))):
            posts[post.id]["status"] = post.status
    return list(posts.values())


@router.get("/events", response_class=StreamingResponse)
async def events(
    request: Request,
    ctx: ContextDep,
    access_token: str,
    workspace_id: Annotated[
        uuid.UUID | None, Query(description="the workspace (default: personal)")
    ] = None,
) -> StreamingResponse:
    """Server-Sent Events: one `post` event per change of the workspace's posts.

    EventSource cannot send headers, so the (short-lived) access token and the workspace are
    query parameters. The stream ends when the token expires or the caller leaves the
    workspace.
    """
    claims = ctx.security.access.decode(access_token)
    if claims is None:
        raise Unauthorized("The access token is invalid or expired.", code="invalid_token")
    space = workspace_id or claims.user_id

    async def member() -> bool:
        found = await ctx.users.identify(claims.user_id, space)
        return found is not None and found[1] is not None

    found = await ctx.users.identify(claims.user_id, space)
    if found is None or found[0].token_version != claims.version:
        raise Unauthorized("The access token is invalid or expired.", code="invalid_token")
    if found[1] is None:
        raise NotFound("Workspace not found.", code="workspace_not_found")

    def poll(since: datetime) -> list[dict[str, Any]]:
        with ctx.db.read_sessions() as session:
            return _changes(session, space, since)

    async def stream() -> AsyncIterator[bytes]:
        since = utcnow()
        sent: dict[str, str] = {}  # platform post id -> the updated_at last sent
        yield b"retry: 3000\n: connected\n\n"
        idle = 0.0
        while not await request.is_disconnected():
            claims_now = ctx.security.access.decode(access_token)
            if claims_now is None or not await member():
                yield b"event: expired\ndata: {}\n\n"
                return
            started = utcnow()
            found = await run_in_threadpool(poll, since - OVERLAP)
            fresh = [
                post
                for post in found
                if any(sent.get(p["id"]) != p["updated_at"] for p in post["platform_posts"])
            ]
            for post in fresh:
                sent.update((p["id"], p["updated_at"]) for p in post["platform_posts"])
                yield f"event: post\ndata: {json.dumps(post)}\n\n".encode()
            since = started
            horizon = since - OVERLAP
            sent = {k: v for k, v in sent.items() if as_utc(datetime.fromisoformat(v)) > horizon}
            found = fresh
            idle = 0.0 if found else idle + 1
            if idle >= 15:
                yield b": keep-alive\n\n"
                idle = 0.0
            await asyncio.sleep(1.0)

    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return StreamingResponse(stream(), media_type="text/event-stream", headers=headers)


@router.get("")
def list_posts(
    scope: Reader,
    session: SessionDep,
    status_: Annotated[str | None, Query(alias="status", max_length=30)] = None,
    platform: Annotated[str | None, Query(max_length=20)] = None,
    date_from: Annotated[datetime | None, Query(alias="from")] = None,
    date_to: Annotated[datetime | None, Query(alias="to")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    offset: PageOffset = 0,
    awaiting_my_approval: Annotated[
        bool, Query(description="only posts waiting for approval that you may approve")
    ] = False,
) -> PostPage:
    """The workspace's posts, newest first; filter by status, platform and date range, or
    `awaiting_my_approval` (issue 15: none for editors and viewers, who approve nothing)."""
    mine: uuid.UUID | None = None
    if awaiting_my_approval:
        if scope.read_only or not at_least(scope.role, Role.admin):
            return PostPage(items=[], total=0, limit=limit, offset=offset)
        status_ = approval.PENDING
        if approval.needs_approval(session, scope):
            mine = scope.user_id  # their own submissions wait for someone else
    items, total = service.list_posts(
        session,
        scope.workspace_id,
        status=status_,
        platform=platform,
        date_from=as_utc(date_from) if date_from else None,
        date_to=as_utc(date_to) if date_to else None,
        limit=limit,
        offset=offset,
        not_submitted_by=mine,
    )
    return PostPage(
        items=[PostSummary.model_validate(p) for p in items],
        total=total,
        limit=limit,
        offset=offset,
    )


SUBMITTED = (
    "Approval is required in this workspace: the post waits for an admin or the owner to "
    "approve it; nothing is published until then."
)
PENDING_ANSWER: dict[int | str, dict[str, Any]] = {
    202: {"model": PostOut, "description": "approval required: the post is pending_approval"}
}


@router.post("", status_code=status.HTTP_201_CREATED)
def create_post(body: PostCreate, scope: Writer, ctx: ContextDep, session: SessionDep) -> PostOut:
    """A draft post with one variant per target account; with `publish` or `schedule`, also
    published or scheduled in the same step: if that is refused, nothing is created. Where
    approval is required of the caller, the post is created `pending_approval` instead."""
    space = scope.workspace_id
    post = service.create_post(session, space, body, author=scope.user_id)
    _guard_accounts(session, scope, post)
    _record(session, scope, post, "post.created", "Created")
    if (body.publish or body.schedule is not None) and approval.needs_approval(session, scope):
        post = approval.submit(ctx, session, scope, post.id, body.schedule)
        return post_out(session, post, SUBMITTED)
    if body.publish or body.schedule is not None:
        approval.self_approved(post)
    if body.publish:
        post = lifecycle.publish_now(ctx, session, space, post.id)
        _record(session, scope, post, "post.published", "Published")
    elif body.schedule is not None:
        post = lifecycle.schedule(ctx, session, space, post.id, body.schedule, scope.user_id)
        _record(session, scope, post, "post.scheduled", "Scheduled")
    return post_out(session, post)


def _guard_accounts(session: Session, scope: Scope, post: Post) -> None:
    """An editor limited to some connected accounts may not write to the others (the
    transaction is rolled back: nothing is saved)."""
    if scope.account_ids is None:
        return
    used = {r.social_account_id for r in service.rows_of(session, post) if r.social_account_id}
    scope.require_accounts(used)


def _record(session: Session, scope: Scope, post: Post, action: str, verb: str) -> None:
    text = " ".join((post.title or post.content or "").split())
    summary = f"{verb} post “{text[:80]}{'…' if len(text) > 80 else ''}”"
    record_activity(
        session,
        scope.workspace_id,
        scope.user_id,
        action,
        summary,
        target_type="post",
        target_id=post.id,
    )


@router.post("/bulk-delete")
def bulk_delete(body: PostIdsIn, scope: Writer, session: SessionDep) -> PostIdsOut:
    """Delete several posts at once (all or none); `POST /api/posts/restore` undoes it."""
    posts = trash.delete_posts(session, scope.workspace_id, body.post_ids)
    for post in posts:
        _guard_accounts(session, scope, post)
        _record(session, scope, post, "post.deleted", "Deleted")
    return PostIdsOut(post_ids=[p.id for p in posts])


@router.post("/restore")
def restore(body: PostIdsIn, scope: Writer, ctx: ContextDep, session: SessionDep) -> PostIdsOut:
    """Undo a delete (within 24 hours): posts come back as they were; one that was scheduled
    for a time that has passed meanwhile comes back as a draft."""
    posts = trash.restore_posts(ctx, session, scope.workspace_id, body.post_ids)
    for post in posts:
        _guard_accounts(session, scope, post)
        _record(session, scope, post, "post.restored", "Restored")
    return PostIdsOut(post_ids=[p.id for p in posts])


@router.get("/{post_id}")
def get_post(post_id: PostId, scope: Reader, session: SessionDep) -> PostOut:
    """The post, its per-platform variants and their status, and any problems found."""
    return post_out(session, service.get_post(session, scope.workspace_id, post_id))


@router.put("/{post_id}")
def update_post(
    post_id: PostId, body: PostUpdate, scope: Writer, ctx: ContextDep, session: SessionDep
) -> PostOut:
    """Edit the post, its targets, or one variant (an edited variant stays as the user wrote it).

    Under approval: an edit of a post approved (or scheduled) but not yet published, by a
    member whose posts need approval, sends it back to `pending_approval`; `notice` says so.
    """
    current = service.get_post(session, scope.workspace_id, post_id)
    _guard_accounts(session, scope, current)
    notice = approval.before_edit(ctx, session, scope, current)
    post = service.update_post(session, scope.workspace_id, post_id, body)
    _guard_accounts(session, scope, post)
    _record(session, scope, post, "post.updated", "Edited")
    return post_out(session, post, notice)


@router.delete("/{post_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_post(post_id: PostId, scope: Writer, session: SessionDep) -> None:
    """Delete from Socialflow (not from the platforms); refused while publishing.
    `POST /api/posts/restore` undoes it for 24 hours."""
    for post in trash.delete_posts(session, scope.workspace_id, [post_id]):
        _guard_accounts(session, scope, post)
        _record(session, scope, post, "post.deleted", "Deleted")


@router.post("/{post_id}/publish", responses=PENDING_ANSWER)
def publish(
    post_id: PostId, scope: Writer, ctx: ContextDep, session: SessionDep, response: Response
) -> PostOut:
    """Publish now to every target that is not published yet. Where approval is required of
    the caller: 202, the post `pending_approval` (approvers are notified)."""
    current = service.get_post(session, scope.workspace_id, post_id)
    _guard_accounts(session, scope, current)
    if approval.needs_approval(session, scope):
        response.status_code = status.HTTP_202_ACCEPTED
        post = approval.submit(ctx, session, scope, post_id, None)
        return post_out(session, post, SUBMITTED)
    if current.status == approval.PENDING and at_least(scope.role, Role.admin):
        # An approver publishing a post that waits for approval approves it (exactly once).
        post = approval.approve(ctx, session, scope, post_id, ApproveIn(publish_now=True))
        return post_out(session, post)
    post = lifecycle.publish_now(ctx, session, scope.workspace_id, post_id)
    approval.self_approved(post)
    _record(session, scope, post, "post.published", "Published")
    return post_out(session, post)


@router.post("/{post_id}/schedule", responses=PENDING_ANSWER)
def schedule(
    post_id: PostId,
    body: ScheduleIn,
    scope: Writer,
    ctx: ContextDep,
    session: SessionDep,
    response: Response,
) -> PostOut:
    """Schedule or reschedule; a local time is read in the user's time zone. Where approval is
    required of the caller: 202, the post `pending_approval` for that time."""
    current = service.get_post(session, scope.workspace_id, post_id)
    _guard_accounts(session, scope, current)
    if approval.needs_approval(session, scope):
        response.status_code = status.HTTP_202_ACCEPTED
        post = approval.submit(ctx, session, scope, post_id, body)
        return post_out(session, post, SUBMITTED)
    if current.status == approval.PENDING and at_least(scope.role, Role.admin):
        # An approver scheduling a post that waits for approval approves it for that time.
        decision = ApproveIn(
            scheduled_for=body.scheduled_for, timezone=body.timezone, fold=body.fold
        )
        post = approval.approve(ctx, session, scope, post_id, decision)
        return post_out(session, post)
    post = lifecycle.schedule(ctx, session, scope.workspace_id, post_id, body, scope.user_id)
    approval.self_approved(post)
    _record(session, scope, post, "post.scheduled", "Scheduled")
    return post_out(session, post)


@router.post("/{post_id}/cancel")
def cancel(post_id: PostId, scope: Writer, session: SessionDep) -> PostOut:
    """Unschedule: waiting targets go back to draft; a post pending approval is withdrawn."""
    current = service.get_post(session, scope.workspace_id, post_id)
    _guard_accounts(session, scope, current)
    if current.status == approval.PENDING:
        post = approval.withdraw(session, scope, current)
        _record(session, scope, post, "post.withdrawn", "Withdrew from approval")
        return post_out(session, post)
    post = lifecycle.cancel(session, scope.workspace_id, post_id)
    _record(session, scope, post, "post.unscheduled", "Unscheduled")
    return post_out(session, post)


@router.post("/{post_id}/retry")
def retry(
    post_id: PostId,
    scope: Writer,
    ctx: ContextDep,
    session: SessionDep,
    body: RetryIn | None = None,
) -> PostOut:
    """Try the failed targets again now."""
    confirm = body.confirm_not_posted if body else False
    current = service.get_post(session, scope.workspace_id, post_id)
    _guard_accounts(session, scope, current)
    approval.require_approved_text(session, scope, current)
    return post_out(session, lifecycle.retry(ctx, session, scope.workspace_id, post_id, confirm))


@router.post("/{post_id}/duplicate", status_code=status.HTTP_201_CREATED)
def duplicate(post_id: PostId, scope: Writer, session: SessionDep) -> PostOut:
    """A new draft with the same content, targets and variants."""
    _guard_accounts(session, scope, service.get_post(session, scope.workspace_id, post_id))
    post = service.duplicate(session, scope.workspace_id, post_id, author=scope.user_id)
    _record(session, scope, post, "post.created", "Duplicated")
    return post_out(session, post)


@router.post("/{post_id}/approve")
def approve(
    post_id: PostId,
    scope: Admin,
    ctx: ContextDep,
    session: SessionDep,
    body: ApproveIn | None = None,
) -> PostOut:
    """Approve a post pending approval (admin or owner): it is published now or scheduled for
    its time. If that time has passed: 409 `approval_time_passed`; send `publish_now` or a
    new `scheduled_for`. Send the `revision` you reviewed: if it was edited since, 409
    `post_changed`. Two approvals at once: one takes effect, the other gets a 409."""
    post = approval.approve(ctx, session, scope, post_id, body or ApproveIn())
    return post_out(session, post)


@router.post("/{post_id}/request-changes")
def request_changes(
    post_id: PostId, body: RequestChangesIn, scope: Admin, ctx: ContextDep, session: SessionDep
) -> PostOut:
    """Send a post pending approval back to draft with a comment (admin or owner); the
    author is notified and the comment is in the post's thread."""
    post = approval.request_changes(ctx, session, scope, post_id, body.comment)
    return post_out(session, post)


@router.get("/{post_id}/comments")
def list_comments(post_id: PostId, scope: Reader, session: SessionDep) -> CommentsOut:
    """The post's comment thread, oldest first (every member, internal notes included)."""
    return CommentsOut(items=comments.list_comments(session, scope, post_id))


@router.post("/{post_id}/comments", status_code=status.HTTP_201_CREATED)
def add_comment(
    post_id: PostId, body: CommentIn, scope: Reader, ctx: ContextDep, session: SessionDep
) -> CommentOut:
    """Comment on a post (any member, viewers too: a comment changes nothing that goes out).
    `@ana@example.com` or `@ana` mentions a member, who is notified; `internal`: a note a
    client reviewer never sees."""
    return comments.add_comment(ctx, session, scope, post_id, body)
