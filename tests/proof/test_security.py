"""Security pass over real HTTP: cross-tenant access on every object endpoint (enumerated from
the OpenAPI document), token tampering, refresh-token reuse, the login throttle, upload abuse,
the SSRF corpus for every URL the server fetches, and no secret in any response."""

from __future__ import annotations

import base64
import json
import threading
import uuid
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import hypothesis
import jwt
import pytest
import schemathesis

from socialflow.core.clock import utcnow
from socialflow.core.context import AppContext
from socialflow.core.security import JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER
from tests.media.files import image, png_bomb
from tests.proof.fuzz import load_schema
from tests.proof.world import World, register, stored_secrets

# Every path parameter naming an object; a new one must be taught to tests/proof/world.py.
MIN_OBJECT_OPERATIONS = 21  # operations with an object id in the path when this was written


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
