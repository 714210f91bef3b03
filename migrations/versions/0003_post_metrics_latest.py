"""post_metrics_latest: the newest snapshot's numbers per platform post (analytics rollup)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "post_metrics_latest",
        sa.Column("platform_post_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("impressions", sa.Integer(), nullable=False),
        sa.Column("likes", sa.Integer(), nullable=False),
        sa.Column("comments", sa.Integer(), nullable=False),
        sa.Column("shares", sa.Integer(), nullable=False),
        sa.Column("clicks", sa.Integer(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["platform_post_id"],
            ["platform_posts.id"],
            name=op.f("fk_post_metrics_latest_platform_post_id_platform_posts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_post_metrics_latest_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("platform_post_id", name=op.f("pk_post_metrics_latest")),
    )
    op.create_index(
        op.f("ix_post_metrics_latest_user_id"), "post_metrics_latest", ["user_id"], unique=False
    )
    # Existing snapshots: each platform post's newest one (ties: the greatest id).
    op.execute(
        """
        INSERT INTO post_metrics_latest
            (platform_post_id, user_id, impressions, likes, comments, shares, clicks, fetched_at)
        SELECT pa.platform_post_id, pa.user_id, pa.impressions, pa.likes, pa.comments,
               pa.shares, pa.clicks, pa.fetched_at
        FROM post_analytics pa
        WHERE pa.id = (
            SELECT newer.id FROM post_analytics newer
            WHERE newer.platform_post_id = pa.platform_post_id
            ORDER BY newer.fetched_at DESC, newer.id DESC
            LIMIT 1
        )
        """
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_post_metrics_latest_user_id"), table_name="post_metrics_latest")
    op.drop_table("post_metrics_latest")
