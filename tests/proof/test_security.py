"""Security pass over real HTTP: cross-tenant access on every object endpoint (enumerated from
the OpenAPI document), token tampering, refresh-token reuse, the login throttle, upload abuse,
the SSRF corpus for every URL the server fetches, and no secret in any response."""

from __future__ import annotations

import base64
import io
import json
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import httpx
import hypothesis
import jwt
import pytest
import schemathesis
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import select, update

from socialflow.app import create_app
from socialflow.core.clock import utcnow
from socialflow.core.config import Settings
from socialflow.core.context import AppContext
from socialflow.core.db import Database
from socialflow.core.security import JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER
from socialflow.models import OutboxEmail, ThrottleEvent
from tests.fixtures.oauth import ConsentForm, connected_id, consent
from tests.fixtures.servers import LoopbackPort
from tests.fixtures.smtp import Mailbox
from tests.media.files import image, png_bomb
from tests.proof.fuzz import load_schema
from tests.proof.world import World, register, stored_secrets

# Every path parameter naming an object; a new one must be taught to tests/proof/world.py.
MIN_OBJECT_OPERATIONS = 36  # operations with an object id in the path (workspaces included)


class Recorder:
    """An httpx client that keeps every response body, to scan them all for secrets."""

    def __init__(self, base: str):
        self.bodies: list[str] = []
        self.http = httpx.Client(base_url=base, timeout=60, event_hooks={"response": [self._keep]})

    def _keep(self, response: httpx.Response) -> None:
        response.read()
        self.bodies.append(f"{response.headers}\n{response.text}")


@pytest.fixture
def rec(served: dict[str, Any], world: World) -> Iterator[Recorder]:
    """Every response a test gets through `rec.http`; at the end none holds a secret."""
    recorder = Recorder(served["base"])
    yield recorder
    recorder.http.close()
    secrets = set(world.secrets + stored_secrets(served["ctx"]))
    for body in recorder.bodies:
        for secret in secrets:
            assert secret not in body, "a secret appeared in an API response"


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# --------------------------------------------------------------------------- cross-tenant


def _object_operations(schema: schemathesis.BaseSchema) -> list[schemathesis.APIOperation]:
    out = []
    for result in schema.get_all_operations():
        op = result.ok()
        names = [p.name for p in op.path_parameters]
        if any(n.endswith("id") for n in names):
            out.append(op)
    return out


def _valid_body(op: schemathesis.APIOperation) -> Any:
    """The simplest body the schema accepts (None when the operation takes none)."""
    if op.body is None or not len(op.body):
        return None
    case = hypothesis.find(
        op.as_strategy(),
        lambda _: True,
        # The first example the schema yields: shrinking to the smallest costs seconds each.
        settings=hypothesis.settings(
            database=None, max_examples=10, deadline=None, phases=[hypothesis.Phase.generate]
        ),
    )
    return case.body


def test_another_users_ids_are_404_on_every_object_endpoint(
    served: dict[str, Any], world: World, rec: Recorder
) -> None:
    schema = load_schema(served["base"])
    operations = _object_operations(schema)
    assert len(operations) >= MIN_OBJECT_OPERATIONS
    intruder = register(rec.http)
    before = {
        name: rec.http.get(path.format(oid), headers=world.headers).json()
        for name, path, oid in _readable(world)
    }
    covered = []
    for op in operations:
        params = {p.name: p for p in op.path_parameters}
        missing = [n for n in params if n not in world.ids]
        assert not missing, f"{op.label}: no fixture object for {missing}; add one to world.py"
        path = op.path.format(**{n: world.ids[n] for n in params})
        body = _valid_body(op)
        kwargs: dict[str, Any] = {"json": body} if body is not None else {}
        r = rec.http.request(
            op.method.upper(), path, headers=_bearer(intruder["access_token"]), **kwargs
        )
        assert r.status_code == 404, f"{op.label} as another user: {r.status_code} {r.text}"
        assert r.json()["error"]["code"].endswith("not_found"), op.label
        # The same, naming the owner's workspace in the header: not a member, so 404.
        as_member = {**_bearer(intruder["access_token"]), "X-Workspace-Id": world.user_id}
        r = rec.http.request(op.method.upper(), path, headers=as_member, **kwargs)
        assert r.status_code == 404, f"{op.label} with the workspace header: {r.text}"
        assert r.json()["error"]["code"].endswith("not_found"), op.label
        # Same answer as for an id that exists nowhere: no oracle for other users' ids.
        ghost = op.path.format(**{n: uuid.uuid4() for n in params})
        g = rec.http.request(op.method.upper(), ghost, headers=world.headers, **kwargs)
        assert g.status_code == 404, f"{op.label} with an unknown id: {g.status_code} {g.text}"
        covered.append(op.label)
    assert len(covered) == len(operations)
    # The intruder's calls changed nothing the owner sees.
    after = {
        name: rec.http.get(path.format(oid), headers=world.headers).json()
        for name, path, oid in _readable(world)
    }
    for name in before:
        assert _stable(after[name]) == _stable(before[name]), name


