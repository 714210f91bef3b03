"""HTTP for the content library: CRUD, search, tags, templates, "new post from this"."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from socialflow.core.deps import PageOffset, Reader, SessionDep, Writer
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
    scope: Reader,
    session: SessionDep,
    q: Annotated[str | None, Query(max_length=200, description="in title or content")] = None,
    tag: Annotated[str | None, Query(max_length=50)] = None,
    is_template: bool | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    offset: PageOffset = 0,
) -> ItemPage:
    """The workspace's drafts and templates, most recently changed first."""
    items, total = service.list_items(
        session,
        scope.workspace_id,
        q=q,
        tag=tag,
        is_template=is_template,
        limit=limit,
        offset=offset,
    )
    return ItemPage(
        items=[ItemOut.model_validate(i) for i in items], total=total, limit=limit, offset=offset
    )


# Static paths before /{item_id}.


@router.get("/tags")
def tags(scope: Reader, session: SessionDep) -> TagsOut:
    """The workspace's tags with how many items carry each."""
    counts = service.tag_counts(session, scope.workspace_id)
    return TagsOut(tags=[TagCount(tag=t, count=n) for t, n in counts])


@router.post("", status_code=status.HTTP_201_CREATED)
def create_item(body: ItemCreate, scope: Writer, session: SessionDep) -> ItemOut:
    """Save a draft or a template."""
    return ItemOut.model_validate(
        service.create_item(session, scope.workspace_id, scope.user_id, body)
    )


@router.get("/{item_id}")
def get_item(item_id: uuid.UUID, scope: Reader, session: SessionDep) -> ItemOut:
    """One item."""
    return ItemOut.model_validate(service.get_item(session, scope.workspace_id, item_id))


@router.put("/{item_id}")
def update_item(
    item_id: uuid.UUID, body: ItemUpdate, scope: Writer, session: SessionDep
) -> ItemOut:
    """Change an item; fields left out keep their values."""
    return ItemOut.model_validate(service.update_item(session, scope.workspace_id, item_id, body))


@router.delete("/{item_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_item(item_id: uuid.UUID, scope: Writer, session: SessionDep) -> Response:
    """Delete an item."""
    service.delete_item(session, scope.workspace_id, item_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{item_id}/use")
def use_item(item_id: uuid.UUID, scope: Writer, session: SessionDep) -> DraftOut:
    """A new post's starting point from this item, for the editor (POST /api/posts saves it);
    editors and up, as writing the post is."""
    return service.use_item(session, scope.workspace_id, item_id)
