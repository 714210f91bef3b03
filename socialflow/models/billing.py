"""Plans, subscriptions, Stripe events received, and usage."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from socialflow.core.clock import utcnow
from socialflow.models.base import Base, IdMixin, TimestampMixin


class SubscriptionPlan(IdMixin, Base):
    __tablename__ = "subscription_plans"

    name: Mapped[str] = mapped_column(String(100))
    slug: Mapped[str] = mapped_column(String(50), unique=True)
    price_monthly: Mapped[int]  # cents
    price_yearly: Mapped[int | None]  # cents
    stripe_price_id: Mapped[str | None] = mapped_column(String(255))  # monthly price
    stripe_price_id_yearly: Mapped[str | None] = mapped_column(String(255))
    posts_per_month: Mapped[int]  # -1 = unlimited
    connected_accounts_limit: Mapped[int]
    # Members a workspace on this plan may have, pending invitations included.
    seat_limit: Mapped[int] = mapped_column(default=1, server_default="1")
    features: Mapped[list[Any]] = mapped_column(default=list)
    sort_order: Mapped[int] = mapped_column(default=0, server_default="0")
    is_active: Mapped[bool] = mapped_column(default=True, server_default="1")
    created_at: Mapped[datetime] = mapped_column(server_default=func.now(), default=utcnow)


class Subscription(IdMixin, TimestampMixin, Base):
    """The workspace's Stripe subscription as we last learned it (one per workspace)."""

    __tablename__ = "subscriptions"

    workspace_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), unique=True
    )
    stripe_subscription_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    stripe_customer_id: Mapped[str | None] = mapped_column(String(255), index=True)
    plan_slug: Mapped[str] = mapped_column(String(50))
    interval: Mapped[str] = mapped_column(String(10), default="month")
    status: Mapped[str] = mapped_column(String(30))  # Stripe's: active, past_due, canceled...
    current_period_start: Mapped[datetime | None]
    current_period_end: Mapped[datetime | None]
    cancel_at_period_end: Mapped[bool] = mapped_column(default=False, server_default="0")
    grace_until: Mapped[datetime | None]
    # Stripe's event/object time of the state we hold: older events cannot move it back.
    source_timestamp: Mapped[int] = mapped_column(default=0, server_default="0")


class StripeWebhookLog(IdMixin, Base):
    """Each Stripe event stored once by its id; processed when handled."""

    __tablename__ = "stripe_webhook_logs"
    __table_args__ = (Index("ix_stripe_webhook_logs_processed", "processed", "created_at"),)

    stripe_event_id: Mapped[str] = mapped_column(String(255), unique=True)
    event_type: Mapped[str] = mapped_column(String(100))
    event_data: Mapped[dict[str, Any]]
    processed: Mapped[bool] = mapped_column(default=False, server_default="0")
    processed_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now(), default=utcnow)


class UsageLog(IdMixin, Base):
    __tablename__ = "usage_logs"
    __table_args__ = (Index("ix_usage_logs_workspace_created", "workspace_id", "created_at"),)

    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(100))  # post_created, post_published, ai_...
    platform: Mapped[str | None] = mapped_column(String(50))
    quantity: Mapped[int] = mapped_column(default=1, server_default="1")
    tokens_used: Mapped[int | None]
    meta: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(
        server_default=func.now(), default=utcnow, index=True
    )


class ScheduledJob(IdMixin, TimestampMixin, Base):
    """Work due at a time (metrics at 1 h/24 h/7 d/30 d, token refresh): the database is the
    schedule, never a broker's delayed message."""

    __tablename__ = "scheduled_jobs"
    __table_args__ = (
        Index("ix_scheduled_jobs_due", "status", "scheduled_for"),
        Index("ix_scheduled_jobs_post", "post_id"),
    )

    kind: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    dedupe_key: Mapped[str | None] = mapped_column(String(255), unique=True)
    post_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    workspace_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE")
    )
    scheduled_for: Mapped[datetime]
    status: Mapped[str] = mapped_column(
        String(50), default="pending"
    )  # pending/running/done/failed
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[datetime | None]
    celery_task_id: Mapped[str | None] = mapped_column(String(255))
    error_message: Mapped[str | None] = mapped_column(Text)
