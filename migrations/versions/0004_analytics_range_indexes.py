"""analytics range reads: published_at on post_metrics_latest, covering index on platform_posts

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 11:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("post_metrics_latest") as batch:
        batch.add_column(sa.Column("published_at", sa.DateTime(timezone=True), nullable=True))
    op.execute(
        """
        UPDATE post_metrics_latest SET published_at = COALESCE(
            (SELECT pp.published_at FROM platform_posts pp
             WHERE pp.id = post_metrics_latest.platform_post_id),
            fetched_at)
        """
    )
    with op.batch_alter_table("post_metrics_latest") as batch:
        batch.alter_column("published_at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch.drop_index("ix_post_metrics_latest_user_id")
        batch.create_index(
            "ix_post_metrics_latest_user_published", ["user_id", "published_at"], unique=False
        )
    op.create_index(
        "ix_platform_posts_user_live",
        "platform_posts",
        ["user_id", "published_at"],
        unique=False,
        postgresql_include=["platform", "id"],
        postgresql_where=sa.text("status = 'published'"),
        sqlite_where=sa.text("status = 'published'"),
    )


def downgrade() -> None:
    op.drop_index("ix_platform_posts_user_live", table_name="platform_posts")
    with op.batch_alter_table("post_metrics_latest") as batch:
        batch.drop_index("ix_post_metrics_latest_user_published")
        batch.create_index("ix_post_metrics_latest_user_id", ["user_id"], unique=False)
        batch.drop_column("published_at")
