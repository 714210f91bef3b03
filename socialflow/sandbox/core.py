"""Shared machinery of the platform emulators: signed tokens, consent page, faults, records.

Each emulator (`sandbox/<platform>.py`) is an APIRouter speaking that platform's real paths,
payloads, errors and rate-limit headers; it is mounted at `/sandbox/<platform>` in the embedded
app and by `socialflow sandbox`. Tokens are HMAC-signed so they survive a restart of the app.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import html
import json
import math
import secrets
import threading
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field

FaultKind = Literal[
    "latency",  # sleep `seconds` before answering
    "rate_limit",  # 429 with the platform's reset headers/body
    "server_error",  # 5xx
    "expired_token",  # 401 as for an expired access token
    "revoked",  # the platform's "app was de-authorized" answer
    "duplicate",  # the platform's duplicate-content rejection
    "timeout_after_create",  # create the post, then stall `seconds` (client times out)
    "media_failure",  # asynchronous media processing ends in error
]


@dataclass
class Fault:
    kind: FaultKind
    times: int = 1  # how many matching requests it hits; -1 = until cleared
    path: str | None = None  # only requests whose path contains this
    seconds: float = 0.0  # latency / stall
    after: int = 0  # let this many matching requests through first (e.g. part 3 of a thread)


@dataclass
class SandboxUser:
    """A persona on an emulated platform."""

    id: str
    username: str
    display_name: str
    created_at: float = field(default_factory=time.time)
    base_followers: int = 100

    def followers(self, now: float | None = None) -> int:
        """Followers grow by a few per hour since the persona was created."""
        hours = max(0.0, ((now or time.time()) - self.created_at) / 3600)
        return self.base_followers + int(hours * 3)


@dataclass
class Record:
    """One publish the emulated platform accepted."""

    platform: str
    post_id: str
    user_id: str
    text: str
    media: list[dict[str, Any]] = field(default_factory=list)
    created_at: float = field(default_factory=time.time)
    extra: dict[str, Any] = field(default_factory=dict)


def metric_growth(seed: str, created_at: float, now: float | None = None) -> dict[str, int]:
    """Deterministic engagement that grows with a post's age (log-shaped, seeded per post)."""
    age_h = max(0.0, ((now or time.time()) - created_at) / 3600)
    k = 1 + int(hashlib.sha256(seed.encode()).hexdigest()[:4], 16) % 50  # 1..50
    views = int(k * 40 * math.log1p(age_h * 4) + k * 5)
    return {
        "impressions": views,
        "likes": views // 12,
        "comments": views // 80,
        "shares": views // 60,
        "clicks": views // 30,
    }


