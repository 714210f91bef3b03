"""The sandbox harness for the connector tests: the real emulators served on a loopback port,
driven over HTTP the way the product and a developer drive them.

One harness for every platform: `serve_emulators({platform: router_factory})` serves the
admin API plus the given emulators (and, for pull-style APIs, a few media files), and yields
an `EmulatorHarness`: connector configs aimed at the emulators, faults armed through
`/_admin/faults`, what each platform accepted, a reset, and the OAuth consent page walked
like a browser. `Capture` keeps
what a connector's httpx client sent and received, for the request-contract tests.
"""

from __future__ import annotations

import hashlib
import html
import re
import struct
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx
import pytest
from fastapi import FastAPI
from fastapi.responses import Response

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
from socialflow.platforms.facebook import FacebookConnector
from socialflow.platforms.instagram import InstagramConnector
from socialflow.sandbox import facebook as fb_emulator
from socialflow.sandbox import instagram as ig_emulator
from socialflow.sandbox.core import SandboxStore, admin_router
from tests.fixtures.servers import serve_app

REDIRECT_URI = "http://127.0.0.1:8000/api/social-accounts/callback"
FORM = re.compile(r'<form method="post" action="([^"]*)"')
HIDDEN = re.compile(r'<input type="hidden" name="([^"]*)" value="([^"]*)">')
CONFIG_FIELDS = {f.name for f in fields(ConnectorConfig)}
RouterFactory = Callable[[SandboxStore, Settings], Any]

# Just enough of each format for the emulators' signature checks (pull-style media).
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 2048
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 512
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 4096
MEDIA_FILES: dict[str, tuple[bytes, str]] = {
    "photo.jpg": (JPEG, "image/jpeg"),
    "photo2.jpg": (JPEG + b"2", "image/jpeg"),
    "photo.png": (PNG, "image/png"),
    "clip.mp4": (MP4, "video/mp4"),
    "notavideo.mp4": (b"plain text, not a video" * 10, "video/mp4"),
    "big.jpg": (JPEG + b"\x00" * (8 * 1024 * 1024 + 10), "image/jpeg"),
}


@dataclass
class EmulatorHarness:
    """One served sandbox app and what tests need to drive it."""

    base: str
    store: SandboxStore
    settings: Settings
    redirect_uri: str = REDIRECT_URI
    options: dict[str, Any] = field(default_factory=dict)  # every config's options
    connector_classes: dict[str, type[Connector]] = field(default_factory=dict)
    captured: list[httpx.Request] = field(default_factory=list)

    # ---- connectors

    def config(self, platform: str, timeout: float = 5.0, **overrides: Any) -> ConnectorConfig:
        """A sandbox ConnectorConfig with every base at `{base}/{platform}`; keyword arguments
        naming ConnectorConfig fields override them, any others become options."""
        root = f"{self.base}/{platform}"
        values: dict[str, Any] = {
            "platform": platform,
            "client_id": f"sandbox-{platform}-client",
            "client_secret": f"sandbox-{platform}-secret",
            "redirect_uri": self.redirect_uri,
            "api_base": root,
            "auth_base": root,
            "token_base": root,
            "upload_base": root,
            "sandbox": True,
            "timeout_seconds": timeout,
            "options": dict(self.options),
        }
        for key, value in overrides.items():
            if key in CONFIG_FIELDS:
                values[key] = {**values["options"], **value} if key == "options" else value
            else:
                values["options"][key] = value
        return ConnectorConfig(**values)

    def connector(self, platform: str, timeout: float = 5.0, capture: bool = False) -> Any:
        """The platform's connector on a real httpx.Client; `capture` records its requests in
        `captured`."""
        hooks = {"request": [self.captured.append]} if capture else {}
        client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=5.0), follow_redirects=False, event_hooks=hooks
        )
        return self.connector_classes[platform](self.config(platform, timeout), client)

    def media_url(self, name: str) -> str:
        """A file the emulators can fetch, as our signed media URLs are (see MEDIA_FILES)."""
        return f"{self.base}/media/{name}"

    # ---- the admin API, as a developer would use it

    def fault(
        self,
        platform: str,
        kind: str,
        *,
        times: int = 1,
        path: str | None = None,
        seconds: float = 0.0,
    ) -> None:
        """Arm a fault through the admin API."""
        body = {"platform": platform, "kind": kind, "times": times, "path": path}
        response = httpx.post(f"{self.base}/_admin/faults", json={**body, "seconds": seconds})
        assert response.status_code == 201, response.text

    def arm(self, platform: str, kind: str, **fault: Any) -> None:
        self.fault(platform, kind, **fault)

    def published(self, platform: str) -> list[dict[str, Any]]:
        response = httpx.get(f"{self.base}/_admin/published", params={"platform": platform})
        response.raise_for_status()
        result: list[dict[str, Any]] = response.json()
        return result

    def reset(self) -> None:
        assert httpx.post(f"{self.base}/_admin/reset").status_code == 204
        self.captured.clear()

    # ---- OAuth through the consent page

    def consent(
        self, authorize_url: str, *, username: str, decision: str = "approve"
    ) -> httpx.Response:
        """GET the consent page, check it is an HTML form, and submit it (the 302 answer)."""
        return submit_consent(authorize_url, username, decision)

    def authorize(
        self, connector: Connector, username: str = "sandbox_creator"
    ) -> tuple[dict[str, list[str]], str, str]:
        """Approve consent; returns (redirect query, state, verifier)."""
        state, verifier = new_state(), new_code_verifier()
        url = connector.authorization_url(state, code_challenge_s256(verifier))
        response = self.consent(url, username=username)
        assert response.status_code == 302
        location = response.headers["location"]
        assert location.startswith(self.redirect_uri)
        return parse_qs(urlsplit(location).query), state, verifier

    def connect(self, connector: Connector, username: str = "sandbox_creator") -> TokenSet:
        """The full OAuth dance over HTTP, ending in tokens."""
        query, state, verifier = self.authorize(connector, username)
        assert query["state"] == [state]
        return connector.exchange_code(query["code"][0], verifier)


