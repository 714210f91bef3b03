"""HTTP for the content library: CRUD, search, tags, templates, "new post from this"."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from socialflow.core.deps import CurrentUser, PageOffset, SessionDep
from socialflow.library import service
from socialflow.library.schemas import (
    DraftOut,
    ItemCreate,
    ItemOut,
    ItemPage,
    ItemUpdate,
    TagCount,
    TagsOut,
)

router = APIRouter(prefix="/api/library", tags=["library"])


@router.get("")
def list_items(
    user: CurrentUser,
    session: SessionDep,
    q: Annotated[str | None, Query(max_length=200, description="in title or content")] = None,
    tag: Annotated[str | None, Query(max_length=50)] = None,
    is_template: bool | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    offset: PageOffset = 0,
) -> ItemPage:
    """The user's drafts and templates, most recently changed first."""
    items, total = service.list_items(
        session, user.id, q=q, tag=tag, is_template=is_template, limit=limit, offset=offset
    )
    return ItemPage(
        items=[ItemOut.model_validate(i) for i in items], total=total, limit=limit, offset=offset
    )


# Static paths before /{item_id}.


@router.get("/tags")
def tags(user: CurrentUser, session: SessionDep) -> TagsOut:
    """The user's tags with how many items carry each."""
    counts = service.tag_counts(session, user.id)
    return TagsOut(tags=[TagCount(tag=t, count=n) for t, n in counts])


@router.post("", status_code=status.HTTP_201_CREATED)
def create_item(body: ItemCreate, user: CurrentUser, session: SessionDep) -> ItemOut:
    """Save a draft or a template."""
    return ItemOut.model_validate(service.create_item(session, user.id, body))


@router.get("/{item_id}")
def get_item(item_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> ItemOut:
    """One item."""
    return ItemOut.model_validate(service.get_item(session, user.id, item_id))


@router.put("/{item_id}")
def update_item(
    item_id: uuid.UUID, body: ItemUpdate, user: CurrentUser, session: SessionDep
) -> ItemOut:
    """Change an item; fields left out keep their values."""
    return ItemOut.model_validate(service.update_item(session, user.id, item_id, body))


@router.delete("/{item_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_item(item_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> Response:
    """Delete an item."""
    service.delete_item(session, user.id, item_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{item_id}/use")
def use_item(item_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> DraftOut:
    """A new post's starting point from this item, for the editor (POST /api/posts saves it)."""
    return service.use_item(session, user.id, item_id)
