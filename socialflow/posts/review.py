"""Client review links (issue 15): an approver makes a link for a person with no account; the
page at the link (rendered here, no JavaScript, no dashboard bundle) shows that one post as
each platform will get it, with the team's non-internal comments, and takes one decision:
approve, or request changes with a comment, signed with the name and e-mail the client types.

The link carries a random 256-bit token; only its SHA-256 is stored. It is scoped to its post
(the token names nothing else), expires, can be revoked, and is no credential for the API.
A client's approval is the same exactly-once decision as a member's (approval.decide); when
the post's time has passed, the client's approval is recorded and the approvers choose a new
time (a client is not asked to schedule).
"""

from __future__ import annotations

import html
import uuid
from datetime import datetime, timedelta

from fastapi import APIRouter, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from socialflow.core.context import AppContext
from socialflow.core.db import affected
from socialflow.core.deps import Admin, ContextDep, SessionDep
from socialflow.core.errors import AppError, Conflict, NotFound
from socialflow.core.security import new_opaque_token, token_hash
from socialflow.models import Post, PostComment, ReviewLink, User, Workspace
from socialflow.models.workspaces import record_activity
from socialflow.notifications.service import notify_and_mail
from socialflow.platforms.options import follow_ups
from socialflow.posts import approval
from socialflow.posts.service import accounts_by_id, get_post, rows_of

router = APIRouter(tags=["review"])
PAGE = "/api/review/{token}"
PLATFORM_NAMES = {
    "twitter": "X",
    "linkedin": "LinkedIn",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "tiktok": "TikTok",
    "youtube": "YouTube",
}


class ReviewLinkIn(BaseModel):
    expires_in_days: int = Field(default=7, ge=1, le=30, description="1 to 30 days")


class ReviewLinkOut(BaseModel):
    id: uuid.UUID
    url: str | None = Field(default=None, description="only when created: the link to share")
    expires_at: datetime
    created_at: datetime
    revoked_at: datetime | None
    decision: str | None = Field(description="approved | changes_requested, once the client chose")
    client_name: str | None
    client_email: str | None
    decided_at: datetime | None


class ReviewLinksOut(BaseModel):
    items: list[ReviewLinkOut]


def _out(link: ReviewLink, url: str | None = None) -> ReviewLinkOut:
    return ReviewLinkOut(
        id=link.id,
        url=url,
        expires_at=link.expires_at,
        created_at=link.created_at,
        revoked_at=link.revoked_at,
        decision=link.decision,
        client_name=link.client_name,
        client_email=link.client_email,
        decided_at=link.decided_at,
    )


def _about(post: Post) -> str:
    text = " ".join((post.title or post.content or "").split())
    return f"“{text[:60]}{'…' if len(text) > 60 else ''}”"


# --------------------------------------------------------------------------- managing links


@router.post("/api/posts/{post_id}/review-links", status_code=status.HTTP_201_CREATED)
def create_link(
    post_id: uuid.UUID,
    scope: Admin,
    ctx: ContextDep,
    session: SessionDep,
    body: ReviewLinkIn | None = None,
) -> ReviewLinkOut:
    """A link for a client (no account) to review this one post: shown once; expires (7 days
    unless `expires_in_days`), `DELETE` revokes it. Admin or owner."""
    post = get_post(session, scope.workspace_id, post_id)
    token = new_opaque_token()
    now = ctx.clock()
    link = ReviewLink(
        post_id=post.id,
        workspace_id=scope.workspace_id,
        token_hash=token_hash(token),
        created_by=scope.user_id,
        created_at=now,
        expires_at=now + timedelta(days=(body or ReviewLinkIn()).expires_in_days),
    )
    session.add(link)
    session.flush()
    record_activity(
        session,
        scope.workspace_id,
        scope.user_id,
        "post.review_link_created",
        f"Created a client review link for post {_about(post)}",
        target_type="post",
        target_id=post.id,
    )
    return _out(link, f"{ctx.settings.base_url}{PAGE.format(token=token)}")


@router.get("/api/posts/{post_id}/review-links")
def list_links(post_id: uuid.UUID, scope: Admin, session: SessionDep) -> ReviewLinksOut:
    """The post's review links (never their tokens), newest first, with any decision."""
    get_post(session, scope.workspace_id, post_id)
    links = session.scalars(
        select(ReviewLink)
        .where(ReviewLink.post_id == post_id, ReviewLink.workspace_id == scope.workspace_id)
        .order_by(ReviewLink.created_at.desc())
    )
    return ReviewLinksOut(items=[_out(link) for link in links])


