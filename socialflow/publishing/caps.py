"""Platform daily caps: hold work that would exceed them, instead of failing at the platform."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from socialflow.core.context import AppContext
from socialflow.models import PlatformPost, Post
from socialflow.models.posts import LEASED_STATES
from socialflow.notifications.service import notify

WINDOW = timedelta(hours=24)
NAMES = {"twitter": "X", "youtube": "YouTube", "tiktok": "TikTok", "instagram": "Instagram"}


def _usage(
    session: Session, now: datetime, groups: list[tuple[str, Any]]
) -> dict[tuple[str, Any], tuple[int, datetime | None]]:
    """Per group: posts published in the last 24 h (or in flight), and when the oldest of them
    leaves the window. One grouped query per scope kind, not one per account: a claim of 50
    rows spread over many accounts was ~30 round trips."""
    since = now - WINDOW
    recent = or_(
        (PlatformPost.status == "published") & (PlatformPost.published_at > since),
        PlatformPost.status.in_(LEASED_STATES),
    )
    out: dict[tuple[str, Any], tuple[int, datetime | None]] = {}
    accounts = {a for p, a in groups if a is not None}
    if accounts:
        platforms = {p for p, a in groups if a is not None}
        for platform, account_id, used, oldest in session.execute(
            select(
                PlatformPost.platform,
                PlatformPost.social_account_id,
                func.count(),
                func.min(PlatformPost.published_at),
            )
            .where(
                PlatformPost.social_account_id.in_(accounts),
                PlatformPost.platform.in_(platforms),
                recent,
            )
            .group_by(PlatformPost.platform, PlatformPost.social_account_id)
        ):
            out[(platform, account_id)] = (int(used), oldest)
    app_wide = {p for p, a in groups if a is None}
    if app_wide:
        for platform, used, oldest in session.execute(
            select(PlatformPost.platform, func.count(), func.min(PlatformPost.published_at))
            .where(PlatformPost.platform.in_(app_wide), recent)
            .group_by(PlatformPost.platform)
        ):
            out[(platform, None)] = (int(used), oldest)
    return out


def hold_over_cap(
    ctx: AppContext, session: Session, candidates: Sequence[Any], now: datetime
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
    usage = _usage(session, now, list(groups)) if groups else {}
    for (platform, account_id), rows in groups.items():
        cap = per_app[platform] if account_id is None else per_account[platform]
        used, oldest = usage.get((platform, account_id), (0, None))
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
        author = session.scalar(select(Post.created_by).where(Post.id == row.post_id))
        notify(
            session,
            row.workspace_id,
            "post_held",
            "Post delayed by a platform limit",
            message,
            f"/posts/{row.post_id}",
            author_id=author,
        )
