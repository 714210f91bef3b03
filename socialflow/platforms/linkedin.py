"""LinkedIn connector: OAuth 2.0 (3-legged), OpenID userinfo, versioned Posts/Images/Videos APIs."""

from __future__ import annotations

import json
import logging
import re
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
    retry_after,
)

RESERVED = set("\\|{}@[]()<>#*_~")
URL_RE = re.compile(r"https?://\S+")
HASHTAG_RE = re.compile(r"#\w+")


# (api_base, refused version) -> the version LinkedIn accepted instead (after a 426).
_WORKING_VERSION: dict[tuple[str, str], str] = {}
log = logging.getLogger("socialflow.platforms.linkedin")


def _month(year: int, month: int, back: int) -> str:
    index = year * 12 + (month - 1) - back
    return f"{index // 12:04d}{index % 12 + 1:02d}"


def version_for(now: datetime | None = None) -> str:
    """The month before last as YYYYMM: surely released, and a year from its sunset."""
    now = now or datetime.now(UTC)
    return _month(now.year, now.month, 2)


def fallback_versions(refused: str, now: datetime | None = None) -> list[str]:
    """Versions to try after `refused` got 426, the likeliest first (newest served ones)."""
    now = now or datetime.now(UTC)
    candidates = [_month(now.year, now.month, back) for back in (2, 1, 3, 4, 6)]
    return [v for v in candidates if v != refused]


def little_escape(text: str) -> str:
    """Escape LinkedIn "little"-format reserved characters so the text shows as written.

    URLs stay untouched (so they still link) and `#word` stays a hashtag; anything else that is
    reserved gets a backslash, or LinkedIn silently cuts the post at that character.
    """
    out: list[str] = []
    i = 0
    while i < len(text):
        m = URL_RE.match(text, i) or (HASHTAG_RE.match(text, i) if text[i] == "#" else None)
        if m:
            out.append(m.group(0))
            i = m.end()
        else:
            out.append("\\" + text[i] if text[i] in RESERVED else text[i])
            i += 1
    return "".join(out)


def little_unescape(text: str) -> str:
    """Commentary as a reader sees it (backslash escapes removed)."""
    return re.sub(r"\\([\\|{}@\[\]()<>#*_~])", r"\1", text)


def next_midnight_utc() -> datetime:
    """LinkedIn's daily member/application quotas reset at midnight UTC."""
    now = datetime.now(UTC)
    return datetime(now.year, now.month, now.day, tzinfo=UTC) + timedelta(days=1)


def classify(response: httpx.Response) -> PlatformError | None:
    """Map LinkedIn's `{status, serviceErrorCode, code, message}` errors onto connector errors."""
    status = response.status_code
    try:
        body = response.json()
    except (json.JSONDecodeError, ValueError):
        body = {}
    body = body if isinstance(body, dict) else {}
    code = str(body.get("code") or "")
    message = "LinkedIn: " + (str(body.get("message") or "").strip() or error_text(response))
    inputs = [
        str(e.get("code"))
        for e in (body.get("errorDetails") or {}).get("inputErrors") or []
        if isinstance(e, dict)
    ]
    if status == 401:
        if code == "REVOKED_ACCESS_TOKEN" or body.get("serviceErrorCode") == 65601:
            return Disconnected(message, status=status, code="revoked")
        return AuthExpired(message, status=status, code=code or "unauthorized")
    if status == 429:
        reset = (
            retry_after(response.headers)
            if "retry-after" in response.headers
            else next_midnight_utc()
        )
        return RateLimited(message, reset_at=reset, code=code or "throttled")
    if status >= 500:
        return Transient(message, status=status, code=code or "server_error")
    if "DUPLICATE_POST" in inputs:
        return Rejected(message, status=status, code="duplicate")
    return Rejected(
        message, status=status, code=code or (inputs[0] if inputs else f"http_{status}")
    )


def _token_error(response: httpx.Response, refreshing: bool) -> PlatformError | None:
    if response.status_code >= 500 or response.status_code == 429:
        return classify(response)
    message = "LinkedIn: " + error_text(response)
    if refreshing and response.status_code in (400, 401):
        return Disconnected(message, status=response.status_code, code="invalid_grant")
    return Rejected(message, status=response.status_code, code="oauth_error")


def _parts(item: MediaItem, ranges: list[tuple[int, int]]) -> Iterator[bytes]:
    """Cut a media stream into the byte ranges LinkedIn's upload instructions ask for."""
    if item.open is None:
        raise Rejected("this media file cannot be read for upload", code="media_unreadable")
    stream = item.open()
    buffer = bytearray()
    for first, last in ranges:
        need = last - first + 1
        while len(buffer) < need:
            piece = next(stream, None)
            if piece is None:
                raise Rejected(
                    "the media file is shorter than its declared size", code="media_size"
                )
            buffer.extend(piece)
        yield bytes(buffer[:need])
        del buffer[:need]


