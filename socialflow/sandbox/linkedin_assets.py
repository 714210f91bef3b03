"""The LinkedIn emulator's Images and Videos APIs: initializeUpload, PUT parts, finalize, status."""

from __future__ import annotations

import hashlib
import secrets
import time
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from socialflow.sandbox.core import SandboxStore
from socialflow.sandbox.linkedin_common import (
    PLATFORM,
    Api,
    acts_for,
    auth_error,
    config,
    error,
)

UPLOAD_TTL_MS = 24 * 3600 * 1000
IMAGE_MAX_BYTES = 36_152_320  # LinkedIn caps pixels; bytes stand in for it here
VIDEO_MAX_BYTES = 500 * 1024 * 1024


class LinkedInAssets:
    """The LinkedIn emulator's image and video uploads, as methods."""

    def __init__(self, r: APIRouter, store: SandboxStore, api: Api) -> None:
        self.r = r
        self.store = store
        self.api = api
        self.r.add_api_route(
            "/rest/images", self.images_action, methods=["POST"], response_model=None
        )
        self.r.add_api_route(
            "/rest/videos", self.videos_action, methods=["POST"], response_model=None
        )
        self.r.add_api_route(
            "/dms-uploads/{asset_key}/{part}", self.upload, methods=["PUT"], response_model=None
        )
        self.r.add_api_route(
            "/rest/images/{urn}", self.image_status, methods=["GET"], response_model=None
        )
        self.r.add_api_route(
            "/rest/videos/{urn}", self.video_status, methods=["GET"], response_model=None
        )

    def new_asset(self, kind: str, owner: str, size: int, parts: int) -> dict[str, Any]:
        prefix = "D4E10AQ" if kind == "image" else "D4E05AQ"
        urn = (
            f"urn:li:{kind}:{prefix}{secrets.token_urlsafe(9).replace('-', 'x').replace('_', 'y')}"
        )
        asset: dict[str, Any] = {
            "id": urn,
            "kind": kind,
            "owner": owner,
            "status": "WAITING_UPLOAD",
            "declared_size": size,
            "size": 0,
            "sha256": None,
            "parts": {},
            "part_count": parts,
            "polls": 0,
            "fail": False,
            "upload_token": "",
        }
        with self.store.lock:
            self.store.objects[f"linkedin:asset:{urn}"] = asset
            self.store.objects.setdefault("linkedin:uploads", {})[urn.rsplit(":", 1)[-1]] = urn
        return asset

    def upload_url(self, request: Request, urn: str, part: int) -> str:
        base = str(request.url).split("/rest/")[0]
        return f"{base}/dms-uploads/{urn.rsplit(':', 1)[-1]}/{part}"

    def owner_of(self, body: dict[str, Any]) -> str | None:
        init = body.get("initializeUploadRequest")
        return init.get("owner") if isinstance(init, dict) else None

    async def json_body(self, request: Request) -> dict[str, Any] | None:
        try:
            body = await request.json()
        except ValueError:
            return None
        return body if isinstance(body, dict) else None

    async def images_action(self, request: Request) -> Response:
        claims, err = await self.api.enter(request, {"w_member_social"})
        if err or claims is None:
            return err or auth_error("invalid")
        if request.query_params.get("action") != "initializeUpload":
            return error(400, "Unsupported action", "ILLEGAL_ARGUMENT")
        body = await self.json_body(request)
        if body is None or not self.owner_of(body):
            return error(400, "Request body could not be converted to data map", "ILLEGAL_ARGUMENT")
        if not acts_for(self.store, claims, self.owner_of(body)):
            return error(
                403, "Not enough permissions to upload for this owner", "ACCESS_DENIED", 100
            )
        asset = self.new_asset("image", self.owner_of(body) or "", 0, 1)
        value = {
            "uploadUrlExpiresAt": int(time.time() * 1000) + UPLOAD_TTL_MS,
            "uploadUrl": self.upload_url(request, asset["id"], 0),
            "image": asset["id"],
        }
        return JSONResponse({"value": value})

    async def videos_action(self, request: Request) -> Response:
        claims, err = await self.api.enter(request, {"w_member_social"})
        if err or claims is None:
            return err or auth_error("invalid")
        action = request.query_params.get("action")
        body = await self.json_body(request)
        if body is None:
            return error(400, "Request body could not be converted to data map", "ILLEGAL_ARGUMENT")
        cfg = config(self.store)
        if action == "initializeUpload":
            init = body.get("initializeUploadRequest") or {}
            size = init.get("fileSizeBytes")
            if not acts_for(self.store, claims, self.owner_of(body)):
                return error(
                    403, "Not enough permissions to upload for this owner", "ACCESS_DENIED", 100
                )
            if not isinstance(size, int) or not cfg["video_min_bytes"] <= size <= VIDEO_MAX_BYTES:
                return error(
                    400,
                    f"fileSizeBytes must be between {cfg['video_min_bytes']} and {VIDEO_MAX_BYTES}",
                    "ILLEGAL_ARGUMENT",
                )
            part = cfg["video_part_bytes"]
            count = (size + part - 1) // part
            asset = self.new_asset("video", self.owner_of(body) or "", size, count)
            instructions = [
                {
                    "uploadUrl": self.upload_url(request, asset["id"], i),
                    "firstByte": i * part,
                    "lastByte": min(size, (i + 1) * part) - 1,
                }
                for i in range(count)
            ]
            value = {
                "uploadUrlsExpireAt": int(time.time() * 1000) + UPLOAD_TTL_MS,
                "video": asset["id"],
                "uploadInstructions": instructions,
                "uploadToken": asset["upload_token"],
            }
            return JSONResponse({"value": value})
        if action == "finalizeUpload":
            fin = body.get("finalizeUploadRequest") or {}
            with self.store.lock:
                found = self.store.objects.get(f"linkedin:asset:{fin.get('video')}")
            if found is None or not acts_for(self.store, claims, found["owner"]):
                return error(404, f"Resource {fin.get('video')} does not exist", "NOT_FOUND")
            asset = found
            if (
                fin.get("uploadToken") != asset["upload_token"]
                or asset["status"] != "WAITING_UPLOAD"
            ):
                return error(
                    400, "Invalid upload token or upload already finalized", "ILLEGAL_ARGUMENT"
                )
            with self.store.lock:
                etags = [asset["parts"].get(i, (None, b""))[0] for i in range(asset["part_count"])]
                if fin.get("uploadedPartIds") != etags or None in etags:
                    return error(
                        400, "uploadedPartIds do not match the uploaded parts", "ILLEGAL_ARGUMENT"
                    )
                blob = b"".join(asset["parts"][i][1] for i in range(asset["part_count"]))
                asset.update(
                    size=len(blob),
                    sha256=hashlib.sha256(blob).hexdigest(),
                    parts={},
                    status="PROCESSING",
                )
                if self.store.take_fault(PLATFORM, request.url.path, {"media_failure"}):
                    asset["fail"] = True
            return Response(status_code=200)
        return error(400, "Unsupported action", "ILLEGAL_ARGUMENT")

    async def upload(self, request: Request, asset_key: str, part: int) -> Response:
        claims, err = await self.api.enter(request, {"w_member_social"}, versioned=False)
        if err or claims is None:
            return err or auth_error("invalid")
        with self.store.lock:
            urn = self.store.objects.get("linkedin:uploads", {}).get(asset_key)
            asset = self.store.objects.get(f"linkedin:asset:{urn}") if urn else None
        if (
            asset is None
            or not acts_for(self.store, claims, asset["owner"])
            or asset["status"] != "WAITING_UPLOAD"
        ):
            return error(404, "Upload URL is not valid", "NOT_FOUND")
        data = await request.body()
        if asset["kind"] == "image":
            if not data or len(data) > IMAGE_MAX_BYTES:
                return error(400, "Image is empty or too large", "ILLEGAL_ARGUMENT")
            with self.store.lock:
                asset.update(
                    size=len(data), sha256=hashlib.sha256(data).hexdigest(), status="AVAILABLE"
                )
            return Response(status_code=201)
        part_size = config(self.store)["video_part_bytes"]
        expected = min(asset["declared_size"], (part + 1) * part_size) - part * part_size
        if not 0 <= part < asset["part_count"] or len(data) != expected:
            return error(400, f"Part {part} must be exactly {expected} bytes", "ILLEGAL_ARGUMENT")
        etag = "/ambry-video/signedId/" + hashlib.sha256(data).hexdigest()[:32]
        with self.store.lock:
            asset["parts"][part] = (etag, data)
        return Response(status_code=200, headers={"ETag": etag})

    def asset_json(self, asset: dict[str, Any], request: Request) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": asset["id"],
            "owner": asset["owner"],
            "status": asset["status"],
        }
        if asset["status"] == "AVAILABLE":
            base = str(request.url).split("/rest/")[0]
            out["downloadUrl"] = f"{base}/dms-uploads/{asset['id'].rsplit(':', 1)[-1]}/download"
            out["downloadUrlExpiresAt"] = int(time.time() * 1000) + UPLOAD_TTL_MS
        if asset["status"] == "PROCESSING_FAILED":
            out["processingFailureReason"] = "Video could not be transcoded"
        return out

    async def image_status(self, request: Request, urn: str) -> Response:
        claims, err = await self.api.enter(request, {"w_member_social"})
        if err or claims is None:
            return err or auth_error("invalid")
        with self.store.lock:
            asset = self.store.objects.get(f"linkedin:asset:{urn}")
        if (
            asset is None
            or asset["kind"] != "image"
            or not acts_for(self.store, claims, asset["owner"])
        ):
            return error(404, f"Resource {urn} does not exist", "NOT_FOUND")
        return JSONResponse(self.asset_json(asset, request))

    async def video_status(self, request: Request, urn: str) -> Response:
        claims, err = await self.api.enter(request, {"w_member_social"})
        if err or claims is None:
            return err or auth_error("invalid")
        with self.store.lock:
            asset = self.store.objects.get(f"linkedin:asset:{urn}")
            if (
                asset is None
                or asset["kind"] != "video"
                or not acts_for(self.store, claims, asset["owner"])
            ):
                return error(404, f"Resource {urn} does not exist", "NOT_FOUND")
            if self.store.take_fault(PLATFORM, request.url.path, {"media_failure"}):
                asset["fail"] = True
            if asset["status"] == "PROCESSING":
                asset["polls"] += 1
                if asset["polls"] >= config(self.store)["processing_polls"]:
                    asset["status"] = "PROCESSING_FAILED" if asset["fail"] else "AVAILABLE"
        return JSONResponse(self.asset_json(asset, request))


def asset_routes(r: APIRouter, store: SandboxStore, api: Api) -> None:
    """Add /rest/images, /rest/videos and the upload URLs to the LinkedIn emulator's router."""
    LinkedInAssets(r, store, api)
