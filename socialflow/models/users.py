"""Users and what authentication needs: refresh tokens, e-mail tokens, attempts, outbox."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from socialflow.core.clock import utcnow
from socialflow.models.base import Base, IdMixin, TimestampMixin

if TYPE_CHECKING:
    from socialflow.models.workspaces import Workspace


class User(IdMixin, TimestampMixin, Base):
    __tablename__ = "users"

    email: Mapped[str] = mapped_column(String(255), unique=True)  # stored lower-cased
    password_hash: Mapped[str] = mapped_column(String(255))
    full_name: Mapped[str | None] = mapped_column(String(255))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    brand_voice: Mapped[str | None] = mapped_column(Text)
    last_login: Mapped[datetime | None]
    email_verified: Mapped[bool] = mapped_column(default=False, server_default="0")
    is_admin: Mapped[bool] = mapped_column(default=False, server_default="0")
    # Bumped by a password change or reset: access tokens carry it and die with the old value.
    token_version: Mapped[int] = mapped_column(default=0, server_default="0")
    # The personal workspace (same id): its plan is what /api/auth/me reports.
    personal_workspace: Mapped[Workspace | None] = relationship(
        "Workspace", primaryjoin="User.id == foreign(Workspace.id)", viewonly=True
    )

    @property
    def subscription_tier(self) -> str:
        ws = self.personal_workspace
        return ws.subscription_tier if ws is not None else "free"

    @property
    def subscription_status(self) -> str:
        ws = self.personal_workspace
        return ws.subscription_status if ws is not None else "inactive"


class RefreshToken(IdMixin, Base):
    """An opaque rotating refresh token, stored as its SHA-256; one family per login."""

    __tablename__ = "refresh_tokens"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    family_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now(), default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]  # rotated: presenting it again is reuse
    revoked_at: Mapped[datetime | None]
    user_agent: Mapped[str | None] = mapped_column(String(255))


class EmailToken(IdMixin, Base):
    """Single-use tokens sent by e-mail (verify_email, password_reset), stored hashed."""

    __tablename__ = "email_tokens"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[str] = mapped_column(String(32))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now(), default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class ThrottleEvent(IdMixin, Base):
    """One counted event (a failed log-in, an e-mail sent) under a key such as
    `login:pair:<email>|<ip>` or `mail:to:<email>`: rate limits shared by every process."""

    __tablename__ = "throttle_events"
    __table_args__ = (Index("ix_throttle_events_key_created", "key", "created_at"),)

    key: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now(), default=utcnow)


class OutboxEmail(IdMixin, Base):
    """Every e-mail sent or, without SMTP, only written here and to the log."""

    __tablename__ = "outbox_emails"

    user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    to_address: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255))
    body_text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now(), default=utcnow)
    sent_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(Text)


class Notification(IdMixin, Base):
    """An in-app notice (post failed, outcome unknown, account needs reconnecting) to one
    member, about one workspace."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_created", "user_id", "created_at"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    workspace_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str | None] = mapped_column(String(500))
    read_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(server_default=func.now(), default=utcnow)
