"""Migration 0011 on a populated database (SQLite and PostgreSQL): every user's data moves
into their personal workspace, nothing is lost or changes owner, and the downgrade restores it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Engine, Integer, MetaData, Numeric, Table, text

from socialflow.core import migrate
from tests.test_migrations import fresh_engine  # noqa: F401 - the SQLite/PostgreSQL fixture

OWNED = (
    "social_accounts",
    "follower_snapshots",
    "post_metrics_latest",
    "subscriptions",
    "usage_logs",
    "scheduled_jobs",
    "posts",
    "platform_posts",
    "post_analytics",
    "media_assets",
    "content_library",
)
POST_STATES = ("draft", "scheduled", "publishing", "published", "partially_published", "failed")
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


class Seeder:
    """Inserts rows through the reflected 0010 schema, filling required columns by type."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.sqlite = engine.dialect.name == "sqlite"
        self.meta = MetaData()
        self.meta.reflect(engine)

    def key(self, value: uuid.UUID) -> Any:
        return value.hex if self.sqlite else value

    def add(self, table: str, **values: Any) -> uuid.UUID:
        t: Table = self.meta.tables[table]
        row_id = values.pop("id", uuid.uuid4())
        row: dict[str, Any] = {}
        if "id" in t.c:
            row["id"] = self.key(row_id)
        for col in t.c:
            if col.name in row:
                continue
            if col.name in values:
                v = values[col.name]
                row[col.name] = self.key(v) if isinstance(v, uuid.UUID) else v
            elif not col.nullable and col.server_default is None:
                row[col.name] = self._filler(col.type)
        with self.engine.begin() as conn:
            conn.execute(t.insert().values(**row))
        return row_id

    @staticmethod
    def _filler(kind: Any) -> Any:
        if isinstance(kind, Boolean):
            return False
        if isinstance(kind, (Integer, Numeric)):
            return 0
        if isinstance(kind, DateTime):
            return NOW
        if isinstance(kind, JSON) or "JSON" in type(kind).__name__.upper():
            return []
        return "x"


def _seed(engine: Engine) -> dict[str, Any]:
    s = Seeder(engine)
    pro, free = uuid.uuid4(), uuid.uuid4()
    s.add(
        "users",
        id=pro,
        email="pro@example.com",
        subscription_tier="pro",
        subscription_status="active",
        stripe_customer_id="cus_pro",
        posts_this_month=7,
        usage_period_start=NOW,
        created_at=NOW,
        updated_at=NOW,
    )
    s.add("users", id=free, email="free@example.com", created_at=NOW, updated_at=NOW)
    for uid in (pro, free):
        account = s.add("social_accounts", user_id=uid, platform="twitter", status="active")
        s.add("follower_snapshots", social_account_id=account, user_id=uid, platform="twitter")
        media = s.add("media_assets", user_id=uid, storage_key=f"k-{uid.hex}", kind="image")
        s.add("content_library", user_id=uid, content="saved")
        s.add("usage_logs", user_id=uid, action="post_created", meta={})
        s.add("notifications", user_id=uid, kind="post_failed", title="t", body="b")
        s.add("oauth_states", user_id=uid, platform="twitter", state_hash=uid.hex)
        for state in POST_STATES:
            post = s.add("posts", user_id=uid, content=state, status=state, media_ids=[str(media)])
            pp = s.add(
                "platform_posts",
                post_id=post,
                user_id=uid,
                social_account_id=account,
                platform="twitter",
                content=state,
                status="published" if state == "published" else "pending",
                options={},
            )
            s.add("post_analytics", platform_post_id=pp, user_id=uid, platform="twitter")
            if state == "published":
                s.add(
                    "post_metrics_latest",
                    platform_post_id=pp,
                    user_id=uid,
                    platform="twitter",
                    published_at=NOW,
                )
                s.add(
                    "scheduled_jobs",
                    kind="analytics.post_metrics",
                    post_id=post,
                    user_id=uid,
                    payload={},
                )
    s.add(
        "subscriptions",
        user_id=pro,
        plan_slug="pro",
        status="active",
        stripe_subscription_id="sub_1",
    )
    return {"pro": pro, "free": free, "sqlite": s.sqlite}


def _owners(engine: Engine, table: str, column: str) -> list[str]:
    with engine.connect() as conn:
        rows = conn.scalars(text(f"SELECT {column} FROM {table} ORDER BY {column}"))  # noqa: S608
        return [str(v).replace("-", "") for v in rows]


def test_every_users_data_moves_into_their_personal_workspace(fresh_engine: Engine) -> None:  # noqa: F811
    migrate.upgrade(fresh_engine, "0010")
    seeded = _seed(fresh_engine)
    before = {t: _owners(fresh_engine, t, "user_id") for t in OWNED}
    assert all(before[t] for t in OWNED), "every owned table was seeded"
    migrate.upgrade(fresh_engine)

    after = {t: _owners(fresh_engine, t, "workspace_id") for t in OWNED}
    assert after == before  # same rows, same owners (the personal workspace has the user's id)
    for table in ("posts", "media_assets", "content_library"):
        assert _owners(fresh_engine, table, "created_by") == before[table]
    assert _owners(fresh_engine, "social_accounts", "connected_by") == before["social_accounts"]
    assert _owners(fresh_engine, "notifications", "workspace_id") == sorted(
        [seeded["pro"].hex, seeded["free"].hex]
    )
    with fresh_engine.connect() as conn:
        workspaces = conn.execute(
            text(
                "SELECT id, owner_id, personal, name, subscription_tier, subscription_status, "
                "stripe_customer_id, posts_this_month FROM workspaces ORDER BY posts_this_month"
            )
        ).all()
        members = conn.execute(
            text("SELECT workspace_id, user_id, role FROM workspace_members")
        ).all()
        statuses = sorted(conn.scalars(text("SELECT status FROM posts")))
        seats = dict(
            conn.execute(text("SELECT slug, seat_limit FROM subscription_plans")).tuples().all()
        )
    free_ws, pro_ws = workspaces
    assert str(pro_ws.id).replace("-", "") == seeded["pro"].hex
    assert (pro_ws.subscription_tier, pro_ws.subscription_status, pro_ws.stripe_customer_id) == (
        "pro",
        "active",
        "cus_pro",
    )
    assert (pro_ws.posts_this_month, bool(pro_ws.personal), pro_ws.name) == (7, True, "Personal")
    assert (
        free_ws.subscription_tier == "free"
        and str(free_ws.owner_id).replace("-", "") == seeded["free"].hex
    )
    assert sorted(
        (str(w).replace("-", ""), str(u).replace("-", ""), r) for w, u, r in members
    ) == sorted([(seeded["pro"].hex,) * 2 + ("owner",), (seeded["free"].hex,) * 2 + ("owner",)])
    assert statuses == sorted(POST_STATES * 2)
    assert seats == {"free": 1, "starter": 1, "pro": 2, "business": 3}

    migrate.downgrade(fresh_engine, "0010")
    assert {t: _owners(fresh_engine, t, "user_id") for t in OWNED} == before
    with fresh_engine.connect() as conn:
        tier = conn.execute(
            text(
                "SELECT subscription_tier, stripe_customer_id, posts_this_month FROM users "
                "WHERE email = 'pro@example.com'"
            )
        ).one()
    assert tuple(tier) == ("pro", "cus_pro", 7)
