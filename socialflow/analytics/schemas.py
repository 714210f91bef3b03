"""Analytics on the wire. Numbers a plan does not include, or a platform does not report, are
explained by `analytics_level` and `reported_metrics`."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

AnalyticsLevel = Literal["none", "basic", "advanced"]
RangeName = Literal["7d", "30d", "90d"]


class Numbers(BaseModel):
    """Summed latest numbers; null when the plan does not include post metrics."""

    impressions: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    clicks: int | None = None
    engagement_rate: float | None = Field(
        default=None,
        description="(likes + comments + shares + clicks) / impressions * 100 over the posts "
        "that report impressions; null when the plan has no post metrics, or when none of the "
        "posts is on a platform that reports impressions (not reported, not 0).",
    )


class Totals(Numbers):
    posts_published: int = Field(description="Platform posts published in the range.")


class PlatformTotals(Totals):
    platform: str
    reported_metrics: list[str] = Field(description="What this platform's API reports.")


class FollowerPoint(BaseModel):
    date: date
    followers: int


class FollowerTrendOut(BaseModel):
    social_account_id: uuid.UUID
    platform: str
    username: str | None
    status: str
    current: int | None
    change: int | None = Field(description="Since the last count before the range began.")
    series: list[FollowerPoint]


class DayCount(BaseModel):
    date: date
    count: int


class TopPost(BaseModel):
    post_id: uuid.UUID
    id: uuid.UUID = Field(description="The platform post (one post to one account).")
    platform_post_id: str | None = Field(description="The platform's own id of the post.")
    platform: str
    content: str = Field(description="The first 140 characters.")
    platform_url: str | None
    impressions: int
    likes: int
    comments: int
    shares: int
    clicks: int
    engagement_rate: float | None = Field(
        description="null where the platform reports no impressions (LinkedIn): not reported."
    )
    published_at: datetime


class Overview(BaseModel):
    range: RangeName
    timezone: str
    from_: datetime = Field(serialization_alias="from")
    to: datetime
    analytics_level: AnalyticsLevel
    totals: Totals
    per_platform: list[PlatformTotals]
    followers: list[FollowerTrendOut]
    published_per_day: list[DayCount]
    top_posts: list[TopPost]


class PlatformBreakdown(PlatformTotals):
    accounts: int
    followers: int | None
    followers_change: int | None
    impressions_per_post: float | None
    engagements_per_post: float | None
    best_post: TopPost | None


class PlatformsOut(BaseModel):
    range: RangeName
    from_: datetime = Field(serialization_alias="from")
    to: datetime
    items: list[PlatformBreakdown]


class SnapshotPoint(BaseModel):
    fetched_at: datetime
    hours_after_publish: float
    impressions: int
    likes: int
    comments: int
    shares: int
    clicks: int
    engagement_rate: float | None = Field(
        description="null where the platform reports no impressions (LinkedIn): not reported."
    )


class PlatformPerformance(BaseModel):
    id: uuid.UUID
    platform: str
    social_account_id: uuid.UUID | None
    username: str | None
    status: str
    platform_post_id: str | None
    platform_url: str | None
    published_at: datetime | None
    reported_metrics: list[str]
    latest: SnapshotPoint | None
    series: list[SnapshotPoint] = Field(description="Every snapshot, oldest first.")
    next_fetch_at: datetime | None = Field(description="When the numbers are fetched next.")


class PostPerformance(BaseModel):
    post_id: uuid.UUID
    content: str
    status: str
    published_at: datetime | None
    totals: Numbers
    platforms: list[PlatformPerformance]


class PostTableRow(BaseModel):
    id: uuid.UUID
    post_id: uuid.UUID
    platform: str
    username: str | None
    platform_post_id: str | None
    platform_url: str | None
    content: str
    published_at: datetime
    impressions: int
    likes: int
    comments: int
    shares: int
    clicks: int
    engagement_rate: float | None = Field(
        description="null where the platform reports no impressions (LinkedIn): not reported."
    )
    fetched_at: datetime | None


class PostTable(BaseModel):
    range: RangeName
    total: int
    items: list[PostTableRow]


class RefreshOut(BaseModel):
    follower_syncs: int = Field(description="Accounts whose follower count is being fetched.")
    metric_fetches: int = Field(description="Platform posts (last 30 days) being re-measured.")
    next_allowed_at: datetime
