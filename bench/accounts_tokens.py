"""Benchmark: the OAuth connect round trip and the token service, against the built-in sandbox.

Serves the real app (sandbox mounted) on a loopback port and measures: a full re-connect through
the consent page (connect -> consent -> approve -> callback -> dashboard redirect); the cost
`call_with_fresh_tokens` adds to a call when the token is valid (load + decrypt); and N
concurrent callers hitting an access token the platform says is expired (wall time, and how many
refreshes reached the platform: must be 1). With --write updates docs/PERFORMANCE.md.

    .venv/bin/python bench/accounts_tokens.py [--rounds 20] [--callers 50] [--write]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx
import uvicorn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def serve(app: Any, port: int) -> uvicorn.Server:
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.01)
    return server


def consent(client: httpx.Client, headers: dict[str, str], body: dict[str, Any]) -> str:
    """One connect through the emulator's consent form; returns the connected account id."""
    import re

    auth_url = client.post("/api/social-accounts/connect", json=body, headers=headers).json()[
        "authorization_url"
    ]
    page = client.get(auth_url)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text))
    fields = {k: v.replace("&amp;", "&") for k, v in fields.items()}
    fields.update(username="bench_creator", decision="approve")
    action = re.search(r'<form method="post" action="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    answer = client.post(urljoin(str(page.url), action), data=fields)
    landed = client.get(answer.headers["location"])
    return parse_qs(urlsplit(landed.headers["location"]).query)["connected"][0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--callers", type=int, default=50)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temp dir")
    parser.add_argument("--write", action="store_true", help="update docs/PERFORMANCE.md")
    args = parser.parse_args()

    from socialflow.accounts.tokens import call_with_fresh_tokens, store_tokens, tokens_for
    from socialflow.app import create_app
    from socialflow.core.config import Settings
    from socialflow.core.context import AppContext
    from socialflow.models import SocialAccount
    from socialflow.platforms.registry import get_connector
    from socialflow.sandbox.app import create_sandbox_app

    base = f"http://127.0.0.1:{args.port}"
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=Path(tempfile.mkdtemp(prefix="sf-bench-")),
        database_url=args.database_url,
        public_url=base,
        log_level="WARNING",
    )
    ctx = AppContext.build(settings)
    hits: Counter[str] = Counter()
    sandbox = create_sandbox_app(settings)

    @sandbox.middleware("http")
    async def count(request: Any, call_next: Any) -> Any:
        hits[f"{request.method} {request.url.path}"] += 1
        return await call_next(request)

    ctx.extras["sandbox_app"] = sandbox
    server = serve(create_app(ctx=ctx), args.port)
    client = httpx.Client(base_url=base, timeout=30)
    email = f"bench-{uuid.uuid4().hex[:6]}@example.com"
    reg = client.post(
        "/api/auth/register",
        json={"email": email, "password": "correct horse battery", "full_name": "Bench"},
    ).json()
    headers = {"Authorization": f"Bearer {reg['access_token']}"}

    account_id = consent(client, headers, {"platform": "twitter"})
    connect_ms = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        consent(client, headers, {"platform": "twitter", "account_id": account_id})
        connect_ms.append((time.perf_counter() - started) * 1000)

    aid = uuid.UUID(account_id)
    calls = 500
    started = time.perf_counter()
    for _ in range(calls):
        call_with_fresh_tokens(ctx, aid, lambda t: t.access_token)
    overhead_us = (time.perf_counter() - started) / calls * 1e6

    store = sandbox.state.store
    with ctx.db.session() as session:
        account = session.get(SocialAccount, aid)
        assert account is not None
        tokens = tokens_for(ctx, session, account)
        claims = store.verify("twitter", "access", tokens.access_token)
        assert claims is not None
        tokens.access_token = store.issue(
            "twitter", "access", claims["s"], -10, scope=claims["scope"], g=claims["g"]
        )
        store_tokens(ctx, account, tokens)
    connector = get_connector(settings, "twitter")
    before = hits["POST /sandbox/twitter/2/oauth2/token"]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.callers) as pool:
        names = list(
            pool.map(
                lambda _: call_with_fresh_tokens(
                    ctx, aid, lambda t: connector.identity(t).username
                ),
                range(args.callers),
            )
        )
    burst_ms = (time.perf_counter() - started) * 1000
    refreshes = hits["POST /sandbox/twitter/2/oauth2/token"] - before
    assert names == ["bench_creator"] * args.callers
    server.should_exit = True

    db_kind = "PostgreSQL" if settings.sqlalchemy_url.startswith("postgresql") else "SQLite"
    connect_ms.sort()
    lines = [
        "| measure | value |",
        "|---|---|",
        f"| re-connect round trip (4 browser requests, 2 platform calls), p50 | "
        f"{statistics.median(connect_ms):.1f} ms |",
        f"| re-connect round trip, max of {args.rounds} | {connect_ms[-1]:.1f} ms |",
        f"| `call_with_fresh_tokens` overhead, valid token ({calls} calls) | "
        f"{overhead_us:.0f} µs |",
        f"| {args.callers} concurrent callers, platform says token expired: wall time | "
        f"{burst_ms:.0f} ms |",
        f"| refreshes that reached the platform in that burst | {refreshes} |",
    ]
    print("\n".join(lines))
    if args.write:
        from bench.api_auth import write_section

        write_section(
            f"accounts_tokens_{db_kind.lower()}",
            f"Accounts: connect and token refresh ({db_kind}, sandbox)",
            lines,
            "The overhead is one indexed read and three Fernet decryptions per call; the burst "
            "is dominated by the one refresh plus the callers' own identity calls.",
            "python bench/accounts_tokens.py --write",
        )
    return 0 if refreshes == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
