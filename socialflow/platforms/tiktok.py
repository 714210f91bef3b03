"""TikTok: Login Kit v2 OAuth and the Content Posting API (Direct Post; upload or URL pull).

Endpoints spoken (all relative to config bases): `{auth}/v2/auth/authorize/`,
`{api}/v2/oauth/token/`, `{api}/v2/oauth/revoke/`, `{api}/v2/user/info/`,
`{api}/v2/post/publish/creator_info/query/`, `.../video/init/`, `.../content/init/`,
`.../status/fetch/`, the `upload_url` TikTok hands out, `{api}/v2/video/query/` and
`{api}/v2/video/list/`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar
from urllib.parse import urlencode, urlsplit

import httpx

from socialflow.platforms.base import (
    AuthExpired,
    Capabilities,
    Connector,
    Disconnected,
    Identity,
    MediaItem,
    OutcomeUnknown,
    Pending,
    PlatformError,
    PostMetrics,
    Published,
    RateLimited,
    RecentPost,
    Rejected,
    TokenSet,
    Transient,
    Variant,
    retry_after,
)

MB = 1024 * 1024
MIN_CHUNK = 5 * MB  # Media Transfer Guide: chunks are 5..64 MB; smaller files go whole
MAX_CHUNK = 64 * MB
DEFAULT_CHUNK = 10 * MB
MAX_CHUNKS = 1000
PRIVACY_LEVELS = (
    "PUBLIC_TO_EVERYONE",
    "MUTUAL_FOLLOW_FRIENDS",
    "FOLLOWER_OF_CREATOR",
    "SELF_ONLY",
)
# After PUBLISH_COMPLETE a visible post's public id comes only once moderation is through:
# poll again after 15 s, 30 s, ... (at most 10 min apart), this many times, before settling
# for a post without one (about 6 h in all).
MODERATION_POLLS = 40
VIDEO_TYPES = {"video/mp4", "video/quicktime", "video/webm"}
# Metric names as TikTok returns them today, then older/alternative spellings we also accept.
METRIC_NAMES: dict[str, tuple[str, ...]] = {
    "impressions": ("view_count", "play_count", "video_views", "views"),
    "likes": ("like_count", "likes_count", "digg_count", "likes"),
    "comments": ("comment_count", "comments_count", "comments"),
    "shares": ("share_count", "shares_count", "shares"),
}
AUTH_CODES = {"access_token_invalid"}
RECONSENT_CODES = {"scope_not_authorized", "scope_permission_missed"}
DAILY_CAP_CODES = {"spam_risk_too_many_posts"}


class _LostUpload(Exception):
    """The last chunk's answer was lost, after TikTok had named the post."""

    def __init__(self, publish_id: str, cause: OutcomeUnknown):
        super().__init__(cause.message)
        self.publish_id = publish_id
        self.cause = cause


def split_stream(stream: Iterator[bytes], sizes: list[int]) -> Iterator[bytes]:
    """Re-cut a byte stream into consecutive blocks of exactly `sizes` bytes each."""
    buffer = bytearray()
    for size in sizes:
        while len(buffer) < size:
            piece = next(stream, None)
            if piece is None:
                raise Rejected(
                    "the media file is shorter than its recorded size", code="media_size"
                )
            buffer.extend(piece)
        yield bytes(buffer[:size])
        del buffer[:size]
    if buffer or next(stream, None):
        raise Rejected("the media file is longer than its recorded size", code="media_size")