def _readable(world: World) -> list[tuple[str, str, str]]:
    paths = {
        "post_id": "/api/posts/{}",
        "media_id": "/api/media/{}",
        "item_id": "/api/library/{}",
        "account_id": "/api/social-accounts/{}/stats",
    }
    return [(n, p, world.ids[n]) for n, p in paths.items() if n in world.ids]


def _stable(body: Any) -> Any:
    """The body without fields that change on every read (fresh signed URLs, clocks)."""
    if isinstance(body, dict):
        return {
            k: _stable(v)
            for k, v in body.items()
            if not (k.endswith("url") or k in ("as_of", "generated_at", "expires_at"))
        }
    if isinstance(body, list):
        return [_stable(v) for v in body]
    return body


def test_ids_of_another_user_in_a_body_are_refused(world: World, rec: Recorder) -> None:
    intruder = _bearer(register(rec.http)["access_token"])
    r = rec.http.post(
        "/api/posts",
        headers=intruder,
        json={"content": "hi", "social_account_ids": [world.ids["account_id"]]},
    )
    assert r.status_code in (404, 422), r.text
    r = rec.http.post(
        "/api/posts",
        headers=intruder,
        json={"content": "hi", "platforms": ["twitter"], "media_ids": [world.ids["media_id"]]},
    )
    assert r.status_code in (404, 422), r.text
    mine = rec.http.get("/api/posts", headers=intruder).json()
    assert mine["total"] == 0
    # A member of their own team workspace, naming the other workspace's ids in bodies.
    team = rec.http.post("/api/workspaces", json={"name": "Mine"}, headers=intruder).json()
    in_team = {**intruder, "X-Workspace-Id": team["id"]}
    for body in (
        {"content": "hi", "social_account_ids": [world.ids["account_id"]]},
        {"content": "hi", "platforms": ["twitter"], "media_ids": [world.ids["media_id"]]},
    ):
        r = rec.http.post("/api/posts", headers=in_team, json=body)
        assert r.status_code in (404, 422), r.text
    r = rec.http.post(
        f"/api/workspaces/{team['id']}/transfer", headers=in_team, json={"user_id": world.user_id}
    )
    assert r.status_code == 422, r.text  # not a member of the intruder's team
    r = rec.http.post(
        "/api/posts/bulk-delete", headers=in_team, json={"post_ids": [world.ids["post_id"]]}
    )
    assert r.status_code == 404, r.text
    assert (
        rec.http.get(f"/api/posts/{world.ids['post_id']}", headers=world.headers).status_code == 200
    )
    assert rec.http.get("/api/posts", headers=in_team).json()["total"] == 0


# --------------------------------------------------------------------------- tokens


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _claims(world: World, **change: Any) -> dict[str, Any]:
    now = utcnow()
    claims = {
        "sub": world.user_id,
        "iat": now,
        "exp": now + timedelta(minutes=5),
        "iss": JWT_ISSUER,
        "aud": JWT_AUDIENCE,
        "typ": "access",
    }
    claims.update(change)
    return claims


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")  # on purpose
def test_tampered_tokens_are_401(served: dict[str, Any], world: World, rec: Recorder) -> None:
    ctx: AppContext = served["ctx"]
    key = ctx.security.access.key
    token = world.access_token
    head, payload, sig = token.split(".")
    other = register(rec.http)
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = other["user"]["id"]
    now = utcnow()
    forged = {
        "signature flipped": f"{head}.{payload}.{sig[:-2]}{'AA' if sig[-2:] != 'AA' else 'BB'}",
        "payload swapped": f"{head}.{_b64(claims)}.{sig}",
        "alg none": f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{payload}.",
        "another key": jwt.encode(_claims(world), b"k" * 32, algorithm=JWT_ALGORITHM),
        "HS512 same key": jwt.encode(_claims(world), key, algorithm="HS512"),
        "expired": jwt.encode(
            _claims(world, iat=now - timedelta(hours=2), exp=now - timedelta(hours=1)),
            key,
            algorithm=JWT_ALGORITHM,
        ),
        "wrong audience": jwt.encode(_claims(world, aud="other"), key, algorithm=JWT_ALGORITHM),
        "not an access token": jwt.encode(
            _claims(world, typ="refresh"), key, algorithm=JWT_ALGORITHM
        ),
        "refresh token as bearer": world.refresh_token,
        "garbage": "not.a.token",
    }
    for name, bad in forged.items():
        r = rec.http.get("/api/auth/me", headers=_bearer(bad))
        assert r.status_code == 401, f"{name}: {r.status_code}"
        assert r.json()["error"]["code"] in ("invalid_token", "unauthorized"), name
        assert r.headers.get("www-authenticate", "").startswith("Bearer"), name
    # The SSE stream takes its token as a query parameter: the same rules.
    r = rec.http.get("/api/posts/events", params={"access_token": forged["alg none"]})
    assert r.status_code == 401
    # The genuine token still works (nothing above poisoned a cache).
    assert rec.http.get("/api/auth/me", headers=world.headers).json()["id"] == world.user_id


