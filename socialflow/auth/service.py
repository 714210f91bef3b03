"""Accounts and sessions: register, login with throttling, rotating refresh tokens, e-mail flows.

Services never commit: the request's unit of work does. The two writes that must survive a
failed request (a failed login attempt, a revoked token family after reuse) are raised with
`persist=True`, so the unit of work keeps them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import re
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from socialflow.auth import throttle
from socialflow.auth.schemas import ProfileIn, RegisterIn
from socialflow.auth.throttle import Limit
from socialflow.core.clock import as_utc, utcnow
from socialflow.core.config import Settings
from socialflow.core.context import AppContext
from socialflow.core.db import affected
from socialflow.core.errors import BadRequest, Conflict, TooManyRequests, Unauthorized, field_error
from socialflow.core.security import new_opaque_token, token_hash
from socialflow.models import EmailToken, RefreshToken, User
from socialflow.models.workspaces import add_personal_workspace

log = logging.getLogger("socialflow.auth")

VERIFY_TTL = timedelta(days=2)
RESET_TTL = timedelta(hours=1)
RESEND_INTERVAL = timedelta(minutes=1)
INVALID_CREDENTIALS = "The e-mail or password is not correct."


@dataclass(frozen=True, slots=True)
class Session_:
    """A logged-in session: the access token and the refresh token to renew it."""

    user: User
    access_token: str
    expires_in: int
    refresh_token: str


def normalize_email(email: str) -> str:
    return email.strip().lower()


# --------------------------------------------------------------------------- register / login


def register(
    ctx: AppContext,
    session: Session,
    data: RegisterIn,
    user_agent: str | None,
    ip: str | None = None,
) -> Session_:
    email = normalize_email(str(data.email))
    # Each sign-up mails an address nobody has proven: counted against the client's budget.
    _, client = mail_limits(ctx.settings, email, ip)
    throttle.check(session, client)
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise Conflict("An account with this e-mail already exists.", code="email_taken")
    user = User(
        email=email,
        password_hash=ctx.security.passwords.hash(data.password),
        full_name=data.full_name,
        timezone=data.timezone or "UTC",
    )
    session.add(user)
    try:
        session.flush()
    except IntegrityError as exc:  # a concurrent registration of the same address
        raise Conflict("An account with this e-mail already exists.", code="email_taken") from exc
    add_personal_workspace(session, user.id, utcnow())
    throttle.record(session, [limit.key for limit in client])
    send_verification(ctx, session, user)
    return _start_session(ctx, session, user, user_agent)


def login(
    ctx: AppContext,
    session: Session,
    email: str,
    password: str,
    ip: str | None,
    user_agent: str | None,
    device_cookie: str | None = None,
) -> Session_:
    """Check the password under the throttle (auth/throttle.py); a session on success."""
    email = normalize_email(email)
    device = throttle.trusted_device(ctx.settings, email, device_cookie)
    keys = throttle.login_keys(ctx.settings, email, ip, device)
    throttle.check(session, keys.limits)
    if device is None:
        throttle.check_account_pace(session, ctx.settings, email)
    user = session.scalar(select(User).where(User.email == email))
    if not ctx.security.passwords.verify(user.password_hash if user else None, password):
        throttle.record(session, keys.failure_keys)
        raise Unauthorized(INVALID_CREDENTIALS, code="invalid_credentials", persist=True)
    assert user is not None
    if ctx.security.passwords.needs_rehash(user.password_hash):
        user.password_hash = ctx.security.passwords.hash(password)
    user.last_login = utcnow()
    for key in keys.reset_on_success:
        throttle.forget(session, key)
    return _start_session(ctx, session, user, user_agent)


# --------------------------------------------------------------------------- refresh tokens


def _start_session(
    ctx: AppContext,
    session: Session,
    user: User,
    user_agent: str | None,
    family_id: uuid.UUID | None = None,
) -> Session_:
    raw = new_opaque_token()
    session.add(
        RefreshToken(
            user_id=user.id,
            family_id=family_id or uuid.uuid4(),
            token_hash=token_hash(raw),
            expires_at=utcnow() + timedelta(days=ctx.settings.refresh_token_days),
            user_agent=(user_agent or "")[:255] or None,
        )
    )
    access, expires_in = ctx.security.access.issue(user.id, user.token_version)
    return Session_(user=user, access_token=access, expires_in=expires_in, refresh_token=raw)


# Two tabs of one browser reloading together both present the same refresh token: the second
# must not look like a thief's replay. A refresh that carries the browser's binding (a random
# id the dashboard keeps per browser and sends as X-Refresh-Binding) gets a successor derived
# from (token, binding); presenting that token again with the same binding within the grace
# window returns that same successor. Without the binding, or after the window, reuse still
# revokes the family.
REFRESH_GRACE = timedelta(seconds=10)
REFRESH_BINDING_RE = re.compile(r"^[A-Za-z0-9_-]{16,128}$")


def _successor_of(ctx: AppContext, raw: str, binding: str) -> str:
    key = hashlib.sha256(b"refresh-successor:" + ctx.settings.signing_key.encode()).digest()
    digest = hmac.new(key, f"{raw}\n{binding}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _grace_successor(
    ctx: AppContext, session: Session, token: RefreshToken, raw: str, binding: str | None
) -> str | None:
    """The successor a just-rotated token was exchanged for, if this is the same browser
    asking again within the grace window; None when it is reuse."""
    if not binding or not REFRESH_BINDING_RE.match(binding):
        return None
    used_at = session.scalar(select(RefreshToken.used_at).where(RefreshToken.id == token.id))
    if used_at is None or utcnow() - as_utc(used_at) > REFRESH_GRACE:
        return None
    successor = _successor_of(ctx, raw, binding)
    row = session.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == token_hash(successor))
    )
    if row is None or row.family_id != token.family_id or row.revoked_at is not None:
        return None
    return successor


def refresh(
    ctx: AppContext,
    session: Session,
    raw: str | None,
    user_agent: str | None,
    binding: str | None = None,
) -> Session_:
    """Rotate: the presented token dies, a new one of the same family is issued.

    Presenting a token that was already rotated means it leaked: the whole family is revoked,
    except for the same browser asking again within the grace window (see REFRESH_GRACE).
    """
    invalid = Unauthorized("The session has ended; log in again.", code="invalid_refresh_token")
    if not raw:
        raise invalid
    token = session.scalar(select(RefreshToken).where(RefreshToken.token_hash == token_hash(raw)))
    if token is None or token.revoked_at is not None or as_utc(token.expires_at) <= utcnow():
        raise invalid
    # Atomic claim: of two concurrent presentations, exactly one wins.
    claimed = affected(
        session.execute(
            update(RefreshToken)
            .where(RefreshToken.id == token.id, RefreshToken.used_at.is_(None))
            .values(used_at=utcnow())
        )
    )
    user = session.get(User, token.user_id)
    if claimed != 1:
        again = _grace_successor(ctx, session, token, raw, binding)
        if again is not None and user is not None:
            access, expires_in = ctx.security.access.issue(user.id, user.token_version)
            return Session_(
                user=user, access_token=access, expires_in=expires_in, refresh_token=again
            )
        revoke_family(session, token.family_id)
        raise Unauthorized(
            "This session was ended for safety (a refresh token was reused); log in again.",
            code="refresh_token_reused",
            persist=True,
        )
    if user is None:
        raise invalid
    if not binding or not REFRESH_BINDING_RE.match(binding):
        return _start_session(ctx, session, user, user_agent, family_id=token.family_id)
    successor = _successor_of(ctx, raw, binding)
    session.add(
        RefreshToken(
            user_id=user.id,
            family_id=token.family_id,
            token_hash=token_hash(successor),
            expires_at=utcnow() + timedelta(days=ctx.settings.refresh_token_days),
            user_agent=(user_agent or "")[:255] or None,
        )
    )
    access, expires_in = ctx.security.access.issue(user.id, user.token_version)
    return Session_(user=user, access_token=access, expires_in=expires_in, refresh_token=successor)


def logout(session: Session, raw: str | None) -> None:
    """Revoke the session the refresh token belongs to; unknown tokens are ignored."""
    if not raw:
        return
    token = session.scalar(select(RefreshToken).where(RefreshToken.token_hash == token_hash(raw)))
    if token is not None:
        revoke_family(session, token.family_id)


def revoke_family(session: Session, family_id: uuid.UUID) -> None:
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def revoke_all(session: Session, user_id: uuid.UUID) -> None:
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


# --------------------------------------------------------------------------- profile


def load_user(session: Session, user_id: uuid.UUID) -> User:
    """The caller's row, to change it in this unit of work."""
    user = session.get(User, user_id)
    if user is None:
        raise Unauthorized("The account no longer exists.", code="invalid_token")
    return user


