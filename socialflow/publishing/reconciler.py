"""The reconciler: settles `unknown` outcomes by asking the platform what is really there.

A publish whose answer was lost may or may not have posted. If the platform had already named
the post before the answer was lost (TikTok's publish_id), we ask for that post's status
(`check`): live or processing settles it, a failed status proves it absent. Otherwise we look
for it with `find_recent` after each delay in `reconcile_delays`. Found: published. Absent at
every look: proven absent, so a new attempt is allowed, unless the listing cannot see every
post (`find_recent_proves_absence` False: TikTok lists only public, moderated posts). Cannot
look (no listing, or it fails): the row stays unknown and the user is asked to check.
"""

from __future__ import annotations

import logging
import re
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from socialflow.core.clock import as_utc, utcnow
from socialflow.core.context import AppContext
from socialflow.core.db import affected
from socialflow.models import PlatformPost, PublishAttempt
from socialflow.platforms.base import Connector, Pending, Published, RecentPost, Rejected
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
    ref = (taken.pending_ref or {}).get("ref")
    if ref and taken.account_id is not None:
        _settle_by_ref(ctx, taken, connector, ref, checks)
        return
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
    if not connector.capabilities.find_recent_proves_absence:
        give_up(ctx, taken, "the platform lists only public posts, so its absence proves nothing")
        return
    _proven_absent(ctx, pp_id)


def _settle_by_ref(
    ctx: AppContext, taken: Taken, connector: Connector, ref: dict[str, Any], checks: int
) -> None:
    """Ask for the very post the platform had named: its status settles the row."""
    try:
        result = _call(ctx, taken, lambda t: connector.check(t, ref))
    except Rejected as exc:  # the platform says this post failed: it is not there
        log.info("reconcile %s: the platform reports it failed: %s", taken.id, exc.message)
        _proven_absent(ctx, taken.id)
        return
    except Exception as exc:  # a failed look proves nothing
        log.warning("reconcile %s: status look failed: %s", taken.id, exc)
        if checks + 1 >= len(ctx.settings.reconcile_delays):
            give_up(ctx, taken, f"looking it up failed ({exc})")
        else:
            _next_look(ctx, taken, checks + 1, ref)
        return
    if isinstance(result, Published):
        outcomes.published(ctx, taken, result.platform_post_id, result.url, result.notice)
    elif isinstance(result, Pending):  # it exists and is still processing: poll it as usual
        with ctx.db.session() as session:
            session.execute(
                update(PlatformPost)
                .where(PlatformPost.id == taken.id, PlatformPost.status == "unknown")
                .values(
                    status="processing",
                    pending_ref=result.ref,
                    lease_expires_at=utcnow() + timedelta(seconds=max(0.5, result.poll_after)),
                    due_at=None,
                    error_code=None,
                    error_message=None,
                    updated_at=utcnow(),
                )
                .execution_options(synchronize_session=False)
            )


def _proven_absent(ctx: AppContext, pp_id: uuid.UUID) -> None:
    """Absent at every look (or failed at the platform): a new attempt is safe."""
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


def _next_look(
    ctx: AppContext, taken: Taken, checks: int, ref: dict[str, Any] | None = None
) -> None:
    delay = ctx.settings.reconcile_delays[checks]
    with ctx.db.session() as session:
        session.execute(
            update(PlatformPost)
            .where(PlatformPost.id == taken.id, PlatformPost.status == "unknown")
            .values(
                due_at=utcnow() + timedelta(seconds=delay),
                pending_ref={"reconcile_checks": checks, **({"ref": ref} if ref else {})},
                updated_at=utcnow(),
            )
            .execution_options(synchronize_session=False)
        )


def give_up(ctx: AppContext, taken: Taken, why: str) -> None:
    """Stay unknown (never re-post blindly) and ask the user to check."""
    with ctx.db.session() as session:
        changed = affected(
            session.execute(
                update(PlatformPost)
                .where(PlatformPost.id == taken.id, PlatformPost.status == "unknown")
                .values(
                    due_at=None,
                    updated_at=utcnow(),
                    error_message=f"We could not confirm whether this was posted: {why}. "
                    "Check your account; if it is not there, use Retry.",
                )
                .execution_options(synchronize_session=False)
            )
        )
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
