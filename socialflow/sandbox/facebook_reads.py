"""Read side of the Facebook emulator: stored Page objects, their nodes, lists and insights."""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from socialflow.sandbox.core import Record, SandboxStore, metric_growth
from socialflow.sandbox.meta import Ctx, MetaGraph, PageInfo, graph_time, page_cursor

PLATFORM = "facebook"
POST_METRICS = {
    "post_total_media_view_unique", "post_media_view", "post_reactions_by_type_total",
    "post_clicks", "post_clicks_by_type", "post_reactions_like_total",
}  # fmt: skip
LEGACY_POST_METRICS = {
    "post_impressions", "post_impressions_unique", "post_reactions_by_type_total",
    "post_clicks", "post_clicks_by_type", "post_reactions_like_total",
}  # fmt: skip
PAGE_METRICS = {
    "page_daily_follows", "page_media_view", "page_total_media_view_unique",
    "page_post_engagements",
}  # fmt: skip


class FacebookObjects:
    """Posts, photos and videos the emulated Pages hold (in `store.objects` as `fb:<id>`)."""

    def __init__(self, store: SandboxStore, g: MetaGraph):
        self.store = store
        self.g = g

    def obj(self, object_id: str) -> dict[str, Any] | None:
        return self.store.objects.get(f"fb:{object_id}")

    def page_for_read(self, ctx: Ctx, page_id: str) -> PageInfo | None:
        return self.g.page_of(ctx.claims, page_id)

    def make_post(
        self, page_id: str, message: str, media: list[dict[str, Any]], **extra: Any
    ) -> dict[str, Any]:
        number = extra.pop("number", None) or self.store.next_id("facebook:post", digits=16)
        post_id = f"{page_id}_{number}"
        post = {
            "type": "post",
            "id": post_id,
            "page_id": page_id,
            "message": message,
            "media": media,
            "created": time.time(),
            "permalink": extra.pop("permalink", None)
            or f"https://www.facebook.com/{page_id}/posts/{number}",
            **extra,
        }
        self.store.objects[f"fb:{post_id}"] = post
        self.store.record(
            Record(
                platform=PLATFORM,
                post_id=post_id,
                user_id=page_id,
                text=message,
                media=media,
                created_at=post["created"],
                extra={k: v for k, v in extra.items() if v is not None},
            )
        )
        return post

    def video_state(self, video: dict[str, Any], advance: bool) -> dict[str, Any]:
        """Processing advances one step per status read; then the post goes live."""
        if advance and video["polls_left"] > 0:
            video["polls_left"] -= 1
        if video["polls_left"] > 0:
            return {
                "video_status": "processing",
                "uploading_phase": {"status": "complete", "bytes_transferred": video["size"]},
                "processing_phase": {"status": "in_progress"},
                "publishing_phase": {"status": "not_started"},
            }
        if video["failure"]:
            return {
                "video_status": "error",
                "uploading_phase": {"status": "complete"},
                "processing_phase": {
                    "status": "error",
                    "errors": [{"code": 1363008, "message": video["failure"]}],
                },
                "publishing_phase": {"status": "not_started"},
            }
        if video["published"] and not video["post_id"]:
            media = [
                {"kind": "video", "id": video["id"], "url": video["url"], "size": video["size"]}
            ]
            post = self.make_post(
                video["page_id"],
                video["description"],
                media,
                number=video["id"],
                permalink=f"https://www.facebook.com/{video['page_id']}/videos/{video['id']}/",
                title=video["title"],
            )
            video["post_id"] = video["id"]
            video["published_at"] = post["created"]
        return {
            "video_status": "ready",
            "uploading_phase": {"status": "complete"},
            "processing_phase": {"status": "complete"},
            "publishing_phase": {
                "status": "complete",
                "publish_status": "published" if video["published"] else "draft",
                "publish_time": graph_time(video.get("published_at") or video["created"]),
            },
        }

    def node_of(
        self, o: dict[str, Any], ctx: Ctx, spec: str | None
    ) -> dict[str, Any] | JSONResponse:
        kind = o["type"]
        if kind == "post":
            m = metric_growth(o["id"], o["created"])
            node = {
                "id": o["id"],
                "message": o["message"] or None,
                "created_time": graph_time(o["created"]),
                "permalink_url": o["permalink"],
                "link": o.get("link"),
                "is_published": True,
                "status_type": "added_photos" if o["media"] else "mobile_status_update",
                "shares": {"count": m["shares"]} if m["shares"] else None,
                "comments": {
                    "data": [],
                    "summary": {"total_count": m["comments"], "order": "ranked"},
                },
                "reactions": {"data": [], "summary": {"total_count": m["likes"]}},
            }
            return self.g.select(node, spec, "Post")
        if kind == "comment":
            from_ = {"id": o["page_id"], "name": o["page_name"]}
            node = {
                "id": o["id"],
                "message": o["message"],
                "created_time": graph_time(o["created"]),
                "from": from_,
                "permalink_url": o["permalink"],
            }
            return self.g.select(node, spec, "Comment")
        if kind == "photo":
            node = {
                "id": o["id"],
                "created_time": graph_time(o["created"]),
                "link": f"https://www.facebook.com/photo.php?fbid={o['id']}",
                "alt_text_custom": o.get("alt_text"),
                "page_story_id": o.get("attached_to"),
            }
            return self.g.select(node, spec, "Photo")
        state = self.video_state(o, advance="status" in str(spec or ""))
        node = {
            "id": o["id"],
            "description": o["description"] or None,
            "title": o["title"],
            "created_time": graph_time(o["created"]),
            "status": state,
            "post_id": o["post_id"],
            "permalink_url": f"/{o['page_id']}/videos/{o['id']}/",
            "length": 12.5,
        }
        return self.g.select(node, spec, "Video")


