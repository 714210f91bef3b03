"""Posts and their per-account variants: create, edit, schedule, publish, cancel, retry.

A post targets connected accounts; each target is one PlatformPost row holding that account's
text and media (a variant) and the state machine the publishing engine drives. Services never
commit; publishing itself happens in socialflow/publishing once rows are due.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Row, func, or_, select
from sqlalchemy.orm import Session

from socialflow.core.clock import utcnow
from socialflow.core.errors import Conflict, NotFound, Unprocessable, field_error
from socialflow.media import service as media_service
from socialflow.models import MediaAsset, PlatformPost, Post, SocialAccount
from socialflow.platforms import options as platform_options
from socialflow.platforms import text
from socialflow.platforms.base import MediaItem, Problem, Variant
from socialflow.platforms.options import PlatformOptions, option_problems
from socialflow.platforms.text import validate
from socialflow.posts.schemas import (
    CheckIn,
    PartCheck,
    PlatformCheck,
    PostCreate,
    PostUpdate,
    ProblemOut,
    VariantIn,
)

IN_FLIGHT = {"queued", "publishing", "processing"}
WAITING = {"pending", "retry_wait"}
EDITABLE = {"draft", "pending", "retry_wait", "failed", "cancelled"}


# --------------------------------------------------------------------------- reading


def get_post(session: Session, workspace_id: uuid.UUID, post_id: uuid.UUID) -> Post:
    post = session.scalar(
        select(Post).where(
            Post.id == post_id, Post.workspace_id == workspace_id, Post.deleted_at.is_(None)
        )
    )
    if post is None:
        raise NotFound("No such post.", code="post_not_found")
    return post


def rows_of(session: Session, post: Post) -> list[PlatformPost]:
    return list(
        session.scalars(
            select(PlatformPost)
            .where(PlatformPost.post_id == post.id)
            .order_by(PlatformPost.platform, PlatformPost.created_at)
        )
    )


def accounts_by_id(
    session: Session, rows: Iterable[PlatformPost]
) -> dict[uuid.UUID, SocialAccount]:
    ids = {r.social_account_id for r in rows if r.social_account_id}
    if not ids:
        return {}
    return {
        a.id: a for a in session.scalars(select(SocialAccount).where(SocialAccount.id.in_(ids)))
    }


def list_posts(
    session: Session,
    workspace_id: uuid.UUID,
    *,
    status: str | None,
    platform: str | None,
    date_from: datetime | None,
    date_to: datetime | None,
    limit: int,
    offset: int,
    not_submitted_by: uuid.UUID | None = None,
) -> tuple[list[Row[Any]], int]:
    """One page of the user's posts as PostSummary-shaped rows, and the total matching
    (`not_submitted_by`: leave out posts this member submitted for approval)."""
    stmt = select(Post).where(Post.workspace_id == workspace_id, Post.deleted_at.is_(None))
    if status:
        stmt = stmt.where(Post.status == status)
    if not_submitted_by is not None:
        stmt = stmt.where(or_(Post.submitted_by.is_(None), Post.submitted_by != not_submitted_by))
    if platform:
        stmt = stmt.where(
            Post.id.in_(
                select(PlatformPost.post_id).where(
                    PlatformPost.workspace_id == workspace_id, PlatformPost.platform == platform
                )
            )
        )
    when = func.coalesce(Post.published_at, Post.scheduled_for, Post.created_at)
    if date_from:
        stmt = stmt.where(when >= date_from)
    if date_to:
        stmt = stmt.where(when < date_to)
    # Only the columns of a PostSummary, as plain rows: loading whole Post entities (JSON
    # media/variant columns decoded, identity map) was most of list-posts' time under load.
    # The total rides along on every row (a window count): one round trip, not two.
    total_col = func.count().over().label("total_count")
    page = stmt.with_only_columns(*SUMMARY_COLUMNS, total_col).order_by(
        Post.created_at.desc(), Post.id
    )
    items = session.execute(page.limit(limit).offset(offset)).all()
    if items:
        total = int(items[0].total_count)
    else:  # an empty page (none at all, or an offset past the end): count on its own
        total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    return list(items), total


SUMMARY_COLUMNS = (
    Post.id, Post.title, Post.content, Post.platforms, Post.status, Post.scheduled_for,
    Post.published_at, Post.created_at, Post.updated_at,
)  # fmt: skip


def calendar(
    session: Session, workspace_id: uuid.UUID, date_from: datetime, date_to: datetime
) -> list[tuple[Post, datetime, str]]:
    """Posts scheduled or published in [from, to), each with the moment it shows at."""
    when = func.coalesce(Post.published_at, Post.scheduled_for)
    posts = session.scalars(
        select(Post)
        .where(
            Post.workspace_id == workspace_id,
            Post.deleted_at.is_(None),
            when >= date_from,
            when < date_to,
        )
        .order_by(when)
        .limit(2000)
    ).all()
    out = []
    for post in posts:
        at = post.published_at or post.scheduled_for
        assert at is not None
        out.append((post, at, "published" if post.published_at else "scheduled"))
    return out


# --------------------------------------------------------------------------- validation


def media_for_validation(
    session: Session, workspace_id: uuid.UUID, ids: Sequence[str]
) -> list[MediaItem]:
    if not ids:
        return []
    wanted = [uuid.UUID(str(i)) for i in ids]
    assets = {
        a.id: a
        for a in session.scalars(
            select(MediaAsset).where(
                MediaAsset.workspace_id == workspace_id, MediaAsset.id.in_(wanted)
            )
        )
    }
    items = []
    for media_id in wanted:
        asset = assets.get(media_id)
        if asset is None:
            raise field_error("media_ids", f"media {media_id} not found", code="media_not_found")
        items.append(
            MediaItem(
                kind=asset.kind,  # type: ignore[arg-type]
                mime_type=asset.mime_type,
                size_bytes=asset.size_bytes,
                url="",
                width=asset.width,
                height=asset.height,
                duration_seconds=asset.duration_seconds,
            )
        )
    return items


def problems(
    session: Session, post: Post, rows: list[PlatformPost]
) -> list[tuple[PlatformPost, Problem]]:
    """Every problem of every variant, by the platform's own rules, plus account health."""
    accounts = accounts_by_id(session, rows)
    found: list[tuple[PlatformPost, Problem]] = []
    for row in rows:
        if row.status == "published":
            continue
        account = accounts.get(row.social_account_id) if row.social_account_id else None
        if account is None:
            found.append(
                (
                    row,
                    Problem(
                        row.platform,
                        "account_missing",
                        "The account was disconnected; remove this target.",
                        "account",
                    ),
                )
            )
        elif account.status != "active":
            found.append(
                (
                    row,
                    Problem(
                        row.platform,
                        f"account_{account.status}",
                        f"@{account.platform_username or account.platform_user_id} "
                        f"is {account.status.replace('_', ' ')}: reconnect it on the "
                        "Platforms page.",
                        "account",
                    ),
                )
            )
        media = media_for_validation(session, post.workspace_id, row.media_ids)
        variant = Variant(text=row.content, media=media, title=row.title, options=row.options)
        found.extend((row, p) for p in validate(row.platform, variant))
        found.extend(
            (row, p)
            for p in option_problems(
                row.platform,
                row.options,
                lambda ids: media_for_validation(session, post.workspace_id, ids),
            )
        )
        extra_media = platform_options.media_ids_of(row.platform, row.options)
        if media_service.not_ready(session, post.workspace_id, [*row.media_ids, *extra_media]):
            found.append((row, _uploading(row.platform)))
    return found


