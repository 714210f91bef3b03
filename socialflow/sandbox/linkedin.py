"""Emulator of LinkedIn's OAuth 2.0, OpenID userinfo and versioned Posts/Images/Videos APIs.

www.linkedin.com (consent, tokens, post pages, upload URLs) and api.linkedin.com (/v2, /rest)
are served under one prefix. Tunables live in `store.objects["linkedin:config"]` (`DEFAULTS`).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import hmac
import html
import json
import re
import time
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse

from socialflow.core.config import Settings
from socialflow.sandbox.core import (
    Fault,
    Record,
    SandboxStore,
    apply_latency,
    metric_growth,
)

PLATFORM = "linkedin"
CLIENT_ID = "sandbox-linkedin-client"
CLIENT_SECRET = "sandbox-linkedin-secret"  # noqa: S105 - the sandbox app's public secret
ACCESS_TTL = 5184000  # 60 days
REFRESH_TTL = 31536000  # 365 days, counted from the first consent (not reset on refresh)
KNOWN_SCOPES = {
    "openid", "profile", "email", "w_member_social", "r_member_social", "r_basicprofile",
    "w_organization_social", "r_organization_social", "rw_organization_admin",
}  # fmt: skip
POST_FIELDS = {
    "author", "commentary", "visibility", "distribution", "content", "lifecycleState",
    "isReshareDisabledByAuthor", "contentLandingPage", "contentCallToActionLabel", "container",
    "reshareContext", "adContext",
}  # fmt: skip
REQUIRED_POST_FIELDS = ("author", "visibility", "distribution", "lifecycleState")
RESERVED = set("\\|{}@[]()<>#*_~")
URL_RE = re.compile(r"https?://\S+")
HASHTAG_RE = re.compile(r"#\w+")
MENTION_RE = re.compile(r"@\[([^\]]+)\]\((urn:li:[A-Za-z]+:[^)]+)\)")
VERSION_RE = re.compile(r"^(\d{4})(0[1-9]|1[0-2])(\.\d{2})?$")
VERSION_MISSING = (
    "A version must be present. Please specify a version by adding the LinkedIn-Version header."
)
BAD_CODE = (
    "Unable to retrieve access token: appid/redirect uri/code verifier does not match "
    "authorization code. Or authorization code expired. Or external member binding exists"
)
THROTTLED = "Throttle limit for calls to this resource is reached."

DEFAULTS: dict[str, Any] = {
    "refresh_tokens": False,  # True: behave as for an approved MDP partner app
    "oldest_version": "202506",  # 202505 and older are sunset
    "member_daily_posts": 150,
    "video_part_bytes": 4 * 1024 * 1024,
    "video_min_bytes": 75 * 1024,
    "processing_polls": 2,  # GET /rest/videos polls before a video is AVAILABLE
    "legacy_metric_names": False,  # True: only totalLikes / totalFirstLevelComments
    "duplicate_window_secs": 24 * 3600,
}


def config(store: SandboxStore) -> dict[str, Any]:
    """The emulator's tunables, created with defaults on first use."""
    with store.lock:
        cfg: dict[str, Any] = store.objects.setdefault("linkedin:config", dict(DEFAULTS))
        return cfg


def render_little(commentary: str) -> tuple[str, bool]:
    """What LinkedIn shows for "little"-format text: (text, silently truncated?)."""
    out: list[str] = []
    i, n = 0, len(commentary)
    while i < n:
        if m := URL_RE.match(commentary, i):
            out.append(m.group(0))
            i = m.end()
            continue
        ch = commentary[i]
        if ch == "\\" and i + 1 < n and commentary[i + 1] in RESERVED:
            out.append(commentary[i + 1])
            i += 2
        elif ch == "#" and (m := HASHTAG_RE.match(commentary, i)):
            out.append(m.group(0))
            i = m.end()
        elif ch == "@" and (m := MENTION_RE.match(commentary, i)):
            out.append(m.group(1))
            i = m.end()
        elif ch in RESERVED:
            return "".join(out), True  # cut at the first unescaped reserved character
        else:
            out.append(ch)
            i += 1
    return "".join(out), False


