"""The engine's jobs and its scheduler tick."""

from __future__ import annotations

from socialflow.core.context import AppContext
from socialflow.jobs.registry import job, periodic
from socialflow.publishing import followups, publisher, reconciler, scheduler


@job("publishing.publish")
def publish(
    ctx: AppContext,
    platform_post_ids: list[str] | None = None,
    platform_post_id: str | None = None,
) -> None:
    publisher.publish(ctx, platform_post_ids, platform_post_id)


@job("publishing.check")
def check(ctx: AppContext, platform_post_id: str) -> None:
    publisher.check(ctx, platform_post_id)


@job("publishing.reconcile")
def reconcile(ctx: AppContext, platform_post_id: str) -> None:
    reconciler.reconcile(ctx, platform_post_id)


@job("publishing.followups")
def send_followups(ctx: AppContext, platform_post_id: str) -> None:
    followups.run(ctx, platform_post_id)


@periodic("publishing.tick", every=1.0)
def tick(ctx: AppContext) -> float | None:
    wait = scheduler.tick(ctx)
    followups.tick(ctx)  # thread parts and first comments due, and their lost holders
    return wait
