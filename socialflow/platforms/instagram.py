"""Instagram professional accounts through the Graph API, connected two ways.

1. Facebook Login for Business (graph.facebook.com): the Instagram account is the one linked to
   a Facebook Page the user manages. `TokenSet.access_token` is the long-lived Facebook user
   token (about 60 days, no refresh token).
2. Business Login for Instagram (graph.instagram.com, `InstagramLoginConnector`): any
   professional account, no Facebook Page needed. The token is an Instagram User token (60
   days), renewed with `refresh_access_token` once it is at least 24 hours old;
   `extra["login"] == "instagram"` marks such an account, and `InstagramConnector` hands its
   calls to the login connector, so every caller keeps using the one "instagram" connector.

Publishing is the same on both hosts: Meta's three steps, create a media container (Meta
fetches our media URL), wait for `status_code` FINISHED, then `media_publish`.
`extra["ig_user_id"]` says which account.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar, Concatenate, ParamSpec, TypeVar
from urllib.parse import urlencode

import httpx

from socialflow.platforms.base import (
    AuthExpired,
    Capabilities,
    ConnectorConfig,
    Disconnected,
    FollowUp,
    Identity,
    MediaItem,
    OutcomeUnknown,
    Pending,
    PlatformError,
    PostMetrics,
    Published,
    RecentPost,
    Rejected,
    TokenSet,
    Transient,
    Variant,
    same_text,
)
from socialflow.platforms.meta import MetaConnector, graph_error, parse_graph_time

PROFILE_FIELDS = "id,username,name,profile_picture_url,followers_count,media_count"
MEDIA_METRICS = ("views", "reach", "likes", "comments", "shares", "saved")
# Older names Meta renamed to `views` (deprecated for all versions since 21 Apr 2025).
LEGACY_MEDIA_METRICS = ("impressions", "reach", "likes", "comments", "shares", "saved")
VIEW_METRICS = ("views", "impressions", "plays", "video_views")
CONTAINER_POLL_SECONDS = 15.0
MAX_CAROUSEL = 10
NOT_READY_SUBCODE = 2207027  # "Media ID is not available": the container is not ready yet
INSTAGRAM_LOGIN = "instagram"  # tokens.extra["login"] of an account connected by Instagram login
CONNECT_METHODS = ("facebook_login", "instagram_login")
P = ParamSpec("P")
R = TypeVar("R")


def login_aware(
    fn: Callable[Concatenate[InstagramConnector, TokenSet, P], R],
) -> Callable[Concatenate[InstagramConnector, TokenSet, P], R]:
    """Calls for an account connected by Instagram login go to graph.instagram.com."""

    @functools.wraps(fn)
    def wrapper(
        self: InstagramConnector, tokens: TokenSet, /, *args: P.args, **kwargs: P.kwargs
    ) -> R:
        if tokens.extra.get("login") == INSTAGRAM_LOGIN and not self.instagram_login:
            target: Callable[..., R] = getattr(self.login_connector(), fn.__name__)
            return target(tokens, *args, **kwargs)
        return fn(self, tokens, *args, **kwargs)

    return wrapper


class InstagramConnector(MetaConnector):
    """Publishes to the Instagram professional account linked to the user's Facebook Page."""

    platform = "instagram"
    display_name = "Instagram"
    capabilities = Capabilities(
        requires_media=True,
        max_images=MAX_CAROUSEL,
        max_videos=MAX_CAROUSEL,
        mixed_media=True,
        async_media=True,
        supports_find_recent=True,
        supports_first_comment=True,
        pkce=False,
    )
    scopes: ClassVar[tuple[str, ...]] = (
        "instagram_basic",
        "instagram_content_publish",
        "instagram_manage_comments",  # the first comment
        "instagram_manage_insights",
        "pages_show_list",
        "pages_read_engagement",
        "business_management",
    )
    required_scopes: ClassVar[tuple[str, ...]] = (
        "instagram_basic",
        "instagram_content_publish",
        "pages_show_list",
    )
    instagram_login = False  # this connector speaks graph.facebook.com with Facebook Login

    def __init__(self, config: ConnectorConfig, client: httpx.Client | None = None):
        super().__init__(config, client)
        self._login: InstagramLoginConnector | None = None

    def login_connector(self) -> InstagramLoginConnector:
        """The same account's API through Business Login for Instagram (graph.instagram.com)."""
        if self._login is None:
            raw = self.config.options.get("instagram_login")
            if not raw:
                raise Rejected(
                    "Instagram login is not set up on this server: the operator must set "
                    "INSTAGRAM_LOGIN_CLIENT_ID and INSTAGRAM_LOGIN_CLIENT_SECRET.",
                    code="platform_not_configured",
                )
            config = ConnectorConfig(
                platform=self.platform,
                client_id=str(raw["client_id"]),
                client_secret=str(raw["client_secret"]),
                redirect_uri=self.config.redirect_uri,
                api_base=str(raw["api_base"]),
                auth_base=str(raw["auth_base"]),
                token_base=str(raw["token_base"]),
                sandbox=bool(raw["sandbox"]),
                timeout_seconds=self.config.timeout_seconds,
                options=self.config.options,
            )
            self._login = InstagramLoginConnector(config, self.http.client)
        return self._login

    def for_method(self, method: str | None) -> InstagramConnector:
        """The connector of a connect method: Facebook Login (default) or Instagram login."""
        if method in (None, "facebook_login"):
            return self
        if method == "instagram_login":
            return self.login_connector()
        raise Rejected(f"Instagram has no connect method {method!r}", code="unknown_method")

    # ------------------------------------------------------------------ OAuth

    def exchange_code(self, code: str, code_verifier: str) -> TokenSet:
        """Code -> long-lived user token -> the first Page-linked Instagram account."""
        user_token, expires_at = self.long_lived_user_token(code)
        scope = self.check_grants(user_token)
        accounts = self.linked_accounts(user_token)
        return TokenSet(
            access_token=user_token,
            expires_at=expires_at,
            scope=scope,
            extra={**_account_extra(accounts[0]), "accounts": accounts},
        )

    def linked_accounts(self, user_token: str) -> list[dict[str, Any]]:
        """Instagram professional accounts linked to the user's Pages."""
        pages = self.all_pages(user_token, "id,name,instagram_business_account{id,username}")
        accounts = [
            {
                "ig_user_id": str(p["instagram_business_account"]["id"]),
                "username": p["instagram_business_account"].get("username"),
                "page_id": str(p["id"]),
                "page_name": p.get("name"),
            }
            for p in pages
            if isinstance(p.get("instagram_business_account"), dict)
            and p["instagram_business_account"].get("id")
        ]
        if not accounts:
            raise Rejected(
                "Instagram: no professional (Business or Creator) account is linked to your "
                "Facebook Pages. Switch the Instagram account to professional and link it to a "
                "Page, then connect again.",
                code="no_business_account",
            )
        return accounts

    @login_aware
    def select_account(self, tokens: TokenSet, ig_user_id: str) -> tuple[TokenSet, Identity]:
        """Switch to another linked Instagram account."""
        accounts = self.linked_accounts(tokens.access_token)
        chosen = next((a for a in accounts if a["ig_user_id"] == str(ig_user_id)), None)
        if chosen is None:
            raise Rejected(
                "Instagram: that account is not linked to your Pages", code="no_such_account"
            )
        new = TokenSet(
            access_token=tokens.access_token,
            expires_at=tokens.expires_at,
            scope=tokens.scope,
            extra={**_account_extra(chosen), "accounts": accounts},
        )
        return new, self.identity(new)

    @login_aware
    def refresh(self, tokens: TokenSet) -> TokenSet:
        """Re-exchange the long-lived user token; Disconnected once Meta refuses."""
        user_token, expires_at = self.renew_user_token(tokens.access_token)
        return TokenSet(
            access_token=user_token,
            expires_at=expires_at,
            scope=tokens.scope,
            extra=dict(tokens.extra),
        )

    @login_aware
    def revoke(self, tokens: TokenSet) -> None:
        super().revoke(tokens)

    def _ig_user(self, tokens: TokenSet) -> str:
        ig_user_id = tokens.extra.get("ig_user_id")
        if ig_user_id:
            return str(ig_user_id)
        return str(self.linked_accounts(tokens.access_token)[0]["ig_user_id"])

    @login_aware
    def identity(self, tokens: TokenSet) -> Identity:
        ig_user_id = self._ig_user(tokens)
        profile = self.call(
            "GET", ig_user_id, tokens.access_token, params={"fields": PROFILE_FIELDS}
        )
        followers = profile.get("followers_count")
        return Identity(
            platform_user_id=str(profile.get("id") or ig_user_id),
            username=profile.get("username"),
            display_name=profile.get("name") or profile.get("username"),
            avatar_url=profile.get("profile_picture_url"),
            follower_count=int(followers) if followers is not None else None,
            extra={
                "ig_user_id": ig_user_id,
                "page_id": tokens.extra.get("page_id"),
                "accounts": tokens.extra.get("accounts") or [],
            },
        )

    # ------------------------------------------------------------------ publishing

    @login_aware
    def publish(self, tokens: TokenSet, variant: Variant) -> Published | Pending:
        """Create the container(s), then publish at once if ready or hand back Pending."""
        media = variant.media
        if not media:
            raise Rejected("Instagram posts need a photo or a video", code="media_required")
        if len(media) > MAX_CAROUSEL:
            raise Rejected("Instagram: at most 10 items in a carousel", code="too_many_media")
        ig_user_id = self._ig_user(tokens)
        token = tokens.access_token
        kind = variant.options.get("media_type")
        if kind == "story":
            fields = self._story_fields(media)
        elif kind == "reel" or (len(media) == 1 and media[0].kind == "video"):
            fields = self._reel_fields(media, variant)
        elif len(media) == 1:
            fields = self._item_fields(media[0], carousel_item=False)
            fields["caption"] = variant.text
        else:
            children = [
                self._create_container(ig_user_id, token, self._item_fields(m, carousel_item=True))
                for m in media
            ]
            # Meta refuses a carousel whose children are not FINISHED (videos take a while):
            # the parent is made once they are, from `check` (issue 18 #8).
            ref = {"ig_user_id": ig_user_id, "children": children, "caption": variant.text}
            return self.check(tokens, ref)
        container_id = self._create_container(ig_user_id, token, fields)
        return self.check(tokens, {"ig_user_id": ig_user_id, "container_id": container_id})

    def _carousel_parent(self, tokens: TokenSet, ref: dict[str, Any]) -> dict[str, Any] | None:
        """The carousel's own container once every child is FINISHED (None: not yet)."""
        token = tokens.access_token
        for child in ref["children"]:
            body = self.call("GET", str(child), token, params={"fields": "id,status_code,status"})
            state = str(body.get("status_code") or "")
            if state in ("ERROR", "EXPIRED"):
                detail = body.get("status") or state.lower()
                raise Rejected(
                    f"Instagram could not process a carousel item: {detail}",
                    code=f"container_{state.lower()}",
                )
            if state != "FINISHED":
                return None
        fields = {
            "media_type": "CAROUSEL",
            "children": ",".join(str(c) for c in ref["children"]),
            "caption": str(ref.get("caption") or ""),
        }
        try:
            container_id = self._create_container(str(ref["ig_user_id"]), token, fields)
        except Rejected as exc:
            if (exc.code or "").endswith(f"/{NOT_READY_SUBCODE}"):
                return None  # a child was reported finished a moment too early
            raise
        return {"ig_user_id": ref["ig_user_id"], "container_id": container_id}

    @staticmethod
    def _story_fields(media: list[MediaItem]) -> dict[str, str]:
        """A Story: one image or video, no caption (Stories show none)."""
        if len(media) != 1:
            raise Rejected("An Instagram Story is one image or one video", code="story_media")
        item = media[0]
        key = "video_url" if item.kind == "video" else "image_url"
        return {"media_type": "STORIES", key: item.url}

    @staticmethod
    def _reel_fields(media: list[MediaItem], variant: Variant) -> dict[str, str]:
        """A Reel: one video, its caption, and its cover (an image, or a frame of the video),
        shown in the feed too unless share_to_feed is false."""
        if len(media) != 1 or media[0].kind != "video":
            raise Rejected("An Instagram Reel is one video", code="reel_media")
        fields = {"media_type": "REELS", "video_url": media[0].url, "caption": variant.text}
        options = variant.options
        if options.get("share_to_feed") is not None:
            fields["share_to_feed"] = "true" if options["share_to_feed"] else "false"
        cover = variant.attachments.get("cover")
        if cover is not None:
            fields["cover_url"] = cover.url
        elif options.get("thumb_offset_ms") is not None:
            fields["thumb_offset"] = str(int(options["thumb_offset_ms"]))
        return fields

    @staticmethod
    def _item_fields(item: MediaItem, *, carousel_item: bool) -> dict[str, str]:
        if item.kind == "video":
            # Feed videos are Reels since July 2023; carousel children stay VIDEO.
            fields = {"media_type": "VIDEO" if carousel_item else "REELS", "video_url": item.url}
        else:
            fields = {"image_url": item.url}
            if item.alt_text and not carousel_item:
                fields["alt_text"] = item.alt_text
        if carousel_item:
            fields["is_carousel_item"] = "true"
        return fields

    def _create_container(self, ig_user_id: str, token: str, fields: dict[str, str]) -> str:
        # A container is not a post: creating another one after a timeout is harmless.
        body = self.call("POST", f"{ig_user_id}/media", token, data=fields)
        container_id = str(body.get("id") or "")
        if not container_id:
            raise Rejected("Instagram did not create a media container", code="no_container")
        return container_id

    @login_aware
    def check(self, tokens: TokenSet, ref: dict[str, Any]) -> Published | Pending:
        """Poll the container (a carousel's children first); publish it once FINISHED."""
        if "children" in ref:
            parent = self._carousel_parent(tokens, ref)
            if parent is None:
                return Pending(ref, CONTAINER_POLL_SECONDS)
            ref = parent
        container_id = str(ref["container_id"])
        ig_user_id = str(ref.get("ig_user_id") or self._ig_user(tokens))
        token = tokens.access_token
        container = self.call(
            "GET", container_id, token, params={"fields": "id,status_code,status"}
        )
        state = str(container.get("status_code") or "")
        if state == "IN_PROGRESS":
            return Pending(ref, CONTAINER_POLL_SECONDS)
        if state in ("ERROR", "EXPIRED"):
            detail = container.get("status") or state.lower()
            raise Rejected(
                f"Instagram could not process the media: {detail}",
                code=f"container_{state.lower()}",
            )
        if state == "PUBLISHED":
            # An earlier media_publish went through unanswered: let reconciliation find it.
            raise OutcomeUnknown(
                "Instagram: this container was already published", code="published"
            )
        if state != "FINISHED":
            return Pending(ref, CONTAINER_POLL_SECONDS)
        try:
            result = self.call(
                "POST",
                f"{ig_user_id}/media_publish",
                token,
                data={"creation_id": container_id},
                unsafe=True,
            )
        except Rejected as exc:
            if (exc.code or "").endswith(f"/{NOT_READY_SUBCODE}"):
                # Processing finished a moment later than the status said: poll again.
                return Pending(ref, CONTAINER_POLL_SECONDS)
            raise
        media_id = str(result.get("id") or "")
        if not media_id:
            raise Rejected("Instagram published but returned no media id", code="no_id")
        return Published(media_id, self._permalink(token, media_id))

    def _permalink(self, token: str, media_id: str) -> str | None:
        # The media id is not the shortcode; the link must be read back, and a failing read
        # must not turn a published post into an error.
        try:
            body = self.call("GET", media_id, token, params={"fields": "permalink"})
        except PlatformError:
            return None
        return body.get("permalink")

    # ------------------------------------------------------------------ the first comment

    @login_aware
    def follow_up(self, tokens: TokenSet, item: FollowUp) -> Published | Pending:
        """A comment as the account under its media (`instagram_manage_comments`). Instagram
        gives a comment no link of its own: the link is the post's."""
        token = tokens.access_token
        try:
            body = self.call(
                "POST",
                f"{item.parent_id}/comments",
                token,
                data={"message": item.text},
                unsafe=True,
            )
        except (Rejected, Disconnected) as exc:
            raise Rejected(_comment_refusal(exc), code=exc.code or "comment_refused") from exc
        comment_id = str(body.get("id") or "")
        if not comment_id:
            raise OutcomeUnknown("Instagram answered the comment without its id", code="no_id")
        return Published(comment_id, self._permalink(token, item.parent_id))

    @login_aware
    def find_follow_up(self, tokens: TokenSet, item: FollowUp) -> Published | None:
        """Our comment under the media, if it is there (its answer was lost)."""
        token = tokens.access_token
        ours = str(tokens.extra.get("username") or "")
        params = {"fields": "id,text,username,timestamp", "limit": 50}
        for comment in self.paged(f"{item.parent_id}/comments", token, params, max_pages=4):
            if (not ours or comment.get("username") == ours) and same_text(
                item.text, str(comment.get("text") or "")
            ):
                return Published(str(comment["id"]), self._permalink(token, item.parent_id))
        return None

    @login_aware
    def publishing_quota(self, tokens: TokenSet) -> tuple[int, int]:
        """(posts used, posts allowed) in the rolling 24 h window."""
        body = self.call(
            "GET",
            f"{self._ig_user(tokens)}/content_publishing_limit",
            tokens.access_token,
            params={"fields": "config,quota_usage"},
        )
        entry = (body.get("data") or [{}])[0]
        total = ((entry.get("config") or {}).get("quota_total")) or 0
        return int(entry.get("quota_usage") or 0), int(total)

    @login_aware
    def find_recent(self, tokens: TokenSet, since: datetime) -> list[RecentPost]:
        """The account's media published since `since` (newest first)."""
        ig_user_id = self._ig_user(tokens)
        params = {
            "fields": "id,caption,timestamp,permalink",
            "since": self.unix(since),
            "limit": 50,
        }
        found: list[RecentPost] = []
        for media in self.paged(f"{ig_user_id}/media", tokens.access_token, params, max_pages=3):
            created = parse_graph_time(media.get("timestamp"))
            if created and created < since:
                continue
            found.append(
                RecentPost(
                    str(media["id"]), media.get("permalink"), media.get("caption") or "", created
                )
            )
        return found

    # ------------------------------------------------------------------ analytics

    @login_aware
    def follower_count(self, tokens: TokenSet) -> int | None:
        body = self.call(
            "GET", self._ig_user(tokens), tokens.access_token, params={"fields": "followers_count"}
        )
        count = body.get("followers_count")
        return int(count) if count is not None else None

    @login_aware
    def post_metrics(self, tokens: TokenSet, ids: list[str]) -> list[PostMetrics]:
        """views/likes/comments/shares/saved from media insights (no link clicks on Instagram)."""
        results: list[PostMetrics] = []
        for media_id in ids:
            try:
                data = self._insights(tokens.access_token, media_id)
            except Rejected as exc:
                if (exc.code or "").split("/")[0] == "10":
                    # "Not enough viewers": no numbers yet, which is not an error.
                    results.append(PostMetrics(media_id))
                continue
            results.append(map_media_metrics(media_id, data))
        return results

    def _insights(self, token: str, media_id: str) -> list[dict[str, Any]]:
        try:
            body = self.call(
                "GET", f"{media_id}/insights", token, params={"metric": ",".join(MEDIA_METRICS)}
            )
        except Rejected as exc:
            if exc.code != "100":  # only "invalid metric" (no subcode) means an older version
                raise
            # A Graph version from before the `views` rename.
            body = self.call(
                "GET",
                f"{media_id}/insights",
                token,
                params={"metric": ",".join(LEGACY_MEDIA_METRICS)},
            )
        return [m for m in body.get("data") or [] if isinstance(m, dict)]


