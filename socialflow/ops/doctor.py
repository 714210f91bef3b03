"""`socialflow doctor`: check settings, database, Redis, storage and every external service,
and say in plain words what is wrong and what to do about it.

Every network probe has a short timeout (3 s), so a doctor run finishes even when the network
does not answer. Platforms served by the built-in sandbox are not probed over the network.
"""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import httpx
from sqlalchemy import Engine, func, select

from socialflow.core import migrate
from socialflow.core.clock import utcnow
from socialflow.core.config import PLATFORMS, Settings
from socialflow.core.db import make_engine

Status = Literal["OK", "WARN", "FAIL"]
TIMEOUT = 3.0
OVERDUE = timedelta(minutes=5)
DEFAULT_HOSTS = {"stripe": "https://api.stripe.com", "anthropic": "https://api.anthropic.com"}


@dataclass(frozen=True, slots=True)
class Check:
    status: Status
    name: str
    message: str

    def line(self) -> str:
        return f"{self.status:<4} {self.name}: {self.message}"


def run_checks(settings: Settings) -> list[Check]:
    """Every check, in the order an operator would fix things."""
    checks: list[Check] = []
    for group in (_settings, _database, _redis, _storage, _platforms, _services):
        checks.extend(group(settings))
    return checks


def exit_code(checks: list[Check], strict: bool = False) -> int:
    """1 when something failed (or, with --strict, only warned); else 0."""
    bad = {"FAIL", "WARN"} if strict else {"FAIL"}
    return 1 if any(c.status in bad for c in checks) else 0


# --------------------------------------------------------------------------- settings


def _settings(s: Settings) -> Iterator[Check]:
    prod = s.env == "production"
    if s.secret_key:
        if len(s.secret_key) < 32:
            yield Check(
                "FAIL" if prod else "WARN",
                "SECRET_KEY",
                "is shorter than 32 characters; set a long random value "
                "(python -c 'import secrets; print(secrets.token_urlsafe(48))').",
            )
        else:
            yield Check("OK", "SECRET_KEY", "set.")
    elif prod:
        yield Check(
            "FAIL",
            "SECRET_KEY",
            "not set in production: each machine would generate its own and reject the others' "
            "sessions. Set one long random value shared by every process.",
        )
    else:
        yield Check(
            "OK",
            "SECRET_KEY",
            f"unset: generated once into {s.data_dir / 'secret_key'} (fine for one machine).",
        )

    if prod and not s.public_url:
        yield Check(
            "FAIL", "PUBLIC_URL", "not set: links in e-mails and OAuth redirects would be wrong."
        )
    elif prod and not s.base_url.startswith("https://"):
        yield Check("FAIL", "PUBLIC_URL", f"{s.base_url} is not https; serve the app over TLS.")
    else:
        yield Check("OK", "PUBLIC_URL", s.base_url)

    if prod and not s.secure_cookies:
        yield Check(
            "FAIL",
            "COOKIE_SECURE",
            "cookies would travel over plain HTTP; remove COOKIE_SECURE=false.",
        )
    else:
        yield Check("OK", "cookies", "Secure" if s.secure_cookies else "not Secure (plain HTTP)")

    yield from _encryption_keys(s, prod)
    if prod and s.sandbox_enabled:
        yield Check(
            "WARN",
            "SANDBOX",
            "SANDBOX=true: the built-in emulators are served at /sandbox and users can connect "
            "pretend accounts; remove it once the platforms have real credentials.",
        )
    if prod and s.sqlalchemy_url.startswith("sqlite"):
        yield Check("WARN", "DATABASE_URL", "SQLite in production: set a PostgreSQL DATABASE_URL.")
    if prod and not s.redis_url:
        yield Check(
            "WARN", "REDIS_URL", "unset: jobs run inside the API process (one machine only)."
        )
    if prod and not s.smtp_host:
        yield Check(
            "WARN", "SMTP_HOST", "unset: e-mails are only logged; users get no verification mail."
        )


def _encryption_keys(s: Settings, prod: bool) -> Iterator[Check]:
    from socialflow.core.security import TokenCipher

    try:
        if s.token_encryption_keys:  # (the derived key needs no check, nor a generated secret)
            TokenCipher(s)
    except Exception as exc:
        yield Check(
            "FAIL",
            "TOKEN_ENCRYPTION_KEYS",
            f"unusable ({type(exc).__name__}): each key must be a Fernet key "
            "(python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())').",
        )
        return
    if s.token_encryption_keys:
        count = len([k for k in s.token_encryption_keys.split(",") if k.strip()])
        yield Check("OK", "TOKEN_ENCRYPTION_KEYS", f"{count} key(s); the first encrypts.")
    else:
        yield Check(
            "WARN" if prod else "OK",
            "TOKEN_ENCRYPTION_KEYS",
            "unset: platform tokens are encrypted with a key derived from SECRET_KEY"
            + ("; set your own keys so SECRET_KEY can rotate on its own." if prod else "."),
        )


