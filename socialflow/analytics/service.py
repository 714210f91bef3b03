"""Analytics pages: overview, per-platform breakdown, one post's performance, the post table.

What each plan sees (docs/ANALYTICS.md): `none` (Free, Starter) follower counts and how many
posts went out; `basic` (Pro) adds the post numbers, top posts, one post's page and the post
table; `advanced` (Business) adds the platform breakdown, the CSV export and the 90-day range.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from socialflow.analytics import queries
from socialflow.analytics.metrics import (
    engagement_rate,
    rate_or_none,
    rate_reported,
    reported,
    user_zone,
    window,
)
from socialflow.analytics.queries import PostRow, Sums
from socialflow.analytics.schemas import (
    DayCount,
    FollowerPoint,
    FollowerTrendOut,
    Numbers,
    Overview,
    PlatformBreakdown,
    PlatformPerformance,
    PlatformsOut,
    PlatformTotals,
    PostPerformance,
    PostTable,
    PostTableRow,
    SnapshotPoint,
    TopPost,
    Totals,
)
from socialflow.billing import entitlements
from socialflow.core.clock import as_utc, utcnow
from socialflow.core.errors import NotFound, PaymentRequired
from socialflow.models import PlatformPost, Post, PostAnalytics, ScheduledJob, SocialAccount

LEVELS = ("none", "basic", "advanced")
UNLOCKS = {"basic": ("pro", "analytics"), "advanced": ("business", "advanced_analytics")}
TOP_POSTS = 5
SNIPPET = 140


# --------------------------------------------------------------------------- plan gating


def level_of(session: Session, workspace_id: uuid.UUID) -> str:
    _, ent = entitlements.load(session, workspace_id)
    return ent.analytics_level


def require_level(session: Session, workspace_id: uuid.UUID, needed: str, what: str) -> str:
    """The workspace's analytics level (its plan's), or 402 naming the plan that unlocks
    `what`."""
    _, ent = entitlements.load(session, workspace_id)
    level = ent.analytics_level
    if LEVELS.index(level) < LEVELS.index(needed):
        plan, feature = UNLOCKS[needed]
        raise PaymentRequired(
            f"{what} is not part of the {ent.plan_name} plan. Upgrade to {plan.title()} "
            "to unlock it.",
            code="plan_feature",
            details={
                "plan": ent.plan_slug,
                "feature": feature,
                "analytics_level": level,
                "required_plan": plan,
            },
        )
    return level


def range_level(range_name: str) -> str:
    return "advanced" if range_name == "90d" else "none"


# --------------------------------------------------------------------------- aggregation


def sums_of(rows: Iterable[PostRow]) -> Sums:
    """The same sums platform_sums computes in SQL, over rows already loaded."""
    total = Sums()
    for r in rows:
        measured = r.engagements if r.impressions > 0 else 0
        total.add(Sums(1, r.impressions, r.likes, r.comments, r.shares, r.clicks, measured))
    return total


def _numbers(sums: Sums, rate_known: bool = True) -> Numbers:
    """`rate_known`: some post of the set is on a platform that reports impressions."""
    return Numbers(
        impressions=sums.impressions,
        likes=sums.likes,
        comments=sums.comments,
        shares=sums.shares,
        clicks=sums.clicks,
        engagement_rate=rate_or_none(sums.engagement_rate, rate_known),
    )


def _totals(sums: Sums, with_metrics: bool, rate_known: bool = True) -> Totals:
    numbers = _numbers(sums, rate_known) if with_metrics else Numbers()
    return Totals(posts_published=sums.posts, **numbers.model_dump())


def _any_rate(platforms: Iterable[str]) -> bool:
    """A set of posts has a rate unless every one is on a platform without impressions (an
    empty set keeps 0: nothing was published, so nothing is unreported)."""
    names = list(platforms)
    return not names or any(rate_reported(p) for p in names)


def _top(row: PostRow, info: queries.PostDetails | None) -> TopPost:
    return TopPost(
        post_id=info.post_id if info else row.post_id,
        id=row.id,
        platform_post_id=info.external_id if info else None,
        platform=row.platform,
        content=_snippet(info.content if info else ""),
        platform_url=info.platform_url if info else None,
        impressions=row.impressions,
        likes=row.likes,
        comments=row.comments,
        shares=row.shares,
        clicks=row.clicks,
        engagement_rate=rate_or_none(row.engagement_rate, rate_reported(row.platform)),
        published_at=row.published_at,
    )


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1].rstrip() + "…"


# --------------------------------------------------------------------------- overview


def overview(
    session: Session,
    workspace_id: uuid.UUID,
    timezone: str | None,
    range_name: str,
    now: datetime | None = None,
) -> Overview:
    """The workspace's dashboard for the last 7/30/90 days local to the viewer's `timezone`;
    sums and ranking happen in SQL."""
    level = require_level(session, workspace_id, range_level(range_name), "The 90-day range")
    zone = user_zone(timezone)
    win = window(range_name, zone, now or utcnow())
    with_metrics = level != "none"
    by_platform = queries.platform_sums(session, workspace_id, win.start, win.end)
    total = Sums()
    for sums in by_platform.values():
        total.add(sums)
    per_day = queries.published_days(session, workspace_id, win)
    top: list[TopPost] = []
    if with_metrics:
        best = queries.top_rows(session, workspace_id, win.start, win.end, TOP_POSTS)
        info = queries.details(session, workspace_id, [r.id for r in best])
        top = [_top(r, info.get(r.id)) for r in best]
    return Overview(
        range=range_name,
        timezone=zone.key,
        from_=win.start,
        to=win.end,
        analytics_level=level,
        totals=_totals(
            total, with_metrics, _any_rate(p for p, s in by_platform.items() if s.posts)
        ),
        per_platform=[
            PlatformTotals(
                platform=platform,
                reported_metrics=reported(platform),
                **_totals(sums, with_metrics, rate_reported(platform)).model_dump(),
            )
            for platform, sums in sorted(by_platform.items())
        ],
        followers=[
            FollowerTrendOut(
                social_account_id=t.account_id,
                platform=t.platform,
                username=t.username,
                status=t.status,
                current=t.current,
                change=t.change,
                series=[FollowerPoint(date=d, followers=v) for d, v in t.series],
            )
            for t in queries.follower_trends(session, workspace_id, win)
        ],
        published_per_day=[DayCount(date=d, count=per_day.get(d, 0)) for d in win.days()],
        top_posts=top,
    )


# --------------------------------------------------------------------------- platforms


def platforms(
    session: Session,
    workspace_id: uuid.UUID,
    timezone: str | None,
    range_name: str,
    now: datetime | None = None,
) -> PlatformsOut:
    """Per platform: accounts, followers and their change, posts and their numbers, best post."""
    require_level(session, workspace_id, "advanced", "The platform breakdown")
    win = window(range_name, user_zone(timezone), now or utcnow())
    by_platform = queries.platform_sums(session, workspace_id, win.start, win.end)
    trends = queries.follower_trends(session, workspace_id, win)
    names = sorted(set(by_platform) | {t.platform for t in trends})
    best_rows = {
        p: next(iter(queries.top_rows(session, workspace_id, win.start, win.end, 1, p)), None)
        for p in by_platform
    }
    info = queries.details(session, workspace_id, [r.id for r in best_rows.values() if r])
    items = []
    for platform in names:
        sums = by_platform.get(platform, Sums())
        counted = [t for t in trends if t.platform == platform]
        known = [t.current for t in counted if t.current is not None]
        changes = [t.change for t in counted if t.change is not None]
        best = best_rows.get(platform)
        interactions = sums.likes + sums.comments + sums.shares + sums.clicks
        items.append(
            PlatformBreakdown(
                platform=platform,
                reported_metrics=reported(platform),
                accounts=len(counted),
                followers=sum(known) if known else None,
                followers_change=sum(changes) if changes else None,
                impressions_per_post=round(sums.impressions / sums.posts, 2)
                if sums.posts
                else None,
                engagements_per_post=round(interactions / sums.posts, 2) if sums.posts else None,
                best_post=_top(best, info.get(best.id)) if best else None,
                **_totals(sums, True, rate_reported(platform)).model_dump(),
            )
        )
    return PlatformsOut(range=range_name, from_=win.start, to=win.end, items=items)


# --------------------------------------------------------------------------- one post


def _point(snap: PostAnalytics, published_at: datetime | None, platform: str) -> SnapshotPoint:
    fetched = as_utc(snap.fetched_at)
    hours = (fetched - as_utc(published_at)).total_seconds() / 3600 if published_at else 0.0
    return SnapshotPoint(
        fetched_at=fetched,
        hours_after_publish=round(hours, 2),
        impressions=snap.impressions,
        likes=snap.likes,
        comments=snap.comments,
        shares=snap.shares,
        clicks=snap.clicks,
        engagement_rate=rate_or_none(
            engagement_rate(snap.likes, snap.comments, snap.shares, snap.clicks, snap.impressions),
            rate_reported(platform),
        ),
    )


def post_performance(
    session: Session, workspace_id: uuid.UUID, post_id: uuid.UUID
) -> PostPerformance:
    """Each platform's latest numbers and every snapshot since publishing; 404 if the post is
    not the workspace's."""
    post = session.scalar(
        select(Post).where(
            Post.id == post_id, Post.workspace_id == workspace_id, Post.deleted_at.is_(None)
        )
    )
    if post is None:
        raise NotFound("No such post.")
    require_level(session, workspace_id, "basic", "Post analytics")
    targets = list(
        session.scalars(
            select(PlatformPost)
            .where(PlatformPost.post_id == post.id, PlatformPost.workspace_id == workspace_id)
            .order_by(PlatformPost.platform, PlatformPost.created_at)
        )
    )
    series: dict[uuid.UUID, list[PostAnalytics]] = defaultdict(list)
    for snap in queries.snapshots(session, workspace_id, [t.id for t in targets]):
        series[snap.platform_post_id].append(snap)
    usernames: dict[uuid.UUID, str | None] = dict(
        session.execute(  # type: ignore[arg-type]
            select(SocialAccount.id, SocialAccount.platform_username).where(
                SocialAccount.workspace_id == workspace_id,
                SocialAccount.id.in_([t.social_account_id for t in targets if t.social_account_id]),
            )
        ).all()
    )
    next_fetch: dict[str, datetime] = {}
    for payload, at in session.execute(
        select(ScheduledJob.payload, ScheduledJob.scheduled_for)
        .where(
            ScheduledJob.post_id == post.id,
            ScheduledJob.workspace_id == workspace_id,
            ScheduledJob.status.in_(("pending", "running")),
        )
        .order_by(ScheduledJob.scheduled_for)
    ):
        next_fetch.setdefault(str((payload or {}).get("platform_post_id")), as_utc(at))
    platforms_out = []
    latest_rows = []
    for t in targets:
        points = [_point(s, t.published_at, t.platform) for s in series[t.id]]
        if series[t.id]:
            last = series[t.id][-1]
            latest_rows.append(
                PostRow(
                    id=t.id,
                    post_id=post.id,
                    platform=t.platform,
                    social_account_id=t.social_account_id,
                    published_at=as_utc(t.published_at or last.fetched_at),
                    impressions=last.impressions,
                    likes=last.likes,
                    comments=last.comments,
                    shares=last.shares,
                    clicks=last.clicks,
                    fetched_at=last.fetched_at,
                )
            )
        platforms_out.append(
            PlatformPerformance(
                id=t.id,
                platform=t.platform,
                social_account_id=t.social_account_id,
                username=usernames.get(t.social_account_id) if t.social_account_id else None,
                status=t.status,
                platform_post_id=t.platform_post_id,
                platform_url=t.platform_url,
                published_at=t.published_at,
                reported_metrics=reported(t.platform),
                latest=points[-1] if points else None,
                series=points,
                next_fetch_at=next_fetch.get(str(t.id)),
            )
        )
    return PostPerformance(
        post_id=post.id,
        content=post.content,
        status=post.status,
        published_at=post.published_at,
        totals=_numbers(sums_of(latest_rows), _any_rate(r.platform for r in latest_rows)),
        platforms=platforms_out,
    )


