"""post_metrics_latest.platform: per-platform sums without joining platform_posts

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("post_metrics_latest") as batch:
        batch.add_column(sa.Column("platform", sa.String(length=50), nullable=True))
    op.execute(
        """
        UPDATE post_metrics_latest SET platform = (
            SELECT pp.platform FROM platform_posts pp
            WHERE pp.id = post_metrics_latest.platform_post_id)
        """
    )
    with op.batch_alter_table("post_metrics_latest") as batch:
        batch.alter_column("platform", existing_type=sa.String(length=50), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("post_metrics_latest") as batch:
        batch.drop_column("platform")
