"""Comments on a post: a thread for the workspace's members (issue 15).

Every member, viewers included, may read and write comments: reviewing is what a viewer
(a client, a manager) is often there for, and a comment changes nothing that goes out.
`internal` marks a note for the team only: a client reviewer (by review link) never sees it;
members all do. `@mentions` name members by e-mail (`@ana@example.com`) or by the part of it
before the @ (`@ana`); each member mentioned (not the writer) gets a notice and an e-mail
with the post's link. A mention of someone who is not a member matches nobody.
"""

from __future__ import annotations

import re
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from socialflow.core.context import AppContext
from socialflow.core.permissions import Scope
from socialflow.models import PostComment, User, WorkspaceMember
from socialflow.models.workspaces import record_activity
from socialflow.notifications.service import notify_and_mail
from socialflow.posts.schemas import CommentAuthor, CommentIn, CommentOut
from socialflow.posts.service import get_post

MENTION = re.compile(r"(?<![\w@])@([\w.+-]+(?:@[\w-]+(?:\.[\w-]+)+)?)")
MAX_LISTED = 500


def mentioned(session: Session, workspace_id: uuid.UUID, body: str) -> list[uuid.UUID]:
    """The members a comment @mentions, each once, in the order first named."""
    tokens = [t.rstrip(".").lower() for t in MENTION.findall(body)]
    if not tokens:
        return []
    members = session.execute(
        select(User.id, User.email)
        .join(WorkspaceMember, WorkspaceMember.user_id == User.id)
        .where(WorkspaceMember.workspace_id == workspace_id)
    ).all()
    found: list[uuid.UUID] = []
    for token in tokens:
        for user_id, email in members:
            address = email.lower()
            if token in (address, address.split("@", 1)[0]) and user_id not in found:
                found.append(user_id)
    return found


def list_comments(session: Session, scope: Scope, post_id: uuid.UUID) -> list[CommentOut]:
    get_post(session, scope.workspace_id, post_id)  # 404 unless the workspace's
    rows = session.execute(
        select(PostComment, User)
        .outerjoin(User, User.id == PostComment.author_id)
        .where(PostComment.post_id == post_id, PostComment.workspace_id == scope.workspace_id)
        .order_by(PostComment.created_at, PostComment.id)
        .limit(MAX_LISTED)
    ).all()
    return [_out(c, u) for c, u in rows]


def add_comment(
    ctx: AppContext, session: Session, scope: Scope, post_id: uuid.UUID, data: CommentIn
) -> CommentOut:
    post = get_post(session, scope.workspace_id, post_id)
    mentions = mentioned(session, scope.workspace_id, data.text)
    comment = PostComment(
        post_id=post.id,
        workspace_id=scope.workspace_id,
        author_id=scope.user_id,
        body=data.text,
        internal=data.internal,
        kind="comment",
        mentions=[str(m) for m in mentions],
    )
    session.add(comment)
    session.flush()
    author = session.get(User, scope.user_id)
    name = (author.full_name or author.email) if author else "Someone"
    text = " ".join((post.title or post.content or "").split())
    about = f"“{text[:60]}{'…' if len(text) > 60 else ''}”"
    record_activity(
        session,
        scope.workspace_id,
        scope.user_id,
        "post.commented",
        f"Commented on post {about}" + (" (internal note)" if data.internal else ""),
        target_type="post",
        target_id=post.id,
    )
    others = [m for m in mentions if m != scope.user_id]
    if others:
        notify_and_mail(
            ctx,
            session,
            scope.workspace_id,
            "post_mention",
            f"{name} mentioned you on a post",
            f"{about}: {data.text[:500]}",
            f"/posts/{post.id}",
            only=others,
        )
    return _out(comment, author)


def _out(comment: PostComment, author: User | None) -> CommentOut:
    return CommentOut(
        id=comment.id,
        post_id=comment.post_id,
        author=None
        if author is None
        else CommentAuthor(id=author.id, email=author.email, full_name=author.full_name),
        text=comment.body,
        internal=comment.internal,
        kind=comment.kind,
        mentions=[uuid.UUID(str(m)) for m in comment.mentions],
        created_at=comment.created_at,
    )
