"""Auth wire shapes: what API clients and the dashboard rely on."""

from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import available_timezones

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator

PASSWORD_MIN = 10
PASSWORD_MAX = 256


def _password_rules(value: str) -> str:
    if len(value) < PASSWORD_MIN:
        raise ValueError(f"must be at least {PASSWORD_MIN} characters")
    if len(value) > PASSWORD_MAX:
        raise ValueError(f"must be at most {PASSWORD_MAX} characters")
    if value.strip() == "" or len(set(value)) < 4:
        raise ValueError("is too easy to guess; use a longer phrase with varied characters")
    return value


class RegisterIn(BaseModel):
    email: EmailStr = Field(max_length=255)
    password: str
    full_name: str = Field(min_length=1, max_length=255)
    timezone: str | None = Field(
        default=None,
        max_length=64,
        description="IANA zone the dates are read in (the dashboard sends the browser's); UTC "
        "when absent.",
    )

    _password = field_validator("password")(_password_rules)

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        if value is not None and value not in _zones():
            raise ValueError("must be an IANA time zone such as 'Europe/Paris'")
        return value

    @field_validator("full_name")
    @classmethod
    def _name(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("must not be blank")
        return value


class LoginIn(BaseModel):
    email: EmailStr = Field(max_length=255)
    password: str = Field(min_length=1, max_length=PASSWORD_MAX)


class RefreshIn(BaseModel):
    refresh_token: str | None = Field(default=None, max_length=200)


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    full_name: str | None
    email_verified: bool
    timezone: str
    brand_voice: str | None
    subscription_tier: str
    subscription_status: str
    created_at: datetime


class TokenPairOut(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth token type, not a secret
    expires_in: int = Field(description="Seconds until the access token expires.")
    user: UserOut


class ProfileIn(BaseModel):
    full_name: str | None = Field(default=None, min_length=1, max_length=255)
    timezone: str | None = Field(default=None, max_length=64)
    brand_voice: str | None = Field(default=None, max_length=2000)

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        if value is not None and value not in _zones():
            raise ValueError("must be an IANA time zone such as 'Europe/Paris'")
        return value


class PasswordChangeIn(BaseModel):
    current_password: str = Field(min_length=1, max_length=PASSWORD_MAX)
    new_password: str

    _password = field_validator("new_password")(_password_rules)


class TokenIn(BaseModel):
    token: str = Field(min_length=1, max_length=200)


class ResetRequestIn(BaseModel):
    email: EmailStr = Field(max_length=255)


class ResetConfirmIn(BaseModel):
    token: str = Field(min_length=1, max_length=200)
    new_password: str

    _password = field_validator("new_password")(_password_rules)


class AcceptedOut(BaseModel):
    detail: str


_ZONES: frozenset[str] | None = None


def _zones() -> frozenset[str]:
    global _ZONES
    if _ZONES is None:
        _ZONES = frozenset(available_timezones())
    return _ZONES
