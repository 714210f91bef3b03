"""Reads behind the analytics pages: each platform post with its latest numbers, followers.

Every query is scoped by the workspace. A platform post's latest numbers live in the
post_metrics_latest rollup (one row per measured post, moved forward with each snapshot), so
the overview reads date ranges of two narrow indexes (platform_posts' covering partial index,
the rollup's (workspace_id, published_at)) and never searches snapshots; bench/
analytics_overview.py measures it (docs/PERFORMANCE.md). Rows are read as plain tuples.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from socialflow.analytics.metrics import Window, engagement_rate
from socialflow.models import (
    FollowerSnapshot,
    PlatformPost,
    Post,
    PostAnalytics,
    PostMetricsLatest,
    SocialAccount,
)


@dataclass(slots=True)
class PostRow:
    """One published platform post and its latest numbers (zeros before the first fetch)."""

    id: uuid.UUID
    post_id: uuid.UUID
    platform: str
    social_account_id: uuid.UUID | None
    published_at: datetime
    impressions: int
    likes: int
    comments: int
    shares: int
    clicks: int
    fetched_at: datetime | None

    @property
    def engagements(self) -> int:
        return self.likes + self.comments + self.shares + self.clicks

    @property
    def engagement_rate(self) -> Decimal:
        return engagement_rate(
            self.likes, self.comments, self.shares, self.clicks, self.impressions
        )


def post_rows(
    session: Session,
    workspace_id: uuid.UUID,
    start: datetime | None,
    end: datetime | None,
    *,
    post_id: uuid.UUID | None = None,
) -> list[PostRow]:
    """The workspace's published platform posts (in [start, end], or of one post), oldest
    first."""
    latest = PostMetricsLatest
    conditions = [
        PlatformPost.workspace_id == workspace_id,
        PlatformPost.status == "published",
        PlatformPost.published_at.is_not(None),
    ]
    if start is not None:
        conditions.append(PlatformPost.published_at >= start)
    if end is not None:
        conditions.append(PlatformPost.published_at <= end)
    if post_id is not None:
        conditions.append(PlatformPost.post_id == post_id)
    stmt = (
        select(
            PlatformPost.id,
            PlatformPost.post_id,
            PlatformPost.platform,
            PlatformPost.social_account_id,
            PlatformPost.published_at,
            latest.impressions,
            latest.likes,
            latest.comments,
            latest.shares,
            latest.clicks,
            latest.fetched_at,
        )
        .outerjoin(latest, latest.platform_post_id == PlatformPost.id)
        .where(*conditions)
        .order_by(PlatformPost.published_at)
    )
    return [
        PostRow(pp, post, platform, account, published, imp or 0, lk or 0, cm or 0, sh or 0,
                cl or 0, fetched)
        for pp, post, platform, account, published, imp, lk, cm, sh, cl, fetched
        in session.execute(stmt).tuples()
    ]  # fmt: skip


def _in_range(workspace_id: uuid.UUID, start: datetime, end: datetime) -> list[Any]:
    """The workspace's published platform posts in [start, end]
    (ix_platform_posts_workspace_live)."""
    return [
        PlatformPost.workspace_id == workspace_id,
        PlatformPost.status == "published",
        PlatformPost.published_at >= start,
        PlatformPost.published_at <= end,
    ]


def _latest_range(workspace_id: uuid.UUID, start: datetime, end: datetime) -> list[Any]:
    """Their latest numbers: the same range on the rollup's (workspace_id, published_at) index."""
    m = PostMetricsLatest
    return [m.workspace_id == workspace_id, m.published_at >= start, m.published_at <= end]


@dataclass(slots=True)
class Sums:
    """Summed latest numbers of a set of platform posts."""

    posts: int = 0
    impressions: int = 0
    likes: int = 0
    comments: int = 0
    shares: int = 0
    clicks: int = 0
    measured_engagements: int = 0  # of the posts that report impressions

    def add(self, other: Sums) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def engagement_rate(self) -> Decimal:
        """Impression-weighted mean of the posts' rates (posts without views left out)."""
        if self.impressions <= 0:
            return Decimal("0.00")
        return engagement_rate(self.measured_engagements, 0, 0, 0, self.impressions)


def platform_sums(
    session: Session, workspace_id: uuid.UUID, start: datetime, end: datetime
) -> dict[str, Sums]:
    """Per platform: posts published in the range and their summed latest numbers.

    Two grouped range scans and no join: the posts counted from platform_posts' covering
    index, the numbers from the rollup (posts not measured yet have none to add).
    """
    m = PostMetricsLatest
    interactions = m.likes + m.comments + m.shares + m.clicks
    counts = session.execute(
        select(PlatformPost.platform, func.count())
        .where(*_in_range(workspace_id, start, end))
        .group_by(PlatformPost.platform)
    ).tuples()
    out = {platform: Sums(posts=int(n)) for platform, n in counts}
    numbers = session.execute(
        select(
            m.platform,
            func.sum(m.impressions),
            func.sum(m.likes),
            func.sum(m.comments),
            func.sum(m.shares),
            func.sum(m.clicks),
            func.sum(case((m.impressions > 0, interactions), else_=0)),
        )
        .where(*_latest_range(workspace_id, start, end))
        .group_by(m.platform)
    ).tuples()
    for platform, *values in numbers:
        sums = out.setdefault(platform, Sums())
        (sums.impressions, sums.likes, sums.comments, sums.shares, sums.clicks) = (
            int(v or 0) for v in values[:5]
        )
        sums.measured_engagements = int(values[5] or 0)
    return out