# --------------------------------------------------------------------------- the post table

SORTS = {
    "published_at": lambda r: (r.published_at,),
    "impressions": lambda r: (r.impressions, r.published_at),
    # An unreported rate (LinkedIn) sorts below every measured one, 0.00 included.
    "engagement_rate": lambda r: (
        r.engagement_rate if rate_reported(r.platform) else -1,
        r.published_at,
    ),
    "engagements": lambda r: (r.engagements, r.published_at),
}


def table_rows(
    session: Session,
    workspace_id: uuid.UUID,
    timezone: str | None,
    range_name: str,
    platform: str | None = None,
    sort: str = "published_at",
    now: datetime | None = None,
) -> list[PostTableRow]:
    """Every published platform post in the range with its latest numbers, sorted, newest
    (or highest) first."""
    win = window(range_name, user_zone(timezone), now or utcnow())
    rows = queries.post_rows(session, workspace_id, win.start, win.end)
    if platform:
        rows = [r for r in rows if r.platform == platform]
    rows.sort(key=SORTS[sort], reverse=True)
    info = queries.details(session, workspace_id, [r.id for r in rows])
    usernames: dict[uuid.UUID, str | None] = dict(
        session.execute(  # type: ignore[arg-type]
            select(SocialAccount.id, SocialAccount.platform_username).where(
                SocialAccount.workspace_id == workspace_id
            )
        ).all()
    )
    return [
        PostTableRow(
            id=r.id,
            post_id=r.post_id,
            platform=r.platform,
            username=usernames.get(r.social_account_id) if r.social_account_id else None,
            platform_post_id=info[r.id].external_id if r.id in info else None,
            platform_url=info[r.id].platform_url if r.id in info else None,
            content=info[r.id].content if r.id in info else "",
            published_at=r.published_at,
            impressions=r.impressions,
            likes=r.likes,
            comments=r.comments,
            shares=r.shares,
            clicks=r.clicks,
            engagement_rate=rate_or_none(r.engagement_rate, rate_reported(r.platform)),
            fetched_at=r.fetched_at,
        )
        for r in rows
    ]


def post_table(
    session: Session,
    workspace_id: uuid.UUID,
    timezone: str | None,
    range_name: str,
    platform: str | None,
    sort: str,
    limit: int,
    offset: int,
    now: datetime | None = None,
) -> PostTable:
    """One page of the post table (Pro and up; 90 days on Business)."""
    require_level(session, workspace_id, "basic", "The post table")
    require_level(session, workspace_id, range_level(range_name), "The 90-day range")
    rows = table_rows(session, workspace_id, timezone, range_name, platform, sort, now)
    for row in rows[offset : offset + limit]:
        row.content = _snippet(row.content)
    return PostTable(range=range_name, total=len(rows), items=rows[offset : offset + limit])
