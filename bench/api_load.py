"""Benchmark: API load on loopback, 2 API processes, list-posts (page of 50) and me against a
bare endpoint served by the same processes, on PostgreSQL (scratch database) and SQLite.

Two measurements per database:
- saturation: wrk, 50 connections, each endpoint in turn: req/s, p50/p99, errors, ratio to bare;
- fixed rate: an open-loop paced load generator (asyncio streams; wrk2 is not in Debian) at
  200 req/s, latency counted from the moment each request was due (no coordinated omission):
  the target is p99 under 100 ms.

The user owns --posts posts (500), inserted directly; they are drafts, so no job runs.

    .venv/bin/python bench/api_load.py [--db both|sqlite|postgres] [--workers 2] [--seconds 10]
        [--connections 50] [--rate 200] [--rate-seconds 15] [--posts 500] [--profile] [--write]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._cluster import pct, scratch_postgres  # noqa: E402
from bench.api_auth import write_section, wrk  # noqa: E402

ENDPOINTS = {
    "bare FastAPI JSON": "/bench/bare",
    "GET /api/auth/me": "/api/auth/me",
    "GET /api/posts?limit=50": "/api/posts?limit=50",
}
TARGET_P99_MS = 100.0


class Server:
    """`uvicorn --workers N` on the app factory plus a bare route (bench/api_auth.py)."""

    def __init__(self, database_url: str | None, workers: int, port: int):
        self.data_dir = tempfile.mkdtemp(prefix="sf-load-")
        self.env = {**os.environ, "DATA_DIR": self.data_dir, "LOG_LEVEL": "WARNING"}
        self.env.pop("DATABASE_URL", None)
        self.env.pop("REDIS_URL", None)
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self.env["SECRET_KEY"] = "load-" + uuid.uuid4().hex
        self.workers, self.port = workers, port
        self.base = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        cli = [sys.executable, "-m", "socialflow.cli", "migrate"]
        subprocess.run(cli, env=self.env, check=True, capture_output=True)
        self.env["AUTO_MIGRATE"] = "false"
        args = [sys.executable, "-m", "uvicorn", "bench.api_auth:make_app", "--factory"]
        args += ["--host", "127.0.0.1", "--port", str(self.port), "--workers", str(self.workers)]
        args += ["--no-access-log", "--log-level", "warning", "--proxy-headers"]
        self.proc = subprocess.Popen(args, cwd=ROOT, env=self.env)
        for _ in range(200):
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{self.base}/healthz", timeout=1).status_code == 200:
                    return self
            time.sleep(0.1)
        raise RuntimeError("the API did not start")

    def __exit__(self, *exc: object) -> None:
        assert self.proc is not None
        self.proc.terminate()
        self.proc.wait(timeout=20)
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def worker_pids(self) -> list[int]:
        assert self.proc is not None
        out = subprocess.run(
            ["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True
        ).stdout
        # uvicorn's workers are spawned processes; skip multiprocessing's resource tracker.
        pids = [int(p) for p in out.split()]
        return [p for p in pids if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()]


def seed_posts(server: Server, database_url: str | None, n: int) -> dict[str, str]:
    """A user (through the API) with `n` draft posts (inserted in one transaction)."""
    from sqlalchemy import insert

    from socialflow.core.config import Settings
    from socialflow.core.db import Database
    from socialflow.models import Post

    email = f"load-{uuid.uuid4().hex[:8]}@example.com"
    r = httpx.post(
        f"{server.base}/api/auth/register",
        json={"email": email, "password": "load password 123", "full_name": "Load"},
    )
    r.raise_for_status()
    token, user_id = r.json()["access_token"], uuid.UUID(r.json()["user"]["id"])
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=Path(server.data_dir),
        database_url=database_url,
        secret_key=server.env["SECRET_KEY"],
    )
    db = Database(settings)
    with db.session() as s:
        rows = [
            {
                "id": uuid.uuid4(),
                "workspace_id": user_id,  # the user's personal workspace has their id
                "created_by": user_id,
                "title": f"Post {i}",
                "content": f"Load post {i}: " + "a realistic caption with a #hashtag " * 3,
                "status": "draft",
                "platforms": ["twitter", "linkedin"],
            }
            for i in range(n)
        ]
        s.execute(insert(Post), rows)
    db.dispose()
    headers = {"Authorization": f"Bearer {token}"}
    page = httpx.get(f"{server.base}/api/posts?limit=50", headers=headers).json()
    assert page["total"] == n and len(page["items"]) == 50, page
    return headers


async def paced(url: str, headers: dict[str, str], rate: float, seconds: float) -> dict[str, Any]:
    """Open loop: request k is due at start + k/rate whatever the earlier ones did; latency is
    measured from that due time, so a stall shows in the percentiles instead of hiding.

    A minimal HTTP/1.1 keep-alive client on asyncio streams: httpx's pool costs O(pending)
    per request and became the bottleneck at a few hundred requests in flight.
    """
    parts = urlsplit(url)
    head = f"GET {parts.path}{'?' + parts.query if parts.query else ''} HTTP/1.1\r\n"
    head += f"Host: {parts.netloc}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    request = (head + "\r\n").encode()
    total = int(rate * seconds)
    latencies: list[float] = []
    errors = 0
    idle: asyncio.Queue[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = asyncio.Queue()
    for _ in range(64):
        idle.put_nowait(await asyncio.open_connection(parts.hostname, parts.port))
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.2

    async def one(k: int) -> None:
        nonlocal errors
        due = start + k / rate
        await asyncio.sleep(max(0.0, due - loop.time()))
        reader, writer = await idle.get()  # waiting for a free connection counts as latency
        try:
            writer.write(request)
            status_line = await reader.readline()
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("latin-1").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            await reader.readexactly(length)
            if status_line.split()[1] != b"200":
                errors += 1
            idle.put_nowait((reader, writer))
        except (OSError, asyncio.IncompleteReadError, IndexError):
            errors += 1
            writer.close()
            idle.put_nowait(await asyncio.open_connection(parts.hostname, parts.port))
        latencies.append((loop.time() - due) * 1000)

    began = time.perf_counter()
    await asyncio.gather(*(one(k) for k in range(total)))
    elapsed = time.perf_counter() - began
    while not idle.empty():
        idle.get_nowait()[1].close()
    return {
        "sent": total,
        "achieved": total / elapsed,
        "p50": pct(latencies, 50),
        "p99": pct(latencies, 99),
        "max": max(latencies),
        "errors": errors,
    }


def profile(server: Server, url: str, headers: dict[str, str], seconds: int) -> str:
    """py-spy on one API worker while wrk drives `url`; returns the top of the profile."""
    pid = server.worker_pids()[0]
    out = Path(tempfile.mkdtemp()) / "profile.txt"
    spy = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("py-spy")),
            "record",
            "-p",
            str(pid),
            "-d",
            str(seconds),
            "-f",
            "raw",
            "-o",
            str(out),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wrk(url, seconds, 50, headers)
    spy.wait(timeout=seconds + 30)
    return summarize_profile(out)


def summarize_profile(path: Path, top: int = 15) -> str:
    """Self and total time per function from py-spy's collapsed stacks."""
    from collections import Counter

    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    samples = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        n = int(count)
        frames = stack.split(";")
        samples += n
        own[frames[-1]] += n
        for frame in set(frames):
            inclusive[frame] += n
    lines = [f"{samples} samples; by total time (function incl. callees):"]
    for frame, n in inclusive.most_common(top * 3):
        if "socialflow" in frame or "sqlalchemy" in frame or "pydantic" in frame:
            lines.append(f"  {100 * n / samples:5.1f}%  {frame}")
    lines.append("by own time:")
    lines += [f"  {100 * n / samples:5.1f}%  {f}" for f, n in own.most_common(top)]
    return "\n".join(lines)


