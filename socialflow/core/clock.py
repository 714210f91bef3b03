"""One source of "now" (UTC, aware), so tests and the engine agree on time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]
"""Where a request reads "now" (`AppContext.clock`) when it judges the dates a user gives or
asks about: is a scheduled time past, which usage month a post counts in, which days an
analytics range covers. `utcnow` in the app; tests pin it to a fixed instant. The engine,
leases, tokens and time stamps read `utcnow()`: they are about real time passing."""


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """Aware UTC; naive values are taken to be UTC (SQLite hands them back naive)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
