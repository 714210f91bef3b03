"""security hardening: OAuth state bound to the browser, access-token versions, throttle events

- oauth_states.browser_hash: the nonce hash the connect callback checks (states in flight
  during the upgrade have none and are refused: they live ten minutes).
- users.token_version: bumped by a password change or reset; access tokens carry it.
- login_attempts -> throttle_events: the same counters, now also for e-mails sent; the old
  keys (`email:<addr>`, `ip:<addr>`) are not the new ones, and expire within the window.

Revision ID: 0008
Revises: 0007 (re-chained after 0007, committed first)
Create Date: 2026-12-02 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("oauth_states") as batch:
        batch.add_column(sa.Column("browser_hash", sa.String(length=64), nullable=True))
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("token_version", sa.Integer(), server_default="0", nullable=False)
        )
    op.drop_index("ix_login_attempts_key_created", table_name="login_attempts")
    op.rename_table("login_attempts", "throttle_events")
    op.create_index(
        "ix_throttle_events_key_created", "throttle_events", ["key", "created_at"], unique=False
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE throttle_events RENAME CONSTRAINT pk_login_attempts TO pk_throttle_events"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE throttle_events RENAME CONSTRAINT pk_throttle_events TO pk_login_attempts"
        )
    op.drop_index("ix_throttle_events_key_created", table_name="throttle_events")
    op.rename_table("throttle_events", "login_attempts")
    op.create_index(
        "ix_login_attempts_key_created", "login_attempts", ["key", "created_at"], unique=False
    )
    with op.batch_alter_table("users") as batch:
        batch.drop_column("token_version")
    with op.batch_alter_table("oauth_states") as batch:
        batch.drop_column("browser_hash")
