"""Emulator of LinkedIn's OAuth 2.0, OpenID userinfo and versioned Posts/Images/Videos APIs.

www.linkedin.com (consent, tokens, post pages, upload URLs) and api.linkedin.com (/v2, /rest)
are served under one prefix. Tunables live in `store.objects["linkedin:config"]` (`DEFAULTS`).
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import time
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse

from socialflow.core.config import Settings
from socialflow.sandbox.core import (
    Record,
    SandboxStore,
    metric_growth,
)
from socialflow.sandbox.linkedin_assets import asset_routes
from socialflow.sandbox.linkedin_common import (
    PLATFORM,
    POST_FIELDS,
    REQUIRED_POST_FIELDS,
    THROTTLED,
    Api,
    acts_for,
    auth_error,
    config,
    duplicate,
    error,
    person_urn,
    render_little,
    unprocessable,
)
from socialflow.sandbox.linkedin_oauth import oauth_routes
from socialflow.sandbox.linkedin_orgs import organization_routes


class LinkedInEmulator:
    """The LinkedIn emulator's userinfo, posts and reads, as methods over its store."""

    def __init__(self, store: SandboxStore, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.r = APIRouter(tags=["sandbox: linkedin"])
        self.api = Api(self.store, self.settings)
        oauth_routes(self.r, self.store, self.settings)
        self.r.add_api_route("/v2/userinfo", self.userinfo, methods=["GET"], response_model=None)
        self.r.add_api_route(
            "/media/avatars/{user_id}.svg", self.avatar, methods=["GET"], response_model=None
        )
        self.r.add_api_route("/rest/posts", self.create_post, methods=["POST"], response_model=None)
        self.r.add_api_route(
            "/rest/posts", self.posts_by_author, methods=["GET"], response_model=None
        )
        self.r.add_api_route(
            "/rest/socialActions/{urn}", self.social_actions, methods=["GET"], response_model=None
        )
        self.r.add_api_route(
            "/feed/update/{urn}", self.feed_update, methods=["GET"], response_model=None
        )
        asset_routes(self.r, self.store, self.api)
        organization_routes(self.r, self.store, self.api)

    async def userinfo(self, request: Request) -> Response:
        claims, err = await self.api.enter(request, {"openid", "profile"}, versioned=False)
        if err or claims is None:
            return err or auth_error("invalid")
        user = self.store.user_by_id(PLATFORM, claims["s"])
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

    async def avatar(self, user_id: str) -> Response:
        hue = int(hashlib.sha256(user_id.encode()).hexdigest()[:2], 16) * 360 // 256
        svg = (
            "<svg xmlns='http://www.w3.org/2000/svg' width='64' height='64'>"
            f"<rect width='64' height='64' fill='hsl({hue},50%,45%)'/></svg>"
        )
        return Response(svg, media_type="image/svg+xml")

    def validate_post(self, body: Any, claims: dict[str, Any]) -> Response | None:
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
        if not acts_for(self.store, claims, body["author"]):
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

    def content_media(
        self, content: Any, author: str
    ) -> tuple[list[dict[str, Any]], Response | None]:
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
            with self.store.lock:
                asset = self.store.objects.get(f"linkedin:asset:{urn}")
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

    async def create_post(self, request: Request) -> Response:
        claims, err = await self.api.enter(request, set())
        if err or claims is None:
            return err or auth_error("invalid")
        try:
            body = await request.json()
        except ValueError:
            return error(400, "Request body could not be converted to data map", "ILLEGAL_ARGUMENT")
        author = body.get("author") if isinstance(body, dict) else None
        as_member = author == person_urn(claims["s"])
        granted = str(claims.get("scope", "")).split(",")
        if as_member and "w_member_social" not in granted:
            return error(
                403, "Not enough permissions to access: POST /rest/posts", "ACCESS_DENIED", 100
            )
        problem = self.validate_post(body, claims)
        if problem:
            return problem
        media, problem = self.content_media(body.get("content"), str(author))
        if problem:
            return problem
        text, truncated = render_little(body.get("commentary", ""))
        cfg, now = config(self.store), time.time()
        # A member's posts are kept under the member, a Page's under its URN.
        who = claims["s"] if as_member else str(author)
        mine = self.store.records_of(PLATFORM, who)
        fault = self.store.take_fault(
            PLATFORM, request.url.path, {"duplicate", "timeout_after_create"}
        )
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
        urn = f"urn:li:share:{self.store.next_id('linkedin:share', 19)}"
        self.store.record(
            Record(
                platform=PLATFORM,
                post_id=urn,
                user_id=who,
                text=text,
                media=media,
                extra={
                    "author": author,
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

    async def posts_by_author(self, request: Request) -> Response:
        q = request.query_params
        as_member = q.get("author", "").startswith("urn:li:person:")
        claims, err = await self.api.enter(
            request, {"r_member_social" if as_member else "r_organization_social"}
        )
        if err or claims is None:
            return err or auth_error("invalid")
        if q.get("q") != "author" or not q.get("author"):
            return error(400, "q=author and author are required", "ILLEGAL_ARGUMENT")
        if not acts_for(self.store, claims, q["author"]):
            return error(
                403, "Not enough permissions to read this author's posts", "ACCESS_DENIED", 100
            )
        who = claims["s"] if as_member else q["author"]
        try:
            start, count = int(q.get("start", "0")), int(q.get("count", "10"))
        except ValueError:
            return error(400, "start and count must be integers", "ILLEGAL_ARGUMENT")
        if not 0 < count <= 100 or start < 0:
            return error(400, "count must be 1..100", "ILLEGAL_ARGUMENT")
        mine = sorted(
            self.store.records_of(PLATFORM, who),
            key=lambda rec: rec.created_at,
            reverse=True,
        )
        elements = [
            {
                "id": rec.post_id,
                "author": rec.extra.get("author") or person_urn(rec.user_id),
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

    async def social_actions(self, request: Request, urn: str) -> Response:
        claims, err = await self.api.enter(request, set())
        if err or claims is None:
            return err or auth_error("invalid")
        readers = {"r_member_social", "r_organization_social"}
        if not readers & set(str(claims.get("scope", "")).split(",")):
            return error(
                403, f"Not enough permissions to access: GET {request.url.path}", "ACCESS_DENIED"
            )
        rec = self.store.find_record(PLATFORM, urn)
        if rec is None:
            return error(404, f"Resource {urn} does not exist", "NOT_FOUND")
        grown = metric_growth(rec.post_id, rec.created_at)
        likes: dict[str, Any] = {"totalLikes": grown["likes"], "likedByCurrentUser": False}
        comments: dict[str, Any] = {"totalFirstLevelComments": grown["comments"]}
        if not config(self.store)["legacy_metric_names"]:
            likes = {"aggregatedTotalLikes": grown["likes"], "likedByCurrentUser": False}
            comments = {
                "aggregatedTotalComments": grown["comments"],
                "totalFirstLevelComments": grown["comments"],
            }
        return JSONResponse({"target": urn, "likesSummary": likes, "commentsSummary": comments})

    async def feed_update(self, urn: str) -> Response:
        rec = self.store.find_record(PLATFORM, urn)
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


def router(store: SandboxStore, settings: Settings) -> APIRouter:
    """The LinkedIn emulator: mount at /linkedin."""
    return LinkedInEmulator(store, settings).r
