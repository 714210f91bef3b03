"""Import from URL: the SSRF corpus is refused before any connection; the good path works.

Two real HTTP servers on loopback, on the same port number: an "allowed origin" on 127.0.0.2
(allowed by the test-only CIDR setting, standing in for a public host) and a canary on
127.0.0.1 that must never be reached.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fastapi.testclient import TestClient

from socialflow.core.config import Settings
from socialflow.core.context import AppContext
from tests.media import files
from tests.media.conftest import asset_count, stored_files

PNG = files.image("PNG", (64, 40))


class Origin(BaseHTTPRequestHandler):
    hits: list[str]

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.hits.append(self.path)
        path, _, query = self.path.partition("?")
        if path == "/photo.png":
            self._send(200, PNG, "text/plain")  # the content type lies; bytes decide
        elif path == "/redirect":
            self.send_response(302)
            self.send_header("Location", query.removeprefix("to="))
            self.end_headers()
        elif path == "/loop":
            self.send_response(301)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif path == "/page.html":
            self._send(200, b"<html><body>" + b"x" * 500 + b"</body></html>", "image/png")
        elif path == "/big":
            self._send(200, files.noisy_jpeg((1000, 1000)), "image/jpeg")
        elif path == "/big-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.end_headers()
            data = files.noisy_jpeg((1000, 1000))
            try:
                for i in range(0, len(data), 65536):
                    self.wfile.write(data[i : i + 65536])
            except OSError:
                pass
        elif path == "/slow":
            self.send_response(200)
            self.send_header("Content-Length", str(len(PNG)))
            self.end_headers()
            try:
                for byte in PNG:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass
        else:
            self._send(404, b"nope", "text/plain")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _serve(host: str, port: int, hits: list[str]) -> ThreadingHTTPServer:
    handler = type("Handler", (Origin,), {"hits": hits})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def servers(settings: Settings) -> Iterator[dict[str, Any]]:
    """The allowed origin (127.0.0.2) and the canary (127.0.0.1), on one port number."""
    canary_hits: list[str] = []
    origin_hits: list[str] = []
    canary = _serve("127.0.0.1", 0, canary_hits)
    port = canary.server_address[1]
    origin = _serve("127.0.0.2", port, origin_hits)
    settings.media_import_test_only_allow_cidrs = ["127.0.0.2/32"]
    try:
        yield {
            "port": port,
            "origin": f"http://127.0.0.2:{port}",
            "canary_hits": canary_hits,
            "origin_hits": origin_hits,
        }
    finally:
        for server in (origin, canary):
            server.shutdown()
            server.server_close()


def _import(client: TestClient, headers: dict[str, str], url: str) -> Any:
    return client.post("/api/media/import", json={"url": url}, headers=headers)


def test_import_from_an_allowed_origin(
    servers: dict[str, Any], client: TestClient, auth_headers: dict[str, str]
) -> None:
    response = _import(client, auth_headers, f"{servers['origin']}/photo.png")
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["kind"], body["mime_type"], body["width"], body["height"]) == (
        "image",
        "image/png",
        64,
        40,
    )
    assert body["filename"] == "photo.png"
    assert client.get(body["url"]).content == PNG
    # Redirects between allowed hosts are followed.
    hop = f"{servers['origin']}/redirect?to={servers['origin']}/photo.png"
    assert _import(client, auth_headers, hop).status_code == 201
    assert servers["canary_hits"] == []


CORPUS = [
    ("http://127.0.0.1:{port}/", "loopback"),
    ("http://localhost:{port}/", "loopback"),
    ("http://LOCALHOST.:{port}/", "loopback"),
    ("http://10.0.0.1/", "private"),
    ("http://172.16.0.1/", "private"),
    ("http://192.168.1.1/", "private"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://[::1]:{port}/", "loopback"),
    ("http://[::ffff:127.0.0.1]:{port}/", "loopback address (IPv4-mapped in IPv6)"),
    ("http://[::ffff:169.254.169.254]/", "link-local"),
    ("http://[64:ff9b::7f00:1]:{port}/", "NAT64"),
    ("http://[2002:7f00:1::]/", "6to4"),
    ("http://[fe80::1]/", "link-local"),
    ("http://[fc00::1]/", "private"),
    ("http://0.0.0.0:{port}/", "unspecified"),
    ("http://2130706433:{port}/", "loopback"),  # decimal 127.0.0.1
    ("http://0177.0.0.1:{port}/", "loopback"),  # octal
    ("http://0x7f.1:{port}/", "loopback"),  # hex, short form
    ("http://127.1:{port}/", "loopback"),
    ("http://100.64.0.1/", "not a public address"),  # carrier-grade NAT
    ("http://224.0.0.1/", "multicast"),
    ("http://240.0.0.1/", "reserved"),
    ("https://192.0.2.10/", "private"),  # documentation range
]


def test_ssrf_corpus_is_refused_without_connecting(
    servers: dict[str, Any],
    client: TestClient,
    auth_headers: dict[str, str],
    ctx: AppContext,
    settings: Settings,
) -> None:
    """One test over the whole corpus (one app and user): each URL gets its own verdict."""
    wrong = []
    for template, reason in CORPUS:
        url = template.format(port=servers["port"])
        response = _import(client, auth_headers, url)
        error = response.json().get("error") or {}
        message = str(error.get("message", ""))
        if not (
            response.status_code == 400
            and error.get("code") == "unsafe_url"
            and message.startswith("url: refusing to fetch from")
            and reason in message
        ):
            wrong.append((url, response.status_code, response.text))
    assert wrong == []
    assert servers["canary_hits"] == []
    assert asset_count(ctx) == 0
    assert stored_files(settings) == []


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("file:///etc/passwd", "only http:// and https://"),
        ("ftp://example.com/a.png", "only http:// and https://"),
        ("gopher://127.0.0.1:70/", "only http:// and https://"),
        ("http://user:secret@example.com/a.png", "user name or password"),
        ("http:///a.png", "no host"),
        ("http://exa mple.com/a.png", "not a valid host name"),
        ("http://example.com:99999/", "not a valid URL"),
    ],
)
def test_bad_urls_are_refused(
    url: str, words: str, client: TestClient, auth_headers: dict[str, str]
) -> None:
    response = _import(client, auth_headers, url)
    assert response.status_code == 400
    assert words in response.json()["error"]["message"]


def test_public_name_resolving_to_loopback_is_refused(
    servers: dict[str, Any], client: TestClient, auth_headers: dict[str, str], ctx: AppContext
) -> None:
    ctx.extras["media_resolver"] = lambda host: ["127.0.0.1"]
    response = _import(client, auth_headers, f"http://cdn.example.com:{servers['port']}/a.png")
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert "cdn.example.com (127.0.0.1)" in message and "loopback" in message
    assert servers["canary_hits"] == []


def test_any_private_address_among_several_is_refused(
    client: TestClient, auth_headers: dict[str, str], ctx: AppContext
) -> None:
    ctx.extras["media_resolver"] = lambda host: ["93.184.216.34", "10.1.2.3"]
    response = _import(client, auth_headers, "http://mixed.example.com/a.png")
    assert response.status_code == 400
    assert "10.1.2.3" in response.json()["error"]["message"]


def test_dns_rebinding_has_no_window(
    servers: dict[str, Any], client: TestClient, auth_headers: dict[str, str], ctx: AppContext
) -> None:
    """The name is resolved once, checked, and that address is what the socket connects to."""
    answers = iter([["127.0.0.2"], ["127.0.0.1"], ["127.0.0.1"]])
    asked: list[str] = []

    def rebinding(host: str) -> list[str]:
        asked.append(host)
        return next(answers)

    ctx.extras["media_resolver"] = rebinding
    response = _import(client, auth_headers, f"http://rebind.example:{servers['port']}/photo.png")
    assert response.status_code == 201, response.text
    assert asked == ["rebind.example"]
    assert servers["origin_hits"] == ["/photo.png"]
    assert servers["canary_hits"] == []


@pytest.mark.parametrize(
    "target",
    ["http://127.0.0.1:{port}/photo.png", "http://169.254.169.254/latest/meta-data/"],
)
def test_redirect_to_a_private_address_is_refused(
    target: str,
    servers: dict[str, Any],
    client: TestClient,
    auth_headers: dict[str, str],
    ctx: AppContext,
) -> None:
    to = target.format(port=servers["port"])
    response = _import(client, auth_headers, f"{servers['origin']}/redirect?to={to}")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unsafe_url"
    assert servers["origin_hits"] == [f"/redirect?to={to}"]  # the first hop was fetched ...
    assert servers["canary_hits"] == []  # ... the private target never was
    assert asset_count(ctx) == 0


def test_redirect_loop_is_capped(
    servers: dict[str, Any], client: TestClient, auth_headers: dict[str, str], settings: Settings
) -> None:
    response = _import(client, auth_headers, f"{servers['origin']}/loop")
    assert response.status_code == 400
    assert "redirects" in response.json()["error"]["message"]
    assert len(servers["origin_hits"]) == settings.media_import_max_redirects + 1


@pytest.mark.parametrize("path", ["/big", "/big-chunked"])
def test_size_cap(
    path: str,
    servers: dict[str, Any],
    client: TestClient,
    auth_headers: dict[str, str],
    ctx: AppContext,
    settings: Settings,
) -> None:
    settings.max_upload_mb = 1
    response = _import(client, auth_headers, f"{servers['origin']}{path}")
    assert response.status_code == 413
    assert asset_count(ctx) == 0
    assert stored_files(settings) == []


def test_time_cap(
    servers: dict[str, Any],
    client: TestClient,
    auth_headers: dict[str, str],
    ctx: AppContext,
    settings: Settings,
) -> None:
    settings.media_import_timeout_seconds = 1.0
    started = time.monotonic()
    response = _import(client, auth_headers, f"{servers['origin']}/slow")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "fetch_timeout"
    assert time.monotonic() - started < 5
    assert stored_files(settings) == []


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [("/page.html", 415, "unsupported_media_type"), ("/missing", 400, "fetch_failed")],
)
def test_origin_answers_that_are_not_media(
    path: str,
    status: int,
    code: str,
    servers: dict[str, Any],
    client: TestClient,
    auth_headers: dict[str, str],
) -> None:
    response = _import(client, auth_headers, f"{servers['origin']}{path}")
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


def test_unreachable_host_is_a_clear_400(
    client: TestClient, auth_headers: dict[str, str], settings: Settings
) -> None:
    from tests.fixtures.servers import LoopbackPort

    settings.media_import_test_only_allow_cidrs = ["127.0.0.2/32"]
    with LoopbackPort() as port:  # held: no other test's server can be on it
        response = _import(client, auth_headers, f"http://127.0.0.2:{port.number}/a.png")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "fetch_failed"


def test_test_only_allowlist_is_ignored_in_production(
    servers: dict[str, Any], client: TestClient, auth_headers: dict[str, str], settings: Settings
) -> None:
    settings.env = "production"
    response = _import(client, auth_headers, f"{servers['origin']}/photo.png")
    assert response.status_code == 400
    assert "loopback" in response.json()["error"]["message"]
    assert servers["origin_hits"] == []
