"""`socialflow create-admin`: create an administrator, or promote an existing user."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import EmailStr, TypeAdapter, ValidationError
from sqlalchemy import select

from socialflow.auth.schemas import _password_rules
from socialflow.auth.service import normalize_email
from socialflow.core.clock import utcnow
from socialflow.core.context import AppContext
from socialflow.models import User
from socialflow.models.workspaces import add_personal_workspace

_EMAIL: TypeAdapter[str] = TypeAdapter(EmailStr)


class AdminError(ValueError):
    """Bad input for create-admin; the message names what to fix."""


@dataclass(frozen=True, slots=True)
class AdminResult:
    email: str
    created: bool
    password_changed: bool


def valid_email(raw: str) -> str:
    try:
        return normalize_email(_EMAIL.validate_python(raw.strip()))
    except ValidationError as exc:
        raise AdminError(f"--email: {raw!r} is not a valid e-mail address") from exc


def valid_password(raw: str) -> str:
    try:
        return _password_rules(raw)
    except ValueError as exc:
        raise AdminError(f"password {exc}") from exc


def create_or_promote(
    ctx: AppContext, email: str, password: str | None, full_name: str | None = None
) -> AdminResult:
    """Make `email` an administrator; a new user needs a password, an existing one keeps hers
    unless a new one is given. One commit."""
    email = valid_email(email)
    if password is not None:
        password = valid_password(password)
    with ctx.db.session() as session:
        user = session.scalar(select(User).where(User.email == email).with_for_update())
        if user is None:
            if password is None:
                raise AdminError(f"{email} has no account yet: a password is needed to create it")
            user = User(
                email=email,
                password_hash=ctx.security.passwords.hash(password),
                full_name=full_name or "Administrator",
                is_admin=True,
                # Whoever runs this on the server owns the address; no mail round trip.
                email_verified=True,
            )
            session.add(user)
            session.flush()
            add_personal_workspace(session, user.id, utcnow())
            return AdminResult(email, created=True, password_changed=True)
        user.is_admin = True
        user.updated_at = utcnow()
        if password is not None:
            user.password_hash = ctx.security.passwords.hash(password)
        return AdminResult(email, created=False, password_changed=password is not None)
