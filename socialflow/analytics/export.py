"""The post table as CSV (RFC 4180), safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import datetime

from sqlalchemy.orm import Session

from socialflow.analytics.metrics import user_zone
from socialflow.analytics.service import range_level, require_level, table_rows

COLUMNS = (
    "published_at",
    "platform",
    "account",
    "post_id",
    "platform_post_id",
    "url",
    "content",
    "impressions",
    "likes",
    "comments",
    "shares",
    "clicks",
    "engagement_rate",
    "fetched_at",
)
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection); a leading
# apostrophe makes it text. Tab and carriage return start formulas in some programs too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The cell's text, defused if a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(header: tuple[str, ...], rows: list[list[object]]) -> str:
    """RFC 4180: CRLF line ends, fields with comma, quote or line break quoted, quotes doubled."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()


def posts_csv(
    session: Session,
    workspace_id: uuid.UUID,
    timezone: str | None,
    range_name: str,
    now: datetime | None = None,
) -> str:
    """Every published platform post of the workspace in the range with its latest numbers
    (Business); times in the viewer's `timezone`."""
    require_level(session, workspace_id, "advanced", "The CSV export")
    require_level(session, workspace_id, range_level(range_name), "The 90-day range")
    zone = user_zone(timezone)
    rows = table_rows(session, workspace_id, timezone, range_name, now=now)

    def local(moment: datetime | None) -> str:
        return moment.astimezone(zone).isoformat(timespec="seconds") if moment else ""

    return to_csv(
        COLUMNS,
        [
            [
                local(r.published_at),
                r.platform,
                r.username,
                r.post_id,
                r.platform_post_id,
                r.platform_url,
                r.content,
                r.impressions,
                r.likes,
                r.comments,
                r.shares,
                r.clicks,
                "" if r.engagement_rate is None else f"{r.engagement_rate:.2f}",
                local(r.fetched_at),
            ]
            for r in rows
        ],
    )
