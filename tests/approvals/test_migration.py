"""Migration 0012 (approvals) on a populated database, SQLite and PostgreSQL: every post keeps
its status and owner, no workspace starts requiring approval, and the downgrade sends a post
pending approval back to draft (a status older code knows) without losing a row."""

from __future__ import annotations

import uuid

from sqlalchemy import Engine, text

from socialflow.core import migrate
from tests.test_migrations import fresh_engine  # noqa: F401 - the SQLite/PostgreSQL fixture
from tests.workspaces.test_migration import NOW, _seed

POSTS = "SELECT id, workspace_id, status, content FROM posts ORDER BY content, id"


def _rows(engine: Engine, sql: str) -> list[tuple[str, ...]]:
    with engine.connect() as conn:
        return [tuple(str(v).replace("-", "") for v in r) for r in conn.execute(text(sql))]


def test_0012_keeps_every_post_and_turns_nothing_on(fresh_engine: Engine) -> None:  # noqa: F811
    migrate.upgrade(fresh_engine, "0010")
    seeded = _seed(fresh_engine)
    migrate.upgrade(fresh_engine, "0011")
    before = _rows(fresh_engine, POSTS)
    platform_before = _rows(fresh_engine, "SELECT id, status FROM platform_posts ORDER BY id")
    assert len(before) == 12  # two users' posts in every state

    migrate.upgrade(fresh_engine, "0012")
    assert _rows(fresh_engine, POSTS) == before
    assert _rows(fresh_engine, "SELECT id, status FROM platform_posts ORDER BY id") == (
        platform_before
    )
    assert set(
        _rows(
            fresh_engine,
            "SELECT revision, submitted_by, approved_by, approved_revision FROM posts",
        )
    ) == {("0", "None", "None", "None")}
    flags = _rows(fresh_engine, "SELECT approval_required, approval_for_admins FROM workspaces")
    assert len(flags) == 2 and all(f in {("False", "False"), ("0", "0")} for f in flags)

    # A post pending approval, with comments, then back down.
    key = seeded["pro"].hex if seeded["sqlite"] else str(seeded["pro"])
    pending = uuid.uuid4()
    pid = pending.hex if seeded["sqlite"] else str(pending)
    with fresh_engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO posts (id, workspace_id, created_by, content, media_ids, "
                "media_urls, media_types, platforms, status, revision, submitted_by, "
                "submitted_at, created_at, updated_at) VALUES (:id, :ws, :ws, 'waiting', "
                "'[]', '[]', '[]', '[]', 'pending_approval', 3, :ws, :now, :now, :now)"
            ),
            {"id": pid, "ws": key, "now": NOW},
        )
        conn.execute(
            text(
                "INSERT INTO post_comments (id, post_id, workspace_id, author_id, body, "
                "mentions, created_at) VALUES (:id, :post, :ws, :ws, 'Looks good', '[]', :now)"
            ),
            {"id": uuid.uuid4().hex if seeded["sqlite"] else str(uuid.uuid4()), "post": pid,
             "ws": key, "now": NOW},
        )  # fmt: skip
    migrate.downgrade(fresh_engine, "0011")
    after = _rows(fresh_engine, POSTS)
    assert [r for r in after if r[3] != "waiting"] == before
    assert [r[2] for r in after if r[3] == "waiting"] == ["draft"]
    migrate.upgrade(fresh_engine)
    assert migrate.current_revision(fresh_engine) == migrate.head_revision()
