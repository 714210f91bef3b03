"""What the engine holds about a platform post it took: shared by the publisher and outcomes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row

from socialflow.models import PlatformPost


@dataclass(slots=True)
class Taken:
    """What the publisher needs after it took a row (read in the taking transaction)."""

    id: uuid.UUID
    post_id: uuid.UUID
    workspace_id: uuid.UUID
    account_id: uuid.UUID | None
    platform: str
    content: str
    title: str | None
    media_ids: list[str]
    options: dict[str, Any]
    attempt_no: int
    attempt_id: uuid.UUID
    pending_ref: dict[str, Any] | None
    # time.monotonic() after which the call must not start: its lease would run out while
    # the call could still be in flight (0: no limit).
    call_by: float = 0.0

    @classmethod
    def of(cls, row: PlatformPost | Row[Any], attempt_id: uuid.UUID) -> Taken:
        return cls(
            id=row.id,
            post_id=row.post_id,
            workspace_id=row.workspace_id,
            account_id=row.social_account_id,
            platform=row.platform,
            content=row.content,
            title=row.title,
            media_ids=list(row.media_ids),
            options=dict(row.options or {}),
            attempt_no=row.attempts,
            attempt_id=attempt_id,
            pending_ref=dict(row.pending_ref) if row.pending_ref else None,
        )
