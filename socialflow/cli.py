"""`socialflow serve | migrate | worker | scheduler | rotate-keys | create-admin | doctor`."""

from __future__ import annotations

import argparse
import sys

from socialflow.core.config import Settings, get_settings
from socialflow.core.logging import configure_logging


def _serve(args: argparse.Namespace) -> int:
    import os

    import uvicorn

    # The flags win over the environment, and the app's settings (PUBLIC_URL...) follow them.
    if args.port:
        os.environ["PORT"] = str(args.port)
    if args.host:
        os.environ["HOST"] = args.host
    get_settings.cache_clear()
    settings = get_settings()
    configure_logging(settings.log_level)
    from socialflow.core import metrics

    metrics.reset_multiprocess_dir()  # PROMETHEUS_MULTIPROC_DIR: last run's files would add up
    uvicorn.run(
        "socialflow.app:create_app",
        factory=True,
        host=args.host or settings.host,
        port=args.port or settings.port,
        workers=args.workers,
        proxy_headers=True,
        # Whose X-Forwarded-For is believed: the client address (log-in throttle, audit)
        # is the proxy's own for every caller unless the proxy is listed here.
        forwarded_allow_ips=settings.forwarded_allow_ips,
        log_config=None,
    )
    return 0


def _sandbox(args: argparse.Namespace) -> int:
    """The platform, Stripe and Anthropic emulators alone: the one sandbox that several API
    processes share (they get SANDBOX_URL), or for another deployment's tests.

    It needs the app's SECRET_KEY (the Stripe test key and webhook secret derive from it) and
    PUBLIC_URL (OAuth redirects and Stripe webhooks go there). Its own address, for the pages
    it links to (Stripe checkout), is SANDBOX_URL, else http://HOST:PORT.
    """
    import uvicorn

    from socialflow.sandbox.app import create_sandbox_app

    settings = get_settings()
    configure_logging(settings.log_level)
    if not settings.sandbox_url:
        host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host  # noqa: S104
        settings = settings.model_copy(update={"sandbox_url": f"http://{host}:{args.port}"})
    if not settings.secret_key:
        print(
            "sandbox: SECRET_KEY is unset; using DATA_DIR/secret_key. The app's processes must "
            "share it (same SECRET_KEY or DATA_DIR), or Stripe calls and webhooks are refused.",
            file=sys.stderr,
        )
    print(
        f"sandbox at {settings.sandbox_base}/<platform>/ (admin: /_admin/); OAuth redirects "
        f"and Stripe webhooks go to {settings.base_url}"
    )
    uvicorn.run(create_sandbox_app(settings), host=args.host, port=args.port, log_config=None)
    return 0


def _migrate(_: argparse.Namespace) -> int:
    from socialflow.core import migrate
    from socialflow.core.db import get_database

    configure_logging(get_settings().log_level)
    db = get_database()
    migrate.upgrade(db.engine)
    print(f"database at revision {migrate.current_revision(db.engine)}")
    return 0


def _worker(args: argparse.Namespace) -> int:
    from socialflow.jobs.celery import worker_app, worker_queues

    settings = get_settings()
    configure_logging(settings.log_level)
    if not settings.redis_url:
        print("socialflow worker needs REDIS_URL (the embedded default runs jobs in `serve`).")
        return 2
    app = worker_app(settings.redis_url, settings.celery_queue)
    _metrics_port(args, settings)
    argv = [
        "worker",
        "--loglevel",
        settings.log_level,
        "--concurrency",
        str(args.concurrency),
        "--pool",
        args.pool,
        "--queues",
        ",".join(worker_queues(settings.celery_queue)),
        "--without-gossip",
        "--without-mingle",
        "--hostname",
        args.hostname,
    ]
    app.worker_main(argv)
    return 0


def _scheduler(args: argparse.Namespace) -> int:
    import signal
    import threading

    from socialflow.core.context import AppContext
    from socialflow.jobs.celery import CeleryRunner, run_scheduler

    settings = get_settings()
    configure_logging(settings.log_level)
    if not settings.redis_url:
        print("socialflow scheduler needs REDIS_URL (the embedded default schedules in `serve`).")
        return 2
    ctx = AppContext.build(settings)
    ctx.extras["runner"] = CeleryRunner(ctx)
    _metrics_port(args, settings)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    run_scheduler(ctx, stop)
    return 0