class SandboxStore:
    """In-memory state of all emulators, guarded by one lock."""

    def __init__(self, secret: bytes):
        self.secret = secret
        self.lock = threading.RLock()
        self.users: dict[str, dict[str, SandboxUser]] = defaultdict(dict)  # platform -> id -> user
        self.codes: dict[str, dict[str, Any]] = {}  # code -> grant
        self.used_refresh: set[str] = set()
        self.revoked_subjects: set[tuple[str, str]] = set()  # (platform, user id)
        self.records: dict[str, list[Record]] = defaultdict(list)
        # The same records by (platform, account) and by (platform, post id): the emulators'
        # per-account checks (duplicates, daily caps) must not scan every post ever made.
        self._by_user: dict[tuple[str, str], list[Record]] = defaultdict(list)
        self._by_post: dict[tuple[str, str], Record] = {}
        self.faults: dict[str, list[Fault]] = defaultdict(list)
        self.objects: dict[str, dict[str, Any]] = {}  # containers, uploads, videos by id
        # An emulator's whole state as one object (the Anthropic fake's): kept apart from
        # `objects`, whose values the Meta emulators scan as dicts.
        self.states: dict[str, Any] = {}
        self.counters: dict[str, int] = defaultdict(int)

    # ---- ids
    def next_id(self, namespace: str, digits: int = 0) -> str:
        with self.lock:
            self.counters[namespace] += 1
            n = self.counters[namespace]
        if digits:
            # Large, time-ordered numeric ids like X's snowflakes.
            return str(int(time.time() * 1000) * 1000 + n % 1000).rjust(digits, "1")[-digits:]
        return str(n)

    # ---- personas
    def user(self, platform: str, username: str) -> SandboxUser:
        with self.lock:
            for existing in self.users[platform].values():
                if existing.username == username:
                    return existing
            digest = hashlib.sha256(f"{platform}:{username}".encode()).hexdigest()
            uid = str(int(digest[:15], 16))
            user = SandboxUser(
                id=uid,
                username=username,
                display_name=username.replace("_", " ").title(),
                base_followers=100 + int(digest[15:19], 16) % 5000,
            )
            self.users[platform][uid] = user
            return user

    def user_by_id(self, platform: str, uid: str) -> SandboxUser | None:
        with self.lock:
            return self.users[platform].get(uid)

    # ---- tokens: `sbx.<payload>.<mac>`, self-validating so they survive a restart
    def issue(self, platform: str, kind: str, subject: str, ttl: int, **claims: Any) -> str:
        payload = {
            "p": platform,
            "k": kind,
            "s": subject,
            "e": int(time.time()) + ttl,
            "n": secrets.token_hex(6),
            **claims,
        }
        raw = base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode())
        body = raw.decode().rstrip("=")
        mac = hmac.new(self.secret, body.encode(), hashlib.sha256).hexdigest()[:32]
        return f"sbx.{body}.{mac}"

    def verify(self, platform: str, kind: str, token: str | None) -> dict[str, Any] | None:
        """The token's claims, or None if forged, of another platform/kind, or expired."""
        if not token or not token.startswith("sbx.") or token.count(".") != 2:
            return None
        _, body, mac = token.split(".")
        good = hmac.new(self.secret, body.encode(), hashlib.sha256).hexdigest()[:32]
        if not hmac.compare_digest(mac, good):
            return None
        claims: dict[str, Any] = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        if claims.get("p") != platform or claims.get("k") != kind:
            return None
        if claims["e"] < time.time():
            return None
        return claims

    def is_revoked(self, platform: str, subject: str) -> bool:
        with self.lock:
            return (platform, subject) in self.revoked_subjects

    def revoke(self, platform: str, subject: str) -> None:
        with self.lock:
            self.revoked_subjects.add((platform, subject))

    def unrevoke(self, platform: str, subject: str) -> None:
        """A new consent restores a revoked persona."""
        with self.lock:
            self.revoked_subjects.discard((platform, subject))

    def consume_refresh(self, token: str) -> bool:
        """Mark a rotating refresh token used; False if it was used before."""
        with self.lock:
            if token in self.used_refresh:
                return False
            self.used_refresh.add(token)
            return True

    # ---- OAuth codes
    def new_code(self, grant: dict[str, Any]) -> str:
        code = secrets.token_urlsafe(24)
        with self.lock:
            self.codes[code] = {**grant, "expires": time.time() + 600}
        return code

    def take_code(self, code: str) -> dict[str, Any] | None:
        """Codes are single use and live 10 minutes."""
        with self.lock:
            grant = self.codes.pop(code, None)
        if grant is None or grant["expires"] < time.time():
            return None
        return grant

    # ---- faults
    def add_fault(self, platform: str, fault: Fault) -> None:
        with self.lock:
            self.faults[platform].append(fault)

    def take_fault(self, platform: str, path: str, kinds: set[str] | None = None) -> Fault | None:
        """The first armed fault matching this request (consuming one of its `times`)."""
        with self.lock:
            for fault in self.faults[platform]:
                if fault.path and fault.path not in path:
                    continue
                if kinds is not None and fault.kind not in kinds:
                    continue
                if fault.after > 0:
                    fault.after -= 1
                    continue
                if fault.times > 0:
                    fault.times -= 1
                    if fault.times == 0:
                        self.faults[platform].remove(fault)
                return fault
        return None

    # ---- records
    def record(self, rec: Record) -> Record:
        with self.lock:
            self.records[rec.platform].append(rec)
            self._by_user[(rec.platform, rec.user_id)].append(rec)
            self._by_post.setdefault((rec.platform, rec.post_id), rec)
        return rec

    def records_of(self, platform: str, user_id: str) -> list[Record]:
        """The account's records, oldest first (a copy)."""
        with self.lock:
            return list(self._by_user.get((platform, user_id), ()))

    def find_record(self, platform: str, post_id: str) -> Record | None:
        with self.lock:
            return self._by_post.get((platform, post_id))

    def reset(self) -> None:
        with self.lock:
            self.codes.clear()
            self.used_refresh.clear()
            self.revoked_subjects.clear()
            self.records.clear()
            self._by_user.clear()
            self._by_post.clear()
            self.faults.clear()
            self.objects.clear()
            self.states.clear()


# ---------------------------------------------------------------- consent page


