"""Post housekeeping: deleted posts go for good once their undo window has passed."""

from __future__ import annotations

import logging

from socialflow.core.context import AppContext
from socialflow.jobs.registry import periodic
from socialflow.posts import trash

log = logging.getLogger("socialflow.posts.tasks")


@periodic("posts.purge_deleted", every=3600)
def purge_deleted(ctx: AppContext) -> float | None:
    """Posts deleted more than `trash.UNDO_WINDOW` ago (the delete itself only hides them)."""
    with ctx.db.session() as session:
        gone = trash.purge_expired(session)
    if gone:
        log.info("purged %d deleted post(s) past the undo window", gone)
    return None
