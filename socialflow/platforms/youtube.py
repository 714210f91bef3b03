"""YouTube: Google OAuth 2.0 (web server flow) and the YouTube Data API v3 resumable upload.

Endpoints spoken (relative to config bases): `{auth}/o/oauth2/v2/auth`, `{token}/token`,
`{token}/revoke`, `{api}/youtube/v3/channels`, `{api}/youtube/v3/videos`,
`{api}/youtube/v3/playlistItems`, and `{upload}/upload/youtube/v3/videos?uploadType=resumable`
followed by PUTs to the session URI Google returns.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, ClassVar
from urllib.parse import urlencode
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import httpx

from socialflow.platforms.base import (
    AuthExpired,
    Capabilities,
    Connector,
    Disconnected,
    FollowUp,
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
    same_text,
)
from socialflow.platforms.text import post_type

SCOPE_ROOT = "https://www.googleapis.com/auth/"
CHUNK_QUANTUM = 256 * 1024  # resumable chunks must be multiples of 256 KiB (but the last)
DEFAULT_CHUNK = 32 * CHUNK_QUANTUM  # 8 MiB
TITLE_MAX = 100  # characters
DESCRIPTION_MAX_BYTES = 5000  # UTF-8 bytes
TAGS_MAX = 500  # characters, counted the YouTube way
MAX_RECOVERIES = 3
METRIC_NAMES: dict[str, tuple[str, ...]] = {
    "impressions": ("viewCount", "views"),
    "likes": ("likeCount", "likes"),
    "comments": ("commentCount", "comments"),
    "shares": ("shareCount", "shares"),  # the Data API reports none; Analytics does
}
RATE_REASONS = {"rateLimitExceeded", "userRateLimitExceeded"}
RECONSENT_REASONS = {"insufficientPermissions", "youtubeSignupRequired"}


def next_pacific_midnight(now: datetime | None = None) -> datetime:
    """When the YouTube daily quota resets: midnight in America/Los_Angeles."""
    try:
        tz: Any = ZoneInfo("America/Los_Angeles")
    except ZoneInfoNotFoundError:  # no tz database: PST is close enough for a retry time
        tz = timezone(timedelta(hours=-8))
    local = (now or datetime.now(UTC)).astimezone(tz)
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight.astimezone(UTC)


def tags_length(tags: list[str]) -> int:
    """Tag length as YouTube counts it: commas count, a tag with a space counts its quotes."""
    return sum(len(t) + (2 if " " in t else 0) for t in tags) + max(0, len(tags) - 1)


def _error_parts(response: httpx.Response) -> tuple[str, str]:
    """(reason, message) from Google's JSON error or OAuth error body."""
    try:
        body = response.json()
    except (json.JSONDecodeError, ValueError):
        return "", response.text[:300] or response.reason_phrase
    if not isinstance(body, dict):
        return "", str(body)[:300]
    err = body.get("error")
    if isinstance(err, dict):
        errors = err.get("errors") or [{}]
        reason = str(errors[0].get("reason") or err.get("status") or "")
        return reason, str(err.get("message") or reason)[:300]
    if isinstance(err, str):
        return err, str(body.get("error_description") or err)[:300]
    return "", str(body)[:300]


def classify(response: httpx.Response) -> PlatformError | None:
    """Map Google's error reasons to the platform errors."""
    reason, message = _error_parts(response)
    status = response.status_code
    text = f"YouTube: {message or reason or response.reason_phrase}"
    if reason in RECONSENT_REASONS:
        return Disconnected(text, code=reason, status=status)
    if status == 401 or reason in ("authError", "invalid_token"):
        return AuthExpired(text, code=reason or None, status=status)
    if reason == "quotaExceeded":
        return RateLimited(text, reset_at=next_pacific_midnight(), code=reason)
    if reason == "uploadLimitExceeded":
        # The channel's own daily upload cap: the count is undocumented; wait a day.
        return RateLimited(text, reset_at=datetime.now(UTC) + timedelta(hours=24), code=reason)
    if reason in RATE_REASONS or status == 429:
        return RateLimited(text, reset_at=retry_after(response.headers, 60), code=reason or None)
    if status >= 500 or reason in ("backendError", "internalError"):
        return Transient(text, code=reason or None, status=status)
    return Rejected(text, code=reason or None, status=status)