def error(
    status: int, message: str, code: str | None = None, service: int | None = None
) -> JSONResponse:
    body: dict[str, Any] = {"status": status, "message": message}
    if service is not None:
        body["serviceErrorCode"] = service
    if code:
        body["code"] = code
    return JSONResponse(body, status)


def unprocessable(path: str, message: str, input_code: str) -> JSONResponse:
    """422 in the shape of LinkedIn's Rest.li validation errors."""
    return JSONResponse(
        {
            "errorDetailType": "com.linkedin.common.error.BadRequest",
            "code": "UNPROCESSABLE_ENTITY",
            "message": f"ERROR :: {path} :: {message}\n",
            "errorDetails": {
                "inputErrors": [
                    {
                        "description": message,
                        "input": {"inputPath": {"fieldPath": path}},
                        "code": input_code,
                    }
                ]
            },
            "status": 422,
        },
        422,
    )


def duplicate(urn: str) -> JSONResponse:
    """The real 422 DUPLICATE_POST body."""
    return JSONResponse(
        {
            "errorDetailType": "com.linkedin.common.error.BadRequest",
            "message": "com.linkedin.content.common.exception.BadRequestResponseException: "
            f"Content is a duplicate of {urn}",
            "errorDetails": {
                "inputErrors": [
                    {
                        "description": "Duplicate post is detected",
                        "input": {},
                        "code": "DUPLICATE_POST",
                    }
                ]
            },
            "status": 422,
        },
        422,
    )


def token_state(store: SandboxStore, token: str | None) -> tuple[dict[str, Any] | None, str]:
    """(claims, "ok" | "expired" | "revoked" | "invalid") for an access token."""
    claims = store.verify(PLATFORM, "access", token)
    if claims:
        with store.lock:
            before = store.objects.get("linkedin:revoked_before", {}).get(claims["s"], 0.0)
        if store.is_revoked(PLATFORM, claims["s"]) or claims.get("iat", 0) <= before:
            return claims, "revoked"
        return claims, "ok"
    if token and token.startswith("sbx.") and token.count(".") == 2:
        _, body, mac = token.split(".")
        good = hmac.new(store.secret, body.encode(), hashlib.sha256).hexdigest()[:32]
        if hmac.compare_digest(mac, good):
            try:
                payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
            except (binascii.Error, ValueError):
                return None, "invalid"
            if payload.get("p") == PLATFORM and payload.get("e", 0) < time.time():
                return None, "expired"
    return None, "invalid"


def auth_error(state: str) -> JSONResponse:
    if state == "expired":
        return error(
            401, "The token used in the request has expired", "EXPIRED_ACCESS_TOKEN", 65600
        )
    if state == "revoked":
        return error(
            401,
            "The token used in the request has been revoked by the user",
            "REVOKED_ACCESS_TOKEN",
            65601,
        )
    return error(401, "Invalid access token", "INVALID_ACCESS_TOKEN", 65600)


def fault_response(
    store: SandboxStore, fault: Fault, claims: dict[str, Any] | None
) -> JSONResponse:
    if fault.kind == "rate_limit":
        return error(429, THROTTLED, "TOO_MANY_REQUESTS", 101)
    if fault.kind == "server_error":
        return error(503, "Service Unavailable")
    if fault.kind == "revoked":
        if claims:
            store.revoke(PLATFORM, claims["s"])
        return auth_error("revoked")
    return auth_error("expired")


def person_urn(sub: str) -> str:
    return f"urn:li:person:{sub}"


