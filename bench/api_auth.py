"""Benchmark: GET /api/auth/me with a valid token vs a bare FastAPI JSON endpoint, same run.

Serves the app the way production does (uvicorn with uvloop/httptools, N worker processes),
drives it with wrk on loopback, prints req/s and p50/p99 latency, and with --write updates
docs/PERFORMANCE.md. Needs wrk (`apt-get install wrk`).

    .venv/bin/python bench/api_auth.py [--workers 2] [--seconds 10] [--connections 50] [--write]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def make_app() -> Any:
    """The real app plus one bare endpoint, so both are measured in the same server."""
    from socialflow.app import create_app

    app = create_app()

    @app.get("/bench/bare")
    async def bare() -> dict[str, str]:
        return {"status": "ok"}

    app.router.routes.insert(0, app.router.routes.pop())  # ahead of the dashboard catch-all
    return app


def wrk(url: str, seconds: int, connections: int, headers: dict[str, str]) -> dict[str, float]:
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]

    def pct(p: str) -> float:
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        assert m, out
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": rps,
        "p50": pct("50"),
        "p99": pct("99"),
        "non2xx": float(errors.group(1)) if errors else 0.0,
        "socket_errors": 1.0 if socket_errors else 0.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temp dir")
    parser.add_argument("--write", action="store_true", help="update docs/PERFORMANCE.md")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is needed: apt-get install wrk", file=sys.stderr)
        return 2

    data_dir = tempfile.mkdtemp(prefix="sf-bench-")
    env = {**os.environ, "DATA_DIR": data_dir, "PORT": str(args.port), "LOG_LEVEL": "WARNING"}
    env.pop("DATABASE_URL", None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    subprocess.run(
        [sys.executable, "-m", "socialflow.cli", "migrate"],
        env=env,
        check=True,
        capture_output=True,
    )
    env["AUTO_MIGRATE"] = "false"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "bench.api_auth:make_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(args.port),
            "--workers",
            str(args.workers),
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        r = httpx.post(
            f"{base}/api/auth/register",
            json={
                "email": "bench@example.com",
                "password": "bench password 123",
                "full_name": "Bench",
            },
        )
        r.raise_for_status()
        headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
        assert httpx.get(f"{base}/api/auth/me", headers=headers).status_code == 200
        wrk(f"{base}/bench/bare", 2, args.connections, {})  # warm-up
        bare = wrk(f"{base}/bench/bare", args.seconds, args.connections, {})
        me = wrk(f"{base}/api/auth/me", args.seconds, args.connections, headers)
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(data_dir, ignore_errors=True)

    ratio = me["rps"] / bare["rps"]
    db = "PostgreSQL" if args.database_url else "SQLite"

    def row(name: str, r: dict[str, float]) -> str:
        return f"| {name} | {r['rps']:.0f} | {r['p50']:.2f} | {r['p99']:.2f} | {r['non2xx']:.0f} |"

    lines = [
        "| endpoint | req/s | p50 ms | p99 ms | non-2xx |",
        "|---|---|---|---|---|",
        row("bare FastAPI JSON", bare),
        row("GET /api/auth/me", me),
    ]
    summary = (
        f"uvicorn, {args.workers} workers, {db}, wrk -t2 -c{args.connections} -d{args.seconds}s "
        f"on loopback; me/bare throughput ratio **{ratio:.2f}** (target >= 0.50); "
        f"1-minute load average {os.getloadavg()[0]:.1f} on 2 cores during the run"
    )
    print("\n".join(lines))
    print(summary)
    if args.write:
        write_section(
            "api_auth",
            "Authenticated `me` vs a bare endpoint",
            lines,
            summary,
            "python bench/api_auth.py --write",
        )
    return 0


def write_section(key: str, title: str, lines: list[str], summary: str, command: str) -> None:
    """Replace (or add) this benchmark's section in docs/PERFORMANCE.md."""
    path = ROOT / "docs" / "PERFORMANCE.md"
    text = (
        path.read_text()
        if path.exists()
        else (
            "# Performance\n\nFigures from the benchmarks in `bench/`, each runnable alone. "
            "Machine: 2 cores, 24 GiB.\n"
        )
    )
    body = (
        f"<!-- bench:{key} -->\n## {title}\n\n`{command}` ({time.strftime('%Y-%m-%d')})\n\n"
        + "\n".join(lines)
        + f"\n\n{summary}\n<!-- /bench:{key} -->"
    )
    pattern = re.compile(rf"<!-- bench:{key} -->.*?<!-- /bench:{key} -->", re.S)
    text = pattern.sub(body, text) if pattern.search(text) else text.rstrip() + "\n\n" + body + "\n"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)


if __name__ == "__main__":
    sys.exit(main())
