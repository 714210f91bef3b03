"""The activity log: who did what in a workspace, written in the same transaction as the act."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from socialflow.core.clock import utcnow
from socialflow.models import ActivityEvent


def record(
    session: Session,
    workspace_id: uuid.UUID,
    actor_id: uuid.UUID | None,
    action: str,
    summary: str,
    *,
    target_type: str | None = None,
    target_id: uuid.UUID | str | None = None,
    details: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> None:
    session.add(
        ActivityEvent(
            workspace_id=workspace_id,
            actor_id=actor_id,
            action=action,
            summary=summary[:2000],
            target_type=target_type,
            target_id=None if target_id is None else str(target_id),
            details=details or {},
            created_at=now or utcnow(),
        )
    )
