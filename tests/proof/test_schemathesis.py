"""Schemathesis, small: every operation of /api/openapi.json as an authenticated user with
real objects, a few positive and negative cases each. No 5xx, and every response (errors
included) as documented. The full run is bench/schemathesis_run.py."""

from __future__ import annotations

from typing import Any

import httpx

from tests.proof.fuzz import fuzz, load_schema
from tests.proof.world import World, refill

EXAMPLES = 8  # per operation and mode; the bench runs ~100


def test_every_operation_answers_as_documented(served: dict[str, Any], world: World) -> None:
    schema = load_schema(served["base"])
    operations = {r.ok().label for r in schema.get_all_operations()}
    with httpx.Client(base_url=served["base"], timeout=60) as http:
        stats = fuzz(schema, world, EXAMPLES, refill=lambda: refill(world, http), seed=1)
    details = "\n".join(f"{k} {op}:\n{d}" for (k, op), d in list(stats.examples.items())[:5])
    assert not stats.failures, f"{dict(stats.failures)}\n{details}"
    assert not [s for s in stats.statuses if s >= 500]
    assert set(stats.by_operation) == operations  # every operation got cases
    assert stats.cases >= 4 * len(operations)
    # The fixture objects were reached: not every answer is a 4xx.
    assert stats.statuses[200] > len(operations)
