"""Auth housekeeping: old throttle counters, spent e-mail tokens, and sent mail past retention."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, or_

from socialflow.auth import throttle
from socialflow.core.clock import utcnow
from socialflow.core.context import AppContext
from socialflow.jobs.registry import periodic
from socialflow.models import EmailToken
from socialflow.models.outbox import purge_outbox


@periodic("auth.purge", every=3600)
def purge(ctx: AppContext) -> float | None:
    """Delete what no longer protects or serves anyone."""
    now = utcnow()
    day = timedelta(days=1)
    with ctx.db.session() as session:
        throttle.purge(session, day, now)
        session.execute(
            delete(EmailToken).where(
                or_(EmailToken.expires_at < now - day, EmailToken.used_at < now - day)
            )
        )
        purge_outbox(session, timedelta(days=ctx.settings.outbox_retention_days), now)
    return None
