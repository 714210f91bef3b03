"""A platform post's thread parts and first comment as the API shows them.

Before the post is published they come from its settings (`options.thread`,
`options.first_comment`); once it is, from the `platform_post_parts` rows the engine drives.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from socialflow.models import PlatformPost, PlatformPostPart
from socialflow.platforms.options import follow_ups
from socialflow.posts.schemas import FirstCommentOut, PartOut

Shown = tuple[list[PartOut], FirstCommentOut | None]


def shown(session: Session, rows: Sequence[PlatformPost]) -> dict[uuid.UUID, Shown]:
    """Each row's parts (an X thread: the post itself first) and first comment."""
    made: dict[uuid.UUID, list[PlatformPostPart]] = defaultdict(list)
    ids = [r.id for r in rows]
    if ids:
        for part in session.scalars(
            select(PlatformPostPart)
            .where(PlatformPostPart.platform_post_id.in_(ids))
            .order_by(PlatformPostPart.position)
        ):
            made[part.platform_post_id].append(part)
    return {row.id: _of(row, made.get(row.id, [])) for row in rows}


def _of(row: PlatformPost, made: list[PlatformPostPart]) -> Shown:
    if made:
        thread = [p for p in made if p.kind == "thread"]
        comment = next((p for p in made if p.kind == "first_comment"), None)
        parts = [_first(row), *(_part(p) for p in thread)] if thread else []
        return parts, _comment(comment) if comment else None
    # Not published yet (or published before parts existed): from the settings.
    waiting = "draft" if row.status in ("draft", "cancelled") else "waiting"
    specs = follow_ups(row.platform, row.options) if row.status != "published" else []
    parts = [
        PartOut(position=s.position, text=s.text, status=waiting)
        for s in specs
        if s.kind == "thread"
    ]
    if parts:
        parts.insert(0, _first(row))
    comment_spec = next((s for s in specs if s.kind == "first_comment"), None)
    first_comment = (
        FirstCommentOut(text=comment_spec.text, status=waiting) if comment_spec else None
    )
    return parts, first_comment


def _first(row: PlatformPost) -> PartOut:
    """Part 1 of a thread is the platform post itself."""
    return PartOut(
        position=1,
        text=row.content,
        status=row.status,
        id=row.platform_post_id,
        url=row.platform_url,
        error=row.error_message if row.status != "published" else None,
        published_at=row.published_at,
    )


def _part(part: PlatformPostPart) -> PartOut:
    return PartOut(
        position=part.position,
        text=part.content,
        status=_status(part),
        id=part.external_id,
        url=part.url,
        error=part.error_message if part.status != "published" else None,
        published_at=part.published_at,
    )


def _comment(part: PlatformPostPart) -> FirstCommentOut:
    return FirstCommentOut(
        text=part.content,
        status=_status(part),
        id=part.external_id,
        url=part.url,
        error=part.error_message if part.status != "published" else None,
        published_at=part.published_at,
    )


def _status(part: PlatformPostPart) -> str:
    """`pending` parts whose turn has not come are `waiting`; `queued` is `pending`."""
    if part.status == "pending" and part.due_at is None:
        return "waiting"
    return "pending" if part.status == "queued" else part.status