class Api:
    """Per-request checks for api.linkedin.com: latency, faults, token, scopes, version headers."""

    def __init__(self, store: SandboxStore, settings: Settings):
        self.store = store
        self.settings = settings

    async def enter(
        self, request: Request, scopes: set[str], versioned: bool = True
    ) -> tuple[dict[str, Any] | None, Response | None]:
        path = request.url.path
        await apply_latency(self.store, PLATFORM, path, self.settings.sandbox_latency_ms)
        auth = request.headers.get("authorization", "")
        token = auth[7:].strip() if auth.lower().startswith("bearer ") else None
        claims, state = token_state(self.store, token)
        fault = self.store.take_fault(
            PLATFORM, path, {"rate_limit", "server_error", "expired_token", "revoked"}
        )
        if fault:
            return None, fault_response(self.store, fault, claims)
        if state != "ok" or claims is None:
            return None, auth_error(state)
        if versioned:
            version = request.headers.get("linkedin-version")
            if not version:
                return None, error(
                    400,
                    VERSION_MISSING,
                    "VERSION_MISSING",
                )
            if not VERSION_RE.match(version) or version[:6] < config(self.store)["oldest_version"]:
                return None, error(
                    426, f"Requested version {version} is not active", "NONEXISTENT_VERSION"
                )
            if request.headers.get("x-restli-protocol-version") != "2.0.0":
                return None, error(
                    400, "X-Restli-Protocol-Version 2.0.0 is required", "ILLEGAL_ARGUMENT"
                )
        granted = set(str(claims.get("scope", "")).split(","))
        if not scopes <= granted:
            return None, error(
                403,
                f"Not enough permissions to access: {request.method} {path}",
                "ACCESS_DENIED",
                100,
            )
        return claims, None


