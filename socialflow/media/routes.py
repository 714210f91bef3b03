"""HTTP for media: upload (streamed), import from a URL, list/show/delete, signed file URLs."""

from __future__ import annotations

import time
import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.responses import FileResponse

from socialflow.core.context import AppContext
from socialflow.core.deps import ContextDep, PageOffset, Reader, SessionDep, Writer
from socialflow.core.errors import Forbidden, NotFound
from socialflow.media import service
from socialflow.media.schemas import ImportIn, MediaOut, MediaPage, UploadReserveIn
from socialflow.media.storage import KEY_RE, LocalStorage, content_type_of, storage_for
from socialflow.models import MediaAsset

router = APIRouter(tags=["media"])

UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            }
        },
    }
}
ERRORS = {
    400: {"description": "empty, damaged or unreadable file"},
    413: {"description": "over MAX_UPLOAD_MB, or an image with too many pixels"},
    415: {"description": "not a JPEG/PNG/GIF/WebP image or MP4/MOV/WebM video (by its bytes)"},
}


def media_out(ctx: AppContext, asset: MediaAsset) -> MediaOut:
    uploading = asset.status == service.UPLOADING
    url, thumbnail_url = ("", None) if uploading else service.urls(ctx, asset)
    return MediaOut(
        id=asset.id,
        kind=asset.kind,
        mime_type=asset.mime_type,
        size_bytes=asset.size_bytes,
        width=asset.width,
        height=asset.height,
        duration_seconds=asset.duration_seconds,
        url=url,
        thumbnail_url=thumbnail_url,
        filename=asset.filename,
        sha256=asset.sha256,
        status="uploading" if uploading else "ready",
        created_at=asset.created_at,
    )


@router.post(
    "/api/posts/upload-media",
    status_code=status.HTTP_201_CREATED,
    openapi_extra=UPLOAD_BODY,
    responses=ERRORS,  # type: ignore[arg-type]
)
async def upload_media(
    request: Request,
    scope: Writer,
    ctx: ContextDep,
    session: SessionDep,
    media_id: Annotated[
        uuid.UUID | None,
        Query(description="The placeholder from POST /api/media/uploads to fill, if any."),
    ] = None,
) -> MediaOut:
    """Upload an image or video (multipart field `file`); its type is read from its bytes."""
    asset = await service.upload(
        ctx,
        session,
        scope.workspace_id,
        request.headers.get("content-type", ""),
        request.headers.get("content-length"),
        request.stream(),
        into=media_id,
        author=scope.user_id,
    )
    return media_out(ctx, asset)


@router.post("/api/media/uploads", status_code=status.HTTP_201_CREATED)
def reserve_upload(
    body: UploadReserveIn, scope: Writer, ctx: ContextDep, session: SessionDep
) -> MediaOut:
    """Reserve a media id for a file about to be uploaded: a post may list it at once but is
    refused publishing or scheduling until the upload (`?media_id=`) has finished. Cancel an
    upload by deleting the id."""
    asset = service.reserve(
        ctx,
        session,
        scope.workspace_id,
        body.filename,
        body.mime_type,
        body.size_bytes,
        author=scope.user_id,
    )
    return media_out(ctx, asset)


@router.post(
    "/api/media/import",
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,  # type: ignore[arg-type]
)
def import_media(body: ImportIn, scope: Writer, ctx: ContextDep, session: SessionDep) -> MediaOut:
    """Fetch an image or video from a public URL into the workspace's media."""
    return media_out(
        ctx, service.import_url(ctx, session, scope.workspace_id, body.url, scope.user_id)
    )


@router.get("/api/media")
def list_media(
    scope: Reader,
    ctx: ContextDep,
    session: SessionDep,
    kind: Literal["image", "video", "gif"] | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    offset: PageOffset = 0,
) -> MediaPage:
    """The workspace's media, newest first."""
    items, total = service.list_media(
        session, scope.workspace_id, kind=kind, limit=limit, offset=offset
    )
    return MediaPage(
        items=[media_out(ctx, a) for a in items], total=total, limit=limit, offset=offset
    )


@router.get("/api/media/{media_id}")
def get_media(media_id: uuid.UUID, scope: Reader, ctx: ContextDep, session: SessionDep) -> MediaOut:
    """One media file, with fresh signed URLs."""
    return media_out(ctx, service.get_media(session, scope.workspace_id, media_id))


@router.delete("/api/media/{media_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_media(
    media_id: uuid.UUID, scope: Writer, ctx: ContextDep, session: SessionDep
) -> Response:
    """Delete a media file; 409 while a scheduled or publishing post uses it."""
    service.delete_media(ctx, session, scope.workspace_id, media_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.api_route("/media/{key:path}", methods=["GET", "HEAD"], include_in_schema=False)
def media_file(
    key: str, ctx: ContextDep, exp: str | None = None, sig: str | None = None
) -> FileResponse:
    """A stored file, to whoever holds an unexpired signed link (Range requests supported)."""
    storage = storage_for(ctx)
    if not isinstance(storage, LocalStorage) or not KEY_RE.match(key):
        raise NotFound("No such media file.")
    problem = storage.signer.check(key, exp, sig)
    if problem == "expired":
        raise Forbidden("This media link has expired; ask for a fresh one.", code="link_expired")
    if problem:
        raise Forbidden("This media link is not valid.", code="bad_signature")
    path = storage.path_of(key)
    if not path.is_file():
        raise NotFound("No such media file.")
    max_age = max(0, int(exp or 0) - int(time.time()))
    return FileResponse(
        path,
        media_type=content_type_of(key),
        headers={
            "Cache-Control": f"private, max-age={max_age}",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )
