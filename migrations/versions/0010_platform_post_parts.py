"""platform_post_parts: X thread parts and first comments, each sent exactly once (issue 19)

A post published before this revision never had its parts sent, even if its settings held a
`thread` or `first_comment` (settings were free-form then): its parts are recorded as
`skipped`, so the post shows them as not sent instead of offering them as still to come. Posts
not yet published keep their settings, and their parts are made when they are published.

Revision ID: 0010
Revises: 0008 (numbered 0010: 0009 is taken by the workspaces branch)
Create Date: 2026-12-03 10:00:00
"""

import json
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
COMMENT_PLATFORMS = ("twitter", "instagram", "facebook", "linkedin", "youtube")
NOT_SENT = "Not sent: written before Socialflow posted threads and first comments."


def upgrade() -> None:
    op.create_table(
        "platform_post_parts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("platform_post_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("media_ids", JSON, nullable=False),
        sa.Column("status", sa.String(length=20), server_default="pending", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lease_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("pending_ref", JSON, nullable=True),
        sa.Column("parent_external_id", sa.String(length=255), nullable=True),
        sa.Column("external_id", sa.String(length=255), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("error_code", sa.String(length=100), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["platform_post_id"],
            ["platform_posts.id"],
            name=op.f("fk_platform_post_parts_platform_post_id_platform_posts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_platform_post_parts")),
        sa.UniqueConstraint(
            "platform_post_id",
            "position",
            name=op.f("uq_platform_post_parts_platform_post_id_position"),
        ),
    )
    op.create_index(
        "ix_platform_post_parts_status_due",
        "platform_post_parts",
        ["status", "due_at"],
        unique=False,
    )
    _record_unsent_parts()


def _record_unsent_parts() -> None:
    """Published posts whose settings held a thread or first comment: recorded as not sent."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text("SELECT id, platform, options FROM platform_posts WHERE status = 'published'")
    ).all()
    parts = sa.table(
        "platform_post_parts",
        sa.column("id", sa.Uuid()),
        sa.column("platform_post_id", sa.Uuid()),
        sa.column("kind", sa.String()),
        sa.column("position", sa.Integer()),
        sa.column("content", sa.Text()),
        sa.column("media_ids", JSON),
        sa.column("status", sa.String()),
        sa.column("error_code", sa.String()),
        sa.column("error_message", sa.Text()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    now = datetime.now(UTC)
    out: list[dict[str, Any]] = []
    for row in rows:
        options = json.loads(row.options) if isinstance(row.options, str) else row.options
        options = options if isinstance(options, dict) else {}
        texts: list[tuple[str, str]] = []
        if row.platform == "twitter" and isinstance(options.get("thread"), list):
            for part in options["thread"]:
                body = part.get("text") if isinstance(part, dict) else part
                texts.append(("thread", str(body or "")))
        comment = options.get("first_comment")
        if row.platform in COMMENT_PLATFORMS and isinstance(comment, str) and comment.strip():
            texts.append(("first_comment", comment))
        for number, (kind, body) in enumerate(texts, start=2):
            out.append(
                {
                    "id": uuid.uuid4(),
                    "platform_post_id": row.id
                    if isinstance(row.id, uuid.UUID)
                    else uuid.UUID(str(row.id)),
                    "kind": kind,
                    "position": number,
                    "content": body,
                    "media_ids": [],
                    "status": "skipped",
                    "error_code": "not_sent",
                    "error_message": NOT_SENT,
                    "created_at": now,
                    "updated_at": now,
                }
            )
    if out:
        op.bulk_insert(parts, out)


def downgrade() -> None:
    # The parts' outcomes go; the posts' settings (thread, first comment) stay as they were.
    op.drop_index("ix_platform_post_parts_status_due", table_name="platform_post_parts")
    op.drop_table("platform_post_parts")