@router.delete(
    "/api/posts/{post_id}/review-links/{link_id}", status_code=status.HTTP_204_NO_CONTENT
)
def revoke_link(
    post_id: uuid.UUID, link_id: uuid.UUID, scope: Admin, ctx: ContextDep, session: SessionDep
) -> None:
    """Revoke a review link: its page answers 410 from now on."""
    post = get_post(session, scope.workspace_id, post_id)
    link = session.scalar(
        select(ReviewLink).where(
            ReviewLink.id == link_id,
            ReviewLink.post_id == post_id,
            ReviewLink.workspace_id == scope.workspace_id,
        )
    )
    if link is None:
        raise NotFound("No such review link.", code="review_link_not_found")
    if link.revoked_at is None:
        link.revoked_at = ctx.clock()
        record_activity(
            session,
            scope.workspace_id,
            scope.user_id,
            "post.review_link_revoked",
            f"Revoked a client review link for post {_about(post)}",
            target_type="post",
            target_id=post.id,
        )


# --------------------------------------------------------------------------- the page


class PageError(AppError):
    status_code = 410
    code = "review_link_gone"


def _link(ctx: AppContext, session: Session, token: str) -> tuple[ReviewLink, Post]:
    link = session.scalar(select(ReviewLink).where(ReviewLink.token_hash == token_hash(token)))
    if link is None:
        raise NotFound("This review link is not valid.", code="review_link_not_found")
    if link.revoked_at is not None:
        raise PageError("This review link was revoked by the team.")
    if link.expires_at <= ctx.clock():
        raise PageError("This review link has expired; ask the team for a new one.")
    post = session.scalar(
        select(Post).where(
            Post.id == link.post_id,
            Post.workspace_id == link.workspace_id,
            Post.deleted_at.is_(None),
        )
    )
    if post is None:
        raise PageError("This post is no longer available.")
    return link, post


STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:720px;
margin:2rem auto;padding:0 1rem;color:#1f2933;line-height:1.5}
.card{border:1px solid #d9e2ec;border-radius:10px;padding:1rem;margin:1rem 0;background:#fff}
.who{font-weight:600}.muted{color:#627d98;font-size:.9rem}.text{white-space:pre-wrap}
.part{border-left:3px solid #d9e2ec;padding-left:.75rem;margin:.5rem 0}
label{display:block;margin:.5rem 0 .2rem;font-weight:600}
input,textarea{width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #bcccdc;
border-radius:6px}
button{margin:.75rem .5rem 0 0;padding:.6rem 1rem;border-radius:6px;border:0;font-weight:600}
.approve{background:#0b7a3e;color:#fff}.changes{background:#f0b429;color:#1f2933}
.error{background:#ffe3e3;border:1px solid #e12d39;padding:.75rem;border-radius:6px}
.done{background:#e3f9e5;border:1px solid #3f9142;padding:.75rem;border-radius:6px}
"""


def _page(title: str, body: str, code: int = 200) -> HTMLResponse:
    return HTMLResponse(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<meta name="robots" content="noindex"><title>{html.escape(title)}</title>'
        f"<style>{STYLE}</style></head><body>{body}</body></html>",
        status_code=code,
        headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"},
    )


def _e(value: object) -> str:
    return html.escape(str(value))


def _previews(session: Session, post: Post) -> str:
    rows = rows_of(session, post)
    accounts = accounts_by_id(session, rows)
    cards = []
    for row in rows:
        account = accounts.get(row.social_account_id) if row.social_account_id else None
        name = (account.platform_display_name or account.platform_username) if account else ""
        handle = f"@{account.platform_username}" if account and account.platform_username else ""
        media = len(row.media_ids)
        extra = []
        for spec in follow_ups(row.platform, row.options):
            label = "Reply in thread" if spec.kind == "thread" else "First comment"
            extra.append(
                f'<div class="part"><div class="muted">{label}</div>'
                f'<div class="text">{_e(spec.text)}</div></div>'
            )
        cards.append(
            f'<section class="card" data-platform="{_e(row.platform)}">'
            f'<div class="muted">{_e(PLATFORM_NAMES.get(row.platform, row.platform))}</div>'
            f'<div class="who">{_e(name)} <span class="muted">{_e(handle)}</span></div>'
            + (f"<h3>{_e(row.title)}</h3>" if row.title else "")
            + f'<div class="text">{_e(row.content)}</div>'
            + (
                f'<div class="muted">{media} attached file{"s" if media != 1 else ""}</div>'
                if media
                else ""
            )
            + "".join(extra)
            + "</section>"
        )
    return "".join(cards)


def _thread(session: Session, post: Post) -> str:
    """The team's comments a client may see: never internal notes."""
    rows = session.execute(
        select(PostComment, User.full_name)
        .outerjoin(User, User.id == PostComment.author_id)
        .where(PostComment.post_id == post.id, PostComment.internal.is_(False))
        .order_by(PostComment.created_at)
    ).all()
    if not rows:
        return ""
    items = "".join(
        f'<div class="part"><div class="muted">{_e(c.client_name or name or "The team")}'
        f'</div><div class="text">{_e(c.body)}</div></div>'
        for c, name in rows
    )
    return f'<section class="card"><h2>Comments</h2>{items}</section>'


def _review_page(
    session: Session, link: ReviewLink, post: Post, note: str = "", code: int = 200
) -> HTMLResponse:
    ws = session.get(Workspace, post.workspace_id)
    when = (
        f"Planned for {post.scheduled_for:%Y-%m-%d %H:%M} UTC"
        if post.scheduled_for
        else "To be published as soon as it is approved"
    )
    decided = ""
    if link.decision:
        decided = (
            f'<p class="done">You already answered: '
            f"{'approved' if link.decision == 'approved' else 'changes requested'}"
            f" ({_e(link.client_name or '')}). Thank you.</p>"
        )
    form = ""
    if not link.decision and post.status == approval.PENDING:
        form = (
            '<section class="card"><h2>Your decision</h2><form method="post">'
            f'<input type="hidden" name="revision" value="{post.revision}">'
            '<label for="name">Your name</label>'
            '<input id="name" name="name" required maxlength="100" autocomplete="name">'
            '<label for="email">Your e-mail</label>'
            '<input id="email" name="email" type="email" required maxlength="255" '
            'autocomplete="email">'
            '<label for="comment">Comment (needed to request changes)</label>'
            '<textarea id="comment" name="comment" rows="4" maxlength="5000"></textarea>'
            '<button class="approve" name="decision" value="approve">Approve</button>'
            '<button class="changes" name="decision" value="request_changes">'
            "Request changes</button></form></section>"
        )
    elif not link.decision:
        form = '<p class="muted">This post is not waiting for a decision right now.</p>'
    body = (
        f"<h1>Review a post for {_e(ws.name if ws else '')}</h1>"
        f'<p class="muted">{_e(when)}. Expires {link.expires_at:%Y-%m-%d %H:%M} UTC.</p>'
        f"{note}{decided}{_previews(session, post)}{_thread(session, post)}{form}"
    )
    return _page("Review a post", body, code)


def _gone(exc: AppError) -> HTMLResponse:
    return _page(
        "Review link",
        f'<h1>Review link</h1><p class="error">{_e(exc.message)}</p>',
        exc.status_code,
    )


@router.get(PAGE, response_class=HTMLResponse)
def review_page(token: str, ctx: ContextDep, session: SessionDep) -> HTMLResponse:
    """The review page for a client (no sign-in): the post as each platform will show it and
    the decision form. 404 for an unknown token, 410 when revoked, expired or deleted."""
    try:
        link, post = _link(ctx, session, token)
    except AppError as exc:
        return _gone(exc)
    return _review_page(session, link, post)


@router.post(PAGE, response_class=HTMLResponse)
async def review_decision(
    token: str, request: Request, ctx: ContextDep, session: SessionDep
) -> HTMLResponse:
    """The client's decision, posted by the page's form (`decision` approve or
    request_changes, `name`, `email`, `comment`, `revision`)."""
    form = await request.form()
    fields = {k: str(form.get(k) or "").strip() for k in ("decision", "name", "email", "comment")}
    revision = str(form.get("revision") or "")
    return await run_in_threadpool(_decide_page, ctx, session, token, fields, revision)


def _decide_page(
    ctx: AppContext, session: Session, token: str, fields: dict[str, str], revision: str
) -> HTMLResponse:
    try:
        link, post = _link(ctx, session, token)
    except AppError as exc:
        return _gone(exc)
    problems = []
    if fields["decision"] not in ("approve", "request_changes"):
        problems.append("Choose Approve or Request changes.")
    if not fields["name"] or len(fields["name"]) > 100:
        problems.append("Type your name (up to 100 characters).")
    email = fields["email"]
    if "@" not in email or len(email) > 255 or " " in email:
        problems.append("Type your e-mail address.")
    if fields["decision"] == "request_changes" and not fields["comment"]:
        problems.append("Say what should change in the comment.")
    if len(fields["comment"]) > 5000:
        problems.append("The comment is too long (5000 characters at most).")
    if not revision.isdigit():
        problems.append("Reload the page and try again.")
    if link.decision:
        problems.append("You already answered through this link.")
    if problems:
        note = "".join(f'<p class="error">{_e(p)}</p>' for p in problems)
        return _review_page(session, link, post, note, 422)
    try:
        if fields["decision"] == "approve":
            note = _client_approves(ctx, session, link, post, fields, int(revision))
        else:
            note = _client_requests_changes(ctx, session, link, post, fields)
    except Conflict as exc:
        session.rollback()
        link, post = _link(ctx, session, token)
        return _review_page(session, link, post, f'<p class="error">{_e(exc.message)}</p>', 409)
    return _review_page(session, link, post, f'<p class="done">{_e(note)}</p>')


def _claim(
    ctx: AppContext, session: Session, link: ReviewLink, decision: str, fields: dict[str, str]
) -> None:
    """The link's one decision, taken with a conditional UPDATE (a double submit: one wins)."""
    won = affected(
        session.execute(
            update(ReviewLink)
            .where(ReviewLink.id == link.id, ReviewLink.decision.is_(None))
            .values(
                decision=decision,
                decided_at=ctx.clock(),
                client_name=fields["name"][:100],
                client_email=fields["email"][:255].lower(),
            )
            .execution_options(synchronize_session=False)
        )
    )
    session.refresh(link)
    if not won:
        raise Conflict("You already answered through this link.", code="review_decided")


def _client(fields: dict[str, str]) -> str:
    return f"{fields['name'][:100]} <{fields['email'][:255].lower()}>"


def _client_approves(
    ctx: AppContext,
    session: Session,
    link: ReviewLink,
    post: Post,
    fields: dict[str, str],
    revision: int,
) -> str:
    if post.status != approval.PENDING:
        raise Conflict("This post is not waiting for a decision any more.")
    if revision != post.revision:
        raise Conflict("The post changed while you were reading it: here it is again.")
    _claim(ctx, session, link, "approved", fields)
    who = _client(fields)
    approvers = approval.approvers(session, post.workspace_id, exclude=None)
    if post.scheduled_for is not None and post.scheduled_for <= ctx.clock():
        record_activity(
            session,
            post.workspace_id,
            None,
            "post.client_approved",
            f"Client {who} approved post {_about(post)}; its time has passed, so it waits for "
            "an approver to pick a new time",
            target_type="post",
            target_id=post.id,
            details={"client_name": fields["name"], "client_email": fields["email"].lower()},
        )
        notify_and_mail(
            ctx,
            session,
            post.workspace_id,
            "post_client_approved",
            f"{fields['name'][:60]} (client) approved a post whose time has passed",
            f"{_about(post)}: approve it with a new time or publish it now.",
            f"/posts/{post.id}",
            only=approvers,
        )
        return (
            "Thank you: your approval is recorded. Its planned time has passed, so the team "
            "will choose a new one."
        )
    when = approval.decide(
        ctx, session, post, revision, post.scheduled_for, post.schedule_timezone, None
    )
    record_activity(
        session,
        post.workspace_id,
        None,
        "post.approved",
        f"Client {who} approved post {_about(post)} ({when}) through a review link",
        target_type="post",
        target_id=post.id,
        details={
            "client_name": fields["name"],
            "client_email": fields["email"].lower(),
            "review_link_id": str(link.id),
            "revision": revision,
        },
    )
    author = post.submitted_by or post.created_by
    notify_and_mail(
        ctx,
        session,
        post.workspace_id,
        "post_approved",
        f"{fields['name'][:60]} (client) approved a post",
        f"{_about(post)}: {when}.",
        f"/posts/{post.id}",
        only=sorted({*approvers, *([author] if author else [])}, key=str),
    )
    return "Thank you: the post is approved."


def _client_requests_changes(
    ctx: AppContext, session: Session, link: ReviewLink, post: Post, fields: dict[str, str]
) -> str:
    _claim(ctx, session, link, "changes_requested", fields)
    moved = affected(
        session.execute(
            update(Post)
            .where(Post.id == post.id, Post.status == approval.PENDING)
            .values(status="draft", approved_by=None, approved_at=None, approved_revision=None)
            .execution_options(synchronize_session=False)
        )
    )
    session.refresh(post)
    session.add(
        PostComment(
            post_id=post.id,
            workspace_id=post.workspace_id,
            author_id=None,
            client_name=f"{fields['name'][:90]} (client)",
            body=fields["comment"],
            internal=False,
            kind="changes_requested",
            mentions=[],
        )
    )
    who = _client(fields)
    record_activity(
        session,
        post.workspace_id,
        None,
        "post.changes_requested",
        f"Client {who} requested changes to post {_about(post)} through a review link",
        target_type="post",
        target_id=post.id,
        details={
            "client_name": fields["name"],
            "client_email": fields["email"].lower(),
            "review_link_id": str(link.id),
            "comment": fields["comment"][:500],
        },
    )
    author = post.submitted_by or post.created_by
    approvers = approval.approvers(session, post.workspace_id, exclude=None)
    notify_and_mail(
        ctx,
        session,
        post.workspace_id,
        "post_changes_requested",
        f"{fields['name'][:60]} (client) asks for changes to a post",
        f"{_about(post)}: {fields['comment'][:500]}",
        f"/posts/{post.id}",
        only=sorted({*approvers, *([author] if author else [])}, key=str),
    )
    if not moved:
        return "Thank you: your comment is recorded for the team."
    return "Thank you: the team will make the changes and may send you a new link."
