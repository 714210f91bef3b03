"""Shared helpers of the engine benchmarks: scratch databases, the app and sandbox on loopback,
fast seeding from real OAuth grants, worker/scheduler processes, and result collection.

Not a benchmark itself (`make bench` runs it and it does nothing).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select, update  # noqa: E402

from socialflow.core.clock import as_utc, utcnow  # noqa: E402
from socialflow.core.config import Settings  # noqa: E402
from socialflow.core.context import AppContext  # noqa: E402
from socialflow.models import (  # noqa: E402
    PlatformPost,
    Post,
    SocialAccount,
    User,
    Workspace,
    WorkspaceMember,
)
from socialflow.models.workspaces import PERSONAL_NAME  # noqa: E402

PG_ADMIN = os.environ.get("BENCH_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
# Text platforms publish without media; five targets per user, two personas on X and LinkedIn.
TEXT_MIX = ("twitter", "linkedin", "facebook", "twitter", "linkedin")
FINAL = ("published", "failed", "unknown")
FAR = datetime(2099, 1, 1, tzinfo=UTC)


# ------------------------------------------------------------------ databases


@contextmanager
def scratch_postgres(admin: str = PG_ADMIN) -> Iterator[str]:
    """A fresh PostgreSQL database for one run (on the server of `admin`, a plain
    postgresql:// URL), dropped afterwards."""
    import psycopg

    name = f"sf_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + (
            f"/{name}"
        )
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def bench_settings(data_dir: Path, port: int, database_url: str | None, **extra: Any) -> Settings:
    """Settings for the app and sandbox this run serves on loopback."""
    values: dict[str, Any] = {
        "env": "development",
        "data_dir": data_dir,
        "database_url": database_url,
        "secret_key": "bench-" + uuid.uuid4().hex,
        "public_url": f"http://127.0.0.1:{port}",
        "port": port,
        "log_level": "WARNING",
        "redis_url": None,
        "sandbox_latency_ms": 50,
        **extra,
    }
    return Settings(**values)


def free_port() -> int:
    from tests.fixtures.servers import free_port as _free

    return _free()


# ------------------------------------------------------------------ sandbox


def raise_sandbox_limits(ctx: AppContext) -> dict[str, Any]:
    """Lift the emulators' per-persona post limits so a persona shared by many bench users is
    not throttled (real accounts are one per person). Returns what was changed."""
    from socialflow.sandbox import linkedin, twitter

    store = ctx.extras["sandbox_app"].state.store
    changes = {
        "twitter:config": {"post_per_15min": 100_000, "app_post_cap_24h": 1_000_000,
                           "user_post_cap_24h": 100_000},
        "linkedin:config": {"member_daily_posts": 100_000},
    }  # fmt: skip
    twitter.config(store).update(changes["twitter:config"])
    linkedin.config(store).update(changes["linkedin:config"])
    return changes


def sandbox_records(http: httpx.Client) -> list[dict[str, Any]]:
    r = http.get("/sandbox/_admin/published", timeout=120)
    r.raise_for_status()
    records: list[dict[str, Any]] = r.json()
    return records


# ------------------------------------------------------------------ seeding


@dataclass
class Seed:
    tag: str
    post_ids: list[uuid.UUID] = field(default_factory=list)
    rows: int = 0
    seconds: float = 0.0
    personas: int = 0