def submit_consent(authorize_url: str, username: str, decision: str = "approve") -> httpx.Response:
    """Walk an emulator's HTML consent page like a browser; the form's answer (no redirects)."""
    page = httpx.get(authorize_url)
    assert page.status_code == 200, page.text
    assert page.headers["content-type"].startswith("text/html")
    action = FORM.search(page.text)
    assert action, "the consent page has no POST form"
    form = {html.unescape(k): html.unescape(v) for k, v in HIDDEN.findall(page.text)}
    form.update(username=username, decision=decision)
    return httpx.post(urljoin(authorize_url, html.unescape(action.group(1))), data=form)


def consent_location(
    auth_url: str, username: str = "sandbox_creator", decision: str = "approve"
) -> str:
    """Walk the consent page; the redirect Location it answers with."""
    answer = submit_consent(auth_url, username, decision)
    assert answer.status_code == 302, answer.text
    return answer.headers["location"]


@contextmanager
def serve_emulators(
    routers: dict[str, RouterFactory],
    *,
    settings: Settings | None = None,
    secret: bytes = b"emulator-tests",
    redirect_uri: str = REDIRECT_URI,
    options: dict[str, Any] | None = None,
    connector_classes: dict[str, type[Connector]] | None = None,
) -> Iterator[EmulatorHarness]:
    """Serve the admin API, the given `{platform: router_factory}` and the media files."""
    settings = settings or Settings(
        _env_file=None,  # type: ignore[call-arg]
        secret_key="emulator-tests",
        sandbox_latency_ms=0,
    )
    store = SandboxStore(hashlib.sha256(secret).digest())
    app = FastAPI()
    app.include_router(admin_router(store))
    for platform, factory in routers.items():
        app.include_router(factory(store, settings), prefix=f"/{platform}")

    @app.get("/media/{name}")
    def media(name: str) -> Response:
        # Public media our app would serve signed; pull-style platforms fetch these.
        if name not in MEDIA_FILES:
            return Response("not found", status_code=404)
        body, mime = MEDIA_FILES[name]
        return Response(body, media_type=mime)

    with serve_app(app) as base:
        yield EmulatorHarness(
            base=base,
            store=store,
            settings=settings,
            redirect_uri=redirect_uri,
            options=dict(options or {}),
            connector_classes=dict(connector_classes or {}),
        )


@dataclass
class Capture:
    """Requests (and responses) seen by an httpx client's event hooks, bodies read eagerly."""

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

    def matching(self, method: str, path_suffix: str) -> list[httpx.Request]:
        return [r for r in self.requests if r.method == method and r.url.path.endswith(path_suffix)]

    find = matching

    def one(self, method: str, path_suffix: str) -> httpx.Request:
        found = self.matching(method, path_suffix)
        assert len(found) == 1, f"expected one {method} *{path_suffix}, got {len(found)}"
        return found[0]

    def response_for(self, method: str, path_suffix: str) -> list[httpx.Response]:
        return [
            r
            for r in self.responses
            if r.request.method == method and r.request.url.path.endswith(path_suffix)
        ]


# ---------------------------------------------------------------- media items


def media_bytes(size: int, seed: int = 7) -> bytes:
    """Deterministic pseudo-random bytes (so a hash proves the exact bytes arrived)."""
    out = bytearray()
    block = hashlib.sha256(str(seed).encode()).digest()
    while len(out) < size:
        block = hashlib.sha256(block).digest()
        out.extend(block * 64)
    return bytes(out[:size])


