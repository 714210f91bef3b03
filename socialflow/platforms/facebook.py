"""Facebook Pages through the Graph API: Facebook Login, Page tokens, feed/photos/videos.

The connected account is a Page. `TokenSet.access_token` is the long-lived user token (used only
to list Pages and renew); every Page call uses the Page token in `extra["page_access_token"]`,
which does not expire when it was taken from a long-lived user token.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from socialflow.platforms.base import (
    AuthExpired,
    Capabilities,
    Disconnected,
    FollowUp,
    Identity,
    OutcomeUnknown,
    Pending,
    PlatformError,
    PostMetrics,
    Published,
    RecentPost,
    Rejected,
    TokenSet,
    Variant,
    same_text,
)
from socialflow.platforms.meta import MetaConnector, parse_graph_time

PAGE_FIELDS = "id,name,username,access_token,picture.type(large),tasks"
POST_FIELDS = "id,message,created_time,permalink_url"
# Current per-post metrics (the post_impressions* family errors since mid-2026).
POST_METRICS = ("post_total_media_view_unique", "post_reactions_by_type_total", "post_clicks")
LEGACY_POST_METRICS = ("post_impressions_unique", "post_reactions_by_type_total", "post_clicks")
# Preference order when several reach-like metrics come back.
VIEW_METRICS = (
    "post_total_media_view_unique",
    "post_media_view",
    "post_impressions_unique",
    "post_impressions",
)
VIDEO_POLL_SECONDS = 10.0


class FacebookConnector(MetaConnector):
    """Publishes to a Facebook Page the user manages."""

    platform = "facebook"
    display_name = "Facebook"
    capabilities = Capabilities(
        requires_media=False,
        max_images=10,
        max_videos=1,
        mixed_media=False,
        async_media=True,
        supports_find_recent=True,
        supports_first_comment=True,
        pkce=False,
    )
    scopes = (
        "pages_show_list",
        "business_management",
        "pages_manage_posts",
        "pages_manage_engagement",
        "pages_read_engagement",
        "read_insights",
        "publish_video",
    )
    required_scopes = ("pages_show_list", "pages_manage_posts", "pages_read_engagement")

    # ------------------------------------------------------------------ OAuth

    def exchange_code(self, code: str, code_verifier: str) -> TokenSet:
        """Code -> long-lived user token -> the first Page the user can post to."""
        user_token, user_expires = self.long_lived_user_token(code)
        scope = self.check_grants(user_token)
        pages = self.list_pages(user_token)
        page = pages[0]
        return TokenSet(
            access_token=user_token,
            # We act with the Page token, which does not expire; the user token's own expiry
            # is kept in extra for `refresh()`.
            expires_at=None,
            scope=scope,
            extra=self._page_extra(page, pages, user_expires),
        )

    def list_pages(self, user_token: str) -> list[dict[str, Any]]:
        """Pages the user can create content on, with their Page tokens."""
        pages = self.all_pages(user_token, PAGE_FIELDS)
        usable = [
            p
            for p in pages
            if p.get("id")
            and p.get("access_token")
            and ("tasks" not in p or "CREATE_CONTENT" in (p.get("tasks") or []))
        ]
        if not usable:
            raise Rejected(
                "Facebook: no Page found that you can post to. Create a Page or ask for a role "
                "that can create content, then connect again.",
                code="no_pages",
            )
        return usable

    @staticmethod
    def _page_extra(
        page: dict[str, Any], pages: list[dict[str, Any]], user_expires: datetime | None
    ) -> dict[str, Any]:
        return {
            "page_id": str(page["id"]),
            "page_access_token": str(page["access_token"]),
            "page_name": page.get("name"),
            "pages": [{"id": str(p["id"]), "name": p.get("name")} for p in pages],
            "user_token_expires_at": user_expires.isoformat() if user_expires else None,
        }

    def select_page(self, tokens: TokenSet, page_id: str) -> tuple[TokenSet, Identity]:
        """Switch the connected account to another Page the user manages."""
        pages = self.list_pages(tokens.access_token)
        page = next((p for p in pages if str(p["id"]) == str(page_id)), None)
        if page is None:
            raise Rejected("Facebook: you cannot post to that Page", code="no_such_page")
        user_expires = parse_graph_time(tokens.extra.get("user_token_expires_at"))
        new = TokenSet(
            access_token=tokens.access_token,
            refresh_token=tokens.refresh_token,
            expires_at=None,
            scope=tokens.scope,
            extra=self._page_extra(page, pages, user_expires),
        )
        return new, self.identity(new)

    def refresh(self, tokens: TokenSet) -> TokenSet:
        """Renew the user token and re-read the Page token; keep a still-valid Page token."""
        page_id = str(tokens.extra.get("page_id") or "")
        try:
            user_token, user_expires = self.renew_user_token(tokens.access_token)
        except Disconnected:
            # The user token is gone, but a Page token from a long-lived one never expires.
            if page_id and self._page_token_works(tokens):
                return tokens
            raise
        pages = self.list_pages(user_token)
        page = next((p for p in pages if str(p["id"]) == page_id), None)
        if page is None:
            raise Disconnected(
                "Facebook: you no longer manage the connected Page; please reconnect",
                code="page_lost",
            )
        return TokenSet(
            access_token=user_token,
            expires_at=None,
            scope=tokens.scope,
            extra=self._page_extra(page, pages, user_expires),
        )

    def _page_token_works(self, tokens: TokenSet) -> bool:
        try:
            self.call(
                "GET", "me", str(tokens.extra.get("page_access_token")), params={"fields": "id"}
            )
        except (AuthExpired, Disconnected):
            return False
        return True

    def _page(self, tokens: TokenSet) -> tuple[str, str]:
        """The connected Page's id and token (looked up when an older token set lacks them)."""
        page_id = tokens.extra.get("page_id")
        page_token = tokens.extra.get("page_access_token")
        if page_id and page_token:
            return str(page_id), str(page_token)
        pages = self.list_pages(tokens.access_token)
        chosen = next((p for p in pages if page_id and str(p["id"]) == str(page_id)), pages[0])
        return str(chosen["id"]), str(chosen["access_token"])

    def identity(self, tokens: TokenSet) -> Identity:
        """The connected Page, with every manageable Page listed in extra["pages"]."""
        page_id, page_token = self._page(tokens)
        page = self.call(
            "GET",
            page_id,
            page_token,
            params={"fields": "id,name,username,picture.type(large),followers_count,fan_count"},
        )
        pages = tokens.extra.get("pages") or [{"id": page_id, "name": page.get("name")}]
        return Identity(
            platform_user_id=str(page.get("id") or page_id),
            username=page.get("username"),
            display_name=page.get("name"),
            avatar_url=((page.get("picture") or {}).get("data") or {}).get("url"),
            follower_count=_followers(page),
            extra={"page_id": page_id, "page_access_token": page_token, "pages": pages},
        )

    # ------------------------------------------------------------------ publishing

    def publish(self, tokens: TokenSet, variant: Variant) -> Published | Pending:
        """Text/link to /feed, photos to /photos (+ attached_media), a video to /videos."""
        page_id, page_token = self._page(tokens)
        images = [m for m in variant.media if m.kind in ("image", "gif")]
        videos = [m for m in variant.media if m.kind == "video"]
        if videos and images:
            raise Rejected("Facebook: a post has either photos or one video", code="mixed_media")
        if len(videos) > 1:
            raise Rejected("Facebook: only one video per post", code="too_many_videos")
        if len(images) > self.capabilities.max_images:
            raise Rejected("Facebook: at most 10 photos per post", code="too_many_images")
        if videos:
            return self._publish_video(page_id, page_token, variant)
        if len(images) == 1:
            return self._publish_photo(page_id, page_token, variant)
        body: dict[str, Any] = {"message": variant.text, "published": True}
        link = variant.options.get("link")
        if link:
            body["link"] = str(link)
        if images:
            # Unpublished photos are invisible until attached, so retrying them is harmless.
            photo_ids = [
                self._upload_photo(page_id, page_token, item.url, item.alt_text) for item in images
            ]
            body["attached_media"] = [{"media_fbid": pid} for pid in photo_ids]
        result = self.call(
            "POST",
            f"{page_id}/feed",
            page_token,
            params={"fields": "id,permalink_url"},
            json_body=body,
            unsafe=True,
        )
        post_id = str(result.get("id") or "")
        if not post_id:
            raise Rejected("Facebook accepted the post but returned no id", code="no_id")
        return Published(
            post_id, result.get("permalink_url") or self._permalink(page_token, post_id)
        )

    def _upload_photo(self, page_id: str, token: str, url: str, alt: str | None) -> str:
        body: dict[str, Any] = {"url": url, "published": False}
        if alt:
            body["alt_text_custom"] = alt
        result = self.call("POST", f"{page_id}/photos", token, json_body=body)
        photo_id = str(result.get("id") or "")
        if not photo_id:
            raise Rejected("Facebook did not accept the photo", code="photo_failed")
        return photo_id

    def _publish_photo(self, page_id: str, token: str, variant: Variant) -> Published:
        item = variant.media[0]
        body: dict[str, Any] = {"url": item.url, "message": variant.text, "published": True}
        if item.alt_text:
            body["alt_text_custom"] = item.alt_text
        result = self.call("POST", f"{page_id}/photos", token, json_body=body, unsafe=True)
        post_id = str(result.get("post_id") or "")
        if not post_id:
            photo_id = str(result.get("id") or "")
            if not photo_id:
                raise Rejected("Facebook accepted the photo but returned no id", code="no_id")
            post_id = f"{page_id}_{photo_id}"
        return Published(post_id, self._permalink(token, post_id))

    def _publish_video(self, page_id: str, token: str, variant: Variant) -> Pending:
        item = variant.media[0]
        body: dict[str, Any] = {
            "file_url": item.url,
            "description": variant.text,
            "published": True,
        }
        if variant.title:
            body["title"] = variant.title
        result = self.call("POST", f"{page_id}/videos", token, json_body=body, unsafe=True)
        video_id = str(result.get("id") or "")
        if not video_id:
            raise Rejected("Facebook accepted the video but returned no id", code="no_id")
        # Facebook fetches and encodes the file before the post appears.
        return Pending(
            {"kind": "video", "page_id": page_id, "video_id": video_id}, VIDEO_POLL_SECONDS
        )

    def check(self, tokens: TokenSet, ref: dict[str, Any]) -> Published | Pending:
        """Poll a video until Facebook has processed and published it."""
        if ref.get("kind") != "video":
            raise Rejected("Facebook: unknown pending reference", code="bad_ref")
        page_id, token = self._page(tokens)
        video_id = str(ref["video_id"])
        video = self.call(
            "GET", video_id, token, params={"fields": "id,status,permalink_url,post_id"}
        )
        status = video.get("status") or {}
        state = str(status.get("video_status") or "")
        if state == "error":
            raise Rejected(
                f"Facebook could not process the video: {_video_error(status)}", code="video_error"
            )
        publishing = (status.get("publishing_phase") or {}).get("status")
        if state != "ready" or publishing not in (None, "complete"):
            return Pending(ref, VIDEO_POLL_SECONDS)
        post_id = str(video.get("post_id") or video_id)
        full_id = post_id if "_" in post_id else f"{ref.get('page_id') or page_id}_{post_id}"
        return Published(full_id, _absolute(video.get("permalink_url")))

    def _permalink(self, token: str, post_id: str) -> str | None:
        # The post exists already: a failing lookup must not turn success into an error.
        try:
            body = self.call("GET", post_id, token, params={"fields": "permalink_url"})
        except PlatformError:
            return None
        return _absolute(body.get("permalink_url"))

    # ------------------------------------------------------------------ the first comment

    def follow_up(self, tokens: TokenSet, item: FollowUp) -> Published | Pending:
        """A comment as the Page under its post (`pages_manage_engagement`)."""
        _, token = self._page(tokens)
        try:
            body = self.call(
                "POST",
                f"{item.parent_id}/comments",
                token,
                data={"message": item.text, "fields": "id,permalink_url"},
                unsafe=True,
            )
        except (Rejected, Disconnected) as exc:
            message = exc.message
            if isinstance(exc, Disconnected) or (exc.code or "").startswith("2"):
                message += (
                    " Socialflow may not comment as this Page yet: reconnect it on the "
                    "Platforms page and allow it to manage engagement."
                )
            raise Rejected(message, code=exc.code or "comment_refused") from exc
        comment_id = str(body.get("id") or "")
        if not comment_id:
            raise OutcomeUnknown("Facebook answered the comment without its id", code="no_id")
        link = _absolute(body.get("permalink_url")) or self._permalink(token, comment_id)
        return Published(comment_id, link)

    def find_follow_up(self, tokens: TokenSet, item: FollowUp) -> Published | None:
        """The Page's comment under the post, if it is there (its answer was lost)."""
        page_id, token = self._page(tokens)
        params = {
            "fields": "id,message,from,permalink_url",
            "order": "reverse_chronological",
            "filter": "stream",
            "limit": 100,
        }
        for c in self.paged(f"{item.parent_id}/comments", token, params, max_pages=3):
            if str((c.get("from") or {}).get("id")) == page_id and same_text(
                item.text, str(c.get("message") or "")
            ):
                return Published(str(c["id"]), _absolute(c.get("permalink_url")))
        return None

    def find_recent(self, tokens: TokenSet, since: datetime) -> list[RecentPost]:
        """Page posts since `since`, plus videos still being processed (not yet in the feed)."""
        page_id, token = self._page(tokens)
        params = {"fields": POST_FIELDS, "since": self.unix(since), "limit": 100}
        found: dict[str, RecentPost] = {}
        for post in self.paged(f"{page_id}/published_posts", token, params):
            created = parse_graph_time(post.get("created_time"))
            if created and created < since:
                continue
            found[str(post["id"])] = RecentPost(
                str(post["id"]),
                _absolute(post.get("permalink_url")),
                post.get("message") or "",
                created,
            )
        video_params = {
            "fields": "id,description,created_time,permalink_url,post_id",
            "since": self.unix(since),
            "limit": 50,
        }
        for video in self.paged(f"{page_id}/videos", token, video_params, max_pages=2):
            created = parse_graph_time(video.get("created_time"))
            if created and created < since:
                continue
            post_id = str(video.get("post_id") or video["id"])
            full_id = post_id if "_" in post_id else f"{page_id}_{post_id}"
            found.setdefault(
                full_id,
                RecentPost(
                    full_id,
                    _absolute(video.get("permalink_url")),
                    video.get("description") or "",
                    created,
                ),
            )
        return sorted(found.values(), key=lambda p: p.created_at or since, reverse=True)

    # ------------------------------------------------------------------ analytics

    def follower_count(self, tokens: TokenSet) -> int | None:
        page_id, token = self._page(tokens)
        page = self.call("GET", page_id, token, params={"fields": "followers_count,fan_count"})
        return _followers(page)

    def post_metrics(self, tokens: TokenSet, ids: list[str]) -> list[PostMetrics]:
        """Media views, reactions and clicks from insights; comments/shares from the post."""
        _, token = self._page(tokens)
        results: list[PostMetrics] = []
        for post_id in ids:
            try:
                insights = self._insights(token, post_id)
                counts = self.call(
                    "GET",
                    post_id,
                    token,
                    params={
                        "fields": "shares,comments.summary(true).limit(0),"
                        "reactions.summary(true).limit(0)"
                    },
                )
            except Rejected:
                # Deleted or inaccessible post: skip it, keep the others.
                continue
            results.append(map_post_metrics(post_id, insights, counts))
        return results

    def _insights(self, token: str, post_id: str) -> list[dict[str, Any]]:
        try:
            body = self.call(
                "GET", f"{post_id}/insights", token, params={"metric": ",".join(POST_METRICS)}
            )
        except Rejected as exc:
            if exc.code != "100":  # only "invalid metric" (no subcode) means an older version
                raise
            # An older Graph version that does not know the media-view metrics yet.
            body = self.call(
                "GET",
                f"{post_id}/insights",
                token,
                params={"metric": ",".join(LEGACY_POST_METRICS)},
            )
        return [m for m in body.get("data") or [] if isinstance(m, dict)]


