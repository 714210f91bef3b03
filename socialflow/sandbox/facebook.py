"""Emulator of the Facebook Pages Graph API (feed, photos, videos, insights) under /facebook.

Personas: the name typed on the consent page is a Facebook user who manages two Pages,
"<name>.page" and "<name>.shop" (the name `nopages` manages none). Page ids are persona ids,
so `/sandbox/_admin/revoke?platform=facebook&user_id=<page id>` kills that Page's tokens.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from starlette.datastructures import UploadFile

from socialflow.core.config import Settings
from socialflow.sandbox.core import SandboxStore
from socialflow.sandbox.facebook_comments import FacebookComments
from socialflow.sandbox.facebook_reads import FacebookObjects, add_read_routes
from socialflow.sandbox.meta import (
    Ctx,
    MetaGraph,
    PageInfo,
    as_bool,
    derived_id,
    fetch_media,
    is_image,
    is_video,
)
from socialflow.sandbox.meta_oauth import add_oauth_routes

PLATFORM = "facebook"
MAX_MESSAGE = 63206
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_VIDEO_BYTES = 1024 * 1024 * 1024
VIDEO_POLLS = 2  # status reads before a video is processed
DUPLICATE_WINDOW = 24 * 3600
FEED_PARAMS = {
    "message", "link", "published", "scheduled_publish_time", "attached_media", "fields",
    "text_format_preset_id", "place", "tags", "targeting", "feed_targeting", "no_story",
    "backdated_time", "unpublished_content_type", "formatting",
}  # fmt: skip
PHOTO_PARAMS = {
    "url", "source", "message", "caption", "published", "temporary", "alt_text_custom",
    "no_story", "fields", "scheduled_publish_time", "place", "backdated_time",
}  # fmt: skip
VIDEO_PARAMS = {
    "file_url", "source", "description", "title", "published", "fields", "thumb",
    "scheduled_publish_time", "no_story", "content_category", "embeddable",
}  # fmt: skip


class FacebookEmulator:
    """The Facebook emulator's Page publishing endpoints, as methods over its Graph helper."""

    def __init__(self, store: SandboxStore, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.api = APIRouter(tags=["sandbox-facebook"])
        self.g = MetaGraph(
            platform=PLATFORM,
            display="Facebook",
            store=self.store,
            settings=self.settings,
            person_of=self.person_of,
            pages_of=self.pages_of,
            default_username="sandbox_page_admin",
        )
        add_oauth_routes(self.g, self.api)
        self.fbo = FacebookObjects(self.store, self.g)
        self.api.add_api_route(
            "/{version}/{page_id}/feed", self.feed, methods=["POST"], response_model=None
        )
        self.api.add_api_route(
            "/{version}/{page_id}/photos", self.photos, methods=["POST"], response_model=None
        )
        self.api.add_api_route(
            "/{version}/{page_id}/videos", self.videos, methods=["POST"], response_model=None
        )
        FacebookComments(self.api, self.g, self.fbo)
        add_read_routes(self.api, self.g, self.fbo)
        self.api.add_api_route(
            "/{rest:path}", self.unknown, methods=["GET", "POST", "DELETE"], response_model=None
        )

    def person_of(self, username: str) -> tuple[str, str]:
        person = self.store.user(PLATFORM, username)
        return person.id, person.display_name

    def pages_of(self, username: str) -> list[PageInfo]:
        if username == "nopages":
            return []
        person = self.store.user(PLATFORM, username)
        if "agency" in username:
            return self.business_pages(username, person.display_name)
        pages = []
        for suffix, label in (("page", "Page"), ("shop", "Shop")):
            persona = self.store.user(PLATFORM, f"{username}.{suffix}")
            persona.display_name = f"{person.display_name} {label}"
            self.store.objects.setdefault(f"fb:{persona.id}", {"type": "page", "owner": username})
            pages.append(PageInfo(persona.id, persona.display_name, persona.username, persona))
        return pages

    def business_pages(self, username: str, display: str) -> list[PageInfo]:
        """An agency persona has no Page role of its own: it manages "<name>.brand" (owned by
        its business) and "<name>.client" (a client's) through Business Manager only."""
        business = (derived_id(PLATFORM, "business", username), f"{display} Business")
        pages = []
        for suffix, label, edge in (
            ("brand", "Brand", "owned_pages"),
            ("client", "Client", "client_pages"),
        ):
            persona = self.store.user(PLATFORM, f"{username}.{suffix}")
            persona.display_name = f"{display} {label}"
            self.store.objects.setdefault(f"fb:{persona.id}", {"type": "page", "owner": username})
            pages.append(
                PageInfo(
                    persona.id,
                    persona.display_name,
                    persona.username,
                    persona,
                    business=business,
                    business_edge=edge,
                )
            )
        return pages

    def page_for_post(self, ctx: Ctx, page_id: str) -> PageInfo | JSONResponse:
        """The Page a publishing call targets; only that Page's token may post to it."""
        page = self.g.page_of(ctx.claims, page_id) if ctx.is_page else None
        if page is None:
            return self.g.error(
                "(#200) If posting to a page, requires both pages_read_engagement and "
                "pages_manage_posts as an admin with sufficient administrative permission",
                200,
            )
        if "pages_manage_posts" not in ctx.scopes:
            return self.g.error(
                "(#200) The user hasn't authorized the application to perform this action", 200
            )
        return page

    def recent_duplicate(self, page_id: str, message: str, link: str | None) -> bool:
        cutoff = time.time() - DUPLICATE_WINDOW
        with self.store.lock:
            for rec in self.store.records_of(PLATFORM, page_id):
                o = self.store.objects.get(f"fb:{rec.post_id}")
                if (
                    o is not None
                    and o.get("type") == "post"
                    and o["page_id"] == page_id
                    and o["created"] > cutoff
                    and not o["media"]
                    and o["message"] == message
                    and o.get("link") == link
                ):
                    return True
        return False

    async def after_create(self, path: str) -> None:
        fault = self.store.take_fault(PLATFORM, path, {"timeout_after_create"})
        if fault:
            await asyncio.sleep(fault.seconds)

    def duplicate_fault(self, path: str, code: int) -> JSONResponse | None:
        if not self.store.take_fault(PLATFORM, path, {"duplicate"}):
            return None
        if code == 506:
            return self.g.error("(#506) Duplicate status message", 506)
        return self.g.error(
            "You've already posted this. Posting the same content repeatedly on Facebook isn't "
            "allowed.",
            368,
            subcode=1390008,
            user_title="Duplicate post",
            user_msg="You've already posted this.",
        )

    def attached(self, params: dict[str, Any]) -> list[str] | None:
        """`attached_media` as a JSON list, a JSON string, or form keys attached_media[N]."""
        raw = params.get("attached_media")
        items: list[Any] = []
        if isinstance(raw, str):
            try:
                raw = json.loads(raw)
            except ValueError:
                return None
        if isinstance(raw, list):
            items = raw
        for key in sorted(k for k in params if k.startswith("attached_media[")):
            try:
                items.append(json.loads(params[key]))
            except (TypeError, ValueError):
                return None
        ids = []
        for item in items:
            if isinstance(item, str):
                try:
                    item = json.loads(item)
                except ValueError:
                    return None
            if not isinstance(item, dict) or not item.get("media_fbid"):
                return None
            ids.append(str(item["media_fbid"]))
        return ids

    async def feed(self, version: str, page_id: str, request: Request) -> Response:
        ctx = await self.g.begin(request, version)
        if isinstance(ctx, JSONResponse):
            return ctx
        page = self.page_for_post(ctx, page_id)
        if isinstance(page, JSONResponse):
            return page
        if bad := self.g.unknown_params(ctx, FEED_PARAMS):
            return bad
        p = ctx.params
        message = str(p.get("message") or "")
        link = p.get("link") or None
        photo_ids = self.attached(p)
        if photo_ids is None:
            return self.g.error("(#100) param attached_media must be an array of {media_fbid}", 100)
        if not (message or link or photo_ids):
            return self.g.error(
                "(#100) Requires one of the params: message, link, attached_media", 100
            )
        if len(message) > MAX_MESSAGE:
            return self.g.error("(#100) The message is too long", 100)
        if link and not str(link).startswith(("http://", "https://")):
            return self.g.error("(#100) The link you provided is invalid", 100, subcode=2061006)
        published = as_bool(p.get("published"), True)
        scheduled = p.get("scheduled_publish_time")
        if scheduled is not None:
            delta = int(scheduled) - time.time() if str(scheduled).isdigit() else -1
            if published or not (600 <= delta <= 30 * 86400):
                return self.g.error("(#100) The specified scheduled publish time is invalid.", 100)
        elif not published:
            return self.g.error(
                "(#100) Unpublished posts need scheduled_publish_time in the sandbox", 100
            )
        photos = []
        for i, pid in enumerate(photo_ids):
            photo = self.fbo.obj(pid)
            if not photo or photo.get("type") != "photo" or photo["page_id"] != page.id:
                return self.g.error(f"(#100) param attached_media[{i}] has invalid media_fbid", 100)
            if photo["published"] or photo.get("attached_to"):
                return self.g.error(
                    f"(#100) media_fbid {pid} was already used", 100, subcode=1366051
                )
            photos.append(photo)
        if dup := self.duplicate_fault(ctx.path, 506):
            return dup
        if not photos and message and self.recent_duplicate(page.id, message, link):
            return self.g.error("(#506) Duplicate status message", 506)
        media = [
            {"kind": "image", "id": ph["id"], "url": ph["url"], "size": ph["size"]} for ph in photos
        ]
        post = self.fbo.make_post(
            page.id, message, media, link=link, scheduled_publish_time=scheduled
        )
        for photo in photos:
            photo["attached_to"] = post["id"]
        await self.after_create(ctx.path)
        body: dict[str, Any] = {"id": post["id"]}
        if "permalink_url" in str(p.get("fields") or ""):
            body["permalink_url"] = post["permalink"]
        return self.g.ok(body, ctx.claims)

    async def photos(self, version: str, page_id: str, request: Request) -> Response:
        ctx = await self.g.begin(request, version)
        if isinstance(ctx, JSONResponse):
            return ctx
        page = self.page_for_post(ctx, page_id)
        if isinstance(page, JSONResponse):
            return page
        if bad := self.g.unknown_params(ctx, PHOTO_PARAMS):
            return bad
        p = ctx.params
        source = p.get("source")
        if isinstance(source, UploadFile):
            data = await source.read()
            size, head, url = len(data), data[:32], None
            if size > MAX_PHOTO_BYTES or not is_image(head):
                return self.g.error("(#324) Missing or invalid image file", 324)
        elif p.get("url"):
            url = str(p["url"])
            fetched = await fetch_media(url, MAX_PHOTO_BYTES)
            if not fetched.ok or not is_image(fetched.head):
                return self.g.error(
                    f"(#324) Missing or invalid image file ({fetched.error or 'not an image'})", 324
                )
            size = fetched.size
        else:
            return self.g.error("(#324) Requires upload file", 324)
        published = as_bool(p.get("published"), True)
        message = str(p.get("message") or p.get("caption") or "")
        photo_id = self.store.next_id("facebook:photo", digits=15)
        photo = {
            "type": "photo",
            "id": photo_id,
            "page_id": page.id,
            "url": url,
            "size": size,
            "published": published,
            "alt_text": p.get("alt_text_custom"),
            "created": time.time(),
        }
        if not published:
            self.store.objects[f"fb:{photo_id}"] = photo
            return self.g.ok({"id": photo_id}, ctx.claims)
        if dup := self.duplicate_fault(ctx.path, 368):
            return dup
        self.store.objects[f"fb:{photo_id}"] = photo
        media = [{"kind": "image", "id": photo_id, "url": url, "size": size}]
        post = self.fbo.make_post(page.id, message, media)
        photo["attached_to"] = post["id"]
        await self.after_create(ctx.path)
        return self.g.ok({"id": photo_id, "post_id": post["id"]}, ctx.claims)

    async def videos(self, version: str, page_id: str, request: Request) -> Response:
        ctx = await self.g.begin(request, version)
        if isinstance(ctx, JSONResponse):
            return ctx
        page = self.page_for_post(ctx, page_id)
        if isinstance(page, JSONResponse):
            return page
        if "publish_video" not in ctx.scopes:
            return self.g.error("(#100) No permission to publish the video", 100)
        if bad := self.g.unknown_params(ctx, VIDEO_PARAMS):
            return bad
        p = ctx.params
        failure = None
        source = p.get("source")
        if isinstance(source, UploadFile):
            data = await source.read()
            size, url = len(data), None
            if not is_video(data[:32]):
                failure = "The video file you selected is in a format that we don't support."
        elif p.get("file_url"):
            url = str(p["file_url"])
            # Facebook downloads file_url itself; a failed download shows up as a video error.
            fetched = await fetch_media(url, MAX_VIDEO_BYTES, wait_seconds=10.0)
            size = fetched.size
            if not fetched.ok:
                failure = f"The video could not be downloaded from file_url ({fetched.error})."
            elif not is_video(fetched.head):
                failure = "The video file you selected is in a format that we don't support."
        else:
            return self.g.error("(#100) Requires one of the params: file_url, source", 100)
        if dup := self.duplicate_fault(ctx.path, 368):
            return dup
        if self.store.take_fault(PLATFORM, ctx.path, {"media_failure"}):
            failure = "Video processing failed: the file could not be encoded."
        video_id = self.store.next_id("facebook:video", digits=16)
        self.store.objects[f"fb:{video_id}"] = {
            "type": "video",
            "id": video_id,
            "page_id": page.id,
            "description": str(p.get("description") or ""),
            "title": p.get("title"),
            "url": url,
            "size": size,
            "polls_left": VIDEO_POLLS,
            "failure": failure,
            "published": as_bool(p.get("published"), True),
            "post_id": None,
            "created": time.time(),
        }
        await self.after_create(ctx.path)
        return self.g.ok({"id": video_id}, ctx.claims)

    async def unknown(self, rest: str) -> Response:
        return self.g.error(f"Unknown path components: /{rest}", 2500)


def router(store: SandboxStore, settings: Settings) -> APIRouter:
    """The Facebook emulator: Graph OAuth plus the Page publishing and insights endpoints."""
    return FacebookEmulator(store, settings).api
