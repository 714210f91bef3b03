"""The newest numbers of each platform post, kept beside the snapshot time series."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from socialflow.models.base import Base


class PostMetricsLatest(Base):
    """One row per measured platform post: its latest snapshot's numbers.

    Written in the same transaction as each post_analytics snapshot (only if newer). The
    overview sums and ranks a date range of these rows (platform and published_at copied from
    the platform post, which never changes them once published) without touching snapshots.
    """

    __tablename__ = "post_metrics_latest"
    __table_args__ = (
        Index("ix_post_metrics_latest_workspace_published", "workspace_id", "published_at"),
    )

    platform_post_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("platform_posts.id", ondelete="CASCADE"), primary_key=True
    )
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    platform: Mapped[str] = mapped_column(String(50))
    # The platform post's published_at (set once when it published), so a date range is read
    # from this table's own index instead of joining every post by key.
    published_at: Mapped[datetime]
    impressions: Mapped[int]
    likes: Mapped[int]
    comments: Mapped[int]
    shares: Mapped[int]
    clicks: Mapped[int]
    fetched_at: Mapped[datetime]
