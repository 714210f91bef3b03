"""Emulation shared by the Facebook and Instagram sandboxes: Meta's Graph OAuth and error shapes.

`MetaGraph` holds one platform's view of Graph (`/{version}/...` under the emulator prefix):
token checks with Graph's 190 error family, error bodies, usage headers, fault rendering,
`fields=` handling and fetching the media URLs Meta pulls. `meta_oauth.add_oauth_routes` adds
the Login dialog, `/oauth/access_token` (code and `fb_exchange_token`), `/me`, `/me/accounts`
and `/me/permissions`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import json
import math
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
from fastapi import Request
from fastapi.responses import JSONResponse

from socialflow.core.config import Settings
from socialflow.sandbox.core import (
    Fault,
    SandboxStore,
    SandboxUser,
    apply_latency,
)

VERSION_RE = re.compile(r"^v\d{1,2}\.\d$")
SHORT_LIVED_SECONDS = 3600  # a short-lived user token lives "an hour or two"
LONG_LIVED_SECONDS = 5183944  # what fb_exchange_token answers (about 60 days)
NEVER_SECONDS = 10 * 365 * 86400  # a Page token from a long-lived user token does not expire
API_FAULTS = {"rate_limit", "server_error", "expired_token", "revoked"}
KNOWN_SCOPES = frozenset(
    {
        "public_profile",
        "email",
        "pages_show_list",
        "business_management",
        "pages_manage_posts",
        "pages_manage_engagement",
        "pages_read_engagement",
        "pages_read_user_engagement",
        "pages_manage_metadata",
        "read_insights",
        "publish_video",
        "instagram_basic",
        "instagram_content_publish",
        "instagram_manage_comments",
        "instagram_manage_insights",
        "ads_management",
        "ads_read",
    }
)


@dataclass
class PageInfo:
    """A Facebook Page a sandbox person manages (and the Instagram account linked to it)."""

    id: str
    name: str
    username: str
    persona: SandboxUser | None = None
    ig: SandboxUser | None = None
    tasks: list[str] = field(
        default_factory=lambda: ["ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE"]
    )
    # Managed only through a Business Manager (not listed by /me/accounts): its business id and
    # whether the business owns the Page or manages it for a client.
    business: tuple[str, str] | None = None
    business_edge: str = "owned_pages"


@dataclass
class Ctx:
    """An authenticated Graph request: merged parameters and the token's claims."""

    params: dict[str, Any]
    claims: dict[str, Any]
    path: str

    @property
    def is_page(self) -> bool:
        return self.claims.get("k") == "page"

    @property
    def scopes(self) -> set[str]:
        return set(self.claims.get("sc") or [])


@dataclass
class Fetched:
    ok: bool
    size: int = 0
    head: bytes = b""
    content_type: str = ""
    error: str = ""


def derived_id(*parts: str, digits: int = 15) -> str:
    """A stable numeric id from some names (for objects that need no persona)."""
    digest = hashlib.sha256(":".join(parts).encode()).hexdigest()
    return str(int(digest[:16], 16))[-digits:].lstrip("0").rjust(digits, "1")


def graph_time(stamp: float) -> str:
    return datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


def as_bool(value: Any, default: bool) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def split_fields(spec: str | None) -> list[str]:
    """Top-level items of a `fields=` value: `a,b.limit(0),c{d,e}` -> 3 items."""
    if not spec:
        return []
    items, depth, current = [], 0, ""
    for ch in spec:
        if ch in "({":
            depth += 1
        elif ch in ")}":
            depth -= 1
        if ch == "," and depth == 0:
            items.append(current.strip())
            current = ""
        else:
            current += ch
    if current.strip():
        items.append(current.strip())
    return items


def field_name(item: str) -> str:
    match = re.match(r"[A-Za-z_]+", item)
    return match.group(0) if match else item


def page_cursor(items: list[dict[str, Any]], params: dict[str, Any], url: str) -> dict[str, Any]:
    """Graph's cursor paging over an already-filtered list."""
    limit = max(1, min(100, int(params.get("limit") or 25)))
    start = 0
    if params.get("after"):
        try:
            start = int(base64.urlsafe_b64decode(str(params["after"]) + "==").decode())
        except (ValueError, UnicodeDecodeError):
            start = 0
    chunk = items[start : start + limit]
    body: dict[str, Any] = {"data": chunk}
    if chunk:
        cursors = {
            "before": base64.urlsafe_b64encode(str(start).encode()).decode().rstrip("="),
            "after": base64.urlsafe_b64encode(str(start + len(chunk)).encode())
            .decode()
            .rstrip("="),
        }
        body["paging"] = {"cursors": cursors}
        if start + len(chunk) < len(items):
            body["paging"]["next"] = f"{url}?limit={limit}&after={cursors['after']}"
    return body


