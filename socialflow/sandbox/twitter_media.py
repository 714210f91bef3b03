"""The X emulator's v2 media upload: one-shot images, chunked video/GIF, processing STATUS."""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct
import time
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from starlette.datastructures import UploadFile

from socialflow.sandbox.core import SandboxStore
from socialflow.sandbox.twitter_common import (
    NOT_IN_SCHEMA,
    PLATFORM,
    Api,
    config,
    invalid_request,
    unauthorized,
)

MEDIA_TTL = 86400  # a finalized media id can be attached for 24 h
SESSION_TTL = 1295999  # what initialize answers in `expires_after_secs`
CATEGORIES = {
    "tweet_image",
    "tweet_video",
    "tweet_gif",
    "dm_image",
    "dm_video",
    "dm_gif",
    "subtitles",
    "amplify_video",
}
MEDIA_TYPES = {
    "video/mp4", "video/webm", "video/mp2t", "video/quicktime", "text/srt", "text/vtt",
    "image/jpeg", "image/gif", "image/bmp", "image/png", "image/webp", "image/pjpeg",
    "image/tiff", "model/gltf-binary", "model/vnd.usdz+zip",
}  # fmt: skip
INIT_FIELDS = {"additional_owners", "media_category", "media_type", "shared", "total_bytes"}
MAX_BYTES = {"image": 5 * 1024 * 1024, "gif": 15 * 1024 * 1024, "video": 512 * 1024 * 1024}
KEY_PREFIX = {"image": "3", "video": "7", "gif": "16"}
SCOPES = {"media.write"}
FAILED_DETAIL = "InvalidMedia: Invalid or Unsupported media, Reason: UnsupportedMedia."