def map_media_metrics(media_id: str, insights: list[dict[str, Any]]) -> PostMetrics:
    """Instagram media insights (current or renamed names) -> PostMetrics."""
    values: dict[str, int] = {}
    for metric in insights:
        name = metric.get("name")
        points = metric.get("values") or []
        value: Any = None
        if points and isinstance(points[-1], dict):
            value = points[-1].get("value")
        elif isinstance(metric.get("total_value"), dict):
            value = metric["total_value"].get("value")
        if name and isinstance(value, int | float) and not isinstance(value, bool):
            values[str(name)] = int(value)
    # An empty set means "no data yet", which is not zero.
    return PostMetrics(
        platform_post_id=media_id,
        impressions=next((values[n] for n in VIEW_METRICS if n in values), None),
        likes=values.get("likes"),
        comments=values.get("comments"),
        shares=values.get("shares"),
        clicks=None,
        raw=values,
    )


def _comment_refusal(exc: Rejected | Disconnected) -> str:
    """Why a first comment was refused, and what to do when it is a missing permission."""
    code = (exc.code or "").split("/")[0]
    if isinstance(exc, Disconnected) or code == "10" or code.startswith("2"):
        return (
            f"{exc.message} Socialflow may not comment for this account yet: reconnect it on "
            "the Platforms page and allow comments (instagram_manage_comments)."
        )
    return exc.message


