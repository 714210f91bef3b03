"""Optimizing a post's variants, or unsaved text: which optimizer, the cache, and the writes.

The one service that opens its own units of work instead of using the request's: a Claude
call takes seconds, and no database transaction may stay open across it (on SQLite a writing
unit of work holds the database's write lock from its first statement). So: a read-only unit
of work loads and authorizes; the optimizers run with no session; a short unit of work writes
the variants, the cache and the usage, re-checking what may have changed in between.
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from socialflow.billing import entitlements
from socialflow.core.config import Settings
from socialflow.core.context import AppContext
from socialflow.core.errors import NotFound, PaymentRequired, field_error
from socialflow.core.permissions import Scope
from socialflow.models import PlatformPost, Post, UsageLog, User
from socialflow.optimizer import cache, offline
from socialflow.optimizer.claude import Answer, ClaudeOptimizer
from socialflow.optimizer.guidelines import GUIDELINES
from socialflow.optimizer.schemas import (
    OptimizeIn,
    OptimizeOut,
    PreviewIn,
    ProblemOut,
    SkippedOut,
    VariantOut,
)
from socialflow.platforms import text
from socialflow.platforms.base import MediaItem, Variant
from socialflow.platforms.options import option_problems
from socialflow.posts.service import EDITABLE, media_for_validation


@dataclass(slots=True)
class Job:
    """One optimization to run: the text, its targets, who asks (their brand voice and AI
    cache are theirs) and in which workspace (its plan allows Claude and is charged)."""

    user_id: uuid.UUID
    workspace_id: uuid.UUID
    original: str
    platforms: list[str]
    media_count: int
    title: str | None
    instructions: str | None
    brand_voice: str | None
    engine: str  # "claude" | "offline"
    thread: bool = False  # X as a thread when the post does not fit one X post
    notice: str | None = None
    cached: dict[str, cache.CachedAnswer] = field(default_factory=dict)
    prints: dict[str, cache.Fingerprint] = field(default_factory=dict)


@dataclass(slots=True)
class Outcome:
    """One platform's result, and what it cost."""

    platform: str
    content: str
    title: str | None
    optimized_by: str
    fallback_reason: str | None = None
    cached: bool = False
    thread: tuple[str, ...] | None = None
    tags: tuple[str, ...] = ()
    answer: Answer | None = None  # a fresh Claude call, for the cache and the usage log
    as_thread: bool = False  # X: `thread` is the variant (content is its part 1)


def threads_x(job: Job) -> bool:
    """Is X written as a thread? Asked for, and the post is longer than one X post."""
    return (
        job.thread
        and "twitter" in job.platforms
        and text.count("twitter", job.original) > GUIDELINES["twitter"].target
    )


# --------------------------------------------------------------------------- choosing


def choose_engine(
    session: Session, settings: Settings, workspace_id: uuid.UUID, requested: str
) -> tuple[str, str | None]:
    """(engine, notice). Claude needs a key and a workspace plan with AI optimization; the
    offline rules are free for everyone."""
    if requested == "offline":
        return "offline", "Written by the built-in rules, as you asked."
    if not settings.anthropic_api_key:
        if requested == "claude":
            raise field_error(
                "optimizer",
                "Claude is not configured on this server (ANTHROPIC_API_KEY is unset); "
                'use "offline" or "auto"',
                code="ai_unavailable",
            )
        # The operator's choice, not the user's to fix: the versions speak for themselves
        # (optimized_by says "offline"), no notice about server configuration.
        return "offline", None
    try:
        entitlements.require_feature(session, workspace_id, "ai_optimization")
    except PaymentRequired as exc:
        exc.message += ' The built-in rules are free: send "optimizer": "offline".'
        exc.args = (exc.message,)
        raise
    return "claude", None