def map_post_metrics(
    post_id: str, insights: list[dict[str, Any]], counts: dict[str, Any]
) -> PostMetrics:
    """Graph insights (current or renamed metric names) and engagement counts -> PostMetrics."""
    values: dict[str, Any] = {}
    for metric in insights:
        points = metric.get("values") or []
        if metric.get("name") and points and isinstance(points[-1], dict):
            values[str(metric["name"])] = points[-1].get("value")
    impressions = next((_total(values[n]) for n in VIEW_METRICS if n in values), None)
    likes = (
        _total(values["post_reactions_by_type_total"])
        if "post_reactions_by_type_total" in values
        else None
    )
    if likes is None:
        likes = _summary(counts.get("reactions"))
    clicks = None
    if "post_clicks" in values:
        clicks = _total(values["post_clicks"])
    elif "post_clicks_by_type" in values:
        clicks = _total(values["post_clicks_by_type"])
    # Graph leaves `shares` out entirely when nobody shared.
    shares_field = counts.get("shares")
    shares = int(shares_field.get("count") or 0) if isinstance(shares_field, dict) else 0
    return PostMetrics(
        platform_post_id=post_id,
        impressions=impressions,
        likes=likes,
        comments=_summary(counts.get("comments")),
        shares=shares,
        clicks=clicks,
        raw={"insights": values, "counts": {k: v for k, v in counts.items() if k != "id"}},
    )


def _total(value: Any) -> int | None:
    """A metric value: a number, or a breakdown object (by type, paid/organic) to sum."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value)
    if isinstance(value, dict):
        return sum(_total(v) or 0 for v in value.values())
    return None


def _summary(edge: Any) -> int | None:
    if isinstance(edge, dict) and isinstance(edge.get("summary"), dict):
        count = edge["summary"].get("total_count")
        return int(count) if count is not None else None
    return None


def _followers(page: dict[str, Any]) -> int | None:
    for key in ("followers_count", "fan_count"):
        if page.get(key) is not None:
            return int(page[key])
    return None


def _absolute(url: Any) -> str | None:
    # Video permalinks come back relative ("/{page}/videos/{id}/").
    if not isinstance(url, str) or not url:
        return None
    return f"https://www.facebook.com{url}" if url.startswith("/") else url


def _video_error(status: dict[str, Any]) -> str:
    for phase in ("uploading_phase", "processing_phase", "publishing_phase"):
        errors = (status.get(phase) or {}).get("errors") or []
        if errors and isinstance(errors[0], dict):
            return str(errors[0].get("message") or "unknown error")
    return "unknown error"
