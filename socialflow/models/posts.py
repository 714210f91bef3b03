"""Posts, their per-account variants (the unit the engine publishes), attempts, media, library."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, Index, Numeric, String, Text, UniqueConstraint, func, text
from sqlalchemy.orm import Mapped, mapped_column

from socialflow.core.clock import utcnow
from socialflow.models.base import Base, IdMixin, TimestampMixin

# Rows the scheduler must look at: waiting for their time, or waiting to retry.
DUE_STATES = ("pending", "retry_wait")
# Rows someone holds a lease on.
LEASED_STATES = ("queued", "publishing", "processing")


class Post(IdMixin, TimestampMixin, Base):
    __tablename__ = "posts"
    __table_args__ = (
        Index("ix_posts_workspace_created", "workspace_id", "created_at"),
        Index("ix_posts_workspace_status", "workspace_id", "status"),
        Index("ix_posts_workspace_scheduled", "workspace_id", "scheduled_for"),
        Index("ix_posts_workspace_published", "workspace_id", "published_at"),
    )

    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    # Who wrote it (stays when they leave the workspace: the post is the workspace's).
    created_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    title: Mapped[str | None] = mapped_column(String(255))
    content: Mapped[str] = mapped_column(Text)
    media_ids: Mapped[list[Any]] = mapped_column(default=list)
    media_urls: Mapped[list[Any]] = mapped_column(default=list)
    media_types: Mapped[list[Any]] = mapped_column(default=list)
    platforms: Mapped[list[Any]] = mapped_column(default=list)
    # draft | pending_approval | scheduled | publishing | published | partially_published |
    # failed | cancelled
    status: Mapped[str] = mapped_column(String(50), default="draft", server_default="draft")
    scheduled_for: Mapped[datetime | None]
    schedule_timezone: Mapped[str | None] = mapped_column(String(64))
    published_at: Mapped[datetime | None]
    # Deleted by the user, kept for a while so that "Undo" can bring it back (posts/trash.py).
    deleted_at: Mapped[datetime | None]
    # Approval (issue 15): bumped by every edit, so an approval names the text it was for.
    revision: Mapped[int] = mapped_column(default=0, server_default="0")
    submitted_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    submitted_at: Mapped[datetime | None]
    approved_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    approved_at: Mapped[datetime | None]
    approved_revision: Mapped[int | None]


class ReviewLink(IdMixin, Base):
    """A client review link for one post (issue 15): the token is stored as its SHA-256;
    it expires, can be revoked, and records the client's one decision."""

    __tablename__ = "review_links"
    __table_args__ = (Index("ix_review_links_post", "post_id"),)

    post_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(server_default=func.now(), default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    decision: Mapped[str | None] = mapped_column(String(30))  # approved | changes_requested
    client_name: Mapped[str | None] = mapped_column(String(100))
    client_email: Mapped[str | None] = mapped_column(String(255))


class PostComment(IdMixin, Base):
    """A comment on a post by a member; `internal` ones are for the team only (a client
    reviewer never sees them). `mentions`: the member ids it @mentioned."""

    __tablename__ = "post_comments"
    __table_args__ = (Index("ix_post_comments_post_created", "post_id", "created_at"),)

    post_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # A client's comment through a review link: no author, the name they typed.
    client_name: Mapped[str | None] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)
    internal: Mapped[bool] = mapped_column(default=False, server_default="0")
    # "comment" | "changes_requested" (the comment that sent the post back to draft)
    kind: Mapped[str] = mapped_column(String(30), default="comment", server_default="comment")
    mentions: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now(), default=utcnow)


class PlatformPost(IdMixin, TimestampMixin, Base):
    """One post to one connected account, with its own text/media and a state machine:
    draft -> pending -> queued -> publishing -> (processing) -> published | retry_wait | failed
    | unknown; cancelled."""

    __tablename__ = "platform_posts"
    __table_args__ = (
        Index("ix_platform_posts_post", "post_id"),
        Index("ix_platform_posts_workspace_status", "workspace_id", "status"),
        Index("ix_platform_posts_workspace_published", "workspace_id", "published_at"),
        Index("ix_platform_posts_account", "social_account_id"),
        # Analytics: a user's published posts in a date range, read from the index alone.
        Index(
            "ix_platform_posts_workspace_live",
            "workspace_id",
            "published_at",
            postgresql_include=["platform", "id"],
            postgresql_where=text("status = 'published'"),
            sqlite_where=text("status = 'published'"),
        ),
        # The scheduler's claim: only due-able rows are in this index, so it stays small.
        Index(
            "ix_platform_posts_due",
            "due_at",
            postgresql_where=text("status IN ('pending', 'retry_wait')"),
            sqlite_where=text("status IN ('pending', 'retry_wait')"),
        ),
        # Lease recovery: rows someone holds.
        Index(
            "ix_platform_posts_lease",
            "lease_expires_at",
            postgresql_where=text("status IN ('queued', 'publishing', 'processing')"),
            sqlite_where=text("status IN ('queued', 'publishing', 'processing')"),
        ),
    )

    post_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    social_account_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("social_accounts.id", ondelete="SET NULL")
    )
    platform: Mapped[str] = mapped_column(String(50), index=True)
    content: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(String(255))
    media_ids: Mapped[list[Any]] = mapped_column(default=list)
    media_urls: Mapped[list[Any]] = mapped_column(default=list)
    options: Mapped[dict[str, Any]] = mapped_column(default=dict)
    user_edited: Mapped[bool] = mapped_column(default=False, server_default="0")
    optimized_by: Mapped[str | None] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(50), default="draft", server_default="draft")
    due_at: Mapped[datetime | None]
    lease_expires_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    pending_ref: Mapped[dict[str, Any] | None] = mapped_column(nullable=True)
    platform_post_id: Mapped[str | None] = mapped_column(String(255))
    platform_url: Mapped[str | None] = mapped_column(Text)
    error_code: Mapped[str | None] = mapped_column(String(100))
    error_message: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None]


