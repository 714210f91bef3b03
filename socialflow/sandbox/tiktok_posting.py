"""TikTok emulator, posting half: creator info, Direct Post init, chunked upload, status, videos."""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import secrets
import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from socialflow.sandbox.core import (
    Record,
    SandboxStore,
    SandboxUser,
    apply_latency,
    metric_growth,
)
from socialflow.sandbox.tiktok_common import (
    PLATFORM,
    TikTokGate,
    TikTokSandboxOptions,
    envelope,
)

MB = 1024 * 1024
PRIVACY_LEVELS = ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY"]
VIDEO_POST_INFO = {
    "title",
    "privacy_level",
    "disable_duet",
    "disable_comment",
    "disable_stitch",
    "video_cover_timestamp_ms",
    "brand_content_toggle",
    "brand_organic_toggle",
    "is_aigc",
}
PHOTO_POST_INFO = {
    "title",
    "description",
    "privacy_level",
    "disable_comment",
    "auto_add_music",
    "brand_content_toggle",
    "brand_organic_toggle",
}
UPLOAD_TYPES = {"video/mp4", "video/quicktime", "video/webm"}
VIDEO_FIELDS = {
    "id",
    "create_time",
    "cover_image_url",
    "share_url",
    "video_description",
    "duration",
    "height",
    "width",
    "title",
    "embed_html",
    "embed_link",
    "like_count",
    "comment_count",
    "share_count",
    "view_count",
}
RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+)$")


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, TikTok's "runes" for captions."""
    return len(text.encode("utf-16-le")) // 2


class BadRequest(Exception):
    """A request the real API would refuse; carries TikTok's error code."""

    def __init__(self, message: str, code: str = "invalid_params"):
        super().__init__(message)
        self.code = code
        self.message = message


def _check_keys(obj: Any, allowed: set[str], where: str) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise BadRequest(f"{where} must be an object")
    extra = sorted(set(obj) - allowed)
    if extra:
        raise BadRequest(f"{where} has unknown fields: {', '.join(extra)}")
    return obj


def _check_bools(obj: dict[str, Any], names: set[str], where: str) -> None:
    for name in names & set(obj):
        if not isinstance(obj[name], bool):
            raise BadRequest(f"{where}.{name} must be a boolean")


def check_chunks(source: dict[str, Any]) -> None:
    """TikTok's Media Transfer Guide rules for FILE_UPLOAD declarations."""
    try:
        size, chunk, count = (
            source["video_size"],
            source["chunk_size"],
            source["total_chunk_count"],
        )
    except KeyError as exc:
        raise BadRequest(f"source_info.{exc.args[0]} is required") from exc
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (size, chunk, count)):
        raise BadRequest("video_size, chunk_size and total_chunk_count must be integers")
    if not 0 < size <= 4 * 1024 * MB:
        raise BadRequest("video_size must be between 1 byte and 4 GB")
    if size < 5 * MB:
        if chunk != size or count != 1:
            raise BadRequest("a video under 5 MB must be uploaded as one chunk of its full size")
        return
    if not 5 * MB <= chunk <= 64 * MB:
        raise BadRequest("chunk_size must be between 5 MB and 64 MB")
    if count != size // chunk or not 1 <= count <= 1000:
        raise BadRequest("total_chunk_count must equal floor(video_size / chunk_size), 1..1000")
    if size - chunk * (count - 1) > 128 * MB:
        raise BadRequest("the final chunk may not exceed 128 MB")


