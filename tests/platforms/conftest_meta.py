"""Fixtures shared by the Facebook and Instagram tests: the emulators on a real port, helpers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx
import pytest
from fastapi import FastAPI
from fastapi.responses import Response

from socialflow.core.config import Settings
from socialflow.platforms.base import ConnectorConfig, MediaItem, TokenSet
from socialflow.platforms.facebook import FacebookConnector
from socialflow.platforms.instagram import InstagramConnector
from socialflow.platforms.meta import MetaConnector
from socialflow.sandbox import facebook as fb_emulator
from socialflow.sandbox import instagram as ig_emulator
from socialflow.sandbox.core import SandboxStore, admin_router
from tests.fixtures.servers import serve_app

REDIRECT_URI = "https://app.example.test/api/social-accounts/callback"
GRAPH_VERSION = "v23.0"
# Just enough of each format for the emulators' signature checks.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 2048
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 512
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 4096


@dataclass
class MetaSandbox:
    """The running emulators and what tests need to drive them."""

    base: str
    store: SandboxStore
    captured: list[httpx.Request] = field(default_factory=list)

    def media_url(self, name: str) -> str:
        return f"{self.base}/media/{name}"

    def config(self, platform: str, timeout: float = 5.0) -> ConnectorConfig:
        root = f"{self.base}/{platform}"
        return ConnectorConfig(
            platform=platform,
            client_id=f"sandbox-{platform}-client",
            client_secret=f"sandbox-{platform}-secret",
            redirect_uri=REDIRECT_URI,
            api_base=root,
            auth_base=root,
            token_base=root,
            upload_base=root,
            sandbox=True,
            timeout_seconds=timeout,
            options={"graph_version": GRAPH_VERSION},
        )

    def connector(self, platform: str, timeout: float = 5.0, capture: bool = False) -> Any:
        """A connector on a real httpx.Client; `capture` records every outgoing request."""
        hooks = {"request": [self.captured.append]} if capture else {}
        client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=5.0), follow_redirects=False, event_hooks=hooks
        )
        cls = FacebookConnector if platform == "facebook" else InstagramConnector
        return cls(self.config(platform, timeout), client)

    def arm(self, platform: str, kind: str, **extra: Any) -> None:
        """Arm a fault through the admin API, as a developer would."""
        response = httpx.post(
            f"{self.base}/_admin/faults", json={"platform": platform, "kind": kind, **extra}
        )
        assert response.status_code == 201, response.text

    def published(self, platform: str) -> list[dict[str, Any]]:
        response = httpx.get(f"{self.base}/_admin/published", params={"platform": platform})
        response.raise_for_status()
        result: list[dict[str, Any]] = response.json()
        return result


def build_app(store: SandboxStore) -> FastAPI:
    settings = Settings(_env_file=None, sandbox_latency_ms=0)  # type: ignore[call-arg]
    app = FastAPI()
    app.include_router(admin_router(store))
    app.include_router(fb_emulator.router(store, settings), prefix="/facebook")
    app.include_router(ig_emulator.router(store, settings), prefix="/instagram")
    files = {
        "photo.jpg": (JPEG, "image/jpeg"),
        "photo2.jpg": (JPEG + b"2", "image/jpeg"),
        "photo.png": (PNG, "image/png"),
        "clip.mp4": (MP4, "video/mp4"),
        "notavideo.mp4": (b"plain text, not a video" * 10, "video/mp4"),
    }

    @app.get("/media/{name}")
    def media(name: str) -> Response:
        # Public media our app would serve signed; Meta's fetcher pulls these.
        if name == "big.jpg":
            return Response(JPEG + b"\x00" * (8 * 1024 * 1024 + 10), media_type="image/jpeg")
        if name not in files:
            return Response("not found", status_code=404)
        body, mime = files[name]
        return Response(body, media_type=mime)

    return app


@pytest.fixture(scope="module", name="meta_sandbox")
def meta_sandbox_fixture() -> Iterator[MetaSandbox]:
    store = SandboxStore(b"meta-test-secret")
    with serve_app(build_app(store)) as base:
        yield MetaSandbox(base=base, store=store)


@pytest.fixture(name="sandbox")
def sandbox_fixture(meta_sandbox: MetaSandbox) -> Iterator[MetaSandbox]:
    """The module's emulators, with faults, records and objects cleared for each test."""
    meta_sandbox.store.reset()
    meta_sandbox.captured.clear()
    yield meta_sandbox
    meta_sandbox.store.reset()


def image(sandbox: MetaSandbox, name: str = "photo.jpg", alt: str | None = None) -> MediaItem:
    return MediaItem(
        kind="image",
        mime_type="image/jpeg",
        size_bytes=len(JPEG),
        url=sandbox.media_url(name),
        alt_text=alt,
    )


def video(sandbox: MetaSandbox, name: str = "clip.mp4") -> MediaItem:
    return MediaItem(
        kind="video", mime_type="video/mp4", size_bytes=len(MP4), url=sandbox.media_url(name)
    )


@dataclass
class Consent:
    """What the browser saw on the way back to our callback."""

    location: str
    params: dict[str, str]


def consent(
    sandbox: MetaSandbox, connector: MetaConnector, state: str, decision: str, username: str
) -> Consent:
    """Open the Login dialog, submit its form like a browser, follow nothing: return the 302."""
    url = connector.authorization_url(state, "unused-challenge")
    page = httpx.get(url)
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    assert "<form" in page.text
    action = re.search(r'<form method="post" action="([^"]+)"', page.text)
    assert action
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text))
    form = {
        **{k: _unescape(v) for k, v in hidden.items()},
        "username": username,
        "decision": decision,
    }
    answer = httpx.post(urljoin(url, _unescape(action.group(1))), data=form)
    assert answer.status_code == 302
    location = answer.headers["location"]
    query = urlsplit(location).query
    params = {k: v[0] for k, v in parse_qs(query).items()}
    return Consent(location, params)


def connect(sandbox: MetaSandbox, platform: str, username: str) -> tuple[Any, TokenSet]:
    """The whole OAuth dance; returns the connector and its tokens."""
    connector = sandbox.connector(platform)
    result = consent(sandbox, connector, "state-xyz", "approve", username)
    tokens = connector.exchange_code(result.params["code"], "unused-verifier")
    return connector, tokens


def _unescape(value: str) -> str:
    import html

    return html.unescape(value)