def test_refresh_token_reuse_revokes_the_family(world: World, rec: Recorder) -> None:
    first = world.refresh_token
    r = rec.http.post("/api/auth/refresh", json={"refresh_token": first})
    assert r.status_code == 200, r.text
    second = r.json()["refresh_token"]
    assert second != first
    reused = rec.http.post("/api/auth/refresh", json={"refresh_token": first})
    assert reused.status_code == 401
    assert reused.json()["error"]["code"] == "refresh_token_reused"
    # The thief's replay ended the whole session: the legitimate newer token is dead too.
    after = rec.http.post("/api/auth/refresh", json={"refresh_token": second})
    assert after.status_code == 401
    # Other sessions of the same user are untouched.
    login = rec.http.post(
        "/api/auth/login", json={"email": world.email, "password": world.password}
    )
    assert login.status_code == 200
    fresh = login.json()["refresh_token"]
    again = rec.http.post("/api/auth/refresh", json={"refresh_token": fresh})
    assert again.status_code == 200


def test_login_throttle_is_429_with_retry_after(
    served: dict[str, Any], world: World, rec: Recorder
) -> None:
    limit = served["ctx"].settings.login_max_failures
    for _ in range(limit):
        r = rec.http.post("/api/auth/login", json={"email": world.email, "password": "wrong!!!"})
        assert r.status_code == 401
    for password in ("wrong again", world.password):  # even the right password waits
        r = rec.http.post("/api/auth/login", json={"email": world.email, "password": password})
        assert r.status_code == 429, r.text
        assert r.json()["error"]["code"] == "too_many_attempts"
        assert 0 < int(r.headers["retry-after"]) <= served["ctx"].settings.login_window_seconds


# --------------------------------------------------------------------------- uploads


def _upload(rec: Recorder, world: World, data: bytes, name: str, ctype: str) -> httpx.Response:
    return rec.http.post(
        "/api/posts/upload-media", headers=world.headers, files={"file": (name, data, ctype)}
    )


def _media_total(rec: Recorder, world: World) -> int:
    return int(rec.http.get("/api/media", headers=world.headers).json()["total"])


def test_upload_abuse_is_refused_and_stores_nothing(
    served: dict[str, Any], world: World, rec: Recorder
) -> None:
    settings = served["ctx"].settings
    settings.max_upload_mb = 1  # the same check as at 512 MB, without sending 512 MB
    start = _media_total(rec, world)
    cap = settings.max_upload_mb * 1024 * 1024
    oversize = image("PNG") + b"\0" * (cap + 1)
    cases = {
        "oversize": (oversize, "big.png", "image/png", 413),
        "zero bytes": (b"", "empty.png", "image/png", 400),
        "script named .png": (b"#!/bin/sh\nrm -rf /\n" * 20, "x.png", "image/png", 415),
        "html named .jpg": (b"<html><script>alert(1)</script></html>" * 5, "a.jpg", "image/jpeg",
                            415),
        "image bomb": (png_bomb(60_000, 60_000), "bomb.png", "image/png", 413),
    }  # fmt: skip
    for name, (data, filename, ctype, status) in cases.items():
        r = _upload(rec, world, data, filename, ctype)
        assert r.status_code == status, f"{name}: {r.status_code} {r.text[:200]}"
        assert r.json()["error"]["message"], name
    assert _media_total(rec, world) == start
    # A real image under a lying name and type is stored as what its bytes are.
    r = _upload(rec, world, image("PNG"), "clip.mp4", "video/mp4")
    assert r.status_code == 201, r.text
    assert r.json()["kind"] == "image" and r.json()["mime_type"] == "image/png"


# --------------------------------------------------------------------------- SSRF


class _Canary(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        body = image("PNG")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def canary() -> Iterator[tuple[int, list[str]]]:
    """A loopback server holding a real image; no import may ever reach it."""
    hits: list[str] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), type("C", (_Canary,), {"hits": hits}))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], hits
    server.shutdown()
    server.server_close()


