"""Benchmark: the analytics overview for a big account on PostgreSQL.

Creates a scratch database, migrates it and seeds one Business workspace with 10,000 published
platform posts spread over a year (10 accounts), 4 metric snapshots per post (1 h, 24 h, 7 d,
30 d when already due), a year of daily follower snapshots per account, and a neighbour with
as many rows (so the workspace filter has to do real work). Then it measures the overview service
call plus JSON serialization (what GET /api/analytics/overview does after authentication),
each run in its own read-only session, for 7d, 30d and 90d; prints p50/p99 and with --write
updates docs/PERFORMANCE.md. The scratch database is dropped at the end.

    .venv/bin/python bench/analytics_overview.py [--database-url URL] [--runs 200] [--write]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PLATFORMS = ("twitter", "instagram", "tiktok", "linkedin", "facebook", "youtube")
OFFSETS = (timedelta(hours=1), timedelta(days=1), timedelta(days=7), timedelta(days=30))


def admin(url: str, sql: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(sql))
    engine.dispose()


def seed_user(conn: Any, now: datetime, posts: int, accounts: int) -> uuid.UUID:
    """One user and their personal workspace (same id) with `posts` published platform
    posts, snapshots and daily followers; returns the workspace's id."""
    from socialflow.models import (
        FollowerSnapshot,
        PlatformPost,
        Post,
        PostAnalytics,
        PostMetricsLatest,
        SocialAccount,
        User,
        Workspace,
        WorkspaceMember,
    )

    rng = random.Random(7)
    user_id = uuid.uuid4()
    conn.execute(
        insert(User).values(
            id=user_id,
            email=f"bench-{user_id.hex[:8]}@example.com",
            password_hash="!",  # noqa: S106 - no login: not a usable hash
            timezone="Europe/Berlin",
        )
    )
    conn.execute(
        insert(Workspace).values(
            id=user_id,
            name="Bench",
            owner_id=user_id,
            personal=True,
            subscription_tier="business",
            subscription_status="active",
        )
    )
    conn.execute(
        insert(WorkspaceMember).values(workspace_id=user_id, user_id=user_id, role="owner")
    )
    account_rows = [
        {
            "id": uuid.uuid4(),
            "workspace_id": user_id,
            "platform": PLATFORMS[i % len(PLATFORMS)],
            "platform_user_id": f"acct{i}-{user_id.hex[:6]}",
            "platform_username": f"bench_{i}",
            "status": "active",
            "follower_count": 1000 + 365 * 3,
            "meta": {},
        }
        for i in range(accounts)
    ]
    conn.execute(insert(SocialAccount), account_rows)
    followers = [
        {
            "id": uuid.uuid4(),
            "social_account_id": a["id"],
            "workspace_id": user_id,
            "platform": a["platform"],
            "follower_count": 1000 + day * 3,
            "fetched_at": now - timedelta(days=365 - day, hours=rng.random() * 3),
        }
        for a in account_rows
        for day in range(365)
    ]
    conn.execute(insert(FollowerSnapshot), followers)
    post_rows, pp_rows, snap_rows = [], [], []
    for i in range(posts):
        account = account_rows[i % accounts]
        published = now - timedelta(seconds=rng.uniform(0, 365 * 86400))
        post_id, pp_id = uuid.uuid4(), uuid.uuid4()
        content = f"Benchmark post {i} " + "lorem ipsum " * 10
        post_rows.append(
            {
                "id": post_id,
                "workspace_id": user_id,
                "created_by": user_id,
                "content": content,
                "status": "published",
                "published_at": published,
                "media_ids": [],
                "media_urls": [],
                "media_types": [],
                "platforms": [account["platform"]],
            }
        )
        pp_rows.append(
            {
                "id": pp_id,
                "post_id": post_id,
                "workspace_id": user_id,
                "social_account_id": account["id"],
                "platform": account["platform"],
                "content": content,
                "status": "published",
                "platform_post_id": f"ext-{pp_id.hex[:12]}",
                "platform_url": f"https://example.com/{pp_id.hex[:12]}",
                "published_at": published,
                "media_ids": [],
                "media_urls": [],
                "options": {},
            }
        )
        views = rng.randint(50, 5000)
        for n, offset in enumerate(OFFSETS, start=1):
            if published + offset > now:
                break
            imp = views * n
            snap_rows.append(
                {
                    "id": uuid.uuid4(),
                    "platform_post_id": pp_id,
                    "workspace_id": user_id,
                    "platform": account["platform"],
                    "impressions": imp,
                    "likes": imp // 12,
                    "comments": imp // 80,
                    "shares": imp // 60,
                    "clicks": imp // 30,
                    "engagement_rate": Decimal("14.00"),
                    "fetched_at": published + offset,
                }
            )
    # The rollup the snapshot writer keeps: each post's newest snapshot.
    newest: dict[Any, dict[str, Any]] = {}
    for snap in snap_rows:
        newest[snap["platform_post_id"]] = snap
    published = {pp["id"]: pp["published_at"] for pp in pp_rows}
    latest_rows = [
        {
            **{k: v for k, v in snap.items() if k not in ("id", "engagement_rate")},
            "published_at": published[snap["platform_post_id"]],
        }
        for snap in newest.values()
    ]
    for table, rows in (
        (Post, post_rows),
        (PlatformPost, pp_rows),
        (PostAnalytics, snap_rows),
        (PostMetricsLatest, latest_rows),
    ):
        for start in range(0, len(rows), 5000):
            conn.execute(insert(table), rows[start : start + 5000])
    return user_id