def _prepare(session: Session, settings: Settings, job: Job, requested: str) -> None:
    """Pick the engine and find what the cache already holds."""
    job.engine, job.notice = choose_engine(session, settings, job.workspace_id, requested)
    if job.engine != "claude":
        return
    job.prints = {
        p: cache.Fingerprint(
            job.original,
            p,
            settings.anthropic_model,
            job.brand_voice,
            job.instructions,
            job.media_count,
            "thread" if p == "twitter" and threads_x(job) else "",
        )
        for p in job.platforms
    }
    job.cached = cache.lookup(session, job.user_id, job.prints, settings.ai_cache_days)


# --------------------------------------------------------------------------- running


def run(settings: Settings, job: Job) -> dict[str, Outcome]:
    """Every platform's version: Claude (cached or fresh) with the offline rules as fallback.
    X as a thread when asked and the post does not fit one X post (Claude writes the parts; the
    offline rules split the text, never inside a link, @mention or #hashtag)."""
    rules = offline.optimize_all(
        job.original,
        job.platforms,
        media_count=job.media_count,
        title=job.title,
        brand_voice=job.brand_voice,
    )
    as_thread = threads_x(job)

    def from_rules(platform: str, reason: str | None, answer: Answer | None = None) -> Outcome:
        r = rules[platform]
        if platform == "twitter" and as_thread and r.thread:
            return Outcome(
                platform, r.thread[0], None, "offline", reason, False, r.thread, (), answer, True
            )
        return Outcome(
            platform, r.content, r.title, "offline", reason, False, r.thread, r.tags, answer
        )

    if job.engine != "claude":
        return {p: from_rules(p, None) for p in job.platforms}
    claude = ClaudeOptimizer(settings)
    missing = [p for p in job.platforms if p not in job.cached]
    threaded = as_thread and "twitter" in missing
    with ThreadPoolExecutor(max_workers=1) as pool:
        thread_call = (
            pool.submit(
                claude.thread,
                job.original,
                media_count=job.media_count,
                brand_voice=job.brand_voice,
                instructions=job.instructions,
            )
            if threaded
            else None
        )
        answers = claude.optimize(
            job.original,
            [p for p in missing if not (threaded and p == "twitter")],
            media_count=job.media_count,
            brand_voice=job.brand_voice,
            instructions=job.instructions,
        )
        if thread_call is not None:
            answers["twitter"] = thread_call.result()
    outcomes = {}
    for platform in job.platforms:
        r = rules[platform]
        hit = job.cached.get(platform)
        answer = answers.get(platform)
        if hit is not None:
            parts = hit.extra.get("thread") if platform == "twitter" and as_thread else None
            outcomes[platform] = Outcome(
                platform,
                hit.content,
                hit.title,
                claude.name,
                None,
                True,
                tuple(parts) if parts else r.thread,
                r.tags,
                as_thread=bool(parts),
            )
        elif answer is None or answer.failure:
            reason = answer.failure if answer else "no answer"
            outcomes[platform] = from_rules(platform, reason, answer)
        else:
            outcomes[platform] = Outcome(
                platform,
                answer.content,
                answer.title,
                claude.name,
                None,
                False,
                tuple(answer.thread) if answer.thread else r.thread,
                r.tags,
                answer,
                as_thread=answer.thread is not None,
            )
    return outcomes


def _record(
    session: Session, job: Job, outcomes: dict[str, Outcome], post_id: uuid.UUID | None
) -> None:
    """Cache fresh Claude answers and log what each call cost."""
    for platform, outcome in outcomes.items():
        answer = outcome.answer
        if answer is None or answer.requests == 0:
            continue
        session.add(
            UsageLog(
                workspace_id=job.workspace_id,
                action="ai_optimization",
                platform=platform,
                tokens_used=answer.tokens,
                meta={
                    "model": outcome.optimized_by.removeprefix("claude:")
                    if not answer.failure
                    else job.prints[platform].model,
                    "input_tokens": answer.input_tokens,
                    "output_tokens": answer.output_tokens,
                    "requests": answer.requests,
                    "fallback_reason": answer.failure,
                    "post_id": str(post_id) if post_id else None,
                    "user_id": str(job.user_id),
                },
            )
        )
        if not answer.failure:
            cache.store(
                session,
                job.user_id,
                job.prints[platform],
                cache.CachedAnswer(
                    outcome.content,
                    outcome.title,
                    {"thread": list(outcome.thread)}
                    if outcome.as_thread and outcome.thread
                    else {},
                ),
                answer.input_tokens,
                answer.output_tokens,
            )


