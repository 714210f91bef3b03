"""Claude answers already paid for, per user: the same request is not paid twice."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from socialflow.core.clock import utcnow
from socialflow.models import AICacheEntry
from socialflow.optimizer.claude import PROMPT_VERSION


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """Everything that shapes Claude's answer for one platform."""

    text: str
    platform: str
    model: str
    brand_voice: str | None
    instructions: str | None
    media_count: int
    mode: str = ""  # "thread": X as a thread, a different answer for the same post

    @property
    def key(self) -> str:
        text_hash = hashlib.sha256(self.text.encode()).hexdigest()
        parts = [
            PROMPT_VERSION,
            text_hash,
            self.platform,
            self.model,
            self.brand_voice or "",
            self.instructions or "",
            self.media_count,
        ]
        if self.mode:  # keys of ordinary answers stay what they were
            parts.append(self.mode)
        return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


@dataclass(slots=True)
class CachedAnswer:
    content: str
    title: str | None
    extra: dict[str, Any] = field(default_factory=dict)


def lookup(
    session: Session, user_id: uuid.UUID, prints: dict[str, Fingerprint], max_age_days: int
) -> dict[str, CachedAnswer]:
    """platform -> the cached answer, for those fresh in the cache."""
    if not prints or max_age_days <= 0:
        return {}
    by_key = {fp.key: platform for platform, fp in prints.items()}
    rows = session.scalars(
        select(AICacheEntry).where(
            AICacheEntry.user_id == user_id,
            AICacheEntry.cache_key.in_(list(by_key)),
            AICacheEntry.created_at >= utcnow() - timedelta(days=max_age_days),
        )
    )
    return {by_key[r.cache_key]: CachedAnswer(r.content, r.title, r.extra or {}) for r in rows}


def store(
    session: Session,
    user_id: uuid.UUID,
    fingerprint: Fingerprint,
    answer: CachedAnswer,
    input_tokens: int,
    output_tokens: int,
) -> None:
    """Insert or refresh the answer for this fingerprint (two racing requests: last wins)."""
    values = {
        "id": uuid.uuid4(),
        "user_id": user_id,
        "cache_key": fingerprint.key,
        "platform": fingerprint.platform,
        "model": fingerprint.model,
        "content": answer.content,
        "title": answer.title,
        "extra": answer.extra,
        "input_tokens": input_tokens,
        "output_tokens": output_tokens,
        "created_at": utcnow(),
    }
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(AICacheEntry).values(**values)
    updated = {k: statement.excluded[k] for k in values if k not in ("id", "user_id", "cache_key")}
    session.execute(
        statement.on_conflict_do_update(index_elements=["user_id", "cache_key"], set_=updated)
    )
