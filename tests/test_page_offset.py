"""Regression (found by bench/schemathesis_run.py): a huge `offset` on a list endpoint
overflowed the database integer and answered 500; it is now a 422 naming the field."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from socialflow.core.context import AppContext
from socialflow.core.deps import MAX_OFFSET
from socialflow.models import Workspace

LISTS = ("/api/posts", "/api/media", "/api/library", "/api/analytics/posts")


@pytest.fixture
def business(ctx: AppContext, auth_headers: dict[str, str]) -> dict[str, str]:
    with ctx.db.session() as s:  # analytics' post table is plan-gated
        s.execute(
            update(Workspace).values(subscription_tier="business", subscription_status="active")
        )
    return auth_headers


@pytest.mark.parametrize("path", LISTS)
def test_huge_offset_is_a_422_not_a_500(
    client: TestClient, business: dict[str, str], path: str
) -> None:
    r = client.get(path, params={"offset": 2**70}, headers=business)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["details"][0]["field"] == "offset"
    r = client.get(path, params={"offset": MAX_OFFSET + 1}, headers=business)
    assert r.status_code == 422
    r = client.get(path, params={"offset": MAX_OFFSET}, headers=business)
    assert r.status_code == 200, r.text
    assert r.json()["items"] == [] or r.json().get("rows") == []
