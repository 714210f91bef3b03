"""The reconciler: settles `unknown` outcomes by asking the platform what is really there.

A publish whose answer was lost may or may not have posted. We look for it with the
connector's `find_recent` after each delay in `reconcile_delays`. Found: published. Absent at
every look: proven absent, so a new attempt is allowed. Cannot look (the platform offers no
listing, or the listing fails): the row stays unknown and the user is asked to check.
"""

from __future__ import annotations

import logging
import re
import uuid
from datetime import timedelta

from sqlalchemy import select, update

from socialflow.core.clock import as_utc, utcnow
from socialflow.core.context import AppContext
from socialflow.models import PlatformPost, PublishAttempt
from socialflow.platforms.base import RecentPost
from socialflow.publishing import outcomes
from socialflow.publishing.publisher import _call, _last_attempt, connector_for
from socialflow.publishing.taken import Taken

log = logging.getLogger("socialflow.reconciler")
LOOKBACK = timedelta(minutes=10)  # platforms' clocks and indexing lag


def _norm(text: str) -> str:
    text = re.sub(r"https?://\S+", "", text)  # platforms shorten or rewrite links
    text = re.sub(r"\\([\\|{}@\[\]()<>#*_~])", r"\1", text)  # LinkedIn's escaping
    return " ".join(text.split()).casefold()


def matches(ours: str, theirs: RecentPost) -> bool:
    a, b = _norm(ours), _norm(theirs.text)
    if not a or not b:
        return False
    return a == b or a[:80] == b[:80]


def reconcile(ctx: AppContext, platform_post_id: str) -> None:
    """Job `publishing.reconcile`."""
    pp_id = uuid.UUID(platform_post_id)
    with ctx.db.read_sessions() as session:
        row = session.get(PlatformPost, pp_id)
        if row is None or row.status != "unknown":
            return
        since = (
            session.scalar(
                select(PublishAttempt.started_at)
                .where(PublishAttempt.platform_post_id == pp_id)
                .order_by(PublishAttempt.started_at)
                .limit(1)
            )
            or row.updated_at
        )
        taken = Taken.of(row, _last_attempt(session, row.id))
    connector = connector_for(ctx, taken.platform)
    checks = int((taken.pending_ref or {}).get("reconcile_checks", 0))
    if not connector.capabilities.supports_find_recent or taken.account_id is None:
        give_up(ctx, taken, "this platform offers no way to look the post up")
        return
    try:
        recent = _call(ctx, taken, lambda t: connector.find_recent(t, as_utc(since) - LOOKBACK))
    except Exception as exc:  # a failed look proves nothing
        log.warning("reconcile %s: listing failed: %s", pp_id, exc)
        if checks + 1 >= len(ctx.settings.reconcile_delays):
            give_up(ctx, taken, f"looking it up failed ({exc})")
        else:
            _next_look(ctx, taken, checks + 1)
        return
    hit = next((p for p in recent if matches(taken.content, p)), None)
    if hit is not None:
        log.info("reconcile %s: found %s at the platform", pp_id, hit.platform_post_id)
        outcomes.published(ctx, taken, hit.platform_post_id, hit.url)
        return
    checks += 1
    if checks < len(ctx.settings.reconcile_delays):
        _next_look(ctx, taken, checks)
        return
    # Absent at every look: proven absent. A new attempt is safe.
    with ctx.db.session() as session:
        session.execute(
            update(PlatformPost)
            .where(PlatformPost.id == pp_id, PlatformPost.status == "unknown")
            .values(
                status="retry_wait",
                due_at=utcnow(),
                pending_ref=None,
                error_message="Not found at the platform after the lost answer; retrying.",
                updated_at=utcnow(),
            )
            .execution_options(synchronize_session=False)
        )


def _next_look(ctx: AppContext, taken: Taken, checks: int) -> None:
    delay = ctx.settings.reconcile_delays[checks]
    with ctx.db.session() as session:
        session.execute(
            update(PlatformPost)
            .where(PlatformPost.id == taken.id, PlatformPost.status == "unknown")
            .values(
                due_at=utcnow() + timedelta(seconds=delay),
                pending_ref={"reconcile_checks": checks},
                updated_at=utcnow(),
            )
            .execution_options(synchronize_session=False)
        )


def give_up(ctx: AppContext, taken: Taken, why: str) -> None:
    """Stay unknown (never re-post blindly) and ask the user to check."""
    with ctx.db.session() as session:
        changed = session.execute(
            update(PlatformPost)
            .where(PlatformPost.id == taken.id, PlatformPost.status == "unknown")
            .values(
                due_at=None,
                updated_at=utcnow(),
                error_message=f"We could not confirm whether this was posted: {why}. "
                "Check your account; if it is not there, use Retry.",
            )
            .execution_options(synchronize_session=False)
        ).rowcount
        if changed:
            outcomes.notify(
                ctx,
                session,
                taken,
                "post_unknown",
                f"Check your {outcomes._name(taken.platform)} post",
                f"We lost the platform's answer and could not confirm the post ({why}). "
                "Look at your account; if it is missing, retry it from Socialflow.",
            )