def _session_classify(response: httpx.Response) -> PlatformError | None:
    """A 404/410 from an upload session URI: it expired; start the upload over."""
    if response.status_code in (404, 410):
        return Transient("YouTube: the upload session expired", code="sessionExpired")
    return classify(response)


def _refresh_classify(response: httpx.Response) -> PlatformError | None:
    """`invalid_grant` on refresh: the refresh token was revoked, expired or dropped."""
    reason, message = _error_parts(response)
    if reason == "invalid_grant":
        return Disconnected(f"YouTube: {message}", code=reason, status=response.status_code)
    return classify(response)


class YouTubeConnector(Connector):
    """Google OAuth 2.0 + YouTube Data API v3 (`videos.insert` resumable)."""

    platform = "youtube"
    display_name = "YouTube"
    scopes = (
        SCOPE_ROOT + "youtube.upload",
        SCOPE_ROOT + "youtube.readonly",
        # Comments (the first comment), custom thumbnails and adding to playlists.
        SCOPE_ROOT + "youtube.force-ssl",
    )
    capabilities: ClassVar[Capabilities] = Capabilities(
        requires_media=True,
        max_images=0,
        max_videos=1,
        mixed_media=False,
        supports_threads=False,
        supports_title=True,
        supports_first_comment=True,
        async_media=True,
        supports_find_recent=True,
        pkce=True,
    )

    # ------------------------------------------------------------------ helpers

    @property
    def _token_base(self) -> str:
        return self.config.token_base or self.config.api_base

    @property
    def _upload_base(self) -> str:
        return self.config.upload_base or self.config.api_base

    def _get(self, path: str, tokens: TokenSet, params: dict[str, str]) -> dict[str, Any]:
        response = self.http.request(
            "GET",
            f"{self.config.api_base}/youtube/v3/{path}",
            classify=classify,
            params=params,
            headers={"Authorization": f"Bearer {tokens.access_token}"},
        )
        return self._json(response)

    @staticmethod
    def _json(response: httpx.Response) -> dict[str, Any]:
        try:
            body = response.json()
        except (json.JSONDecodeError, ValueError) as exc:
            raise Transient("YouTube answered with something that is not JSON") from exc
        return body if isinstance(body, dict) else {}

    def _token_set(self, body: dict[str, Any], previous: TokenSet | None = None) -> TokenSet:
        if not body.get("access_token"):
            raise Rejected("YouTube: no access token in Google's answer", code="no_access_token")
        return TokenSet(
            access_token=body["access_token"],
            # Google does not rotate: a refresh answer carries no refresh_token; keep ours.
            refresh_token=body.get("refresh_token")
            or (previous.refresh_token if previous else None),
            expires_at=TokenSet.expiry_from(body.get("expires_in")),
            refresh_expires_at=previous.refresh_expires_at if previous else None,
            scope=body.get("scope") or (previous.scope if previous else None),
            extra=dict(previous.extra) if previous else {},
        )

    # ------------------------------------------------------------------ OAuth

    def authorization_url(self, state: str, code_challenge: str) -> str:
        """Google's consent URL: offline access, forced consent (so a refresh token comes back)."""
        query = urlencode(
            {
                "client_id": self.config.client_id,
                "redirect_uri": self.config.redirect_uri,
                "response_type": "code",
                "scope": " ".join(self.scopes),
                "access_type": "offline",
                "prompt": "consent",
                "include_granted_scopes": "true",
                "state": state,
                "code_challenge": code_challenge,
                "code_challenge_method": "S256",
            }
        )
        return f"{self.config.auth_base}/o/oauth2/v2/auth?{query}"

    def _token_request(self, form: dict[str, str], refresh: bool = False) -> dict[str, Any]:
        response = self.http.request(
            "POST",
            f"{self._token_base}/token",
            classify=_refresh_classify if refresh else classify,
            data={
                **form,
                "client_id": self.config.client_id,
                "client_secret": self.config.client_secret,
            },
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        return self._json(response)

    def exchange_code(self, code: str, code_verifier: str) -> TokenSet:
        """Trade the authorization code (plus PKCE verifier) for tokens."""
        body = self._token_request(
            {
                "code": code,
                "code_verifier": code_verifier,
                "grant_type": "authorization_code",
                "redirect_uri": self.config.redirect_uri,
            }
        )
        return self._token_set(body)

    def refresh(self, tokens: TokenSet) -> TokenSet:
        """A new access token; the refresh token stays the same (Google does not rotate)."""
        if not tokens.refresh_token:
            raise Disconnected("YouTube: no refresh token stored; reconnect the account")
        body = self._token_request(
            {"grant_type": "refresh_token", "refresh_token": tokens.refresh_token}, refresh=True
        )
        return self._token_set(body, tokens)

    def revoke(self, tokens: TokenSet) -> None:
        """Revoke the grant at Google (revoking the refresh token ends every access token)."""
        self.http.request(
            "POST",
            f"{self._token_base}/revoke",
            classify=classify,
            data={"token": tokens.refresh_token or tokens.access_token},
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )

    def _channel(self, tokens: TokenSet, part: str) -> dict[str, Any]:
        body = self._get("channels", tokens, {"part": part, "mine": "true"})
        items = body.get("items") or []
        if not items:
            raise Rejected(
                "This Google account has no YouTube channel; create one on YouTube first",
                code="youtubeSignupRequired",
            )
        channel: dict[str, Any] = items[0]
        return channel

    def identity(self, tokens: TokenSet) -> Identity:
        """The channel id (UC...), @handle, title, avatar and subscriber count."""
        channel = self._channel(tokens, "snippet,contentDetails,statistics")
        snippet = channel.get("snippet") or {}
        stats = channel.get("statistics") or {}
        thumbs = snippet.get("thumbnails") or {}
        avatar = next(
            (thumbs[k]["url"] for k in ("high", "medium", "default") if k in thumbs), None
        )
        uploads = ((channel.get("contentDetails") or {}).get("relatedPlaylists") or {}).get(
            "uploads"
        )
        return Identity(
            platform_user_id=str(channel["id"]),
            username=snippet.get("customUrl"),
            display_name=snippet.get("title"),
            avatar_url=avatar,
            follower_count=_subscribers(stats),
            extra={"channel_id": channel["id"], "uploads_playlist_id": uploads},
        )

    # ------------------------------------------------------------------ publishing

    def metadata(self, variant: Variant) -> dict[str, Any]:
        """The `videos.insert` body, checked against YouTube's documented limits first."""
        title = variant.title
        if title is None:
            # No explicit title: derive one from the first line of the text, made valid.
            first = next((line for line in variant.text.splitlines() if line.strip()), "")
            title = " ".join(first.replace("<", "").replace(">", "").split())[:TITLE_MAX].strip()
        if not title.strip():
            raise Rejected("YouTube needs a video title", code="invalidTitle")
        if len(title) > TITLE_MAX or "<" in title or ">" in title:
            raise Rejected(
                "YouTube titles are at most 100 characters, without < or >", code="invalidTitle"
            )
        description = variant.text
        if len(description.encode("utf-8")) > DESCRIPTION_MAX_BYTES:
            raise Rejected(
                "YouTube descriptions are at most 5,000 bytes", code="invalidDescription"
            )
        if "<" in description or ">" in description:
            raise Rejected("YouTube descriptions may not contain < or >", code="invalidDescription")
        opts = variant.options
        snippet: dict[str, Any] = {
            "title": title,
            "description": description,
            "categoryId": str(opts.get("category_id", "22")),  # 22 = People & Blogs
        }
        tags = [str(t) for t in opts.get("tags") or []]
        if tags:
            if tags_length(tags) > TAGS_MAX or any("<" in t or ">" in t for t in tags):
                raise Rejected("YouTube tags are at most 500 characters in all", code="invalidTags")
            snippet["tags"] = tags
        if opts.get("default_language"):
            snippet["defaultLanguage"] = str(opts["default_language"])
        privacy = str(opts.get("privacy_status", "public"))
        if privacy not in ("public", "unlisted", "private"):
            raise Rejected(f"YouTube privacy must be public, unlisted or private, not {privacy}")
        status: dict[str, Any] = {
            "privacyStatus": privacy,
            "selfDeclaredMadeForKids": bool(opts.get("made_for_kids", False)),
        }
        if "contains_synthetic_media" in opts:
            status["containsSyntheticMedia"] = bool(opts["contains_synthetic_media"])
        return {"snippet": snippet, "status": status}

    def publish(self, tokens: TokenSet, variant: Variant) -> Published | Pending:
        """Resumable upload of one video; returns Pending while YouTube processes it."""
        videos = [m for m in variant.media if m.kind == "video"]
        if len(videos) != 1 or len(variant.media) != 1:
            raise Rejected("YouTube posts are exactly one video")
        video = videos[0]
        if video.open is None:
            raise Rejected("this media file cannot be read for upload", code="media_unreadable")
        if video.size_bytes <= 0:
            raise Rejected("the video file is empty", code="emptyFile")
        body = self.metadata(variant)
        mime = (
            video.mime_type if video.mime_type.startswith("video/") else "application/octet-stream"
        )
        notify = "true" if variant.options.get("notify_subscribers", True) else "false"
        response = self.http.request(
            "POST",
            f"{self._upload_base}/upload/youtube/v3/videos",
            classify=classify,
            params={
                "uploadType": "resumable",
                "part": "snippet,status",
                "notifySubscribers": notify,
            },
            content=json.dumps(body).encode(),
            headers={
                "Authorization": f"Bearer {tokens.access_token}",
                "Content-Type": "application/json; charset=UTF-8",
                "X-Upload-Content-Length": str(video.size_bytes),
                "X-Upload-Content-Type": mime,
            },
        )
        session = response.headers.get("location")
        if not session:
            raise Transient("YouTube opened no upload session (no Location header)")
        resource = self._upload(session, video, mime)
        video_id = str(resource.get("id") or "")
        if not video_id:
            raise Transient("YouTube finished the upload without a video id")
        privacy = str(body["status"]["privacyStatus"])
        # The video exists from here on: what is set on it now cannot fail the post.
        notices = [
            n
            for n in (
                self._set_thumbnail(tokens, video_id, variant.attachments.get("thumbnail")),
                self._add_to_playlist(tokens, video_id, variant.options.get("playlist_id")),
            )
            if n
        ]
        # A vertical or square video of at most 3 minutes: YouTube files it as a Short.
        short = post_type("youtube", variant) == "short"
        ref = {"video_id": video_id, "privacy": privacy, "short": short}
        if notices:
            ref["notices"] = notices
        return Pending(ref=ref, poll_after=10.0)

    def _set_thumbnail(self, tokens: TokenSet, video_id: str, image: MediaItem | None) -> str:
        """The custom thumbnail (channels YouTube has verified); why not, if it failed."""
        if image is None:
            return ""
        try:
            self.http.request(
                "POST",
                f"{self._upload_base}/upload/youtube/v3/thumbnails/set",
                classify=classify,
                params={"videoId": video_id},
                content=image.read_all(),
                headers={
                    "Authorization": f"Bearer {tokens.access_token}",
                    "Content-Type": image.mime_type,
                },
            )
        except PlatformError as exc:
            return f"The custom thumbnail was not set: {exc.message}"
        return ""

    def _add_to_playlist(self, tokens: TokenSet, video_id: str, playlist: Any) -> str:
        """Add the video to a playlist of the channel (once); why not, if it failed."""
        if not playlist:
            return ""
        auth = {"Authorization": f"Bearer {tokens.access_token}"}
        try:
            there = self._get(
                "playlistItems",
                tokens,
                {"part": "id", "playlistId": str(playlist), "videoId": video_id},
            )
            if there.get("items"):
                return ""
            self.http.request(
                "POST",
                f"{self.config.api_base}/youtube/v3/playlistItems",
                classify=classify,
                params={"part": "snippet"},
                json={
                    "snippet": {
                        "playlistId": str(playlist),
                        "resourceId": {"kind": "youtube#video", "videoId": video_id},
                    }
                },
                headers=auth,
            )
        except PlatformError as exc:
            return f"The video was not added to the playlist: {exc.message}"
        return ""

    def playlists(self, tokens: TokenSet) -> list[dict[str, str]]:
        """The channel's playlists, for the composer to choose from."""
        body = self._get(
            "playlists", tokens, {"part": "snippet", "mine": "true", "maxResults": "50"}
        )
        return [
            {"id": str(p["id"]), "title": str((p.get("snippet") or {}).get("title") or p["id"])}
            for p in body.get("items") or []
        ]

    # ------------------------------------------------------------------ the first comment

    def follow_up(self, tokens: TokenSet, item: FollowUp) -> Published | Pending:
        """A top-level comment as the channel under its video (youtube.force-ssl)."""
        try:
            response = self.http.request(
                "POST",
                f"{self.config.api_base}/youtube/v3/commentThreads",
                classify=classify,
                params={"part": "snippet"},
                json={
                    "snippet": {
                        "videoId": item.parent_id,
                        "topLevelComment": {"snippet": {"textOriginal": item.text}},
                    }
                },
                headers={"Authorization": f"Bearer {tokens.access_token}"},
                unsafe=True,
            )
        except Disconnected as exc:
            # A connection made before comments were asked for lacks the scope.
            raise Rejected(
                f"{exc.message} Socialflow may not comment on this channel yet: reconnect it "
                "on the Platforms page to allow comments.",
                code="insufficientPermissions",
            ) from exc
        thread = self._json(response)
        comment_id = str(
            ((thread.get("snippet") or {}).get("topLevelComment") or {}).get("id")
            or thread.get("id")
            or ""
        )
        if not comment_id:
            raise OutcomeUnknown("YouTube answered the comment without its id", code="no_id")
        return Published(comment_id, f"{watch_url(item.parent_id)}&lc={comment_id}")

    def find_follow_up(self, tokens: TokenSet, item: FollowUp) -> Published | None:
        """The channel's comment under the video, if it is there (its answer was lost)."""
        channel = str(tokens.extra.get("channel_id") or "")
        body = self._get(
            "commentThreads",
            tokens,
            {"part": "snippet", "videoId": item.parent_id, "maxResults": "100"},
        )
        for thread in body.get("items") or []:
            top = ((thread.get("snippet") or {}).get("topLevelComment")) or {}
            snippet = top.get("snippet") or {}
            author = str((snippet.get("authorChannelId") or {}).get("value") or "")
            if (not channel or author == channel) and same_text(
                item.text, str(snippet.get("textOriginal") or snippet.get("textDisplay") or "")
            ):
                comment_id = str(top.get("id"))
                return Published(comment_id, f"{watch_url(item.parent_id)}&lc={comment_id}")
        return None

    def _upload(self, session: str, video: MediaItem, mime: str) -> dict[str, Any]:
        """PUT the bytes in 256 KiB-multiple chunks, resuming from what Google confirms."""
        total = video.size_bytes
        quantum_chunks = int(self.config.options.get("youtube_chunk_size", DEFAULT_CHUNK))
        chunk = max(CHUNK_QUANTUM, quantum_chunks // CHUNK_QUANTUM * CHUNK_QUANTUM)
        stream: Iterator[bytes] = iter(video.open())  # type: ignore[misc]
        buffer = bytearray()  # bytes from `offset` on, not yet confirmed by Google
        offset = 0
        recoveries = 0
        while True:
            while len(buffer) < chunk and offset + len(buffer) < total:
                piece = next(stream, None)
                if piece is None:
                    raise Rejected("the video file is shorter than its recorded size")
                buffer.extend(piece)
            block = bytes(buffer[: min(chunk, total - offset)])
            last = offset + len(block) >= total
            headers = {
                "Content-Type": mime,
                "Content-Length": str(len(block)),
                "Content-Range": f"bytes {offset}-{offset + len(block) - 1}/{total}",
            }
            try:
                # Only the final chunk creates the video: only its lost answer is "unknown".
                response = self.http.request(
                    "PUT",
                    session,
                    unsafe=last,
                    classify=_session_classify,
                    content=block,
                    headers=headers,
                )
            except (OutcomeUnknown, Transient) as exc:
                recoveries += 1
                if recoveries > MAX_RECOVERIES:
                    raise
                response = self._probe(session, total, exc)
            if response.status_code in (200, 201):
                return self._json(response)
            confirmed = _confirmed(response.headers.get("range"))
            if confirmed < offset:
                raise Transient("YouTube lost part of the upload; it will start over")
            if confirmed == offset:
                recoveries += 1  # no progress: do not resend the same bytes forever
                if recoveries > MAX_RECOVERIES:
                    raise Transient("YouTube is not accepting the upload; it will start over")
            del buffer[: confirmed - offset]
            offset = confirmed

    def _probe(self, session: str, total: int, cause: PlatformError) -> httpx.Response:
        """Ask the session how much it holds (`Content-Range: bytes */total`)."""
        try:
            return self.http.request(
                "PUT",
                session,
                classify=_session_classify,
                content=b"",
                headers={"Content-Length": "0", "Content-Range": f"bytes */{total}"},
            )
        except Transient as exc:
            if isinstance(cause, OutcomeUnknown):
                # Still no way to know whether the last chunk created the video.
                raise cause from exc
            raise

    def check(self, tokens: TokenSet, ref: dict[str, Any]) -> Published | Pending:
        """Poll processingDetails until YouTube has processed (or refused) the video."""
        video_id = str(ref["video_id"])
        body = self._get("videos", tokens, {"part": "processingDetails,status", "id": video_id})
        items = body.get("items") or []
        if not items:
            raise Rejected("YouTube: the uploaded video no longer exists", code="videoNotFound")
        status = items[0].get("status") or {}
        processing = items[0].get("processingDetails") or {}
        upload_status = status.get("uploadStatus")
        if upload_status == "rejected":
            reason = status.get("rejectionReason") or "rejected"
            raise Rejected(f"YouTube rejected the video: {reason}", code=str(reason))
        if upload_status == "failed" or processing.get("processingStatus") in (
            "failed",
            "terminated",
        ):
            reason = (
                status.get("failureReason")
                or processing.get("processingFailureReason")
                or "processing failed"
            )
            raise Rejected(f"YouTube could not process the video: {reason}", code=str(reason))
        if upload_status == "processed" or processing.get("processingStatus") == "succeeded":
            notices = [privacy_notice(ref.get("privacy"), status.get("privacyStatus"))]
            notices += [str(n) for n in ref.get("notices") or []]
            return Published(
                platform_post_id=video_id,
                url=shorts_url(video_id) if ref.get("short") else watch_url(video_id),
                notice=" ".join(n for n in notices if n) or None,
            )
        return Pending(ref=ref, poll_after=10.0)

    def find_recent(self, tokens: TokenSet, since: datetime) -> list[RecentPost]:
        """Videos in the channel's uploads playlist published at or after `since`."""
        playlist = tokens.extra.get("uploads_playlist_id")
        if not playlist:
            channel = self._channel(tokens, "contentDetails")
            playlist = channel["contentDetails"]["relatedPlaylists"]["uploads"]
        found: list[RecentPost] = []
        page: str | None = None
        for _ in range(5):
            params = {"part": "snippet,contentDetails", "playlistId": playlist, "maxResults": "50"}
            if page:
                params["pageToken"] = page
            body = self._get("playlistItems", tokens, params)
            older = False
            for item in body.get("items") or []:
                snippet = item.get("snippet") or {}
                details = item.get("contentDetails") or {}
                created = _parse_time(details.get("videoPublishedAt") or snippet.get("publishedAt"))
                if created is not None and created < since:
                    older = True
                    continue
                video_id = str(details.get("videoId") or snippet["resourceId"]["videoId"])
                found.append(
                    RecentPost(
                        platform_post_id=video_id,
                        url=watch_url(video_id),
                        text=str(snippet.get("description") or ""),
                        created_at=created,
                    )
                )
            page = body.get("nextPageToken")
            if older or not page:
                break
        return found

    # ------------------------------------------------------------------ analytics

    def follower_count(self, tokens: TokenSet) -> int | None:
        """The channel's subscriber count (None when the channel hides it)."""
        return _subscribers(self._channel(tokens, "statistics").get("statistics") or {})

    def post_metrics(self, tokens: TokenSet, ids: list[str]) -> list[PostMetrics]:
        """Views, likes and comments per video (50 ids per call; no shares in the Data API)."""
        results: list[PostMetrics] = []
        for start in range(0, len(ids), 50):
            batch = ids[start : start + 50]
            body = self._get("videos", tokens, {"part": "statistics", "id": ",".join(batch)})
            for item in body.get("items") or []:
                stats = item.get("statistics") or {}

                def pick(kind: str, stats: dict[str, Any] = stats) -> int | None:
                    for name in METRIC_NAMES[kind]:
                        if stats.get(name) is not None:
                            return _int(stats[name])
                    return None

                results.append(
                    PostMetrics(
                        platform_post_id=str(item.get("id")),
                        impressions=pick("impressions"),
                        likes=pick("likes"),
                        comments=pick("comments"),
                        shares=pick("shares"),
                        clicks=None,
                        raw=dict(stats),
                    )
                )
        return results


def privacy_notice(chosen: Any, actual: Any) -> str | None:
    """What to tell the user when YouTube did not keep the privacy they chose (issue 18 #12):
    uploads from API projects Google has not verified are locked private."""
    if not chosen or not actual or chosen == actual:
        return None
    return (
        f"YouTube published this video as {actual}, not {chosen}. YouTube locks videos "
        "uploaded through API projects it has not verified (audited) to private. The operator "
        "of this Socialflow server must have its Google Cloud project pass YouTube's API "
        "audit; until then, change the video's visibility in YouTube Studio."
    )


def shorts_url(video_id: str) -> str:
    return f"https://www.youtube.com/shorts/{video_id}"


def watch_url(video_id: str) -> str:
    return f"https://www.youtube.com/watch?v={video_id}"


def _confirmed(range_header: str | None) -> int:
    """Bytes Google holds, from `Range: bytes=0-N` (absent: none)."""
    if not range_header or "-" not in range_header:
        return 0
    return int(range_header.rsplit("-", 1)[1]) + 1


def _subscribers(stats: dict[str, Any]) -> int | None:
    if stats.get("hiddenSubscriberCount"):
        return None
    return _int(stats.get("subscriberCount"))


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _parse_time(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
