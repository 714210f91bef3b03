"""`insert_rows`: many rows in one statement (unnest on PostgreSQL), every type the engine
writes that way round-trips unchanged."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from socialflow.core.db import Database, insert_rows
from socialflow.models import ScheduledJob, User
from socialflow.models.workspaces import add_personal_workspace
from socialflow.publishing.outcomes import table_of


def test_rows_round_trip(db: Database) -> None:
    now = datetime(2028, 2, 29, 23, 30, 0, 123456, tzinfo=UTC)  # the rows cross into March
    user_id = uuid.uuid4()
    with db.session() as s:
        s.add(User(id=user_id, email="rows@example.com", password_hash="!"))
        s.flush()
        add_personal_workspace(s, user_id, now)
    rows = [
        {
            "id": uuid.uuid4(),
            "kind": "analytics.post_metrics",
            "payload": {"platform_post_id": str(uuid.uuid4()), "n": i, "nested": {"ok": True}},
            "dedupe_key": f"rows:{i}" if i % 2 else None,
            "post_id": None,
            "workspace_id": user_id,
            "scheduled_for": now + timedelta(hours=i),
            "status": "pending",
            "attempts": i,
            "created_at": now,
            "updated_at": now,
        }
        for i in range(7)
    ]
    with db.session() as s:
        insert_rows(s, table_of(ScheduledJob), rows)
        insert_rows(s, table_of(ScheduledJob), [])  # nothing to do
    with db.session() as s:
        stored = {j.id: j for j in s.scalars(select(ScheduledJob))}
    assert set(stored) == {r["id"] for r in rows}
    for row in rows:
        job = stored[row["id"]]
        assert job.payload == row["payload"]
        assert job.dedupe_key == row["dedupe_key"]
        assert job.workspace_id == user_id and job.post_id is None
        assert job.scheduled_for == row["scheduled_for"]
        assert job.attempts == row["attempts"]
