"""The per-platform post settings (`platform_options`), their shapes, and their rules.

One model per platform says which settings it takes (anything else is a 422 naming the
field): X threads and a first reply, a first comment where the platform has a comment API,
Instagram's post type, YouTube's and TikTok's settings. `option_problems` then checks what a
valid shape can still get wrong for the platform (a thread part too long as X counts it, a
first comment over the platform's comment limit, a required choice not made), the same way
`text.validate` checks the post itself.

TikTok's content sharing guidelines (issue 18 #2): the creator picks who can see the post
from the options `creator_info` offers, with no default; commercial content is disclosed as
"your brand" and/or "branded content", and branded content cannot be private.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from socialflow.platforms import text
from socialflow.platforms.types import MediaItem, Problem, Variant

TIKTOK_PRIVACY_LEVELS = (
    "PUBLIC_TO_EVERYONE",
    "MUTUAL_FOLLOW_FRIENDS",
    "FOLLOWER_OF_CREATOR",
    "SELF_ONLY",
)
MAX_THREAD_PARTS = 25  # the whole thread, the post's own text included
INSTAGRAM_TYPES = ("feed", "reel", "story")


# --------------------------------------------------------------------------- shapes


class _Options(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _part(value: Any) -> Any:
    """A thread part may be given as its text alone."""
    return {"text": value} if isinstance(value, str) else value


class ThreadPart(_Options):
    text: str = Field(default="", max_length=25_000)
    media_ids: list[uuid.UUID] = Field(default_factory=list, max_length=4)


FirstComment = Annotated[
    str | None,
    Field(
        default=None,
        max_length=10_000,
        description="Posted as a comment (X: a reply) right after the post is published.",
    ),
]


class TwitterOptions(_Options):
    thread: list[Annotated[ThreadPart, BeforeValidator(_part)]] | None = Field(
        default=None,
        max_length=MAX_THREAD_PARTS - 1,
        description="The parts after the first (the post's own text is part 1), each a "
        "reply to the one before; a part is its text or {text, media_ids}.",
    )
    first_comment: FirstComment = None
    reply_settings: Literal["following", "mentionedUsers", "subscribers", "verified"] | None = None
    made_with_ai: bool | None = None
    paid_partnership: bool | None = None


class InstagramOptions(_Options):
    media_type: Literal["feed", "reel", "story"] | None = Field(
        default=None,
        description="feed (images, carousels), reel (one video) or story (one image or "
        "video, 9:16); unset: a single video is a reel, anything else a feed post.",
    )
    first_comment: FirstComment = None
    share_to_feed: bool | None = Field(default=None, description="Reels: also in the feed.")
    thumb_offset_ms: int | None = Field(
        default=None, ge=0, description="Reels: the frame (ms into the video) used as cover."
    )
    cover_media_id: uuid.UUID | None = Field(
        default=None, description="Reels: an uploaded image used as the cover."
    )


class FacebookOptions(_Options):
    first_comment: FirstComment = None
    link: str | None = Field(default=None, max_length=2000, pattern=r"^https?://\S+$")


class LinkedInOptions(_Options):
    first_comment: FirstComment = None


class YouTubeOptions(_Options):
    first_comment: FirstComment = None
    privacy_status: Literal["public", "unlisted", "private"] | None = None
    made_for_kids: bool | None = Field(
        default=None, description="Required by YouTube (COPPA): is the video made for kids?"
    )
    short: bool | None = Field(
        default=None,
        description="Post as a Short: the video is checked to be vertical or square and at "
        "most 3 minutes (YouTube files such videos as Shorts by itself).",
    )
    category_id: str | None = Field(default=None, pattern=r"^[0-9]{1,3}$")
    playlist_id: str | None = Field(default=None, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    thumbnail_media_id: uuid.UUID | None = None
    tags: list[Annotated[str, Field(max_length=500)]] | None = Field(default=None, max_length=500)
    default_language: str | None = Field(default=None, max_length=35)
    notify_subscribers: bool | None = None
    contains_synthetic_media: bool | None = None


class TikTokOptions(_Options):
    privacy_level: (
        Literal["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY"]
        | None
    ) = None
    disable_comment: bool | None = None
    disable_duet: bool | None = None
    disable_stitch: bool | None = None
    commercial_content: bool | None = None
    brand_organic_toggle: bool | None = None
    brand_content_toggle: bool | None = None
    is_aigc: bool | None = None
    video_cover_timestamp_ms: int | None = Field(default=None, ge=0)
    auto_add_music: bool | None = None
    photo_cover_index: int | None = Field(default=None, ge=0, le=34)


class PlatformOptions(_Options):
    """`platform_options` of a post: settings per platform, applied to its targets."""

    twitter: TwitterOptions | None = None
    instagram: InstagramOptions | None = None
    facebook: FacebookOptions | None = None
    linkedin: LinkedInOptions | None = None
    youtube: YouTubeOptions | None = None
    tiktok: TikTokOptions | None = None


MODELS: dict[str, type[_Options]] = {
    "twitter": TwitterOptions,
    "instagram": InstagramOptions,
    "facebook": FacebookOptions,
    "linkedin": LinkedInOptions,
    "youtube": YouTubeOptions,
    "tiktok": TikTokOptions,
}


def dump(model: BaseModel | None, *, keep_nulls: bool = False) -> dict[str, Any]:
    """A settings model as stored on a target (JSON values; unset settings left out)."""
    if model is None:
        return {}
    return model.model_dump(mode="json", exclude_unset=True, exclude_none=not keep_nulls)


def parse(platform: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    """`raw` checked against `platform`'s settings; ValidationError names each bad field."""
    model = MODELS.get(platform)
    if model is None:
        return dict(raw)
    return dump(model.model_validate(dict(raw)))


