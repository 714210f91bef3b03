"""Making a published post's follow-ups (thread parts, the first comment) and starting them.

Apart from `followups.py` (which sends them) so that recording an outcome, which makes the
parts in its commit, does not import the sender.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from socialflow.core.context import AppContext
from socialflow.jobs.registry import enqueue
from socialflow.models import PlatformPostPart
from socialflow.platforms.options import follow_ups
from socialflow.publishing.taken import Taken


def make_parts(session: Session, published: list[Taken], now: datetime) -> list[uuid.UUID]:
    """In the commit that records these rows as published: their follow-ups, the first one
    due now. Returns the platform posts that got some (to run once the commit is done)."""
    out = []
    for taken in published:
        specs = follow_ups(taken.platform, taken.options)
        if not specs:
            continue
        exists = session.scalar(
            select(PlatformPostPart.id).where(PlatformPostPart.platform_post_id == taken.id)
        )
        if exists is not None:  # published twice (a late answer): the parts are made already
            continue
        for number, spec in enumerate(specs):
            session.add(
                PlatformPostPart(
                    platform_post_id=taken.id,
                    kind=spec.kind,
                    position=spec.position,
                    content=spec.text,
                    media_ids=list(spec.media_ids),
                    status="pending",
                    due_at=now if number == 0 else None,
                    created_at=now,
                    updated_at=now,
                )
            )
        out.append(taken.id)
    return out


def start(ctx: AppContext, session: Session, platform_post_ids: list[uuid.UUID]) -> None:
    """Send the follow-ups of these platform posts as soon as `session` commits."""
    for pp_id in platform_post_ids:
        enqueue(ctx, session, "publishing.followups", platform_post_id=str(pp_id))