def measure(db: Any, workspace_id: uuid.UUID, range_name: str, runs: int) -> dict[str, float]:
    from socialflow.analytics import service

    timings, cpu = [], []
    for i in range(runs + 5):
        started, started_cpu = time.perf_counter(), time.process_time()
        with db.read_sessions() as session:
            answer = service.overview(session, workspace_id, "Europe/Berlin", range_name)
            body = answer.model_dump_json(by_alias=True)
            session.rollback()
        elapsed = (time.perf_counter() - started) * 1000
        if i >= 5:  # warm-up
            timings.append(elapsed)
            cpu.append((time.process_time() - started_cpu) * 1000)
    timings.sort()
    return {
        "p50": statistics.median(timings),
        "p95": timings[min(len(timings) - 1, int(len(timings) * 0.95))],
        "p99": timings[min(len(timings) - 1, int(len(timings) * 0.99))],
        "cpu": statistics.median(cpu),
        "bytes": len(body),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        ),
        help="a PostgreSQL server URL; a scratch database is created beside it",
    )
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--accounts", type=int, default=10)
    parser.add_argument("--write", action="store_true", help="update docs/PERFORMANCE.md")
    args = parser.parse_args()

    from socialflow.core import migrate
    from socialflow.core.config import Settings
    from socialflow.core.db import Database, make_engine
    from socialflow.core.runtime import settle_heap

    name = f"sf_bench_analytics_{os.getpid()}"
    admin(args.database_url, f'DROP DATABASE IF EXISTS "{name}"')
    admin(args.database_url, f'CREATE DATABASE "{name}"')
    url = args.database_url.rsplit("/", 1)[0] + f"/{name}"
    try:
        engine = make_engine(url)
        migrate.upgrade(engine)
        now = datetime.now(UTC)
        started = time.perf_counter()
        with engine.begin() as conn:
            workspace_id = seed_user(conn, now, args.posts, args.accounts)
            seed_user(conn, now, args.posts, args.accounts)  # the neighbour
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            # What autovacuum does on a live database; index-only scans need the visibility map.
            conn.exec_driver_sql("VACUUM ANALYZE")
            counts = {
                t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()  # noqa: S608
                for t in ("platform_posts", "post_analytics", "follower_snapshots")
            }
        print(f"seeded in {time.perf_counter() - started:.1f} s: {counts}")
        engine.dispose()
        settings = Settings(_env_file=None, database_url=url, secret_key=uuid.uuid4().hex)  # type: ignore[call-arg]
        db = Database(settings)
        settle_heap()  # what every API process does once started (socialflow/core/runtime.py)
        results = {r: measure(db, workspace_id, r, args.runs) for r in ("7d", "30d", "90d")}
        db.dispose()
    finally:
        admin(args.database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    lines = [
        "| range | p50 | p95 | p99 | app CPU per call, p50 | response |",
        "|---|---|---|---|---|---|",
    ]
    for range_name, r in results.items():
        lines.append(
            f"| {range_name} | {r['p50']:.1f} ms | {r['p95']:.1f} ms | {r['p99']:.1f} ms "
            f"| {r['cpu']:.1f} ms "
            f"| {r['bytes'] / 1024:.1f} KiB |"
        )
    load = os.getloadavg()[0]
    print("\n".join(lines))
    worst = max(r["p99"] for r in results.values())
    verdict = "meets" if worst < 100 else "MISSES"
    summary = (
        f"{args.posts:,} published platform posts over a year on {args.accounts} accounts, "
        f"{counts['post_analytics']:,} metric snapshots and {counts['follower_snapshots']:,} "
        "follower snapshots in the tables (half of it a neighbour's); "
        f"{args.runs} runs per range, each in its own read-only session, service call plus "
        f"JSON serialization; 1-minute load average {load:.1f} on {os.cpu_count()} CPUs at the "
        f"end. Worst p99 {worst:.1f} ms: {verdict} the 100 ms target. Sums, per-day counts (in "
        "the user's zone) and the top posts are computed in PostgreSQL from two date-range "
        "reads, no join: posts from the covering partial index on platform_posts, latest "
        "numbers from the post_metrics_latest rollup (migrations 0003-0005). The process "
        "freezes its startup heap out of the garbage collector as each API process does "
        "(socialflow/core/runtime.py); without that, a full collection (70-90 ms) landed on "
        "about 1 call in 100 and the 90d p99 was 100-112 ms on a quiet machine."
    )
    print(summary)
    if args.write:
        from bench.api_auth import write_section

        write_section(
            "analytics_overview",
            "Analytics overview (PostgreSQL)",
            lines,
            summary,
            "python bench/analytics_overview.py --write",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