def router(store: SandboxStore, settings: Settings) -> APIRouter:
    """The LinkedIn emulator: mount at /linkedin."""
    from socialflow.sandbox.linkedin_assets import asset_routes
    from socialflow.sandbox.linkedin_oauth import oauth_routes

    r = APIRouter(tags=["sandbox: linkedin"])
    api = Api(store, settings)
    oauth_routes(r, store, settings)

    # ---- identity (OpenID Connect userinfo)
    @r.get("/v2/userinfo", response_model=None)
    async def userinfo(request: Request) -> Response:
        claims, err = await api.enter(request, {"openid", "profile"}, versioned=False)
        if err or claims is None:
            return err or auth_error("invalid")
        user = store.user_by_id(PLATFORM, claims["s"])
        if user is None:
            return auth_error("invalid")
        given, _, family = user.display_name.partition(" ")
        base = str(request.url).split("/v2/userinfo")[0]
        body: dict[str, Any] = {
            "sub": user.id,
            "name": user.display_name,
            "given_name": given,
            "family_name": family,
            "picture": f"{base}/media/avatars/{user.id}.svg",
            "locale": {"country": "US", "language": "en"},
        }
        if "email" in str(claims.get("scope", "")).split(","):
            body.update(email=f"{user.username}@example.com", email_verified=True)
        return JSONResponse(body)

    @r.get("/media/avatars/{user_id}.svg", response_model=None)
    async def avatar(user_id: str) -> Response:
        hue = int(hashlib.sha256(user_id.encode()).hexdigest()[:2], 16) * 360 // 256
        svg = (
            "<svg xmlns='http://www.w3.org/2000/svg' width='64' height='64'>"
            f"<rect width='64' height='64' fill='hsl({hue},50%,45%)'/></svg>"
        )
        return Response(svg, media_type="image/svg+xml")

    # ---- posts
    def validate_post(body: Any, author: str) -> Response | None:
        if not isinstance(body, dict):
            return error(400, "Request body could not be converted to data map", "ILLEGAL_ARGUMENT")
        for key in body:
            if key not in POST_FIELDS:
                return unprocessable(
                    f"/{key}", "unrecognized field found but not allowed", "UNRECOGNIZED_FIELD"
                )
        for key in REQUIRED_POST_FIELDS:
            if key not in body:
                return unprocessable(
                    f"/{key}",
                    "field is required but not found and has no default value",
                    "FIELD_REQUIRED",
                )
        if body["visibility"] not in ("PUBLIC", "CONNECTIONS", "LOGGED_IN", "CONTAINER"):
            return unprocessable("/visibility", "is not a valid enum symbol", "INVALID_VALUE")
        if body["lifecycleState"] not in ("PUBLISHED", "DRAFT"):
            return unprocessable("/lifecycleState", "is not a valid enum symbol", "INVALID_VALUE")
        dist = body["distribution"]
        if not isinstance(dist, dict) or dist.get("feedDistribution") not in ("MAIN_FEED", "NONE"):
            return unprocessable(
                "/distribution/feedDistribution",
                "field is required but not found and has no default value",
                "FIELD_REQUIRED",
            )
        if body["author"] != author:
            return error(403, "Not enough permissions to post as this author", "ACCESS_DENIED", 100)
        commentary = body.get("commentary", "")
        if not isinstance(commentary, str):
            return unprocessable("/commentary", "is not a string", "INVALID_VALUE")
        if len(commentary) > 3000:
            return unprocessable(
                "/commentary",
                f"length of {len(commentary)} exceeded the maximum allowed length of 3000",
                "MAX_LENGTH_EXCEEDED",
            )
        return None

    def content_media(content: Any, author: str) -> tuple[list[dict[str, Any]], Response | None]:
        """The assets a post's `content` references: owned by the author and AVAILABLE."""
        if content is None:
            return [], None
        if not isinstance(content, dict) or len(content) != 1:
            return [], unprocessable(
                "/content", "exactly one content type is required", "INVALID_VALUE"
            )
        if "media" in content:
            refs = [content["media"]]
        elif "multiImage" in content:
            refs = list((content["multiImage"] or {}).get("images") or [])
            if not 2 <= len(refs) <= 20:
                return [], unprocessable(
                    "/content/multiImage/images",
                    "must have between 2 and 20 images",
                    "INVALID_VALUE",
                )
        else:
            return [], unprocessable(
                "/content", "unsupported content type in the sandbox", "INVALID_VALUE"
            )
        items = []
        for ref in refs:
            urn = ref.get("id") if isinstance(ref, dict) else None
            with store.lock:
                asset = store.objects.get(f"linkedin:asset:{urn}")
            if asset is None or asset["owner"] != author:
                return [], unprocessable(
                    "/content/media/id", f"{urn} does not exist", "INVALID_VALUE"
                )
            if asset["status"] != "AVAILABLE":
                return [], error(
                    400,
                    f"Media asset {urn} is not AVAILABLE (status {asset['status']})",
                    "ILLEGAL_ARGUMENT",
                )
            if "multiImage" in content and asset["kind"] != "image":
                return [], unprocessable(
                    "/content/multiImage/images", f"{urn} is not an image", "INVALID_VALUE"
                )
            items.append(
                {k: asset[k] for k in ("id", "kind", "size", "sha256")}
                | {"alt_text": ref.get("altText"), "title": ref.get("title")}
            )
        return items, None

    @r.post("/rest/posts", response_model=None)
    async def create_post(request: Request) -> Response:
        claims, err = await api.enter(request, {"w_member_social"})
        if err or claims is None:
            return err or auth_error("invalid")
        try:
            body = await request.json()
        except ValueError:
            return error(400, "Request body could not be converted to data map", "ILLEGAL_ARGUMENT")
        author = person_urn(claims["s"])
        problem = validate_post(body, author)
        if problem:
            return problem
        media, problem = content_media(body.get("content"), author)
        if problem:
            return problem
        text, truncated = render_little(body.get("commentary", ""))
        cfg, now = config(store), time.time()
        mine = store.records_of(PLATFORM, claims["s"])
        fault = store.take_fault(PLATFORM, request.url.path, {"duplicate", "timeout_after_create"})
        if fault and fault.kind == "duplicate":
            return duplicate(mine[-1].post_id if mine else "urn:li:share:7000000000000000000")
        for rec in reversed(mine):
            if (
                now - rec.created_at < cfg["duplicate_window_secs"]
                and rec.extra.get("commentary") == body.get("commentary", "")
                and text
            ):
                return duplicate(rec.post_id)
        if sum(1 for rec in mine if now - rec.created_at < 86400) >= cfg["member_daily_posts"]:
            return error(429, THROTTLED, "TOO_MANY_REQUESTS", 101)
        urn = f"urn:li:share:{store.next_id('linkedin:share', 19)}"
        store.record(
            Record(
                platform=PLATFORM,
                post_id=urn,
                user_id=claims["s"],
                text=text,
                media=media,
                extra={
                    "commentary": body.get("commentary", ""),
                    "truncated": truncated,
                    "visibility": body["visibility"],
                    "lifecycleState": body["lifecycleState"],
                    "body": body,
                },
            )
        )
        if fault and fault.kind == "timeout_after_create":
            await asyncio.sleep(fault.seconds)
        return Response(status_code=201, headers={"x-restli-id": urn, "x-linkedin-id": urn})

    @r.get("/rest/posts", response_model=None)
    async def posts_by_author(request: Request) -> Response:
        claims, err = await api.enter(request, {"r_member_social"})
        if err or claims is None:
            return err or auth_error("invalid")
        q = request.query_params
        if q.get("q") != "author" or not q.get("author"):
            return error(400, "q=author and author are required", "ILLEGAL_ARGUMENT")
        if q["author"] != person_urn(claims["s"]):
            return error(
                403, "Not enough permissions to read this author's posts", "ACCESS_DENIED", 100
            )
        try:
            start, count = int(q.get("start", "0")), int(q.get("count", "10"))
        except ValueError:
            return error(400, "start and count must be integers", "ILLEGAL_ARGUMENT")
        if not 0 < count <= 100 or start < 0:
            return error(400, "count must be 1..100", "ILLEGAL_ARGUMENT")
        mine = sorted(
            store.records_of(PLATFORM, claims["s"]),
            key=lambda rec: rec.created_at,
            reverse=True,
        )
        elements = [
            {
                "id": rec.post_id,
                "author": person_urn(rec.user_id),
                "commentary": rec.extra.get("commentary", ""),
                "visibility": rec.extra.get("visibility", "PUBLIC"),
                "lifecycleState": rec.extra.get("lifecycleState", "PUBLISHED"),
                "createdAt": int(rec.created_at * 1000),
                "publishedAt": int(rec.created_at * 1000),
                "lastModifiedAt": int(rec.created_at * 1000),
                "distribution": {
                    "feedDistribution": "MAIN_FEED",
                    "targetEntities": [],
                    "thirdPartyDistributionChannels": [],
                },
                "isReshareDisabledByAuthor": False,
            }
            for rec in mine[start : start + count]
        ]
        return JSONResponse(
            {
                "paging": {"start": start, "count": count, "links": [], "total": len(mine)},
                "elements": elements,
            }
        )

    @r.get("/rest/socialActions/{urn}", response_model=None)
    async def social_actions(request: Request, urn: str) -> Response:
        claims, err = await api.enter(request, {"r_member_social"})
        if err or claims is None:
            return err or auth_error("invalid")
        rec = store.find_record(PLATFORM, urn)
        if rec is None:
            return error(404, f"Resource {urn} does not exist", "NOT_FOUND")
        grown = metric_growth(rec.post_id, rec.created_at)
        likes: dict[str, Any] = {"totalLikes": grown["likes"], "likedByCurrentUser": False}
        comments: dict[str, Any] = {"totalFirstLevelComments": grown["comments"]}
        if not config(store)["legacy_metric_names"]:
            likes = {"aggregatedTotalLikes": grown["likes"], "likedByCurrentUser": False}
            comments = {
                "aggregatedTotalComments": grown["comments"],
                "totalFirstLevelComments": grown["comments"],
            }
        return JSONResponse({"target": urn, "likesSummary": likes, "commentsSummary": comments})

    @r.get("/feed/update/{urn}", response_model=None)
    async def feed_update(urn: str) -> Response:
        rec = store.find_record(PLATFORM, urn)
        if rec is None:
            return HTMLResponse(
                "<!doctype html><title>LinkedIn (sandbox)</title>"
                "<p>This post cannot be displayed.</p>",
                404,
            )
        media = "".join(f"<li>{html.escape(m['kind'])} {m['size']} bytes</li>" for m in rec.media)
        return HTMLResponse(
            "<!doctype html><html lang='en'><meta charset='utf-8'>"
            f"<title>{html.escape(urn)} (sandbox)</title><article>"
            f"<p style='white-space:pre-wrap'>{html.escape(rec.text)}</p><ul>{media}</ul>"
            "</article></html>"
        )

    asset_routes(r, store, api)
    return r