SSRF_CORPUS = (
    "http://127.0.0.1:{port}/a.png",
    "http://localhost:{port}/a.png",
    "http://127.1:{port}/a.png",
    "http://2130706433:{port}/a.png",
    "http://0x7f000001:{port}/a.png",
    "http://0177.0.0.1:{port}/a.png",
    "http://0.0.0.0:{port}/a.png",
    "http://[::1]:{port}/a.png",
    "http://[::ffff:127.0.0.1]:{port}/a.png",
    "http://[::ffff:7f00:1]:{port}/a.png",
    "http://[64:ff9b::7f00:1]:{port}/a.png",
    "http://[2002:7f00:1::]:{port}/a.png",
    "http://user:pass@127.0.0.1:{port}/a.png",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00:ec2::254]/latest/meta-data/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://10.0.0.1/a.png",
    "http://172.16.0.1/a.png",
    "http://192.168.1.1/a.png",
    "http://100.64.0.1/a.png",
    "http://224.0.0.1/a.png",
    "http://255.255.255.255/a.png",
    "file:///etc/passwd",
    "gopher://127.0.0.1:{port}/_GET",
    "ftp://127.0.0.1:{port}/a.png",
    "dict://127.0.0.1:{port}/",
    "http://127.0.0.1.nip.io:{port}/a.png",
    "http:///a.png",
    "//127.0.0.1:{port}/a.png",
)


def _url_fields(spec: dict[str, Any]) -> set[tuple[str, str]]:
    """(operation, field) of every request body field that takes a URL or URI."""
    found = set()
    schemas = spec["components"]["schemas"]
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            content = op.get("requestBody", {}).get("content", {})
            ref = content.get("application/json", {}).get("schema", {}).get("$ref")
            if not ref:
                continue
            props = schemas[ref.rsplit("/", 1)[1]].get("properties", {})
            for name, prop in props.items():
                if "url" in name.lower() or "uri" in name.lower() or prop.get("format") == "uri":
                    found.add((f"{method.upper()} {path}", name))
    return found


def test_ssrf_corpus_never_reaches_a_private_address(
    world: World, rec: Recorder, canary: tuple[int, list[str]]
) -> None:
    spec = rec.http.get("/api/openapi.json").json()
    # The server fetches on a user's behalf only here; a new URL field must join this test.
    assert _url_fields(spec) == {("POST /api/media/import", "url")}
    port, hits = canary
    start = _media_total(rec, world)
    for template in SSRF_CORPUS:
        url = template.format(port=port)
        r = rec.http.post("/api/media/import", headers=world.headers, json={"url": url})
        assert r.status_code in (400, 422), f"{url}: {r.status_code} {r.text[:200]}"
        assert r.json()["error"]["message"], url
    assert hits == [], "an import reached the loopback canary"
    assert _media_total(rec, world) == start


# =========================================================================== hardening
# One test (or a few) per finding of the security issue "a connect link must not hand someone
# else's account to its starter; limits on what one request can cost; tokens that die when
# they should". Each fails on the code before the fix.


# --------------------------------------------------------------------------- 1. OAuth state


def _approve(client: httpx.Client, auth_url: str, username: str) -> httpx.Response:
    """Open a consent page, approve as `username`, follow the platform's redirect to our
    callback; returns the callback's answer."""
    page = client.get(auth_url)
    page.raise_for_status()
    form = ConsentForm()
    form.feed(page.text)
    assert form.action is not None
    data = {**form.fields, "username": username, "decision": "approve"}
    r = client.post(urljoin(str(page.url), form.action), data=data)
    while r.status_code in (302, 303) and "/api/social-accounts/callback" not in str(r.url):
        r = client.get(urljoin(str(r.url), r.headers["location"]))
    assert "/api/social-accounts/callback" in str(r.url), r.text[:300]
    return r


def _usernames(rec: Recorder, world: World) -> set[str]:
    items = rec.http.get("/api/social-accounts", headers=world.headers).json()["items"]
    return {a["username"] for a in items}


