"""Benchmark: the scheduler tick's cost with many future rows and 100 due, on PostgreSQL.

A scratch PostgreSQL database (created and dropped) is filled with generate_series: users,
accounts, posts, and N future `pending` platform_posts rows spread over 30 days, plus 100 rows
due now on X, Instagram, TikTok, LinkedIn and Facebook (so the per-account daily-cap check
runs; YouTube's app-wide cap of 6 a day would hold rows on every repetition, not the usual
path). One tick = recover_leases + claim_due + claim_processing + claim_unknown +
until_next_due, as
`socialflow scheduler` runs them (minus handing ids to the broker); the 100 due rows are made
due again between repetitions. Prints p50/p99 ms per tick for each size and
EXPLAIN (ANALYZE, BUFFERS) of the claim query.

    .venv/bin/python bench/scheduler_scale.py                 # 10,000 and 200,000 rows
    .venv/bin/python bench/scheduler_scale.py --full --write  # 10,000 and 1,000,000 rows
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _cluster as c
from sqlalchemy import Engine, select, text

from socialflow.core import migrate
from socialflow.core.clock import utcnow
from socialflow.core.context import AppContext
from socialflow.models import PlatformPost
from socialflow.models.posts import DUE_STATES
from socialflow.publishing import scheduler

DUE = 100
PLATFORMS = "ARRAY['twitter','instagram','tiktok','linkedin','facebook','youtube']"


def fill(engine: Engine, rows: int) -> float:
    """Users, accounts, posts and `rows` future platform posts (+ DUE due now); seconds."""
    started = time.perf_counter()
    accounts = max(100, rows // 100)
    posts = max(100, rows // 10)
    with engine.begin() as conn:
        conn.execute(
            text(f"""
            INSERT INTO users (id, email, password_hash, full_name)
            SELECT gen_random_uuid(), 'u' || g || '@scale.example', 'x', 'U' || g
            FROM generate_series(1, {max(10, accounts // 10)}) g;
            INSERT INTO workspaces (id, name, owner_id, personal)
            SELECT id, 'Personal', id, true FROM users;
            INSERT INTO workspace_members (workspace_id, user_id, role)
            SELECT id, id, 'owner' FROM users;
            CREATE TEMP TABLE u AS SELECT id, row_number() OVER () AS n FROM workspaces;
            INSERT INTO social_accounts
              (id, workspace_id, platform, platform_user_id, status, meta)
            SELECT gen_random_uuid(), u.id, ({PLATFORMS})[1 + g % 6], 'p' || g, 'active', '{{}}'
            FROM generate_series(1, {accounts}) g
            JOIN u ON u.n = 1 + g % (SELECT count(*) FROM u);
            CREATE TEMP TABLE a AS
              SELECT id, workspace_id, platform, row_number() OVER () AS n FROM social_accounts;
            INSERT INTO posts (id, workspace_id, content, status, scheduled_for,
                               media_ids, media_urls, media_types, platforms)
            SELECT gen_random_uuid(), a.workspace_id, 'post ' || g, 'scheduled',
                   now() + interval '1 hour' + random() * interval '30 days',
                   '[]', '[]', '[]', '[]'
            FROM generate_series(1, {posts}) g JOIN a ON a.n = 1 + g % {accounts};
            CREATE TEMP TABLE p AS SELECT id, workspace_id, row_number() OVER () AS n FROM posts;
            INSERT INTO platform_posts
              (id, post_id, workspace_id, social_account_id, platform, content, status, due_at,
               media_ids, media_urls, options)
            SELECT gen_random_uuid(), p.id, p.workspace_id, a.id, a.platform, 'text ' || g,
                   'pending', now() + interval '1 hour' + random() * interval '30 days',
                   '[]', '[]', '{{}}'
            FROM generate_series(1, {rows}) g
            JOIN p ON p.n = 1 + g % {posts}
            JOIN a ON a.n = 1 + g % {accounts};
            INSERT INTO platform_posts
              (id, post_id, workspace_id, social_account_id, platform, content, status, due_at,
               media_ids, media_urls, options)
            SELECT gen_random_uuid(), p.id, p.workspace_id, a.id, a.platform, 'due ' || g,
                   'pending', now() - interval '1 second', '[]', '[]', '{{}}'
            FROM generate_series(1, {DUE}) g
            JOIN p ON p.n = g
            JOIN (SELECT a.*, row_number() OVER () AS m FROM a WHERE platform <> 'youtube') a
              ON a.m = g;
            """)  # noqa: S608 - only integers computed here are interpolated
        )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
    return time.perf_counter() - started


def rearm(engine: Engine) -> None:
    """The 100 'due' rows back to pending and due (outside the timed part)."""
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE platform_posts SET status = 'pending', lease_expires_at = NULL, "
                "due_at = now() - interval '1 second' WHERE content LIKE 'due %'"
            )
        )


def tick(ctx: AppContext) -> None:
    scheduler.recover_leases(ctx)
    scheduler.claim_due(ctx)
    scheduler.claim_processing(ctx)
    scheduler.claim_unknown(ctx)
    scheduler.until_next_due(ctx)


def explain(engine: Engine, batch: int) -> str:
    """EXPLAIN (ANALYZE, BUFFERS) of claim_due's query, inside a rolled-back transaction."""
    stmt = (
        select(PlatformPost.id, PlatformPost.platform, PlatformPost.social_account_id)
        .where(PlatformPost.status.in_(DUE_STATES), PlatformPost.due_at <= utcnow())
        .order_by(PlatformPost.due_at)
        .limit(batch)
        .with_for_update(skip_locked=True)
    )
    sql = str(stmt.compile(engine, compile_kwargs={"literal_binds": True}))
    with engine.connect() as conn:
        plan = conn.execute(text("EXPLAIN (ANALYZE, BUFFERS) " + sql)).scalars().all()
        conn.rollback()
    return sql + "\n\n" + "\n".join(plan)


def measure(rows: int, reps: int) -> dict[str, Any]:
    with c.scratch_postgres() as url:
        data_dir = Path(tempfile.mkdtemp(prefix="sf-bench-scale-"))
        settings = c.bench_settings(data_dir, 8000, url)
        ctx = AppContext.build(settings)
        try:
            migrate.upgrade(ctx.db.engine)
            seconds = fill(ctx.db.engine, rows)
            for _ in range(5):  # warm the pool and caches
                rearm(ctx.db.engine)
                tick(ctx)
            times = []
            for _ in range(reps):
                rearm(ctx.db.engine)
                started = time.perf_counter()
                tick(ctx)
                times.append((time.perf_counter() - started) * 1000)
            idle = []
            for _ in range(reps):  # nothing due: the common case between spikes
                started = time.perf_counter()
                tick(ctx)
                idle.append((time.perf_counter() - started) * 1000)
            rearm(ctx.db.engine)
            plan = explain(ctx.db.engine, settings.claim_batch)
        finally:
            ctx.db.dispose()
    return {
        "rows": rows,
        "fill": seconds,
        "p50": c.pct(times, 50),
        "p99": c.pct(times, 99),
        "idle_p50": c.pct(idle, 50),
        "idle_p99": c.pct(idle, 99),
        "plan": plan,
        "batch": settings.claim_batch,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 200_000])
    parser.add_argument("--full", action="store_true", help="10,000 and 1,000,000 rows")
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--write", action="store_true", help="update docs/PERFORMANCE.md")
    args = parser.parse_args()
    sizes = [10_000, 1_000_000] if args.full else args.rows
    results = []
    for rows in sizes:
        print(f"== {rows:,} future rows + {DUE} due")
        r = measure(rows, args.reps)
        print(f"  filled in {r['fill']:.1f}s")
        results.append(r)
    lines = [
        f"| future rows | tick with {DUE} due: p50 ms | p99 ms | tick, nothing due: p50 ms "
        "| p99 ms |",
        "|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['rows']:,} | {r['p50']:.2f} | {r['p99']:.2f} | {r['idle_p50']:.2f} "
            f"| {r['idle_p99']:.2f} |"
        )
    biggest = results[-1]
    print("\n".join(lines))
    print(f"\nclaim query at {biggest['rows']:,} rows:\n{biggest['plan']}")
    uses_index = "ix_platform_posts_due" in biggest["plan"]
    print(f"\npartial index ix_platform_posts_due used: {uses_index}")
    if args.write:
        from api_auth import write_section

        summary = (
            f"One tick = recover_leases + claim_due (batch {biggest['batch']}, with the daily-cap "
            f"check) + claim_processing + claim_unknown + until_next_due (when to look again), "
            f"each its own transaction, as "
            f"`socialflow scheduler` runs them (without handing ids to the broker); {args.reps} "
            f"repetitions, the {DUE} due rows made due again before each. Target: < 20 ms per "
            f"tick, flat in the number of future rows. EXPLAIN (ANALYZE, BUFFERS) of the claim "
            f"query with {biggest['rows']:,} future rows:\n\n```\n{biggest['plan']}\n```"
        )
        write_section("scheduler_scale", "Scheduler tick cost at scale (PostgreSQL)", lines,
                      summary, "python bench/scheduler_scale.py --full --write")  # fmt: skip
    return 0 if uses_index else 1


if __name__ == "__main__":
    sys.exit(main())
