"""The dashboard in Debian's Chromium, driven by Playwright, against the real app as `make run`
starts it (embedded defaults). The journeys live in frontend/e2e/; this runs them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.fixtures.servers import LoopbackPort

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "frontend"
ARTIFACTS = ROOT / "test-artifacts"
pytestmark = pytest.mark.e2e


def _missing() -> str | None:
    if not (FRONTEND / "node_modules").exists():
        return "frontend/node_modules missing (make test runs npm ci)"
    if not (FRONTEND / "dist" / "index.html").exists():
        return "frontend/dist missing (make test builds it)"
    if not (shutil.which("chromium") or Path("/usr/bin/chromium").exists()):
        return "Chromium missing (make test installs Debian's chromium)"
    if not shutil.which("node"):
        return "node missing"
    return None


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    reason = _missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    port = LoopbackPort()  # held until the server has bound it too (SO_REUSEADDR)
    data_dir = tmp_path_factory.mktemp("e2e-data")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update({"DATA_DIR": str(data_dir), "PORT": str(port.number), "LOG_LEVEL": "WARNING"})
    log = (data_dir / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "socialflow.cli", "serve", "--port", str(port.number)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = port.url
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None:
                raise RuntimeError((data_dir / "server.log").read_text()[-3000:])
            time.sleep(0.2)
        else:
            raise RuntimeError("the app did not become ready in 60 s")
        port.close()
        yield base
    finally:
        port.close()
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _run_journey(script: str, base: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "BASE_URL": base,
        "ARTIFACTS_DIR": str(ARTIFACTS),
        "CHROMIUM_PATH": shutil.which("chromium") or "/usr/bin/chromium",
    }
    result = subprocess.run(
        ["node", f"e2e/{script}"],
        cwd=FRONTEND,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, (
        f"{script} failed (screenshots in test-artifacts/):\n{result.stdout[-4000:]}\n"
        f"{result.stderr[-4000:]}"
    )


def test_auth_journey(app_url: str) -> None:
    """Sign up, dashboard with the verify reminder, log out, log in, settings; 1280 and 390 px."""
    _run_journey("auth.e2e.mjs", app_url)


def test_full_journey(app_url: str) -> None:
    """Connect sandbox platforms, compose, schedule and publish, calendar, billing."""
    _run_journey("journey.e2e.mjs", app_url)
