"""Content library: saved drafts and templates, tagged and searchable; scoped by workspace,
never commits. Posts are not created here: "use" returns what the editor starts from."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence

from sqlalchemy import ColumnElement, String, cast, exists, func, or_, select
from sqlalchemy.orm import Session

from socialflow.core.errors import NotFound, field_error
from socialflow.library.schemas import DraftOut, ItemCreate, ItemUpdate
from socialflow.media import service as media
from socialflow.models import ContentItem


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _has_tag(session: Session, tag: str) -> ColumnElement[bool]:
    """Tag membership in the JSON list, with each database's own JSON operator."""
    if session.get_bind().dialect.name == "postgresql":
        return ContentItem.tags.op("@>")(func.jsonb_build_array(cast(tag, String)))
    values = func.json_each(ContentItem.tags).table_valued("value").alias("tag_values")
    return exists(select(1).select_from(values).where(values.c.value == tag))


def list_items(
    session: Session,
    workspace_id: uuid.UUID,
    *,
    q: str | None,
    tag: str | None,
    is_template: bool | None,
    limit: int,
    offset: int,
) -> tuple[list[ContentItem], int]:
    """The workspace's items, most recently changed first, filtered by text, tag and kind."""
    where: list[ColumnElement[bool]] = [ContentItem.workspace_id == workspace_id]
    if q and q.strip():
        pattern = f"%{_escape_like(q.strip())}%"
        where.append(
            or_(
                ContentItem.title.ilike(pattern, escape="\\"),
                ContentItem.content.ilike(pattern, escape="\\"),
            )
        )
    if tag and tag.strip():
        where.append(_has_tag(session, " ".join(tag.split()).lower()))
    if is_template is not None:
        where.append(ContentItem.is_template.is_(is_template))
    total = session.scalar(select(func.count()).select_from(ContentItem).where(*where)) or 0
    items = session.scalars(
        select(ContentItem)
        .where(*where)
        .order_by(ContentItem.updated_at.desc(), ContentItem.id)
        .limit(limit)
        .offset(offset)
    ).all()
    return list(items), total


def get_item(session: Session, workspace_id: uuid.UUID, item_id: uuid.UUID) -> ContentItem:
    """One of the workspace's items; another workspace's id is not found."""
    item = session.scalar(
        select(ContentItem).where(
            ContentItem.id == item_id, ContentItem.workspace_id == workspace_id
        )
    )
    if item is None:
        raise NotFound(f"Library item {item_id} not found.", code="library_item_not_found")
    return item


def _own_media(session: Session, workspace_id: uuid.UUID, ids: Sequence[uuid.UUID]) -> list[str]:
    wanted = list(dict.fromkeys(ids))  # de-duplicated, order kept
    owned = media.owned_ids(session, workspace_id, wanted)
    for media_id in wanted:
        if media_id not in owned:
            raise field_error("media_ids", f"media {media_id} not found", code="media_not_found")
    return [str(i) for i in wanted]


def create_item(
    session: Session, workspace_id: uuid.UUID, author_id: uuid.UUID, data: ItemCreate
) -> ContentItem:
    """Save a draft or template in the workspace, written by `author_id`."""
    item = ContentItem(
        workspace_id=workspace_id,
        created_by=author_id,
        title=data.title,
        content=data.content,
        tags=data.tags,
        media_ids=_own_media(session, workspace_id, data.media_ids),
        is_template=data.is_template,
        template_name=data.template_name if data.is_template else None,
    )
    session.add(item)
    session.flush()
    return item


def update_item(
    session: Session, workspace_id: uuid.UUID, item_id: uuid.UUID, data: ItemUpdate
) -> ContentItem:
    """Change the fields sent; the others stay as they were."""
    item = get_item(session, workspace_id, item_id)
    sent = data.model_fields_set
    if "title" in sent:
        item.title = data.title
    if "content" in sent and data.content is not None:
        item.content = data.content
    if "tags" in sent:
        item.tags = data.tags or []
    if "media_ids" in sent:
        item.media_ids = _own_media(session, workspace_id, data.media_ids or [])
    if "is_template" in sent and data.is_template is not None:
        item.is_template = data.is_template
    if "template_name" in sent:
        item.template_name = data.template_name
    if not item.is_template:
        item.template_name = None  # a name only templates carry
    session.flush()
    return item


def delete_item(session: Session, workspace_id: uuid.UUID, item_id: uuid.UUID) -> None:
    """Delete an item (its media stay in the media library)."""
    session.delete(get_item(session, workspace_id, item_id))


def tag_counts(session: Session, workspace_id: uuid.UUID) -> list[tuple[str, int]]:
    """Each of the workspace's tags with how many items carry it, most used first."""
    counts: Counter[str] = Counter()
    for tags in session.scalars(
        select(ContentItem.tags).where(ContentItem.workspace_id == workspace_id)
    ):
        counts.update(tags or [])
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def use_item(session: Session, workspace_id: uuid.UUID, item_id: uuid.UUID) -> DraftOut:
    """The editor's starting point for a new post from this item (media still present only)."""
    item = get_item(session, workspace_id, item_id)
    ids = [uuid.UUID(str(i)) for i in item.media_ids or []]
    owned = media.owned_ids(session, workspace_id, ids)
    return DraftOut(
        content=item.content,
        title=item.title,
        media_ids=[i for i in ids if i in owned],
        tags=list(item.tags or []),
        library_item_id=item.id,
    )
