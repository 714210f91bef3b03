"""X (Twitter) connector: API v2 with OAuth 2.0 + PKCE, v2 media upload, posts and metrics."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote, urlencode

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
    error_text,
    same_text,
)

CHUNK_BYTES = 4 * 1024 * 1024  # APPEND segments; at most 1,000 of them (512 MB videos fit)
DUPLICATE_DETAIL = "duplicate content"
REPLY_SETTINGS = ("following", "mentionedUsers", "subscribers", "verified")


def _epoch(value: str | None) -> datetime | None:
    if value and value.strip().isdigit():
        return datetime.fromtimestamp(int(value.strip()), UTC)
    return None


def reset_time(headers: httpx.Headers) -> datetime:
    """The latest reset among the exhausted X windows (15 min, user 24 h, app 24 h)."""
    candidates: list[datetime] = []
    for prefix in ("x-rate-limit", "x-user-limit-24hour", "x-app-limit-24hour"):
        reset = _epoch(headers.get(f"{prefix}-reset"))
        if reset and headers.get(f"{prefix}-remaining", "").strip() in ("0", ""):
            candidates.append(reset)
    if not candidates and (fallback := _epoch(headers.get("x-rate-limit-reset"))):
        candidates.append(fallback)
    return max(candidates) if candidates else datetime.now(UTC) + timedelta(minutes=15)


def _problem_text(body: dict[str, Any]) -> str:
    """The useful part of an X problem body: detail plus per-field messages."""
    parts = [str(body.get("detail") or body.get("title") or "")]
    for err in body.get("errors") or []:
        if isinstance(err, dict) and err.get("message"):
            parts.append(str(err["message"]))
    return " ".join(p for p in parts if p)[:500]


def classify(response: httpx.Response) -> PlatformError | None:
    """Map X API v2 error responses (problem+json or legacy `errors`) onto connector errors."""
    status = response.status_code
    try:
        body = response.json()
    except (json.JSONDecodeError, ValueError):
        body = {}
    body = body if isinstance(body, dict) else {}
    message = "X: " + (_problem_text(body) or error_text(response))
    kind = str(body.get("type", "")).rsplit("/", 1)[-1]
    if status == 401:
        # X answers a revoked token like an expired one; a failed refresh tells them apart.
        return AuthExpired(message, status=status, code="unauthorized")
    if status == 429:
        return RateLimited(
            message, reset_at=reset_time(response.headers), code=kind or "rate_limit"
        )
    if status >= 500:
        return Transient(message, status=status, code=kind or "server_error")
    if status == 403 and DUPLICATE_DETAIL in message:
        return Rejected(message, status=status, code="duplicate")
    legacy = [e.get("code") for e in body.get("errors") or [] if isinstance(e, dict)]
    if 89 in legacy:  # v1.1-style "Invalid or expired token"
        return AuthExpired(message, status=status, code="invalid_token")
    return Rejected(message, status=status, code=kind or f"http_{status}")


def _token_error(response: httpx.Response, refreshing: bool) -> PlatformError | None:
    """The token endpoint's OAuth errors: a dead refresh token means reconnect."""
    if response.status_code >= 500 or response.status_code == 429:
        return classify(response)
    message = "X: " + error_text(response)
    if refreshing and response.status_code in (400, 401):
        return Disconnected(message, status=response.status_code, code="invalid_grant")
    return Rejected(message, status=response.status_code, code="oauth_error")


def _chunks(item: MediaItem, size: int) -> Iterator[bytes]:
    """Re-cut a media stream into fixed-size segments."""
    if item.open is None:
        raise Rejected("this media file cannot be read for upload", code="media_unreadable")
    buffer = bytearray()
    for piece in item.open():
        buffer.extend(piece)
        while len(buffer) >= size:
            yield bytes(buffer[:size])
            del buffer[:size]
    if buffer:
        yield bytes(buffer)


