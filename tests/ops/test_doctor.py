"""`socialflow doctor` against real parts: the test database, Redis, a Celery worker, an S3
server (moto), HTTP hosts on loopback and closed ports."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from socialflow.core.config import Settings
from socialflow.core.db import Database
from socialflow.ops.doctor import Check, exit_code, run_checks
from tests.fixtures.servers import LoopbackPort, serve_app

BIN = Path(sys.executable).parent
REDIS = "redis://127.0.0.1:6379"


def _by_name(checks: list[Check]) -> dict[str, Check]:
    return {c.name: c for c in checks}


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        if os.environ.get("CI") == "true":
            raise
        return False


def test_the_test_setup_is_healthy(settings: Settings, db: Database) -> None:
    checks = run_checks(settings.model_copy(update={"redis_url": None}))  # CI exports REDIS_URL
    lines = [c.line() for c in checks]
    assert exit_code(checks) == 0, lines
    named = _by_name(checks)
    assert named["database"].status == "OK" and "migrations at head" in named["database"].message
    assert named["storage"].status == "OK"
    assert named["redis"].status == "OK" and "not used" in named["redis"].message
    for platform in ("twitter", "instagram", "tiktok", "linkedin", "facebook", "youtube"):
        assert named[platform].status == "OK" and "sandbox" in named[platform].message
    assert all(line.split()[0] in ("OK", "WARN", "FAIL") for line in lines)


def test_production_misconfiguration_fails_in_plain_words(settings: Settings, db: Database) -> None:
    prod = settings.model_copy(
        update={
            "env": "production",
            "secret_key": None,
            "public_url": "http://social.example.com",
            "cookie_secure": False,
            "token_encryption_keys": "not-a-fernet-key",
        }
    )
    checks = run_checks(prod)
    named = _by_name(checks)
    assert exit_code(checks) == 1
    assert named["SECRET_KEY"].status == "FAIL"
    assert "not set in production" in named["SECRET_KEY"].message
    assert named["PUBLIC_URL"].status == "FAIL" and "not https" in named["PUBLIC_URL"].message
    assert named["COOKIE_SECURE"].status == "FAIL"
    assert named["TOKEN_ENCRYPTION_KEYS"].status == "FAIL"
    assert "Fernet" in named["TOKEN_ENCRYPTION_KEYS"].message
    # Production turns the sandbox off: a platform without credentials cannot be connected.
    assert named["twitter"].status == "FAIL" and "TWITTER_CLIENT_ID" in named["twitter"].message
    assert "SANDBOX" not in named
    assert not (prod.data_dir / "secret_key").exists()  # the doctor generates no secret

    pretend = _by_name(run_checks(prod.model_copy(update={"sandbox": True})))
    assert pretend["SANDBOX"].status == "WARN" and "pretend accounts" in pretend["SANDBOX"].message
    assert pretend["twitter"].status == "WARN" and "sandbox" in pretend["twitter"].message


def test_unmigrated_and_unreachable_databases(tmp_path: Path, settings: Settings) -> None:
    from sqlalchemy import create_engine, text

    empty = tmp_path / "empty.db"
    engine = create_engine(f"sqlite:///{empty}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE unrelated (id INTEGER)"))
    engine.dispose()
    behind = _by_name(
        run_checks(settings.model_copy(update={"database_url": f"sqlite:///{empty}"}))
    )
    assert behind["database"].status == "FAIL"
    assert "run `socialflow migrate`" in behind["database"].message

    with LoopbackPort() as closed:  # bound, nothing listening: connections are refused
        started = time.monotonic()
        url = f"postgresql://postgres:hunter2pw@127.0.0.1:{closed.number}/nope"
        named = _by_name(run_checks(settings.model_copy(update={"database_url": url})))
    assert time.monotonic() - started < 15
    assert named["database"].status == "FAIL" and "cannot connect" in named["database"].message
    assert "hunter2pw" not in named["database"].message  # the password is masked


@pytest.fixture
def hosts() -> Iterator[str]:
    """An HTTP host on loopback that answers 404 to everything (reachable all the same)."""
    with serve_app(FastAPI()) as url:
        yield url


@pytest.fixture
def dead() -> Iterator[str]:
    """A loopback URL where nothing listens (the port held, so nothing else takes it)."""
    with LoopbackPort() as port:
        yield port.url


def test_platform_credentials_and_reachability(
    settings: Settings, db: Database, hosts: str, dead: str
) -> None:
    real = settings.model_copy(
        update={
            "twitter_client_id": "id",
            "twitter_client_secret": "secret",
            "twitter_api_base": hosts,
            "linkedin_client_id": "id",
            "linkedin_client_secret": "secret",
            "linkedin_api_base": dead,
            "tiktok_client_id": "only-the-id",
            "youtube_api_base": dead,  # sandbox: not probed, so a dead host does not matter
            "stripe_secret_key": "sk_test_x",
            "stripe_webhook_secret": "whsec_x",
            "stripe_api_base": hosts,
            "anthropic_api_key": "sk-ant-x",
            "anthropic_base_url": dead,
        }
    )
    checks = run_checks(real)
    named = _by_name(checks)
    assert named["twitter"].status == "OK" and "reachable" in named["twitter"].message
    assert named["linkedin"].status == "FAIL" and "did not answer" in named["linkedin"].message
    assert named["tiktok"].status == "FAIL" and "TIKTOK_CLIENT_SECRET" in named["tiktok"].message
    assert named["youtube"].status == "OK" and "sandbox" in named["youtube"].message
    assert named["stripe"].status == "OK"
    assert named["anthropic"].status == "FAIL"
    assert exit_code(checks) == 1
    half = _by_name(run_checks(settings.model_copy(update={"stripe_secret_key": "sk_test_x"})))
    assert half["stripe"].status == "FAIL" and "STRIPE_WEBHOOK_SECRET" in half["stripe"].message


def test_storage_local_and_s3(
    tmp_path: Path, settings: Settings, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    blocked = _by_name(run_checks(settings.model_copy(update={"data_dir": blocker / "data"})))
    assert blocked["storage"].status == "FAIL" and "cannot write" in blocked["storage"].message

    import boto3
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)  # it picks; we read it back
    server.start()
    try:
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        endpoint = "http://{}:{}".format(*server.get_host_and_port())
        boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1").create_bucket(
            Bucket="sf-media"
        )
        s3 = {"s3_endpoint_url": endpoint, "s3_region": "us-east-1"}
        ok = _by_name(run_checks(settings.model_copy(update={**s3, "s3_bucket": "sf-media"})))
        assert ok["storage"].status == "OK" and "sf-media" in ok["storage"].message
        gone = _by_name(run_checks(settings.model_copy(update={**s3, "s3_bucket": "missing"})))
        assert gone["storage"].status == "FAIL" and "S3_BUCKET" in gone["storage"].message
    finally:
        server.stop()


def test_redis_and_a_worker_answering(
    tmp_path: Path, settings: Settings, db: Database, dead: str
) -> None:
    if not _redis_up():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    nowhere = dead.replace("http://", "redis://") + "/0"
    down = _by_name(run_checks(settings.model_copy(update={"redis_url": nowhere})))
    assert down["redis"].status == "FAIL" and "cannot reach" in down["redis"].message

    # A queue of its own on a database of the shared Redis: workers of other queues (a bench
    # on the same database) do not count.
    url = f"{REDIS}/13"
    queue = f"doctor-{uuid.uuid4().hex[:8]}"
    scaled = settings.model_copy(update={"redis_url": url, "celery_queue": queue})
    alone = _by_name(run_checks(scaled))
    assert alone["redis"].status == "OK"
    assert alone["workers"].status == "WARN" and "socialflow worker" in alone["workers"].message

    env = {
        **{k: v for k, v in os.environ.items() if k != "TEST_DATABASE_URL"},
        "REDIS_URL": url,
        "CELERY_QUEUE": queue,
        "DATABASE_URL": settings.sqlalchemy_url,
        "DATA_DIR": str(tmp_path / "worker"),
        "SECRET_KEY": settings.signing_key,
        "LOG_LEVEL": "WARNING",
    }
    name = f"doctor-{uuid.uuid4().hex[:6]}@%h"
    worker = subprocess.Popen(
        [BIN / "socialflow", "worker", "--concurrency", "1", "--hostname", name],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        workers = alone["workers"]
        while time.monotonic() < deadline and workers.status != "OK":
            assert worker.poll() is None, "socialflow worker exited"
            time.sleep(0.5)
            workers = _by_name(run_checks(scaled))["workers"]
        assert workers.status == "OK", "no worker answered the doctor's ping within 60 s"
        assert "1 answered" in workers.message and name.split("@")[0] in workers.message
        # Seen by an app of another queue on the same Redis database, that worker is not its.
        other = settings.model_copy(update={"redis_url": url, "celery_queue": f"{queue}-other"})
        theirs = _by_name(run_checks(other))["workers"]
        assert theirs.status == "WARN" and "other worker(s)" in theirs.message, theirs.message
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def test_the_command_prints_lines_and_sets_the_exit_code(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "TEST_DATABASE_URL")}
    env.update(DATA_DIR=str(tmp_path / "data"), DATABASE_URL=f"sqlite:///{tmp_path / 'cli.db'}")
    subprocess.run([BIN / "socialflow", "migrate"], env=env, check=True, capture_output=True)
    healthy = subprocess.run(
        [BIN / "socialflow", "doctor"], env=env, capture_output=True, text=True, timeout=60
    )
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    assert "OK   database:" in healthy.stdout and "ready to run" in healthy.stdout

    env.update(ENV="production", PUBLIC_URL="http://plain.example.com")
    broken = subprocess.run(
        [BIN / "socialflow", "doctor"], env=env, capture_output=True, text=True, timeout=60
    )
    assert broken.returncode == 1
    assert "FAIL SECRET_KEY:" in broken.stdout and "FAIL PUBLIC_URL:" in broken.stdout
    assert "failed" in broken.stdout.splitlines()[-1]
