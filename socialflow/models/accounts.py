"""Connected platform accounts, OAuth states in flight, and follower snapshots."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from socialflow.core.clock import utcnow
from socialflow.models.base import Base, IdMixin, TimestampMixin


class SocialAccount(IdMixin, TimestampMixin, Base):
    """One connected account; token columns hold Fernet ciphertext, never plain tokens."""

    __tablename__ = "social_accounts"
    __table_args__ = (
        UniqueConstraint("workspace_id", "platform", "platform_user_id"),
        Index("ix_social_accounts_workspace_platform", "workspace_id", "platform"),
        Index("ix_social_accounts_token_expiry", "token_expires_at"),
    )

    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    platform: Mapped[str] = mapped_column(String(50), index=True)
    platform_user_id: Mapped[str] = mapped_column(String(255))
    # Who connected it; the account belongs to the workspace, not to them.
    connected_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    platform_username: Mapped[str | None] = mapped_column(String(255))
    platform_display_name: Mapped[str | None] = mapped_column(String(255))
    avatar_url: Mapped[str | None] = mapped_column(Text)
    access_token: Mapped[str | None] = mapped_column(Text)  # encrypted
    refresh_token: Mapped[str | None] = mapped_column(Text)  # encrypted
    token_extra: Mapped[str | None] = mapped_column(Text)  # encrypted JSON (page tokens...)
    token_expires_at: Mapped[datetime | None]
    refresh_expires_at: Mapped[datetime | None]
    scopes: Mapped[str | None] = mapped_column(Text)
    is_active: Mapped[bool] = mapped_column(default=True, server_default="1", index=True)
    # active | needs_reauth | revoked | paused (over the plan's limit after a downgrade)
    status: Mapped[str] = mapped_column(String(20), default="active", server_default="active")
    status_reason: Mapped[str | None] = mapped_column(Text)
    last_synced_at: Mapped[datetime | None]
    last_refreshed_at: Mapped[datetime | None]
    follower_count: Mapped[int | None]
    meta: Mapped[dict[str, Any]] = mapped_column(default=dict)  # non-secret extras


class OAuthState(IdMixin, Base):
    """A pending OAuth consent: single use, bound to a user and the workspace the account will
    belong to, ten minutes to live."""

    __tablename__ = "oauth_states"

    state_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # SHA-256 of the nonce in the starting browser's cookie (accounts/oauth.py)
    browser_hash: Mapped[str | None] = mapped_column(String(64))
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    platform: Mapped[str] = mapped_column(String(50))
    code_verifier: Mapped[str] = mapped_column(Text)  # encrypted
    account_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("social_accounts.id", ondelete="CASCADE")
    )  # set when re-connecting an existing account
    created_at: Mapped[datetime] = mapped_column(server_default=func.now(), default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class FollowerSnapshot(IdMixin, Base):
    """Follower count of an account at one moment: the time series behind trends."""

    __tablename__ = "follower_snapshots"
    __table_args__ = (
        Index("ix_follower_snapshots_account_fetched", "social_account_id", "fetched_at"),
        Index("ix_follower_snapshots_workspace_fetched", "workspace_id", "fetched_at"),
    )

    social_account_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("social_accounts.id", ondelete="CASCADE")
    )
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    platform: Mapped[str] = mapped_column(String(50))
    follower_count: Mapped[int]
    fetched_at: Mapped[datetime] = mapped_column(server_default=func.now(), default=utcnow)
