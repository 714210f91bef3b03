"""Posts on the wire: a post, its per-account variants, and the problems found in them."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from socialflow.core.config import PLATFORMS
from socialflow.platforms.options import PlatformOptions

MAX_CONTENT = 63_206  # the longest any platform accepts (Facebook)
PostStatus = Literal[
    "draft",
    "pending_approval",
    "scheduled",
    "publishing",
    "published",
    "partially_published",
    "failed",
]


def _platforms(value: list[str] | None) -> list[str] | None:
    if value is None:
        return None
    unknown = [p for p in value if p not in PLATFORMS]
    if unknown:
        raise ValueError(f"unknown platform(s) {', '.join(unknown)}; known: {', '.join(PLATFORMS)}")
    return list(dict.fromkeys(value))


class VariantIn(BaseModel):
    """An edit of one target's text/media; `reset` goes back to the post's own content."""

    platform_post_id: uuid.UUID
    content: str | None = Field(default=None, max_length=MAX_CONTENT)
    title: str | None = Field(default=None, max_length=255)
    media_ids: list[uuid.UUID] | None = Field(default=None, max_length=35)
    options: dict[str, Any] | None = None
    reset: bool = False


class PostCreate(BaseModel):
    content: str = Field(min_length=1, max_length=MAX_CONTENT)
    title: str | None = Field(default=None, max_length=255)
    platforms: list[str] | None = Field(default=None, max_length=len(PLATFORMS))
    social_account_ids: list[uuid.UUID] | None = Field(default=None, max_length=50)
    media_ids: list[uuid.UUID] = Field(default_factory=list, max_length=35)
    platform_options: PlatformOptions = Field(
        default_factory=PlatformOptions,
        description="Settings per platform for its targets, e.g. "
        '{"tiktok": {"privacy_level": "SELF_ONLY"}} (TikTok requires a privacy choice), '
        '{"twitter": {"thread": ["part 2", "part 3"], "first_comment": "..."}}, '
        '{"instagram": {"media_type": "reel", "first_comment": "#tags"}}.',
    )
    publish: bool = Field(
        default=False, description="Publish right away; if refused, no draft is left behind."
    )
    schedule: ScheduleIn | None = Field(
        default=None, description="Schedule right away; if refused, no draft is left behind."
    )

    _p = field_validator("platforms")(_platforms)

    @model_validator(mode="after")
    def _targets(self) -> PostCreate:
        if not self.platforms and not self.social_account_ids:
            raise ValueError("choose where to post: give platforms or social_account_ids")
        if self.publish and self.schedule is not None:
            raise ValueError("give either publish or schedule, not both")
        return self


class PostIdsIn(BaseModel):
    post_ids: list[uuid.UUID] = Field(min_length=1, max_length=100)


class PostIdsOut(BaseModel):
    post_ids: list[uuid.UUID]


class PostUpdate(BaseModel):
    content: str | None = Field(default=None, min_length=1, max_length=MAX_CONTENT)
    title: str | None = Field(default=None, max_length=255)
    platforms: list[str] | None = Field(default=None, max_length=len(PLATFORMS))
    social_account_ids: list[uuid.UUID] | None = Field(default=None, max_length=50)
    media_ids: list[uuid.UUID] | None = Field(default=None, max_length=35)
    variants: list[VariantIn] | None = Field(default=None, max_length=50)
    platform_options: PlatformOptions | None = Field(
        default=None,
        description="Settings per platform, merged into its targets' settings (a setting "
        "given as null is removed); `variants[].options` then edit one target.",
    )

    _p = field_validator("platforms")(_platforms)


class ScheduleIn(BaseModel):
    scheduled_for: str = Field(
        description="ISO 8601 with an offset (2026-12-01T09:30:00+01:00), or a local time "
        "(2026-12-01T09:30) read in `timezone` (default: the user's time zone)."
    )
    timezone: str | None = Field(default=None, max_length=64)
    fold: Literal[0, 1] = Field(
        default=0,
        description="For a local time that happens twice (DST fall-back): 0 first, 1 second.",
    )


class ApproveIn(BaseModel):
    """Approve as submitted; when its time has passed, say what to do instead."""

    publish_now: bool = Field(default=False, description="publish now instead of at its time")
    scheduled_for: str | None = Field(
        default=None, description="a new time (as in schedule), e.g. when the old one passed"
    )
    timezone: str | None = Field(default=None, max_length=64)
    fold: Literal[0, 1] = 0
    revision: int | None = Field(
        default=None,
        description="the post's revision you reviewed: if it was edited since, 409 post_changed",
    )

    @model_validator(mode="after")
    def _one(self) -> ApproveIn:
        if self.publish_now and self.scheduled_for is not None:
            raise ValueError("give either publish_now or scheduled_for, not both")
        return self


class RequestChangesIn(BaseModel):
    comment: str = Field(min_length=1, max_length=5000, description="what to change")

    @field_validator("comment")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()


class CommentIn(BaseModel):
    text: str = Field(
        min_length=1, max_length=5000, description="@name or @e-mail mentions notify members"
    )
    internal: bool = Field(
        default=False, description="a note for the team only (a client reviewer never sees it)"
    )

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()


class CommentAuthor(BaseModel):
    id: uuid.UUID
    email: str
    full_name: str | None


class CommentOut(BaseModel):
    id: uuid.UUID
    post_id: uuid.UUID
    author: CommentAuthor | None
    text: str
    internal: bool
    kind: str = Field(description="comment | changes_requested")
    mentions: list[uuid.UUID]
    created_at: datetime


class CommentsOut(BaseModel):
    items: list[CommentOut]


class RetryIn(BaseModel):
    confirm_not_posted: bool = Field(
        default=False,
        description="Retry targets whose outcome is unknown too; only if you checked the "
        "platform and the post is not there.",
    )


class ProblemOut(BaseModel):
    platform_post_id: uuid.UUID | None
    platform: str
    code: str
    message: str
    field: str


class AccountBrief(BaseModel):
    id: uuid.UUID
    username: str | None
    display_name: str | None
    avatar_url: str | None
    status: str


class PartOut(BaseModel):
    """One part of an X thread: the post itself is part 1."""

    position: int
    text: str
    status: str = Field(
        description="draft | waiting (its turn has not come) | pending | sending | processing "
        "| published | retry_wait | unknown | failed | skipped (an earlier part failed)"
    )
    id: str | None = Field(default=None, description="The platform's id of this part.")
    url: str | None = None
    error: str | None = None
    published_at: datetime | None = None


class FirstCommentOut(BaseModel):
    """The first comment (X: the first reply), posted right after the post."""

    text: str
    status: str = Field(
        description="draft | waiting | pending | sending | published | retry_wait | unknown "
        "| failed | skipped; a failed first comment never fails the post"
    )
    id: str | None = None
    url: str | None = None
    error: str | None = None
    published_at: datetime | None = None


class PlatformPostOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    platform: str
    social_account_id: uuid.UUID | None
    account: AccountBrief | None = None
    content: str
    title: str | None
    media_ids: list[uuid.UUID]
    options: dict[str, Any]
    status: str
    user_edited: bool
    optimized_by: str | None
    due_at: datetime | None
    attempts: int
    platform_post_id: str | None
    platform_url: str | None
    error_code: str | None
    error_message: str | None
    published_at: datetime | None
    updated_at: datetime
    parts: list[PartOut] = Field(
        default_factory=list, description="An X thread's parts in order (empty: no thread)."
    )
    first_comment: FirstCommentOut | None = None


class PostOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    title: str | None
    content: str
    media_ids: list[uuid.UUID]
    platforms: list[str]
    status: str
    scheduled_for: datetime | None
    schedule_timezone: str | None
    published_at: datetime | None
    created_at: datetime
    updated_at: datetime
    platform_posts: list[PlatformPostOut] = Field(default_factory=list)
    problems: list[ProblemOut] = Field(default_factory=list)
    revision: int = Field(default=0, description="bumped by every edit; approve names it")
    submitted_by: uuid.UUID | None = None
    submitted_at: datetime | None = None
    approved_by: uuid.UUID | None = None
    approved_at: datetime | None = None
    notice: str | None = Field(
        default=None,
        description="what this request did that the user should know (e.g. an edit sent an "
        "approved post back for approval)",
    )


class PostSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    title: str | None
    content: str
    platforms: list[str]
    status: str
    scheduled_for: datetime | None
    published_at: datetime | None
    created_at: datetime
    updated_at: datetime


class PostPage(BaseModel):
    items: list[PostSummary]
    total: int
    limit: int
    offset: int


class CalendarItem(BaseModel):
    id: uuid.UUID
    title: str | None
    content: str
    status: str
    platforms: list[str]
    at: datetime
    kind: Literal["scheduled", "published"]


class StatusOut(BaseModel):
    """What changed since `since`: cheap to poll; the SSE stream sends the same."""

    now: datetime
    posts: list[dict[str, Any]]


class CheckIn(BaseModel):
    """Text and media to check against platforms' rules before saving (the editor's counters)."""

    content: str = Field(default="", max_length=MAX_CONTENT)
    title: str | None = Field(default=None, max_length=255)
    platforms: list[str] = Field(min_length=1, max_length=len(PLATFORMS))
    media_ids: list[uuid.UUID] = Field(default_factory=list, max_length=35)
    platform_options: PlatformOptions = Field(
        default_factory=PlatformOptions,
        description="The settings the post will have (thread parts, first comment, post "
        "type): checked by the same rules as at publishing.",
    )

    _p = field_validator("platforms")(_platforms)


class PartCheck(BaseModel):
    """One thread part (or the first comment) counted as its platform counts it."""

    position: int
    kind: Literal["thread", "first_comment"]
    count: int
    limit: int


class PlatformCheck(BaseModel):
    platform: str
    count: int
    limit: int
    problems: list[ProblemOut]
    post_type: str | None = Field(
        default=None, description="The kind of post it makes, where there are several (reel)."
    )
    parts: list[PartCheck] = Field(default_factory=list)
