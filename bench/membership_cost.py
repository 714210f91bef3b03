"""Benchmark: what the workspace membership check costs each authenticated request.

Every request's caller is read by one prepared statement on the event loop
(`core/identity.py`); since workspaces it also joins the caller's personal workspace (the plan
`me` reports) and their membership of the workspace the request acts in. This times that
lookup against the users-only statement it replaced, in one process, alternating the two, on
SQLite and on a scratch PostgreSQL database: the difference is the per-request cost.

    .venv/bin/python bench/membership_cost.py [--db both|sqlite|postgres] [--calls 5000] [--write]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy.orm import Session  # noqa: E402

from bench._cluster import scratch_postgres  # noqa: E402
from bench.api_auth import write_section  # noqa: E402
from socialflow.core import migrate  # noqa: E402
from socialflow.core.clock import utcnow  # noqa: E402
from socialflow.core.db import make_engine  # noqa: E402
from socialflow.core.identity import UserLookup  # noqa: E402
from socialflow.models import User  # noqa: E402
from socialflow.models.workspaces import Workspace, WorkspaceMember, add_personal_workspace  # noqa: E402

# The statement before workspaces: the user row alone.
OLD = (
    "SELECT id, email, full_name, email_verified, timezone, brand_voice, is_admin, created_at, "
    "token_version FROM users WHERE id = "
)


def seed(url: str, members: int) -> tuple[uuid.UUID, uuid.UUID]:
    """A user with a personal workspace and a team workspace of `members` members."""
    engine = make_engine(url)
    migrate.upgrade(engine)
    now = utcnow()
    with Session(engine) as s:
        users = [
            User(email=f"m{i}@example.com", password_hash="!")  # noqa: S106 - never logs in
            for i in range(members)
        ]
        s.add_all(users)
        s.flush()
        for u in users:
            add_personal_workspace(s, u.id, now)
        team = Workspace(name="Team", owner_id=users[0].id)
        s.add(team)
        s.flush()
        for i, u in enumerate(users):
            s.add(
                WorkspaceMember(
                    workspace_id=team.id, user_id=u.id, role="owner" if i == 0 else "editor"
                )
            )
        s.commit()
        me, space = users[-1].id, team.id
    engine.dispose()
    return me, space


async def timed(
    lookup: UserLookup, me: uuid.UUID, space: uuid.UUID, calls: int
) -> dict[str, list[float]]:
    sqlite = lookup.dialect == "sqlite"
    out: dict[str, list[float]] = {"users only (before)": [], "with membership (now)": []}

    async def old() -> None:
        if sqlite:
            lookup._sqlite().execute(OLD + "?", (me.hex,)).fetchone()
        else:
            pool = await lookup._pg_pool()
            async with pool.connection() as conn:
                cur = await conn.execute(OLD + "%s", (me,), prepare=True)
                await cur.fetchone()

    async def new() -> None:
        found = await lookup.identify(me, space)
        assert found is not None and found[1] is not None

    for _ in range(200):  # warm up: connections, prepared statements
        await old()
        await new()
    for _ in range(calls):
        for name, call in (("users only (before)", old), ("with membership (now)", new)):
            t = time.perf_counter()
            await call()
            out[name].append((time.perf_counter() - t) * 1e6)
    await lookup.dispose()
    return out


def run(url: str, calls: int, members: int) -> dict[str, list[float]]:
    me, space = seed(url, members)
    engine = make_engine(url)
    try:
        return asyncio.run(timed(UserLookup(engine), me, space, calls))
    finally:
        engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("both", "sqlite", "postgres"), default="both")
    parser.add_argument("--calls", type=int, default=5000)
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    lines = ["| database | lookup | p50 µs | p99 µs | mean µs |", "|---|---|---|---|---|"]
    costs = []
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    for db in dbs:
        if db == "sqlite":
            with tempfile.TemporaryDirectory() as tmp:
                result = run(f"sqlite:///{tmp}/bench.db", args.calls, args.members)
        else:
            with scratch_postgres() as url:
                result = run(url, args.calls, args.members)
        means = {}
        for name, samples in result.items():
            q = statistics.quantiles(samples, n=100)
            means[name] = statistics.fmean(samples)
            lines.append(f"| {db} | {name} | {q[49]:.0f} | {q[98]:.0f} | {means[name]:.0f} |")
        cost = means["with membership (now)"] - means["users only (before)"]
        costs.append(f"{db} {cost:+.0f} µs")
    summary = (
        f"{args.calls} alternating calls each, a team of {args.members} members. Cost of the "
        f"membership check per request (mean difference): **{', '.join(costs)}** (an upper "
        "bound: the timed new lookup also decodes its row into the caller, the old statement "
        "here does not). Run on the 2-core machine while other test suites ran (load average "
        "~12): PostgreSQL's tail is the machine's, not the query's."
    )
    print("\n".join(lines))
    print(summary)
    if args.write:
        write_section(
            "membership_cost",
            "Workspace membership check per request",
            lines,
            summary,
            "python bench/membership_cost.py --write",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
