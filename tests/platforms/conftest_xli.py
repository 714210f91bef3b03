"""Shared fixtures for the X and LinkedIn connector tests: one emulator server per module."""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from importlib import import_module
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx
import pytest
from fastapi import FastAPI

from socialflow.core.config import Settings
from socialflow.platforms.base import ConnectorConfig, MediaItem
from socialflow.sandbox.core import SandboxStore, admin_router
from tests.fixtures.servers import serve_app

PUBLIC_URL = "http://socialflow.test"
REDIRECT_URI = f"{PUBLIC_URL}/api/social-accounts/callback"
OPENAPI = (
    Path(__file__).resolve().parents[2] / ".." / "shared" / "contracts" / "x-api-v2-openapi.json"
)


@dataclass
class Sandbox:
    """The running emulators: base URL, their store and settings."""

    base: str
    store: SandboxStore
    settings: Settings

    def config(self, platform: str, timeout: float = 5.0, **options: Any) -> ConnectorConfig:
        """A connector config aimed at this emulator, as registry.connector_config builds it."""
        return ConnectorConfig(
            platform=platform,
            client_id=f"sandbox-{platform}-client",
            client_secret=f"sandbox-{platform}-secret",
            redirect_uri=REDIRECT_URI,
            api_base=f"{self.base}/{platform}",
            auth_base=f"{self.base}/{platform}",
            token_base=f"{self.base}/{platform}",
            upload_base=f"{self.base}/{platform}",
            sandbox=True,
            timeout_seconds=timeout,
            options=options,
        )

    def arm(self, platform: str, kind: str, **fault: Any) -> None:
        """Arm a fault through the admin API, as an operator would."""
        body = {"platform": platform, "kind": kind, **fault}
        httpx.post(f"{self.base}/_admin/faults", json=body).raise_for_status()

    def published(self, platform: str) -> list[dict[str, Any]]:
        response = httpx.get(f"{self.base}/_admin/published", params={"platform": platform})
        response.raise_for_status()
        data: list[dict[str, Any]] = response.json()
        return data


@pytest.fixture(scope="module")
def sandbox_server() -> Iterator[Sandbox]:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        public_url=PUBLIC_URL,
        secret_key="xli-test-secret",
        env="test",
    )
    store = SandboxStore(hashlib.sha256(b"xli-tests").digest())
    app = FastAPI()
    app.include_router(admin_router(store))
    for platform in ("twitter", "linkedin"):
        emulator = import_module(f"socialflow.sandbox.{platform}")
        app.include_router(emulator.router(store, settings), prefix=f"/{platform}")
    with serve_app(app) as base:
        yield Sandbox(base=base, store=store, settings=settings)


@pytest.fixture
def sandbox(sandbox_server: Sandbox) -> Sandbox:
    """The module's emulators, reset to a clean state for each test."""
    sandbox_server.store.reset()
    return sandbox_server


@dataclass
class Capture:
    """Requests and responses seen by an httpx client's event hooks."""

    requests: list[httpx.Request] = field(default_factory=list)
    responses: list[httpx.Response] = field(default_factory=list)

    def client(self, timeout: float = 5.0) -> httpx.Client:
        def on_request(request: httpx.Request) -> None:
            request.read()
            self.requests.append(request)

        def on_response(response: httpx.Response) -> None:
            response.read()
            self.responses.append(response)

        return httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            event_hooks={"request": [on_request], "response": [on_response]},
        )

    def find(self, method: str, path_suffix: str) -> list[httpx.Request]:
        return [r for r in self.requests if r.method == method and r.url.path.endswith(path_suffix)]

    def response_for(self, method: str, path_suffix: str) -> list[httpx.Response]:
        return [
            r
            for r in self.responses
            if r.request.method == method and r.request.url.path.endswith(path_suffix)
        ]


def consent(auth_url: str, username: str = "sandbox_creator", decision: str = "approve") -> str:
    """Walk the emulator's HTML consent page like a browser; returns the redirect Location."""
    page = httpx.get(auth_url)
    assert page.status_code == 200, page.text
    assert page.headers["content-type"].startswith("text/html")
    form = re.search(r'<form method="post" action="([^"]+)">', page.text)
    assert form, "consent page has no form"
    fields = {
        unescape(name): unescape(value)
        for name, value in re.findall(
            r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page.text
        )
    }
    fields.update(username=username, decision=decision)
    answer = httpx.post(urljoin(auth_url, unescape(form.group(1))), data=fields)
    assert answer.status_code == 302, answer.text
    return answer.headers["location"]


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def png_bytes(width: int = 640, height: int = 480, salt: bytes = b"") -> bytes:
    """A PNG header with real IHDR dimensions (enough for the emulators' sniffing)."""
    ihdr = struct.pack(">II", width, height) + b"\x08\x02\x00\x00\x00"
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr + b"\0" * 4 + salt


def media_item(kind: str, data: bytes, mime: str, piece: int = 1000) -> MediaItem:
    """A MediaItem streaming `data` in small pieces (to exercise re-chunking)."""

    def open_() -> Iterator[bytes]:
        for i in range(0, len(data), piece):
            yield data[i : i + piece]

    return MediaItem(
        kind=kind,  # type: ignore[arg-type]
        mime_type=mime,
        size_bytes=len(data),
        url="http://media.socialflow.test/file",
        open=open_,
    )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
