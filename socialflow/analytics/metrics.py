"""The numbers analytics speaks: one engagement rate, what each platform reports, date ranges.

Everything that defines a figure lives here once, so the jobs that store snapshots, the
overview, the per-post page and the CSV export cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from socialflow.core.clock import as_utc

METRICS = ("impressions", "likes", "comments", "shares", "clicks")

# Which of the five numbers each platform's API gives us (docs/PLATFORMS.md, the connectors).
# A metric not listed is stored as 0 in a snapshot; clients show it as "not reported".
REPORTED: dict[str, tuple[str, ...]] = {
    "twitter": ("impressions", "likes", "comments", "shares"),
    "instagram": ("impressions", "likes", "comments", "shares"),
    "tiktok": ("impressions", "likes", "comments", "shares"),
    "linkedin": ("likes", "comments"),
    "facebook": ("impressions", "likes", "comments", "shares", "clicks"),
    "youtube": ("impressions", "likes", "comments"),
}

RangeName = Literal["7d", "30d", "90d"]
RANGE_DAYS: dict[str, int] = {"7d": 7, "30d": 30, "90d": 90}
CENT = Decimal("0.01")


def engagements(likes: int, comments: int, shares: int, clicks: int) -> int:
    """Interactions counted by the engagement rate."""
    return likes + comments + shares + clicks


def engagement_rate(
    likes: int, comments: int, shares: int, clicks: int, impressions: int
) -> Decimal:
    """(likes + comments + shares + clicks) / impressions * 100, two decimals; 0 without views.

    Capped at 99999.99 so it always fits the Numeric(7, 2) column (a platform may count more
    interactions than views, e.g. likes from people who never had the post in their feed).
    """
    if impressions <= 0:
        return Decimal("0.00")
    rate = Decimal(engagements(likes, comments, shares, clicks) * 100) / Decimal(impressions)
    return min(rate, Decimal("99999.99")).quantize(CENT, rounding=ROUND_HALF_UP)


def reported(platform: str) -> list[str]:
    return list(REPORTED.get(platform, METRICS))


def rate_reported(platform: str) -> bool:
    """Whether the platform's posts have an engagement rate at all: only where its API reports
    impressions. Elsewhere (LinkedIn member posts) the API says null, "not reported", never 0."""
    return "impressions" in REPORTED.get(platform, METRICS)


def rate_or_none(rate: Decimal, known: bool) -> float | None:
    return float(rate) if known else None


# --------------------------------------------------------------------------- ranges


def user_zone(name: str | None) -> ZoneInfo:
    """The user's time zone (UTC if unknown, so a bad value never breaks a page)."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


@dataclass(frozen=True, slots=True)
class Window:
    """A range of whole local days ending today, in the user's time zone."""

    name: str
    zone: ZoneInfo
    first_day: date
    last_day: date
    start: datetime  # UTC, local midnight of first_day
    end: datetime  # UTC, now

    def days(self) -> list[date]:
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + timedelta(days=i) for i in range(count)]

    def local_day(self, moment: datetime) -> date:
        return as_utc(moment).astimezone(self.zone).date()


def window(name: str, zone: ZoneInfo, now: datetime) -> Window:
    """`7d` = today and the 6 local days before it, from local midnight until now."""
    days = RANGE_DAYS[name]
    today = as_utc(now).astimezone(zone).date()
    first = today - timedelta(days=days - 1)
    start = datetime.combine(first, time.min, tzinfo=zone)
    return Window(name, zone, first, today, as_utc(start), as_utc(now))