def _rotate_keys(_: argparse.Namespace) -> int:
    from socialflow.accounts.keys import rotate_all
    from socialflow.core.db import Database
    from socialflow.core.security import TokenCipher

    settings = get_settings()
    configure_logging(settings.log_level)
    if not settings.token_encryption_keys:
        print("TOKEN_ENCRYPTION_KEYS is not set: secrets use a key derived from SECRET_KEY.")
    db = Database(settings)
    try:
        report = rotate_all(db, TokenCipher(settings))
    finally:
        db.dispose()
    for column, count in report.rotated.items():
        failed = report.failed.get(column, 0)
        print(f"{column}: {count} re-encrypted" + (f", {failed} UNREADABLE" if failed else ""))
    print(f"{report.total} values now under the first key of TOKEN_ENCRYPTION_KEYS")
    return 1 if any(report.failed.values()) else 0


def _metrics_port(args: argparse.Namespace, settings: Settings) -> None:
    """/metrics of a worker or scheduler process on its own port (it has no HTTP API)."""
    if args.metrics_port:
        from socialflow.core import metrics

        metrics.serve_metrics(args.metrics_port, settings.metrics_token)


def _create_admin(args: argparse.Namespace) -> int:
    import getpass

    from socialflow.core.context import AppContext
    from socialflow.ops.admin import AdminError, create_or_promote, valid_email

    settings = get_settings()
    configure_logging(settings.log_level)
    password: str | None = None
    try:
        email = valid_email(args.email)
        if args.password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        elif sys.stdin.isatty():
            # Prompt; an empty answer keeps an existing user's password.
            password = getpass.getpass(f"Password for {email} (empty: keep the current one): ")
            if password and password != getpass.getpass("Again: "):
                raise AdminError("the two passwords differ")
            password = password or None
        ctx = AppContext.build(settings)
        try:
            result = create_or_promote(ctx, email, password, args.name)
        finally:
            ctx.db.dispose()
    except AdminError as exc:
        print(f"create-admin: {exc}", file=sys.stderr)
        return 2
    if result.created:
        print(f"created administrator {result.email}")
    else:
        change = ", password changed" if result.password_changed else ""
        print(f"{result.email} is now an administrator{change}")
    return 0


def _doctor(args: argparse.Namespace) -> int:
    from socialflow.ops.doctor import exit_code, run_checks

    settings = get_settings()
    checks = run_checks(settings)
    for check in checks:
        print(check.line())
    code = exit_code(checks, strict=args.strict)
    failed = sum(c.status == "FAIL" for c in checks)
    warned = sum(c.status == "WARN" for c in checks)
    print(f"\n{failed} failed, {warned} warning(s)" + ("" if code else ": ready to run"))
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="socialflow", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the API and dashboard")
    serve.add_argument("--host", default=None, help="default: HOST or 127.0.0.1")
    serve.add_argument("--port", type=int, default=None, help="default: PORT or 8000")
    serve.add_argument("--workers", type=int, default=1, help="API processes (scaled-out only)")
    serve.set_defaults(func=_serve)

    box = commands.add_parser("sandbox", help="run the platform/Stripe/Anthropic emulators alone")
    box.add_argument("--host", default="127.0.0.1")
    box.add_argument("--port", type=int, default=8900)
    box.set_defaults(func=_sandbox)

    mig = commands.add_parser("migrate", help="upgrade the database to the newest schema")
    mig.set_defaults(func=_migrate)

    worker = commands.add_parser("worker", help="run jobs from Redis (scaled-out topology)")
    worker.add_argument("--concurrency", type=int, default=8)
    worker.add_argument("--pool", default="threads", choices=["threads", "prefork", "solo"])
    worker.add_argument("--hostname", default="socialflow@%h")
    worker.add_argument("--metrics-port", type=int, default=0, help="serve /metrics here")
    worker.set_defaults(func=_worker)

    sched = commands.add_parser("scheduler", help="claim due posts and enqueue them (scaled-out)")
    sched.add_argument("--metrics-port", type=int, default=0, help="serve /metrics here")
    sched.set_defaults(func=_scheduler)

    rotate = commands.add_parser(
        "rotate-keys", help="re-encrypt stored platform tokens under the first encryption key"
    )
    rotate.set_defaults(func=_rotate_keys)

    admin = commands.add_parser(
        "create-admin", help="create an administrator or promote an existing user"
    )
    admin.add_argument("--email", required=True)
    admin.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (else: prompt)",
    )
    admin.add_argument("--name", default=None, help="full name of a new user")
    admin.set_defaults(func=_create_admin)

    doctor = commands.add_parser(
        "doctor", help="check settings, database, Redis, storage and external services"
    )
    doctor.add_argument("--strict", action="store_true", help="warnings fail too")
    doctor.set_defaults(func=_doctor)

    args = parser.parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
