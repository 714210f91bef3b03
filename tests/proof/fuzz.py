"""Schemathesis over every operation of /api/openapi.json as an authenticated user, counting
cases and failures instead of stopping at the first (shared by the test and bench/)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import hypothesis
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.core.failures import Failure, FailureGroup

from tests.proof.world import World

# What "0 server errors, 0 schema violations" means, as schemathesis checks.
CHECK_NAMES = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
)
# The SSE stream never ends with a valid token; generated tokens are never valid, so it answers
# 401 at once, but a generous timeout keeps a hang visible instead of blocking the run.
TIMEOUT = 20


@dataclass
class FuzzStats:
    """Cases sent and failures found, by operation and by kind."""

    cases: int = 0
    by_operation: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)
    failures: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind, operation)
    examples: dict[tuple[str, str], str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def record(self, kind: str, operation: str, detail: str) -> None:
        self.failures[(kind, operation)] += 1
        self.examples.setdefault((kind, operation), detail[:2000])

    def by_kind(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for (kind, _), n in self.failures.items():
            out[kind] += n
        return out


def load_schema(base_url: str) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"{base_url}/api/openapi.json")


def fuzz(
    schema: schemathesis.BaseSchema,
    world: World,
    examples: int,
    refill: Callable[[], None] | None = None,
    modes: tuple[GenerationMode, ...] = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE),
    seed: int | None = None,
) -> FuzzStats:
    """Up to `examples` cases per operation and mode; `refill` runs before each operation so a
    fuzzed DELETE of a fixture object does not leave later operations with 404s only."""
    stats = FuzzStats()
    started = time.perf_counter()
    checks = [getattr(schemathesis.checks, name) for name in CHECK_NAMES]
    session = requests.Session()
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in modes:
            if refill is not None:
                refill()
            _fuzz_one(operation, mode, world, examples, checks, session, stats, seed)
    stats.seconds = time.perf_counter() - started
    return stats


def _fuzz_one(
    operation: schemathesis.APIOperation,
    mode: GenerationMode,
    world: World,
    examples: int,
    checks: list[schemathesis.CheckFunction],
    session: requests.Session,
    stats: FuzzStats,
    seed: int | None,
) -> None:
    label = operation.label

    @hypothesis.settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=seed is not None,
        phases=[Phase.explicit, Phase.generate],  # count failures; shrinking is not needed
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode), real_ids=st.booleans())
    def run(case: schemathesis.Case, real_ids: bool) -> None:
        # Half the cases aim at the user's real objects so handlers run past the 404.
        if real_ids and case.path_parameters:
            for name in case.path_parameters:
                if name in world.ids:
                    case.path_parameters[name] = world.ids[name]
        stats.cases += 1
        stats.by_operation[label] += 1
        try:
            response = case.call(
                base_url=world.base_url, session=session, headers=world.headers, timeout=TIMEOUT
            )
        except requests.RequestException as exc:
            stats.record("transport_error", label, f"{type(exc).__name__}: {exc}")
            return
        stats.statuses[response.status_code] += 1
        try:
            case.validate_response(response, checks=checks, headers=world.headers)
        except FailureGroup as group:
            for failure in group.exceptions:
                stats.record(_kind(failure), label, str(group))
        except Failure as failure:
            stats.record(_kind(failure), label, str(failure))

    try:
        run()
    except hypothesis.errors.Unsatisfiable:
        stats.skipped.append(f"{label} ({mode.value}): no cases")
    except Exception as exc:  # schemathesis may be unable to negate a schema with no inputs
        stats.skipped.append(f"{label} ({mode.value}): {type(exc).__name__}: {exc}"[:300])


def _kind(failure: Failure) -> str:
    return f"{failure.code} {failure.kind_title}"