def update_profile(session: Session, user_id: uuid.UUID, data: ProfileIn) -> User:
    user = load_user(session, user_id)
    changes = data.model_dump(exclude_unset=True)
    if "full_name" in changes and changes["full_name"] is None:
        raise field_error("full_name", "must not be empty")
    if "timezone" in changes and changes["timezone"] is None:
        raise field_error("timezone", "must be an IANA time zone such as 'Europe/Paris'")
    for name, value in changes.items():
        setattr(user, name, value.strip() if isinstance(value, str) else value)
    return user


def change_password(
    ctx: AppContext,
    session: Session,
    user_id: uuid.UUID,
    current: str,
    new: str,
    user_agent: str | None,
) -> Session_:
    user = load_user(session, user_id)
    if not ctx.security.passwords.verify(user.password_hash, current):
        raise field_error("current_password", "is not correct", code="invalid_credentials")
    _set_password(ctx, session, user, new)
    return _start_session(ctx, session, user, user_agent)


def _set_password(ctx: AppContext, session: Session, user: User, new: str) -> None:
    """A new password ends everything the old one opened: every session (refresh tokens),
    every access token (their version), and every reset link still in a mailbox."""
    user.password_hash = ctx.security.passwords.hash(new)
    user.token_version += 1
    revoke_all(session, user.id)
    _void_email_tokens(session, user.id, "password_reset")


