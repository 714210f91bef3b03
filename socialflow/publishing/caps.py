"""Platform daily caps: hold work that would exceed them, instead of failing at the platform."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from socialflow.core.context import AppContext
from socialflow.models import Notification, PlatformPost
from socialflow.models.posts import LEASED_STATES

WINDOW = timedelta(hours=24)
NAMES = {"twitter": "X", "youtube": "YouTube", "tiktok": "TikTok", "instagram": "Instagram"}


def _recent(session: Session, now: datetime, *where: Any) -> tuple[int, datetime | None]:
    """Posts published in the last 24 h (or in flight) and when the oldest leaves the window."""
    since = now - WINDOW
    used, oldest = session.execute(
        select(func.count(), func.min(PlatformPost.published_at)).where(
            *where,
            or_(
                (PlatformPost.status == "published") & (PlatformPost.published_at > since),
                PlatformPost.status.in_(LEASED_STATES),
            ),
        )
    ).one()
    return int(used), oldest


def hold_over_cap(
    ctx: AppContext, session: Session, candidates: list[Any], now: datetime
) -> set[uuid.UUID]:
    """Ids among `candidates` to hold back; their due time is moved to when room frees."""
    per_account = ctx.settings.daily_caps_per_account
    per_app = ctx.settings.daily_caps_per_app
    groups: dict[tuple[str, Any], list[Any]] = defaultdict(list)
    for c in candidates:
        if c.platform in per_app:
            groups[(c.platform, None)].append(c)
        elif c.platform in per_account:
            groups[(c.platform, c.social_account_id)].append(c)
    held: set[uuid.UUID] = set()
    for (platform, account_id), rows in groups.items():
        scope = [PlatformPost.platform == platform]
        if account_id is not None:
            scope.append(PlatformPost.social_account_id == account_id)
        cap = per_app[platform] if account_id is None else per_account[platform]
        used, oldest = _recent(session, now, *scope)
        room = max(0, cap - used)
        for row in rows[room:]:
            held.add(row.id)
            free_at = (oldest or now) + WINDOW
            _hold(session, row.id, platform, cap, account_id is None, free_at, now)
    return held


def _hold(
    session: Session,
    pp_id: uuid.UUID,
    platform: str,
    cap: int,
    app_wide: bool,
    free_at: datetime,
    now: datetime,
) -> None:
    who = "this app" if app_wide else "an account"
    message = (
        f"{NAMES.get(platform, platform.title())} allows {cap} posts per 24 hours for {who}; "
        f"this one will go out at {free_at:%Y-%m-%d %H:%M} UTC, when room frees up."
    )
    row = session.get(PlatformPost, pp_id)
    if row is None:
        return
    first_time = row.error_code != "daily_cap"
    session.execute(
        update(PlatformPost)
        .where(PlatformPost.id == pp_id)
        .values(due_at=free_at, error_code="daily_cap", error_message=message, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if first_time:
        session.add(
            Notification(
                user_id=row.user_id,
                kind="post_held",
                title="Post delayed by a platform limit",
                body=message,
                link=f"/posts/{row.post_id}",
            )
        )