def posting_routes(
    api: APIRouter, store: SandboxStore, opts: TikTokSandboxOptions, gate: TikTokGate
) -> None:
    """Add the Content Posting and video endpoints to the TikTok emulator router."""

    def key(publish_id: str) -> str:
        return f"tiktok:pub:{publish_id}"

    def posts_last_day(user: SandboxUser) -> int:
        cutoff = time.time() - 86400
        with store.lock:
            return sum(1 for r in store.records_of(PLATFORM, user.id) if r.created_at >= cutoff)

    def cannot_post(user: SandboxUser) -> Response | None:
        if posts_last_day(user) >= opts.daily_cap:
            return envelope(
                code="spam_risk_too_many_posts",
                message="The daily post cap from the API is reached for the current user.",
            )
        return None

    def privacy_options() -> list[str]:
        return PRIVACY_LEVELS if opts.audited else ["SELF_ONLY"]

    def check_privacy(level: Any) -> Response | None:
        if level not in PRIVACY_LEVELS:
            return envelope(code="invalid_params", message="post_info.privacy_level is invalid")
        if not opts.audited and level != "SELF_ONLY":
            return envelope(
                code="unaudited_client_can_only_post_to_private_accounts",
                message="Unaudited clients can only post with SELF_ONLY privacy.",
            )
        if level not in privacy_options():
            return envelope(code="privacy_level_option_mismatch", message="privacy_level mismatch")
        return None

    async def json_body(request: Request) -> dict[str, Any]:
        if not request.headers.get("content-type", "").startswith("application/json"):
            raise BadRequest("Content-Type must be application/json")
        raw = await request.body()
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError as exc:
            raise BadRequest("the body is not valid JSON") from exc
        if not isinstance(body, dict):
            raise BadRequest("the body must be a JSON object")
        return body

    def accept(pub: dict[str, Any], user: SandboxUser) -> None:
        """The post exists now: record it unless scripted media processing fails."""
        pub["accepted_at"] = time.time()
        if store.take_fault(PLATFORM, pub["path"], {"media_failure"}):
            pub["fail_reason"] = (
                "photo_pull_failed" if pub["kind"] == "photo" else "file_format_check_failed"
            )
            return
        info = pub["post_info"]
        text = info.get("description", "") if pub["kind"] == "photo" else info.get("title", "")
        store.record(
            Record(
                platform=PLATFORM,
                post_id=pub["video_id"],
                user_id=user.id,
                text=text,
                media=pub["media"],
                extra={
                    "publish_id": pub["publish_id"],
                    "privacy_level": info["privacy_level"],
                    "title": info.get("title", ""),
                    "post_info": info,
                },
            )
        )

    def completed(pub: dict[str, Any]) -> bool:
        if pub.get("accepted_at") is None or pub.get("fail_reason"):
            return False
        aged = time.time() - pub["accepted_at"] >= opts.process_seconds
        return bool(pub["polls"] >= opts.polls_to_complete or aged)

    # ---------------------------------------------------------------- creator info

    @api.post("/v2/post/publish/creator_info/query/")
    async def creator_info(request: Request) -> Response:
        gated = await gate(request, "video.publish", "creator_info")
        if isinstance(gated, Response):
            return gated
        _, user = gated
        refused = cannot_post(user)
        if refused:
            return refused
        return envelope(
            {
                "creator_avatar_url": f"https://p16-sign.tiktokcdn.com/sandbox/{user.id}.jpeg",
                "creator_username": user.username,
                "creator_nickname": user.display_name,
                "privacy_level_options": privacy_options(),
                "comment_disabled": opts.comment_disabled,
                "duet_disabled": opts.duet_disabled,
                "stitch_disabled": opts.stitch_disabled,
                "max_video_post_duration_sec": opts.max_video_post_duration_sec,
            }
        )

    # ---------------------------------------------------------------- init

    @api.post("/v2/post/publish/video/init/")
    async def video_init(request: Request) -> Response:
        gated = await gate(request, "video.publish", "init")
        if isinstance(gated, Response):
            return gated
        _, user = gated
        try:
            body = _check_keys(await json_body(request), {"post_info", "source_info"}, "body")
            info = _check_keys(body.get("post_info"), VIDEO_POST_INFO, "post_info")
            source = _check_keys(
                body.get("source_info"),
                {"source", "video_size", "chunk_size", "total_chunk_count", "video_url"},
                "source_info",
            )
            _check_bools(
                info,
                VIDEO_POST_INFO - {"title", "privacy_level", "video_cover_timestamp_ms"},
                "post_info",
            )
            cover_ms = info.get("video_cover_timestamp_ms", 0)
            if not isinstance(cover_ms, int) or isinstance(cover_ms, bool) or cover_ms < 0:
                raise BadRequest("post_info.video_cover_timestamp_ms must be a positive integer")
            if (
                not isinstance(info.get("title", ""), str)
                or utf16_len(info.get("title", "")) > 2200
            ):
                raise BadRequest("post_info.title must be a string of at most 2200 UTF-16 runes")
            if source.get("source") != "FILE_UPLOAD":
                # PULL_FROM_URL needs a verified domain the sandbox cannot host.
                raise BadRequest(
                    "the sandbox accepts source FILE_UPLOAD for videos", "url_ownership_unverified"
                )
            check_chunks(source)
        except BadRequest as exc:
            return envelope(code=exc.code, message=exc.message)
        refused = check_privacy(info.get("privacy_level")) or cannot_post(user)
        if refused:
            return refused
        if store.take_fault(PLATFORM, request.url.path, {"duplicate"}):
            return envelope(code="spam_risk_text", message="The post was flagged as spam.")
        upload_id = store.next_id("tiktok:upload", 19)
        publish_id = f"v_pub_file~v2-1.{upload_id}"
        root = str(request.url).split("/v2/post/publish/")[0]
        upload_token = secrets.token_urlsafe(16)
        pub = {
            "publish_id": publish_id,
            "kind": "video",
            "user_id": user.id,
            "post_info": info,
            "source": source,
            "upload_token": upload_token,
            "received": 0,
            "sha": hashlib.sha256(),
            "chunks": 0,
            "content_type": None,
            "polls": 0,
            "accepted_at": None,
            "video_id": store.next_id("tiktok:video", 19),
            "media": [],
            "path": request.url.path,
        }
        with store.lock:
            store.objects[key(publish_id)] = pub
            store.objects[f"tiktok:upload:{upload_id}"] = {"publish_id": publish_id}
        upload_url = f"{root}/video/?upload_id={upload_id}&upload_token={upload_token}"
        return envelope({"publish_id": publish_id, "upload_url": upload_url})

    @api.post("/v2/post/publish/content/init/")
    async def content_init(request: Request) -> Response:
        gated = await gate(request, "video.publish", "init")
        if isinstance(gated, Response):
            return gated
        _, user = gated
        try:
            body = _check_keys(
                await json_body(request),
                {"media_type", "post_mode", "post_info", "source_info"},
                "body",
            )
            if body.get("media_type") != "PHOTO":
                raise BadRequest("media_type must be PHOTO")
            if body.get("post_mode") not in ("DIRECT_POST", "MEDIA_UPLOAD"):
                raise BadRequest("post_mode must be DIRECT_POST or MEDIA_UPLOAD")
            info = _check_keys(body.get("post_info"), PHOTO_POST_INFO, "post_info")
            source = _check_keys(
                body.get("source_info"),
                {"source", "photo_images", "photo_cover_index"},
                "source_info",
            )
            _check_bools(info, {"disable_comment", "auto_add_music"}, "post_info")
            if utf16_len(str(info.get("title", ""))) > 90:
                raise BadRequest("post_info.title may have at most 90 runes")
            if utf16_len(str(info.get("description", ""))) > 4000:
                raise BadRequest("post_info.description may have at most 4000 runes")
            images = source.get("photo_images")
            if source.get("source") != "PULL_FROM_URL":
                raise BadRequest("photos are only accepted with source PULL_FROM_URL")
            if not isinstance(images, list) or not 1 <= len(images) <= 35:
                raise BadRequest("photo_images must list 1 to 35 URLs")
            if not all(
                isinstance(u, str) and u.startswith(("http://", "https://")) for u in images
            ):
                raise BadRequest("photo_images must be http(s) URLs")
            cover = source.get("photo_cover_index", 0)
            if not isinstance(cover, int) or not 0 <= cover < len(images):
                raise BadRequest("photo_cover_index is out of range")
            prefixes = opts.verified_url_prefixes
            if prefixes is not None and not all(u.startswith(tuple(prefixes)) for u in images):
                raise BadRequest(
                    "The domain of the photo URL is not verified.", "url_ownership_unverified"
                )
        except BadRequest as exc:
            return envelope(code=exc.code, message=exc.message)
        refused = check_privacy(info.get("privacy_level")) or cannot_post(user)
        if refused:
            return refused
        if store.take_fault(PLATFORM, request.url.path, {"duplicate"}):
            return envelope(code="spam_risk_text", message="The post was flagged as spam.")
        publish_id = f"p_pub_url~v2-1.{store.next_id('tiktok:upload', 19)}"
        pub = {
            "publish_id": publish_id,
            "kind": "photo",
            "user_id": user.id,
            "post_info": info,
            "polls": 0,
            "accepted_at": None,
            "video_id": store.next_id("tiktok:video", 19),
            "media": [{"type": "image", "url": u} for u in images],
            "path": request.url.path,
        }
        with store.lock:
            store.objects[key(publish_id)] = pub
        accept(pub, user)
        stall = store.take_fault(PLATFORM, request.url.path, {"timeout_after_create"})
        if stall:
            await asyncio.sleep(stall.seconds)
        return envelope({"publish_id": publish_id})

    # ---------------------------------------------------------------- upload host

    @api.put("/video/")
    async def upload(request: Request) -> Response:
        q = request.query_params
        await apply_latency(store, PLATFORM, request.url.path, gate.settings.sandbox_latency_ms)
        ref = store.objects.get(f"tiktok:upload:{q.get('upload_id', '')}")
        pub = store.objects.get(key(ref["publish_id"])) if ref else None
        if pub is None or not secrets.compare_digest(
            pub["upload_token"], q.get("upload_token", "")
        ):
            return envelope(code="invalid_params", message="upload_id or upload_token is invalid")
        if store.take_fault(PLATFORM, request.url.path, {"server_error"}):
            return envelope(code="internal_error", message="Something went wrong. Try again.")
        source = pub["source"]
        size, chunk_size, count = (
            source["video_size"],
            source["chunk_size"],
            source["total_chunk_count"],
        )
        content_type = request.headers.get("content-type", "")
        match = RANGE.match(request.headers.get("content-range", ""))
        data = await request.body()
        if content_type not in UPLOAD_TYPES:
            return envelope(code="invalid_params", message="Content-Type must be a video type")
        if not match:
            return envelope(code="invalid_params", message="Content-Range is missing or malformed")
        first, last, total = (int(g) for g in match.groups())
        index = pub["chunks"]
        expected = chunk_size if index < count - 1 else size - chunk_size * (count - 1)
        if pub["accepted_at"] is not None or index >= count:
            return envelope(code="invalid_params", message="the upload is already complete")
        if total != size or first != pub["received"]:
            return envelope(code="invalid_params", message="chunks must be uploaded in order")
        if last - first + 1 != len(data) or len(data) != expected:
            return envelope(
                code="invalid_params",
                message=f"chunk {index} must be {expected} bytes; got {len(data)}",
            )
        pub["sha"].update(data)
        pub["received"] += len(data)
        pub["chunks"] += 1
        pub["content_type"] = content_type
        if pub["chunks"] < count:
            return Response(status_code=206)
        pub["media"] = [
            {
                "type": "video",
                "content_type": content_type,
                "size": size,
                "chunks": count,
                "sha256": pub["sha"].hexdigest(),
            }
        ]
        user = store.user_by_id(PLATFORM, pub["user_id"])
        assert user is not None
        accept(pub, user)
        stall = store.take_fault(PLATFORM, request.url.path, {"timeout_after_create"})
        if stall:
            await asyncio.sleep(stall.seconds)
        return Response(status_code=201)

    # ---------------------------------------------------------------- status

    @api.post("/v2/post/publish/status/fetch/")
    async def status_fetch(request: Request) -> Response:
        gated = await gate(request, "video.publish", "status")
        if isinstance(gated, Response):
            return gated
        _, user = gated
        try:
            body = _check_keys(await json_body(request), {"publish_id"}, "body")
        except BadRequest as exc:
            return envelope(code=exc.code, message=exc.message)
        pub = store.objects.get(key(str(body.get("publish_id"))))
        if pub is None or pub["user_id"] != user.id:
            return envelope(code="invalid_params", message="publish_id does not exist")
        data: dict[str, Any] = {"publicaly_available_post_id": []}
        if pub["kind"] == "video":
            data["uploaded_bytes"] = pub["received"]
        else:
            data["downloaded_bytes"] = 0
        if pub["accepted_at"] is None:
            data["status"] = "PROCESSING_UPLOAD"
            return envelope(data)
        pub["polls"] += 1
        if pub.get("fail_reason"):
            data.update(status="FAILED", fail_reason=pub["fail_reason"])
        elif completed(pub):
            data["status"] = "PUBLISH_COMPLETE"
            if pub["post_info"]["privacy_level"] != "SELF_ONLY":
                # A post id is given only for publicly viewable, moderated posts.
                data["publicaly_available_post_id"] = [int(pub["video_id"])]
            if pub["kind"] == "photo":
                data["downloaded_bytes"] = 1024 * len(pub["media"])
        else:
            data["status"] = (
                "PROCESSING_DOWNLOAD" if pub["kind"] == "photo" else "PROCESSING_UPLOAD"
            )
        return envelope(data)

    # ---------------------------------------------------------------- videos

    def visible_posts(user: SandboxUser) -> list[tuple[Record, dict[str, Any]]]:
        """The user's public, moderated posts, newest first (what /v2/video/* can see)."""
        out = []
        with store.lock:
            records = store.records_of(PLATFORM, user.id)
        for rec in records:
            pub = store.objects.get(key(rec.extra.get("publish_id", "")))
            if pub is None or not completed(pub) or rec.extra["privacy_level"] == "SELF_ONLY":
                continue
            out.append((rec, pub))
        out.sort(key=lambda pair: pair[0].created_at, reverse=True)
        return out

    def video_fields(request: Request) -> list[str]:
        fields = [x for x in request.query_params.get("fields", "").split(",") if x]
        unknown = [x for x in fields if x not in VIDEO_FIELDS]
        if not fields or unknown:
            raise BadRequest(f"Invalid fields: {unknown or 'none'}")
        return fields

    def render(rec: Record, fields: list[str], username: str) -> dict[str, Any]:
        grown = metric_growth(rec.post_id, rec.created_at)
        values: dict[str, Any] = {
            "id": rec.post_id,
            "create_time": int(rec.created_at),
            "cover_image_url": f"https://p16-sign.tiktokcdn.com/sandbox/{rec.post_id}.jpeg",
            "share_url": f"https://www.tiktok.com/@{username}/video/{rec.post_id}",
            "video_description": rec.text,
            "duration": 15,
            "height": 1920,
            "width": 1080,
            "title": rec.extra.get("title", ""),
            "embed_html": "",
            "embed_link": f"https://www.tiktok.com/embed/v2/{rec.post_id}",
            "view_count": grown["impressions"],
            "like_count": grown["likes"],
            "comment_count": grown["comments"],
            "share_count": grown["shares"],
        }
        return {opts.metric_aliases.get(name, name): values[name] for name in fields}

    @api.post("/v2/video/list/")
    async def video_list(request: Request) -> Response:
        gated = await gate(request, "video.list")
        if isinstance(gated, Response):
            return gated
        _, user = gated
        try:
            fields = video_fields(request)
            body = _check_keys(await json_body(request), {"cursor", "max_count"}, "body")
            max_count = body.get("max_count", 10)
            if not isinstance(max_count, int) or not 1 <= max_count <= 20:
                raise BadRequest("max_count must be between 1 and 20")
        except BadRequest as exc:
            return envelope(code=exc.code, message=exc.message)
        cursor = body.get("cursor")
        posts = visible_posts(user)
        if isinstance(cursor, int):  # a UTC timestamp in ms: videos created before it
            posts = [p for p in posts if p[0].created_at * 1000 < cursor]
        page = posts[:max_count]
        next_cursor = int(page[-1][0].created_at * 1000) if page else int(time.time() * 1000)
        return envelope(
            {
                "videos": [render(rec, fields, user.username) for rec, _ in page],
                "cursor": next_cursor,
                "has_more": len(posts) > len(page),
            }
        )

    @api.post("/v2/video/query/")
    async def video_query(request: Request) -> Response:
        gated = await gate(request, "video.list")
        if isinstance(gated, Response):
            return gated
        _, user = gated
        try:
            fields = video_fields(request)
            body = _check_keys(await json_body(request), {"filters"}, "body")
            filters = _check_keys(body.get("filters"), {"video_ids"}, "filters")
            ids = filters.get("video_ids")
            if not isinstance(ids, list) or not 1 <= len(ids) <= 20:
                raise BadRequest("filters.video_ids must list 1 to 20 ids")
        except BadRequest as exc:
            return envelope(code=exc.code, message=exc.message)
        wanted = {str(i) for i in ids}
        found = [rec for rec, _ in visible_posts(user) if rec.post_id in wanted]
        return envelope(
            {
                "videos": [render(rec, fields, user.username) for rec in found],
                "cursor": 0,
                "has_more": False,
            }
        )
