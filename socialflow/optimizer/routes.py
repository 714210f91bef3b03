"""HTTP for the optimizer: optimize a saved post's variants, or preview unsaved text."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from socialflow.core.deps import ContextDep, Writer
from socialflow.optimizer import service
from socialflow.optimizer.schemas import OptimizeIn, OptimizeOut, PreviewIn

router = APIRouter(tags=["optimizer"])

# No SessionDep: the service opens short units of work around the (slow) Claude calls.


@router.post("/api/posts/{post_id}/optimize")
def optimize_post(
    post_id: uuid.UUID, ctx: ContextDep, scope: Writer, body: OptimizeIn | None = None
) -> OptimizeOut:
    """Rewrite the post for each target platform and store it in the variants (hand-edited
    variants stay as they are unless `overwrite_edited`)."""
    return service.optimize_post(ctx, scope, post_id, body or OptimizeIn())


@router.post("/api/optimizer/preview")
def preview(body: PreviewIn, ctx: ContextDep, scope: Writer) -> OptimizeOut:
    """Each platform's version of unsaved text (the editor, before saving); stores nothing.
    Editors and up: Claude's calls are charged to the workspace's plan."""
    return service.preview(ctx, scope, body)
