"""TikTok emulator, posting half: creator info, Direct Post init, chunked upload, status, videos.

Handlers are methods of `TikTokPosting` over one typed state (`TikTokPosts`: every publish by
id, as a `Publish`). What TikTok really does and the emulator does too: `creator_info` lists
the creator's own privacy options (a private account has FOLLOWER_OF_CREATOR instead of
PUBLIC_TO_EVERYONE), unaudited apps may post only SELF_ONLY, a finished public post gets its
`publicaly_available_post_id` only after moderation (`moderation_polls`), a private one never,
and `/v2/video/list/` shows only public, moderated posts.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import secrets
import time
from dataclasses import dataclass, field
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


PUBLIC = "PUBLIC_TO_EVERYONE"


@dataclass
class Publish:
    """One Direct Post, from init to its final status."""

    publish_id: str
    kind: str  # "video" | "photo"
    user_id: str
    post_info: dict[str, Any]
    video_id: str
    path: str
    source: dict[str, Any] = field(default_factory=dict)
    upload_token: str = ""
    received: int = 0
    sha: Any = field(default_factory=hashlib.sha256)
    chunks: int = 0
    content_type: str | None = None
    polls: int = 0
    accepted_at: float | None = None
    fail_reason: str | None = None
    media: list[dict[str, Any]] = field(default_factory=list)
    complete_polls: int = 0  # status fetches answered PUBLISH_COMPLETE so far

    @property
    def privacy(self) -> str:
        return str(self.post_info.get("privacy_level"))


@dataclass
class TikTokPosts:
    """The posting half's whole state (in `store.states["tiktok"]`, cleared on reset)."""

    publishes: dict[str, Publish] = field(default_factory=dict)
    uploads: dict[str, str] = field(default_factory=dict)  # upload_id -> publish_id


def private_account(user: SandboxUser) -> bool:
    """Personas whose name contains "private" have a private TikTok account."""
    return "private" in user.username