def chunk_plan(size: int, preferred: int = DEFAULT_CHUNK) -> tuple[int, int, list[int]]:
    """(chunk_size, total_chunk_count, byte length of each chunk) per TikTok's chunk rules."""
    if size <= 0:
        raise Rejected("the video file is empty", code="media_size")
    if size < MIN_CHUNK:
        return size, 1, [size]
    chunk = max(MIN_CHUNK, min(preferred, MAX_CHUNK, size))
    count = size // chunk  # the last chunk absorbs the remainder (it may reach 128 MB)
    if count > MAX_CHUNKS:
        chunk = -(-size // MAX_CHUNKS)
        count = size // chunk
    if chunk > MAX_CHUNK:
        raise Rejected("the video is too large for TikTok (4 GB at most)", code="media_size")
    sizes = [chunk] * (count - 1) + [size - chunk * (count - 1)]
    return chunk, count, sizes


PHOTO_DOMAIN_FIX = (
    "The operator must verify the domain (or URL prefix) the media is served from in the "
    "TikTok developer portal and list it in TIKTOK_VERIFIED_URL_PREFIXES (docs/DEPLOY.md). "
    "Videos are not affected: they are uploaded."
)
PHOTO_DOMAIN_HELP = (
    "TikTok photo posts are not set up on this server: TikTok pulls each photo from its URL, "
    "and only from a domain verified for the app. " + PHOTO_DOMAIN_FIX
)


def _error_parts(response: httpx.Response) -> tuple[str, str]:
    """(code, message) from either TikTok envelope: API `{error:{code,message}}` or OAuth."""
    try:
        body = response.json()
    except (json.JSONDecodeError, ValueError):
        return "", response.text[:300] or response.reason_phrase
    if not isinstance(body, dict):
        return "", str(body)[:300]
    err = body.get("error")
    if isinstance(err, dict):
        return str(err.get("code") or ""), str(err.get("message") or err.get("code") or "")[:300]
    if isinstance(err, str):
        return err, str(body.get("error_description") or err)[:300]
    return "", str(body)[:300]


def classify(response: httpx.Response) -> PlatformError | None:
    """Map TikTok's error envelope to the platform errors."""
    code, message = _error_parts(response)
    status = response.status_code
    text = f"TikTok: {message or code or response.reason_phrase}"
    if code in AUTH_CODES or (status == 401 and not code):
        return AuthExpired(text, code=code or None, status=status)
    if code in RECONSENT_CODES:
        return Disconnected(text, code=code, status=status)
    if code == "rate_limit_exceeded" or status == 429:
        # TikTok's limits are per minute and it documents no reset header; use one if present.
        return RateLimited(text, reset_at=retry_after(response.headers, 60), code=code or None)
    if code == "url_ownership_unverified":
        return Rejected(
            f"TikTok refused to fetch the photos: their domain is not verified for this app. "
            f"{PHOTO_DOMAIN_FIX}",
            code=code,
            status=status,
        )
    if code == "unaudited_client_can_only_post_to_private_accounts":
        return Rejected(
            "TikTok: this server's TikTok app has not passed TikTok's audit yet, so TikTok "
            "accepts only private posts: choose 'Only me' (SELF_ONLY) as the privacy level, or "
            "ask the operator to complete the audit.",
            code=code,
            status=status,
        )
    if code in DAILY_CAP_CODES:
        # The creator's 24-hour posting cap (shared across apps): try again a day later.
        return RateLimited(text, reset_at=datetime.now(UTC) + timedelta(hours=24), code=code)
    if code == "internal_error" or status >= 500:
        return Transient(text, code=code or None, status=status)
    return Rejected(text, code=code or None, status=status)


def _refresh_classify(response: httpx.Response) -> PlatformError | None:
    """On refresh, a dead/rotated/revoked refresh token means the account must reconnect."""
    code, message = _error_parts(response)
    if code in ("invalid_grant", "invalid_request") or response.status_code in (400, 401):
        return Disconnected(f"TikTok: {message or code}", code=code or None)
    return classify(response)


class TikTokConnector(Connector):
    """TikTok Login Kit v2 + Content Posting API (Direct Post)."""

    platform = "tiktok"
    display_name = "TikTok"
    # video.list is needed by /v2/video/query/ (metrics) and /v2/video/list/ (reconciliation).
    scopes = (
        "user.info.basic",
        "user.info.profile",
        "user.info.stats",
        "video.publish",
        "video.upload",
        "video.list",
    )
    capabilities: ClassVar[Capabilities] = Capabilities(
        requires_media=True,
        max_images=35,
        max_videos=1,
        mixed_media=False,
        supports_threads=False,
        supports_title=True,
        async_media=True,
        supports_find_recent=True,
        # /v2/video/list/ shows public, moderated posts only: a private post or one still in
        # moderation is missing from it and yet exists (issue 18 #3).
        find_recent_proves_absence=False,
        # Web redirect flow without PKCE (issue 18 #1): TikTok's docs require PKCE only for
        # desktop/mobile apps and define its challenge as *hex* SHA-256, not RFC 7636
        # base64url; sending none works whichever TikTok enforces for web apps.
        pkce=False,
    )

    # ------------------------------------------------------------------ helpers

    def _url(self, path: str) -> str:
        return f"{self.config.api_base}{path}"

    def _token_url(self, path: str) -> str:
        return f"{self.config.token_base or self.config.api_base}{path}"

    @staticmethod
    def _bearer(tokens: TokenSet) -> dict[str, str]:
        return {"Authorization": f"Bearer {tokens.access_token}"}

    def _api(
        self,
        method: str,
        path: str,
        tokens: TokenSet,
        *,
        unsafe: bool = False,
        params: dict[str, str] | None = None,
        body: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Call an API endpoint and return `data`, raising on any non-"ok" error code."""
        headers = self._bearer(tokens)
        kwargs: dict[str, Any] = {"headers": headers, "params": params}
        if method == "POST":
            headers["Content-Type"] = "application/json; charset=UTF-8"
            kwargs["content"] = json.dumps(body or {}).encode()
        response = self.http.request(
            method, self._url(path), unsafe=unsafe, classify=classify, **kwargs
        )
        payload = self._json(response)
        err = payload.get("error") or {}
        if isinstance(err, dict) and err.get("code") not in (None, "ok"):
            # A 2xx carrying an error code is still an error.
            raise classify(response) or Rejected(f"TikTok: {err.get('message')}")
        data = payload.get("data")
        return data if isinstance(data, dict) else {}

    @staticmethod
    def _json(response: httpx.Response) -> dict[str, Any]:
        try:
            body = response.json()
        except (json.JSONDecodeError, ValueError) as exc:
            raise Transient("TikTok answered with something that is not JSON") from exc
        return body if isinstance(body, dict) else {}

    def _token_set(self, body: dict[str, Any], previous: TokenSet | None = None) -> TokenSet:
        if not body.get("access_token"):
            code = body.get("error") or "no_access_token"
            message = body.get("error_description") or "no access token in the answer"
            raise Rejected(f"TikTok: {message}", code=str(code))
        extra = dict(previous.extra) if previous else {}
        if body.get("open_id"):
            extra["open_id"] = body["open_id"]
        return TokenSet(
            access_token=body["access_token"],
            # Rotated on every refresh; keep the old one only if none came back.
            refresh_token=body.get("refresh_token")
            or (previous.refresh_token if previous else None),
            expires_at=TokenSet.expiry_from(body.get("expires_in")),
            refresh_expires_at=TokenSet.expiry_from(body.get("refresh_expires_in")),
            scope=body.get("scope") or (previous.scope if previous else None),
            extra=extra,
        )

    # ------------------------------------------------------------------ OAuth

    def authorization_url(self, state: str, code_challenge: str) -> str:
        """The Login Kit v2 consent URL (`client_key`, comma-separated scopes), without PKCE:
        the web flow is protected by the state bound to the browser; `code_challenge` is
        ignored (see `capabilities.pkce`)."""
        query = urlencode(
            {
                "client_key": self.config.client_id,
                "scope": ",".join(self.scopes),
                "response_type": "code",
                "redirect_uri": self.config.redirect_uri,
                "state": state,
            }
        )
        return f"{self.config.auth_base}/v2/auth/authorize/?{query}"

    def exchange_code(self, code: str, code_verifier: str) -> TokenSet:
        """Trade the authorization code for tokens (no PKCE verifier: none was challenged)."""
        response = self.http.request(
            "POST",
            self._token_url("/v2/oauth/token/"),
            classify=classify,
            data={
                "client_key": self.config.client_id,
                "client_secret": self.config.client_secret,
                "code": code,
                "grant_type": "authorization_code",
                "redirect_uri": self.config.redirect_uri,
            },
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        return self._token_set(self._json(response))

    def refresh(self, tokens: TokenSet) -> TokenSet:
        """A new access token and a new (rotated) refresh token; the old refresh token dies."""
        if not tokens.refresh_token:
            raise Disconnected("TikTok: no refresh token stored; reconnect the account")
        response = self.http.request(
            "POST",
            self._token_url("/v2/oauth/token/"),
            classify=_refresh_classify,
            data={
                "client_key": self.config.client_id,
                "client_secret": self.config.client_secret,
                "grant_type": "refresh_token",
                "refresh_token": tokens.refresh_token,
            },
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        body = self._json(response)
        if not body.get("access_token"):
            raise Disconnected(f"TikTok: {body.get('error_description') or 'refresh refused'}")
        return self._token_set(body, tokens)

    def revoke(self, tokens: TokenSet) -> None:
        """De-authorize the app for this user at TikTok."""
        self.http.request(
            "POST",
            self._token_url("/v2/oauth/revoke/"),
            classify=classify,
            data={
                "client_key": self.config.client_id,
                "client_secret": self.config.client_secret,
                "token": tokens.access_token,
            },
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )

    def identity(self, tokens: TokenSet) -> Identity:
        """The creator's open_id, @username, display name, avatar and follower count."""
        fields = "open_id,union_id,avatar_url,display_name,username,follower_count"
        user = self._api("GET", "/v2/user/info/", tokens, params={"fields": fields}).get("user")
        if not isinstance(user, dict) or not user.get("open_id"):
            raise Transient("TikTok: user info came back without an open_id")
        return Identity(
            platform_user_id=str(user["open_id"]),
            username=user.get("username"),
            display_name=user.get("display_name"),
            avatar_url=user.get("avatar_url"),
            follower_count=_int(user.get("follower_count")),
            extra={
                "open_id": user["open_id"],
                "union_id": user.get("union_id"),
                "username": user.get("username"),
            },
        )

    # ------------------------------------------------------------------ publishing

    def creator_info(self, tokens: TokenSet) -> dict[str, Any]:
        """What this creator may post right now (privacy options, max duration, interactions)."""
        return self._api("POST", "/v2/post/publish/creator_info/query/", tokens)

    def _privacy_level(self, variant: Variant, options: list[str]) -> str:
        """The privacy the user chose: TikTok requires an explicit choice, never a default."""
        wanted = variant.options.get("privacy_level")
        if not wanted:
            raise Rejected(
                "TikTok: choose who can see this post (privacy level) in the post's TikTok "
                "settings; TikTok requires an explicit choice.",
                code="privacy_level_required",
            )
        if wanted not in options:
            allowed = ", ".join(options) or "none"
            raise Rejected(
                f"TikTok: privacy level {wanted} is not available for this account "
                f"(allowed: {allowed})",
                code="privacy_level_option_mismatch",
            )
        return str(wanted)

    def publish(self, tokens: TokenSet, variant: Variant) -> Published | Pending:
        """Direct-post one video (FILE_UPLOAD) or 1-35 photos (PULL_FROM_URL); returns Pending."""
        videos = [m for m in variant.media if m.kind == "video"]
        images = [m for m in variant.media if m.kind == "image"]
        if not variant.media:
            raise Rejected("TikTok posts need a video or photos; text-only posts are impossible")
        if len(videos) + len(images) != len(variant.media):
            raise Rejected("TikTok accepts videos and JPEG/WEBP photos only (no GIFs)")
        if videos and images:
            raise Rejected("TikTok cannot mix photos and a video in one post")
        if len(videos) > 1:
            raise Rejected("TikTok takes one video per post")
        if len(images) > self.capabilities.max_images:
            raise Rejected("TikTok takes at most 35 photos per post")
        if images:
            self._check_verified(images)
        info = self.creator_info(tokens)
        privacy = self._privacy_level(variant, list(info.get("privacy_level_options") or []))
        username = info.get("creator_username") or tokens.extra.get("username")
        if videos:
            try:
                publish_id = self._publish_video(tokens, variant, videos[0], info, privacy)
            except _LostUpload as lost:
                # TikTok named the post before the answer was lost: reconcile by publish_id
                # (status/fetch sees private and unmoderated posts; the video list does not).
                raise OutcomeUnknown(
                    lost.cause.message,
                    code=lost.cause.code,
                    ref=self._ref(lost.publish_id, "video", username, privacy),
                ) from lost.cause
            kind = "video"
        else:
            publish_id = self._publish_photos(tokens, variant, images, info, privacy)
            kind = "photo"
        return Pending(ref=self._ref(publish_id, kind, username, privacy), poll_after=5.0)

    @staticmethod
    def _ref(publish_id: str, kind: str, username: Any, privacy: str) -> dict[str, Any]:
        return {"publish_id": publish_id, "kind": kind, "username": username, "privacy": privacy}

    def _publish_video(
        self,
        tokens: TokenSet,
        variant: Variant,
        video: MediaItem,
        info: dict[str, Any],
        privacy: str,
    ) -> str:
        max_seconds = _int(info.get("max_video_post_duration_sec"))
        if video.duration_seconds and max_seconds and video.duration_seconds > max_seconds:
            raise Rejected(
                f"TikTok: this account may post videos up to {max_seconds} s "
                f"(this one is {video.duration_seconds:.0f} s)",
                code="duration_check_failed",
            )
        if video.open is None:
            raise Rejected("this media file cannot be read for upload", code="media_unreadable")
        if video.mime_type not in VIDEO_TYPES:
            raise Rejected("TikTok takes MP4, MOV or WebM videos", code="file_format_check_failed")
        preferred = int(self.config.options.get("tiktok_chunk_size", DEFAULT_CHUNK))
        chunk_size, count, sizes = chunk_plan(video.size_bytes, preferred)
        opts = variant.options
        post_info: dict[str, Any] = {
            "title": variant.text,
            "privacy_level": privacy,
            # Interactions the creator turned off in the app must stay off.
            "disable_duet": bool(opts.get("disable_duet") or info.get("duet_disabled")),
            "disable_comment": bool(opts.get("disable_comment") or info.get("comment_disabled")),
            "disable_stitch": bool(opts.get("disable_stitch") or info.get("stitch_disabled")),
        }
        if opts.get("video_cover_timestamp_ms") is not None:
            post_info["video_cover_timestamp_ms"] = int(opts["video_cover_timestamp_ms"])
        for flag in ("brand_content_toggle", "brand_organic_toggle", "is_aigc"):
            if flag in opts:
                post_info[flag] = bool(opts[flag])
        data = self._api(
            "POST",
            "/v2/post/publish/video/init/",
            tokens,
            body={
                "post_info": post_info,
                "source_info": {
                    "source": "FILE_UPLOAD",
                    "video_size": video.size_bytes,
                    "chunk_size": chunk_size,
                    "total_chunk_count": count,
                },
            },
        )
        publish_id, upload_url = data.get("publish_id"), data.get("upload_url")
        if not publish_id or not upload_url:
            raise Transient("TikTok: video init answered without publish_id/upload_url")
        offset = 0
        stream = iter(video.open())
        for index, block in enumerate(split_stream(stream, sizes)):
            last = index == count - 1
            # Only the last chunk completes the post, so only its lost answer is "unknown".
            try:
                self.http.request(
                    "PUT",
                    upload_url,
                    unsafe=last,
                    classify=classify,
                    content=block,
                    headers={
                        "Content-Type": video.mime_type,
                        "Content-Length": str(len(block)),
                        "Content-Range": (
                            f"bytes {offset}-{offset + len(block) - 1}/{video.size_bytes}"
                        ),
                    },
                )
            except OutcomeUnknown as exc:
                raise _LostUpload(str(publish_id), exc) from exc
            offset += len(block)
        return str(publish_id)

    def _publish_photos(
        self,
        tokens: TokenSet,
        variant: Variant,
        images: list[MediaItem],
        info: dict[str, Any],
        privacy: str,
    ) -> str:
        for image in images:
            if image.mime_type not in ("image/jpeg", "image/jpg", "image/webp"):
                raise Rejected(
                    "TikTok photos must be JPEG or WEBP", code="file_format_check_failed"
                )
        opts = variant.options
        post_info: dict[str, Any] = {
            "title": variant.title or "",
            "description": variant.text,
            "privacy_level": privacy,
            "disable_comment": bool(opts.get("disable_comment") or info.get("comment_disabled")),
            "auto_add_music": bool(opts.get("auto_add_music", True)),
        }
        for flag in ("brand_content_toggle", "brand_organic_toggle"):
            if flag in opts:
                post_info[flag] = bool(opts[flag])
        data = self._api(
            "POST",
            "/v2/post/publish/content/init/",
            tokens,
            unsafe=True,  # PULL_FROM_URL: this call alone creates the post
            body={
                "media_type": "PHOTO",
                "post_mode": "DIRECT_POST",
                "post_info": post_info,
                "source_info": {
                    "source": "PULL_FROM_URL",
                    "photo_images": [image.url for image in images],
                    "photo_cover_index": int(opts.get("photo_cover_index", 0)),
                },
            },
        )
        if not data.get("publish_id"):
            raise Transient("TikTok: content init answered without publish_id")
        return str(data["publish_id"])

    def _check_verified(self, images: list[MediaItem]) -> None:
        """TikTok pulls photos only from a URL prefix verified in its developer portal: with
        none configured, or a photo served from elsewhere, the post is refused here with what
        the operator must do (the sandbox verifies every URL unless told otherwise)."""
        if self.config.sandbox:
            return
        prefixes = [str(p) for p in self.config.options.get("tiktok_verified_url_prefixes") or []]
        if not prefixes:
            raise Rejected(PHOTO_DOMAIN_HELP, code="photo_domain_not_verified")
        outside = [i.url for i in images if not i.url.startswith(tuple(prefixes))]
        if outside:
            host = urlsplit(outside[0]).netloc or outside[0][:60]
            raise Rejected(
                f"TikTok photo posts: the photos are served from {host}, which is not one of "
                f"the URL prefixes verified with TikTok ({', '.join(prefixes)}). "
                + PHOTO_DOMAIN_FIX,
                code="url_ownership_unverified",
            )

    def check(self, tokens: TokenSet, ref: dict[str, Any]) -> Published | Pending:
        """Poll the publish status until TikTok finishes processing and moderation."""
        data = self._api(
            "POST", "/v2/post/publish/status/fetch/", tokens, body={"publish_id": ref["publish_id"]}
        )
        status = data.get("status")
        if status == "FAILED":
            reason = data.get("fail_reason") or "unknown reason"
            raise Rejected(f"TikTok could not publish the post: {reason}", code=str(reason))
        if status == "PUBLISH_COMPLETE":
            # Note the API's own spelling: "publicaly". The id comes only for a post others
            # can see, after moderation; never for a private (SELF_ONLY) one.
            ids = data.get("publicaly_available_post_id") or []
            if ids:
                post_id = str(ids[0])
                username = ref.get("username")
                url = f"https://www.tiktok.com/@{username}/video/{post_id}" if username else None
                return Published(platform_post_id=post_id, url=url)
            waited = int(ref.get("moderation_polls", 0))
            if ref.get("privacy") == "SELF_ONLY" or waited >= MODERATION_POLLS:
                # Live, with no public id to link to or read metrics of: the publish_id is
                # TikTok's id of the upload, not of the post, and is never stored as one.
                return Published(platform_post_id=None, url=None)
            return Pending(
                ref={**ref, "moderation_polls": waited + 1},
                poll_after=min(600.0, 15.0 * 2**waited),
            )
        if status == "SEND_TO_USER_INBOX":
            return Published(platform_post_id=None, url=None)
        return Pending(ref=ref, poll_after=5.0)

    def find_recent(self, tokens: TokenSet, since: datetime) -> list[RecentPost]:
        """The creator's public posts created at or after `since` (newest first)."""
        found: list[RecentPost] = []
        cursor: int | None = None
        for _ in range(10):  # 10 pages of 20 is far beyond any reconciliation window
            body: dict[str, Any] = {"max_count": 20}
            if cursor is not None:
                body["cursor"] = cursor
            data = self._api(
                "POST",
                "/v2/video/list/",
                tokens,
                params={"fields": "id,title,video_description,create_time,share_url"},
                body=body,
            )
            videos = data.get("videos") or []
            older = False
            for video in videos:
                created = _from_epoch(video.get("create_time"))
                if created is not None and created < since:
                    older = True
                    continue
                found.append(
                    RecentPost(
                        platform_post_id=str(video.get("id")),
                        url=video.get("share_url"),
                        text=str(video.get("video_description") or video.get("title") or ""),
                        created_at=created,
                    )
                )
            if older or not data.get("has_more") or not videos:
                break
            cursor = _int(data.get("cursor"))
        return found

    # ------------------------------------------------------------------ analytics

    def follower_count(self, tokens: TokenSet) -> int | None:
        """Follower count from user info (scope user.info.stats)."""
        user = self._api("GET", "/v2/user/info/", tokens, params={"fields": "follower_count"})
        return _int((user.get("user") or {}).get("follower_count"))

    def post_metrics(self, tokens: TokenSet, ids: list[str]) -> list[PostMetrics]:
        """Views, likes, comments and shares per video (20 ids per request)."""
        results: list[PostMetrics] = []
        fields = "id,like_count,comment_count,share_count,view_count"
        for start in range(0, len(ids), 20):
            batch = ids[start : start + 20]
            data = self._api(
                "POST",
                "/v2/video/query/",
                tokens,
                params={"fields": fields},
                body={"filters": {"video_ids": batch}},
            )
            for video in data.get("videos") or []:
                results.append(_metrics(video))
        return results


def _metrics(video: dict[str, Any]) -> PostMetrics:
    def pick(kind: str) -> int | None:
        for name in METRIC_NAMES[kind]:
            if video.get(name) is not None:
                return _int(video[name])
        return None

    return PostMetrics(
        platform_post_id=str(video.get("id")),
        impressions=pick("impressions"),
        likes=pick("likes"),
        comments=pick("comments"),
        shares=pick("shares"),
        clicks=None,  # TikTok's public API reports no clicks
        raw=dict(video),
    )


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _from_epoch(value: Any) -> datetime | None:
    stamp = _int(value)
    return datetime.fromtimestamp(stamp, UTC) if stamp is not None else None