def _account_extra(account: dict[str, Any]) -> dict[str, Any]:
    return {
        "ig_user_id": account["ig_user_id"],
        "page_id": account.get("page_id"),
        "username": account.get("username"),
    }


# --------------------------------------------------------------------------- Instagram login

LOGIN_SCOPES = (
    "instagram_business_basic",
    "instagram_business_content_publish",
    "instagram_business_manage_comments",  # the first comment
    "instagram_business_manage_insights",
)
PROFESSIONAL = ("BUSINESS", "MEDIA_CREATOR", "CREATOR")
LONG_LIVED = timedelta(days=60)
REFRESH_AFTER = timedelta(hours=24)  # a token younger than this cannot be refreshed


class InstagramLoginConnector(InstagramConnector):
    """Business Login for Instagram: a professional account without a Facebook Page.

    Consent on www.instagram.com with the `instagram_business_*` permissions (the old
    `business_*` names stopped working on 27 Jan 2025), the code exchanged on
    api.instagram.com for a 1-hour token, swapped on graph.instagram.com for a 60-day one
    (`ig_exchange_token`), renewed with `refresh_access_token`. Publishing, comments and
    insights: the same endpoints on graph.instagram.com.
    """

    scopes = LOGIN_SCOPES
    required_scopes = ("instagram_business_basic", "instagram_business_content_publish")
    instagram_login = True

    def login_connector(self) -> InstagramLoginConnector:
        return self

    def classify(self, response: httpx.Response) -> PlatformError | None:
        """Graph's `{"error": {...}}`, or api.instagram.com's flat OAuth error."""
        found = graph_error(self.platform, response)
        if found is not None:
            return found
        try:
            body = response.json()
        except (json.JSONDecodeError, ValueError):
            return None
        if isinstance(body, dict) and body.get("error_message"):
            message = f"Instagram: {str(body['error_message'])[:300]}"
            if response.status_code >= 500:
                return Transient(message, status=response.status_code)
            return Rejected(message, code=str(body.get("error_type") or "oauth"))
        return None

    # ------------------------------------------------------------------ OAuth

    def authorization_url(self, state: str, code_challenge: str) -> str:
        """Instagram's consent screen (no PKCE in this flow)."""
        query = urlencode(
            {
                "client_id": self.config.client_id,
                "redirect_uri": self.config.redirect_uri,
                "response_type": "code",
                "scope": ",".join(self.scopes),
                "state": state,
            }
        )
        return f"{self.config.auth_base}/oauth/authorize?{query}"

    def exchange_code(self, code: str, code_verifier: str) -> TokenSet:
        """Code -> 1-hour Instagram User token -> 60-day token, for the professional account."""
        response = self.http.request(
            "POST",
            f"{self.config.token_base or self.config.api_base}/oauth/access_token",
            classify=self.classify,
            data={
                "client_id": self.config.client_id,
                "client_secret": self.config.client_secret,
                "grant_type": "authorization_code",
                "redirect_uri": self.config.redirect_uri,
                "code": code.removesuffix("#_"),  # the redirect's fragment, if it came along
            },
        )
        body = response.json()
        if isinstance(body, dict) and isinstance(body.get("data"), list) and body["data"]:
            body = body["data"][0]  # some versions of the docs show the answer wrapped
        if not isinstance(body, dict) or not body.get("access_token"):
            raise Transient("Instagram returned no access token")
        permissions = body.get("permissions") or []
        if isinstance(permissions, str):
            permissions = [p for p in permissions.split(",") if p]
        granted = [str(p).strip() for p in permissions]
        missing = [s for s in self.required_scopes if s not in granted]
        if missing:
            raise Rejected(
                "Instagram: please allow these permissions when connecting: " + ", ".join(missing),
                code="missing_permissions",
            )
        token, expires_at = self._exchange_long(str(body["access_token"]))
        return TokenSet(
            access_token=token,
            expires_at=expires_at,
            scope=",".join(granted),
            extra={"login": INSTAGRAM_LOGIN, "ig_user_id": str(body.get("user_id") or "")},
        )

    def _graph_token(self, path: str, params: dict[str, str]) -> tuple[str, datetime | None]:
        response = self.http.request(
            "GET", f"{self.config.api_base}/{path}", classify=self.classify, params=params
        )
        body = response.json()
        if not isinstance(body, dict) or not body.get("access_token"):
            raise Transient("Instagram returned no access token")
        return str(body["access_token"]), TokenSet.expiry_from(body.get("expires_in"))

    def _exchange_long(self, short: str) -> tuple[str, datetime | None]:
        return self._graph_token(
            "access_token",
            {
                "grant_type": "ig_exchange_token",
                "client_secret": self.config.client_secret,
                "access_token": short,
            },
        )

    def refresh(self, tokens: TokenSet) -> TokenSet:
        """`refresh_access_token`: a new 60-day token. Instagram renews only a token at least
        24 hours old and not expired: a younger one is kept as it is; an expired or refused
        one means a new login (Disconnected)."""
        now = datetime.now(UTC)
        if tokens.expires_at is not None and tokens.expires_at - now > LONG_LIVED - REFRESH_AFTER:
            return tokens  # issued less than a day ago: nothing to renew yet
        try:
            token, expires_at = self._graph_token(
                "refresh_access_token",
                {"grant_type": "ig_refresh_token", "access_token": tokens.access_token},
            )
        except (AuthExpired, Disconnected, Rejected) as exc:
            raise Disconnected(
                "Instagram access has expired; please reconnect the account",
                code=exc.code,
            ) from exc
        return TokenSet(
            access_token=token, expires_at=expires_at, scope=tokens.scope, extra=dict(tokens.extra)
        )

    def identity(self, tokens: TokenSet) -> Identity:
        """The professional account behind the token; a personal account is refused."""
        me = self.call(
            "GET",
            "me",
            tokens.access_token,
            params={
                "fields": "user_id,username,name,profile_picture_url,account_type,"
                "followers_count,media_count"
            },
        )
        kind = str(me.get("account_type") or "")
        if kind and kind not in PROFESSIONAL:
            raise Rejected(
                "Instagram: this is a personal account. Switch it to a professional (Business "
                "or Creator) account in the Instagram app, then connect again.",
                code="not_professional",
            )
        ig_user_id = str(me.get("user_id") or me.get("id") or tokens.extra.get("ig_user_id"))
        followers = me.get("followers_count")
        return Identity(
            platform_user_id=ig_user_id,
            username=me.get("username"),
            display_name=me.get("name") or me.get("username"),
            avatar_url=me.get("profile_picture_url"),
            follower_count=int(followers) if followers is not None else None,
            extra={
                "login": INSTAGRAM_LOGIN,
                "ig_user_id": ig_user_id,
                "username": me.get("username"),
            },
        )

    def select_account(self, tokens: TokenSet, ig_user_id: str) -> tuple[TokenSet, Identity]:
        raise Rejected(
            "Instagram: an Instagram login connects one account; log in as the other account "
            "to connect it too.",
            code="no_such_account",
        )

    def linked_accounts(self, user_token: str) -> list[dict[str, Any]]:
        return []

    def _ig_user(self, tokens: TokenSet) -> str:
        ig_user_id = tokens.extra.get("ig_user_id")
        if not ig_user_id:
            ig_user_id = self.identity(tokens).platform_user_id
        return str(ig_user_id)

    def revoke(self, tokens: TokenSet) -> None:
        """Instagram login has no revoke endpoint: the user removes the app in Instagram."""
        return
