"""Follow-ups: what is posted after a platform post itself, each part exactly once, in order.

An X thread's parts after the first (each a reply to the part before) and the first comment
(X: a reply to the thread's last part) are `platform_post_parts` rows, made in the commit
that records the post as published. Each part has the engine's guarantees on its own:

1. Take the next part with a conditional UPDATE (-> `sending`, with a lease) and commit,
   before any call: a part is only ever sent by the one worker that took it.
2. Call the platform (one token refresh and retry on AuthExpired), outside any transaction.
3. Record the answer in one commit; a published part makes the next one due at once.

A part whose answer was lost (a timeout, or a worker killed mid-call: its lease runs out) is
`unknown` and is never sent blindly again: the platform is asked whether it is already under
its parent (`find_follow_up`, after each delay in `reconcile_delays`); only when it is absent
at every look is it sent again. So a crash between parts resumes at the missing part and never
re-posts one. A part that fails for good fails alone: the post stays published, the parts
after it are `skipped`, and the user is told.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from socialflow.accounts.tokens import call_with_fresh_tokens, tokens_for
from socialflow.core.clock import utcnow
from socialflow.core.context import AppContext
from socialflow.core.db import affected
from socialflow.media.service import media_items
from socialflow.models import PlatformPost, PlatformPostPart, SocialAccount
from socialflow.platforms.base import (
    AuthExpired,
    Disconnected,
    FollowUp,
    OutcomeUnknown,
    Pending,
    PlatformError,
    Published,
    RateLimited,
    Rejected,
    TokenSet,
    Transient,
)
from socialflow.publishing import outcomes
from socialflow.publishing.backoff import backoff
from socialflow.publishing.parts import start
from socialflow.publishing.publisher import connector_for
from socialflow.publishing.taken import Taken

log = logging.getLogger("socialflow.followups")

FINAL = ("published", "failed", "skipped")
SENDABLE = ("pending", "retry_wait", "queued")
MAX_PARTS_PER_RUN = 100
MAX_RATE_LIMITED = 20


# --------------------------------------------------------------------------- taking a part


@dataclass(slots=True)
class Step:
    """One part taken by this worker, and what to do with it."""

    mode: str  # send | check | look
    part_id: uuid.UUID
    attempts: int
    position: int
    kind: str
    text: str
    media_ids: list[str]
    parent_id: str
    pending_ref: dict[str, Any]
    taken: Taken  # the platform post (for its account, its settings, notifications)
    tokens: TokenSet | None

    def follow_up(self, ctx: AppContext, with_media: bool = True) -> FollowUp:
        media = []
        if self.media_ids and with_media:
            with ctx.db.read_sessions() as session:
                media = media_items(ctx, session, self.taken.workspace_id, self.media_ids)
        return FollowUp(
            kind="reply" if self.taken.platform == "twitter" else "comment",
            parent_id=self.parent_id,
            text=self.text,
            media=media,
            position=self.position,
            idempotency_key=str(self.part_id),
        )


def _take_next(ctx: AppContext, pp_id: uuid.UUID, now: datetime) -> Step | None:
    """The platform post's next part, if it is this worker's to act on now (one commit)."""
    lease = now + timedelta(seconds=ctx.settings.publish_lease_seconds)
    with ctx.db.session() as session:
        row = session.get(PlatformPost, pp_id)
        if row is None or row.status != "published" or not row.platform_post_id:
            return None
        parts = list(
            session.scalars(
                select(PlatformPostPart)
                .where(PlatformPostPart.platform_post_id == pp_id)
                .order_by(PlatformPostPart.position)
            )
        )
        nxt = next((p for p in parts if p.status not in FINAL), None)
        if nxt is None:
            return None
        before = [p for p in parts if p.position < nxt.position]
        parent = before[-1].external_id if before else row.platform_post_id
        if any(p.status != "published" for p in before) or not parent:
            return None  # an earlier part failed: this one was skipped already
        cond = [PlatformPostPart.id == nxt.id, PlatformPostPart.status == nxt.status]
        if nxt.status in SENDABLE and (
            nxt.status == "queued" or (nxt.due_at is not None and nxt.due_at <= now)
        ):
            mode, values = (
                "send",
                {
                    "status": "sending",
                    "attempts": nxt.attempts + 1,
                    "lease_expires_at": lease,
                    "parent_external_id": parent,
                },
            )
        elif nxt.status == "processing" and (
            nxt.lease_expires_at is None or nxt.lease_expires_at <= now
        ):
            mode, values = "check", {"lease_expires_at": lease, "due_at": None}
        elif nxt.status == "unknown" and nxt.due_at is not None and nxt.due_at <= now:
            mode, values = "look", {"due_at": lease}
        else:
            return None
        cond.append(PlatformPostPart.attempts == nxt.attempts)
        changed = affected(
            session.execute(
                update(PlatformPostPart)
                .where(*cond)
                .values(**values, updated_at=now)
                .execution_options(synchronize_session=False)
            )
        )
        if changed != 1:
            return None  # someone else took it
        account = (
            session.get(SocialAccount, row.social_account_id) if row.social_account_id else None
        )
        tokens = None
        if account is not None and account.status == "active":
            try:
                tokens = tokens_for(ctx, None, account)
            except Exception:
                log.error("tokens of account %s cannot be decrypted", account.id)
        return Step(
            mode=mode,
            part_id=nxt.id,
            attempts=nxt.attempts + 1 if mode == "send" else nxt.attempts,
            position=nxt.position,
            kind=nxt.kind,
            text=nxt.content,
            media_ids=[str(m) for m in nxt.media_ids],
            parent_id=str(parent),
            pending_ref=dict(nxt.pending_ref or {}),
            taken=Taken.of(row, uuid.uuid4()),
            tokens=tokens,
        )


# --------------------------------------------------------------------------- the job


def run(ctx: AppContext, platform_post_id: str) -> None:
    """Job `publishing.followups`: send (or look up, or poll) the post's parts in order, as
    long as each one is published at once."""
    pp_id = uuid.UUID(platform_post_id)
    for _ in range(MAX_PARTS_PER_RUN):
        step = _take_next(ctx, pp_id, utcnow())
        if step is None:
            return
        try:
            published = _act(ctx, step)
        except Exception:  # its lease expiry hands it on
            log.exception("follow-up %s of %s failed unexpectedly", step.part_id, pp_id)
            return
        if not published:
            return


def _act(ctx: AppContext, step: Step) -> bool:
    """Do the step; True if the part is now published (go on with the next one)."""
    if step.taken.account_id is None or step.tokens is None:
        _fail(
            ctx,
            step,
            "account_unavailable",
            f"The {outcomes._name(step.taken.platform)} account is disconnected or needs to be "
            "reconnected on the Platforms page; then retry the post.",
        )
        return False
    connector = connector_for(ctx, step.taken.platform)
    account_id = step.taken.account_id

    def call(fn: Callable[[TokenSet], Any]) -> Any:
        return call_with_fresh_tokens(ctx, account_id, fn, step.tokens)

    if step.mode == "look":
        wanted = step.follow_up(ctx, with_media=False)
        return _look(ctx, step, lambda: call(lambda t: connector.find_follow_up(t, wanted)))
    try:
        if step.mode == "check":
            result = call(lambda t: connector.check_follow_up(t, step.pending_ref))
        else:
            item = step.follow_up(ctx)
            result = call(lambda t: connector.follow_up(t, item))
    except Exception as exc:
        _settle_error(ctx, step, exc)
        return False
    if isinstance(result, Published):
        return _published(ctx, step, result)
    if isinstance(result, Pending):
        _write(
            ctx,
            step,
            {
                "status": "processing",
                "pending_ref": result.ref,
                "lease_expires_at": utcnow() + timedelta(seconds=max(0.5, result.poll_after)),
                "due_at": None,
            },
        )
        return False
    _unknown(ctx, step, "bad_result", f"Unexpected answer {type(result).__name__}")
    return False


def _look(ctx: AppContext, step: Step, find: Callable[[], Published | None]) -> bool:
    """A part whose answer was lost: is it under its parent? Found: published. Absent at
    every look: proven absent, so it is sent again. Cannot look: ask the user."""
    checks = int(step.pending_ref.get("checks", 0))
    delays = ctx.settings.reconcile_delays
    try:
        found = find()
    except NotImplementedError:
        _give_up(ctx, step, "this platform offers no way to look comments up")
        return False
    except Exception as exc:  # a failed look proves nothing
        log.warning("follow-up %s: look-up failed: %s", step.part_id, exc)
        if checks + 1 >= len(delays):
            _give_up(ctx, step, f"looking it up failed ({exc})")
        else:
            _next_look(ctx, step, checks + 1)
        return False
    if found is not None:
        log.info("follow-up %s: found it (%s)", step.part_id, found.platform_post_id)
        return _published(ctx, step, found)
    if checks + 1 < len(delays):
        _next_look(ctx, step, checks + 1)
        return False
    _write(
        ctx,
        step,
        {
            "status": "pending",
            "due_at": utcnow(),
            "pending_ref": None,
            "error_message": "Not found under the part before it after the lost answer; "
            "sending it again.",
        },
        states=("unknown",),
    )
    return True  # proven absent: go on at once (the part is sendable again)


# --------------------------------------------------------------------------- recording


def _write(
    ctx: AppContext,
    step: Step,
    values: dict[str, Any],
    *,
    states: tuple[str, ...] = ("sending", "processing"),
    session: Session | None = None,
) -> bool:
    """Conditionally update the part (still in the state this step left it in)."""
    now = utcnow()
    own = session is None
    s = session or ctx.db.sessions()
    try:
        changed = affected(
            s.execute(
                update(PlatformPostPart)
                .where(
                    PlatformPostPart.id == step.part_id,
                    PlatformPostPart.status.in_(states),
                    PlatformPostPart.attempts == step.attempts,
                )
                .values(**values, updated_at=now)
                .execution_options(synchronize_session=False)
            )
        )
        if changed != 1:
            log.warning("follow-up %s: outcome not applied, the part moved on", step.part_id)
        if own:
            s.commit()
        return changed == 1
    finally:
        if own:
            s.close()


def _published(ctx: AppContext, step: Step, result: Published) -> bool:
    """The part is there (the truth whenever it arrives); the next part is due now."""
    now = utcnow()
    with ctx.db.session() as session:
        changed = affected(
            session.execute(
                update(PlatformPostPart)
                .where(
                    PlatformPostPart.id == step.part_id,
                    PlatformPostPart.status.not_in(FINAL),
                )
                .values(
                    status="published",
                    external_id=result.platform_post_id,
                    url=result.url,
                    published_at=now,
                    lease_expires_at=None,
                    due_at=None,
                    pending_ref=None,
                    error_code=None,
                    error_message=None,
                    updated_at=now,
                )
                .execution_options(synchronize_session=False)
            )
        )
        if changed != 1:
            return False
        session.execute(
            update(PlatformPostPart)
            .where(
                PlatformPostPart.platform_post_id == step.taken.id,
                PlatformPostPart.position == step.position + 1,
                PlatformPostPart.status == "pending",
            )
            .values(due_at=now, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        _touch(session, step.taken.id, now)
    return True


def _touch(session: Session, pp_id: uuid.UUID, now: datetime) -> None:
    """The platform post changed as far as its readers go (live updates, `/changes`)."""
    session.execute(
        update(PlatformPost)
        .where(PlatformPost.id == pp_id)
        .values(updated_at=now)
        .execution_options(synchronize_session=False)
    )


def _settle_error(ctx: AppContext, step: Step, exc: Exception) -> None:
    message = exc.message if isinstance(exc, PlatformError) else f"{type(exc).__name__}: {exc}"
    code = (exc.code if isinstance(exc, PlatformError) else None) or type(exc).__name__.lower()
    now = utcnow()
    if isinstance(exc, RateLimited):
        if step.attempts >= MAX_RATE_LIMITED:
            _fail(ctx, step, code, f"Still rate limited after {step.attempts} attempts: {message}")
            return
        _write(ctx, step, _waiting(max(exc.reset_at, now), "rate_limited", message))
    elif isinstance(exc, Transient):
        if step.mode == "check":
            delay = timedelta(seconds=backoff(ctx, step.attempts))
            _write(ctx, step, {"lease_expires_at": now + delay, "error_message": message})
        elif step.attempts >= ctx.settings.max_publish_attempts:
            _fail(ctx, step, code, f"Gave up after {step.attempts} attempts: {message}")
        else:
            due = now + timedelta(seconds=backoff(ctx, step.attempts))
            _write(ctx, step, _waiting(due, code, message))
    elif isinstance(exc, Disconnected | AuthExpired):
        _fail(ctx, step, "reconnect_needed", message)
    elif isinstance(exc, Rejected):
        _fail(ctx, step, code, message)
    else:
        if not isinstance(exc, OutcomeUnknown):
            log.exception("follow-up %s failed unexpectedly", step.part_id, exc_info=exc)
        _unknown(ctx, step, code, message)


def _waiting(due: datetime, code: str, message: str) -> dict[str, Any]:
    return {
        "status": "retry_wait",
        "due_at": due,
        "lease_expires_at": None,
        "error_code": code[:100],
        "error_message": message,
    }


def _unknown(ctx: AppContext, step: Step, code: str, message: str) -> None:
    """No answer to a call that may have posted the part: look for it before anything else."""
    first_look = utcnow() + timedelta(seconds=ctx.settings.reconcile_delays[0])
    _write(
        ctx,
        step,
        {
            "status": "unknown",
            "due_at": first_look,
            "lease_expires_at": None,
            "pending_ref": {"checks": 0},
            "error_code": code[:100],
            "error_message": message,
        },
    )


def _next_look(ctx: AppContext, step: Step, checks: int) -> None:
    delay = ctx.settings.reconcile_delays[checks]
    _write(
        ctx,
        step,
        {"due_at": utcnow() + timedelta(seconds=delay), "pending_ref": {"checks": checks}},
        states=("unknown",),
    )


def _describe(step: Step) -> str:
    name = outcomes._name(step.taken.platform)
    if step.kind == "thread":
        return f"Part {step.position} of your {name} thread"
    return f"The first {'reply' if step.taken.platform == 'twitter' else 'comment'} on {name}"


def _fail(ctx: AppContext, step: Step, code: str, message: str) -> None:
    """The part failed for good: it alone (the post stays published); the parts after it
    cannot be sent (they answer it), so they are skipped; the user is told."""
    now = utcnow()
    with ctx.db.session() as session:
        applied = _write(
            ctx,
            step,
            {
                "status": "failed",
                "error_code": code[:100],
                "error_message": message,
                "lease_expires_at": None,
                "due_at": None,
                "pending_ref": None,
            },
            states=("sending", "processing", "unknown"),
            session=session,
        )
        if not applied:
            return
        skip_after(session, step.taken.id, step.position, f"Not sent: part {step.position} failed.")
        _touch(session, step.taken.id, now)
        what = _describe(step)
        outcomes.notify(
            ctx,
            session,
            step.taken,
            "post_part_failed",
            f"{what} was not posted",
            f"{what} could not be posted: {message} The post itself is published.",
        )


def skip_after(session: Session, pp_id: uuid.UUID, position: int, why: str) -> None:
    """Parts after a failed one answer it: they cannot be sent."""
    session.execute(
        update(PlatformPostPart)
        .where(
            PlatformPostPart.platform_post_id == pp_id,
            PlatformPostPart.position > position,
            PlatformPostPart.status == "pending",
        )
        .values(status="skipped", error_code="skipped", error_message=why, due_at=None)
        .execution_options(synchronize_session=False)
    )


def _give_up(ctx: AppContext, step: Step, why: str) -> None:
    """Stay unknown (never re-post blindly) and ask the user to check."""
    with ctx.db.session() as session:
        applied = _write(
            ctx,
            step,
            {
                "due_at": None,
                "error_message": f"We could not confirm whether this was posted: {why}. Check "
                "your account; if it is not there, use Retry.",
            },
            states=("unknown",),
            session=session,
        )
        if applied:
            what = _describe(step)
            outcomes.notify(
                ctx,
                session,
                step.taken,
                "post_part_unknown",
                f"Check {what[0].lower() + what[1:]}",
                f"We lost the platform's answer for {what[0].lower() + what[1:]} and could not "
                f"confirm it ({why}). Look at your account; if it is missing, retry it from "
                "Socialflow.",
            )


# --------------------------------------------------------------------------- the tick


def tick(ctx: AppContext, now: datetime | None = None) -> int:
    """Hand out due follow-up work: parts whose holder vanished become `unknown` (a call may
    have gone out) or `pending` again (none did); platform posts with a part due get a job.
    Returns how many jobs were enqueued."""
    now = now or utcnow()
    lease = now + timedelta(seconds=ctx.settings.publish_lease_seconds)
    parts = PlatformPostPart
    with ctx.db.session() as session:
        session.execute(
            update(parts)
            .where(parts.status == "sending", parts.lease_expires_at < now)
            .values(
                status="unknown",
                due_at=now,
                lease_expires_at=None,
                pending_ref={"checks": 0},
                error_code="worker_lost",
                error_message="The worker stopped while sending; checking whether it posted.",
                updated_at=now,
            )
            .execution_options(synchronize_session=False)
        )
        session.execute(
            update(parts)
            .where(parts.status == "queued", parts.lease_expires_at < now)
            .values(status="pending", due_at=now, lease_expires_at=None, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        due = list(
            session.execute(
                select(parts.id, parts.status, parts.platform_post_id)
                .where(
                    (parts.status.in_(("pending", "retry_wait", "unknown")) & (parts.due_at <= now))
                    | ((parts.status == "processing") & (parts.lease_expires_at <= now))
                )
                .order_by(parts.due_at)
                .limit(ctx.settings.claim_batch)
            )
        )
        # Parts to send are claimed here, so the next tick does not hand them out again
        # meanwhile; looks and polls are claimed by the job that takes them (_take_next).
        sendable = [p.id for p in due if p.status in ("pending", "retry_wait")]
        if sendable:
            session.execute(
                update(parts)
                .where(parts.id.in_(sendable), parts.status.in_(("pending", "retry_wait")))
                .values(status="queued", lease_expires_at=lease, updated_at=now)
                .execution_options(synchronize_session=False)
            )
        pp_ids = list(dict.fromkeys(p.platform_post_id for p in due))
        start(ctx, session, pp_ids)
    return len(pp_ids)
