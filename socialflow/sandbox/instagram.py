"""Emulator of Instagram content publishing on Graph (Facebook Login path) under /instagram.

Personas: the name typed on the consent page is an Instagram professional account, linked to the
Facebook Page "<name> Page" of a Facebook user (`nobiz`: the Page has no Instagram account;
`nopages`: no Page). Containers fetch their image_url/video_url like Meta does, then move through
IN_PROGRESS -> FINISHED (or ERROR/EXPIRED); media_publish enforces content_publishing_limit.
Runtime knobs live in `store.objects["instagram:config"]`: quota_total (default 50),
legacy_metrics (answer the pre-`views` metric names instead of the current ones).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import time
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from socialflow.core.config import Settings
from socialflow.sandbox.core import Record, SandboxStore, metric_growth
from socialflow.sandbox.meta import (
    Ctx,
    MetaGraph,
    PageInfo,
    as_bool,
    derived_id,
    fetch_media,
    graph_time,
    is_jpeg,
    is_video,
    page_cursor,
)
from socialflow.sandbox.meta_oauth import add_oauth_routes

PLATFORM = "instagram"
DEFAULT_QUOTA = 50
MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_VIDEO_BYTES = 300 * 1024 * 1024
MAX_STORY_VIDEO_BYTES = 100 * 1024 * 1024  # Stories: 3-60 s, at most 100 MB [◐]
REEL_ONLY = ("share_to_feed", "cover_url", "thumb_offset", "audio_name", "trial_params")
MAX_COMMENT = 2200
MAX_CAPTION = 2200
VIDEO_POLLS = 2  # status reads before a video container is FINISHED
CONTAINER_TTL = 24 * 3600
CONTAINER_PARAMS = {
    "image_url", "video_url", "media_type", "caption", "is_carousel_item", "children",
    "alt_text", "share_to_feed", "cover_url", "thumb_offset", "user_tags", "location_id",
    "product_tags", "collaborators", "audio_name", "upload_type", "trial_params",
}  # fmt: skip
MEDIA_METRICS = {
    "views", "reach", "likes", "comments", "shares", "saved", "total_interactions",
    "follows", "profile_visits", "ig_reels_avg_watch_time", "ig_reels_video_view_total_time",
}  # fmt: skip
DEPRECATED_METRICS = {
    "impressions", "plays", "video_views", "clips_replays_count",
    "ig_reels_aggregated_all_plays_count",
}  # fmt: skip
LEGACY_METRICS = (MEDIA_METRICS - {"views"}) | {"impressions", "plays", "video_views"}
STATUS_TEXT = {
    "IN_PROGRESS": "In Progress: Media is still being processed.",
    "FINISHED": "Finished: Media has been uploaded and it is ready to be published.",
    "PUBLISHED": "Published: Media has been published.",
    "EXPIRED": "Expired: The container was not published within 24 hours and has expired.",
}


class InstagramEmulator:
    """The Instagram emulator's handlers, as methods over its store and its Graph helper.

    The publishing endpoints are the same on both hosts: `instagram_login.py` subclasses this
    with graph.instagram.com's login and tokens (Business Login for Instagram)."""

    graph_class: type[MetaGraph] = MetaGraph

    def __init__(self, store: SandboxStore, settings: Settings):
        self.store = store
        self.settings = settings
        self.api = APIRouter(tags=["sandbox-instagram"])
        self.g = self.graph_class(
            platform=PLATFORM,
            display="Instagram",
            store=store,
            settings=settings,
            person_of=self.person_of,
            pages_of=self.pages_of,
            default_username="sandbox_creator",
        )
        self.login_routes()
        self.api.add_api_route(
            "/{version}/{ig_user_id}/media",
            self.create_container,
            methods=["POST"],
            response_model=None,
        )
        self.api.add_api_route(
            "/{version}/{ig_user_id}/media_publish",
            self.media_publish,
            methods=["POST"],
            response_model=None,
        )
        self.api.add_api_route(
            "/{version}/{ig_user_id}/content_publishing_limit",
            self.publishing_limit,
            methods=["GET"],
            response_model=None,
        )
        self.api.add_api_route(
            "/{version}/{ig_user_id}/media", self.list_media, methods=["GET"], response_model=None
        )
        self.api.add_api_route(
            "/{version}/{object_id}/insights", self.insights, methods=["GET"], response_model=None
        )
        self.api.add_api_route(
            "/{version}/{media_id}/comments",
            self.create_comment,
            methods=["POST"],
            response_model=None,
        )
        self.api.add_api_route(
            "/{version}/{media_id}/comments",
            self.list_comments,
            methods=["GET"],
            response_model=None,
        )
        self.api.add_api_route(
            "/{version}/{object_id}", self.node, methods=["GET"], response_model=None
        )
        self.api.add_api_route(
            "/{rest:path}", self.unknown, methods=["GET", "POST", "DELETE"], response_model=None
        )

    def login_routes(self) -> None:
        """Facebook Login: the dialog, the token endpoint and the /me family."""
        add_oauth_routes(self.g, self.api)

    def person_of(self, username: str) -> tuple[str, str]:
        return derived_id(PLATFORM, "person", username), username.replace("_", " ").title()

    def pages_of(self, username: str) -> list[PageInfo]:
        if username == "nopages":
            return []
        ig = None if username == "nobiz" else self.store.user(PLATFORM, username)
        name = f"{username.replace('_', ' ').title()} Page"
        page = PageInfo(derived_id(PLATFORM, "page", username), name, f"{username}.page", None, ig)
        if "agency" in username:  # the Page is reached only through a Business Manager
            page.business = (derived_id(PLATFORM, "business", username), f"{name} Business")
        return [page]

    def config(self) -> dict[str, Any]:
        return self.store.objects.get("instagram:config") or {}

    def ig_of(self, ctx: Ctx, ig_user_id: str) -> Any:
        """The Instagram account if it is linked to one of this token's Pages."""
        for page in self.g.pages_of(str(ctx.claims["un"])):
            if (
                page.ig
                and page.ig.id == ig_user_id
                and (not ctx.is_page or ctx.claims["pg"] == page.id)
            ):
                return page.ig
        return None

    def obj(self, object_id: str) -> dict[str, Any] | None:
        return self.store.objects.get(f"ig:{object_id}")

    def state(self, c: dict[str, Any], advance: bool) -> str:
        """A container's status_code; each status read moves processing one step."""
        if c.get("published"):
            return "PUBLISHED"
        if time.time() - c["created"] > CONTAINER_TTL:
            return "EXPIRED"
        if c["media_type"] == "CAROUSEL":
            kids = [
                self.state(self.obj(k) or {}, advance) if self.obj(k) else "ERROR"
                for k in c["children"]
            ]
            for worst in ("ERROR", "EXPIRED", "IN_PROGRESS"):
                if worst in kids:
                    return worst
            return "FINISHED"
        if advance and c["polls_left"] > 0:
            c["polls_left"] -= 1
        if c["polls_left"] > 0:
            return "IN_PROGRESS"
        return "ERROR" if c.get("failure") else "FINISHED"

    def status_text(self, c: dict[str, Any], code: str) -> str:
        if code == "ERROR":
            failed = c.get("failure") or next(
                (
                    (self.obj(k) or {}).get("failure")
                    for k in c.get("children", [])
                    if (self.obj(k) or {}).get("failure")
                ),
                2207053,
            )
            return f"Error: Media upload has failed with error code {failed}."
        return STATUS_TEXT[code]

    async def create_container(self, version: str, ig_user_id: str, request: Request) -> Response:
        ctx = await self.g.begin(request, version)
        if isinstance(ctx, JSONResponse):
            return ctx
        ig = self.ig_of(ctx, ig_user_id)
        if ig is None:
            return self.g.unsupported(ig_user_id, "post")
        if "instagram_content_publish" not in ctx.scopes:
            return self.g.no_permission()
        if bad := self.g.unknown_params(ctx, CONTAINER_PARAMS):
            return bad
        return await self._container(ctx, ig.id)

    async def _container(self, ctx: Ctx, owner: str) -> Response:
        p = ctx.params
        media_type = str(p.get("media_type") or "IMAGE").upper()
        carousel_item = as_bool(p.get("is_carousel_item"), False)
        caption = str(p.get("caption") or "")
        if media_type not in ("IMAGE", "VIDEO", "REELS", "STORIES", "CAROUSEL"):
            return self.g.error(f"(#100) Unknown media_type {media_type}", 100, subcode=2207023)
        misplaced = [k for k in REEL_ONLY if p.get(k) is not None and media_type != "REELS"]
        if misplaced:
            return self.g.error(f"(#100) Param {misplaced[0]} is only supported for REELS", 100)
        if p.get("thumb_offset") is not None and not str(p["thumb_offset"]).isdigit():
            return self.g.error(
                "(#100) thumb_offset must be a non-negative number of milliseconds",
                100,
                subcode=2207057,
            )
        if media_type == "VIDEO" and not carousel_item:
            return self.g.error(
                "(#100) The VIDEO media type is no longer supported for feed posts. Use REELS.",
                100,
                subcode=2207023,
            )
        if len(caption) > MAX_CAPTION:
            return self.g.error(
                "The caption is too long.",
                100,
                subcode=2207010,
                user_msg="Captions can be 2,200 characters at most.",
            )
        if caption.count("#") > 30:
            return self.g.error("(#100) The caption has more than 30 hashtags.", 100)
        if caption.count("@") > 20:
            return self.g.error("(#100) The caption mentions more than 20 accounts.", 100)
        container: dict[str, Any] = {
            "type": "container",
            "owner": owner,
            "media_type": media_type,
            "caption": caption,
            "is_carousel_item": carousel_item,
            "children": [],
            "polls_left": 0,
            "failure": None,
            "published": False,
            "created": time.time(),
            "url": None,
            "size": 0,
        }
        if media_type == "CAROUSEL":
            if p.get("collaborators"):
                return self.g.error("(#100) param collaborators is not allowed", 100)
            if p.get("image_url") or p.get("video_url"):
                return self.g.error(
                    "(#100) A carousel takes children, not image_url or video_url", 100
                )
            children = [c for c in str(p.get("children") or "").split(",") if c]
            if not 2 <= len(children) <= 10:
                return self.g.error(
                    "(#100) The carousel must have between 2 and 10 children", 100, subcode=2207028
                )
            for child in children:
                c = self.obj(child)
                if (
                    not c
                    or c.get("type") != "container"
                    or c["owner"] != owner
                    or not c["is_carousel_item"]
                ):
                    return self.g.error(
                        f"(#100) Invalid carousel child {child}", 100, subcode=2207028
                    )
                if self.state(c, advance=False) != "FINISHED":
                    # Meta takes only finished children (issue 18 #8); the exact code for
                    # this refusal is unconfirmed: the "not ready" one of media_publish.
                    return self.g.error(
                        "The media is not ready for publishing, please wait for a moment",
                        9007,
                        subcode=2207027,
                        user_msg=f"Carousel item {child} is still being processed.",
                    )
            container["children"] = children
        else:
            wants_video = media_type in ("VIDEO", "REELS") or (
                media_type == "STORIES" and p.get("video_url")
            )
            url_key = "video_url" if wants_video else "image_url"
            other = "image_url" if wants_video else "video_url"
            if not p.get(url_key) or p.get(other):
                return self.g.error(f"(#100) The parameter {url_key} is required", 100)
            if p.get("alt_text") and (wants_video or media_type == "STORIES"):
                return self.g.error("(#100) alt_text is only supported for image posts", 100)
            url = str(p[url_key])
            container["url"] = url
            container["alt_text"] = p.get("alt_text")
            container["kind"] = "video" if wants_video else "image"
            if p.get("cover_url") is not None:
                cover = await fetch_media(str(p["cover_url"]), MAX_IMAGE_BYTES)
                if not cover.ok or not is_jpeg(cover.head):
                    return self.g.error(
                        "The cover image could not be fetched or is not a JPEG.",
                        9004,
                        subcode=2207052 if not cover.ok else 2207005,
                        user_msg="The Reel's cover must be a public JPEG of at most 8 MiB.",
                    )
                container["cover_url"] = str(p["cover_url"])
            container["thumb_offset"] = p.get("thumb_offset")
            container["share_to_feed"] = p.get("share_to_feed")
            if wants_video:
                # Meta downloads the video while the container is IN_PROGRESS.
                limit = MAX_STORY_VIDEO_BYTES if media_type == "STORIES" else MAX_VIDEO_BYTES
                fetched = await fetch_media(url, limit, wait_seconds=10.0)
                container["size"] = fetched.size
                container["polls_left"] = VIDEO_POLLS
                if not fetched.ok:
                    container["failure"] = 2207052
                elif not is_video(fetched.head):
                    container["failure"] = 2207026
            else:
                fetched = await fetch_media(url, MAX_IMAGE_BYTES)
                if not fetched.ok and fetched.error == "too large":
                    return self.g.error(
                        "The image size is too large.",
                        36000,
                        subcode=2207004,
                        user_title="Image size too large",
                        user_msg="The image is too large to download. "
                        "It should be less than 8 MiB.",
                    )
                if not fetched.ok:
                    return self.g.error(
                        "Media download has failed. The media URI doesn't meet our requirements.",
                        9004,
                        subcode=2207052,
                        user_title="Media download failed",
                        user_msg=f"The media could not be fetched from this URI: {url}",
                    )
                if not is_jpeg(fetched.head):
                    return self.g.error(
                        "The image format is not supported.",
                        9004,
                        subcode=2207005,
                        user_msg="Only JPEG images can be published.",
                    )
                container["size"] = fetched.size
            if self.store.take_fault(PLATFORM, ctx.path, {"media_failure"}):
                container["failure"] = 2207053 if wants_video else 2207032
                container["polls_left"] = max(1, container["polls_left"])
        container_id = self.store.next_id("instagram:container", digits=17)
        container["id"] = container_id
        self.store.objects[f"ig:{container_id}"] = container
        return self.g.ok({"id": container_id}, ctx.claims)

    async def media_publish(self, version: str, ig_user_id: str, request: Request) -> Response:
        ctx = await self.g.begin(request, version)
        if isinstance(ctx, JSONResponse):
            return ctx
        ig = self.ig_of(ctx, ig_user_id)
        if ig is None:
            return self.g.unsupported(ig_user_id, "post")
        if "instagram_content_publish" not in ctx.scopes:
            return self.g.no_permission()
        if bad := self.g.unknown_params(ctx, {"creation_id"}):
            return bad
        creation_id = str(ctx.params.get("creation_id") or "")
        if not creation_id:
            return self.g.error("(#100) The parameter creation_id is required.", 100)
        c = self.obj(creation_id)
        if not c or c.get("type") != "container" or c["owner"] != ig.id:
            return self.g.error("The media with this id cannot be found.", 100, subcode=2207006)
        if c["is_carousel_item"]:
            return self.g.error("(#100) A carousel item cannot be published on its own", 100)
        code = self.state(c, advance=False)
        if code == "IN_PROGRESS":
            return self.g.error(
                "Media ID is not available",
                9007,
                subcode=2207027,
                user_msg="The media is not ready for publishing, please wait for a moment",
            )
        if code == "EXPIRED":
            return self.g.error("The media container has expired.", 100, subcode=2207008)
        if code == "ERROR":
            return self.g.error(
                "Media upload has failed.",
                9004,
                subcode=2207032,
                user_msg=self.status_text(c, code),
            )
        if code == "PUBLISHED":
            return self.g.unsupported(creation_id, "post")
        quota = int(self.config().get("quota_total") or DEFAULT_QUOTA)
        if self.used(ig.id) >= quota:
            return self.g.error(
                "Application request limit reached",
                9,
                subcode=2207042,
                user_title="Cannot publish more posts",
                user_msg="You reached maximum number of posts that is allowed to be published "
                "by Content Publishing API.",
            )
        if self.store.take_fault(PLATFORM, ctx.path, {"duplicate"}):
            return self.g.error(
                "Action is blocked.",
                368,
                subcode=2207051,
                user_title="Action blocked",
                user_msg="We restrict certain activity to protect our community.",
            )
        media_id = self.store.next_id("instagram:media", digits=17)
        kind = {
            "CAROUSEL": "CAROUSEL_ALBUM",
            "REELS": "VIDEO",
            "STORIES": c.get("kind", "image").upper(),
        }
        media_type = kind.get(c["media_type"], "IMAGE")
        product = {"REELS": "REELS", "STORIES": "STORY"}.get(c["media_type"], "FEED")
        shortcode = base64.urlsafe_b64encode(
            hashlib.sha256(media_id.encode()).digest()[:8]
        ).decode()[:11]
        section = {"REELS": "reel", "STORY": f"stories/{ig.username}"}.get(product, "p")
        items = [self.obj(k) or {} for k in c["children"]] if c["children"] else [c]
        media = {
            "type": "media",
            "id": media_id,
            "owner": ig.id,
            "username": ig.username,
            "caption": c["caption"],
            "media_type": media_type,
            "media_product_type": product,
            "shortcode": shortcode,
            "permalink": f"https://www.instagram.com/{section}/"
            + (f"{media_id}/" if product == "STORY" else f"{shortcode}/"),
            "created": time.time(),
            "container_id": creation_id,
            "items": [
                {"kind": i.get("kind"), "url": i.get("url"), "size": i.get("size")} for i in items
            ],
        }
        c["published"] = True
        self.store.objects[f"ig:{media_id}"] = media
        self.store.record(
            Record(
                platform=PLATFORM,
                post_id=media_id,
                user_id=ig.id,
                text=c["caption"],
                media=media["items"],
                created_at=media["created"],
                extra={
                    "media_type": media_type,
                    "media_product_type": product,
                    "permalink": media["permalink"],
                    "container_id": creation_id,
                    **{
                        k: c[k]
                        for k in ("cover_url", "thumb_offset", "share_to_feed")
                        if c.get(k) is not None
                    },
                },
            )
        )
        fault = self.store.take_fault(PLATFORM, ctx.path, {"timeout_after_create"})
        if fault:
            await asyncio.sleep(fault.seconds)
        return self.g.ok({"id": media_id}, ctx.claims)

    def used(self, owner: str) -> int:
        cutoff = time.time() - 86400
        with self.store.lock:
            return sum(
                1
                for o in self.store.objects.values()
                if o.get("type") == "media" and o["owner"] == owner and o["created"] > cutoff
            )

    async def publishing_limit(self, version: str, ig_user_id: str, request: Request) -> Response:
        ctx = await self.g.begin(request, version)
        if isinstance(ctx, JSONResponse):
            return ctx
        ig = self.ig_of(ctx, ig_user_id)
        if ig is None:
            return self.g.unsupported(ig_user_id)
        quota = int(self.config().get("quota_total") or DEFAULT_QUOTA)
        node = {
            "quota_usage": self.used(ig.id),
            "config": {"quota_total": quota, "quota_duration": 86400},
        }
        out = {}
        for name in (ctx.params.get("fields") or "quota_usage").split(","):
            if name not in node:
                return self.g.error(f"(#100) Tried accessing nonexisting field ({name})", 100)
            out[name] = node[name]
        return self.g.ok({"data": [out]}, ctx.claims)

    async def list_media(self, version: str, ig_user_id: str, request: Request) -> Response:
        ctx = await self.g.begin(request, version)
        if isinstance(ctx, JSONResponse):
            return ctx
        ig = self.ig_of(ctx, ig_user_id)
        if ig is None:
            return self.g.unsupported(ig_user_id)
        since = float(ctx.params["since"]) if str(ctx.params.get("since") or "").isdigit() else 0.0
        with self.store.lock:
            found = [
                o for o in self.store.objects.values()
                if o.get("type") == "media" and o["owner"] == ig.id and o["created"] >= since
            ]  # fmt: skip
        found.sort(key=lambda o: o["created"], reverse=True)
        rows = []
        for o in found:
            selected = self.g.select(self.media_node(o), ctx.params.get("fields"), "IGMedia")
            if isinstance(selected, JSONResponse):
                return selected
            rows.append(selected)
        return self.g.ok(page_cursor(rows, ctx.params, str(request.url).split("?")[0]), ctx.claims)

    def media_node(self, o: dict[str, Any]) -> dict[str, Any]:
        m = metric_growth(o["id"], o["created"])
        return {
            "id": o["id"],
            "caption": o["caption"] or None,
            "media_type": o["media_type"],
            "media_product_type": o["media_product_type"],
            "permalink": o["permalink"],
            "shortcode": o["shortcode"],
            "timestamp": graph_time(o["created"]),
            "username": o["username"],
            "like_count": m["likes"],
            "comments_count": m["comments"],
            "media_url": (o["items"][0] or {}).get("url") if o["items"] else None,
            "is_comment_enabled": True,
        }

    async def insights(self, version: str, object_id: str, request: Request) -> Response:
        ctx = await self.g.begin(request, version)
        if isinstance(ctx, JSONResponse):
            return ctx
        o = self.obj(object_id)
        if not o or o.get("type") != "media" or self.ig_of(ctx, o["owner"]) is None:
            return self.g.unsupported(object_id)
        if "instagram_manage_insights" not in ctx.scopes:
            return self.g.no_permission()
        legacy = bool(self.config().get("legacy_metrics"))
        valid = LEGACY_METRICS if legacy else MEDIA_METRICS
        names = [n for n in str(ctx.params.get("metric") or "").split(",") if n]
        if not names:
            return self.g.error("(#100) The parameter metric is required", 100)
        for i, name in enumerate(names):
            if not legacy and name in DEPRECATED_METRICS:
                return self.g.error(
                    f"(#100) Starting from version v22.0 and above, the {name} metric is no "
                    "longer supported. Please use views instead.",
                    100,
                )
            if name not in valid:
                return self.g.error(
                    f"(#100) metric[{i}] must be one of the following values: "
                    + ", ".join(sorted(valid)),
                    100,
                )
        m = metric_growth(object_id, o["created"])
        values = {
            "views": m["impressions"],
            "impressions": m["impressions"],
            "plays": m["impressions"],
            "video_views": m["impressions"],
            "reach": int(m["impressions"] * 0.7),
            "likes": m["likes"],
            "comments": m["comments"],
            "shares": m["shares"],
            "saved": m["likes"] // 4,
            "total_interactions": m["likes"] + m["comments"] + m["shares"] + m["likes"] // 4,
            "follows": m["likes"] // 20,
            "profile_visits": m["clicks"],
            "ig_reels_avg_watch_time": 4200,
            "ig_reels_video_view_total_time": m["impressions"] * 4200,
        }
        data = [
            {
                "name": name,
                "period": "lifetime",
                "values": [{"value": values[name]}],
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
        spec = ctx.params.get("fields")
        ig = self.ig_of(ctx, object_id)
        o = self.obj(object_id)
        if ig is not None:
            with self.store.lock:
                count = sum(
                    1
                    for x in self.store.objects.values()
                    if x.get("type") == "media" and x["owner"] == ig.id
                )
            user = {
                "id": ig.id,
                "ig_id": int(ig.id) % 10**10,
                "username": ig.username,
                "name": ig.display_name,
                "biography": "A sandbox Instagram account",
                "website": None,
                "profile_picture_url": f"https://scontent.cdninstagram.com/v/sandbox/{ig.id}.jpg",
                "followers_count": ig.followers(),
                "follows_count": 150,
                "media_count": count,
            }
            selected = self.g.select(user, spec, "IGUser", "id,username")
        elif o and self.ig_of(ctx, o["owner"]) is not None:
            if o["type"] == "container":
                code = self.state(o, advance="status" in str(spec or ""))
                container = {
                    "id": o["id"],
                    "status_code": code,
                    "status": self.status_text(o, code),
                }
                selected = self.g.select(container, spec, "ShadowIGMediaBuilder")
            else:
                selected = self.g.select(self.media_node(o), spec, "IGMedia")
        else:
            return self.g.unsupported(object_id)
        return selected if isinstance(selected, JSONResponse) else self.g.ok(selected, ctx.claims)

    async def create_comment(self, version: str, media_id: str, request: Request) -> Response:
        """A comment as the account on its own media (the first comment)."""
        ctx = await self.g.begin(request, version)
        if isinstance(ctx, JSONResponse):
            return ctx
        o = self.obj(media_id)
        if not o or o.get("type") != "media" or self.ig_of(ctx, o["owner"]) is None:
            return self.g.unsupported(media_id, "post")
        if "instagram_manage_comments" not in ctx.scopes:
            return self.g.no_permission()
        if bad := self.g.unknown_params(ctx, {"message"}):
            return bad
        message = str(ctx.params.get("message") or "")
        if not message.strip():
            return self.g.error("(#100) The parameter message is required", 100)
        if len(message) > MAX_COMMENT:
            return self.g.error("(#100) The comment is too long (2,200 characters at most)", 100)
        if o["media_product_type"] == "STORY":  # [✖] the exact answer is unconfirmed
            return self.g.error("(#100) Comments are not supported on stories", 100)
        if self.store.take_fault(PLATFORM, ctx.path, {"duplicate"}):
            return self.g.error(
                "Action is blocked.",
                368,
                subcode=2207051,
                user_msg="We restrict certain activity to protect our community.",
            )
        comment_id = self.store.next_id("instagram:comment", digits=17)
        self.store.objects[f"ig:{comment_id}"] = {
            "type": "comment",
            "id": comment_id,
            "media": media_id,
            "owner": o["owner"],
            "text": message,
            "username": o["username"],
            "created": time.time(),
        }
        fault = self.store.take_fault(PLATFORM, ctx.path, {"timeout_after_create"})
        if fault:
            await asyncio.sleep(fault.seconds)
        return self.g.ok({"id": comment_id}, ctx.claims)

    async def list_comments(self, version: str, media_id: str, request: Request) -> Response:
        ctx = await self.g.begin(request, version)
        if isinstance(ctx, JSONResponse):
            return ctx
        o = self.obj(media_id)
        if not o or o.get("type") != "media" or self.ig_of(ctx, o["owner"]) is None:
            return self.g.unsupported(media_id)
        with self.store.lock:
            found = [
                c for c in self.store.objects.values()
                if c.get("type") == "comment" and c["media"] == media_id
            ]  # fmt: skip
        found.sort(key=lambda c: c["created"], reverse=True)
        rows = []
        for c in found:
            node = {
                "id": c["id"],
                "text": c["text"],
                "username": c["username"],
                "timestamp": graph_time(c["created"]),
                "like_count": 0,
            }
            selected = self.g.select(node, ctx.params.get("fields"), "IGComment", "id,text")
            if isinstance(selected, JSONResponse):
                return selected
            rows.append(selected)
        return self.g.ok(page_cursor(rows, ctx.params, str(request.url).split("?")[0]), ctx.claims)

    async def unknown(self, rest: str) -> Response:
        return self.g.error(f"Unknown path components: /{rest}", 2500)


def router(store: SandboxStore, settings: Settings) -> APIRouter:
    """The Instagram emulator: Graph OAuth plus containers, publishing, media and insights."""
    return InstagramEmulator(store, settings).api
