"""Connected-account wire shapes. No shape here carries a token, by construction."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator

PlatformName = Literal["twitter", "instagram", "tiktok", "linkedin", "facebook", "youtube"]
AccountStatus = Literal["active", "needs_reauth", "revoked", "paused"]


class PlatformOut(BaseModel):
    platform: str
    display_name: str
    sandbox: bool = Field(description="No real credentials set: served by the built-in sandbox.")
    available: bool = Field(
        default=True, description="False: no credentials and no sandbox (production)."
    )
    capabilities: dict[str, Any]


class PlatformsOut(BaseModel):
    items: list[PlatformOut]


class ChoiceOut(BaseModel):
    id: str
    name: str | None


class AccountOut(BaseModel):
    id: uuid.UUID
    platform: str
    platform_user_id: str
    username: str | None
    display_name: str | None
    avatar_url: str | None
    follower_count: int | None
    status: AccountStatus
    status_reason: str | None
    token_expires_at: datetime | None
    access_ends_at: datetime | None = Field(
        default=None,
        description="When the platform ends access for good unless the user reconnects "
        "(no automatic renewal possible); null when there is no such date.",
    )
    last_synced_at: datetime | None
    created_at: datetime
    sandbox: bool
    choices: list[ChoiceOut] = Field(
        default_factory=list,
        description="Facebook Pages / Instagram accounts / a LinkedIn member's profile and "
        "Pages to pick from when there are several.",
    )
    connect_method: Literal["facebook_login", "instagram_login"] | None = Field(
        default=None,
        description="Instagram: how it was connected (through a Facebook Page, or Instagram "
        "login); reconnect the same way.",
    )


class AccountsOut(BaseModel):
    items: list[AccountOut]


class ConnectIn(BaseModel):
    platform: PlatformName
    account_id: uuid.UUID | None = Field(
        default=None, description="Re-connect this existing account instead of adding one."
    )
    method: Literal["facebook_login", "instagram_login"] | None = Field(
        default=None,
        description="Instagram only: facebook_login (default; the account linked to a Facebook "
        "Page you manage) or instagram_login (Business Login for Instagram: a professional "
        "account with no Facebook Page needed).",
    )

    @field_validator("method")
    @classmethod
    def _method(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and info.data.get("platform") != "instagram":
            raise ValueError("only Instagram has more than one way to connect")
        return value


class ConnectOut(BaseModel):
    authorization_url: str


class SelectIn(BaseModel):
    choice_id: str = Field(min_length=1, max_length=100)


class AddChoicesIn(BaseModel):
    choice_ids: list[str] = Field(
        min_length=1,
        max_length=20,
        description="Choices of this account (e.g. LinkedIn Pages) to connect as accounts of "
        "their own; ones already connected are refreshed.",
    )


class HistoryPoint(BaseModel):
    fetched_at: datetime
    follower_count: int


class StatsOut(BaseModel):
    follower_count: int | None
    last_synced_at: datetime | None
    history: list[HistoryPoint]