class TikTokPosting:
    """The Content Posting API and the video endpoints of the TikTok emulator."""

    def __init__(self, store: SandboxStore, opts: TikTokSandboxOptions, gate: TikTokGate):
        self.store = store
        self.opts = opts
        self.gate = gate

    def add_to(self, api: APIRouter) -> None:
        for path, handler in (
            ("/v2/post/publish/creator_info/query/", self.creator_info),
            ("/v2/post/publish/video/init/", self.video_init),
            ("/v2/post/publish/content/init/", self.content_init),
            ("/v2/post/publish/status/fetch/", self.status_fetch),
            ("/v2/video/list/", self.video_list),
            ("/v2/video/query/", self.video_query),
        ):
            api.add_api_route(path, handler, methods=["POST"], response_model=None)
        api.add_api_route("/video/", self.upload, methods=["PUT"], response_model=None)

    # ---------------------------------------------------------------- state

    @property
    def state(self) -> TikTokPosts:
        with self.store.lock:
            state = self.store.states.get(PLATFORM)
            if not isinstance(state, TikTokPosts):
                state = self.store.states[PLATFORM] = TikTokPosts()
            return state

    def _publish(self, publish_id: str) -> Publish | None:
        with self.store.lock:
            return self.state.publishes.get(publish_id)

    def _posts_last_day(self, user: SandboxUser) -> int:
        cutoff = time.time() - 86400
        return sum(1 for r in self.store.records_of(PLATFORM, user.id) if r.created_at >= cutoff)

    def _cannot_post(self, user: SandboxUser) -> Response | None:
        if self._posts_last_day(user) >= self.opts.daily_cap:
            return envelope(
                code="spam_risk_too_many_posts",
                message="The daily post cap from the API is reached for the current user.",
            )
        return None

    def privacy_options(self, user: SandboxUser) -> list[str]:
        """What creator_info offers: the creator's options (and, optionally, only SELF_ONLY
        for an unaudited app)."""
        if not self.opts.audited and self.opts.unaudited_lists_only_self:
            return ["SELF_ONLY"]
        if private_account(user):
            return ["FOLLOWER_OF_CREATOR", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"]
        return [PUBLIC, "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"]

    def _check_privacy(self, level: Any, user: SandboxUser) -> Response | None:
        if level not in PRIVACY_LEVELS:
            return envelope(code="invalid_params", message="post_info.privacy_level is invalid")
        if not self.opts.audited and level != "SELF_ONLY":
            return envelope(
                code="unaudited_client_can_only_post_to_private_accounts",
                message="Unaudited clients can only post with SELF_ONLY privacy.",
            )
        if level not in self.privacy_options(user):
            return envelope(code="privacy_level_option_mismatch", message="privacy_level mismatch")
        return None

    @staticmethod
    async def _json_body(request: Request) -> dict[str, Any]:
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

    def _accept(self, pub: Publish, user: SandboxUser) -> None:
        """The post exists now: record it unless scripted media processing fails."""
        pub.accepted_at = time.time()
        if self.store.take_fault(PLATFORM, pub.path, {"media_failure"}):
            pub.fail_reason = (
                "photo_pull_failed" if pub.kind == "photo" else "file_format_check_failed"
            )
            return
        info = pub.post_info
        text = info.get("description", "") if pub.kind == "photo" else info.get("title", "")
        self.store.record(
            Record(
                platform=PLATFORM,
                post_id=pub.video_id,
                user_id=user.id,
                text=text,
                media=pub.media,
                extra={
                    "publish_id": pub.publish_id,
                    "privacy_level": info["privacy_level"],
                    "title": info.get("title", ""),
                    "post_info": info,
                },
            )
        )

    def _completed(self, pub: Publish) -> bool:
        if pub.accepted_at is None or pub.fail_reason:
            return False
        aged = time.time() - pub.accepted_at >= self.opts.process_seconds
        return bool(pub.polls >= self.opts.polls_to_complete or aged)

    def _moderated(self, pub: Publish) -> bool:
        """A finished non-private post is visible once moderation is through."""
        if not self._completed(pub) or pub.privacy == "SELF_ONLY":
            return False
        return (
            pub.complete_polls > self.opts.moderation_polls if self.opts.moderation_polls else True
        )

    # ---------------------------------------------------------------- creator info

    async def creator_info(self, request: Request) -> Response:
        gated = await self.gate(request, "video.publish", "creator_info")
        if isinstance(gated, Response):
            return gated
        _, user = gated
        refused = self._cannot_post(user)
        if refused:
            return refused
        return envelope(
            {
                "creator_avatar_url": f"https://p16-sign.tiktokcdn.com/sandbox/{user.id}.jpeg",
                "creator_username": user.username,
                "creator_nickname": user.display_name,
                "privacy_level_options": self.privacy_options(user),
                "comment_disabled": self.opts.comment_disabled,
                "duet_disabled": self.opts.duet_disabled,
                "stitch_disabled": self.opts.stitch_disabled,
                "max_video_post_duration_sec": self.opts.max_video_post_duration_sec,
            }
        )

    # ---------------------------------------------------------------- init

    async def video_init(self, request: Request) -> Response:
        gated = await self.gate(request, "video.publish", "init")
        if isinstance(gated, Response):
            return gated
        _, user = gated
        try:
            body = _check_keys(await self._json_body(request), {"post_info", "source_info"}, "body")
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
            title = info.get("title", "")
            if not isinstance(title, str) or utf16_len(title) > 2200:
                raise BadRequest("post_info.title must be a string of at most 2200 UTF-16 runes")
            if source.get("source") != "FILE_UPLOAD":
                # PULL_FROM_URL needs a verified domain the sandbox cannot host.
                raise BadRequest(
                    "the sandbox accepts source FILE_UPLOAD for videos", "url_ownership_unverified"
                )
            check_chunks(source)
        except BadRequest as exc:
            return envelope(code=exc.code, message=exc.message)
        refused = self._check_privacy(info.get("privacy_level"), user) or self._cannot_post(user)
        if refused:
            return refused
        if self.store.take_fault(PLATFORM, request.url.path, {"duplicate"}):
            return envelope(code="spam_risk_text", message="The post was flagged as spam.")
        upload_id = self.store.next_id("tiktok:upload", 19)
        pub = Publish(
            publish_id=f"v_pub_file~v2-1.{upload_id}",
            kind="video",
            user_id=user.id,
            post_info=info,
            source=source,
            upload_token=secrets.token_urlsafe(16),
            video_id=self.store.next_id("tiktok:video", 19),
            path=request.url.path,
        )
        with self.store.lock:
            self.state.publishes[pub.publish_id] = pub
            self.state.uploads[upload_id] = pub.publish_id
        root = str(request.url).split("/v2/post/publish/")[0]
        upload_url = f"{root}/video/?upload_id={upload_id}&upload_token={pub.upload_token}"
        return envelope({"publish_id": pub.publish_id, "upload_url": upload_url})

    async def content_init(self, request: Request) -> Response:
        gated = await self.gate(request, "video.publish", "init")
        if isinstance(gated, Response):
            return gated
        _, user = gated
        try:
            info, images = self._photo_request(await self._json_body(request))
        except BadRequest as exc:
            return envelope(code=exc.code, message=exc.message)
        refused = self._check_privacy(info.get("privacy_level"), user) or self._cannot_post(user)
        if refused:
            return refused
        if self.store.take_fault(PLATFORM, request.url.path, {"duplicate"}):
            return envelope(code="spam_risk_text", message="The post was flagged as spam.")
        pub = Publish(
            publish_id=f"p_pub_url~v2-1.{self.store.next_id('tiktok:upload', 19)}",
            kind="photo",
            user_id=user.id,
            post_info=info,
            video_id=self.store.next_id("tiktok:video", 19),
            media=[{"type": "image", "url": u} for u in images],
            path=request.url.path,
        )
        with self.store.lock:
            self.state.publishes[pub.publish_id] = pub
        self._accept(pub, user)
        stall = self.store.take_fault(PLATFORM, request.url.path, {"timeout_after_create"})
        if stall:
            await asyncio.sleep(stall.seconds)
        return envelope({"publish_id": pub.publish_id})

    def _photo_request(self, raw: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        body = _check_keys(raw, {"media_type", "post_mode", "post_info", "source_info"}, "body")
        if body.get("media_type") != "PHOTO":
            raise BadRequest("media_type must be PHOTO")
        if body.get("post_mode") not in ("DIRECT_POST", "MEDIA_UPLOAD"):
            raise BadRequest("post_mode must be DIRECT_POST or MEDIA_UPLOAD")
        info = _check_keys(body.get("post_info"), PHOTO_POST_INFO, "post_info")
        source = _check_keys(
            body.get("source_info"), {"source", "photo_images", "photo_cover_index"}, "source_info"
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
        if not all(isinstance(u, str) and u.startswith(("http://", "https://")) for u in images):
            raise BadRequest("photo_images must be http(s) URLs")
        cover = source.get("photo_cover_index", 0)
        if not isinstance(cover, int) or not 0 <= cover < len(images):
            raise BadRequest("photo_cover_index is out of range")
        prefixes = self.opts.verified_url_prefixes
        if prefixes is not None and not all(u.startswith(tuple(prefixes)) for u in images):
            raise BadRequest(
                "The domain of the photo URL is not verified.", "url_ownership_unverified"
            )
        return info, images

    # ---------------------------------------------------------------- upload host

    async def upload(self, request: Request) -> Response:
        q = request.query_params
        latency = self.gate.settings.sandbox_latency_ms
        await apply_latency(self.store, PLATFORM, request.url.path, latency)
        with self.store.lock:
            publish_id = self.state.uploads.get(q.get("upload_id", ""))
        pub = self._publish(publish_id) if publish_id else None
        if pub is None or not secrets.compare_digest(pub.upload_token, q.get("upload_token", "")):
            return envelope(code="invalid_params", message="upload_id or upload_token is invalid")
        if self.store.take_fault(PLATFORM, request.url.path, {"server_error"}):
            return envelope(code="internal_error", message="Something went wrong. Try again.")
        size = pub.source["video_size"]
        chunk_size, count = pub.source["chunk_size"], pub.source["total_chunk_count"]
        content_type = request.headers.get("content-type", "")
        match = RANGE.match(request.headers.get("content-range", ""))
        data = await request.body()
        if content_type not in UPLOAD_TYPES:
            return envelope(code="invalid_params", message="Content-Type must be a video type")
        if not match:
            return envelope(code="invalid_params", message="Content-Range is missing or malformed")
        first, last, total = (int(g) for g in match.groups())
        index = pub.chunks
        expected = chunk_size if index < count - 1 else size - chunk_size * (count - 1)
        if pub.accepted_at is not None or index >= count:
            return envelope(code="invalid_params", message="the upload is already complete")
        if total != size or first != pub.received:
            return envelope(code="invalid_params", message="chunks must be uploaded in order")
        if last - first + 1 != len(data) or len(data) != expected:
            return envelope(
                code="invalid_params",
                message=f"chunk {index} must be {expected} bytes; got {len(data)}",
            )
        pub.sha.update(data)
        pub.received += len(data)
        pub.chunks += 1
        pub.content_type = content_type
        if pub.chunks < count:
            return Response(status_code=206)
        pub.media = [
            {
                "type": "video",
                "content_type": content_type,
                "size": size,
                "chunks": count,
                "sha256": pub.sha.hexdigest(),
            }
        ]
        user = self.store.user_by_id(PLATFORM, pub.user_id)
        assert user is not None
        self._accept(pub, user)
        stall = self.store.take_fault(PLATFORM, request.url.path, {"timeout_after_create"})
        if stall:
            await asyncio.sleep(stall.seconds)
        return Response(status_code=201)

    # ---------------------------------------------------------------- status

    async def status_fetch(self, request: Request) -> Response:
        gated = await self.gate(request, "video.publish", "status")
        if isinstance(gated, Response):
            return gated
        _, user = gated
        try:
            body = _check_keys(await self._json_body(request), {"publish_id"}, "body")
        except BadRequest as exc:
            return envelope(code=exc.code, message=exc.message)
        pub = self._publish(str(body.get("publish_id")))
        if pub is None or pub.user_id != user.id:
            return envelope(code="invalid_params", message="publish_id does not exist")
        data: dict[str, Any] = {"publicaly_available_post_id": []}
        if pub.kind == "video":
            data["uploaded_bytes"] = pub.received
        else:
            data["downloaded_bytes"] = 0
        if pub.accepted_at is None:
            data["status"] = "PROCESSING_UPLOAD"
            return envelope(data)
        pub.polls += 1
        if pub.fail_reason:
            data.update(status="FAILED", fail_reason=pub.fail_reason)
        elif self._completed(pub):
            data["status"] = "PUBLISH_COMPLETE"
            pub.complete_polls += 1
            if self._moderated(pub):
                # An id only for a post people can see, once moderation is through.
                data["publicaly_available_post_id"] = [int(pub.video_id)]
            if pub.kind == "photo":
                data["downloaded_bytes"] = 1024 * len(pub.media)
        else:
            data["status"] = "PROCESSING_DOWNLOAD" if pub.kind == "photo" else "PROCESSING_UPLOAD"
        return envelope(data)

    # ---------------------------------------------------------------- videos

    def _visible_posts(self, user: SandboxUser) -> list[Record]:
        """The user's public, moderated posts, newest first (all /v2/video/* can see)."""
        out = []
        for rec in self.store.records_of(PLATFORM, user.id):
            pub = self._publish(rec.extra.get("publish_id", ""))
            if pub is None or pub.privacy != PUBLIC or not self._moderated(pub):
                continue
            out.append(rec)
        out.sort(key=lambda rec: rec.created_at, reverse=True)
        return out

    @staticmethod
    def _video_fields(request: Request) -> list[str]:
        fields = [x for x in request.query_params.get("fields", "").split(",") if x]
        unknown = [x for x in fields if x not in VIDEO_FIELDS]
        if not fields or unknown:
            raise BadRequest(f"Invalid fields: {unknown or 'none'}")
        return fields

    def _render(self, rec: Record, fields: list[str], username: str) -> dict[str, Any]:
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
        return {self.opts.metric_aliases.get(name, name): values[name] for name in fields}

    async def video_list(self, request: Request) -> Response:
        gated = await self.gate(request, "video.list")
        if isinstance(gated, Response):
            return gated
        _, user = gated
        try:
            fields = self._video_fields(request)
            body = _check_keys(await self._json_body(request), {"cursor", "max_count"}, "body")
            max_count = body.get("max_count", 10)
            if not isinstance(max_count, int) or not 1 <= max_count <= 20:
                raise BadRequest("max_count must be between 1 and 20")
        except BadRequest as exc:
            return envelope(code=exc.code, message=exc.message)
        cursor = body.get("cursor")
        posts = self._visible_posts(user)
        if isinstance(cursor, int):  # a UTC timestamp in ms: videos created before it
            posts = [p for p in posts if p.created_at * 1000 < cursor]
        page = posts[:max_count]
        next_cursor = int(page[-1].created_at * 1000) if page else int(time.time() * 1000)
        return envelope(
            {
                "videos": [self._render(rec, fields, user.username) for rec in page],
                "cursor": next_cursor,
                "has_more": len(posts) > len(page),
            }
        )

    async def video_query(self, request: Request) -> Response:
        gated = await self.gate(request, "video.list")
        if isinstance(gated, Response):
            return gated
        _, user = gated
        try:
            fields = self._video_fields(request)
            body = _check_keys(await self._json_body(request), {"filters"}, "body")
            filters = _check_keys(body.get("filters"), {"video_ids"}, "filters")
            ids = filters.get("video_ids")
            if not isinstance(ids, list) or not 1 <= len(ids) <= 20:
                raise BadRequest("filters.video_ids must list 1 to 20 ids")
        except BadRequest as exc:
            return envelope(code=exc.code, message=exc.message)
        wanted = {str(i) for i in ids}
        found = [rec for rec in self._visible_posts(user) if rec.post_id in wanted]
        return envelope(
            {
                "videos": [self._render(rec, fields, user.username) for rec in found],
                "cursor": 0,
                "has_more": False,
            }
        )
