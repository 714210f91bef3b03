"""Media: take a file in (upload or import), check it, store it; list, show, delete; hand
media to the publishing engine. Every query is scoped by the acting user. Never commits."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from functools import partial

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from socialflow.core.context import AppContext
from socialflow.core.db import after_commit
from socialflow.core.errors import Conflict, NotFound, field_error
from socialflow.media import fetch, intake
from socialflow.media.probe import probe
from socialflow.media.storage import Storage, storage_for
from socialflow.models import ContentItem, MediaAsset, PlatformPost
from socialflow.platforms.base import MediaItem

# Platform-post states in which the media will still be read (or re-read, after an unknown
# outcome proven absent): deleting the file under them would break a promised publish.
IN_USE_STATES = ("pending", "queued", "publishing", "processing", "retry_wait", "unknown")
THUMB_SUFFIX = ".thumb.webp"


# --------------------------------------------------------------------------- intake


RESERVABLE_TYPES = {
    "image/jpeg": "image",
    "image/png": "image",
    "image/webp": "image",
    "image/gif": "gif",
    "video/mp4": "video",
    "video/quicktime": "video",
    "video/webm": "video",
}
UPLOADING = "uploading"


def reserve(
    ctx: AppContext,
    session: Session,
    workspace_id: uuid.UUID,
    filename: str | None,
    mime_type: str,
    size_bytes: int,
    author: uuid.UUID | None = None,
) -> MediaAsset:
    """A placeholder for a file on its way: a post can list it at once, and is refused
    publishing or scheduling until the upload into it (`upload(..., into=id)`) is done."""
    kind = RESERVABLE_TYPES.get(mime_type.lower())
    if kind is None:
        raise field_error(
            "mime_type",
            f"{mime_type} is not a supported type; send JPEG, PNG, GIF, WebP, MP4, MOV or WebM",
        )
    if size_bytes > ctx.settings.max_upload_mb * 1024 * 1024:
        raise field_error("size_bytes", f"larger than the {ctx.settings.max_upload_mb} MB limit")
    asset_id = uuid.uuid4()
    asset = MediaAsset(
        id=asset_id,
        workspace_id=workspace_id,
        created_by=author,
        storage_backend=storage_for(ctx).backend,
        storage_key=f"{workspace_id.hex}/{asset_id.hex}.uploading",
        filename=filename,
        kind=kind,
        mime_type=mime_type.lower(),
        size_bytes=size_bytes,
        sha256="",
        status=UPLOADING,
    )
    session.add(asset)
    session.flush()
    return asset


async def upload(
    ctx: AppContext,
    session: Session,
    workspace_id: uuid.UUID,
    content_type: str,
    content_length: str | None,
    body: AsyncIterator[bytes],
    into: uuid.UUID | None = None,
    author: uuid.UUID | None = None,
) -> MediaAsset:
    """A multipart upload, streamed to staging, checked, then stored (into the reserved
    placeholder `into`, when given)."""
    reserved = None
    if into is not None:
        reserved = get_media(session, workspace_id, into)
        if reserved.status != UPLOADING:
            raise Conflict(f"Media {into} is already uploaded.", code="media_already_uploaded")
    staged = await intake.receive_upload(ctx.settings, content_type, content_length, body)
    with staged:
        return await run_in_threadpool(ingest, ctx, session, workspace_id, staged, reserved, author)


def not_ready(session: Session, workspace_id: uuid.UUID, ids: Sequence[str]) -> list[str]:
    """Which of `ids` are still uploading."""
    if not ids:
        return []
    wanted = [uuid.UUID(str(i)) for i in ids]
    found = session.scalars(
        select(MediaAsset.id).where(
            MediaAsset.workspace_id == workspace_id,
            MediaAsset.id.in_(wanted),
            MediaAsset.status != "ready",
        )
    )
    return [str(i) for i in found]


def import_url(
    ctx: AppContext,
    session: Session,
    workspace_id: uuid.UUID,
    url: str,
    author: uuid.UUID | None = None,
) -> MediaAsset:
    """Fetch a user-given URL under the SSRF rules, then the same checks as an upload."""
    resolver: fetch.Resolver = ctx.extras.get("media_resolver", fetch.system_resolver)
    with intake.Staged(ctx.settings) as staged:
        fetch.fetch_into(staged, url, ctx.settings, resolver)
        staged.finish()
        return ingest(ctx, session, workspace_id, staged, author=author)


def ingest(
    ctx: AppContext,
    session: Session,
    workspace_id: uuid.UUID,
    staged: intake.Staged,
    reserved: MediaAsset | None = None,
    author: uuid.UUID | None = None,
) -> MediaAsset:
    """Probe a finished staging file, move it into storage and record it (in the reserved
    placeholder, when given)."""
    file_type = staged.file_type
    assert file_type is not None, "finish() the staging file first"
    probed = probe(staged.path, file_type, max_pixels=ctx.settings.max_image_pixels)
    asset_id = reserved.id if reserved is not None else uuid.uuid4()
    key = f"{workspace_id.hex}/{asset_id.hex}.{file_type.extension}"
    storage = storage_for(ctx)
    stored: list[str] = []
    try:
        storage.put_file(key, staged.path, file_type.mime_type)
        stored.append(key)
        if probed.thumbnail is not None:
            storage.put_file(key + THUMB_SUFFIX, probed.thumbnail, "image/webp")
            stored.append(key + THUMB_SUFFIX)
        fields = {
            "storage_backend": storage.backend,
            "storage_key": key,
            "filename": staged.filename or (reserved.filename if reserved else None),
            "kind": file_type.kind,
            "mime_type": file_type.mime_type,
            "size_bytes": staged.size,
            "sha256": staged.sha256.hexdigest(),
            "width": probed.width,
            "height": probed.height,
            "duration_seconds": probed.duration_seconds,
            "status": "ready",
        }
        if reserved is not None:
            asset = reserved
            for name, value in fields.items():
                setattr(asset, name, value)
        else:
            asset = MediaAsset(id=asset_id, workspace_id=workspace_id, created_by=author, **fields)
            session.add(asset)
        session.flush()
    except BaseException:
        _remove(storage, stored)
        raise
    # The request may still fail later (or its commit): then the stored bytes go too.
    event.listen(session, "after_rollback", lambda _s: _remove(storage, stored), once=True)
    return asset


def _remove(storage: Storage, keys: Sequence[str]) -> None:
    for key in keys:
        storage.delete(key)


# --------------------------------------------------------------------------- reading


def list_media(
    session: Session, workspace_id: uuid.UUID, *, kind: str | None, limit: int, offset: int
) -> tuple[list[MediaAsset], int]:
    """The user's media, newest first."""
    where = [MediaAsset.workspace_id == workspace_id]
    if kind:
        where.append(MediaAsset.kind == kind)
    total = session.scalar(select(func.count()).select_from(MediaAsset).where(*where)) or 0
    items = session.scalars(
        select(MediaAsset)
        .where(*where)
        .order_by(MediaAsset.created_at.desc(), MediaAsset.id)
        .limit(limit)
        .offset(offset)
    ).all()
    return list(items), total