# --------------------------------------------------------------------------- e-mail flows


def _new_email_token(session: Session, user: User, purpose: str, ttl: timedelta) -> str:
    raw = new_opaque_token()
    session.add(
        EmailToken(
            user_id=user.id,
            purpose=purpose,
            token_hash=token_hash(raw),
            expires_at=utcnow() + ttl,
        )
    )
    return raw


def _void_email_tokens(session: Session, user_id: uuid.UUID, purpose: str) -> None:
    session.execute(
        update(EmailToken)
        .where(
            EmailToken.user_id == user_id,
            EmailToken.purpose == purpose,
            EmailToken.used_at.is_(None),
        )
        .values(used_at=utcnow())
    )


def _take_email_token(session: Session, raw: str, purpose: str) -> EmailToken:
    token = session.scalar(
        select(EmailToken).where(
            EmailToken.token_hash == token_hash(raw), EmailToken.purpose == purpose
        )
    )
    if token is None or token.used_at is not None or as_utc(token.expires_at) <= utcnow():
        raise BadRequest(
            "This link is invalid or has expired; ask for a new one.", code="invalid_token"
        )
    claimed = affected(
        session.execute(
            update(EmailToken)
            .where(EmailToken.id == token.id, EmailToken.used_at.is_(None))
            .values(used_at=utcnow())
        )
    )
    if claimed != 1:
        raise BadRequest("This link was already used.", code="invalid_token")
    return token


def mail_limits(settings: Settings, to: str, ip: str | None) -> tuple[list[Limit], list[Limit]]:
    """(per recipient, per requesting client) limits on the e-mails anyone can trigger."""
    hour = timedelta(hours=1)
    recipient = [Limit(f"mail:to:{to}", settings.mail_per_address_per_hour, hour, "")]
    client = (
        [
            Limit(
                f"mail:ip:{ip}",
                settings.mail_per_client_per_hour,
                hour,
                "Too many e-mails were requested from here; try again later.",
                code="too_many_requests",
            )
        ]
        if ip
        else []
    )
    return recipient, client


