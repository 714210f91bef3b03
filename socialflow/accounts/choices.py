"""Connecting several choices of one login as accounts of their own (issue 19): the LinkedIn
Pages a member administers (or several Facebook Pages / Instagram accounts) at once.

Each chosen Page becomes an account with its own row and a copy of the login's tokens set to
post as that Page; the account the login was made with (e.g. the member's profile) stays.
"""

from __future__ import annotations

import uuid

from socialflow.accounts.oauth import (
    CHOOSERS,
    ConnectError,
    PendingConsent,
    save_account,
    select_choice,
)
from socialflow.accounts.schemas import AccountOut
from socialflow.accounts.service import _read, get_account, platform_failure
from socialflow.accounts.tokens import call_with_fresh_tokens
from socialflow.core.context import AppContext
from socialflow.core.errors import PaymentRequired, field_error
from socialflow.core.permissions import Scope
from socialflow.platforms.base import Identity, PlatformError, Rejected, TokenSet
from socialflow.platforms.registry import get_connector


def add_choices(
    ctx: AppContext, scope: Scope, account_id: uuid.UUID, choice_ids: list[str]
) -> list[AccountOut]:
    """Connect each choice as an account (plan limit counted per new account); returns them."""
    workspace_id = scope.workspace_id
    account = _read(ctx, workspace_id, account_id)
    if account.platform not in CHOOSERS:
        raise field_error("choice_ids", f"{account.platform} accounts have nothing to choose from")
    offered = {str(c.get("id")) for c in (account.meta or {}).get("choices") or []}
    unknown = [c for c in choice_ids if c not in offered]
    if unknown:
        raise field_error("choice_ids", f"not offered by this account: {', '.join(unknown)}")
    connector = get_connector(ctx.settings, account.platform)
    made: list[uuid.UUID] = []
    try:
        for choice in dict.fromkeys(choice_ids):

            def switch(tokens: TokenSet, choice: str = choice) -> tuple[TokenSet, Identity]:
                return select_choice(connector, tokens, choice)

            try:
                tokens, identity = call_with_fresh_tokens(ctx, account_id, switch)
            except Rejected as exc:
                raise field_error("choice_ids", exc.message) from exc
            except PlatformError as exc:
                raise platform_failure(exc, account) from exc
            tokens.extra = {**identity.extra, **tokens.extra}
            pending = PendingConsent(scope.user_id, workspace_id, account.platform, "", None)
            try:
                made.append(save_account(ctx, pending, tokens, identity))
            except ConnectError as exc:
                raise PaymentRequired(exc.message, code=exc.code) from exc
    finally:
        connector.http.client.close()
    return [get_account(ctx, workspace_id, i) for i in made]
