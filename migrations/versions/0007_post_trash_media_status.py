"""posts.deleted_at (delete with undo) and media_assets.status (uploads in progress)

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-02 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("posts") as batch:
        batch.add_column(sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True))
    # Every file stored so far was checked and stored whole: ready.
    with op.batch_alter_table("media_assets") as batch:
        batch.add_column(
            sa.Column("status", sa.String(length=20), server_default="ready", nullable=False)
        )


def downgrade() -> None:
    # Deleted posts waiting out their undo window go for good, as a delete did before.
    op.execute("DELETE FROM posts WHERE deleted_at IS NOT NULL")
    op.execute("DELETE FROM media_assets WHERE status <> 'ready'")
    with op.batch_alter_table("media_assets") as batch:
        batch.drop_column("status")
    with op.batch_alter_table("posts") as batch:
        batch.drop_column("deleted_at")