def get_media(session: Session, workspace_id: uuid.UUID, media_id: uuid.UUID) -> MediaAsset:
    """One of the user's media files; another user's id is simply not found."""
    asset = session.scalar(
        select(MediaAsset).where(MediaAsset.id == media_id, MediaAsset.workspace_id == workspace_id)
    )
    if asset is None:
        raise NotFound(f"Media {media_id} not found.", code="media_not_found")
    return asset


def owned_ids(
    session: Session, workspace_id: uuid.UUID, ids: Sequence[uuid.UUID]
) -> set[uuid.UUID]:
    """Which of `ids` are the user's media (for other domains validating references)."""
    if not ids:
        return set()
    found = session.scalars(
        select(MediaAsset.id).where(
            MediaAsset.workspace_id == workspace_id, MediaAsset.id.in_(list(ids))
        )
    )
    return set(found)


def urls(ctx: AppContext, asset: MediaAsset) -> tuple[str, str | None]:
    """Short-lived URLs for the dashboard: the file and, for images, its preview."""
    storage = storage_for(ctx)
    ttl = ctx.settings.media_url_ttl_seconds
    thumb = None if asset.kind == "video" else storage.url(asset.storage_key + THUMB_SUFFIX, ttl)
    return storage.url(asset.storage_key, ttl), thumb