def _problems(platform: str, outcome: Outcome, media: list[MediaItem]) -> list[ProblemOut]:
    """The platform's own validation of the text (media is the user's business, not ours)."""
    variant = Variant(
        text=outcome.content, media=media, title=outcome.title, options={"tags": list(outcome.tags)}
    )
    found = [p for p in text.validate(platform, variant) if p.field != "media"]
    if outcome.as_thread and outcome.thread:
        found += option_problems(platform, {"thread": list(outcome.thread[1:])})
    return [ProblemOut(code=p.code, message=p.message, field=p.field) for p in found]


def _variant_out(outcome: Outcome, row_id: uuid.UUID | None, media: list[MediaItem]) -> VariantOut:
    return VariantOut(
        platform_post_id=row_id,
        platform=outcome.platform,
        content=outcome.content,
        title=outcome.title,
        optimized_by=outcome.optimized_by,
        fallback_reason=outcome.fallback_reason,
        cached=outcome.cached,
        problems=_problems(outcome.platform, outcome, media),
        thread=list(outcome.thread) if outcome.thread else None,
        as_thread=outcome.as_thread,
        tags=list(outcome.tags),
    )


def _summary(job: Job, outcomes: dict[str, Outcome]) -> tuple[str, str | None]:
    used_claude = any(o.optimized_by != "offline" for o in outcomes.values())
    failed = sorted(p for p, o in outcomes.items() if o.fallback_reason)
    notice = job.notice
    if failed:
        names = ", ".join(GUIDELINES[p].name for p in failed)
        notice = (
            f"Claude couldn't write the {names} version{'s' if len(failed) > 1 else ''} just "
            "now, so the built-in rules did. Try again in a moment for Claude's."
        )
    return ("claude" if used_claude else "offline"), notice


# --------------------------------------------------------------------------- entry points


def preview(ctx: AppContext, scope: Scope, data: PreviewIn) -> OptimizeOut:
    """Each platform's version of unsaved text; nothing is stored but the cache and usage."""
    with ctx.db.read_sessions() as session:
        user = session.get(User, scope.user_id)
        if user is None:
            raise NotFound("User not found.")
        job = Job(
            scope.user_id,
            scope.workspace_id,
            data.content,
            data.platforms,
            data.media_count,
            data.title,
            data.instructions,
            user.brand_voice,
            "offline",
            thread=data.thread,
        )
        _prepare(session, ctx.settings, job, data.optimizer)
    outcomes = run(ctx.settings, job)
    if any(o.answer for o in outcomes.values()):
        with ctx.db.session() as session:
            _record(session, job, outcomes, None)
    engine, notice = _summary(job, outcomes)
    return OptimizeOut(
        variants=[_variant_out(outcomes[p], None, []) for p in job.platforms],
        optimizer=engine,
        notice=notice,
    )


def optimize_post(
    ctx: AppContext, scope: Scope, post_id: uuid.UUID, data: OptimizeIn
) -> OptimizeOut:
    """Optimize a post's variants and store the results, sparing hand-edited ones. An editor
    limited to some accounts may rewrite only the variants of those (403 otherwise)."""
    workspace_id = scope.workspace_id
    with ctx.db.read_sessions() as session:
        post = session.scalar(
            select(Post).where(
                Post.id == post_id, Post.workspace_id == workspace_id, Post.deleted_at.is_(None)
            )
        )
        if post is None:
            raise NotFound("Post not found.")
        rows = list(
            session.scalars(
                select(PlatformPost)
                .where(PlatformPost.post_id == post.id, PlatformPost.workspace_id == workspace_id)
                .order_by(PlatformPost.created_at, PlatformPost.id)
            )
        )
        rows, skipped = _targets(rows, data)
        scope.require_accounts({r.social_account_id for r in rows if r.social_account_id})
        media = {row.id: media_for_validation(session, workspace_id, row.media_ids) for row in rows}
        user = session.get(User, scope.user_id)
        job = Job(
            scope.user_id,
            workspace_id,
            post.content,
            list(dict.fromkeys(r.platform for r in rows)),
            len(post.media_ids or []),
            post.title,
            data.instructions,
            user.brand_voice if user else None,
            "offline",
            thread=data.thread,
        )
        if rows:
            _prepare(session, ctx.settings, job, data.optimizer)
    outcomes = run(ctx.settings, job) if rows else {}
    with ctx.db.session() as session:
        stored = _store(session, workspace_id, rows, outcomes, data.overwrite_edited)
        _record(session, job, outcomes, post_id)
    skipped += [
        SkippedOut(platform_post_id=r.id, platform=r.platform, reason="not_editable")
        for r in rows
        if r.id not in stored
    ]
    engine, notice = _summary(job, outcomes)
    return OptimizeOut(
        variants=[
            _variant_out(outcomes[r.platform], r.id, media[r.id]) for r in rows if r.id in stored
        ],
        optimizer=engine,
        notice=notice,
        skipped=skipped,
    )


def _targets(
    rows: list[PlatformPost], data: OptimizeIn
) -> tuple[list[PlatformPost], list[SkippedOut]]:
    """The rows to rewrite, and those left alone (hand-edited, or already publishing)."""
    if data.platforms is not None:
        present = {r.platform for r in rows}
        absent = [p for p in data.platforms if p not in present]
        if absent:
            raise field_error("platforms", f"this post does not target {', '.join(absent)}")
        rows = [r for r in rows if r.platform in data.platforms]
    chosen, skipped = [], []
    for row in rows:
        if row.user_edited and not data.overwrite_edited:
            skipped.append(
                SkippedOut(platform_post_id=row.id, platform=row.platform, reason="user_edited")
            )
        elif row.status not in EDITABLE:
            skipped.append(
                SkippedOut(platform_post_id=row.id, platform=row.platform, reason="not_editable")
            )
        else:
            chosen.append(row)
    return chosen, skipped


def _store(
    session: Session,
    workspace_id: uuid.UUID,
    rows: list[PlatformPost],
    outcomes: dict[str, Outcome],
    overwrite_edited: bool,
) -> set[uuid.UUID]:
    """Write each result into its variant, re-checking under lock what may have changed."""
    if not rows:
        return set()
    current = session.scalars(
        select(PlatformPost)
        .where(PlatformPost.id.in_([r.id for r in rows]), PlatformPost.workspace_id == workspace_id)
        .with_for_update()
    )
    stored = set()
    for row in current:
        if row.status not in EDITABLE or (row.user_edited and not overwrite_edited):
            continue  # published, or edited by hand, while we were optimizing
        outcome = outcomes[row.platform]
        row.content = outcome.content
        if outcome.title is not None:
            row.title = outcome.title
        if outcome.tags and not (row.options or {}).get("tags"):
            row.options = {**(row.options or {}), "tags": list(outcome.tags)}
        if outcome.as_thread and outcome.thread:
            # Part 1 is the variant's text; the rest are its thread parts (any media a part
            # had stays with the part at the same place).
            old = [
                p if isinstance(p, dict) else {"text": p} for p in row.options.get("thread") or []
            ]
            parts = [
                {**(old[i] if i < len(old) else {}), "text": part}
                for i, part in enumerate(outcome.thread[1:])
            ]
            row.options = {**(row.options or {}), "thread": parts}
        row.optimized_by = outcome.optimized_by
        row.user_edited = False
        stored.add(row.id)
    return stored