class FacebookReads:
    """The Facebook emulator's reads (lists, objects, insights), as methods."""

    def __init__(self, api: APIRouter, g: MetaGraph, fbo: FacebookObjects) -> None:
        self.api = api
        self.g = g
        self.fbo = fbo
        self.store = self.fbo.store
        self.api.add_api_route(
            "/{version}/{page_id}/published_posts",
            self.list_posts,
            methods=["GET"],
            response_model=None,
        )
        self.api.add_api_route(
            "/{version}/{page_id}/feed", self.list_posts, methods=["GET"], response_model=None
        )
        self.api.add_api_route(
            "/{version}/{page_id}/videos", self.list_videos, methods=["GET"], response_model=None
        )
        self.api.add_api_route(
            "/{version}/{object_id}/insights", self.insights, methods=["GET"], response_model=None
        )
        self.api.add_api_route(
            "/{version}/{object_id}", self.node, methods=["GET"], response_model=None
        )

    async def list_posts(self, version: str, page_id: str, request: Request) -> Response:
        ctx = await self.g.begin(request, version)
        if isinstance(ctx, JSONResponse):
            return ctx
        page = self.fbo.page_for_read(ctx, page_id)
        if page is None:
            return self.g.unsupported(page_id)
        since, until = _window(ctx.params)
        with self.store.lock:
            posts = [
                o
                for o in self.store.objects.values()
                if o.get("type") == "post"
                and o["page_id"] == page.id
                and since <= o["created"] <= until
            ]
        posts.sort(key=lambda o: o["created"], reverse=True)
        rows = []
        for o in posts:
            node = self.fbo.node_of(o, ctx, ctx.params.get("fields") or "id,message,created_time")
            if isinstance(node, JSONResponse):
                return node
            rows.append(node)
        return self.g.ok(page_cursor(rows, ctx.params, str(request.url).split("?")[0]), ctx.claims)

    async def list_videos(self, version: str, page_id: str, request: Request) -> Response:
        ctx = await self.g.begin(request, version)
        if isinstance(ctx, JSONResponse):
            return ctx
        page = self.fbo.page_for_read(ctx, page_id)
        if page is None:
            return self.g.unsupported(page_id)
        since, until = _window(ctx.params)
        with self.store.lock:
            found = [
                o
                for o in self.store.objects.values()
                if o.get("type") == "video"
                and o["page_id"] == page.id
                and since <= o["created"] <= until
            ]
        found.sort(key=lambda o: o["created"], reverse=True)
        rows = []
        for o in found:
            node = self.fbo.node_of(
                o, ctx, ctx.params.get("fields") or "id,description,updated_time"
            )
            if isinstance(node, JSONResponse):
                return node
            rows.append(node)
        return self.g.ok(page_cursor(rows, ctx.params, str(request.url).split("?")[0]), ctx.claims)

    async def insights(self, version: str, object_id: str, request: Request) -> Response:
        ctx = await self.g.begin(request, version)
        if isinstance(ctx, JSONResponse):
            return ctx
        o = self.fbo.obj(object_id)
        owner = (o or {}).get("page_id") or (object_id if (o or {}).get("type") == "page" else None)
        if not o or not owner or self.fbo.page_for_read(ctx, owner) is None:
            return self.g.unsupported(object_id)
        if "read_insights" not in ctx.scopes:
            return self.g.no_permission()
        legacy = bool(self.store.objects.get("facebook:config", {}).get("legacy_metrics"))
        if o["type"] == "page":
            valid = PAGE_METRICS
        else:
            valid = LEGACY_POST_METRICS if legacy else POST_METRICS
        names = [n for n in str(ctx.params.get("metric") or "").split(",") if n]
        if not names:
            return self.g.error("(#100) The parameter metric is required", 100)
        for name in names:
            if name not in valid:
                return self.g.error("(#100) The value must be a valid insights metric", 100)
        created = o.get("created") or time.time() - 86400
        m = metric_growth(object_id, created)
        data = [
            {
                "name": name,
                "period": "day" if o["type"] == "page" else "lifetime",
                "values": [{"value": _metric_value(name, m)}],
                "title": name.replace("_", " ").capitalize(),
                "description": f"Sandbox value of {name}",
                "id": f"{object_id}/insights/{name}/lifetime",
            }
            for name in names
        ]
        return self.g.ok({"data": data}, ctx.claims)

    async def node(self, version: str, object_id: str, request: Request) -> Response:
        ctx = await self.g.begin(request, version)
        if isinstance(ctx, JSONResponse):
            return ctx
        o = self.fbo.obj(object_id)
        if o and o["type"] == "page":
            page = self.fbo.page_for_read(ctx, object_id)
            if page is None:
                return self.g.unsupported(object_id)
            node = self.g.page_node(page, ctx.claims)
            if not ctx.is_page:
                node["access_token"] = self.g.issue_page(ctx.claims, page)
            selected = self.g.select(node, ctx.params.get("fields"), "Page", "id,name")
        elif o and self.fbo.page_for_read(ctx, o["page_id"]) is not None:
            selected = self.fbo.node_of(o, ctx, ctx.params.get("fields"))
        else:
            return self.g.unsupported(object_id)
        return selected if isinstance(selected, JSONResponse) else self.g.ok(selected, ctx.claims)