def _uploading(platform: str) -> Problem:
    return Problem(
        platform,
        "media_not_ready",
        "A file is still uploading: wait for it to finish, or remove it.",
        "media_ids",
    )


def raise_problems(found: list[tuple[PlatformPost, Problem]]) -> None:
    if not found:
        return
    details = [
        {
            "platform_post_id": str(row.id),
            "platform": p.platform,
            "code": p.code,
            "message": p.message,
            "field": p.field,
        }
        for row, p in found
    ]
    summary = "; ".join(f"{d['platform']}: {d['message']}" for d in details[:3])
    raise Unprocessable(f"Fix these first — {summary}", code="post_invalid", details=details)


def check(session: Session, workspace_id: uuid.UUID, data: CheckIn) -> list[PlatformCheck]:
    """Counts as each platform counts, and every problem, for unsaved text and settings."""
    media = media_for_validation(session, workspace_id, [str(i) for i in data.media_ids])
    uploading = media_service.not_ready(session, workspace_id, [str(i) for i in data.media_ids])
    settings = _settings_in(session, workspace_id, data.platform_options)
    out = []
    for platform in data.platforms:
        options = settings.get(platform, {})
        variant = Variant(text=data.content, media=media, title=data.title, options=options)
        found = [
            *text.validate(platform, variant),
            *option_problems(
                platform, options, lambda ids: media_for_validation(session, workspace_id, ids)
            ),
            *([_uploading(platform)] if uploading else []),
        ]
        out.append(
            PlatformCheck(
                platform=platform,
                count=text.count(platform, data.content),
                limit=text.limit(platform),
                problems=[
                    ProblemOut(
                        platform_post_id=None,
                        platform=p.platform,
                        code=p.code,
                        message=p.message,
                        field=p.field,
                    )
                    for p in found
                ],
                post_type=text.post_type(platform, variant),
                parts=_part_checks(platform, options),
            )
        )
    return out


