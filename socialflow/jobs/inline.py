"""The embedded runner: a worker thread pool for jobs and one scheduler thread for ticks."""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from socialflow.core import metrics
from socialflow.jobs.registry import TICKS, load_all_jobs, run_job

if TYPE_CHECKING:
    from socialflow.core.context import AppContext

log = logging.getLogger("socialflow.jobs.inline")


class InlineRunner:
    def __init__(self, ctx: AppContext, workers: int = 8, run_ticks: bool = True):
        self.ctx = ctx
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sf-job")
        self.run_ticks = run_ticks
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def submit(self, name: str, kwargs: dict[str, Any]) -> None:
        self.pool.submit(self._run, name, kwargs)

    def _run(self, name: str, kwargs: dict[str, Any]) -> None:
        try:
            run_job(self.ctx, name, kwargs)
        except Exception:
            log.exception("job %s failed", name)

    def wake(self) -> None:
        """Run the ticks now (e.g. right after something became due)."""
        self._wake.set()

    def start(self) -> None:
        load_all_jobs()
        if self.run_ticks and self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="sf-scheduler", daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        next_run = {name: 0.0 for name in TICKS}
        while not self._stop.is_set():
            now = time.monotonic()
            for name, tick in list(TICKS.items()):
                if now < next_run.get(name, 0.0):
                    continue
                try:
                    wanted = tick.fn(self.ctx)
                except Exception:
                    log.exception("tick %s failed", name)
                    metrics.tick_failed(name)
                    wanted = None
                next_run[name] = time.monotonic() + (tick.every if wanted is None else wanted)
            delay = max(0.01, min(next_run.values(), default=now + 1.0) - time.monotonic())
            self._wake.wait(delay)
            self._wake.clear()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self.pool.shutdown(wait=True, cancel_futures=False)