def connect_personas(
    ctx: AppContext, base_url: str, count: int, platforms: tuple[str, ...]
) -> list[dict[str, SocialAccount]]:
    """`count` seed users, each connecting one sandbox persona per platform through the real
    consent flow; returns the connected account rows (tokens encrypted as stored)."""
    from tests.fixtures.oauth import connected_id, consent

    def one(k: int) -> dict[str, SocialAccount]:
        with httpx.Client(base_url=base_url, timeout=60) as http:
            email = f"seed{k}-{uuid.uuid4().hex[:6]}@bench.example"
            r = http.post(
                "/api/auth/register",
                json={"email": email, "password": "correct horse battery", "full_name": "Seed"},
            )
            r.raise_for_status()
            token = r.json()["access_token"]
        with ctx.db.session() as s:  # the plan allows enough account slots
            s.execute(
                update(Workspace)
                .where(
                    Workspace.owner_id
                    == select(User.id).where(User.email == email).scalar_subquery()
                )
                .values(subscription_tier="business", subscription_status="active")
            )
        got: dict[str, SocialAccount] = {}
        for platform in sorted(set(platforms)):
            final = consent(base_url, token, platform, f"{platform[:2]}_bench_{k}")
            account_id = uuid.UUID(connected_id(final))
            with ctx.db.read_sessions() as s:
                row = s.get(SocialAccount, account_id)
                assert row is not None
                s.expunge(row)
            got[platform] = row
        return got

    with ThreadPoolExecutor(max_workers=8) as pool:
        out = list(pool.map(one, range(count)))
    return out


ACCOUNT_COPY = (
    "platform", "platform_user_id", "platform_username", "platform_display_name",
    "access_token", "refresh_token", "token_extra", "token_expires_at", "refresh_expires_at",
    "scopes", "status", "meta",
)  # fmt: skip


def seed(
    ctx: AppContext,
    base_url: str,
    users: int,
    mix: tuple[str, ...] = TEXT_MIX,
    personas: int | None = None,
    tag: str | None = None,
) -> Seed:
    """`users` users with len(mix) accounts each and one scheduled post to all of them, held
    at a far-future due time until `arm` sets the instant. Accounts reuse grants obtained
    through the real OAuth flow for a pool of personas (copied encrypted, as stored)."""
    started = time.perf_counter()
    tag = tag or uuid.uuid4().hex[:6]
    personas = personas or max(len(mix), min(50, users // 40))
    pool = connect_personas(ctx, base_url, personas, mix)
    password_hash = "bench-user-cannot-log-in"  # noqa: S105 - not a hash: no login
    now = utcnow()
    result = Seed(tag=tag, personas=personas)
    chunk = 500
    for start in range(0, users, chunk):
        u_rows, w_rows, m_rows, a_rows, p_rows, pp_rows = [], [], [], [], [], []
        for i in range(start, min(users, start + chunk)):
            uid = uuid.uuid4()  # also the id of the user's personal workspace
            u_rows.append({
                "id": uid, "email": f"u{i}-{tag}@bench.example", "password_hash": password_hash,
                "full_name": f"Bench {i}",
            })  # fmt: skip
            w_rows.append({
                "id": uid, "name": PERSONAL_NAME, "owner_id": uid, "personal": True,
                "subscription_tier": "business", "subscription_status": "active",
                "usage_period_start": now,
            })  # fmt: skip
            m_rows.append({"workspace_id": uid, "user_id": uid, "role": "owner"})
            post_id = uuid.uuid4()
            text = f"Spike {tag} user {i}: the launch is live, see you there"
            p_rows.append({
                "id": post_id, "workspace_id": uid, "created_by": uid, "content": text,
                "status": "scheduled", "platforms": sorted(set(mix)), "scheduled_for": FAR,
            })  # fmt: skip
            for j, platform in enumerate(mix):
                template = pool[(i + j) % personas][platform]
                account_id = uuid.uuid4()
                a_rows.append({
                    "id": account_id, "workspace_id": uid,
                    **{c: getattr(template, c) for c in ACCOUNT_COPY},
                    # Synced today, as in steady state: else the scheduler's daily follower
                    # sync enqueues one job per account into the queue the spike uses.
                    "last_synced_at": now,
                })  # fmt: skip
                pp_rows.append({
                    "id": uuid.uuid4(), "post_id": post_id, "workspace_id": uid,
                    "social_account_id": account_id, "platform": platform,
                    "content": f"{text} (slot {j})", "status": "pending", "due_at": FAR,
                })  # fmt: skip
            result.post_ids.append(post_id)
        with ctx.db.session() as s:
            s.execute(insert(User), u_rows)
            s.execute(insert(Workspace), w_rows)
            s.execute(insert(WorkspaceMember), m_rows)
            s.execute(insert(SocialAccount), a_rows)
            s.execute(insert(Post), p_rows)
            s.execute(insert(PlatformPost), pp_rows)
        result.rows += len(pp_rows)
    result.seconds = time.perf_counter() - started
    return result


def arm(ctx: AppContext, post_ids: list[uuid.UUID], at: datetime) -> None:
    """Make every row of these posts due at the same instant."""
    with ctx.db.session() as s:
        for start in range(0, len(post_ids), 1000):
            part = post_ids[start : start + 1000]
            s.execute(
                update(PlatformPost)
                .where(PlatformPost.post_id.in_(part))
                .values(due_at=at)
                .execution_options(synchronize_session=False)
            )
            s.execute(
                update(Post)
                .where(Post.id.in_(part))
                .values(scheduled_for=at)
                .execution_options(synchronize_session=False)
            )


def wait_final(
    ctx: AppContext,
    post_ids: list[uuid.UUID],
    timeout: float,
    check: Any = None,
    whole_table: bool = False,
) -> Counter[str]:
    """Poll until every row of these posts is final (or the timeout); the status counts.

    `whole_table`: the database holds only this run's posts, so poll with one cheap count
    of unfinished rows instead of a status count over thousands of ids (compiling and
    planning those IN lists twice a second took CPU from the system being measured).
    """
    deadline = time.monotonic() + timeout
    counts: Counter[str] = Counter()
    while time.monotonic() < deadline:
        if check is not None:
            check()
        if whole_table and unfinished(ctx):
            time.sleep(0.5)
            continue
        counts = status_counts(ctx, post_ids)
        if counts and all(s in FINAL for s in counts):
            break
        time.sleep(0.5)
    return counts


def unfinished(ctx: AppContext) -> int:
    with ctx.db.read_sessions() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(PlatformPost)
                .where(PlatformPost.status.not_in(FINAL))
            )
            or 0
        )


