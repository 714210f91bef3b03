"""approvals: posts that need an approver's sign-off, and comments on posts (issue 15)

- workspaces.approval_required / approval_for_admins (off: nothing changes for anyone).
- posts: revision (bumped by each edit), submitted_by/at, approved_by/at, approved_revision.
- post_comments: a thread per post (internal notes, @mentions).

Existing posts keep their status; none is pending approval. Downgrade first sends any post
pending approval back to draft (the status older code knows), then drops the columns.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("workspaces") as batch:
        batch.add_column(
            sa.Column("approval_required", sa.Boolean(), server_default="0", nullable=False)
        )
        batch.add_column(
            sa.Column("approval_for_admins", sa.Boolean(), server_default="0", nullable=False)
        )
    with op.batch_alter_table("posts") as batch:
        batch.add_column(sa.Column("revision", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("submitted_by", sa.Uuid(), nullable=True))
        batch.add_column(sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("approved_by", sa.Uuid(), nullable=True))
        batch.add_column(sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("approved_revision", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_posts_submitted_by_users", "users", ["submitted_by"], ["id"], ondelete="SET NULL"
        )
        batch.create_foreign_key(
            "fk_posts_approved_by_users", "users", ["approved_by"], ["id"], ondelete="SET NULL"
        )
    op.create_table(
        "post_comments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("post_id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("internal", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("kind", sa.String(length=30), server_default="comment", nullable=False),
        sa.Column("mentions", JSON, nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
            name=op.f("fk_post_comments_post_id_posts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_post_comments_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_post_comments_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_comments")),
    )
    op.create_index(
        "ix_post_comments_post_created", "post_comments", ["post_id", "created_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_post_comments_post_created", table_name="post_comments")
    op.drop_table("post_comments")
    op.execute("UPDATE posts SET status = 'draft' WHERE status = 'pending_approval'")
    with op.batch_alter_table("posts") as batch:
        batch.drop_constraint("fk_posts_approved_by_users", type_="foreignkey")
        batch.drop_constraint("fk_posts_submitted_by_users", type_="foreignkey")
        for column in (
            "approved_revision",
            "approved_at",
            "approved_by",
            "submitted_at",
            "submitted_by",
            "revision",
        ):
            batch.drop_column(column)
    with op.batch_alter_table("workspaces") as batch:
        batch.drop_column("approval_for_admins")
        batch.drop_column("approval_required")