def _mail_allowed(ctx: AppContext, session: Session, to: str, ip: str | None) -> bool:
    """Raise 429 when this client asked for too many mails; False (send nothing, say nothing)
    when the recipient already got enough this hour, so nobody can flood a mailbox."""
    recipient, client = mail_limits(ctx.settings, to, ip)
    throttle.check(session, client)
    try:
        throttle.check(session, recipient)
    except TooManyRequests:
        log.info("mail to an address over its hourly limit: not sent")
        return False
    throttle.record(session, [limit.key for limit in recipient + client])
    return True


def send_verification(ctx: AppContext, session: Session, user: User) -> None:
    """The confirmation mail. Nothing the registrant typed is in it: the address is not
    proven yet, and a name like "SECURITY ALERT: re-enter your card at ..." would be phishing
    sent from our domain."""
    raw = _new_email_token(session, user, "verify_email", VERIFY_TTL)
    link = f"{ctx.settings.base_url}/verify-email?token={raw}"
    ctx.mailer.send(
        session,
        user.email,
        "Confirm your e-mail address for Socialflow",
        "Hello,\n\nSomeone signed up for Socialflow with this address. Confirm it by opening "
        f"this link (valid for 2 days):\n{link}\n\nIf you did not sign up, ignore this message.\n",
        user_id=user.id,
    )


def resend_verification(
    ctx: AppContext, session: Session, user_id: uuid.UUID, ip: str | None = None
) -> None:
    user = load_user(session, user_id)
    if user.email_verified:
        raise BadRequest("This e-mail address is already confirmed.", code="already_verified")
    last = session.scalar(
        select(func.max(EmailToken.created_at)).where(
            EmailToken.user_id == user.id, EmailToken.purpose == "verify_email"
        )
    )
    if last is not None and as_utc(last) > utcnow() - RESEND_INTERVAL:
        wait = int((as_utc(last) + RESEND_INTERVAL - utcnow()).total_seconds()) + 1
        raise TooManyRequests(
            "A confirmation e-mail was just sent; check your inbox.", retry_after=wait
        )
    recipient, client = mail_limits(ctx.settings, user.email, ip)
    throttle.check(session, client + recipient)
    throttle.record(session, [limit.key for limit in recipient + client])
    send_verification(ctx, session, user)


def verify_email(session: Session, raw: str) -> User:
    token = _take_email_token(session, raw, "verify_email")
    user = session.get(User, token.user_id)
    if user is None:
        raise BadRequest("This link is invalid or has expired.", code="invalid_token")
    user.email_verified = True
    return user


def request_password_reset(
    ctx: AppContext, session: Session, email: str, ip: str | None = None
) -> None:
    """Always succeeds from the caller's view, so it does not reveal who has an account.

    Only the newest link works: asking again voids the earlier ones.
    """
    email = normalize_email(email)
    if not _mail_allowed(ctx, session, email, ip):
        return
    user = session.scalar(select(User).where(User.email == email))
    if user is None:
        return
    _void_email_tokens(session, user.id, "password_reset")
    raw = _new_email_token(session, user, "password_reset", RESET_TTL)
    link = f"{ctx.settings.base_url}/reset-password?token={raw}"
    ctx.mailer.send(
        session,
        user.email,
        "Reset your Socialflow password",
        f"Someone asked to reset the password of this account. To choose a new one, open "
        f"this link (valid for 1 hour):\n{link}\n\nIf it was not you, ignore this message; "
        f"your password stays as it is.\n",
        user_id=user.id,
    )


def confirm_password_reset(ctx: AppContext, session: Session, raw: str, new_password: str) -> None:
    token = _take_email_token(session, raw, "password_reset")
    user = session.get(User, token.user_id)
    if user is None:
        raise BadRequest("This link is invalid or has expired.", code="invalid_token")
    _set_password(ctx, session, user, new_password)
    user.email_verified = True  # they proved they read this mailbox
    throttle.forget(session, f"login:account:{user.email}")
