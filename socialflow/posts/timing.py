"""Turning what a user typed into a UTC instant: ISO with offset, or local time in a zone.

DST is handled deliberately: a local time inside a spring-forward gap does not exist and is
refused with the gap named; a time inside a fall-back overlap happens twice and is taken at
its first occurrence unless the caller asks for the second (`fold=1`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from socialflow.core.clock import utcnow
from socialflow.core.errors import field_error

MIN_LEAD = timedelta(seconds=0)
MAX_AHEAD = timedelta(days=730)


@dataclass(frozen=True, slots=True)
class ResolvedTime:
    at: datetime  # aware UTC
    timezone: str
    ambiguous: bool


def zone(name: str, field: str = "timezone") -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise field_error(field, f"unknown time zone {name!r}") from exc


def resolve(value: str, tz_name: str, fold: int = 0, now: datetime | None = None) -> ResolvedTime:
    """Parse `value`; naive local times are read in `tz_name`. Past times are refused."""
    now = now or utcnow()
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise field_error(
            "scheduled_for", "must be ISO 8601, e.g. 2026-12-01T09:30:00+01:00 or 2026-12-01T09:30"
        ) from exc
    ambiguous = False
    if parsed.tzinfo is None:
        tz = zone(tz_name)
        first = parsed.replace(tzinfo=tz, fold=0)
        second = parsed.replace(tzinfo=tz, fold=1)
        if _round_trips(first) is False and _round_trips(second) is False:
            before = (first - timedelta(hours=1)).astimezone(tz)
            raise field_error(
                "scheduled_for",
                f"{parsed:%H:%M} does not exist on {parsed:%Y-%m-%d} in {tz_name}: the clocks "
                f"skip it (daylight saving). Pick a time before {before:%H:%M} or after the jump.",
            )
        ambiguous = first.utcoffset() != second.utcoffset()
        aware = second if (ambiguous and fold == 1) else first
    else:
        aware = parsed
        tz_name = tz_name or "UTC"
    at = aware.astimezone(UTC)
    if at < now - MIN_LEAD:
        local = at.astimezone(zone(tz_name))
        raise field_error("scheduled_for", f"{local:%Y-%m-%d %H:%M} ({tz_name}) is in the past")
    if at > now + MAX_AHEAD:
        raise field_error("scheduled_for", "must be within two years")
    return ResolvedTime(at=at, timezone=tz_name, ambiguous=ambiguous)


def _round_trips(aware: datetime) -> bool:
    """A local time exists iff converting to UTC and back gives the same wall clock."""
    back = aware.astimezone(UTC).astimezone(aware.tzinfo)
    return back.replace(tzinfo=None) == aware.replace(tzinfo=None)