def errors_of(exc: ValidationError, prefix: str) -> list[dict[str, str]]:
    """A ValidationError as the API's field errors, each field under `prefix`."""
    out = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()))
        field = f"{prefix}.{where}" if where else prefix
        message = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
        if err.get("type") == "extra_forbidden":
            message = "not a setting this platform takes"
        out.append({"field": field, "message": message})
    return out


# --------------------------------------------------------------------------- follow-ups


@dataclass(frozen=True, slots=True)
class CommentRule:
    """What the platform's comment (or reply) API accepts."""

    counter: Callable[[str], int]
    limit: int
    unit: str
    kind: Literal["reply", "comment"]
    how_sure: str  # the confidence marker of platform-contracts.md


COMMENT_RULES: dict[str, CommentRule] = {
    # A first reply is a post: X's weighted count [✔].
    "twitter": CommentRule(
        lambda s: text.count("twitter", s), 280, "characters (as X counts them)", "reply", "✔"
    ),
    "instagram": CommentRule(len, 2200, "characters", "comment", "◐"),
    "facebook": CommentRule(len, 8000, "characters", "comment", "✖"),
    "linkedin": CommentRule(len, 1250, "characters", "comment", "◐"),
    "youtube": CommentRule(len, 10_000, "characters", "comment", "◐"),
}


@dataclass(frozen=True, slots=True)
class FollowUpSpec:
    """One part sent after the post itself: a thread part (X) or the first comment."""

    kind: Literal["thread", "first_comment"]
    position: int  # the post itself is 1; thread parts 2..n; the first comment after them
    text: str
    media_ids: list[str]


def follow_ups(platform: str, options: Mapping[str, Any] | None) -> list[FollowUpSpec]:
    """What must be posted after the post itself, in order."""
    options = options or {}
    specs: list[FollowUpSpec] = []
    if platform == "twitter":
        for part in options.get("thread") or []:
            part = _part(part)
            specs.append(
                FollowUpSpec(
                    "thread",
                    len(specs) + 2,
                    str(part.get("text") or ""),
                    [str(m) for m in part.get("media_ids") or []],
                )
            )
    comment = options.get("first_comment")
    if platform in COMMENT_RULES and isinstance(comment, str) and comment.strip():
        specs.append(FollowUpSpec("first_comment", len(specs) + 2, comment, []))
    return specs


def media_ids_of(platform: str, options: Mapping[str, Any] | None) -> list[str]:
    """Every media id the settings refer to (thread parts, covers, thumbnails)."""
    ids = [m for spec in follow_ups(platform, options) for m in spec.media_ids]
    for key in ("cover_media_id", "thumbnail_media_id"):
        if (options or {}).get(key):
            ids.append(str((options or {})[key]))
    return ids


# --------------------------------------------------------------------------- problems

MediaLookup = Callable[[list[str]], list[MediaItem]]


def option_problems(
    platform: str, options: Mapping[str, Any] | None, media: MediaLookup | None = None
) -> list[Problem]:
    """What is missing or contradictory in a post's settings for `platform`: required
    choices, thread parts and first comments checked by the platform's own rules.
    `media` turns media ids into items (for thread parts' own media)."""
    options = options or {}
    found: list[Problem] = []
    if platform == "tiktok":
        found += _tiktok(options)
    if platform == "instagram":
        found += _instagram(options, media)
    if platform == "youtube" and options.get("made_for_kids") is None:
        found.append(
            Problem(
                "youtube",
                "made_for_kids_required",
                "Say whether this video is made for kids: YouTube requires the answer for every "
                "video (COPPA), and comments are off on videos made for kids.",
                "options.made_for_kids",
            )
        )
    if platform == "youtube" and options.get("made_for_kids") and options.get("first_comment"):
        found.append(
            Problem(
                "youtube",
                "comments_off_for_kids",
                "YouTube turns comments off on videos made for kids: remove the first comment, "
                "or say the video is not made for kids.",
                "options.first_comment",
            )
        )
    for spec in follow_ups(platform, options):
        if spec.kind == "thread":
            found += _thread_part(spec, media)
        else:
            found += _first_comment(platform, spec.text)
    return found