def sniff_image(data: bytes) -> tuple[str | None, int | None, int | None]:
    """(mime type, width, height) from the file's magic bytes; PNG/GIF sizes are read too."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        w, h = struct.unpack(">II", data[16:24])
        return "image/png", w, h
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        w, h = struct.unpack("<HH", data[6:10])
        return "image/gif", w, h
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", None, None
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", None, None
    return None, None, None


def kind_of(category: str, media_type: str) -> str:
    if category.endswith("gif"):
        return "gif"
    if "video" in category or media_type.startswith("video/"):
        return "video"
    return "image"


class TwitterMedia:
    """The X emulator's v2 media upload endpoints, as methods."""

    def __init__(self, r: APIRouter, store: SandboxStore, api: Api) -> None:
        self.r = r
        self.store = store
        self.api = api
        self.r.add_api_route(
            "/2/media/upload", self.upload_one_shot, methods=["POST"], response_model=None
        )
        self.r.add_api_route(
            "/2/media/upload/initialize", self.initialize, methods=["POST"], response_model=None
        )
        self.r.add_api_route(
            "/2/media/upload/{media_id}/append", self.append, methods=["POST"], response_model=None
        )
        self.r.add_api_route(
            "/2/media/upload/{media_id}/finalize",
            self.finalize,
            methods=["POST"],
            response_model=None,
        )
        self.r.add_api_route("/2/media/upload", self.status, methods=["GET"], response_model=None)

    def get(self, media_id: str, uid: str) -> dict[str, Any] | None:
        with self.store.lock:
            obj = self.store.objects.get(f"twitter:media:{media_id}")
        return obj if obj and obj["owner"] == uid else None

    def new_media(
        self, uid: str, kind: str, media_type: str, total: int, category: str
    ) -> dict[str, Any]:
        media_id = self.store.next_id("twitter:media", 19)
        obj: dict[str, Any] = {
            "id": media_id,
            "media_key": f"{KEY_PREFIX[kind]}_{media_id}",
            "owner": uid,
            "kind": kind,
            "media_type": media_type,
            "category": category,
            "total_bytes": total,
            "size": 0,
            "sha256": None,
            "segments": {},
            "state": "uploading",
            "polls": 0,
            "fail": False,
            "expires": time.time() + SESSION_TTL,
        }
        with self.store.lock:
            self.store.objects[f"twitter:media:{media_id}"] = obj
        return obj

    def processing(self, obj: dict[str, Any]) -> dict[str, Any]:
        progress = {"pending": 0, "in_progress": 50, "succeeded": 100, "failed": 100}[obj["state"]]
        info: dict[str, Any] = {"state": obj["state"], "progress_percent": progress}
        if obj["state"] in ("pending", "in_progress"):
            info["check_after_secs"] = config(self.store)["check_after_secs"]
        return info

    def media_data(self, obj: dict[str, Any]) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": obj["id"],
            "media_key": obj["media_key"],
            "size": obj["size"],
            "expires_after_secs": max(0, int(obj["expires"] - time.time())),
        }
        if obj["kind"] == "image":
            data["image"] = {k: v for k, v in obj.get("image", {}).items() if v is not None}
        else:
            data["processing_info"] = self.processing(obj)
            if obj["state"] == "succeeded":
                data["video"] = {"video_type": obj["media_type"]}
        return data

    async def read_form_or_json(self, request: Request) -> dict[str, Any] | None:
        """Multipart (raw bytes) or JSON (base64 `media`) bodies, as the real endpoint takes."""
        if request.headers.get("content-type", "").startswith("multipart/form-data"):
            form = await request.form()
            out: dict[str, Any] = {}
            for key, value in form.multi_items():
                out[key] = await value.read() if isinstance(value, UploadFile) else str(value)
            return out
        try:
            body = await request.json()
        except ValueError:
            return None
        if not isinstance(body, dict):
            return None
        if isinstance(body.get("media"), str):
            try:
                body["media"] = base64.b64decode(body["media"], validate=True)
            except (binascii.Error, ValueError):
                return None
        return body

    async def upload_one_shot(self, request: Request) -> Response:
        claims, err, headers = await self.api.enter(request, SCOPES, "media_upload", 500)
        if err or claims is None:
            return err or unauthorized()
        body = await self.read_form_or_json(request)
        if body is None:
            return invalid_request(
                "Request body must be multipart/form-data or JSON with base64 media."
            )
        extra = set(body) - {"media", "media_category", "additional_owners"}
        if extra:
            return invalid_request(*(f"$.{k}: is not defined in the schema" for k in sorted(extra)))
        media, category = body.get("media"), body.get("media_category")
        if not isinstance(media, bytes) or category not in CATEGORIES:
            return invalid_request(
                "$.media and $.media_category are required; media_category must be a known category"
            )
        if category not in ("tweet_image", "dm_image", "subtitles"):
            return invalid_request(
                f"media_category {category} needs the chunked upload (initialize/append/finalize)"
            )
        mime, w, h = sniff_image(media)
        if category != "subtitles" and mime is None:
            return invalid_request("media type unrecognized.")
        if len(media) > MAX_BYTES["image"]:
            return invalid_request("File size exceeds 5242880 bytes.")
        obj = self.new_media(claims["s"], "image", mime or "text/srt", len(media), category)
        obj.update(
            size=len(media),
            sha256=hashlib.sha256(media).hexdigest(),
            state="succeeded",
            expires=time.time() + MEDIA_TTL,
            image={"image_type": mime, "w": w, "h": h},
        )
        return JSONResponse({"data": self.media_data(obj)}, headers=headers)

    async def initialize(self, request: Request) -> Response:
        claims, err, headers = await self.api.enter(request, SCOPES, "media_chunked", 1875)
        if err or claims is None:
            return err or unauthorized()
        try:
            body = await request.json()
        except ValueError:
            return invalid_request("Request body is not valid JSON.")
        if not isinstance(body, dict):
            return invalid_request("$: must be an object")
        extra = set(body) - INIT_FIELDS
        if extra:
            return invalid_request(*(f"$.{k}{NOT_IN_SCHEMA}" for k in sorted(extra)))
        media_type, total = body.get("media_type"), body.get("total_bytes")
        category = body.get("media_category") or (
            "tweet_video" if str(media_type).startswith("video/") else "tweet_image"
        )
        if media_type not in MEDIA_TYPES:
            return invalid_request("$.media_type: does not have a value in the enumeration")
        if not isinstance(total, int) or isinstance(total, bool) or total <= 0:
            return invalid_request("$.total_bytes: is missing or not a positive integer")
        if category not in CATEGORIES:
            return invalid_request("$.media_category: does not have a value in the enumeration")
        kind = kind_of(category, media_type)
        if total > MAX_BYTES[kind]:
            return invalid_request(f"File size exceeds {MAX_BYTES[kind]} bytes.")
        obj = self.new_media(claims["s"], kind, media_type, total, category)
        data = {"id": obj["id"], "media_key": obj["media_key"], "expires_after_secs": SESSION_TTL}
        return JSONResponse({"data": data}, headers=headers)

    async def append(self, request: Request, media_id: str) -> Response:
        claims, err, headers = await self.api.enter(request, SCOPES, "media_chunked", 1875)
        if err or claims is None:
            return err or unauthorized()
        obj = self.get(media_id, claims["s"])
        if obj is None or obj["state"] != "uploading":
            return invalid_request(f"Media id {media_id} is not an open upload session.")
        body = await self.read_form_or_json(request)
        if body is None:
            return invalid_request(
                "Request body must be multipart/form-data or JSON with base64 media."
            )
        extra = set(body) - {"media", "segment_index"}
        try:
            index = int(body.get("segment_index", ""))
        except ValueError:
            index = -1
        if extra or not isinstance(body.get("media"), bytes) or not 0 <= index <= 999:
            return invalid_request(
                "$.media and $.segment_index (0-999) are required; no other fields"
            )
        chunk: bytes = body["media"]
        with self.store.lock:
            obj["segments"][index] = chunk
        return JSONResponse({"data": {"expires_at": int(obj["expires"])}}, headers=headers)

    async def finalize(self, request: Request, media_id: str) -> Response:
        claims, err, headers = await self.api.enter(request, SCOPES, "media_chunked", 1875)
        if err or claims is None:
            return err or unauthorized()
        obj = self.get(media_id, claims["s"])
        if obj is None or obj["state"] != "uploading":
            return invalid_request(f"Media id {media_id} is not an open upload session.")
        with self.store.lock:
            segments = obj["segments"]
            order = sorted(segments)
            if (
                order != list(range(len(order)))
                or sum(len(s) for s in segments.values()) != obj["total_bytes"]
            ):
                return invalid_request("Segments do not add up to provided total file size.")
            blob = b"".join(segments[i] for i in order)
            obj.update(size=len(blob), sha256=hashlib.sha256(blob).hexdigest(), segments={})
            obj["expires"] = time.time() + MEDIA_TTL
            if self.store.take_fault(PLATFORM, request.url.path, {"media_failure"}):
                obj["fail"] = True
            if obj["kind"] == "image":
                mime, w, h = sniff_image(blob)
                obj.update(
                    state="succeeded",
                    image={"image_type": mime or obj["media_type"], "w": w, "h": h},
                )
            else:
                obj["state"] = "pending"
        return JSONResponse({"data": self.media_data(obj)}, headers=headers)

    async def status(self, request: Request) -> Response:
        claims, err, headers = await self.api.enter(request, SCOPES, "media_status", 1000)
        if err or claims is None:
            return err or unauthorized()
        q = request.query_params
        if q.get("command", "STATUS") != "STATUS" or not q.get("media_id"):
            return invalid_request("command must be STATUS and media_id is required")
        obj = self.get(q["media_id"], claims["s"])
        if obj is None or obj["state"] == "uploading":
            return invalid_request(f"Media id {q.get('media_id')} is not a finalized upload.")
        out: dict[str, Any] = {}
        with self.store.lock:
            if self.store.take_fault(PLATFORM, request.url.path, {"media_failure"}):
                obj["fail"] = True
            if obj["state"] in ("pending", "in_progress"):
                obj["polls"] += 1
                if obj["polls"] >= config(self.store)["processing_polls"]:
                    obj["state"] = "failed" if obj["fail"] else "succeeded"
                else:
                    obj["state"] = "in_progress"
            if obj["state"] == "failed":
                out["errors"] = [
                    {
                        "title": "Invalid Request",
                        "detail": FAILED_DETAIL,
                        "type": "https://api.x.com/2/problems/invalid-request",
                    }
                ]
            out["data"] = self.media_data(obj)
        return JSONResponse(out, headers=headers)


def media_routes(r: APIRouter, store: SandboxStore, api: Api) -> None:
    """Add /2/media/upload[...] routes to the X emulator's router."""
    TwitterMedia(r, store, api)
