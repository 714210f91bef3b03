"""What the YouTube emulator does around an upload (issue 19): comments, thumbnails, playlists.

- `POST /youtube/v3/commentThreads?part=snippet` (youtube.force-ssl, 50 units): a top-level
  comment; refused on a video made for kids (`commentsDisabled`), an unknown video
  (`videoNotFound`), an empty or over-long text. `GET …/commentThreads?videoId=` lists them.
- `POST /upload/youtube/v3/thumbnails/set?videoId=` (50 units): JPEG/PNG ≤ 2 MB; refused
  when the channel may not use custom thumbnails (`custom_thumbnails=False`).
- `GET /youtube/v3/playlists?mine=true`: every channel has "Highlights" and "Tutorials";
  `POST /youtube/v3/playlistItems?part=snippet` (50 units) adds a video to one of them.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from socialflow.sandbox.core import SandboxStore, SandboxUser
from socialflow.sandbox.youtube_common import (
    SCOPE_ROOT,
    YouTubeGate,
    YouTubeSandboxOptions,
    channel_id_of,
    google_error,
    iso,
    short_id,
)

FORCE_SSL = {SCOPE_ROOT + "youtube.force-ssl", SCOPE_ROOT + "youtube"}
READ = FORCE_SSL | {SCOPE_ROOT + "youtube.readonly"}
WRITE_COST = 50
MAX_COMMENT = 10_000
THUMBNAIL_MAX = 2 * 1024 * 1024
PLAYLIST_TITLES = ("Highlights", "Tutorials")


def playlists_of(user: SandboxUser) -> list[dict[str, str]]:
    return [
        {"id": "PL" + short_id(f"playlist:{user.id}:{n}", 32), "title": title}
        for n, title in enumerate(PLAYLIST_TITLES)
    ]


def playlist_videos(store: SandboxStore, playlist_id: str) -> list[str]:
    with store.lock:
        return list(store.objects.get(f"youtube:playlist:{playlist_id}", {}).get("videos", []))


class YouTubeExtras:
    def __init__(
        self, api: APIRouter, store: SandboxStore, opts: YouTubeSandboxOptions, gate: YouTubeGate
    ) -> None:
        self.store = store
        self.opts = opts
        self.gate = gate
        api.add_api_route("/youtube/v3/commentThreads", self.comment, methods=["POST"])
        api.add_api_route("/youtube/v3/commentThreads", self.comments, methods=["GET"])
        api.add_api_route("/upload/youtube/v3/thumbnails/set", self.thumbnail, methods=["POST"])
        api.add_api_route("/youtube/v3/playlists", self.playlists, methods=["GET"])
        api.add_api_route("/youtube/v3/playlistItems", self.add_to_playlist, methods=["POST"])

    def own_video(self, user: SandboxUser, video_id: str) -> dict[str, Any] | None:
        video = self.store.objects.get(f"youtube:video:{video_id}")
        return video if video is not None and video["user_id"] == user.id else None

    async def comment(self, request: Request) -> Response:
        gated = await self.gate(request, FORCE_SSL, WRITE_COST)
        if isinstance(gated, Response):
            return gated
        _, user = gated
        try:
            body = await request.json()
        except ValueError:
            return google_error(400, "parseError", "Parse Error")
        snippet = (body or {}).get("snippet") or {}
        video_id = str(snippet.get("videoId") or "")
        text = (((snippet.get("topLevelComment") or {}).get("snippet")) or {}).get("textOriginal")
        video = self.store.objects.get(f"youtube:video:{video_id}")
        if video is None:
            return google_error(
                404,
                "videoNotFound",
                "The video identified by the videoId parameter could not be found.",
                domain="youtube.commentThread",
            )
        if video["status"].get("selfDeclaredMadeForKids"):
            return google_error(
                403,
                "commentsDisabled",
                "The video identified by the videoId parameter has disabled comments.",
                domain="youtube.commentThread",
            )
        if not isinstance(text, str) or not text.strip():
            return google_error(
                400,
                "commentTextRequired",
                "The comment must contain text.",
                domain="youtube.comment",
            )
        if len(text) > MAX_COMMENT:
            return google_error(
                400,
                "commentTextTooLong",
                "The comment text is too long.",
                domain="youtube.comment",
            )
        channel = channel_id_of(user)
        comment_id = "Ug" + short_id(f"comment:{video_id}:{time.time_ns()}", 24)
        now = iso(time.time())
        top = {
            "kind": "youtube#comment",
            "id": comment_id,
            "snippet": {
                "channelId": channel,
                "videoId": video_id,
                "textDisplay": text,
                "textOriginal": text,
                "authorDisplayName": user.display_name,
                "authorChannelId": {"value": channel},
                "canRate": True,
                "viewerRating": "none",
                "likeCount": 0,
                "publishedAt": now,
                "updatedAt": now,
            },
        }
        thread = {
            "kind": "youtube#commentThread",
            "id": comment_id,
            "snippet": {
                "channelId": video.get("channel_id", channel),
                "videoId": video_id,
                "topLevelComment": top,
                "canReply": True,
                "totalReplyCount": 0,
                "isPublic": True,
            },
        }
        with self.store.lock:
            box = self.store.objects.setdefault(f"youtube:comments:{video_id}", {"items": []})
            box["items"].append(thread)
        fault = self.store.take_fault("youtube", request.url.path, {"timeout_after_create"})
        if fault:
            await asyncio.sleep(fault.seconds)
        return JSONResponse(thread)

    async def comments(self, request: Request) -> Response:
        gated = await self.gate(request, READ, 1)
        if isinstance(gated, Response):
            return gated
        video_id = request.query_params.get("videoId", "")
        if self.store.objects.get(f"youtube:video:{video_id}") is None:
            return google_error(
                404,
                "videoNotFound",
                "The video identified by the videoId parameter could not be found.",
                domain="youtube.commentThread",
            )
        with self.store.lock:
            items = list(
                self.store.objects.get(f"youtube:comments:{video_id}", {}).get("items", [])
            )
        items.reverse()  # newest first
        return JSONResponse(
            {
                "kind": "youtube#commentThreadListResponse",
                "items": items,
                "pageInfo": {"totalResults": len(items), "resultsPerPage": len(items)},
            }
        )

    async def thumbnail(self, request: Request) -> Response:
        gated = await self.gate(request, FORCE_SSL, WRITE_COST)
        if isinstance(gated, Response):
            return gated
        _, user = gated
        video = self.own_video(user, request.query_params.get("videoId", ""))
        if video is None:
            return google_error(
                404,
                "videoNotFound",
                "The video that you are trying to update cannot be found.",
                domain="youtube.thumbnail",
            )
        if not self.opts.custom_thumbnails:
            return google_error(
                403,
                "forbidden",
                "The authenticated user doesn't have permissions to upload and set custom "
                "video thumbnails.",
                domain="youtube.thumbnail",
            )
        data = await request.body()
        kind = request.headers.get("content-type", "").split(";")[0].strip()
        if kind not in ("image/jpeg", "image/png", "application/octet-stream"):
            return google_error(
                400,
                "mediaBodyRequired",
                "The request does not include the image content.",
                domain="youtube.thumbnail",
            )
        if len(data) > THUMBNAIL_MAX:
            return google_error(
                400,
                "imageTooLarge",
                "The thumbnail image is too large (2 MB at most).",
                domain="youtube.thumbnail",
            )
        video["thumbnail"] = {"bytes": len(data), "type": kind}
        url = f"https://i.ytimg.com/vi/{video['id']}/maxresdefault.jpg"
        return JSONResponse(
            {"kind": "youtube#thumbnailSetResponse", "items": [{"default": {"url": url}}]}
        )

    async def playlists(self, request: Request) -> Response:
        gated = await self.gate(request, READ | {SCOPE_ROOT + "youtube.upload"}, 1)
        if isinstance(gated, Response):
            return gated
        _, user = gated
        if request.query_params.get("mine") != "true":
            return google_error(400, "missingRequiredParameter", "No filter selected.")
        items = [
            {
                "kind": "youtube#playlist",
                "id": p["id"],
                "snippet": {"title": p["title"], "channelId": channel_id_of(user)},
            }
            for p in playlists_of(user)
        ]
        return JSONResponse({"kind": "youtube#playlistListResponse", "items": items})

    async def add_to_playlist(self, request: Request) -> Response:
        gated = await self.gate(request, FORCE_SSL, WRITE_COST)
        if isinstance(gated, Response):
            return gated
        _, user = gated
        try:
            body = await request.json()
        except ValueError:
            return google_error(400, "parseError", "Parse Error")
        snippet = (body or {}).get("snippet") or {}
        playlist = str(snippet.get("playlistId") or "")
        video_id = str((snippet.get("resourceId") or {}).get("videoId") or "")
        if playlist not in {p["id"] for p in playlists_of(user)}:
            return google_error(
                404,
                "playlistNotFound",
                "The playlist identified with the request's playlistId parameter cannot be found.",
                domain="youtube.playlistItem",
            )
        if self.store.objects.get(f"youtube:video:{video_id}") is None:
            return google_error(
                404,
                "videoNotFound",
                "The video that you are trying to add cannot be found.",
                domain="youtube.playlistItem",
            )
        with self.store.lock:
            box = self.store.objects.setdefault(f"youtube:playlist:{playlist}", {"videos": []})
            box["videos"].append(video_id)
        return JSONResponse(
            {
                "kind": "youtube#playlistItem",
                "id": short_id(f"pi:{playlist}:{video_id}", 40),
                "snippet": {
                    "playlistId": playlist,
                    "resourceId": {"kind": "youtube#video", "videoId": video_id},
                    "position": len(playlist_videos(self.store, playlist)) - 1,
                },
            }
        )


def extra_routes(
    api: APIRouter, store: SandboxStore, opts: YouTubeSandboxOptions, gate: YouTubeGate
) -> None:
    YouTubeExtras(api, store, opts, gate)
