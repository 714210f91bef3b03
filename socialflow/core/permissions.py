"""Roles in a workspace and what each may do: the one table every route's guard reads.

owner > admin > editor > viewer. A member over the plan's seats is read-only: a viewer in
effect, whatever their role, until someone is removed or the plan upgraded.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum

from socialflow.core.errors import Forbidden


class Role(StrEnum):
    viewer = "viewer"
    editor = "editor"
    admin = "admin"
    owner = "owner"


RANK = {Role.viewer: 0, Role.editor: 1, Role.admin: 2, Role.owner: 3}
ROLES = tuple(Role)


def at_least(role: str, needed: Role) -> bool:
    return RANK.get(Role(role), -1) >= RANK[needed]


@dataclass(frozen=True, slots=True)
class Scope:
    """Who acts, in which workspace, with which role: what every workspace-owned query is
    filtered by (`workspace_id`) and every write checked against."""

    user_id: uuid.UUID
    workspace_id: uuid.UUID
    role: str
    account_ids: frozenset[uuid.UUID] | None = None  # editors limited to some accounts
    read_only: bool = False

    def require(self, needed: Role) -> Scope:
        if not at_least(self.role, needed):
            raise Forbidden(
                f"This needs the {needed.value} role or higher; you are "
                f"{'an' if self.role in ('editor', 'admin', 'owner') else 'a'} {self.role} "
                "in this workspace.",
                code="forbidden_role",
                details={"required_role": needed.value, "role": self.role},
            )
        if self.read_only and needed != Role.viewer:
            raise Forbidden(
                "You are read-only in this workspace: its plan has fewer seats than members. "
                "An owner can remove a member or upgrade the plan.",
                code="read_only_seat",
                details={"required_role": needed.value, "role": self.role},
            )
        return self

    def may_use_account(self, account_id: uuid.UUID) -> bool:
        """Editors may be limited to some connected accounts; admins and owners never are."""
        if self.account_ids is None or at_least(self.role, Role.admin):
            return True
        return account_id in self.account_ids

    def require_accounts(self, account_ids: list[uuid.UUID] | set[uuid.UUID]) -> None:
        refused = sorted(str(a) for a in account_ids if not self.may_use_account(a))
        if refused:
            raise Forbidden(
                "You may not post to some of these accounts in this workspace; an admin can "
                "give you access.",
                code="forbidden_account",
                details={"account_ids": refused},
            )
