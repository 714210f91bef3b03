"""What the AI optimizer has already paid for: one answer per (user, request fingerprint)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from socialflow.core.clock import utcnow
from socialflow.models.base import Base, IdMixin


class AICacheEntry(IdMixin, Base):
    """Claude's answer for one platform, keyed by a hash of everything that shaped it.

    Per user (not shared across users): the key covers the brand voice and instructions, and
    a user's cached answers go when the user goes.
    """

    __tablename__ = "ai_cache"
    __table_args__ = (UniqueConstraint("user_id", "cache_key"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # sha256 of (text, platform, model, instructions + brand voice, media count, prompt version)
    cache_key: Mapped[str] = mapped_column(String(64))
    platform: Mapped[str] = mapped_column(String(50))
    model: Mapped[str] = mapped_column(String(100))
    content: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(String(255))
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)  # thread, tags
    input_tokens: Mapped[int] = mapped_column(default=0, server_default="0")
    output_tokens: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(server_default=func.now(), default=utcnow)
