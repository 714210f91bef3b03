"""Media in and out of the API."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field


class MediaOut(BaseModel):
    id: uuid.UUID
    kind: Literal["image", "video", "gif"]
    mime_type: str
    size_bytes: int
    width: int | None
    height: int | None
    duration_seconds: float | None
    url: str = Field(description="Signed, short-lived URL of the file (MEDIA_URL_TTL_SECONDS).")
    thumbnail_url: str | None = Field(description="Signed URL of a small WebP preview (images).")
    filename: str | None
    sha256: str
    status: Literal["uploading", "ready"] = Field(
        default="ready",
        description="uploading: reserved, bytes not received yet (url is empty); a post using "
        "it cannot be published or scheduled until it is ready.",
    )
    created_at: datetime


class MediaPage(BaseModel):
    items: list[MediaOut]
    total: int
    limit: int
    offset: int


class ImportIn(BaseModel):
    url: str = Field(
        min_length=1,
        max_length=2048,
        description="A public http(s) URL of an image or video; private addresses are refused.",
    )


class UploadReserveIn(BaseModel):
    """A file about to be uploaded: its id can go into a post at once; the post cannot be
    published or scheduled until the bytes have arrived."""

    filename: str | None = Field(default=None, max_length=255)
    mime_type: str = Field(min_length=1, max_length=100)
    size_bytes: int = Field(ge=1)