class PlatformPostPart(IdMixin, TimestampMixin, Base):
    """What is posted after a platform post itself, each exactly once and in order: the parts
    of an X thread after the first (each a reply to the one before) and the first comment (X:
    a reply to the thread's last part). Made when the post is published; each has its own
    state machine (pending -> sending -> (processing) -> published | retry_wait | failed |
    unknown | skipped), so a part is retried or looked up on its own and the post itself is
    never sent again for it. Reached through its platform post (no tenancy column of its own).
    """

    __tablename__ = "platform_post_parts"
    __table_args__ = (
        UniqueConstraint("platform_post_id", "position"),
        # The follow-up tick: parts waiting for their time, or held by someone.
        Index("ix_platform_post_parts_status_due", "status", "due_at"),
    )

    platform_post_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("platform_posts.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(20))  # thread | first_comment
    position: Mapped[int]  # the post itself is 1; its parts 2, 3, ... in sending order
    content: Mapped[str] = mapped_column(Text)
    media_ids: Mapped[list[Any]] = mapped_column(default=list)
    status: Mapped[str] = mapped_column(String(20), default="pending", server_default="pending")
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    due_at: Mapped[datetime | None]
    lease_expires_at: Mapped[datetime | None]
    # Media still processing (X video), or the lookups after a lost answer.
    pending_ref: Mapped[dict[str, Any] | None] = mapped_column(nullable=True)
    parent_external_id: Mapped[str | None] = mapped_column(String(255))  # what it answers
    external_id: Mapped[str | None] = mapped_column(String(255))  # the platform's id of it
    url: Mapped[str | None] = mapped_column(Text)
    error_code: Mapped[str | None] = mapped_column(String(100))
    error_message: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None]


class PublishAttempt(IdMixin, Base):
    """Every call made to a platform for a platform post, and how it ended."""

    __tablename__ = "publish_attempts"
    __table_args__ = (Index("ix_publish_attempts_pp_started", "platform_post_id", "started_at"),)

    platform_post_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("platform_posts.id", ondelete="CASCADE")
    )
    attempt_no: Mapped[int]
    started_at: Mapped[datetime] = mapped_column(server_default=func.now(), default=utcnow)
    finished_at: Mapped[datetime | None]
    # published | pending | retry | rate_limited | auth_expired | rejected | unknown | crashed
    outcome: Mapped[str | None] = mapped_column(String(30))
    error_code: Mapped[str | None] = mapped_column(String(100))
    error_message: Mapped[str | None] = mapped_column(Text)
    worker: Mapped[str | None] = mapped_column(String(100))


class PostAnalytics(IdMixin, Base):
    """A snapshot of one platform post's numbers at `fetched_at` (a time series)."""

    __tablename__ = "post_analytics"
    __table_args__ = (
        Index("ix_post_analytics_pp_fetched", "platform_post_id", "fetched_at"),
        Index("ix_post_analytics_workspace_fetched", "workspace_id", "fetched_at"),
    )

    platform_post_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("platform_posts.id", ondelete="CASCADE")
    )
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    platform: Mapped[str] = mapped_column(String(50), index=True)
    impressions: Mapped[int] = mapped_column(default=0, server_default="0")
    likes: Mapped[int] = mapped_column(default=0, server_default="0")
    comments: Mapped[int] = mapped_column(default=0, server_default="0")
    shares: Mapped[int] = mapped_column(default=0, server_default="0")
    clicks: Mapped[int] = mapped_column(default=0, server_default="0")
    engagement_rate: Mapped[Decimal] = mapped_column(
        Numeric(7, 2), default=Decimal("0"), server_default="0"
    )
    fetched_at: Mapped[datetime] = mapped_column(server_default=func.now(), default=utcnow)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now(), default=utcnow)


class MediaAsset(IdMixin, Base):
    """An uploaded file in storage (local folder or S3), checked from its bytes."""

    __tablename__ = "media_assets"
    __table_args__ = (Index("ix_media_assets_workspace_created", "workspace_id", "created_at"),)

    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    created_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    storage_backend: Mapped[str] = mapped_column(String(20))
    storage_key: Mapped[str] = mapped_column(String(500), unique=True)
    filename: Mapped[str | None] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(10))  # image | video | gif
    mime_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    width: Mapped[int | None]
    height: Mapped[int | None]
    duration_seconds: Mapped[float | None]
    # "uploading": reserved by the dashboard while the bytes are on their way (a post may list
    # it, but cannot be published or scheduled until it is "ready").
    status: Mapped[str] = mapped_column(String(20), default="ready", server_default="ready")
    created_at: Mapped[datetime] = mapped_column(server_default=func.now(), default=utcnow)


class ContentItem(IdMixin, TimestampMixin, Base):
    """A saved draft or template in the content library."""

    __tablename__ = "content_library"
    __table_args__ = (
        Index("ix_content_library_workspace_template", "workspace_id", "is_template"),
    )

    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    created_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    title: Mapped[str | None] = mapped_column(String(255))
    content: Mapped[str] = mapped_column(Text)
    media_ids: Mapped[list[Any]] = mapped_column(default=list)
    media_urls: Mapped[list[Any]] = mapped_column(default=list)
    tags: Mapped[list[Any]] = mapped_column(default=list)
    is_template: Mapped[bool] = mapped_column(default=False, server_default="0")
    template_name: Mapped[str | None] = mapped_column(String(255))
