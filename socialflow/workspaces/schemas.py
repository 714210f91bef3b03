"""The workspaces API's bodies and answers."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, EmailStr, Field, field_validator

InvitableRole = Literal["admin", "editor", "viewer"]
MemberRole = Literal["owner", "admin", "editor", "viewer"]


def _name(value: str) -> str:
    cleaned = " ".join(value.split())
    if not cleaned:
        raise ValueError("must not be blank")
    return cleaned


class WorkspaceIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)

    _clean = field_validator("name")(_name)


class WorkspacePatch(BaseModel):
    """PATCH: only the fields sent change (`name` may be left out)."""

    name: str | None = Field(default=None, min_length=1, max_length=100)
    approval_required: bool | None = Field(
        default=None,
        description="editors' posts wait for an admin's or the owner's approval (issue 15)",
    )
    approval_for_admins: bool | None = Field(
        default=None, description="with approval_required: admins' posts need approval too"
    )

    @field_validator("name")
    @classmethod
    def _clean(cls, value: str | None) -> str | None:
        return None if value is None else _name(value)


class WorkspaceOut(BaseModel):
    id: uuid.UUID
    name: str
    role: MemberRole = Field(description="the caller's role here")
    personal: bool
    owner_id: uuid.UUID
    plan: str = Field(description="the plan whose limits apply")
    seat_limit: int
    seats_used: int = Field(description="members and pending invitations")
    read_only: bool = Field(description="the caller is over the plan's seats: read-only")
    account_ids: list[uuid.UUID] | None = Field(
        default=None,
        description="the connected accounts the caller may post to (editors limited by an "
        "admin); null = every account",
    )
    approval_required: bool = Field(
        default=False, description="editors' posts need an admin's or the owner's approval"
    )
    approval_for_admins: bool = Field(
        default=False, description="admins' posts need approval too (owner approves)"
    )
    created_at: datetime


class WorkspacesOut(BaseModel):
    items: list[WorkspaceOut]


class TransferIn(BaseModel):
    user_id: uuid.UUID = Field(description="the member who becomes owner")


class MemberOut(BaseModel):
    user_id: uuid.UUID
    email: str
    full_name: str | None
    role: MemberRole
    account_ids: list[uuid.UUID] | None = Field(
        description="editors limited to these connected accounts; null = all"
    )
    read_only: bool
    joined_at: datetime


class MembersOut(BaseModel):
    items: list[MemberOut]


class MemberPatch(BaseModel):
    role: MemberRole | None = None
    account_ids: list[uuid.UUID] | None = Field(
        default=None, max_length=200, description="null = every connected account"
    )


class InvitationIn(BaseModel):
    email: EmailStr
    role: InvitableRole
    account_ids: list[uuid.UUID] | None = Field(
        default=None, max_length=200, description="editors only: the accounts they may use"
    )


class InvitationOut(BaseModel):
    id: uuid.UUID
    email: str
    role: InvitableRole
    account_ids: list[uuid.UUID] | None
    url: str | None = Field(
        default=None,
        description="the link to accept (carries the token); only when created or re-sent",
    )
    expires_at: datetime
    created_at: datetime
    invited_by_email: str | None


class InvitationsOut(BaseModel):
    items: list[InvitationOut]


class InvitationPreview(BaseModel):
    workspace_name: str
    email: str
    role: InvitableRole
    invited_by_email: str | None
    expires_at: datetime


class Actor(BaseModel):
    id: uuid.UUID
    email: str
    full_name: str | None


class ActivityOut(BaseModel):
    id: uuid.UUID
    created_at: datetime
    actor: Actor | None
    action: str
    target_type: str | None
    target_id: str | None
    summary: str


class ActivityPage(BaseModel):
    items: list[ActivityOut]
    total: int
