"""The per-platform post settings a user must choose, checked before a post is accepted.

TikTok's content sharing guidelines (issue 18 #2): the creator picks who can see the post
from the options `creator_info` offers, with no default; commercial content is disclosed as
"your brand" and/or "branded content", and branded content cannot be private.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from socialflow.platforms.types import Problem

TIKTOK_PRIVACY_LEVELS = (
    "PUBLIC_TO_EVERYONE",
    "MUTUAL_FOLLOW_FRIENDS",
    "FOLLOWER_OF_CREATOR",
    "SELF_ONLY",
)


def option_problems(platform: str, options: Mapping[str, Any] | None) -> list[Problem]:
    """What is missing or contradictory in a post's settings for `platform`."""
    if platform == "tiktok":
        return _tiktok(options or {})
    return []


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
