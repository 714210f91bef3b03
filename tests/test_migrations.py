"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect, text

from socialflow.core import migrate
from socialflow.core.db import make_engine
from socialflow.models import Base

PG_URL = os.environ.get("TEST_DATABASE_URL")


def _fresh_engines(tmp_path: Path) -> Iterator[tuple[str, Engine]]:
    yield "sqlite", make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    if PG_URL:
        name = f"sf_mig_{uuid.uuid4().hex[:8]}"
        admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine = make_engine(PG_URL.rsplit("/", 1)[0] + f"/{name}")
        try:
            yield "postgresql", engine
        finally:
            engine.dispose()
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "postgresql" and not PG_URL:
        pytest.skip("TEST_DATABASE_URL not set: PostgreSQL pass runs in CI")
    for name, engine in _fresh_engines(tmp_path):
        if name == request.param:
            yield engine
            return


def test_upgrade_from_empty_matches_models(fresh_engine: Engine) -> None:
    migrate.upgrade(fresh_engine)
    assert migrate.current_revision(fresh_engine) == migrate.head_revision()
    with fresh_engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn,
            opts={"compare_type": True, "render_item": None, "target_metadata": Base.metadata},
        )
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"


def test_schema_has_the_indexes_the_engine_needs(fresh_engine: Engine) -> None:
    migrate.upgrade(fresh_engine)
    indexes = {ix["name"]: ix for ix in inspect(fresh_engine).get_indexes("platform_posts")}
    assert {"ix_platform_posts_due", "ix_platform_posts_lease"} <= set(indexes)
    with fresh_engine.connect() as conn:
        if fresh_engine.dialect.name == "postgresql":
            sql = conn.scalar(
                text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_platform_posts_due'")
            )
        else:
            sql = conn.scalar(
                text("SELECT sql FROM sqlite_master WHERE name = 'ix_platform_posts_due'")
            )
    assert "WHERE" in sql.upper() and "retry_wait" in sql  # partial: only due-able rows


def test_plans_are_seeded_with_the_spec_prices_and_limits(fresh_engine: Engine) -> None:
    migrate.upgrade(fresh_engine)
    with fresh_engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT slug, price_monthly, posts_per_month, connected_accounts_limit "
                "FROM subscription_plans ORDER BY sort_order"
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        ("free", 0, 10, 2),
        ("starter", 2900, 30, 3),
        ("pro", 7900, -1, 10),
        ("business", 19900, -1, 25),
    ]


def test_timestamps_are_timezone_aware(fresh_engine: Engine) -> None:
    migrate.upgrade(fresh_engine)
    columns = {c["name"]: c for c in inspect(fresh_engine).get_columns("posts")}
    if fresh_engine.dialect.name == "postgresql":
        assert "WITH TIME ZONE" in str(columns["scheduled_for"]["type"]).upper() or getattr(
            columns["scheduled_for"]["type"], "timezone", False
        )
    else:
        assert "DATETIME" in str(columns["scheduled_for"]["type"]).upper()


def test_downgrade_and_upgrade_again(fresh_engine: Engine) -> None:
    migrate.upgrade(fresh_engine)
    migrate.downgrade(fresh_engine, "base")
    assert "users" not in inspect(fresh_engine).get_table_names()
    migrate.upgrade(fresh_engine)
    assert "users" in inspect(fresh_engine).get_table_names()


def _upgrade_to(engine: Engine, revision: str) -> None:
    migrate.upgrade(engine, revision)