async def fetch_media(url: str, max_bytes: int, wait_seconds: float = 5.0) -> Fetched:
    """GET a media URL the way Meta's fetcher does: follow redirects, stream, cap the size."""
    if not re.match(r"^https?://", url or ""):
        return Fetched(False, error="not an http(s) URL")
    size, head = 0, b""
    try:
        async with (
            httpx.AsyncClient(timeout=wait_seconds, follow_redirects=True) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code != 200:
                return Fetched(False, error=f"HTTP {response.status_code}")
            async for chunk in response.aiter_bytes():
                if len(head) < 32:
                    head += chunk[: 32 - len(head)]
                size += len(chunk)
                if size > max_bytes:
                    return Fetched(False, size=size, head=head, error="too large")
            content_type = response.headers.get("content-type", "")
    except httpx.HTTPError as exc:
        return Fetched(False, error=type(exc).__name__)
    if size == 0:
        return Fetched(False, error="empty file")
    return Fetched(True, size=size, head=head, content_type=content_type)


def is_jpeg(head: bytes) -> bool:
    return head.startswith(b"\xff\xd8\xff")


def is_image(head: bytes) -> bool:
    signatures = (b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"BM", b"II*\x00", b"MM\x00*")
    return head.startswith(signatures)


def is_video(head: bytes) -> bool:
    # MP4/MOV start with an atom whose type is at bytes 4-8; AVI is RIFF.
    return head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free") or head.startswith(b"RIFF")


class MetaGraph:
    """One platform's Graph emulation: OAuth, token checks, errors, usage headers, faults."""

    def __init__(
        self,
        *,
        platform: str,
        display: str,
        store: SandboxStore,
        settings: Settings,
        person_of: Callable[[str], tuple[str, str]],
        pages_of: Callable[[str], list[PageInfo]],
        default_username: str,
    ):
        self.platform = platform
        self.display = display
        self.store = store
        self.settings = settings
        self.person_of = person_of
        self.pages_of = pages_of
        self.default_username = default_username
        self.client_id = f"sandbox-{platform}-client"
        self.client_secret = f"sandbox-{platform}-secret"

    # ------------------------------------------------------------------ responses

    def error(
        self,
        message: str,
        code: int,
        *,
        subcode: int | None = None,
        status: int = 400,
        type_: str = "OAuthException",
        transient: bool = False,
        user_title: str | None = None,
        user_msg: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> JSONResponse:
        """Graph's error body: `{"error": {message, type, code, error_subcode, fbtrace_id}}`."""
        err: dict[str, Any] = {"message": message, "type": type_, "code": code}
        if subcode is not None:
            err["error_subcode"] = subcode
        err["is_transient"] = transient
        if user_title:
            err["error_user_title"] = user_title
        if user_msg:
            err["error_user_msg"] = user_msg
        err["fbtrace_id"] = base64.urlsafe_b64encode(secrets.token_bytes(9)).decode()
        return JSONResponse({"error": err}, status_code=status, headers=headers)

    def usage_headers(self, claims: dict[str, Any] | None, percent: int = 0) -> dict[str, str]:
        """X-App-Usage for user/app calls; X-Business-Use-Case-Usage for Page/IG calls."""
        minutes = 0 if percent < 100 else max(1, percent - 99)
        if claims and (claims.get("k") == "page" or self.platform == "instagram"):
            owner, kind = self.buc_owner(claims)
            if owner:
                usage = {
                    owner: [
                        {
                            "type": kind,
                            "call_count": percent,
                            "total_cputime": max(1, percent // 2),
                            "total_time": max(1, percent // 2),
                            "estimated_time_to_regain_access": minutes,
                        }
                    ]
                }
                return {"X-Business-Use-Case-Usage": json.dumps(usage)}
        app = {"call_count": percent, "total_cputime": percent // 2, "total_time": percent // 2}
        return {"X-App-Usage": json.dumps(app)}

    def buc_owner(self, claims: dict[str, Any]) -> tuple[str | None, str]:
        if self.platform == "instagram":
            pages = self.pages_of(str(claims.get("un")))
            ig = next((p.ig for p in pages if p.ig), None)
            return (ig.id if ig else None), "instagram"
        return claims.get("pg"), "pages"

    def ok(self, body: Any, claims: dict[str, Any] | None, status: int = 200) -> JSONResponse:
        with self.store.lock:
            self.store.counters[f"{self.platform}:calls"] += 1
            calls = self.store.counters[f"{self.platform}:calls"]
        return JSONResponse(
            body, status_code=status, headers=self.usage_headers(claims, calls % 7 + 1)
        )

    def fault_response(self, fault: Fault, claims: dict[str, Any] | None) -> JSONResponse:
        """A generic fault (rate limit, 5xx, expired, revoked) in Graph's real shapes."""
        if fault.kind == "server_error":
            return self.error(
                "An unexpected error has occurred. Please retry your request later.",
                2,
                status=500,
                transient=True,
            )
        if fault.kind == "expired_token":
            return self.expired_error()
        if fault.kind == "revoked":
            return self.revoked_error()
        # rate_limit: `seconds` (if given) becomes the minutes until access returns.
        minutes = max(1, math.ceil(fault.seconds / 60)) if fault.seconds else 5
        if claims and (claims.get("k") == "page" or self.platform == "instagram"):
            owner, kind = self.buc_owner(claims)
            usage = {
                owner or "0": [
                    {
                        "type": kind,
                        "call_count": 100,
                        "total_cputime": 34,
                        "total_time": 41,
                        "estimated_time_to_regain_access": minutes,
                    }
                ]
            }
            headers = {"X-Business-Use-Case-Usage": json.dumps(usage)}
            if self.platform == "instagram":
                return self.error(
                    "There have been too many calls to this Instagram account. Wait a bit and "
                    "try again.",
                    80002,
                    headers=headers,
                    transient=True,
                )
            return self.error(
                "(#80001) There have been too many calls to this Page account. Wait a bit and "
                "try again.",
                80001,
                headers=headers,
                transient=True,
            )
        headers = {
            "X-App-Usage": json.dumps({"call_count": 100, "total_cputime": 20, "total_time": 25})
        }
        if claims:
            return self.error(
                "(#17) User request limit reached", 17, headers=headers, transient=True
            )
        return self.error(
            "(#4) Application request limit reached", 4, headers=headers, transient=True
        )

    def expired_error(self, expired_at: float | None = None) -> JSONResponse:
        stamp = datetime.fromtimestamp(expired_at or time.time() - 60, UTC)
        now = datetime.now(UTC)
        return self.error(
            "Error validating access token: Session has expired on "
            f"{stamp:%A, %d-%b-%y %H:%M:%S} UTC. "
            f"The current time is {now:%A, %d-%b-%y %H:%M:%S} UTC.",
            190,
            subcode=463,
        )

    def revoked_error(self) -> JSONResponse:
        return self.error(
            "Error validating access token: The user has not authorized application "
            f"{self.client_id}.",
            190,
            subcode=458,
        )

    def invalid_token_error(self) -> JSONResponse:
        return self.error("Invalid OAuth access token - Cannot parse access token", 190)

    def unsupported(self, object_id: str, method: str = "get") -> JSONResponse:
        return self.error(
            f"Unsupported {method} request. Object with ID '{object_id}' does not exist, cannot be "
            "loaded due to missing permissions, or does not support this operation. Please read "
            "the Graph API documentation at https://developers.facebook.com/docs/graph-api",
            100,
            subcode=33,
            type_="GraphMethodException",
        )

    def no_permission(self) -> JSONResponse:
        return self.error("(#10) Application does not have permission for this action", 10)

    # ------------------------------------------------------------------ requests

    async def params(self, request: Request) -> dict[str, Any]:
        """Graph takes parameters from the query string, a form or a JSON body, all at once."""
        merged: dict[str, Any] = dict(request.query_params)
        if request.method in ("POST", "DELETE"):
            ctype = request.headers.get("content-type", "")
            if "application/json" in ctype:
                try:
                    body = await request.json()
                except (json.JSONDecodeError, ValueError):
                    body = None
                if isinstance(body, dict):
                    merged.update(body)
            elif "form" in ctype:
                form = await request.form()
                for key, value in form.multi_items():
                    merged[key] = value
        return merged

    def peek(self, token: str | None) -> dict[str, Any] | None:
        """A sandbox token's claims if its signature is good, even when expired."""
        if not token or not token.startswith("sbx.") or token.count(".") != 2:
            return None
        _, body, mac = token.split(".")
        good = hmac.new(self.store.secret, body.encode(), hashlib.sha256).hexdigest()[:32]
        if not hmac.compare_digest(mac, good):
            return None
        claims: dict[str, Any] = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        return claims

    def check_token(
        self, token: str | None, kinds: set[str], proof: str | None = None
    ) -> dict[str, Any] | JSONResponse:
        """The token's claims, or Graph's 190 error for a bad, expired or revoked one."""
        claims = self.peek(token)
        if claims is None or claims.get("p") != self.platform or claims.get("k") not in kinds:
            return self.invalid_token_error()
        if claims["e"] < time.time():
            return self.expired_error(claims["e"])
        if self.revoked(claims):
            return self.revoked_error()
        if proof is not None:
            good = hmac.new(self.client_secret.encode(), str(token).encode(), hashlib.sha256)
            if not hmac.compare_digest(str(proof), good.hexdigest()):
                return self.error("Invalid appsecret_proof provided in the API argument", 100)
        return claims

    def revoked(self, claims: dict[str, Any]) -> bool:
        ids = {str(claims.get("s")), str(claims.get("pg") or "")}
        if self.platform == "instagram":
            ids |= {p.ig.id for p in self.pages_of(str(claims.get("un"))) if p.ig}
        return any(i and self.store.is_revoked(self.platform, i) for i in ids)

    async def begin(
        self, request: Request, version: str, kinds: set[str] | None = None
    ) -> Ctx | JSONResponse:
        """Latency, version check, generic faults, then the access token."""
        path = request.url.path
        await apply_latency(self.store, self.platform, path, self.settings.sandbox_latency_ms)
        if not VERSION_RE.match(version):
            return self.error(f"Unknown path components: /{version}", 2500)
        params = await self.params(request)
        token = params.pop("access_token", None)
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith(("bearer ", "oauth ")):
            token = auth.split(" ", 1)[1].strip()
        proof = params.pop("appsecret_proof", None)
        fault = self.store.take_fault(self.platform, path, API_FAULTS)
        claims_or_error = self.check_token(token, kinds or {"user", "page"}, proof)
        if fault:
            return self.fault_response(
                fault, claims_or_error if isinstance(claims_or_error, dict) else None
            )
        if isinstance(claims_or_error, JSONResponse):
            return claims_or_error
        return Ctx(params=params, claims=claims_or_error, path=path)

    def unknown_params(self, ctx: Ctx, allowed: set[str]) -> JSONResponse | None:
        """Graph refuses parameters an endpoint does not define."""
        extra = sorted(
            k for k in ctx.params if k not in allowed and not k.startswith("attached_media[")
        )
        if extra:
            return self.error(f"(#100) Param {extra[0]} is not a valid parameter", 100)
        return None

    def select(
        self, node: dict[str, Any], spec: str | None, node_type: str, default: str = "id"
    ) -> dict[str, Any] | JSONResponse:
        """Keep the requested fields of a node; unknown ones are Graph's (#100) error."""
        out: dict[str, Any] = {}
        for item in split_fields(spec or default):
            name = field_name(item)
            if name not in node:
                return self.error(
                    f"(#100) Tried accessing nonexisting field ({name}) on node type ({node_type})",
                    100,
                )
            value = node[name]
            if value is not None:
                out[name] = value
        out.setdefault("id", node.get("id"))
        return out

    # ------------------------------------------------------------------ tokens and pages

    def issue_user(self, username: str, scopes: list[str], long_lived: bool) -> str:
        person_id, _ = self.person_of(username)
        ttl = LONG_LIVED_SECONDS if long_lived else SHORT_LIVED_SECONDS
        return self.store.issue(
            self.platform, "user", person_id, ttl, un=username, sc=scopes, ll=long_lived
        )

    def issue_page(self, user_claims: dict[str, Any], page: PageInfo) -> str:
        ttl = (
            NEVER_SECONDS if user_claims.get("ll") else max(1, int(user_claims["e"] - time.time()))
        )
        return self.store.issue(
            self.platform,
            "page",
            str(user_claims["s"]),
            ttl,
            un=user_claims["un"],
            sc=user_claims.get("sc") or [],
            pg=page.id,
            ll=bool(user_claims.get("ll")),
        )

    def page_of(self, claims: dict[str, Any], page_id: str) -> PageInfo | None:
        """The Page `page_id` if this token may act on it."""
        if claims.get("k") == "page" and claims.get("pg") != page_id:
            return None
        return next((p for p in self.pages_of(str(claims["un"])) if p.id == page_id), None)

    def page_node(self, page: PageInfo, claims: dict[str, Any]) -> dict[str, Any]:
        """Every field a Page answers with (the caller selects)."""
        followers = page.persona.followers() if page.persona else 0
        node: dict[str, Any] = {
            "id": page.id,
            "name": page.name,
            "username": page.username,
            "category": "Brand",
            "tasks": page.tasks,
            "link": f"https://www.facebook.com/{page.username}",
            "picture": {"data": {"url": avatar_url(page.id), "is_silhouette": False}},
            "followers_count": followers,
            "fan_count": int(followers * 0.9),
            "access_token": None,
            "instagram_business_account": None,
        }
        if page.ig:
            node["instagram_business_account"] = {"id": page.ig.id, "username": page.ig.username}
        return node


def avatar_url(object_id: str) -> str:
    return f"https://scontent.xx.fbcdn.net/v/sandbox/{object_id}.jpg"


def esc(text: str) -> str:
    return html.escape(text)