def status_counts(ctx: AppContext, post_ids: list[uuid.UUID]) -> Counter[str]:
    counts: Counter[str] = Counter()
    with ctx.db.read_sessions() as s:
        for start in range(0, len(post_ids), 5000):
            part = post_ids[start : start + 5000]
            for status, n in s.execute(
                select(PlatformPost.status, func.count())
                .where(PlatformPost.post_id.in_(part))
                .group_by(PlatformPost.status)
            ):
                counts[status] += n
    return counts


def published_times(ctx: AppContext, post_ids: list[uuid.UUID]) -> list[datetime]:
    out: list[datetime] = []
    with ctx.db.read_sessions() as s:
        for start in range(0, len(post_ids), 5000):
            part = post_ids[start : start + 5000]
            out += [
                as_utc(t)
                for t in s.scalars(
                    select(PlatformPost.published_at).where(
                        PlatformPost.post_id.in_(part), PlatformPost.status == "published"
                    )
                )
            ]
    return out


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def lateness_report(times: list[datetime], due: datetime) -> dict[str, float]:
    late = [(t - due).total_seconds() for t in times]
    span = max(late) if late else float("nan")
    return {
        "p50": pct(late, 50),
        "p99": pct(late, 99),
        "max": span,
        "mean": statistics.fmean(late) if late else float("nan"),
        "throughput": len(late) / span if late and span > 0 else float("nan"),
    }


def duplicates(records: list[dict[str, Any]], tag: str) -> tuple[int, int]:
    """(texts of this run recorded more than once, records of this run) at the sandbox."""
    mine = Counter((r["platform"], r["text"]) for r in records if tag in r["text"])
    return sum(1 for n in mine.values() if n > 1), sum(mine.values())


# ------------------------------------------------------------------ CPU accounting


def _proc_cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    # utime, stime, cutime, cstime (children: prefork pools reaped by their parent)
    ticks = sum(int(x) for x in fields[11:15])
    return ticks / os.sysconf("SC_CLK_TCK")