# --------------------------------------------------------------------------- database, redis


def _database(s: Settings) -> Iterator[Check]:
    url = s.sqlalchemy_url
    sqlite_file = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None
    if sqlite_file and not Path(sqlite_file).exists():
        yield Check(
            "WARN" if s.auto_migrate else "FAIL",
            "database",
            f"no database file yet at {sqlite_file}: `socialflow migrate` creates it"
            + (" (`socialflow serve` does too, on start)." if s.auto_migrate else "."),
        )
        return
    connect_args = {"connect_timeout": int(TIMEOUT)} if url.startswith("postgresql") else {}
    engine = (
        make_engine(url, connect_args=connect_args, pool_size=1, max_overflow=0)
        if connect_args
        else make_engine(url)
    )
    where = engine.url.render_as_string(hide_password=True)
    try:
        try:
            current = migrate.current_revision(engine)
        except Exception as exc:
            yield Check(
                "FAIL",
                "database",
                f"cannot connect to {where}: {_reason(exc)}. Check DATABASE_URL.",
            )
            return
        head = migrate.head_revision()
        if current != head:
            yield Check(
                "FAIL",
                "database",
                f"reachable, but at migration {current or 'none'} while the code expects {head}: "
                "run `socialflow migrate`"
                + (" (or start `socialflow serve`, which migrates)." if s.auto_migrate else "."),
            )
            return
        yield Check("OK", "database", f"{where}, migrations at head ({head}).")
        yield from _overdue(engine)
    finally:
        engine.dispose()


def _overdue(engine: Engine) -> Iterator[Check]:
    """Posts due long ago but still waiting: nothing is running the scheduler."""
    from sqlalchemy.orm import Session

    from socialflow.models import PlatformPost

    with Session(engine) as session:
        late = session.scalar(
            select(func.count())
            .select_from(PlatformPost)
            .where(PlatformPost.status == "pending", PlatformPost.due_at < utcnow() - OVERDUE)
        )
    if late:
        yield Check(
            "WARN",
            "scheduler",
            f"{late} post(s) were due over 5 minutes ago and are still waiting: is "
            "`socialflow scheduler` (or `socialflow serve` without REDIS_URL) running?",
        )


def _redis(s: Settings) -> Iterator[Check]:
    if not s.redis_url:
        yield Check(
            "OK", "redis", "not used (REDIS_URL unset): jobs run inside `socialflow serve`."
        )
        return
    import redis

    client = redis.Redis.from_url(
        s.redis_url, socket_connect_timeout=TIMEOUT, socket_timeout=TIMEOUT
    )
    try:
        client.ping()
    except Exception as exc:
        yield Check("FAIL", "redis", f"cannot reach REDIS_URL: {_reason(exc)}.")
        return
    finally:
        client.close()
    yield Check("OK", "redis", "reachable.")
    from socialflow.jobs.celery import make_celery, worker_queues

    app = make_celery(s.redis_url, s.celery_queue)
    ours = set(worker_queues(s.celery_queue))
    try:
        # Every worker on this Redis database answers; only those consuming this app's
        # queues publish its posts (another app or bench may share the database).
        queues = app.control.inspect(timeout=1.0).active_queues() or {}
    except Exception as exc:
        queues = {}
        reason = f" ({_reason(exc)})"
    else:
        reason = ""
    finally:
        app.close()
    answers = sorted(w for w, consumed in queues.items() if ours & {q["name"] for q in consumed})
    others = len(queues) - len(answers)
    if answers:
        yield Check("OK", "workers", f"{len(answers)} answered: {', '.join(answers)}.")
    else:
        elsewhere = (
            f" ({others} other worker(s) on this Redis database consume other queues)"
            if others
            else ""
        )
        yield Check(
            "WARN",
            "workers",
            f"no Celery worker of CELERY_QUEUE={s.celery_queue} answered within 1 s"
            f"{reason}{elsewhere}: start `socialflow worker`, or nothing gets published.",
        )


# --------------------------------------------------------------------------- storage


def _storage(s: Settings) -> Iterator[Check]:
    if s.s3_bucket:
        yield _s3(s)
        return
    try:
        s.media_dir.mkdir(parents=True, exist_ok=True)
        probe = s.media_dir / f".doctor-{uuid.uuid4().hex}"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        yield Check(
            "FAIL",
            "storage",
            f"cannot write to {s.media_dir}: {exc.strerror or exc}. Make DATA_DIR writable by "
            "the app's user, or set S3_BUCKET.",
        )
        return
    yield Check("OK", "storage", f"local folder {s.media_dir} is writable.")


