"""Content library in and out: drafts and templates a user keeps to start posts from."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field, field_validator

MAX_CONTENT = 63_206  # Facebook's post limit: the longest any platform takes
MAX_TAGS = 20
MAX_TAG_LENGTH = 50


def normalize_tags(tags: list[str]) -> list[str]:
    """Trimmed, lower-case, first occurrence kept, empties dropped; within the limits."""
    out: list[str] = []
    for raw in tags:
        tag = " ".join(raw.split()).lower()
        if not tag or tag in out:
            continue
        if len(tag) > MAX_TAG_LENGTH:
            raise ValueError(f"each tag is at most {MAX_TAG_LENGTH} characters ({tag[:20]}...)")
        out.append(tag)
    if len(out) > MAX_TAGS:
        raise ValueError(f"at most {MAX_TAGS} tags")
    return out


def _content(value: str) -> str:
    if not value.strip():
        raise ValueError("content is required")
    return value


class ItemFields(BaseModel):
    title: str | None = Field(default=None, max_length=255)
    content: str = Field(max_length=MAX_CONTENT)
    tags: list[str] = Field(default_factory=list, max_length=200)
    media_ids: list[uuid.UUID] = Field(default_factory=list, max_length=35)
    is_template: bool = False
    template_name: str | None = Field(default=None, max_length=255)

    @field_validator("tags")
    @classmethod
    def _tags(cls, value: list[str]) -> list[str]:
        return normalize_tags(value)

    @field_validator("content")
    @classmethod
    def _text(cls, value: str) -> str:
        return _content(value)


class ItemCreate(ItemFields):
    pass


class ItemUpdate(BaseModel):
    """Only the fields sent change (PUT of a partial document)."""

    title: str | None = Field(default=None, max_length=255)
    content: str | None = Field(default=None, max_length=MAX_CONTENT)
    tags: list[str] | None = Field(default=None, max_length=200)
    media_ids: list[uuid.UUID] | None = Field(default=None, max_length=35)
    is_template: bool | None = None
    template_name: str | None = Field(default=None, max_length=255)

    @field_validator("tags")
    @classmethod
    def _tags(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else normalize_tags(value)

    @field_validator("content")
    @classmethod
    def _text(cls, value: str | None) -> str | None:
        if value is None:
            raise ValueError("content is required")
        return _content(value)


class ItemOut(BaseModel):
    model_config = {"from_attributes": True}

    id: uuid.UUID
    title: str | None
    content: str
    tags: list[str]
    media_ids: list[uuid.UUID]
    is_template: bool
    template_name: str | None
    created_at: datetime
    updated_at: datetime


class ItemPage(BaseModel):
    items: list[ItemOut]
    total: int
    limit: int
    offset: int


class TagCount(BaseModel):
    tag: str
    count: int


class TagsOut(BaseModel):
    tags: list[TagCount]


class DraftOut(BaseModel):
    """What the post editor starts from; POST /api/posts creates the post."""

    content: str
    title: str | None
    media_ids: list[uuid.UUID]
    tags: list[str]
    library_item_id: uuid.UUID