def consent_page(
    *,
    platform_name: str,
    action: str,
    hidden: dict[str, str],
    scopes: list[str],
    default_username: str,
) -> HTMLResponse:
    """A real HTML form: pick a sandbox persona, then Approve or Deny."""
    fields = "".join(
        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
        for k, v in hidden.items()
    )
    scope_list = "".join(f"<li>{html.escape(s)}</li>" for s in scopes) or "<li>(none)</li>"
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(platform_name)} (sandbox): authorize Socialflow</title>
<style>body{{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}}
button{{font-size:1rem;padding:.6rem 1.2rem;margin-right:.5rem;border-radius:.4rem;
border:1px solid #888}}
.approve{{background:#2563eb;color:#fff;border-color:#2563eb}}
label{{display:block;margin:1rem 0 .3rem}}
input[type=text]{{font-size:1rem;padding:.4rem;width:100%}}</style></head><body>
<h1>{html.escape(platform_name)} <small>(sandbox)</small></h1>
<p><strong>Socialflow</strong> wants to access your account.</p>
<p>It asks for:</p><ul>{scope_list}</ul>
<form method="post" action="{html.escape(action)}">{fields}
<label for="username">Sandbox account to connect</label>
<input type="text" id="username" name="username" value="{html.escape(default_username)}"
 pattern="[A-Za-z0-9_.]{{1,30}}" required>
<p><button class="approve" type="submit" name="decision" value="approve">Authorize app</button>
<button type="submit" name="decision" value="deny" formnovalidate>Cancel</button></p>
</form></body></html>"""
    return HTMLResponse(page)


def consent_redirect(redirect_uri: str, params: dict[str, str]) -> RedirectResponse:
    sep = "&" if "?" in redirect_uri else "?"
    return RedirectResponse(f"{redirect_uri}{sep}{urlencode(params)}", status_code=302)


def pkce_ok(method: str | None, challenge: str | None, verifier: str | None) -> bool:
    """Check a PKCE verifier against the stored challenge (S256 or plain)."""
    if not challenge:
        return True
    if not verifier:
        return False
    if (method or "plain").upper() == "S256":
        digest = hashlib.sha256(verifier.encode()).digest()
        computed = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        return hmac.compare_digest(computed, challenge)
    return hmac.compare_digest(verifier, challenge)


async def apply_latency(store: SandboxStore, platform: str, path: str, base_ms: int = 0) -> None:
    """Sleep for the configured base latency and any armed latency fault."""
    delay = base_ms / 1000
    fault = store.take_fault(platform, path, {"latency"})
    if fault:
        delay += fault.seconds
    if delay > 0:
        await asyncio.sleep(delay)


# ---------------------------------------------------------------- admin API


class FaultIn(BaseModel):
    platform: str
    kind: FaultKind
    times: int = Field(default=1, ge=-1)
    path: str | None = None
    seconds: float = Field(default=0.0, ge=0, le=600)
    after: int = Field(default=0, ge=0, description="matching requests let through first")


class SandboxAdmin:
    """`/sandbox/_admin`'s handlers: arm faults, read what each platform accepted, reset."""

    def __init__(self, store: SandboxStore):
        self.store = store
        self.api = APIRouter(prefix="/_admin", tags=["sandbox"])
        self.api.add_api_route("/faults", self.add_fault, methods=["POST"], status_code=201)
        self.api.add_api_route("/faults", self.clear_faults, methods=["DELETE"], status_code=204)
        self.api.add_api_route("/published", self.published, methods=["GET"])
        self.api.add_api_route("/revoke", self.revoke, methods=["POST"], status_code=204)
        self.api.add_api_route("/reset", self.reset, methods=["POST"], status_code=204)

    def add_fault(self, body: FaultIn) -> dict[str, Any]:
        fault = Fault(
            kind=body.kind,
            times=body.times,
            path=body.path,
            seconds=body.seconds,
            after=body.after,
        )
        self.store.add_fault(body.platform, fault)
        return {"platform": body.platform, **asdict(fault)}

    def clear_faults(self) -> None:
        with self.store.lock:
            self.store.faults.clear()

    def published(self, platform: str | None = None) -> list[dict[str, Any]]:
        store = self.store
        with store.lock:
            platforms = [platform] if platform else list(store.records)
            return [asdict(r) for p in platforms for r in store.records.get(p, [])]

    def revoke(self, platform: str, user_id: str) -> None:
        if not self.store.user_by_id(platform, user_id):
            raise HTTPException(404, "no such sandbox user")
        self.store.revoke(platform, user_id)

    def reset(self) -> None:
        self.store.reset()


def admin_router(store: SandboxStore) -> APIRouter:
    """`/sandbox/_admin`: arm faults, read what each platform accepted, reset."""
    return SandboxAdmin(store).api
