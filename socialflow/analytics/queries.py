"""Reads behind the analytics pages: each platform post with its latest snapshot, followers.

Every query is scoped by the user. "Latest snapshot of a platform post" is one probe of the
(platform_post_id, fetched_at) index per post: a scalar subquery ordered by fetched_at DESC
(ties broken by id) with LIMIT 1, the same SQL on SQLite and PostgreSQL. bench/
analytics_overview.py measures it (docs/PERFORMANCE.md).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Row, and_, select
from sqlalchemy.orm import Session, aliased

from socialflow.analytics.metrics import Window, engagement_rate
from socialflow.core.clock import as_utc
from socialflow.models import FollowerSnapshot, PlatformPost, Post, PostAnalytics, SocialAccount


@dataclass(slots=True)
class PostRow:
    """One published platform post and its latest numbers (zeros before the first fetch)."""

    id: uuid.UUID
    post_id: uuid.UUID
    platform: str
    social_account_id: uuid.UUID | None
    external_id: str | None
    platform_url: str | None
    published_at: datetime
    impressions: int
    likes: int
    comments: int
    shares: int
    clicks: int
    engagement_rate: Decimal
    fetched_at: datetime | None

    @property
    def engagements(self) -> int:
        return self.likes + self.comments + self.shares + self.clicks


def _latest_id(pp_id: object) -> object:
    newer = aliased(PostAnalytics)
    return (
        select(newer.id)
        .where(newer.platform_post_id == pp_id)
        .order_by(newer.fetched_at.desc(), newer.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def post_rows(
    session: Session,
    user_id: uuid.UUID,
    start: datetime | None,
    end: datetime | None,
    *,
    post_id: uuid.UUID | None = None,
) -> list[PostRow]:
    """The user's published platform posts (in [start, end], or of one post) and latest numbers."""
    pa = PostAnalytics
    conditions = [
        PlatformPost.user_id == user_id,
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
            PlatformPost.platform_post_id,
            PlatformPost.platform_url,
            PlatformPost.published_at,
            pa.impressions,
            pa.likes,
            pa.comments,
            pa.shares,
            pa.clicks,
            pa.fetched_at,
        )
        .outerjoin(
            pa,
            and_(pa.id == _latest_id(PlatformPost.id), pa.user_id == user_id),
        )
        .where(*conditions)
        .order_by(PlatformPost.published_at)
    )
    return [_row(r) for r in session.execute(stmt)]


def _row(r: Row[tuple[object, ...]]) -> PostRow:
    m = r._mapping
    return PostRow(
        id=m["id"],
        post_id=m["post_id"],
        platform=m["platform"],
        social_account_id=m["social_account_id"],
        external_id=m["platform_post_id"],
        platform_url=m["platform_url"],
        published_at=as_utc(m["published_at"]),
        impressions=m["impressions"] or 0,
        likes=m["likes"] or 0,
        comments=m["comments"] or 0,
        shares=m["shares"] or 0,
        clicks=m["clicks"] or 0,
        # Recomputed from the numbers (the stored column holds the same value for a snapshot
        # written by the job): one definition, whichever way a row was written.
        engagement_rate=engagement_rate(
            m["likes"] or 0,
            m["comments"] or 0,
            m["shares"] or 0,
            m["clicks"] or 0,
            m["impressions"] or 0,
        ),
        fetched_at=as_utc(m["fetched_at"]) if m["fetched_at"] else None,
    )


def contents(session: Session, user_id: uuid.UUID, post_ids: Sequence[uuid.UUID]) -> dict:
    """post id -> content, for a handful of posts (top posts, export)."""
    if not post_ids:
        return {}
    rows = session.execute(
        select(Post.id, Post.content).where(Post.user_id == user_id, Post.id.in_(post_ids))
    )
    return {pid: content for pid, content in rows}


def snapshots(
    session: Session, user_id: uuid.UUID, pp_ids: Sequence[uuid.UUID]
) -> list[PostAnalytics]:
    """Every snapshot of these platform posts, oldest first."""
    if not pp_ids:
        return []
    return list(
        session.scalars(
            select(PostAnalytics)
            .where(PostAnalytics.user_id == user_id, PostAnalytics.platform_post_id.in_(pp_ids))
            .order_by(PostAnalytics.fetched_at, PostAnalytics.id)
        )
    )


# --------------------------------------------------------------------------- followers


@dataclass(slots=True)
class FollowerTrend:
    account: SocialAccount
    current: int | None
    change: int | None
    series: list[tuple[date, int]]


def follower_trends(session: Session, user_id: uuid.UUID, win: Window) -> list[FollowerTrend]:
    """Per account: the count now, its change over the window, and the last value of each day.

    The change is measured from the last snapshot before the window (or the first inside it).
    Days without a snapshot carry the previous value forward.
    """
    accounts = list(
        session.scalars(
            select(SocialAccount)
            .where(SocialAccount.user_id == user_id)
            .order_by(SocialAccount.platform, SocialAccount.created_at)
        )
    )
    points = session.execute(
        select(
            FollowerSnapshot.social_account_id,
            FollowerSnapshot.fetched_at,
            FollowerSnapshot.follower_count,
        )
        .where(
            FollowerSnapshot.user_id == user_id,
            FollowerSnapshot.fetched_at >= win.start,
            FollowerSnapshot.fetched_at <= win.end,
        )
        .order_by(FollowerSnapshot.fetched_at)
    ).all()
    per_account: dict[uuid.UUID, dict[date, int]] = {a.id: {} for a in accounts}
    for account_id, fetched_at, count in points:
        if account_id in per_account:  # later snapshots of a day overwrite earlier ones
            per_account[account_id][win.local_day(fetched_at)] = count
    trends = []
    for account in accounts:
        by_day = per_account[account.id]
        baseline = _before(session, user_id, account.id, win.start)
        series: list[tuple[date, int]] = []
        value = baseline
        for day in win.days():
            value = by_day.get(day, value)
            if value is not None:
                series.append((day, value))
        current = series[-1][1] if series else account.follower_count
        first = baseline if baseline is not None else (series[0][1] if series else None)
        change = current - first if current is not None and first is not None else None
        trends.append(FollowerTrend(account, current, change, series))
    return trends


def _before(
    session: Session, user_id: uuid.UUID, account_id: uuid.UUID, moment: datetime
) -> int | None:
    value: int | None = session.scalar(
        select(FollowerSnapshot.follower_count)
        .where(
            FollowerSnapshot.social_account_id == account_id,
            FollowerSnapshot.user_id == user_id,
            FollowerSnapshot.fetched_at < moment,
        )
        .order_by(FollowerSnapshot.fetched_at.desc())
        .limit(1)
    )
    return value