class LinkedInConnector(Connector):
    """LinkedIn member posting (w_member_social) through the versioned /rest APIs."""

    platform = "linkedin"
    display_name = "LinkedIn"
    capabilities = Capabilities(
        requires_media=False,
        max_images=20,
        max_videos=1,
        mixed_media=False,
        supports_threads=False,
        async_media=True,
        supports_find_recent=True,
        pkce=False,
    )
    scopes = ("openid", "profile", "w_member_social")

    # ---- URLs and headers
    def _api(self, path: str) -> str:
        return f"{self.config.api_base}{path}"

    def _oauth(self, path: str) -> str:
        # The token endpoint lives on www.linkedin.com, like the consent page.
        return f"{self.config.token_base or self.config.auth_base}{path}"

    def _requested_scopes(self) -> tuple[str, ...]:
        """r_member_social (restricted) lists posts and reads metrics; asked only if granted."""
        read = self.config.options.get("linkedin_member_read", self.config.sandbox)
        return (*self.scopes, "r_member_social") if read else self.scopes

    def version(self, now: datetime | None = None) -> str:
        """The LinkedIn-Version to send: the one found to work after a 426, else
        LINKEDIN_VERSION if set, else the month before last (LinkedIn serves each monthly
        version for about a year, and a new one from its month on)."""
        pinned = self.config.options.get("linkedin_version")
        wanted = str(pinned) if pinned else version_for(now)
        return _WORKING_VERSION.get((self.config.api_base, wanted), wanted)

    def _headers(self, tokens: TokenSet, version: str | None = None) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {tokens.access_token}",
            "LinkedIn-Version": version or self.version(),
            "X-Restli-Protocol-Version": "2.0.0",
        }

    def _rest(self, tokens: TokenSet, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """A versioned call; on 426 NONEXISTENT_VERSION (a sunset or unknown version) step to
        a version LinkedIn serves and remember it for this process (issue 18 #5)."""
        extra = kwargs.pop("headers", None) or {}
        tried = self.version()
        try:
            return self.http.request(
                method, url, headers={**self._headers(tokens, tried), **extra}, **kwargs
            )
        except Rejected as exc:
            if exc.status != 426:
                raise
            last = exc
        for candidate in fallback_versions(tried):
            try:
                response = self.http.request(
                    method, url, headers={**self._headers(tokens, candidate), **extra}, **kwargs
                )
            except Rejected as exc:
                if exc.status != 426:
                    raise
                last = exc
                continue
            _WORKING_VERSION[(self.config.api_base, tried)] = candidate
            log.warning(
                "LinkedIn refused version %s (sunset); using %s from now on: update "
                "LINKEDIN_VERSION (or leave it unset to follow the date)",
                tried,
                candidate,
            )
            return response
        raise last

    # ---- OAuth
    def authorization_url(self, state: str, code_challenge: str) -> str:
        """The consent URL; LinkedIn web apps use no PKCE, so the challenge is not sent."""
        params = {
            "response_type": "code",
            "client_id": self.config.client_id,
            "redirect_uri": self.config.redirect_uri,
            "state": state,
            "scope": " ".join(self._requested_scopes()),
        }
        return (
            f"{self.config.auth_base}/oauth/v2/authorization?{urlencode(params, quote_via=quote)}"
        )

    def _token_request(self, form: dict[str, str], refreshing: bool) -> TokenSet:
        form = {
            **form,
            "client_id": self.config.client_id,
            "client_secret": self.config.client_secret,
        }
        body = self.http.request(
            "POST",
            self._oauth("/oauth/v2/accessToken"),
            data=form,
            classify=lambda r: _token_error(r, refreshing),
        ).json()
        return TokenSet(
            access_token=body["access_token"],
            refresh_token=body.get("refresh_token"),
            expires_at=TokenSet.expiry_from(body.get("expires_in")),
            refresh_expires_at=TokenSet.expiry_from(body.get("refresh_token_expires_in")),
            scope=body.get("scope"),
        )

    def exchange_code(self, code: str, code_verifier: str) -> TokenSet:
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.config.redirect_uri,
        }
        return self._token_request(form, refreshing=False)

    def refresh(self, tokens: TokenSet) -> TokenSet:
        """Only MDP partner apps get refresh tokens; without one the member must reconnect."""
        if not tokens.refresh_token:
            raise Disconnected(
                "LinkedIn access expired and this app gets no refresh tokens; reconnect",
                code="no_refresh",
            )
        fresh = self._token_request(
            {"grant_type": "refresh_token", "refresh_token": tokens.refresh_token}, refreshing=True
        )
        fresh.refresh_token = fresh.refresh_token or tokens.refresh_token
        fresh.extra = dict(tokens.extra)
        return fresh

    def identity(self, tokens: TokenSet) -> Identity:
        info = self.http.request(
            "GET",
            self._api("/v2/userinfo"),
            headers={"Authorization": f"Bearer {tokens.access_token}"},
            classify=classify,
        ).json()
        sub = str(info["sub"])
        name = info.get("name") or " ".join(
            part for part in (info.get("given_name"), info.get("family_name")) if part
        )
        return Identity(
            platform_user_id=sub,
            # LinkedIn has no public @handle here, and the e-mail (only with the `email`
            # scope, which we do not ask) is not a name to show: the member's name is.
            username=None,
            display_name=name or None,
            avatar_url=info.get("picture"),
            follower_count=None,  # member follower counts need restricted partner APIs
            extra={"person_urn": f"urn:li:person:{sub}"},
        )

    def _author(self, tokens: TokenSet) -> str:
        urn = tokens.extra.get("person_urn")
        if not urn:
            urn = self.identity(tokens).extra["person_urn"]
            tokens.extra["person_urn"] = urn
        return str(urn)

    def _post_url(self, urn: str) -> str:
        return f"{self.config.auth_base}/feed/update/{urn}"

    # ---- media
    def _upload_image(self, tokens: TokenSet, author: str, item: MediaItem) -> str:
        init = self._rest(
            tokens,
            "POST",
            self._api("/rest/images"),
            params={"action": "initializeUpload"},
            json={"initializeUploadRequest": {"owner": author}},
            classify=classify,
        ).json()["value"]
        # One PUT with the whole file: repeated PUTs overwrite each other.
        self.http.request(
            "PUT",
            init["uploadUrl"],
            headers={
                "Authorization": f"Bearer {tokens.access_token}",
                "Content-Type": "application/octet-stream",
            },
            content=item.read_all(),
            classify=classify,
        )
        return str(init["image"])

    def _upload_video(self, tokens: TokenSet, author: str, item: MediaItem) -> str:
        init = self._rest(
            tokens,
            "POST",
            self._api("/rest/videos"),
            params={"action": "initializeUpload"},
            json={
                "initializeUploadRequest": {
                    "owner": author,
                    "fileSizeBytes": item.size_bytes,
                    "uploadCaptions": False,
                    "uploadThumbnail": False,
                }
            },
            classify=classify,
        ).json()["value"]
        instructions = init["uploadInstructions"]
        ranges = [(int(i["firstByte"]), int(i["lastByte"])) for i in instructions]
        etags: list[str] = []
        for step, chunk in zip(instructions, _parts(item, ranges), strict=True):
            response = self.http.request(
                "PUT",
                step["uploadUrl"],
                headers={
                    "Authorization": f"Bearer {tokens.access_token}",
                    "Content-Type": "application/octet-stream",
                },
                content=chunk,
                classify=classify,
            )
            etags.append(response.headers.get("etag", ""))
        self._rest(
            tokens,
            "POST",
            self._api("/rest/videos"),
            params={"action": "finalizeUpload"},
            json={
                "finalizeUploadRequest": {
                    "video": init["video"],
                    "uploadToken": init.get("uploadToken", ""),
                    "uploadedPartIds": etags,
                }
            },
            classify=classify,
        )
        return str(init["video"])

    def _asset_status(self, tokens: TokenSet, urn: str) -> str:
        kind = "videos" if ":video:" in urn else "images"
        body = self._rest(
            tokens,
            "GET",
            self._api(f"/rest/{kind}/{quote(urn, safe='')}"),
            classify=classify,
        ).json()
        status = str(body.get("status", ""))
        if status == "PROCESSING_FAILED":
            reason = body.get("processingFailureReason") or "processing failed"
            raise Rejected(f"LinkedIn could not process the media: {reason}", code="media_failed")
        return status

    # ---- publishing
    def _post_body(
        self, author: str, variant: Variant, media: list[tuple[str, MediaItem]]
    ) -> dict[str, Any]:
        body: dict[str, Any] = {
            "author": author,
            "commentary": little_escape(variant.text),
            "visibility": variant.options.get("visibility", "PUBLIC"),
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": [],
            },
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        if len(media) == 1:
            urn, item = media[0]
            ref: dict[str, Any] = {"id": urn}
            if item.kind == "video" and variant.title:
                ref["title"] = variant.title
            if item.kind != "video" and item.alt_text:
                ref["altText"] = item.alt_text
            body["content"] = {"media": ref}
        elif media:
            images = [
                {"id": urn, **({"altText": item.alt_text} if item.alt_text else {})}
                for urn, item in media
            ]
            body["content"] = {"multiImage": {"images": images}}
        return body

    def _create(self, tokens: TokenSet, body: dict[str, Any]) -> Published:
        response = self._rest(
            tokens,
            "POST",
            self._api("/rest/posts"),
            json=body,
            unsafe=True,
            classify=classify,
        )
        urn = response.headers.get("x-restli-id")
        if not urn:
            # Created (2xx) but we cannot name it: let the reconciler find it.
            raise OutcomeUnknown("LinkedIn answered without the post URN", code="bad_response")
        return Published(platform_post_id=urn, url=self._post_url(urn))

    def publish(self, tokens: TokenSet, variant: Variant) -> Published | Pending:
        kinds = [m.kind for m in variant.media]
        if "video" in kinds and len(kinds) > 1:
            raise Rejected("LinkedIn takes one video, or 1-20 images, per post", code="media")
        if len(kinds) > 20:
            raise Rejected("LinkedIn takes at most 20 images per post", code="media")
        author = self._author(tokens)
        media = [
            (
                self._upload_video(tokens, author, item)
                if item.kind == "video"
                else self._upload_image(tokens, author, item),
                item,
            )
            for item in variant.media
        ]
        body = self._post_body(author, variant, media)
        waiting = [urn for urn, _ in media if self._asset_status(tokens, urn) != "AVAILABLE"]
        if waiting:
            return Pending(ref={"body": body, "waiting": waiting}, poll_after=5.0)
        return self._create(tokens, body)

    def check(self, tokens: TokenSet, ref: dict[str, Any]) -> Published | Pending:
        """Poll assets until AVAILABLE (attaching earlier fails), then create the post."""
        waiting = [urn for urn in ref["waiting"] if self._asset_status(tokens, urn) != "AVAILABLE"]
        if waiting:
            return Pending(ref={**ref, "waiting": waiting}, poll_after=5.0)
        return self._create(tokens, ref["body"])

    def find_recent(self, tokens: TokenSet, since: datetime) -> list[RecentPost]:
        """The member's posts since `since` (needs r_member_social, else LinkedIn says 403)."""
        author = self._author(tokens)
        cutoff = since.timestamp() * 1000
        found: list[RecentPost] = []
        for start in range(0, 200, 50):
            query = (
                f"q=author&author={quote(author, safe='')}&count=50&start={start}&sortBy=CREATED"
            )
            body = self._rest(
                tokens,
                "GET",
                self._api(f"/rest/posts?{query}"),
                classify=classify,
            ).json()
            elements = body.get("elements") or []
            for post in elements:
                created = post.get("createdAt") or post.get("publishedAt")
                if created is not None and created < cutoff:
                    continue
                found.append(
                    RecentPost(
                        platform_post_id=str(post["id"]),
                        url=self._post_url(str(post["id"])),
                        text=little_unescape(str(post.get("commentary", ""))),
                        created_at=datetime.fromtimestamp(created / 1000, UTC) if created else None,
                    )
                )
            oldest = min((p.get("createdAt") or 0 for p in elements), default=0)
            if len(elements) < 50 or oldest < cutoff:
                break
        return found

    # ---- analytics
    def follower_count(self, tokens: TokenSet) -> int | None:
        """None: LinkedIn gives member follower counts only to restricted partner products."""
        return None

    def post_metrics(self, tokens: TokenSet, ids: list[str]) -> list[PostMetrics]:
        """Likes and comments (socialActions); member impressions/shares/clicks aren't offered."""
        out: list[PostMetrics] = []
        for urn in ids:
            try:
                body = self._rest(
                    tokens,
                    "GET",
                    self._api(f"/rest/socialActions/{quote(urn, safe='')}"),
                    classify=classify,
                ).json()
            except Rejected as exc:
                if exc.status == 404:
                    continue  # deleted on LinkedIn: nothing to report
                raise
            likes = body.get("likesSummary") or {}
            comments = body.get("commentsSummary") or {}
            like_count = likes.get("aggregatedTotalLikes", likes.get("totalLikes"))
            comment_count = comments.get(
                "aggregatedTotalComments", comments.get("totalFirstLevelComments")
            )
            out.append(
                PostMetrics(
                    platform_post_id=urn,
                    likes=like_count,
                    comments=comment_count,
                    raw={"likesSummary": likes, "commentsSummary": comments},
                )
            )
        return out
