"""The scaled-out runner: jobs travel through Redis to Celery workers (`socialflow worker`);
ticks run in one `socialflow scheduler` process.

Delivery is at-least-once (acks_late, reject on worker loss); every job is safe to run twice
because it starts with a conditional UPDATE on its row. Nothing is ever scheduled in the
broker (no ETA/countdown): Redis re-delivers long-delayed tasks after the visibility timeout,
which is how other schedulers post twice.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING, Any

from celery import Celery
from celery.signals import worker_process_init

from socialflow.core import metrics
from socialflow.core.runtime import settle_heap
from socialflow.jobs.registry import TICKS, load_all_jobs, run_job

if TYPE_CHECKING:
    from socialflow.core.context import AppContext

log = logging.getLogger("socialflow.jobs.celery")
TASK = "socialflow.run_job"


def make_celery(redis_url: str, queue: str = "socialflow") -> Celery:
    app = Celery("socialflow", broker=redis_url)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
        broker_transport_options={"visibility_timeout": 600},
        worker_hijack_root_logger=False,
        task_default_queue=queue,
    )
    return app


def queue_for(name: str, queue: str) -> str:
    """Publishing jobs travel in a queue of their own (`<queue>.publish`), which workers
    consume alongside the main one (kombu takes from the two in turn): a thousand follower
    syncs enqueued at once can no longer sit ahead of the posts due now."""
    return f"{queue}.publish" if name.startswith("publishing.") else queue


def worker_queues(queue: str) -> list[str]:
    """What a `socialflow worker` consumes."""
    return [queue_for("publishing.", queue), queue]


class CeleryRunner:
    """Submits jobs to the broker; `start`/`stop` do nothing (workers live elsewhere)."""

    def __init__(self, ctx: AppContext):
        assert ctx.settings.redis_url
        self.ctx = ctx
        self.queue = ctx.settings.celery_queue
        self.app = make_celery(ctx.settings.redis_url, self.queue)

    def submit(self, name: str, kwargs: dict[str, Any]) -> None:
        self.app.send_task(TASK, args=[name, kwargs], queue=queue_for(name, self.queue))

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass


# ---------------------------------------------------------------- worker side

_worker_ctx: AppContext | None = None
_worker_lock = threading.Lock()


def _context() -> AppContext:
    """One AppContext per worker process, built lazily (after fork)."""
    global _worker_ctx
    with _worker_lock:
        if _worker_ctx is None:
            from socialflow.core.config import get_settings
            from socialflow.core.context import AppContext

            ctx = AppContext.build(get_settings())
            ctx.extras["runner"] = CeleryRunner(ctx)
            load_all_jobs()
            if ctx.settings.gc_freeze:
                settle_heap()
            _worker_ctx = ctx
        return _worker_ctx


@worker_process_init.connect
def _reset_after_fork(**_: Any) -> None:
    global _worker_ctx
    _worker_ctx = None  # connections must not be shared with the parent process


def worker_app(redis_url: str, queue: str = "socialflow") -> Celery:
    app = make_celery(redis_url, queue)

    @app.task(name=TASK, acks_late=True, reject_on_worker_lost=True)
    def run(name: str, kwargs: dict[str, Any]) -> None:
        run_job(_context(), name, kwargs)

    return app


def run_scheduler(ctx: AppContext, stop: threading.Event | None = None) -> None:
    """The tick loop of `socialflow scheduler`: claims due work and enqueues it."""
    load_all_jobs()
    if ctx.settings.gc_freeze:
        settle_heap()
    stop = stop or threading.Event()
    next_run = {name: 0.0 for name in TICKS}
    log.info("scheduler started with ticks: %s", ", ".join(TICKS))
    while not stop.is_set():
        now = time.monotonic()
        for name, tick in list(TICKS.items()):
            if now < next_run[name]:
                continue
            try:
                wanted = tick.fn(ctx)
            except Exception:
                log.exception("tick %s failed", name)
                metrics.tick_failed(name)
                wanted = None
            next_run[name] = time.monotonic() + (tick.every if wanted is None else wanted)
        stop.wait(max(0.01, min(next_run.values()) - time.monotonic()))
