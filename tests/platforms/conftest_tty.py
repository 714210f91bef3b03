"""Shared helpers for the TikTok and YouTube tests: a served emulator, OAuth over HTTP, captures."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx
from fastapi import FastAPI

from socialflow.core.config import Settings
from socialflow.platforms.base import (
    Connector,
    ConnectorConfig,
    MediaItem,
    TokenSet,
    code_challenge_s256,
    new_code_verifier,
    new_state,
)
from socialflow.sandbox.core import SandboxStore, admin_router
from tests.fixtures.servers import serve_app

REDIRECT_URI = "http://127.0.0.1:8000/api/social-accounts/callback"
FORM = re.compile(r'<form method="post" action="([^"]*)"')
HIDDEN = re.compile(r'<input type="hidden" name="([^"]*)" value="([^"]*)">')


@dataclass
class Harness:
    """One served sandbox app (admin + the given emulators) and helpers to drive it."""

    base: str
    store: SandboxStore
    options: dict[str, Any] = field(default_factory=dict)

    def config(self, platform: str, **overrides: Any) -> ConnectorConfig:
        """A sandbox ConnectorConfig pointing every base at `{base}/{platform}`."""
        root = f"{self.base}/{platform}"
        values: dict[str, Any] = {
            "platform": platform,
            "client_id": f"sandbox-{platform}-client",
            "client_secret": f"sandbox-{platform}-secret",
            "redirect_uri": REDIRECT_URI,
            "api_base": root,
            "auth_base": root,
            "token_base": root,
            "upload_base": root,
            "sandbox": True,
            "timeout_seconds": 5.0,
        }
        values.update(overrides)
        return ConnectorConfig(**values)

    def fault(
        self,
        platform: str,
        kind: str,
        *,
        times: int = 1,
        path: str | None = None,
        seconds: float = 0.0,
    ) -> None:
        """Arm a fault through the admin API, as a person testing the product would."""
        response = httpx.post(
            f"{self.base}/_admin/faults",
            json={
                "platform": platform,
                "kind": kind,
                "times": times,
                "path": path,
                "seconds": seconds,
            },
        )
        assert response.status_code == 201, response.text

    def published(self, platform: str) -> list[dict[str, Any]]:
        response = httpx.get(f"{self.base}/_admin/published", params={"platform": platform})
        assert response.status_code == 200
        result: list[dict[str, Any]] = response.json()
        return result

    def reset(self) -> None:
        assert httpx.post(f"{self.base}/_admin/reset").status_code == 204

    def consent(
        self, authorize_url: str, *, username: str, decision: str = "approve"
    ) -> httpx.Response:
        """GET the consent page, check it is an HTML form, and submit it."""
        page = httpx.get(authorize_url)
        assert page.status_code == 200, page.text
        assert page.headers["content-type"].startswith("text/html")
        action = FORM.search(page.text)
        assert action, "the consent page has no POST form"
        fields = {html.unescape(k): html.unescape(v) for k, v in HIDDEN.findall(page.text)}
        fields.update(username=username, decision=decision)
        return httpx.post(urljoin(authorize_url, html.unescape(action.group(1))), data=fields)

    def authorize(
        self, connector: Connector, username: str = "sandbox_creator"
    ) -> tuple[dict[str, list[str]], str, str]:
        """Approve consent; returns (redirect query, state, verifier)."""
        state, verifier = new_state(), new_code_verifier()
        url = connector.authorization_url(state, code_challenge_s256(verifier))
        response = self.consent(url, username=username)
        assert response.status_code == 302
        location = response.headers["location"]
        assert location.startswith(REDIRECT_URI)
        return parse_qs(urlsplit(location).query), state, verifier

    def connect(self, connector: Connector, username: str = "sandbox_creator") -> TokenSet:
        """The full OAuth dance over HTTP, ending in tokens."""
        query, state, verifier = self.authorize(connector, username)
        assert query["state"] == [state]
        return connector.exchange_code(query["code"][0], verifier)


@contextmanager
def serve_sandbox(
    tmp_dir: Path, routers: dict[str, Callable[[SandboxStore, Settings], Any]]
) -> Iterator[Harness]:
    """Serve admin + the given `{platform: router_factory}` on a real loopback port."""
    settings = Settings(secret_key="test-secret", data_dir=tmp_dir, sandbox_latency_ms=0)
    store = SandboxStore(hashlib.sha256(b"tty-tests").digest())
    app = FastAPI()
    app.include_router(admin_router(store))
    for platform, factory in routers.items():
        app.include_router(factory(store, settings), prefix=f"/{platform}")
    with serve_app(app) as base:
        yield Harness(base=base, store=store)


class Capture:
    """An httpx event hook that keeps every outgoing request (body read eagerly)."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> None:
        request.read()
        self.requests.append(request)

    def client(self, timeout: float = 5.0) -> httpx.Client:
        return httpx.Client(timeout=timeout, event_hooks={"request": [self]})

    def matching(self, method: str, path_suffix: str) -> list[httpx.Request]:
        return [r for r in self.requests if r.method == method and r.url.path.endswith(path_suffix)]

    def one(self, method: str, path_suffix: str) -> httpx.Request:
        found = self.matching(method, path_suffix)
        assert len(found) == 1, f"expected one {method} *{path_suffix}, got {len(found)}"
        return found[0]


def media_bytes(size: int, seed: int = 7) -> bytes:
    """Deterministic pseudo-random bytes (so a hash proves the exact bytes arrived)."""
    out = bytearray()
    block = hashlib.sha256(str(seed).encode()).digest()
    while len(out) < size:
        block = hashlib.sha256(block).digest()
        out.extend(block * 64)
    return bytes(out[:size])


def video_item(data: bytes, *, mime: str = "video/mp4", duration: float = 12.0) -> MediaItem:
    """A video MediaItem streaming `data` in 64 KiB pieces."""

    def stream() -> Iterator[bytes]:
        for i in range(0, len(data), 65536):
            yield data[i : i + 65536]

    return MediaItem(
        kind="video",
        mime_type=mime,
        size_bytes=len(data),
        url="https://media.socialflow.test/v/clip.mp4",
        open=stream,
        width=1080,
        height=1920,
        duration_seconds=duration,
    )


def image_item(name: str) -> MediaItem:
    """A JPEG reachable by URL (pull-style APIs)."""
    return MediaItem(
        kind="image",
        mime_type="image/jpeg",
        size_bytes=2048,
        url=f"https://media.socialflow.test/i/{name}.jpg",
        width=1080,
        height=1080,
    )