def run_db(args: argparse.Namespace, database_url: str | None) -> dict[str, Any]:
    with Server(database_url, args.workers, args.port) as server:
        headers = seed_posts(server, database_url, args.posts)
        base = server.base
        wrk(f"{base}/bench/bare", 2, args.connections, {})  # warm-up of every route
        wrk(f"{base}/api/posts?limit=50", 2, args.connections, headers)
        sat = {}
        for name, path in ENDPOINTS.items():
            h = headers if path.startswith("/api") else {}
            sat[name] = wrk(f"{base}{path}", args.seconds, args.connections, h)
        fixed = {}
        for name, path in list(ENDPOINTS.items())[1:]:
            fixed[name] = asyncio.run(paced(f"{base}{path}", headers, args.rate, args.rate_seconds))
        prof = (
            profile(server, f"{base}/api/posts?limit=50", headers, args.seconds)
            if args.profile
            else ""
        )
    return {"sat": sat, "fixed": fixed, "profile": prof}


def tables(db: str, result: dict[str, Any], args: argparse.Namespace) -> list[str]:
    bare = result["sat"]["bare FastAPI JSON"]["rps"]
    lines = [
        f"**{db}**, wrk -t2 -c{args.connections} -d{args.seconds}s:",
        "",
        "| endpoint | req/s | p50 ms | p99 ms | non-2xx | socket errors | ratio to bare |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, r in result["sat"].items():
        lines.append(
            f"| {name} | {r['rps']:.0f} | {r['p50']:.2f} | {r['p99']:.2f} | {r['non2xx']:.0f} "
            f"| {'yes' if r['socket_errors'] else 0} | {r['rps'] / bare:.2f} |"
        )
    lines += [
        "",
        f"**{db}**, fixed rate {args.rate:.0f} req/s for {args.rate_seconds:.0f} s (open loop):",
        "",
        "| endpoint | sent | achieved req/s | p50 ms | p99 ms | max ms | errors | p99 < 100 ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, r in result["fixed"].items():
        ok = "yes" if r["p99"] < TARGET_P99_MS and not r["errors"] else "**no**"
        lines.append(
            f"| {name} | {r['sent']} | {r['achieved']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} "
            f"| {r['max']:.1f} | {r['errors']} | {ok} |"
        )
    return [*lines, ""]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("both", "sqlite", "postgres"), default="both")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--rate-seconds", type=float, default=15.0)
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--profile", action="store_true", help="py-spy on list-posts")
    parser.add_argument("--write", action="store_true", help="update docs/PERFORMANCE.md")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is needed: apt-get install wrk", file=sys.stderr)
        return 2
    lines: list[str] = []
    worst = 0.0
    load_before = os.getloadavg()[0]  # the machine is shared: say how busy it was
    for db in ("postgres", "sqlite") if args.db == "both" else (args.db,):
        with scratch_postgres() if db == "postgres" else contextlib.nullcontext(None) as url:
            result = run_db(args, url)
        name = "PostgreSQL" if db == "postgres" else "SQLite (embedded)"
        lines += tables(name, result, args)
        worst = max([worst] + [r["p99"] for r in result["fixed"].values()])
        if result["profile"]:
            print(f"--- py-spy, list-posts on {name}\n{result['profile']}")
    summary = (
        f"uvicorn --workers {args.workers} (uvloop, httptools), a user with {args.posts} posts, "
        f"load generators on the same 2-core machine (1-minute load average {load_before:.1f} "
        f"before the run, from other work). Worst fixed-rate p99: **{worst:.1f} ms** "
        f"(target < {TARGET_P99_MS:.0f} ms at {args.rate:.0f} req/s)."
    )
    print("\n".join(lines))
    print(summary)
    if args.write:
        write_section(
            "api_load",
            "API load: list-posts and me against a bare endpoint, 2 API processes",
            lines,
            summary,
            "python bench/api_load.py --write",
        )
    return 0 if worst < TARGET_P99_MS else 1


if __name__ == "__main__":
    sys.exit(main())