def add_read_routes(api: APIRouter, g: MetaGraph, fbo: FacebookObjects) -> None:
    """GET endpoints: Page posts and videos, insights, and any object by id."""
    FacebookReads(api, g, fbo)


def _window(params: dict[str, Any]) -> tuple[float, float]:
    """`since`/`until` (unix seconds) of a Graph list call."""
    since = float(params["since"]) if str(params.get("since") or "").isdigit() else 0.0
    until = float(params["until"]) if str(params.get("until") or "").isdigit() else float("inf")
    return since, until


def _metric_value(name: str, m: dict[str, int]) -> Any:
    """A metric's value in Graph's shape (breakdowns are objects)."""
    views = m["impressions"]
    values: dict[str, Any] = {
        "post_total_media_view_unique": views,
        "post_media_view": int(views * 1.3),
        "post_impressions_unique": views,
        "post_impressions": int(views * 1.3),
        "post_reactions_by_type_total": {
            "like": m["likes"] - m["likes"] // 5,
            "love": m["likes"] // 5,
        },
        "post_reactions_like_total": m["likes"] - m["likes"] // 5,
        "post_clicks": m["clicks"],
        "post_clicks_by_type": {
            "link clicks": m["clicks"] // 2,
            "other clicks": m["clicks"] - m["clicks"] // 2,
        },
        "page_daily_follows": max(1, views // 200),
        "page_media_view": {"paid": 0, "organic": int(views * 1.3)},
        "page_total_media_view_unique": views,
        "page_post_engagements": m["likes"] + m["comments"] + m["shares"],
    }
    return values[name]