def test_a_connect_link_opened_in_another_browser_attaches_nothing(
    served: dict[str, Any], world: World, rec: Recorder
) -> None:
    base = served["base"]
    with httpx.Client(base_url=base, timeout=30, follow_redirects=False) as starter:
        r = starter.post(
            "/api/social-accounts/connect", json={"platform": "twitter"}, headers=world.headers
        )
        assert r.status_code == 200, r.text
        cookie = r.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie
        assert "path=/api/social-accounts/callback" in cookie
        auth_url = r.json()["authorization_url"]
        before = _usernames(rec, world)

        # Someone else's browser (no cookie of ours) opens the link and approves as itself.
        with httpx.Client(timeout=30, follow_redirects=False) as victim:
            answer = _approve(victim, auth_url, "victim_brand")
        assert answer.status_code == 400
        assert "Nothing was connected" in answer.text
        assert "started in another browser" in answer.text
        assert _usernames(rec, world) == before

        # The state is burnt: the same callback in the starting browser attaches nothing.
        replay = starter.get(str(answer.url))
        assert replay.status_code == 302
        assert "error=state_used" in replay.headers["location"]
    assert "victim_brand" not in _usernames(rec, world)


def test_a_connect_in_the_starting_browser_still_works(world: World, rec: Recorder) -> None:
    final = consent(world.base_url, world.access_token, "twitter", "own_brand")
    assert connected_id(final)
    assert "own_brand" in _usernames(rec, world)


# --------------------------------------------------------------------------- 2. body limits


def _raw_request(base: str, head: str, body: bytes, read_timeout: float = 10) -> str:
    """Send a request head and only `body` (even if it announces more); the status line of
    whatever the server answers without waiting for the rest."""
    url = httpx.URL(base)
    with socket.create_connection((url.host, url.port), timeout=read_timeout) as sock:
        sock.sendall(head.encode() + body)
        answer = sock.recv(65536).decode("latin-1")
    return answer


def test_oversized_bodies_are_refused_before_they_are_read(served: dict[str, Any]) -> None:
    base = served["base"]
    huge = 200 * 1024 * 1024
    # No signature: refused before a byte of the body is read.
    answer = _raw_request(
        base,
        f"POST /api/webhooks/stripe HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Content-Length: {huge}\r\n\r\n",
        b"{" * 1024,
    )
    assert answer.startswith("HTTP/1.1 400"), answer[:200]
    assert "invalid_signature" in answer and "Missing Stripe-Signature header" in answer
    # Signed, but far beyond the webhook cap: 413 from the announced length alone.
    answer = _raw_request(
        base,
        f"POST /api/webhooks/stripe HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Stripe-Signature: t=1,v1=00\r\nContent-Length: {huge}\r\n\r\n",
        b"{" * 1024,
    )
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    answer = _raw_request(
        base,
        f"POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Content-Length: {huge}\r\n\r\n",
        b"{",
    )
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert "body_too_large" in answer


