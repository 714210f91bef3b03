"""Per-platform guidelines: the spec's style table plus the numbers the offline rules use.

One table for both optimizers: the Claude prompt quotes `style`, `target` and the hashtag range;
the offline rules apply them mechanically.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from socialflow.platforms import text

EmojiPolicy = Literal["keep", "add", "tame"]
Placement = Literal["end", "block", "none"]


@dataclass(frozen=True, slots=True)
class Guideline:
    platform: str
    name: str
    target: int  # the length the style aims for, counted as the platform counts it
    style: str  # the spec's guideline, quoted to Claude
    min_hashtags: int  # derived tags fill up to this many
    max_hashtags: int  # never more than this many in a post
    placement: Placement  # end: same line at the end; block: own paragraph; none: no hashtags
    emoji: EmojiPolicy  # keep as written; add one if none; tame repeated runs
    unit: str  # how the target is counted, for the prompt

    @property
    def hard_limit(self) -> int:
        """The platform's own limit (what validate() enforces)."""
        return text.limit(self.platform)


GUIDELINES: dict[str, Guideline] = {
    "twitter": Guideline(
        "twitter",
        "X (Twitter)",
        280,
        "Short, punchy, use hashtags sparingly (2-3), engage with questions",
        2,
        3,
        "end",
        "tame",
        "characters as X counts them (every link counts 23, emoji 2, CJK 2)",
    ),
    "instagram": Guideline(
        "instagram",
        "Instagram",
        2200,
        "Engaging caption, storytelling, use emojis, call-to-action, 20-30 hashtags",
        10,
        30,
        "block",
        "add",
        "characters",
    ),
    "tiktok": Guideline(
        "tiktok",
        "TikTok",
        150,
        "Very short, attention-grabbing, trending hashtags, challenges",
        2,
        4,
        "end",
        "add",
        "characters (UTF-16 code units: most emoji count 2)",
    ),
    "linkedin": Guideline(
        "linkedin",
        "LinkedIn",
        3000,
        "Professional, insightful, business value, storytelling, thought leadership",
        3,
        5,
        "block",
        "tame",
        "characters",
    ),
    "facebook": Guideline(
        "facebook",
        "Facebook",
        63206,
        "Conversational, engaging, ask questions, community-focused; no hashtags",
        0,
        0,
        "none",
        "keep",
        "characters",
    ),
    "youtube": Guideline(
        "youtube",
        "YouTube",
        5000,
        "SEO-optimized title and description, keywords, timestamps; no hashtags in the description",
        0,
        0,
        "none",
        "keep",
        "UTF-8 bytes in the description (accented letters 2, CJK 3, emoji 4)",
    ),
}

YOUTUBE_TITLE_LIMIT = 100
TRENDING_TAG = "fyp"  # TikTok's "for you page" tag: the offline rules' trending-style tag