def test_security_migration_keeps_users_counters_and_states(fresh_engine: Engine) -> None:
    """0008 on a populated database: users keep their rows (token_version 0, so access
    tokens issued before the upgrade still work), throttle counters move to throttle_events,
    pending OAuth states stay (without a browser hash, so they are refused at the callback)."""
    _upgrade_to(fresh_engine, "0007")
    uid, sid = uuid.uuid4(), uuid.uuid4()
    with fresh_engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (id, email, password_hash, timezone, email_verified, "
                "is_admin, subscription_tier, subscription_status, posts_this_month, "
                "posts_limit_per_month, connected_accounts_count, created_at, updated_at) "
                "VALUES (:id, 'old@example.com', 'h', 'UTC', true, false, 'pro', 'active', "
                "3, 10, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ),
            {"id": uid.hex if fresh_engine.dialect.name == "sqlite" else uid},
        )
        for key in ("email:old@example.com", "ip:10.0.0.1"):
            conn.execute(
                text("INSERT INTO login_attempts (id, key, created_at) VALUES (:id, :k, :t)"),
                {
                    "id": uuid.uuid4().hex
                    if fresh_engine.dialect.name == "sqlite"
                    else uuid.uuid4(),
                    "k": key,
                    "t": "2026-12-01 10:00:00+00:00",
                },
            )
        conn.execute(
            text(
                "INSERT INTO oauth_states (id, state_hash, user_id, platform, code_verifier, "
                "created_at, expires_at) VALUES (:id, 'abc', :uid, 'twitter', 'v', "
                "CURRENT_TIMESTAMP, '2026-12-01 10:10:00+00:00')"
            ),
            {
                "id": sid.hex if fresh_engine.dialect.name == "sqlite" else sid,
                "uid": uid.hex if fresh_engine.dialect.name == "sqlite" else uid,
            },
        )
    _upgrade_to(fresh_engine, "0008")
    with fresh_engine.connect() as conn:
        user = conn.execute(
            text("SELECT email, subscription_tier, posts_this_month, token_version FROM users")
        ).one()
        assert tuple(user) == ("old@example.com", "pro", 3, 0)
        keys = sorted(conn.scalars(text("SELECT key FROM throttle_events")))
        assert keys == ["email:old@example.com", "ip:10.0.0.1"]
        state = conn.execute(text("SELECT platform, browser_hash FROM oauth_states")).one()
        assert tuple(state) == ("twitter", None)
    assert "login_attempts" not in inspect(fresh_engine).get_table_names()


def test_parts_migration_records_settings_of_published_posts_as_not_sent(
    fresh_engine: Engine,
) -> None:
    """0010 on a populated database: a post published before threads and first comments
    existed keeps its settings, and its parts are recorded `skipped` (never to be sent now);
    a draft's settings wait to be published; the downgrade drops the parts only."""
    _upgrade_to(fresh_engine, "0008")
    sqlite = fresh_engine.dialect.name == "sqlite"

    def key(value: uuid.UUID) -> object:
        return value.hex if sqlite else value

    uid, post_id = uuid.uuid4(), uuid.uuid4()
    published, draft = uuid.uuid4(), uuid.uuid4()
    thread = '{"thread": ["two", {"text": "three"}], "first_comment": "plug"}'
    with fresh_engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (id, email, password_hash, timezone, email_verified, "
                "is_admin, subscription_tier, subscription_status, posts_this_month, "
                "posts_limit_per_month, connected_accounts_count, created_at, updated_at) "
                "VALUES (:id, 'old@example.com', 'h', 'UTC', true, false, 'pro', 'active', "
                "0, 10, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ),
            {"id": key(uid)},
        )
        conn.execute(
            text(
                "INSERT INTO posts (id, user_id, content, media_ids, media_urls, media_types, "
                "platforms, status) VALUES (:id, :uid, 'one', '[]', '[]', '[]', "
                "'[\"twitter\"]', 'published')"
            ),
            {"id": key(post_id), "uid": key(uid)},
        )
        for row_id, status in ((published, "published"), (draft, "draft")):
            conn.execute(
                text(
                    "INSERT INTO platform_posts (id, post_id, user_id, platform, content, "
                    "media_ids, media_urls, options, status) VALUES (:id, :pid, :uid, "
                    "'twitter', 'one', '[]', '[]', :opts, :status)"
                ),
                {
                    "id": key(row_id),
                    "pid": key(post_id),
                    "uid": key(uid),
                    "opts": thread,
                    "status": status,
                },
            )
    _upgrade_to(fresh_engine, "0010")
    with fresh_engine.connect() as conn:
        parts = conn.execute(
            text(
                "SELECT platform_post_id, kind, position, content, status, error_code "
                "FROM platform_post_parts ORDER BY position"
            )
        ).all()
        assert [tuple(p)[1:] for p in parts] == [
            ("thread", 2, "two", "skipped", "not_sent"),
            ("thread", 3, "three", "skipped", "not_sent"),
            ("first_comment", 4, "plug", "skipped", "not_sent"),
        ]
        assert {str(p[0]).replace("-", "") for p in parts} == {published.hex}
        options = conn.scalar(
            text("SELECT options FROM platform_posts WHERE id = :id"), {"id": key(draft)}
        )
        assert "first_comment" in str(options)  # the draft keeps its settings
    _downgrade_to(fresh_engine, "0008")
    assert "platform_post_parts" not in inspect(fresh_engine).get_table_names()
    with fresh_engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM platform_posts")) == 2


def _downgrade_to(engine: Engine, revision: str) -> None:
    migrate.downgrade(engine, revision)
