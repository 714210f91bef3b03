"""Proof: schemathesis against /api/openapi.json as an authenticated user, every operation.

Serves the real app (embedded job runner, sandbox platforms) on loopback, registers a user
through the API, connects a sandbox account through the consent flow, creates a post and a
media upload (and a library item once that domain has routes), then sends up to N positive
and N negative cases per operation, half of them aimed at those real ids. Checks: no 5xx,
status codes / content types / headers / bodies as documented. Prints the counts; with
--write updates docs/RELIABILITY.md.

    .venv/bin/python bench/schemathesis_run.py [--examples 100] [--postgres] [--write]
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._cluster import scratch_postgres  # noqa: E402
from socialflow.app import create_app  # noqa: E402
from socialflow.core.config import Settings  # noqa: E402
from socialflow.core.context import AppContext  # noqa: E402
from tests.fixtures.servers import free_port, serve_app  # noqa: E402
from tests.proof.fuzz import CHECK_NAMES, FuzzStats, fuzz, load_schema  # noqa: E402
from tests.proof.report import write_reliability  # noqa: E402
from tests.proof.world import build_world, refill  # noqa: E402


def run(examples: int, database_url: str | None, seed: int | None) -> FuzzStats:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        env="development",
        data_dir=Path(tempfile.mkdtemp(prefix="sf-fuzz-")),
        database_url=database_url,
        secret_key="fuzz-" + uuid.uuid4().hex,
        public_url=base,
        port=port,
        log_level="ERROR",
        redis_url=None,
    )
    ctx = AppContext.build(settings)
    with serve_app(create_app(ctx=ctx), port=port):
        world = build_world(ctx, base)
        http = httpx.Client(base_url=base, timeout=60)
        schema = load_schema(base)
        return fuzz(schema, world, examples, refill=lambda: refill(world, http), seed=seed)


def report(stats: FuzzStats, db: str, examples: int) -> list[str]:
    kinds = stats.by_kind()
    server_errors = sum(n for s, n in stats.statuses.items() if s >= 500)
    lines = [
        f"Database: {db}. Up to {examples} positive and {examples} negative cases per "
        f"operation; checks: {', '.join(f'`{c}`' for c in CHECK_NAMES)}.",
        "",
        "| figure | value |",
        "|---|---|",
        f"| operations | {len(stats.by_operation)} |",
        f"| generated cases sent | {stats.cases} |",
        f"| responses 5xx | {server_errors} |",
        f"| failures (all kinds) | {sum(kinds.values())} |",
        f"| run time | {stats.seconds:.0f} s |",
        "",
        "Responses by status: "
        + ", ".join(f"{s}: {n}" for s, n in sorted(stats.statuses.items()))
        + ".",
    ]
    if kinds:
        lines += ["", "| failure kind | operation | count |", "|---|---|---|"]
        lines += [f"| {k} | {op} | {n} |" for (k, op), n in sorted(stats.failures.items())]
    if stats.skipped:
        lines += ["", "Not generated: " + "; ".join(stats.skipped) + "."]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100, help="per operation and mode")
    parser.add_argument("--postgres", action="store_true", help="a scratch PostgreSQL database")
    parser.add_argument("--seed", type=int, default=None, help="derandomize hypothesis")
    parser.add_argument("--show", type=int, default=3, help="failure details to print")
    parser.add_argument("--write", action="store_true", help="update docs/RELIABILITY.md")
    args = parser.parse_args()
    with scratch_postgres() if args.postgres else contextlib.nullcontext(None) as url:
        stats = run(args.examples, url, args.seed)
    db = "PostgreSQL" if args.postgres else "SQLite (embedded)"
    lines = report(stats, db, args.examples)
    print("\n".join(lines))
    for (kind, op), detail in list(stats.examples.items())[: args.show]:
        print(f"\n--- {kind} on {op}\n{detail}")
    if args.write:
        flag = " --postgres" if args.postgres else ""
        write_reliability(
            "schemathesis" + ("_pg" if args.postgres else ""),
            f"Schemathesis, authenticated, every operation ({db})",
            lines,
            f"python bench/schemathesis_run.py --examples {args.examples}{flag} --write",
        )
    server_errors = sum(n for s, n in stats.statuses.items() if s >= 500)
    return 1 if stats.failures or server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