class TwitterConnector(Connector):
    """X API v2 (OAuth 2.0 user context)."""

    platform = "twitter"
    display_name = "X (Twitter)"
    capabilities = Capabilities(
        requires_media=False,
        max_images=4,
        max_videos=1,
        mixed_media=False,
        supports_threads=True,
        supports_first_comment=True,
        async_media=True,
        supports_find_recent=True,
        pkce=True,
    )
    scopes = ("tweet.read", "tweet.write", "users.read", "media.write", "offline.access")

    # ---- URLs (every host is a setting)
    def _api(self, path: str) -> str:
        return f"{self.config.api_base}{path}"

    def _token_url(self, path: str) -> str:
        return f"{self.config.token_base or self.config.api_base}{path}"

    def _upload(self, path: str) -> str:
        return f"{self.config.upload_base or self.config.api_base}{path}"

    def _web(self) -> str:
        return self.config.auth_base

    @staticmethod
    def _auth(tokens: TokenSet) -> dict[str, str]:
        return {"Authorization": f"Bearer {tokens.access_token}"}

    def _client_auth(self) -> tuple[dict[str, str], httpx.BasicAuth | None]:
        """Confidential clients use HTTP Basic; public clients send client_id in the body."""
        if self.config.client_secret:
            return {}, httpx.BasicAuth(self.config.client_id, self.config.client_secret)
        return {"client_id": self.config.client_id}, None

    # ---- OAuth
    def authorization_url(self, state: str, code_challenge: str) -> str:
        params = {
            "response_type": "code",
            "client_id": self.config.client_id,
            "redirect_uri": self.config.redirect_uri,
            "scope": " ".join(self.scopes),
            "state": state,
            "code_challenge": code_challenge,
            "code_challenge_method": "S256",
        }
        return f"{self.config.auth_base}/i/oauth2/authorize?{urlencode(params, quote_via=quote)}"

    def _token_request(self, form: dict[str, str], refreshing: bool) -> TokenSet:
        extra, auth = self._client_auth()
        response = self.http.request(
            "POST",
            self._token_url("/2/oauth2/token"),
            data={**form, **extra},
            auth=auth,
            classify=lambda r: _token_error(r, refreshing),
        )
        body = response.json()
        return TokenSet(
            access_token=body["access_token"],
            refresh_token=body.get("refresh_token"),
            expires_at=TokenSet.expiry_from(body.get("expires_in")),
            scope=body.get("scope"),
        )

    def exchange_code(self, code: str, code_verifier: str) -> TokenSet:
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.config.redirect_uri,
            "code_verifier": code_verifier,
        }
        return self._token_request(form, refreshing=False)

    def refresh(self, tokens: TokenSet) -> TokenSet:
        """Rotate: the answer carries a new refresh token and the old one is dead."""
        if not tokens.refresh_token:
            raise Disconnected(
                "X: no refresh token (offline.access not granted)", code="no_refresh"
            )
        fresh = self._token_request(
            {"grant_type": "refresh_token", "refresh_token": tokens.refresh_token}, refreshing=True
        )
        fresh.refresh_token = fresh.refresh_token or tokens.refresh_token
        fresh.extra = dict(tokens.extra)
        return fresh

    def revoke(self, tokens: TokenSet) -> None:
        """Revoke the refresh token (kills the grant) and the access token."""
        extra, auth = self._client_auth()
        pairs = [(tokens.refresh_token, "refresh_token"), (tokens.access_token, "access_token")]
        for token, hint in pairs:
            if token:
                self.http.request(
                    "POST",
                    self._token_url("/2/oauth2/revoke"),
                    data={"token": token, "token_type_hint": hint, **extra},
                    auth=auth,
                    classify=lambda r: _token_error(r, False),
                )

    def _me(self, tokens: TokenSet, fields: str) -> dict[str, Any]:
        response = self.http.request(
            "GET",
            self._api("/2/users/me"),
            params={"user.fields": fields},
            headers=self._auth(tokens),
            classify=classify,
        )
        data: dict[str, Any] = response.json()["data"]
        return data

    def identity(self, tokens: TokenSet) -> Identity:
        me = self._me(tokens, "profile_image_url,public_metrics")
        metrics = me.get("public_metrics") or {}
        return Identity(
            platform_user_id=me["id"],
            username=me.get("username"),
            display_name=me.get("name"),
            avatar_url=me.get("profile_image_url"),
            follower_count=metrics.get("followers_count"),
            extra={"user_id": me["id"], "username": me.get("username")},
        )

    def _user_id(self, tokens: TokenSet) -> str:
        uid = tokens.extra.get("user_id")
        if not uid:
            uid = self._me(tokens, "id")["id"]
            tokens.extra["user_id"] = uid
        return str(uid)

    def _post_url(self, tokens: TokenSet, post_id: str) -> str:
        username = tokens.extra.get("username")
        if username:
            return f"{self._web()}/{username}/status/{post_id}"
        return f"{self._web()}/i/web/status/{post_id}"

    # ---- media
    def _upload_image(self, tokens: TokenSet, item: MediaItem) -> dict[str, Any]:
        """One-shot multipart upload: images are usable as soon as it returns."""
        response = self.http.request(
            "POST",
            self._upload("/2/media/upload"),
            headers=self._auth(tokens),
            data={"media_category": "tweet_image"},
            files={"media": ("media", item.read_all(), item.mime_type)},
            classify=classify,
        )
        data: dict[str, Any] = response.json()["data"]
        return data

    def _upload_chunked(self, tokens: TokenSet, item: MediaItem) -> dict[str, Any]:
        """initialize -> append (segment_index) -> finalize, for video and GIF."""
        category = "tweet_gif" if item.kind == "gif" else "tweet_video"
        init = self.http.request(
            "POST",
            self._upload("/2/media/upload/initialize"),
            headers=self._auth(tokens),
            json={
                "media_type": item.mime_type,
                "total_bytes": item.size_bytes,
                "media_category": category,
            },
            classify=classify,
        ).json()["data"]
        media_id = init["id"]
        for index, chunk in enumerate(_chunks(item, CHUNK_BYTES)):
            if index > 999:
                raise Rejected("X: the file is too large for 1,000 upload segments", code="too_big")
            self.http.request(
                "POST",
                self._upload(f"/2/media/upload/{media_id}/append"),
                headers=self._auth(tokens),
                data={"segment_index": str(index)},
                files={"media": ("chunk", chunk, "application/octet-stream")},
                classify=classify,
            )
        final: dict[str, Any] = self.http.request(
            "POST",
            self._upload(f"/2/media/upload/{media_id}/finalize"),
            headers=self._auth(tokens),
            classify=classify,
        ).json()["data"]
        return final

    def _media_status(self, tokens: TokenSet, media_id: str) -> dict[str, Any]:
        body = self.http.request(
            "GET",
            self._upload("/2/media/upload"),
            params={"command": "STATUS", "media_id": media_id},
            headers=self._auth(tokens),
            classify=classify,
        ).json()
        info: dict[str, Any] = (body.get("data") or {}).get("processing_info") or {}
        if info.get("state") == "failed":
            details = [e.get("detail", "") for e in body.get("errors") or [] if isinstance(e, dict)]
            reason = "; ".join(d for d in details if d) or "processing failed"
            raise Rejected(f"X could not process the media: {reason}", code="media_failed")
        return info

    # ---- publishing
    def _post_body(self, variant: Variant, media_ids: list[str]) -> dict[str, Any]:
        """A CreatePostsRequest: only fields the spec allows (it rejects unknown ones)."""
        body: dict[str, Any] = {"text": variant.text}
        if media_ids:
            body["media"] = {"media_ids": media_ids}
        opts = variant.options
        if opts.get("reply_to"):
            body["reply"] = {"in_reply_to_tweet_id": str(opts["reply_to"])}
        if opts.get("reply_settings") in REPLY_SETTINGS:
            body["reply_settings"] = opts["reply_settings"]
        for flag in ("made_with_ai", "paid_partnership"):
            if isinstance(opts.get(flag), bool):
                body[flag] = opts[flag]
        return body

    def _create(self, tokens: TokenSet, body: dict[str, Any]) -> Published:
        response = self.http.request(
            "POST",
            self._api("/2/tweets"),
            headers=self._auth(tokens),
            json=body,
            unsafe=True,
            classify=classify,
        )
        try:
            post_id = str(response.json()["data"]["id"])
        except (ValueError, KeyError, TypeError) as exc:
            # A 2xx we cannot read may still be a created post.
            raise OutcomeUnknown("X answered without a post id", code="bad_response") from exc
        return Published(platform_post_id=post_id, url=self._post_url(tokens, post_id))

    def publish(self, tokens: TokenSet, variant: Variant) -> Published | Pending:
        kinds = [m.kind for m in variant.media]
        if len(kinds) > 4 or (len(kinds) > 1 and set(kinds) != {"image"}):
            raise Rejected("X allows up to 4 images, or 1 video, or 1 GIF per post", code="media")
        media_ids: list[str] = []
        waiting: list[str] = []
        poll_after = 1.0
        for item in variant.media:
            data = (
                self._upload_image(tokens, item)
                if item.kind == "image"
                else self._upload_chunked(tokens, item)
            )
            media_ids.append(str(data["id"]))
            info = data.get("processing_info") or {}
            if info.get("state") == "failed":
                raise Rejected("X could not process the media", code="media_failed")
            if info and info.get("state") != "succeeded":
                waiting.append(str(data["id"]))
                poll_after = max(poll_after, float(info.get("check_after_secs") or 1))
        body = self._post_body(variant, media_ids)
        if waiting:
            return Pending(ref={"body": body, "waiting": waiting}, poll_after=poll_after)
        return self._create(tokens, body)

    def check(self, tokens: TokenSet, ref: dict[str, Any]) -> Published | Pending:
        """Poll media processing; create the post once every attachment has succeeded."""
        waiting: list[str] = []
        poll_after = 1.0
        for media_id in ref["waiting"]:
            info = self._media_status(tokens, media_id)
            if info.get("state") != "succeeded":
                waiting.append(media_id)
                poll_after = max(poll_after, float(info.get("check_after_secs") or 1))
        if waiting:
            return Pending(ref={**ref, "waiting": waiting}, poll_after=poll_after)
        return self._create(tokens, ref["body"])

    # ---- threads and the first reply
    def follow_up(self, tokens: TokenSet, item: FollowUp) -> Published | Pending:
        """A thread part or the first reply: a post answering `parent_id`, media and all."""
        variant = Variant(text=item.text, media=item.media, options={"reply_to": item.parent_id})
        return self.publish(tokens, variant)

    def find_follow_up(self, tokens: TokenSet, item: FollowUp) -> Published | None:
        """Our reply to `parent_id`, if it exists: the account's posts newer than the parent
        (X ids grow with time) that answer it with this text."""
        uid = self._user_id(tokens)
        params = {
            "max_results": "100",
            "since_id": item.parent_id,
            "tweet.fields": "referenced_tweets,created_at",
        }
        for _ in range(5):
            body = self.http.request(
                "GET",
                self._api(f"/2/users/{uid}/tweets"),
                params=params,
                headers=self._auth(tokens),
                classify=classify,
            ).json()
            for post in body.get("data") or []:
                answers = any(
                    ref.get("type") == "replied_to" and str(ref.get("id")) == item.parent_id
                    # spec v2.167 calls it referenced_posts; the docs referenced_tweets
                    for ref in post.get("referenced_tweets") or post.get("referenced_posts") or []
                )
                if answers and (
                    same_text(item.text, post.get("text", "")) or not item.text.strip()
                ):
                    found = str(post["id"])
                    return Published(platform_post_id=found, url=self._post_url(tokens, found))
            token = (body.get("meta") or {}).get("next_token")
            if not token:
                return None
            params["pagination_token"] = token
        return None

    def find_recent(self, tokens: TokenSet, since: datetime) -> list[RecentPost]:
        """The account's own posts created at or after `since` (newest first, up to 5 pages)."""
        uid = self._user_id(tokens)
        start = since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        params: dict[str, str] = {
            "max_results": "100",
            "start_time": start,
            "tweet.fields": "created_at",
            "exclude": "retweets",
        }
        found: list[RecentPost] = []
        for _ in range(5):
            body = self.http.request(
                "GET",
                self._api(f"/2/users/{uid}/tweets"),
                params=params,
                headers=self._auth(tokens),
                classify=classify,
            ).json()
            for post in body.get("data") or []:
                created = post.get("created_at")
                found.append(
                    RecentPost(
                        platform_post_id=str(post["id"]),
                        url=self._post_url(tokens, str(post["id"])),
                        text=post.get("text", ""),
                        created_at=(
                            datetime.fromisoformat(created.replace("Z", "+00:00"))
                            if created
                            else None
                        ),
                    )
                )
            token = (body.get("meta") or {}).get("next_token")
            if not token:
                break
            params["pagination_token"] = token
        return found

    # ---- analytics
    def follower_count(self, tokens: TokenSet) -> int | None:
        metrics = self._me(tokens, "public_metrics").get("public_metrics") or {}
        count = metrics.get("followers_count")
        return int(count) if count is not None else None

    def post_metrics(self, tokens: TokenSet, ids: list[str]) -> list[PostMetrics]:
        """public_metrics per post; repost_count (v2.167) or retweet_count (older) both count."""
        out: list[PostMetrics] = []
        for start in range(0, len(ids), 100):
            batch = ids[start : start + 100]
            body = self.http.request(
                "GET",
                self._api("/2/tweets"),
                params={"ids": ",".join(batch), "tweet.fields": "public_metrics"},
                headers=self._auth(tokens),
                classify=classify,
            ).json()
            for post in body.get("data") or []:
                m = post.get("public_metrics") or {}
                reposts = m.get("repost_count", m.get("retweet_count"))
                shares = None if reposts is None else int(reposts) + int(m.get("quote_count") or 0)
                out.append(
                    PostMetrics(
                        platform_post_id=str(post["id"]),
                        impressions=m.get("impression_count"),
                        likes=m.get("like_count"),
                        comments=m.get("reply_count"),
                        shares=shares,
                        clicks=None,  # only in non_public_metrics, for posts <= 30 days old
                        raw=m,
                    )
                )
        return out
