"""Comments on a Page's posts, as the Page (the first comment), in the Facebook emulator.

`POST /{post-id}/comments` with the Page token and `pages_manage_engagement`; the comment id
is `{post number}_{comment number}`; `GET /{post-id}/comments` lists them (newest first with
`order=reverse_chronological`). Refusals: a user token or a missing permission (#200), a post
of another Page (#100/33), an empty or over-long message (#100), and the `duplicate` (368)
and `timeout_after_create` faults.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from socialflow.sandbox.facebook_reads import FacebookObjects
from socialflow.sandbox.meta import MetaGraph, graph_time, page_cursor

PLATFORM = "facebook"
MAX_COMMENT = 8000  # [✖] widely cited; the Graph docs give no number


class FacebookComments:
    def __init__(self, api: APIRouter, g: MetaGraph, fbo: FacebookObjects) -> None:
        self.g = g
        self.fbo = fbo
        self.store = fbo.store
        api.add_api_route(
            "/{version}/{object_id}/comments", self.create, methods=["POST"], response_model=None
        )
        api.add_api_route(
            "/{version}/{object_id}/comments",
            self.list_comments,
            methods=["GET"],
            response_model=None,
        )

    async def create(self, version: str, object_id: str, request: Request) -> Response:
        ctx = await self.g.begin(request, version)
        if isinstance(ctx, JSONResponse):
            return ctx
        post = self.fbo.obj(object_id)
        if not post or post.get("type") != "post":
            return self.g.unsupported(object_id, "post")
        page = self.g.page_of(ctx.claims, post["page_id"]) if ctx.is_page else None
        if page is None or "pages_manage_engagement" not in ctx.scopes:
            return self.g.error(
                "(#200) Commenting as a Page requires the Page's token and the "
                "pages_manage_engagement permission",
                200,
            )
        if bad := self.g.unknown_params(ctx, {"message", "attachment_url", "fields"}):
            return bad
        message = str(ctx.params.get("message") or "")
        if not message.strip() and not ctx.params.get("attachment_url"):
            return self.g.error("(#100) The parameter message is required", 100)
        if len(message) > MAX_COMMENT:
            return self.g.error("(#100) The comment is too long", 100)
        if self.store.take_fault(PLATFORM, ctx.path, {"duplicate"}):
            return self.g.error(
                "You've already posted this. Posting the same content repeatedly on Facebook "
                "isn't allowed.",
                368,
                subcode=1390008,
            )
        number = self.store.next_id("facebook:comment", digits=16)
        post_number = str(post["id"]).split("_", 1)[-1]
        comment_id = f"{post_number}_{number}"
        comment = {
            "type": "comment",
            "id": comment_id,
            "post_id": post["id"],
            "page_id": post["page_id"],
            "page_name": page.name,
            "message": message,
            "created": time.time(),
            "permalink": f"{post['permalink']}?comment_id={number}",
        }
        self.store.objects[f"fb:{comment_id}"] = comment
        fault = self.store.take_fault(PLATFORM, ctx.path, {"timeout_after_create"})
        if fault:
            await asyncio.sleep(fault.seconds)
        out: dict[str, Any] = {"id": comment_id}
        if "permalink_url" in str(ctx.params.get("fields") or ""):
            out["permalink_url"] = comment["permalink"]
        return self.g.ok(out, ctx.claims)

    async def list_comments(self, version: str, object_id: str, request: Request) -> Response:
        ctx = await self.g.begin(request, version)
        if isinstance(ctx, JSONResponse):
            return ctx
        post = self.fbo.obj(object_id)
        if (
            not post
            or post.get("type") != "post"
            or self.fbo.page_for_read(ctx, post["page_id"]) is None
        ):
            return self.g.unsupported(object_id)
        with self.store.lock:
            found = [
                c for c in self.store.objects.values()
                if c.get("type") == "comment" and c["post_id"] == object_id
            ]  # fmt: skip
        newest = ctx.params.get("order") == "reverse_chronological"
        found.sort(key=lambda c: c["created"], reverse=newest)
        rows = []
        for c in found:
            selected = self.g.select(comment_node(c), ctx.params.get("fields"), "Comment")
            if isinstance(selected, JSONResponse):
                return selected
            rows.append(selected)
        return self.g.ok(page_cursor(rows, ctx.params, str(request.url).split("?")[0]), ctx.claims)


def comment_node(c: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": c["id"],
        "message": c["message"],
        "created_time": graph_time(c["created"]),
        "from": {"id": c["page_id"], "name": c["page_name"]},
        "permalink_url": c["permalink"],
        "like_count": 0,
        "comment_count": 0,
    }