def _pids_named(name: str) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == name:
                    out.append(int(entry.name))
            except OSError:
                pass
    return out


def _descendants(pid: int) -> list[int]:
    kids: list[int] = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid == pid:
                kids.append(int(entry.name))
    return kids + [g for k in kids for g in _descendants(k)]


class CpuMeter:
    """CPU seconds spent by groups of processes between `start()` and `stop()`."""

    def __init__(self, groups: dict[str, Any]):
        self.groups = groups  # name -> callable returning pids
        self.before: dict[str, dict[int, float]] = {}

    def _sample(self) -> dict[str, dict[int, float]]:
        return {name: {pid: _proc_cpu(pid) for pid in pids()} for name, pids in self.groups.items()}

    def start(self) -> None:
        self.before = self._sample()

    def stop(self) -> dict[str, float]:
        after = self._sample()
        out = {}
        for name, pids in after.items():
            out[name] = sum(v - self.before.get(name, {}).get(pid, 0.0) for pid, v in pids.items())
        return out


def postgres_pids() -> list[int]:
    return _pids_named("postgres")


def redis_pids() -> list[int]:
    return _pids_named("redis-server")


# ------------------------------------------------------------------ worker processes


class Topology:
    """`socialflow worker` and `socialflow scheduler` processes against this run's database,
    Redis queue and app (which serves the sandbox)."""

    def __init__(self, settings: Settings, log_dir: Path | None = None):
        self.log_dir = log_dir or Path(tempfile.mkdtemp(prefix="sf-bench-logs-"))
        self.env = {
            **os.environ,
            "DATABASE_URL": settings.sqlalchemy_url,
            "REDIS_URL": settings.redis_url or REDIS_URL,
            "CELERY_QUEUE": settings.celery_queue,
            "SECRET_KEY": settings.signing_key,
            "PUBLIC_URL": settings.base_url,
            "DATA_DIR": str(settings.data_dir),
            "AUTO_MIGRATE": "false",
            "LOG_LEVEL": "WARNING",
            "CLAIM_BATCH": str(settings.claim_batch),
        }
        self.procs: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        log = (self.log_dir / f"{name}.log").open("ab")
        proc = subprocess.Popen(
            [sys.executable, "-m", "socialflow.cli", *args],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.procs[name] = proc
        return proc

    def workers(self, count: int, concurrency: int, pool: str) -> None:
        for n in range(count):
            self.start(
                f"worker{n}",
                "worker",
                "--concurrency",
                str(concurrency),
                "--pool",
                pool,
                "--hostname",
                f"bench{n}-{uuid.uuid4().hex[:6]}@%h",
            )

    def scheduler(self) -> None:
        self.start("scheduler", "scheduler")

    def pids(self, prefix: str) -> list[int]:
        top = [p.pid for n, p in self.procs.items() if n.startswith(prefix)]
        return top  # _proc_cpu counts reaped children; live prefork children added below

    def all_pids(self, prefix: str) -> list[int]:
        top = self.pids(prefix)
        return top + [d for pid in top for d in _descendants(pid)]

    def check_alive(self) -> None:
        for name, proc in self.procs.items():
            if proc.poll() is not None:
                tail = (self.log_dir / f"{name}.log").read_text()[-2000:]
                raise RuntimeError(f"{name} exited with {proc.returncode}:\n{tail}")

    def stop(self) -> None:
        for proc in self.procs.values():
            proc.terminate()
        for proc in self.procs.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.procs.clear()


def purge_queue(redis_url: str, queue: str) -> None:
    import redis

    from socialflow.jobs.celery import worker_queues

    client = redis.Redis.from_url(redis_url)
    client.delete(*worker_queues(queue))
    client.close()


def utc_in(seconds: float) -> datetime:
    return utcnow() + timedelta(seconds=seconds)


if __name__ == "__main__":
    print("bench/_cluster.py holds helpers for the engine benchmarks; nothing to run.")