def _part_checks(platform: str, options: dict[str, Any]) -> list[PartCheck]:
    """Thread parts and the first comment, each counted by its platform's rules."""
    checks = []
    for spec in platform_options.follow_ups(platform, options):
        if spec.kind == "thread":
            count, limit = text.count(platform, spec.text), text.limit(platform)
        else:
            rule = platform_options.COMMENT_RULES[platform]
            count, limit = rule.counter(spec.text), rule.limit
        checks.append(PartCheck(position=spec.position, kind=spec.kind, count=count, limit=limit))
    return checks


# --------------------------------------------------------------------------- targets


def _resolve_targets(
    session: Session,
    workspace_id: uuid.UUID,
    platforms: list[str] | None,
    account_ids: list[uuid.UUID] | None,
) -> list[SocialAccount]:
    accounts: dict[uuid.UUID, SocialAccount] = {}
    if account_ids:
        found = {
            a.id: a
            for a in session.scalars(
                select(SocialAccount).where(
                    SocialAccount.workspace_id == workspace_id, SocialAccount.id.in_(account_ids)
                )
            )
        }
        missing = [str(i) for i in account_ids if i not in found]
        if missing:
            raise field_error(
                "social_account_ids", f"not your connected account(s): {', '.join(missing)}"
            )
        accounts.update(found)
    for platform in platforms or []:
        on_platform = session.scalars(
            select(SocialAccount).where(
                SocialAccount.workspace_id == workspace_id,
                SocialAccount.platform == platform,
                SocialAccount.status != "paused",
            )
        ).all()
        if not on_platform:
            raise field_error(
                "platforms", f"no connected {platform} account: connect one on the Platforms page"
            )
        accounts.update({a.id: a for a in on_platform})
    return sorted(accounts.values(), key=lambda a: (a.platform, a.created_at))


def _sync_rows(session: Session, post: Post, accounts: list[SocialAccount]) -> None:
    """One row per target account; rows for dropped targets go (unless already published)."""
    rows = rows_of(session, post)
    by_account = {r.social_account_id: r for r in rows}
    wanted = {a.id for a in accounts}
    for row in rows:
        if row.social_account_id not in wanted:
            if row.status in IN_FLIGHT or row.status == "published":
                raise Conflict(f"The {row.platform} target is {row.status} and cannot be removed.")
            session.delete(row)
    by_platform = {r.platform: r for r in rows if r.social_account_id in wanted}
    for account in accounts:
        if account.id not in by_account:
            sibling = by_platform.get(account.platform)  # a second X account gets the thread too
            session.add(
                PlatformPost(
                    post_id=post.id,
                    workspace_id=post.workspace_id,
                    social_account_id=account.id,
                    platform=account.platform,
                    content=post.content,
                    title=post.title,
                    media_ids=list(post.media_ids),
                    options=dict(sibling.options) if sibling else {},
                    status="draft",
                )
            )
    post.platforms = sorted({a.platform for a in accounts})
    session.flush()


def _propagate(post: Post, rows: list[PlatformPost], old_media: list[str]) -> None:
    """The post's own text flows into every variant that still follows it: not edited by the
    user and not rewritten by the optimizer. Media flow into every variant whose media were
    the post's own, so attaching a file reaches the optimized versions too."""
    for row in rows:
        if row.status not in EDITABLE:
            continue
        if not row.user_edited and not row.optimized_by:
            row.content, row.title = post.content, post.title
        if [str(i) for i in row.media_ids] == old_media:
            row.media_ids = list(post.media_ids)


def _check_media(session: Session, workspace_id: uuid.UUID, ids: list[uuid.UUID]) -> list[str]:
    media_for_validation(session, workspace_id, [str(i) for i in ids])
    return [str(i) for i in ids]


# --------------------------------------------------------------------------- writing


def create_post(
    session: Session, workspace_id: uuid.UUID, data: PostCreate, author: uuid.UUID | None = None
) -> Post:
    accounts = _resolve_targets(session, workspace_id, data.platforms, data.social_account_ids)
    post = Post(
        workspace_id=workspace_id,
        created_by=author,
        title=data.title,
        content=data.content,
        media_ids=_check_media(session, workspace_id, data.media_ids),
        platforms=[],
        status="draft",
    )
    session.add(post)
    session.flush()
    _sync_rows(session, post, accounts)
    settings = _settings_in(session, workspace_id, data.platform_options)
    for row in rows_of(session, post):
        row.options = dict(settings.get(row.platform) or {})
    _usage(session, workspace_id, "post_created")
    return post


def require_editable(rows: list[PlatformPost]) -> None:
    busy = [r.platform for r in rows if r.status in IN_FLIGHT]
    if busy:
        raise Conflict(
            f"The post is being published to {', '.join(busy)} right now; wait for it to finish.",
            code="post_in_flight",
        )