def _s3(s: Settings) -> Check:
    try:
        import boto3
        from botocore.config import Config
    except ImportError:
        return Check("FAIL", "storage", "S3_BUCKET is set but boto3 is not installed.")
    client = boto3.client(
        "s3",
        endpoint_url=s.s3_endpoint_url,
        region_name=s.s3_region,
        config=Config(connect_timeout=TIMEOUT, read_timeout=TIMEOUT, retries={"max_attempts": 1}),
    )
    try:
        client.head_bucket(Bucket=s.s3_bucket)
    except Exception as exc:
        return Check(
            "FAIL",
            "storage",
            f"S3 bucket {s.s3_bucket!r} not usable: {_reason(exc)}. Check S3_BUCKET, "
            "S3_ENDPOINT_URL and the AWS credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY).",
        )
    return Check("OK", "storage", f"S3 bucket {s.s3_bucket!r} answers.")


# --------------------------------------------------------------------------- external services


def _platforms(s: Settings) -> Iterator[Check]:
    if s.sandbox_enabled and s.sandbox_url:
        yield _reachable("SANDBOX_URL", s.sandbox_url, "external sandbox (`socialflow sandbox`)")
    for platform in PLATFORMS:
        upper = platform.upper()
        has_id = bool(getattr(s, f"{platform}_client_id", None))
        has_secret = bool(getattr(s, f"{platform}_client_secret", None))
        if has_id != has_secret:
            missing = f"{upper}_CLIENT_SECRET" if has_id else f"{upper}_CLIENT_ID"
            yield Check("FAIL", platform, f"half configured: set {missing} too (or neither).")
        elif has_id:
            yield _reachable(platform, getattr(s, f"{platform}_api_base"), "real credentials")
        elif s.sandbox_enabled:
            yield Check(
                "WARN" if s.env == "production" else "OK",
                platform,
                f"sandbox emulator (set {upper}_CLIENT_ID/{upper}_CLIENT_SECRET for the real "
                "API; see docs/PLATFORMS.md).",
            )
        else:
            yield Check(
                "FAIL",
                platform,
                f"no credentials and the sandbox is off: connecting {platform} cannot work. "
                f"Set {upper}_CLIENT_ID/{upper}_CLIENT_SECRET (docs/PLATFORMS.md).",
            )


def _services(s: Settings) -> Iterator[Check]:
    prod = s.env == "production"
    if s.stripe_secret_key:
        if not s.stripe_webhook_secret:
            yield Check(
                "FAIL",
                "stripe",
                "STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not: payments would "
                "never reach accounts. See docs/BILLING.md.",
            )
        elif prod and s.stripe_secret_key.startswith("sk_test_"):
            yield Check("WARN", "stripe", "a test-mode key (sk_test_) in production.")
        else:
            base = s.stripe_api_base or DEFAULT_HOSTS["stripe"]
            yield _reachable("stripe", base, "real key")
    else:
        yield Check(
            "WARN" if prod else "OK",
            "stripe",
            "built-in Stripe sandbox (set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET to bill).",
        )
    if s.anthropic_api_key:
        base = s.anthropic_base_url or DEFAULT_HOSTS["anthropic"]
        yield _reachable("anthropic", base, f"Claude ({s.anthropic_model})")
    else:
        yield Check("OK", "anthropic", "offline optimizer (set ANTHROPIC_API_KEY for Claude).")
    if s.smtp_host:
        yield _tcp("smtp", s.smtp_host, s.smtp_port)


def _reachable(name: str, base_url: str, what: str) -> Check:
    """Any HTTP answer (even 404) proves the host is reachable; only no answer fails."""
    try:
        httpx.head(base_url, timeout=TIMEOUT, follow_redirects=False)
    except Exception as exc:
        host = urlsplit(base_url).netloc or base_url
        return Check(
            "FAIL",
            name,
            f"{what}, but {host} did not answer within {TIMEOUT:.0f} s ({_reason(exc)}): check "
            "outbound network, proxy and DNS.",
        )
    return Check("OK", name, f"{what}; {base_url} reachable.")


def _tcp(name: str, host: str, port: int) -> Check:
    try:
        with socket.create_connection((host, port), timeout=TIMEOUT):
            pass
    except OSError as exc:
        return Check(
            "FAIL", name, f"{host}:{port} not reachable ({_reason(exc)}): check SMTP_HOST/PORT."
        )
    return Check("OK", name, f"{host}:{port} reachable.")


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text[:160]}" if text else type(exc).__name__