def media_item(kind: str, data: bytes, mime: str, piece: int = 1000, **extra: Any) -> MediaItem:
    """A MediaItem streaming `data` in `piece`-byte pieces (to exercise re-chunking)."""

    def open_() -> Iterator[bytes]:
        for i in range(0, len(data), piece):
            yield data[i : i + piece]

    return MediaItem(
        kind=kind,  # type: ignore[arg-type]
        mime_type=mime,
        size_bytes=len(data),
        url=extra.pop("url", "http://media.socialflow.test/file"),
        open=open_,
        **extra,
    )


def video_item(data: bytes, *, mime: str = "video/mp4", duration: float = 12.0) -> MediaItem:
    """A 1080x1920 video MediaItem streaming `data` in 64 KiB pieces."""
    return media_item(
        "video",
        data,
        mime,
        piece=65536,
        url="https://media.socialflow.test/v/clip.mp4",
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


def png_bytes(width: int = 640, height: int = 480, salt: bytes = b"") -> bytes:
    """A PNG header with real IHDR dimensions (enough for the emulators' sniffing)."""
    ihdr = struct.pack(">II", width, height) + b"\x08\x02\x00\x00\x00"
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr + b"\0" * 4 + salt


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- Meta (Facebook, Instagram)

GRAPH_VERSION = "v23.0"
META_REDIRECT_URI = "https://app.example.test/api/social-accounts/callback"


@dataclass
class Consent:
    """What the browser saw on the way back to our callback."""

    location: str
    params: dict[str, str]


def meta_harness() -> AbstractContextManager[EmulatorHarness]:
    """The Facebook and Instagram emulators, with their connectors."""
    return serve_emulators(
        {"facebook": fb_emulator.router, "instagram": ig_emulator.router},
        secret=b"meta-test-secret",
        redirect_uri=META_REDIRECT_URI,
        options={"graph_version": GRAPH_VERSION},
        connector_classes={"facebook": FacebookConnector, "instagram": InstagramConnector},
    )


def image(sandbox: EmulatorHarness, name: str = "photo.jpg", alt: str | None = None) -> MediaItem:
    return MediaItem(
        kind="image",
        mime_type="image/jpeg",
        size_bytes=len(JPEG),
        url=sandbox.media_url(name),
        alt_text=alt,
    )


def video(sandbox: EmulatorHarness, name: str = "clip.mp4") -> MediaItem:
    return MediaItem(
        kind="video", mime_type="video/mp4", size_bytes=len(MP4), url=sandbox.media_url(name)
    )


def consent(
    sandbox: EmulatorHarness, connector: Connector, state: str, decision: str, username: str
) -> Consent:
    """Open the Login dialog, submit its form like a browser, follow nothing: return the 302."""
    answer = submit_consent(
        connector.authorization_url(state, "unused-challenge"), username, decision
    )
    assert answer.status_code == 302
    location = answer.headers["location"]
    return Consent(location, query_of(location))


def connect(sandbox: EmulatorHarness, platform: str, username: str) -> tuple[Any, TokenSet]:
    """The whole OAuth dance; returns the connector and its tokens."""
    connector = sandbox.connector(platform)
    result = consent(sandbox, connector, "state-xyz", "approve", username)
    tokens = connector.exchange_code(result.params["code"], "unused-verifier")
    return connector, tokens


@pytest.fixture(scope="module", name="meta_sandbox")
def meta_sandbox_fixture() -> Iterator[EmulatorHarness]:
    with meta_harness() as harness:
        yield harness


@pytest.fixture(name="sandbox")
def sandbox_fixture(meta_sandbox: EmulatorHarness) -> Iterator[EmulatorHarness]:
    """The module's Meta emulators, with faults, records and objects cleared for each test."""
    meta_sandbox.store.reset()
    meta_sandbox.captured.clear()
    yield meta_sandbox
    meta_sandbox.store.reset()


# ---------------------------------------------------------------- X and LinkedIn

# X and LinkedIn check the redirect URI registered for `{PUBLIC_URL}`.
XLI_PUBLIC_URL = "http://socialflow.test"
XLI_REDIRECT_URI = f"{XLI_PUBLIC_URL}/api/social-accounts/callback"
OPENAPI = (
    Path(__file__).resolve().parents[2] / ".." / "shared" / "contracts" / "x-api-v2-openapi.json"
)


@pytest.fixture(scope="module", name="sandbox_server")
def xli_sandbox_server() -> Iterator[EmulatorHarness]:
    from socialflow.sandbox import linkedin, twitter

    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        public_url=XLI_PUBLIC_URL,
        secret_key="xli-test-secret",
        env="test",
    )
    with serve_emulators(
        {"twitter": twitter.router, "linkedin": linkedin.router},
        settings=settings,
        secret=b"xli-tests",
        redirect_uri=XLI_REDIRECT_URI,
    ) as harness:
        yield harness


@pytest.fixture(name="sandbox")
def xli_sandbox(sandbox_server: EmulatorHarness) -> EmulatorHarness:
    """The module's X and LinkedIn emulators, reset to a clean state for each test."""
    sandbox_server.store.reset()
    return sandbox_server
