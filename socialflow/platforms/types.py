"""The data connectors exchange with the rest of Socialflow, and the errors they raise.

Kept apart from the connector interface (`base.py`) so that modules the interface uses, such as
`text.py`, can share these types without importing the interface back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

# --------------------------------------------------------------------------- errors


class PlatformError(Exception):
    """Base of every error a connector raises; `message` is safe to show to the user."""

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status


class AuthExpired(PlatformError):
    """The access token is expired or invalid: refresh once, then retry."""


class Disconnected(PlatformError):
    """The user revoked the app or the account is gone: needs a new OAuth consent."""


class RateLimited(PlatformError):
    """Too many requests; `reset_at` says when the platform will accept the next one."""

    def __init__(self, message: str, *, reset_at: datetime, code: str | None = None):
        super().__init__(message, code=code, status=429)
        self.reset_at = reset_at


class Transient(PlatformError):
    """A temporary failure where the request certainly did not take effect: retry with backoff."""


class OutcomeUnknown(PlatformError):
    """The request went out and no answer came back: it may or may not have taken effect.

    Never retried blindly; the reconciler asks the platform: by `ref` with `check(tokens,
    ref)` when the platform had already named the post (e.g. TikTok's publish_id), else by
    listing recent posts (`find_recent`).
    """

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        status: int | None = None,
        ref: dict[str, Any] | None = None,
    ):
        super().__init__(message, code=code, status=status)
        self.ref = ref


class Rejected(PlatformError):
    """A permanent refusal (bad content, duplicate, policy); its message goes to the user."""


# --------------------------------------------------------------------------- data


@dataclass(slots=True)
class TokenSet:
    access_token: str
    refresh_token: str | None = None
    expires_at: datetime | None = None
    refresh_expires_at: datetime | None = None
    scope: str | None = None
    # Platform-specific identifiers needed to act (page id + page token, IG user id, person URN).
    extra: dict[str, Any] = field(default_factory=dict)

    @staticmethod
    def expiry_from(expires_in: Any, now: datetime | None = None) -> datetime | None:
        """Turn an `expires_in` seconds field into an absolute UTC time."""
        if expires_in in (None, "", 0):
            return None
        return (now or datetime.now(UTC)) + timedelta(seconds=int(expires_in))


@dataclass(slots=True)
class Identity:
    platform_user_id: str
    username: str | None
    display_name: str | None
    avatar_url: str | None = None
    follower_count: int | None = None
    # e.g. Facebook: {"page_id", "page_access_token"}; Instagram: {"ig_user_id"}
    extra: dict[str, Any] = field(default_factory=dict)


MediaKind = Literal["image", "video", "gif"]


@dataclass(slots=True)
class MediaItem:
    """A media file owned by Socialflow, reachable by the connector in two ways."""

    kind: MediaKind
    mime_type: str
    size_bytes: int
    url: str  # a URL the platform can fetch (pull-style APIs: Instagram, TikTok PULL, Facebook)
    open: Callable[[], Iterator[bytes]] | None = None  # streams the bytes (push-style uploads)
    width: int | None = None
    height: int | None = None
    duration_seconds: float | None = None
    alt_text: str | None = None

    def read_all(self) -> bytes:
        if self.open is None:
            raise Rejected("this media file cannot be read for upload", code="media_unreadable")
        return b"".join(self.open())


@dataclass(slots=True)
class Variant:
    """What is sent to one account: its text, media and platform options."""

    text: str
    media: list[MediaItem] = field(default_factory=list)
    title: str | None = None  # YouTube video title; TikTok photo title
    options: dict[str, Any] = field(default_factory=dict)  # e.g. privacy_level, tags
    idempotency_key: str | None = None  # our platform_post id, for platforms that accept one
    # Media the settings name, by role: "cover" (an Instagram Reel's cover image from
    # options.cover_media_id), "thumbnail" (YouTube's custom thumbnail).
    attachments: dict[str, MediaItem] = field(default_factory=dict)


@dataclass(slots=True)
class FollowUp:
    """Something posted under a published post: a thread part (a reply to the part before)
    or a first comment (X: a reply to the thread's last part)."""

    kind: Literal["reply", "comment"]
    parent_id: str  # the platform id it answers: the part before, or the post commented on
    text: str
    media: list[MediaItem] = field(default_factory=list)
    position: int = 2  # the post itself is 1
    idempotency_key: str | None = None  # our part id


@dataclass(slots=True)
class Published:
    # None: the post is live but the platform gives it no public id (e.g. a private TikTok).
    platform_post_id: str | None
    url: str | None
    # Published, but not quite as asked (e.g. YouTube kept it private): shown to the user.
    notice: str | None = None


@dataclass(slots=True)
class Pending:
    """The platform is still processing; call `check(tokens, ref)` after `poll_after` seconds."""

    ref: dict[str, Any]
    poll_after: float = 5.0


@dataclass(slots=True)
class RecentPost:
    platform_post_id: str
    url: str | None
    text: str
    created_at: datetime | None


@dataclass(slots=True)
class PostMetrics:
    """Platform numbers mapped onto one set; None where the platform does not report it."""

    platform_post_id: str
    impressions: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    clicks: int | None = None
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True, frozen=True)
class Problem:
    """A validation problem a user can act on."""

    platform: str
    code: str
    message: str
    field: str = "content"


@dataclass(slots=True, frozen=True)
class Capabilities:
    requires_media: bool = False
    max_images: int = 0
    max_videos: int = 0
    mixed_media: bool = False
    supports_threads: bool = False
    # A comment (X: a reply) can be posted under a published post: the first comment.
    supports_first_comment: bool = False
    supports_title: bool = False
    async_media: bool = False
    supports_find_recent: bool = False
    # False: a post missing from `find_recent` may still exist (private or in moderation), so
    # absence there never allows a new attempt.
    find_recent_proves_absence: bool = True
    pkce: bool = True