def update_post(
    session: Session, workspace_id: uuid.UUID, post_id: uuid.UUID, data: PostUpdate
) -> Post:
    post = get_post(session, workspace_id, post_id)
    rows = rows_of(session, post)
    require_editable(rows)
    changes = data.model_dump(exclude_unset=True)
    old_media = [str(i) for i in post.media_ids]
    if "content" in changes and data.content is not None:
        post.content = data.content
    if "title" in changes:
        post.title = data.title
    if data.media_ids is not None:
        post.media_ids = _check_media(session, workspace_id, data.media_ids)
    if data.platforms is not None or data.social_account_ids is not None:
        accounts = _resolve_targets(session, workspace_id, data.platforms, data.social_account_ids)
        if not accounts:
            raise field_error("platforms", "a post needs at least one target")
        _sync_rows(session, post, accounts)
        rows = rows_of(session, post)
    # Only what the request changed flows on: saving one variant rewrites no other.
    if changes.keys() & {"content", "title", "media_ids"}:
        _propagate(post, rows, old_media)
    if data.platform_options is not None:
        changed = _settings_in(session, workspace_id, data.platform_options, keep_nulls=True)
        for row in rows:
            if row.platform in changed and row.status in EDITABLE:
                merged = {**row.options, **changed[row.platform]}
                row.options = {k: v for k, v in merged.items() if v is not None}
    for edit in data.variants or []:
        _edit_variant(session, post, rows, edit)
    post.updated_at = utcnow()
    return post


def _settings_in(
    session: Session, workspace_id: uuid.UUID, given: PlatformOptions, *, keep_nulls: bool = False
) -> dict[str, dict[str, Any]]:
    """`platform_options` as stored per platform; the media they name must be the user's."""
    out = {}
    for platform in given.model_fields_set:
        settings = platform_options.dump(getattr(given, platform), keep_nulls=keep_nulls)
        ids = platform_options.media_ids_of(platform, settings)
        if ids:
            try:
                media_for_validation(session, workspace_id, ids)
            except Unprocessable as exc:
                raise field_error(f"platform_options.{platform}", exc.message) from None
        out[platform] = settings
    return out


def _edit_variant(session: Session, post: Post, rows: list[PlatformPost], edit: VariantIn) -> None:
    row = next((r for r in rows if r.id == edit.platform_post_id), None)
    if row is None:
        raise field_error(
            "variants.platform_post_id", f"{edit.platform_post_id} is not a target of this post"
        )
    if row.status == "published":
        raise Conflict(
            f"The {row.platform} version is already published.", code="variant_published"
        )
    if edit.reset:
        row.content, row.title, row.media_ids = post.content, post.title, list(post.media_ids)
        row.user_edited, row.optimized_by = False, None
        return
    if edit.content is not None:
        if not edit.content.strip() and not (edit.media_ids or row.media_ids):
            raise field_error("variants.content", "must not be empty")
        row.content = edit.content
    if edit.title is not None:
        row.title = edit.title
    if edit.media_ids is not None:
        row.media_ids = _check_media(session, post.workspace_id, edit.media_ids)
    if edit.options is not None:
        try:
            settings = platform_options.parse(row.platform, edit.options)
        except ValidationError as exc:
            details = platform_options.errors_of(exc, "variants.options")
            summary = "; ".join(f"{d['field']}: {d['message']}" for d in details[:3])
            raise Unprocessable(f"Invalid settings — {summary}", details=details) from None
        ids = platform_options.media_ids_of(row.platform, settings)
        if ids:
            media_for_validation(session, post.workspace_id, ids)
        row.options = settings
    row.user_edited = True


def duplicate(
    session: Session, workspace_id: uuid.UUID, post_id: uuid.UUID, author: uuid.UUID | None = None
) -> Post:
    source = get_post(session, workspace_id, post_id)
    copy = Post(
        workspace_id=workspace_id,
        created_by=author,
        title=source.title,
        content=source.content,
        media_ids=list(source.media_ids),
        platforms=list(source.platforms),
        status="draft",
    )
    session.add(copy)
    session.flush()
    for row in rows_of(session, source):
        session.add(
            PlatformPost(
                post_id=copy.id,
                workspace_id=workspace_id,
                social_account_id=row.social_account_id,
                platform=row.platform,
                content=row.content,
                title=row.title,
                media_ids=list(row.media_ids),
                options=dict(row.options),
                user_edited=row.user_edited,
                optimized_by=row.optimized_by,
                status="draft",
            )
        )
    session.flush()
    _usage(session, workspace_id, "post_created")
    return copy


def _usage(
    session: Session, workspace_id: uuid.UUID, action: str, platform: str | None = None
) -> None:
    from socialflow.models import UsageLog

    session.add(UsageLog(workspace_id=workspace_id, action=action, platform=platform))