def test_a_chunked_body_is_cut_off_at_the_cap(served: dict[str, Any]) -> None:
    """No Content-Length to refuse by: the body is counted as it streams in."""
    cap = served["ctx"].settings.max_body_kb * 1024
    chunk = b"a" * 65536
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(cap // len(chunk) + 2))
    answer = _raw_request(
        served["base"],
        "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n",
        chunks,
    )
    assert answer.startswith("HTTP/1.1 413"), answer[:200]


def test_uploads_keep_their_own_larger_cap(world: World, rec: Recorder) -> None:
    noise = Image.frombytes("RGB", (900, 900), random.Random(7).randbytes(900 * 900 * 3))
    out = io.BytesIO()
    noise.save(out, "PNG")
    assert len(out.getvalue()) > 1024 * 1024  # past the JSON cap
    r = _upload(rec, world, out.getvalue(), "big.png", "image/png")
    assert r.status_code == 201, r.text


# --------------------------------------------------------------------------- 4. tokens


def _reset_links(mailbox: Mailbox, email: str) -> list[str]:
    mailbox.wait_for(email, r"/reset-password\?token=")
    found = []
    for message in list(mailbox.messages):
        if email in str(message["To"]) and (body := message.get_body(("plain",))) is not None:
            found += re.findall(r"/reset-password\?token=([\w-]+)", body.get_content())
    return found


def _reset(rec: Recorder, token: str, password: str) -> httpx.Response:
    return rec.http.post(
        "/api/auth/password-reset/confirm", json={"token": token, "new_password": password}
    )


def test_a_password_change_voids_reset_links_and_access_tokens(
    world: World, rec: Recorder, mailbox: Mailbox
) -> None:
    rec.http.post("/api/auth/password-reset/request", json={"email": world.email})
    (stolen,) = _reset_links(mailbox, world.email)
    old_access = world.access_token
    r = rec.http.post(
        "/api/auth/password",
        json={"current_password": world.password, "new_password": "a fresh long secret"},
        headers=world.headers,
    )
    assert r.status_code == 200, r.text
    assert _reset(rec, stolen, "the thief's choice 1").status_code == 400
    # The access token issued before the change dies at once; the new one works.
    assert rec.http.get("/api/auth/me", headers=_bearer(old_access)).status_code == 401
    assert (
        rec.http.get("/api/auth/me", headers=_bearer(r.json()["access_token"])).status_code == 200
    )


def test_only_the_newest_reset_link_works_and_a_reset_voids_the_rest(
    world: World, rec: Recorder, mailbox: Mailbox
) -> None:
    for _ in range(2):
        rec.http.post("/api/auth/password-reset/request", json={"email": world.email})
    first, second = _reset_links(mailbox, world.email)[-2:]
    assert _reset(rec, first, "the thief's choice 2").status_code == 400
    assert _reset(rec, second, "my own new secret").status_code == 204
    assert rec.http.get("/api/auth/me", headers=world.headers).status_code == 401
    login = rec.http.post(
        "/api/auth/login", json={"email": world.email, "password": "my own new secret"}
    )
    assert login.status_code == 200


# --------------------------------------------------------------------------- 5. throttle


def _login(rec: Recorder, email: str, password: str, ip: str, **kw: Any) -> httpx.Response:
    # The served app trusts X-Forwarded-For from loopback (FORWARDED_ALLOW_IPS=127.0.0.1).
    headers = {"X-Forwarded-For": ip}
    return rec.http.post(
        "/api/auth/login", json={"email": email, "password": password}, headers=headers, **kw
    )


def test_an_attacker_elsewhere_cannot_lock_the_owner_out(
    served: dict[str, Any], world: World, rec: Recorder
) -> None:
    limit = served["ctx"].settings.login_max_failures
    for _ in range(limit):
        assert _login(rec, world.email, "guess", "203.0.113.9").status_code == 401
    assert _login(rec, world.email, "guess", "203.0.113.9").status_code == 429
    # The owner, from their own address, is not locked out by that.
    assert _login(rec, world.email, world.password, "198.51.100.7").status_code == 200


def test_a_distributed_guesser_is_slowed_but_a_known_browser_gets_in(
    served: dict[str, Any], world: World, rec: Recorder
) -> None:
    ctx: AppContext = served["ctx"]
    with httpx.Client(base_url=served["base"], timeout=30) as owner_browser:
        ok = owner_browser.post(
            "/api/auth/login", json={"email": world.email, "password": world.password}
        )
        assert ok.status_code == 200
        device = owner_browser.cookies.get("sf_device", path="/api/auth")
        assert device
        for i in range(ctx.settings.login_account_slow_after):
            assert _login(rec, world.email, "guess", f"203.0.113.{i + 1}").status_code == 401
        # Untrusted attempts on the account are now a few seconds apart (a delay, not a lock).
        slowed = _login(rec, world.email, world.password, "192.0.2.200")
        assert slowed.status_code == 429
        assert 1 <= int(slowed.headers["retry-after"]) <= ctx.settings.login_slow_seconds + 1
        # The owner's browser, known by its device cookie, is not slowed at all.
        again = owner_browser.post(
            "/api/auth/login",
            json={"email": world.email, "password": world.password},
            headers={"X-Forwarded-For": "192.0.2.201"},
        )
        assert again.status_code == 200, again.text
    # After the pause, anyone with the password gets in.
    with ctx.db.session() as session:
        for event in session.scalars(select(ThrottleEvent)):
            event.created_at -= timedelta(seconds=ctx.settings.login_slow_seconds + 1)
    assert _login(rec, world.email, world.password, "192.0.2.202").status_code == 200


def test_a_forged_device_cookie_is_no_pass(
    served: dict[str, Any], world: World, rec: Recorder
) -> None:
    for _ in range(served["ctx"].settings.login_max_failures):
        _login(rec, world.email, "guess", "203.0.113.50")
    forged = _login(
        rec, world.email, "guess", "203.0.113.50", cookies={"sf_device": "abc.0123456789abcdef"}
    )
    assert forged.status_code == 429


def _wait_up(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert proc.poll() is None, "socialflow serve exited"
        assert time.monotonic() < deadline, "socialflow serve did not start"
        time.sleep(0.2)


def test_serve_believes_forwarded_addresses_only_from_listed_proxies(
    tmp_path: Path, database_url: str
) -> None:
    """`socialflow serve` hands FORWARDED_ALLOW_IPS to uvicorn: from a listed proxy the
    client's address is X-Forwarded-For, from anyone else it is the connection's."""
    for trusted, expect_owner in (("127.0.0.1", 200), ("192.0.2.1", 429)):
        port = LoopbackPort()  # held until the server has bound it too (SO_REUSEADDR)
        env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "TEST_DATABASE_URL")}
        env.update(
            DATA_DIR=str(tmp_path / trusted),
            DATABASE_URL=f"sqlite:///{tmp_path / (trusted + '.db')}",
            FORWARDED_ALLOW_IPS=trusted,
            SECRET_KEY="serve-test-" + uuid.uuid4().hex,
            GC_FREEZE="false",
        )
        proc = subprocess.Popen(
            [sys.executable, "-m", "socialflow.cli", "serve", "--port", str(port.number)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = port.url
            _wait_up(f"{base}/readyz", proc)
            port.close()
            with httpx.Client(base_url=base, timeout=30) as http:
                user = register(http)
                http.cookies.clear()  # an attacker's client: no device cookie of the owner's
                for _ in range(5):
                    http.post(
                        "/api/auth/login",
                        json={"email": user["email"], "password": "guess"},
                        headers={"X-Forwarded-For": "203.0.113.9"},
                    )
                owner = http.post(
                    "/api/auth/login",
                    json={"email": user["email"], "password": user["password"]},
                    headers={"X-Forwarded-For": "198.51.100.7"},
                )
            assert owner.status_code == expect_owner, (trusted, owner.text)
        finally:
            port.close()
            proc.terminate()
            proc.wait(timeout=20)


# --------------------------------------------------------------------------- 6. e-mail


def test_reset_mails_are_limited_per_address_and_per_client(
    served: dict[str, Any], world: World, rec: Recorder, mailbox: Mailbox
) -> None:
    settings = served["ctx"].settings
    for _ in range(15):
        r = rec.http.post(
            "/api/auth/password-reset/request",
            json={"email": world.email},
            headers={"X-Forwarded-For": f"198.51.100.{uuid.uuid4().int % 200}"},
        )
        assert r.status_code == 202  # the same answer: nothing about the limit leaks
    mailbox.wait_for(world.email, r"reset-password")
    resets = [m for m in mailbox.messages if "Reset" in str(m["Subject"])]
    assert len(resets) == settings.mail_per_address_per_hour
    # One client asking for many addresses is stopped too.
    answers = [
        rec.http.post(
            "/api/auth/password-reset/request",
            json={"email": f"someone-{i}@example.com"},
            headers={"X-Forwarded-For": "203.0.113.77"},
        ).status_code
        for i in range(settings.mail_per_client_per_hour + 1)
    ]
    assert answers[-1] == 429 and set(answers[:-1]) == {202}


def test_nothing_the_registrant_typed_reaches_an_unverified_address(
    rec: Recorder, mailbox: Mailbox
) -> None:
    lure = "Jane. SECURITY ALERT: re-enter your card at https://evil.example/pay"
    r = rec.http.post(
        "/api/auth/register",
        json={
            "email": "target@example.com",
            "password": "correct horse battery",
            "full_name": lure,
        },
    )
    assert r.status_code == 201
    mailbox.wait_for("target@example.com", r"verify-email")
    (mail,) = [m for m in mailbox.messages if "target@example.com" in str(m["To"])]
    text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "SECURITY ALERT" not in text and "evil.example" not in text and "Jane" not in text


def test_sent_mail_keeps_no_live_link_and_is_purged_after_retention(
    served: dict[str, Any], world: World, rec: Recorder, mailbox: Mailbox
) -> None:
    ctx: AppContext = served["ctx"]
    rec.http.post("/api/auth/password-reset/request", json={"email": world.email})
    (token,) = _reset_links(mailbox, world.email)
    with ctx.db.read_sessions() as session:
        bodies = session.scalars(select(OutboxEmail.body_text)).all()
    assert bodies and all(token not in b for b in bodies)
    assert any("token=[redacted]" in b for b in bodies)
    # The housekeeping tick forgets mail past its retention period.
    with ctx.db.session() as session:
        session.execute(
            update(OutboxEmail).values(
                created_at=utcnow() - timedelta(days=ctx.settings.outbox_retention_days + 1)
            )
        )
    served["ctx"].extras["runner"].tick("auth.purge")
    with ctx.db.read_sessions() as session:
        assert session.scalars(select(OutboxEmail)).all() == []


# --------------------------------------------------------------------------- 7. sandbox admin


def test_sandbox_admin_is_refused_through_a_proxy(served: dict[str, Any]) -> None:
    with httpx.Client(base_url=served["base"], timeout=30) as http:
        for method, path in (
            ("GET", "/sandbox/stripe/_admin/events"),
            ("GET", "/sandbox/_admin/published"),
            ("POST", "/sandbox/stripe/_admin/advance"),
        ):
            r = http.request(method, path, headers={"X-Forwarded-For": "203.0.113.5"}, json={})
            assert r.status_code == 403, (path, r.status_code)
            assert r.json()["error"]["code"] == "sandbox_admin_forbidden"
        # A direct call from this machine (the tests', the benchmarks') still works.
        assert http.get("/sandbox/_admin/published").status_code == 200


def test_sandbox_admin_needs_the_token_when_one_is_set(settings: Settings, db: Database) -> None:
    ctx = AppContext.build(settings.model_copy(update={"sandbox_admin_token": "s3cret"}), db)
    with TestClient(create_app(ctx=ctx, start_jobs=False)) as client:
        assert client.get("/sandbox/_admin/published").status_code == 403
        ok = client.get("/sandbox/_admin/published", headers=_bearer("s3cret"))
        assert ok.status_code == 200


# --------------------------------------------------------------------------- 8. browser


def test_pages_carry_the_browser_hardening_headers(served: dict[str, Any], world: World) -> None:
    with httpx.Client(base_url=served["base"], timeout=30) as http:
        for path in ("/", "/compose", "/api/auth/me", "/api/docs"):
            r = http.get(path, headers=world.headers)
            assert r.headers["x-frame-options"] == "DENY", path
            assert r.headers["x-content-type-options"] == "nosniff", path
            assert r.headers["referrer-policy"], path
            csp = r.headers["content-security-policy"]
            assert "frame-ancestors 'none'" in csp, path
            assert "unsafe-inline" not in csp.split("script-src")[-1].split(";")[0], path
            assert "script-src 'self'" in csp or "default-src 'none'" in csp, path
        # Consent and checkout pages (server-rendered forms) cannot be framed either.
        connect = http.post(
            "/api/social-accounts/connect", json={"platform": "twitter"}, headers=world.headers
        )
        consent_page = http.get(connect.json()["authorization_url"])
        assert "frame-ancestors 'none'" in consent_page.headers["content-security-policy"]
        assert "strict-transport-security" not in consent_page.headers  # http: no HSTS


def test_hsts_under_https(settings: Settings, db: Database) -> None:
    ctx = AppContext.build(settings.model_copy(update={"public_url": "https://app.example"}), db)
    with TestClient(create_app(ctx=ctx, start_jobs=False)) as client:
        assert client.get("/healthz").headers["strict-transport-security"].startswith("max-age=")


def test_api_docs_are_self_hosted_and_off_in_production(
    served: dict[str, Any], settings: Settings, db: Database
) -> None:
    with httpx.Client(base_url=served["base"], timeout=30) as http:
        page = http.get("/api/docs")
        assert page.status_code == 200
        scripts = re.findall(r'<script[^>]*src="([^"]+)"', page.text)
        assert scripts and all(s.startswith("/api/docs/") for s in scripts)
        assert "<script>" not in page.text  # nothing inline: the CSP allows no inline script
        assert "cdn" not in page.text.lower()
        for src in scripts + re.findall(r'href="(/api/docs/[^"]+)"', page.text):
            assert http.get(src).status_code == 200, src
    production = settings.model_copy(update={"env": "production", "sandbox": True})
    ctx = AppContext.build(production, db)
    with TestClient(create_app(ctx=ctx, start_jobs=False)) as client:
        assert client.get("/api/docs").status_code == 404
        assert client.get("/api/openapi.json").status_code == 200  # the schema stays


def test_logout_refuses_a_cross_site_form_post(served: dict[str, Any], world: World) -> None:
    with httpx.Client(base_url=served["base"], timeout=30) as browser:
        login = browser.post(
            "/api/auth/login", json={"email": world.email, "password": world.password}
        )
        refresh = login.json()["refresh_token"]
        evil = browser.post(
            "/api/auth/logout",
            data={"x": "1"},
            headers={"Origin": "https://evil.example"},
        )
        assert evil.status_code == 403 and evil.json()["error"]["code"] == "cross_site"
        form = browser.post("/api/auth/logout", data={"x": "1"})
        assert form.status_code == 403
        # The session is intact; a same-origin logout works.
        assert browser.post("/api/auth/refresh", json={"refresh_token": refresh}).status_code == 200
        assert (
            browser.post("/api/auth/logout", headers={"Origin": served["base"]}).status_code == 204
        )


def test_cors_origins_are_honoured(settings: Settings, db: Database) -> None:
    allowed = "https://admin.example"
    ctx = AppContext.build(settings.model_copy(update={"cors_origins": [allowed]}), db)
    with TestClient(create_app(ctx=ctx, start_jobs=False)) as client:
        ask = {
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization",
        }
        ok = client.options("/api/auth/me", headers={"Origin": allowed, **ask})
        assert ok.headers.get("access-control-allow-origin") == allowed
        assert "access-control-allow-credentials" not in ok.headers
        other = client.options("/api/auth/me", headers={"Origin": "https://evil.example", **ask})
        assert "access-control-allow-origin" not in other.headers
