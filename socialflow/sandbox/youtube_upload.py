"""YouTube emulator, upload half: `videos.insert` as a resumable upload session.

POST /upload/youtube/v3/videos?uploadType=resumable&part=... opens a session (1,600 quota units;
the metadata is validated like the real API) and answers 200 with a `Location` session URI;
PUTs with `Content-Range` append 256 KiB-multiple chunks (308 + `Range` until done), a
`bytes */total` PUT probes the session, and the final chunk returns the video resource.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import secrets
import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from socialflow.sandbox.core import Record, SandboxStore, apply_latency
from socialflow.sandbox.youtube_common import (
    COSTS,
    PLATFORM,
    UPLOAD_SCOPES,
    YouTubeGate,
    YouTubeSandboxOptions,
    channel_id_of,
    google_error,
    iso,
    short_id,
)

QUANTUM = 256 * 1024
MAX_SIZE = 256 * 1024**3
CATEGORIES = {"1", "2", "10", "15", "17", "19", "20", "22", "23", "24", "25", "26", "27", "28"}
# Writable properties of videos.insert, with their JSON types (see the Video schema).
SNIPPET: dict[str, type] = {
    "title": str,
    "description": str,
    "tags": list,
    "categoryId": str,
    "defaultLanguage": str,
    "defaultAudioLanguage": str,
}
STATUS: dict[str, type] = {
    "privacyStatus": str,
    "embeddable": bool,
    "license": str,
    "publicStatsViewable": bool,
    "publishAt": str,
    "selfDeclaredMadeForKids": bool,
    "containsSyntheticMedia": bool,
}
RESOURCE_PARTS: dict[str, dict[str, type]] = {"snippet": SNIPPET, "status": STATUS}
RANGE = re.compile(r"^bytes (?:(\d+)-(\d+)|\*)/(\d+|\*)$")


class Invalid(Exception):
    """Metadata the real API refuses: (reason, message, domain)."""

    def __init__(self, reason: str, message: str, domain: str = "youtube.video"):
        super().__init__(message)
        self.reason, self.message, self.domain = reason, message, domain


def check_metadata(body: Any, part_names: list[str]) -> None:
    """Validate a videos.insert body the way the API does (unknown names, types, limits)."""
    if not isinstance(body, dict):
        raise Invalid("parseError", "Parse Error", "global")
    for name, value in body.items():
        if name not in RESOURCE_PARTS:
            raise Invalid(
                "invalid",
                f"Invalid JSON payload received. Unknown name \"{name}\" at 'resource': "
                "Cannot find field.",
                "global",
            )
        if name not in part_names:
            raise Invalid("unexpectedPart", f"'{name}'", "youtube.part")
        fields = RESOURCE_PARTS[name]
        if not isinstance(value, dict):
            raise Invalid("invalid", f"Invalid value at 'resource.{name}'", "global")
        for key, item in value.items():
            if key not in fields:
                raise Invalid(
                    "invalid",
                    f'Invalid JSON payload received. Unknown name "{key}" at '
                    f"'resource.{name}': Cannot find field.",
                    "global",
                )
            if not isinstance(item, fields[key]):
                raise Invalid("invalid", f"Invalid value at 'resource.{name}.{key}'", "global")
    snippet = body.get("snippet") or {}
    title = snippet.get("title", "")
    if not title.strip() or len(title) > 100 or "<" in title or ">" in title:
        raise Invalid("invalidTitle", "The request metadata specifies an invalid video title.")
    description = snippet.get("description", "")
    if len(description.encode()) > 5000 or "<" in description or ">" in description:
        raise Invalid(
            "invalidDescription", "The request metadata specifies an invalid video description."
        )
    tags = snippet.get("tags") or []
    if not all(isinstance(t, str) for t in tags) or (
        sum(len(t) + (2 if " " in t else 0) for t in tags) + max(0, len(tags) - 1) > 500
    ):
        raise Invalid("invalidTags", "The request metadata specifies invalid video keywords.")
    if "categoryId" in snippet and snippet["categoryId"] not in CATEGORIES:
        raise Invalid("invalidCategoryId", "The snippet.categoryId is not a valid category.")
    status = body.get("status") or {}
    if status.get("privacyStatus", "public") not in ("public", "unlisted", "private"):
        raise Invalid("invalidVideoMetadata", "The request metadata is invalid.")
    if status.get("license", "youtube") not in ("youtube", "creativeCommon"):
        raise Invalid("invalidVideoMetadata", "The request metadata is invalid.")
    if "publishAt" in status and status.get("privacyStatus") != "private":
        raise Invalid("invalidPublishAt", "status.publishAt can only be set on private videos.")


class YouTubeUploads:
    """The resumable upload endpoints of the YouTube emulator, as methods."""

    def __init__(
        self, api: APIRouter, store: SandboxStore, opts: YouTubeSandboxOptions, gate: YouTubeGate
    ) -> None:
        self.api = api
        self.store = store
        self.opts = opts
        self.gate = gate
        self.api.add_api_route("/upload/youtube/v3/videos", self.start, methods=["POST"])
        self.api.add_api_route("/upload/youtube/v3/videos", self.put, methods=["PUT"])

    def uploads_today(self, user_id: str) -> int:
        cutoff = time.time() - 86400
        with self.store.lock:
            return sum(
                1 for r in self.store.records_of(PLATFORM, user_id) if r.created_at >= cutoff
            )

    async def start(self, request: Request) -> Response:
        gated = await self.gate(request, UPLOAD_SCOPES, COSTS["insert"], "insert")
        if isinstance(gated, Response):
            return gated
        _, user = gated
        q = request.query_params
        if q.get("uploadType") != "resumable":
            return google_error(
                400, "invalidParameter", "The sandbox speaks uploadType=resumable only."
            )
        part_names = [p for p in q.get("part", "").split(",") if p]
        if "snippet" not in part_names:
            return google_error(400, "required", "Required parameter: part", location="part")
        mime = request.headers.get("x-upload-content-type", "application/octet-stream")
        if not (mime.startswith("video/") or mime == "application/octet-stream"):
            return google_error(
                400,
                "badContent",
                f"Media type '{mime}' is not supported. "
                "Valid media types: [video/*, application/octet-stream]",
            )
        length = request.headers.get("x-upload-content-length")
        if length is not None and (not length.isdigit() or not 0 < int(length) <= MAX_SIZE):
            return google_error(400, "invalidParameter", "Invalid X-Upload-Content-Length.")
        try:
            body = json.loads(await request.body() or b"{}")
            check_metadata(body, part_names)
        except json.JSONDecodeError:
            return google_error(400, "parseError", "Parse Error")
        except Invalid as exc:
            return google_error(400, exc.reason, exc.message, domain=exc.domain)
        if self.uploads_today(user.id) >= self.opts.channel_daily_uploads:
            return google_error(
                400,
                "uploadLimitExceeded",
                "The user has exceeded the number of videos they may upload.",
                domain="youtube.video",
            )
        upload_id = "ADPycd" + secrets.token_urlsafe(24)
        failure = None
        if self.store.take_fault(PLATFORM, request.url.path, {"duplicate"}):
            failure = ("rejected", "duplicate")
        with self.store.lock:
            self.store.objects[f"youtube:session:{upload_id}"] = {
                "user_id": user.id,
                "body": body,
                "mime": mime,
                "total": int(length) if length else None,
                "received": 0,
                "sha": hashlib.sha256(),
                "video_id": None,
                "failure": failure,
                "path": request.url.path,
            }
        location = str(request.url.include_query_params(upload_id=upload_id))
        return Response(
            status_code=200,
            headers={"Location": location, "X-GUploader-UploadID": upload_id},
        )

    def finish(self, session: dict[str, Any]) -> dict[str, Any]:
        """The bytes are all in: create the video (and record it unless processing will fail)."""
        user = self.store.user_by_id(PLATFORM, session["user_id"])
        assert user is not None
        now = time.time()
        video_id = short_id(f"video:{self.store.next_id('youtube:video')}:{now}", 11)
        body = session["body"]
        snippet_in = body.get("snippet") or {}
        status_in = body.get("status") or {}
        privacy = status_in.get("privacyStatus", "public")
        if not self.opts.verified_project:
            privacy = "private"  # unverified API projects: every upload is locked private
        outcome, failure = "succeeded", None
        if session["failure"]:
            outcome, failure = session["failure"]
        elif self.store.take_fault(PLATFORM, session["path"], {"media_failure"}):
            outcome, failure = "failed", "codec"
        snippet = {
            "publishedAt": iso(now),
            "channelId": channel_id_of(user),
            "title": snippet_in["title"],
            "description": snippet_in.get("description", ""),
            "thumbnails": {
                "default": {"url": f"https://i.ytimg.com/vi/{video_id}/default.jpg"},
            },
            "channelTitle": user.display_name,
            "categoryId": snippet_in.get("categoryId", "22"),
            "liveBroadcastContent": "none",
        }
        if snippet_in.get("tags"):
            snippet["tags"] = snippet_in["tags"]
        video = {
            "id": video_id,
            "user_id": user.id,
            "created_at": now,
            "polls": 0,
            "outcome": outcome,
            "failure": failure,
            "snippet": snippet,
            "status": {
                "uploadStatus": "uploaded",
                "privacyStatus": privacy,
                "license": status_in.get("license", "youtube"),
                "embeddable": status_in.get("embeddable", True),
                "publicStatsViewable": status_in.get("publicStatsViewable", True),
                "selfDeclaredMadeForKids": status_in.get("selfDeclaredMadeForKids", False),
            },
        }
        with self.store.lock:
            self.store.objects[f"youtube:video:{video_id}"] = video
        session["video_id"] = video_id
        if outcome == "succeeded":
            self.store.record(
                Record(
                    platform=PLATFORM,
                    post_id=video_id,
                    user_id=user.id,
                    text=snippet["description"],
                    media=[
                        {
                            "type": "video",
                            "content_type": session["mime"],
                            "size": session["received"],
                            "sha256": session["sha"].hexdigest(),
                        }
                    ],
                    created_at=now,
                    extra={
                        "title": snippet["title"],
                        "tags": snippet.get("tags", []),
                        "categoryId": snippet["categoryId"],
                        "privacyStatus": privacy,
                        "metadata": body,
                    },
                )
            )
        return video

    def resource(self, video: dict[str, Any]) -> dict[str, Any]:
        return {
            "kind": "youtube#video",
            "etag": short_id(video["id"] + "e", 27),
            "id": video["id"],
            "snippet": video["snippet"],
            "status": video["status"],
        }

    async def done_response(self, session: dict[str, Any], path: str, status: int) -> Response:
        video = self.store.objects[f"youtube:video:{session['video_id']}"]
        stall = self.store.take_fault(PLATFORM, path, {"timeout_after_create"})
        if stall:
            await asyncio.sleep(stall.seconds)
        return JSONResponse(self.resource(video), status_code=status)

    def incomplete(self, session: dict[str, Any]) -> Response:
        headers = {"X-GUploader-UploadID": "sbx"}
        if session["received"]:
            headers["Range"] = f"bytes=0-{session['received'] - 1}"
        return Response(status_code=308, headers=headers)

    async def put(self, request: Request) -> Response:
        upload_id = request.query_params.get("upload_id", "")
        session = self.store.objects.get(f"youtube:session:{upload_id}")
        if session is None:
            return google_error(404, "notFound", "Not Found")
        # Session PUTs share the POST's path; "?upload_id" lets a fault target only them.
        path = f"{request.url.path}?upload_id"
        await apply_latency(self.store, PLATFORM, path, self.gate.settings.sandbox_latency_ms)
        data = await request.body()
        if self.store.take_fault(PLATFORM, path, {"server_error"}):
            return google_error(503, "backendError", "Backend Error")  # nothing stored
        match = RANGE.match(request.headers.get("content-range", ""))
        if session["video_id"]:  # complete: any PUT, probe or retry, gets the video
            return await self.done_response(session, path, 200)
        if match is None:
            if request.headers.get("content-range"):
                return google_error(400, "badRequest", "Invalid Content-Range header.")
            match = RANGE.match(f"bytes 0-{len(data) - 1}/{len(data)}") if data else None
            if match is None:
                return self.incomplete(session)
        first, last, total_s = match.groups()
        total = int(total_s) if total_s != "*" else None
        if session["total"] is not None and total is not None and total != session["total"]:
            return google_error(400, "badRequest", "Content-Range total does not match.")
        if first is None:  # `bytes */total`: a status probe
            return self.incomplete(session)
        first_i, last_i = int(first), int(last)
        if last_i - first_i + 1 != len(data):
            return google_error(400, "badRequest", "Content-Range does not match the body length.")
        if first_i != session["received"]:
            return self.incomplete(session)  # out of step: tell the client where to resume
        final = total is not None and last_i + 1 == total
        if not final and len(data) % QUANTUM:
            return google_error(
                400,
                "badRequest",
                "Invalid request. The number of bytes uploaded is required to be a multiple of "
                f"262144, except for the final request. The request contained {len(data)} bytes.",
            )
        session["sha"].update(data)
        session["received"] += len(data)
        session["total"] = total or session["total"]
        if not final:
            return self.incomplete(session)
        self.finish(session)
        return await self.done_response(session, path, 200)


def upload_routes(
    api: APIRouter, store: SandboxStore, opts: YouTubeSandboxOptions, gate: YouTubeGate
) -> None:
    """Add the resumable `videos.insert` endpoints to the YouTube emulator router."""
    YouTubeUploads(api, store, opts, gate)
