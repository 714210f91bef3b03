"""The optimizer on the wire: what to optimize, and each platform's version with its origin."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from socialflow.core.config import PLATFORMS

Engine = Literal["auto", "claude", "offline"]
MAX_CONTENT = 63_206  # the longest any platform accepts (Facebook)


def _known(value: list[str] | None) -> list[str] | None:
    if value is None:
        return None
    unknown = [p for p in value if p not in PLATFORMS]
    if unknown:
        raise ValueError(f"unknown platform(s) {', '.join(unknown)}; known: {', '.join(PLATFORMS)}")
    return list(dict.fromkeys(value))


class OptimizeIn(BaseModel):
    """Optimize a saved post's variants (all targets, or only these platforms)."""

    platforms: list[str] | None = Field(default=None, max_length=len(PLATFORMS))
    overwrite_edited: bool = False  # also rewrite variants the user edited by hand
    instructions: str | None = Field(default=None, max_length=2000)
    # auto: Claude when configured (plans with AI optimization), else the offline rules.
    optimizer: Engine = "auto"
    thread: bool = Field(
        default=False,
        description="X: a post longer than one X post becomes a thread (the variant's text is "
        "part 1, its `options.thread` the rest), split without cutting a link, @mention or "
        "#hashtag; a post that fits stays one post.",
    )

    _platforms = field_validator("platforms")(_known)


class PreviewIn(BaseModel):
    """Optimize unsaved text (the editor, before saving)."""

    content: str = Field(min_length=1, max_length=MAX_CONTENT)
    platforms: list[str] = Field(min_length=1, max_length=len(PLATFORMS))
    media_count: int = Field(default=0, ge=0, le=35)
    title: str | None = Field(default=None, max_length=255)
    instructions: str | None = Field(default=None, max_length=2000)
    optimizer: Engine = "auto"
    thread: bool = Field(default=False, description="X: as a thread when it does not fit.")

    _platforms = field_validator("platforms")(_known)


class ProblemOut(BaseModel):
    code: str
    message: str
    field: str


class VariantOut(BaseModel):
    platform_post_id: uuid.UUID | None  # None in a preview
    platform: str
    content: str
    title: str | None
    optimized_by: str  # "claude:<model>" or "offline"
    fallback_reason: str | None  # why Claude's answer was not used, when it was asked
    cached: bool = False  # a Claude answer reused, not paid again
    problems: list[ProblemOut]  # the platform's validation of this text; expected empty
    thread: list[str] | None = None  # X: the whole text as numbered posts, when it does not fit
    as_thread: bool = Field(
        default=False,
        description="X: `thread` is what was written into the variant (asked with thread: "
        "true): `content` is part 1, the rest are its options.thread.",
    )
    tags: list[str] = Field(default_factory=list)  # YouTube video tags (hashtags moved here)


class SkippedOut(BaseModel):
    platform_post_id: uuid.UUID
    platform: str
    reason: Literal["user_edited", "not_editable"]


class OptimizeOut(BaseModel):
    variants: list[VariantOut]
    optimizer: Literal["claude", "offline"]  # claude if any variant came from Claude
    notice: str | None = None  # e.g. why the offline rules were used
    skipped: list[SkippedOut] = Field(default_factory=list)
