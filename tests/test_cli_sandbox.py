"""`socialflow sandbox` serves the emulators on their own, as a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.fixtures.servers import LoopbackPort


def test_sandbox_command_serves_consent_pages_and_admin(tmp_path: Path) -> None:
    port = LoopbackPort()  # held while the command binds it too (SO_REUSEADDR)
    env = {**os.environ, "DATA_DIR": str(tmp_path), "LOG_LEVEL": "WARNING"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "socialflow.cli", "sandbox", "--port", str(port.number)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = port.url
    try:
        for _ in range(100):
            try:
                published = httpx.get(f"{base}/_admin/published", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert published.status_code == 200 and published.json() == []
        page = httpx.get(
            f"{base}/linkedin/oauth/v2/authorization",
            params={
                "response_type": "code",
                "client_id": "sandbox-linkedin-client",
                "state": "s1",
                "redirect_uri": "http://127.0.0.1:8000/api/social-accounts/callback",
                "scope": "openid profile w_member_social",
            },
        )
        assert page.status_code == 200 and "<form" in page.text and "Authorize" in page.text
    finally:
        port.close()
        proc.terminate()
        proc.wait(timeout=10)