# --------------------------------------------------------------------------- deleting


def delete_media(
    ctx: AppContext, session: Session, workspace_id: uuid.UUID, media_id: uuid.UUID
) -> None:
    """Delete the row now and the bytes once that commits; refused while a post needs them."""
    asset = get_media(session, workspace_id, media_id)
    key = str(media_id)
    rows = session.execute(
        select(PlatformPost.post_id, PlatformPost.media_ids).where(
            PlatformPost.workspace_id == workspace_id, PlatformPost.status.in_(IN_USE_STATES)
        )
    )
    posts = sorted({str(post_id) for post_id, ids in rows if key in {str(i) for i in ids or []}})
    if posts:
        raise Conflict(
            f"This media is used by {len(posts)} scheduled or publishing post(s); cancel them "
            "or remove the media from them first.",
            code="media_in_use",
            details={"post_ids": posts},
        )
    # Library items keep no dangling reference to a file that is gone.
    for item in session.scalars(
        select(ContentItem).where(ContentItem.workspace_id == workspace_id)
    ):
        if key in {str(i) for i in item.media_ids or []}:
            item.media_ids = [i for i in item.media_ids if str(i) != key]
    storage = storage_for(ctx)
    keys = [] if asset.status == UPLOADING else [asset.storage_key]  # nothing stored yet
    if keys and asset.kind != "video":
        keys.append(asset.storage_key + THUMB_SUFFIX)
    session.delete(asset)
    after_commit(session, partial(_remove, storage, keys))


# --------------------------------------------------------------------------- for publishing


def media_items(
    ctx: AppContext, session: Session, workspace_id: uuid.UUID, media_ids: Sequence[str | uuid.UUID]
) -> list[MediaItem]:
    """The user's media in the given order, each with a URL the platform can fetch for a few
    hours and `open()` streaming the bytes; another user's (or a deleted) id -> NotFound."""
    wanted = []
    for raw in media_ids:
        try:
            wanted.append(uuid.UUID(str(raw)))
        except ValueError as exc:
            raise NotFound(f"Media {raw} not found.", code="media_not_found") from exc
    assets = {
        a.id: a
        for a in session.scalars(
            select(MediaAsset).where(
                MediaAsset.workspace_id == workspace_id, MediaAsset.id.in_(wanted)
            )
        )
    }
    storage = storage_for(ctx)
    ttl = ctx.settings.media_platform_url_ttl_seconds
    items = []
    for media_id in wanted:
        asset = assets.get(media_id)
        if asset is None:
            raise NotFound(f"Media {media_id} not found.", code="media_not_found")
        if asset.storage_backend != storage.backend:
            raise NotFound(
                f"Media {media_id} is in {asset.storage_backend} storage, which is not "
                "configured here.",
                code="media_unavailable",
            )
        items.append(
            MediaItem(
                kind=asset.kind,  # type: ignore[arg-type]
                mime_type=asset.mime_type,
                size_bytes=asset.size_bytes,
                url=storage.url(asset.storage_key, ttl),
                open=partial(storage.open, asset.storage_key),
                width=asset.width,
                height=asset.height,
                duration_seconds=asset.duration_seconds,
            )
        )
    return items
