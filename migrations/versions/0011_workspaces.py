"""workspaces: what owned by a user becomes owned by a workspace (issue 14)

- New tables: workspaces, workspace_members, invitations, activity_events.
- Every user gets a personal workspace whose id is the user's id, with the user as owner and
  the user's plan, Stripe customer and usage counters (moved from users).
- The ownership column `user_id` of social_accounts, follower_snapshots, post_metrics_latest,
  subscriptions, usage_logs, scheduled_jobs, posts, platform_posts, post_analytics,
  media_assets and content_library becomes `workspace_id` (same value: the personal
  workspace), referencing workspaces; its indexes and unique constraints follow.
- Authorship: posts/media_assets/content_library.created_by and social_accounts.connected_by
  (the user who owned the row); oauth_states and notifications get the workspace they are for.
- subscription_plans.seat_limit: Free 1, Starter 1, Pro 2, Business 3.

Downgrade moves rows of team workspaces to their owner (nothing is deleted), then drops it all.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 13:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
SEATS = {"free": 1, "starter": 1, "pro": 2, "business": 3}
BILLING = (
    "stripe_customer_id",
    "subscription_tier",
    "subscription_status",
    "subscription_end_date",
    "posts_this_month",
    "usage_period_start",
)
# Columns of users dropped without a home (derived counters nothing reads).
DERIVED = ("posts_limit_per_month", "connected_accounts_count")

# table -> (indexes on user_id: (old name, new name, other columns, partial WHERE or None),
#           unique constraint: (old name, new name, other columns) or None)
PUBLISHED = "status = 'published'"
OWNED: dict[
    str, tuple[list[tuple[str, str, list[str], str | None]], tuple[str, str, list[str]] | None]
] = {
    "social_accounts": (
        [
            (
                "ix_social_accounts_user_platform",
                "ix_social_accounts_workspace_platform",
                ["platform"],
                None,
            )
        ],
        (
            "uq_social_accounts_user_id_platform_platform_user_id",
            "uq_social_accounts_workspace_id_platform_platform_user_id",
            ["platform", "platform_user_id"],
        ),
    ),
    "follower_snapshots": (
        [
            (
                "ix_follower_snapshots_user_fetched",
                "ix_follower_snapshots_workspace_fetched",
                ["fetched_at"],
                None,
            )
        ],
        None,
    ),
    "post_metrics_latest": (
        [
            (
                "ix_post_metrics_latest_user_published",
                "ix_post_metrics_latest_workspace_published",
                ["published_at"],
                None,
            )
        ],
        None,
    ),
    "subscriptions": ([], ("uq_subscriptions_user_id", "uq_subscriptions_workspace_id", [])),
    "usage_logs": (
        [("ix_usage_logs_user_created", "ix_usage_logs_workspace_created", ["created_at"], None)],
        None,
    ),
    "scheduled_jobs": ([], None),
    "posts": (
        [
            ("ix_posts_user_created", "ix_posts_workspace_created", ["created_at"], None),
            ("ix_posts_user_published", "ix_posts_workspace_published", ["published_at"], None),
            ("ix_posts_user_scheduled", "ix_posts_workspace_scheduled", ["scheduled_for"], None),
            ("ix_posts_user_status", "ix_posts_workspace_status", ["status"], None),
        ],
        None,
    ),
    "platform_posts": (
        [
            (
                "ix_platform_posts_user_live",
                "ix_platform_posts_workspace_live",
                ["published_at"],
                PUBLISHED,
            ),
            (
                "ix_platform_posts_user_published",
                "ix_platform_posts_workspace_published",
                ["published_at"],
                None,
            ),
            (
                "ix_platform_posts_user_status",
                "ix_platform_posts_workspace_status",
                ["status"],
                None,
            ),
        ],
        None,
    ),
    "post_analytics": (
        [
            (
                "ix_post_analytics_user_fetched",
                "ix_post_analytics_workspace_fetched",
                ["fetched_at"],
                None,
            )
        ],
        None,
    ),
    "media_assets": (
        [
            (
                "ix_media_assets_user_created",
                "ix_media_assets_workspace_created",
                ["created_at"],
                None,
            )
        ],
        None,
    ),
    "content_library": (
        [
            (
                "ix_content_library_user_template",
                "ix_content_library_workspace_template",
                ["is_template"],
                None,
            )
        ],
        None,
    ),
}
AUTHOR = {
    "posts": "created_by",
    "media_assets": "created_by",
    "content_library": "created_by",
    "social_accounts": "connected_by",
}


def _index(name: str, table: str, columns: list[str], where: str | None) -> None:
    extra: dict[str, object] = {}
    if where is not None:
        extra = {
            "postgresql_where": sa.text(where),
            "sqlite_where": sa.text(where),
            "postgresql_include": ["platform", "id"],
        }
    op.create_index(name, table, columns, unique=False, **extra)


def _create_tables() -> None:
    op.create_table(
        "workspaces",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("personal", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("stripe_customer_id", sa.String(length=255), nullable=True),
        sa.Column("subscription_tier", sa.String(length=50), server_default="free", nullable=False),
        sa.Column(
            "subscription_status", sa.String(length=50), server_default="inactive", nullable=False
        ),
        sa.Column("subscription_end_date", sa.DateTime(timezone=True), nullable=True),
        sa.Column("posts_this_month", sa.Integer(), server_default="0", nullable=False),
        sa.Column("usage_period_start", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_workspaces_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workspaces")),
    )
    op.create_index("ix_workspaces_owner_id", "workspaces", ["owner_id"], unique=False)
    op.create_index(
        "ix_workspaces_stripe_customer_id", "workspaces", ["stripe_customer_id"], unique=False
    )
    op.create_table(
        "workspace_members",
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("account_ids", JSON, nullable=True),
        sa.Column("read_only", sa.Boolean(), server_default="0", nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_workspace_members_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_workspace_members_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", "user_id", name=op.f("pk_workspace_members")),
    )
    op.create_index("ix_workspace_members_user", "workspace_members", ["user_id"], unique=False)
    op.create_table(
        "invitations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("account_ids", JSON, nullable=True),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("invited_by", sa.Uuid(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("accepted_by", sa.Uuid(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_invitations_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invited_by"],
            ["users.id"],
            name=op.f("fk_invitations_invited_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["accepted_by"],
            ["users.id"],
            name=op.f("fk_invitations_accepted_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitations")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_invitations_token_hash")),
    )
    op.create_index(
        "ix_invitations_workspace",
        "invitations",
        ["workspace_id", "accepted_at", "revoked_at"],
        unique=False,
    )
    op.create_table(
        "activity_events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("action", sa.String(length=50), nullable=False),
        sa.Column("target_type", sa.String(length=30), nullable=True),
        sa.Column("target_id", sa.String(length=64), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("details", JSON, nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_activity_events_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["users.id"],
            name=op.f("fk_activity_events_actor_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_events")),
    )
    op.create_index(
        "ix_activity_events_workspace_created",
        "activity_events",
        ["workspace_id", "created_at"],
        unique=False,
    )


def upgrade() -> None:
    _create_tables()
    with op.batch_alter_table("subscription_plans") as batch:
        batch.add_column(sa.Column("seat_limit", sa.Integer(), server_default="1", nullable=False))
    for slug, seats in SEATS.items():
        op.execute(
            sa.text("UPDATE subscription_plans SET seat_limit = :n WHERE slug = :slug").bindparams(
                n=seats, slug=slug
            )
        )

    # Every user's personal workspace: the user's id, plan and counters.
    cols = ", ".join(BILLING)
    op.execute(
        "INSERT INTO workspaces (id, name, owner_id, personal, created_at, updated_at, "  # noqa: S608
        f"{cols}) SELECT id, 'Personal', id, TRUE, created_at, created_at, {cols} FROM users"
    )
    op.execute(
        "INSERT INTO workspace_members (workspace_id, user_id, role, read_only, created_at) "
        "SELECT id, id, 'owner', FALSE, created_at FROM users"
    )

    for table, (indexes, unique) in OWNED.items():
        for old, _new, _cols, _where in indexes:
            op.drop_index(old, table_name=table)
        author = AUTHOR.get(table)
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"fk_{table}_user_id_users", type_="foreignkey")
            if unique is not None:
                batch.drop_constraint(unique[0], type_="unique")
            batch.alter_column("user_id", new_column_name="workspace_id")
            if author is not None:
                batch.add_column(sa.Column(author, sa.Uuid(), nullable=True))
        if author is not None:
            op.execute(f"UPDATE {table} SET {author} = workspace_id")  # noqa: S608
        with op.batch_alter_table(table) as batch:
            batch.create_foreign_key(
                f"fk_{table}_workspace_id_workspaces",
                "workspaces",
                ["workspace_id"],
                ["id"],
                ondelete="CASCADE",
            )
            if author is not None:
                batch.create_foreign_key(
                    f"fk_{table}_{author}_users", "users", [author], ["id"], ondelete="SET NULL"
                )
            if unique is not None:
                batch.create_unique_constraint(unique[1], ["workspace_id", *unique[2]])
        for _old, new, other, where in indexes:
            _index(new, table, ["workspace_id", *other], where)

    for table in ("oauth_states", "notifications"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("workspace_id", sa.Uuid(), nullable=True))
        op.execute(f"UPDATE {table} SET workspace_id = user_id")  # noqa: S608
        with op.batch_alter_table(table) as batch:
            if table == "oauth_states":
                batch.alter_column("workspace_id", existing_type=sa.Uuid(), nullable=False)
            batch.create_foreign_key(
                f"fk_{table}_workspace_id_workspaces",
                "workspaces",
                ["workspace_id"],
                ["id"],
                ondelete="CASCADE",
            )

    op.drop_index("ix_users_stripe_customer_id", table_name="users")
    with op.batch_alter_table("users") as batch:
        for column in (*BILLING, *DERIVED):
            batch.drop_column(column)


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("stripe_customer_id", sa.String(length=255), nullable=True))
        batch.add_column(
            sa.Column(
                "subscription_tier", sa.String(length=50), server_default="free", nullable=False
            )
        )
        batch.add_column(
            sa.Column(
                "subscription_status",
                sa.String(length=50),
                server_default="inactive",
                nullable=False,
            )
        )
        batch.add_column(
            sa.Column("subscription_end_date", sa.DateTime(timezone=True), nullable=True)
        )
        batch.add_column(
            sa.Column("posts_this_month", sa.Integer(), server_default="0", nullable=False)
        )
        batch.add_column(
            sa.Column("posts_limit_per_month", sa.Integer(), server_default="10", nullable=False)
        )
        batch.add_column(
            sa.Column("connected_accounts_count", sa.Integer(), server_default="0", nullable=False)
        )
        batch.add_column(sa.Column("usage_period_start", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_users_stripe_customer_id", "users", ["stripe_customer_id"], unique=False)
    for column in BILLING:
        op.execute(
            f"UPDATE users SET {column} = (SELECT w.{column} FROM workspaces w "  # noqa: S608
            "WHERE w.id = users.id)"
        )

    for table in ("oauth_states", "notifications"):
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"fk_{table}_workspace_id_workspaces", type_="foreignkey")
            batch.drop_column("workspace_id")

    # Rows of team workspaces go to the workspace's owner: nothing is deleted.
    # (A team workspace's subscription row goes only where its owner has none: one per user.)
    op.execute(
        "DELETE FROM subscriptions WHERE workspace_id NOT IN "
        "(SELECT id FROM workspaces WHERE personal) AND (SELECT w.owner_id FROM workspaces w "
        "WHERE w.id = subscriptions.workspace_id) IN (SELECT workspace_id FROM subscriptions)"
    )
    for table, (indexes, unique) in OWNED.items():
        op.execute(
            f"UPDATE {table} SET workspace_id = (SELECT w.owner_id FROM workspaces w "  # noqa: S608
            f"WHERE w.id = {table}.workspace_id) WHERE workspace_id NOT IN "
            "(SELECT id FROM workspaces WHERE personal)"
        )
        for _old, new, _cols, _where in indexes:
            op.drop_index(new, table_name=table)
        author = AUTHOR.get(table)
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"fk_{table}_workspace_id_workspaces", type_="foreignkey")
            if author is not None:
                batch.drop_constraint(f"fk_{table}_{author}_users", type_="foreignkey")
                batch.drop_column(author)
            if unique is not None:
                batch.drop_constraint(unique[1], type_="unique")
            batch.alter_column("workspace_id", new_column_name="user_id")
        with op.batch_alter_table(table) as batch:
            batch.create_foreign_key(
                f"fk_{table}_user_id_users", "users", ["user_id"], ["id"], ondelete="CASCADE"
            )
            if unique is not None:
                batch.create_unique_constraint(unique[0], ["user_id", *unique[2]])
        for old, _new, other, where in indexes:
            _index(old, table, ["user_id", *other], where)

    with op.batch_alter_table("subscription_plans") as batch:
        batch.drop_column("seat_limit")
    op.drop_table("activity_events")
    op.drop_table("invitations")
    op.drop_table("workspace_members")
    op.drop_table("workspaces")
