"""Jobs declared once, run by either runner: in-process threads or Celery workers.

A job is a function `(ctx, **kwargs) -> None` taking ids, opening its own session, calling a
service. It is enqueued only after the transaction that made it commits. Periodic ticks (the
scheduler's claim loop, the reconciler, due scheduled_jobs) are run by the scheduler: a thread
in the embedded default, the `socialflow scheduler` process when scaled out. No job is ever
delayed in the broker (no ETA/countdown): the database is the schedule.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy.orm import Session

from socialflow.core import metrics
from socialflow.core.db import after_commit

if TYPE_CHECKING:
    from socialflow.core.context import AppContext

log = logging.getLogger("socialflow.jobs")

JobFn = Callable[..., None]
TickFn = Callable[["AppContext"], float | None]  # returns seconds until it wants to run again


@dataclass(frozen=True, slots=True)
class Tick:
    name: str
    fn: TickFn
    every: float  # default interval in seconds


# Every module declaring jobs or ticks; each must exist (a missing one is a broken install).
TASK_MODULES = (
    "socialflow.publishing.tasks",
    "socialflow.accounts.tasks",
    "socialflow.analytics.tasks",
    "socialflow.billing.tasks",
    "socialflow.auth.tasks",
    "socialflow.posts.tasks",
)

JOBS: dict[str, JobFn] = {}
TICKS: dict[str, Tick] = {}


def job(name: str) -> Callable[[JobFn], JobFn]:
    """Declare a job by a stable name (the name travels through the broker)."""

    def register(fn: JobFn) -> JobFn:
        if name in JOBS and JOBS[name] is not fn:
            raise ValueError(f"job {name!r} declared twice")
        JOBS[name] = fn
        return fn

    return register


def periodic(name: str, every: float) -> Callable[[TickFn], TickFn]:
    """Declare a scheduler tick run every `every` seconds (or sooner if it asks)."""

    def register(fn: TickFn) -> TickFn:
        TICKS[name] = Tick(name, fn, every)
        return fn

    return register


class Runner(Protocol):
    def submit(self, name: str, kwargs: dict[str, Any]) -> None: ...

    def start(self) -> None: ...

    def stop(self) -> None: ...


def load_all_jobs() -> None:
    """Import every domain's tasks module so its jobs and ticks are registered."""
    import importlib

    for module in TASK_MODULES:
        importlib.import_module(module)


def enqueue(ctx: AppContext, session: Session | None, name: str, **kwargs: Any) -> None:
    """Run job `name` after `session` commits (dropped on rollback); now if no session."""
    if name not in JOBS:
        load_all_jobs()
        if name not in JOBS:
            raise KeyError(f"unknown job {name!r}")
    runner: Runner | None = ctx.extras.get("runner")
    if runner is None:
        raise RuntimeError("no job runner is attached to this app context")
    if session is None:
        _submit(runner, name, kwargs)
    else:
        after_commit(session, lambda: _submit(runner, name, kwargs))


def _submit(runner: Runner, name: str, kwargs: dict[str, Any]) -> None:
    runner.submit(name, kwargs)
    metrics.job_enqueued(name)


def run_job(ctx: AppContext, name: str, kwargs: dict[str, Any]) -> None:
    """Execute one job here and now (what both runners call)."""
    if name not in JOBS:
        load_all_jobs()
    fn = JOBS[name]
    metrics.run_instrumented(name, lambda: fn(ctx, **kwargs))