def _thread_part(spec: FollowUpSpec, media: MediaLookup | None) -> list[Problem]:
    """A thread part is an X post of its own: X's counting and media rules."""
    number = spec.position
    field = f"options.thread.{number - 2}"
    items = media(spec.media_ids) if media and spec.media_ids else []
    if not spec.text.strip() and not spec.media_ids:
        return [
            Problem(
                "twitter",
                "thread_part_empty",
                f"Part {number} of the thread is empty: write it or remove it.",
                field,
            )
        ]
    found = []
    for p in text.validate("twitter", Variant(text=spec.text, media=items)):
        found.append(
            Problem(
                "twitter",
                f"thread_part_{p.code}",
                f"Part {number} of the thread: {p.message}",
                f"{field}.{'media_ids' if p.field == 'media' else 'text'}",
            )
        )
    return found


def _first_comment(platform: str, comment: str) -> list[Problem]:
    rule = COMMENT_RULES[platform]
    used = rule.counter(comment)
    if used <= rule.limit:
        return []
    name = text.RULES[platform].name
    return [
        Problem(
            platform,
            "first_comment_too_long",
            f"{name} allows {rule.limit:,} {rule.unit} in a {rule.kind}; the first "
            f"{rule.kind} has {used:,} — remove {used - rule.limit:,}.",
            "options.first_comment",
        )
    ]


REEL_SETTINGS = ("share_to_feed", "thumb_offset_ms", "cover_media_id")


def _instagram(options: Mapping[str, Any], media: MediaLookup | None) -> list[Problem]:
    kind = options.get("media_type")
    found: list[Problem] = []
    if kind == "story" and options.get("first_comment"):
        found.append(
            Problem(
                "instagram",
                "first_comment_on_story",
                "Instagram Stories take no comments: remove the first comment, or post to the "
                "feed or as a Reel.",
                "options.first_comment",
            )
        )
    if kind in ("story", "feed"):
        for key in REEL_SETTINGS:
            if options.get(key) is not None:
                found.append(
                    Problem(
                        "instagram",
                        "reel_setting",
                        f"{key.replace('_', ' ')} applies to Reels only; this is a {kind} post.",
                        f"options.{key}",
                    )
                )
    cover = options.get("cover_media_id")
    if cover and media is not None:
        item = media([str(cover)])[0]
        rule = text.RULES["instagram"].media["image"]
        if item.kind != "image" or item.mime_type != "image/jpeg":
            found.append(
                Problem(
                    "instagram",
                    "cover_not_jpeg",
                    "A Reel's cover must be a JPEG image.",
                    "options.cover_media_id",
                )
            )
        elif rule.max_bytes is not None and item.size_bytes > rule.max_bytes:
            found.append(
                Problem(
                    "instagram",
                    "cover_too_large",
                    "A Reel's cover may be at most 8 MB.",
                    "options.cover_media_id",
                )
            )
    return found


def _tiktok(options: Mapping[str, Any]) -> list[Problem]:
    found: list[Problem] = []
    privacy = options.get("privacy_level")
    if not privacy:
        found.append(
            Problem(
                "tiktok",
                "privacy_level_required",
                "Choose who can see this TikTok post (privacy level): TikTok requires an "
                "explicit choice, there is no default.",
                "options.privacy_level",
            )
        )
    elif privacy not in TIKTOK_PRIVACY_LEVELS:
        found.append(
            Problem(
                "tiktok",
                "privacy_level_invalid",
                f"TikTok privacy level must be one of {', '.join(TIKTOK_PRIVACY_LEVELS)}; "
                f"got {privacy!r}.",
                "options.privacy_level",
            )
        )
    if options.get("commercial_content") and not (
        options.get("brand_organic_toggle") or options.get("brand_content_toggle")
    ):
        found.append(
            Problem(
                "tiktok",
                "commercial_content_kind_required",
                "You marked this TikTok post as commercial content: choose 'Your brand', "
                "'Branded content' or both.",
                "options.commercial_content",
            )
        )
    if options.get("brand_content_toggle") and privacy == "SELF_ONLY":
        found.append(
            Problem(
                "tiktok",
                "branded_content_private",
                "Branded content cannot be private on TikTok: choose another privacy level.",
                "options.privacy_level",
            )
        )
    return found