def published_days(session: Session, workspace_id: uuid.UUID, win: Window) -> dict[date, int]:
    """Platform posts published per local day of the viewer (PostgreSQL buckets in SQL)."""
    where = _in_range(workspace_id, win.start, win.end)
    if session.get_bind().dialect.name == "postgresql":
        local_day = func.date(func.timezone(win.zone.key, PlatformPost.published_at))
        stmt = select(local_day, func.count()).where(*where).group_by(local_day)
        return {d: int(n) for d, n in session.execute(stmt).tuples()}
    counts: dict[date, int] = {}
    for (published,) in session.execute(select(PlatformPost.published_at).where(*where)):
        day = win.local_day(published)
        counts[day] = counts.get(day, 0) + 1
    return counts


# top_rows leaves post_id and the account unset (the rollup has neither); details() has them.
_UNKNOWN = uuid.UUID(int=0)


def top_rows(
    session: Session,
    workspace_id: uuid.UUID,
    start: datetime,
    end: datetime,
    limit: int,
    platform: str | None = None,
) -> list[PostRow]:
    """The measured posts with the most interactions (then views, then the newest), best
    first, ranked in the rollup alone."""
    m = PostMetricsLatest
    where = _latest_range(workspace_id, start, end)
    if platform is not None:
        where.append(m.platform == platform)
    ranked = session.execute(
        select(
            m.platform_post_id,
            m.platform,
            m.published_at,
            m.impressions,
            m.likes,
            m.comments,
            m.shares,
            m.clicks,
            m.fetched_at,
        )
        .where(*where)
        .order_by(
            (m.likes + m.comments + m.shares + m.clicks).desc(),
            m.impressions.desc(),
            m.published_at.desc(),
        )
        .limit(limit)
    ).tuples()
    return [
        PostRow(pp, _UNKNOWN, name, None, published, imp, lk, cm, sh, cl, fetched)
        for pp, name, published, imp, lk, cm, sh, cl, fetched in ranked
    ]


@dataclass(slots=True)
class PostDetails:
    post_id: uuid.UUID
    content: str
    external_id: str | None
    platform_url: str | None


def details(
    session: Session, workspace_id: uuid.UUID, pp_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, PostDetails]:
    """Platform post id -> its post's text, the platform's own id and URL."""
    if not pp_ids:
        return {}
    rows = session.execute(
        select(
            PlatformPost.id,
            Post.id,
            Post.content,
            PlatformPost.platform_post_id,
            PlatformPost.platform_url,
        )
        .join(Post, Post.id == PlatformPost.post_id)
        .where(PlatformPost.workspace_id == workspace_id, PlatformPost.id.in_(pp_ids))
    ).tuples()
    return {pp: PostDetails(post, content, ext, url) for pp, post, content, ext, url in rows}


def snapshots(
    session: Session, workspace_id: uuid.UUID, pp_ids: Sequence[uuid.UUID]
) -> list[PostAnalytics]:
    """Every snapshot of these platform posts, oldest first."""
    if not pp_ids:
        return []
    return list(
        session.scalars(
            select(PostAnalytics)
            .where(
                PostAnalytics.workspace_id == workspace_id,
                PostAnalytics.platform_post_id.in_(pp_ids),
            )
            .order_by(PostAnalytics.fetched_at, PostAnalytics.id)
        )
    )


# --------------------------------------------------------------------------- followers


@dataclass(slots=True)
class FollowerTrend:
    account_id: uuid.UUID
    platform: str
    username: str | None
    status: str
    current: int | None
    change: int | None
    series: list[tuple[date, int]]


def follower_trends(session: Session, workspace_id: uuid.UUID, win: Window) -> list[FollowerTrend]:
    """Per account: the count now, its change over the window, and the last value of each day.

    The change is measured from the last snapshot before the window (or the first inside it).
    Days without a snapshot carry the previous value forward.
    """
    before = (
        select(FollowerSnapshot.follower_count)
        .where(
            FollowerSnapshot.social_account_id == SocialAccount.id,
            FollowerSnapshot.fetched_at < win.start,
        )
        .order_by(FollowerSnapshot.fetched_at.desc())
        .limit(1)
        .scalar_subquery()
    )
    accounts = session.execute(
        select(
            SocialAccount.id,
            SocialAccount.platform,
            SocialAccount.platform_username,
            SocialAccount.status,
            SocialAccount.follower_count,
            before,
        )
        .where(SocialAccount.workspace_id == workspace_id)
        .order_by(SocialAccount.platform, SocialAccount.created_at)
    ).tuples()
    points = session.execute(
        select(
            FollowerSnapshot.social_account_id,
            FollowerSnapshot.fetched_at,
            FollowerSnapshot.follower_count,
        )
        .where(
            FollowerSnapshot.workspace_id == workspace_id,
            FollowerSnapshot.fetched_at >= win.start,
            FollowerSnapshot.fetched_at <= win.end,
        )
        .order_by(FollowerSnapshot.fetched_at)
    ).tuples()
    per_account: dict[uuid.UUID, dict[date, int]] = {}
    for account_id, fetched_at, count in points:  # a day's later counts overwrite earlier ones
        per_account.setdefault(account_id, {})[win.local_day(fetched_at)] = count
    trends = []
    for account_id, platform, username, status, stored, baseline in accounts:
        by_day = per_account.get(account_id, {})
        series: list[tuple[date, int]] = []
        value = baseline
        for day in win.days():
            value = by_day.get(day, value)
            if value is not None:
                series.append((day, value))
        current = series[-1][1] if series else stored
        first = baseline if baseline is not None else (series[0][1] if series else None)
        change = current - first if current is not None and first is not None else None
        trends.append(
            FollowerTrend(account_id, platform, username, status, current, change, series)
        )
    return trends
