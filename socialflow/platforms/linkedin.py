"""LinkedIn connector: OAuth 2.0 (3-legged), OpenID userinfo, versioned Posts/Images/Videos APIs."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote, unquote, urlencode

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
    retry_after,
    same_text,
)

RESERVED = set("\\|{}@[]()<>#*_~")
# Posting, reading and measuring as a LinkedIn Page (Community Management API, granted to
# approved apps): asked when `linkedin_organizations` is on (always in the sandbox).
ORG_SCOPES = ("w_organization_social", "r_organization_social", "rw_organization_admin")
POSTING_ROLES = ("ADMINISTRATOR", "CONTENT_ADMINISTRATOR", "DIRECT_SPONSORED_CONTENT_POSTER")
ORG_PREFIX = "urn:li:organization:"
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
        supports_first_comment=True,
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
        pages = self.config.options.get("linkedin_organizations", self.config.sandbox)
        return (
            *self.scopes,
            *(("r_member_social",) if read else ()),
            *(ORG_SCOPES if pages else ()),
        )

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
        """The member's tokens, with the member and the Pages they may post for (the choices
        of one login: the profile, and each Page as an account of its own)."""
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.config.redirect_uri,
        }
        tokens = self._token_request(form, refreshing=False)
        member = self._member(tokens)
        tokens.extra = {**member.extra, "organizations": self.organizations(tokens)}
        return tokens

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
        """The member, or the Page these tokens post as (`extra["author_urn"]`)."""
        author = str(tokens.extra.get("author_urn") or "")
        if author.startswith(ORG_PREFIX):
            return self._organization_identity(tokens, author)
        return self._member(tokens)

    def _member(self, tokens: TokenSet) -> Identity:
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
            extra={
                "person_urn": f"urn:li:person:{sub}",
                "author_urn": f"urn:li:person:{sub}",
                "member_sub": sub,
                "member_name": name or None,
            },
        )

    def _author(self, tokens: TokenSet) -> str:
        """Who posts: a Page (`urn:li:organization:…`) or the member."""
        urn = tokens.extra.get("author_urn") or tokens.extra.get("person_urn")
        if not urn:
            urn = self._member(tokens).extra["person_urn"]
            tokens.extra["person_urn"] = urn
        return str(urn)

    # ---- Pages (organisations)
    def organizations(self, tokens: TokenSet) -> list[dict[str, Any]]:
        """The Pages the member may post for (approved posting roles), with their names;
        [] when the Page scopes were not granted."""
        if "w_organization_social" not in str(tokens.scope or ""):
            return []
        try:
            acls = self._rest(
                tokens,
                "GET",
                self._api("/rest/organizationAcls?q=roleAssignee&state=APPROVED"),
                classify=classify,
            ).json()
        except Rejected as exc:
            log.warning("LinkedIn: the member's Pages could not be listed: %s", exc.message)
            return []
        pages = []
        for acl in acls.get("elements") or []:
            urn = str(acl.get("organization") or "")
            if not urn.startswith(ORG_PREFIX) or acl.get("role") not in POSTING_ROLES:
                continue
            org = self._organization(tokens, urn)
            pages.append({**org, "role": acl.get("role")})
        return pages

    def _organization(self, tokens: TokenSet, urn: str) -> dict[str, Any]:
        body = self._rest(
            tokens,
            "GET",
            self._api(f"/rest/organizations/{urn.removeprefix(ORG_PREFIX)}"),
            classify=classify,
        ).json()
        logo = body.get("logoV2") or {}
        return {
            "id": urn,
            "name": body.get("localizedName") or urn,
            "vanity": body.get("vanityName"),
            "logo": logo.get("original") if isinstance(logo, dict) else None,
        }

    def _organization_identity(self, tokens: TokenSet, urn: str) -> Identity:
        org = self._organization(tokens, urn)
        return Identity(
            platform_user_id=urn,
            username=org.get("vanity"),
            display_name=org.get("name"),
            avatar_url=org.get("logo"),
            follower_count=self._page_followers(tokens, urn),
            extra={"author_urn": urn, "organization_name": org.get("name")},
        )

    def select_page(self, tokens: TokenSet, choice_id: str) -> tuple[TokenSet, Identity]:
        """Post as one of the member's Pages (its URN), or as the member (their id)."""
        member_sub = str(tokens.extra.get("member_sub") or "")
        if not member_sub:
            member = self._member(tokens)
            member_sub = member.platform_user_id
            tokens.extra.update(member.extra)
        pages = self.organizations(tokens)
        extra = {k: v for k, v in tokens.extra.items() if k != "organization_name"}
        extra["organizations"] = pages
        if choice_id == member_sub:
            extra["author_urn"] = f"urn:li:person:{member_sub}"
        elif any(p["id"] == choice_id for p in pages):
            extra["author_urn"] = choice_id
        else:
            raise Rejected(
                "LinkedIn: you are not an administrator of that Page", code="not_page_admin"
            )
        chosen = TokenSet(
            access_token=tokens.access_token,
            refresh_token=tokens.refresh_token,
            expires_at=tokens.expires_at,
            refresh_expires_at=tokens.refresh_expires_at,
            scope=tokens.scope,
            extra=extra,
        )
        identity = self.identity(chosen)
        chosen.extra.update(identity.extra)
        return chosen, identity

    def _still_posts_for(self, tokens: TokenSet, urn: str) -> bool:
        return any(p["id"] == urn for p in self.organizations(tokens))

    def _page_followers(self, tokens: TokenSet, urn: str) -> int | None:
        try:
            body = self._rest(
                tokens,
                "GET",
                self._api(
                    f"/rest/networkSizes/{quote(urn, safe='')}?edgeType=COMPANY_FOLLOWED_BY_MEMBER"
                ),
                classify=classify,
            ).json()
        except Rejected:
            return None
        size = body.get("firstDegreeSize")
        return int(size) if size is not None else None

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
        try:
            response = self._rest(
                tokens,
                "POST",
                self._api("/rest/posts"),
                json=body,
                unsafe=True,
                classify=classify,
            )
        except Rejected as exc:
            author = str(body.get("author") or "")
            if exc.status == 403 and author.startswith(ORG_PREFIX):
                self._page_role_lost(tokens, author, exc)
            raise
        urn = response.headers.get("x-restli-id")
        if not urn:
            # Created (2xx) but we cannot name it: let the reconciler find it.
            raise OutcomeUnknown("LinkedIn answered without the post URN", code="bad_response")
        return Published(platform_post_id=urn, url=self._post_url(urn))

    def _page_role_lost(self, tokens: TokenSet, urn: str, exc: Rejected) -> None:
        """A 403 posting as a Page the member no longer administers: the account must be
        reconnected (or removed); any other 403 stays a refusal of this post."""
        try:
            still = self._still_posts_for(tokens, urn)
        except PlatformError:
            return
        if not still:
            name = tokens.extra.get("organization_name") or urn
            raise Disconnected(
                f"LinkedIn: you are no longer an administrator of the Page {name}, so "
                "Socialflow cannot post as it. Ask a Page admin to give you a posting role, "
                "then reconnect this account on the Platforms page (or remove it).",
                status=403,
                code="page_role_lost",
            ) from exc

    def publish(self, tokens: TokenSet, variant: Variant) -> Published | Pending:
        kinds = [m.kind for m in variant.media]
        if "video" in kinds and len(kinds) > 1:
            raise Rejected("LinkedIn takes one video, or 1-20 images, per post", code="media")
        if len(kinds) > 20:
            raise Rejected("LinkedIn takes at most 20 images per post", code="media")
        author = self._author(tokens)
        try:
            media = [
                (
                    self._upload_video(tokens, author, item)
                    if item.kind == "video"
                    else self._upload_image(tokens, author, item),
                    item,
                )
                for item in variant.media
            ]
        except Rejected as exc:
            if exc.status == 403 and author.startswith(ORG_PREFIX):
                self._page_role_lost(tokens, author, exc)
            raise
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

    # ---- the first comment
    def _comment_url(self, post_urn: str, comment_urn: str) -> str:
        return f"{self._post_url(post_urn)}?commentUrn={quote(comment_urn, safe='')}"

    def follow_up(self, tokens: TokenSet, item: FollowUp) -> Published | Pending:
        """A comment under the post, as its author (the member or the Page)."""
        author = self._author(tokens)
        response = self._rest(
            tokens,
            "POST",
            self._api(f"/rest/socialActions/{quote(item.parent_id, safe='')}/comments"),
            json={
                "actor": author,
                "object": item.parent_id,
                "message": {"text": little_escape(item.text)},
            },
            unsafe=True,
            classify=classify,
        )
        raw = response.headers.get("x-restli-id") or ""
        try:
            urn = str(response.json().get("commentUrn") or "") or unquote(raw)
        except ValueError:
            urn = unquote(raw)
        if not urn:
            raise OutcomeUnknown("LinkedIn answered the comment without its URN", code="no_id")
        return Published(urn, self._comment_url(item.parent_id, urn))

    def find_follow_up(self, tokens: TokenSet, item: FollowUp) -> Published | None:
        """Our comment under the post, if it is there (needs a read scope: r_member_social or
        r_organization_social; without one LinkedIn says 403 and the user is asked)."""
        author = self._author(tokens)
        body = self._rest(
            tokens,
            "GET",
            self._api(f"/rest/socialActions/{quote(item.parent_id, safe='')}/comments"),
            classify=classify,
        ).json()
        for c in body.get("elements") or []:
            text = little_unescape(str((c.get("message") or {}).get("text") or ""))
            if c.get("actor") == author and same_text(item.text, text):
                urn = str(c.get("commentUrn") or c.get("$URN") or c.get("id"))
                return Published(urn, self._comment_url(item.parent_id, urn))
        return None

    # ---- analytics
    def follower_count(self, tokens: TokenSet) -> int | None:
        """A Page's followers (networkSizes); None for a member (LinkedIn gives member
        follower counts only to restricted partner products)."""
        author = self._author(tokens)
        if author.startswith(ORG_PREFIX):
            return self._page_followers(tokens, author)
        return None

    def post_metrics(self, tokens: TokenSet, ids: list[str]) -> list[PostMetrics]:
        """A Page's posts: impressions, clicks, likes, comments, shares (share statistics);
        a member's: likes and comments (socialActions), the rest is not offered."""
        author = self._author(tokens)
        if author.startswith(ORG_PREFIX):
            return self._page_post_metrics(tokens, author, ids)
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

    def _page_post_metrics(self, tokens: TokenSet, org: str, ids: list[str]) -> list[PostMetrics]:
        out: list[PostMetrics] = []
        for start in range(0, len(ids), 20):
            batch = ids[start : start + 20]
            shares = [u for u in batch if u.startswith("urn:li:share:")]
            ugc = [u for u in batch if not u.startswith("urn:li:share:")]
            query = f"q=organizationalEntity&organizationalEntity={quote(org, safe='')}"
            for name, urns in (("shares", shares), ("ugcPosts", ugc)):
                if urns:
                    listed = ",".join(quote(u, safe="") for u in urns)
                    query += f"&{name}=List({listed})"
            body = self._rest(
                tokens,
                "GET",
                self._api(f"/rest/organizationalEntityShareStatistics?{query}"),
                classify=classify,
            ).json()
            for element in body.get("elements") or []:
                stats = element.get("totalShareStatistics") or {}
                out.append(
                    PostMetrics(
                        platform_post_id=str(element.get("share") or element.get("ugcPost")),
                        impressions=stats.get("impressionCount"),
                        likes=stats.get("likeCount"),
                        comments=stats.get("commentCount"),
                        shares=stats.get("shareCount"),
                        clicks=stats.get("clickCount"),
                        raw=stats,
                    )
                )
        return out
