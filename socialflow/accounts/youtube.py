"""A YouTube channel's playlists, for the composer's YouTube settings (issue 19 §7)."""

from __future__ import annotations

import uuid

from pydantic import BaseModel

from socialflow.accounts.service import owned, platform_failure
from socialflow.accounts.tokens import call_with_fresh_tokens
from socialflow.core.context import AppContext
from socialflow.core.errors import BadRequest
from socialflow.models import SocialAccount
from socialflow.platforms.base import PlatformError
from socialflow.platforms.registry import get_connector
from socialflow.platforms.youtube import YouTubeConnector


class PlaylistOut(BaseModel):
    id: str
    title: str


class PlaylistsOut(BaseModel):
    items: list[PlaylistOut]


def playlists(ctx: AppContext, workspace_id: uuid.UUID, account_id: uuid.UUID) -> PlaylistsOut:
    """The channel's playlists (refreshing its token once if needed)."""
    with ctx.db.read_sessions() as session:
        account: SocialAccount = owned(session, workspace_id, account_id)
        if account.platform != "youtube":
            raise BadRequest(
                f"account_id: this is a {account.platform} account, not a YouTube one",
                code="not_youtube",
            )
    connector = get_connector(ctx.settings, "youtube")
    assert isinstance(connector, YouTubeConnector)
    try:
        found = call_with_fresh_tokens(ctx, account_id, connector.playlists)
    except PlatformError as exc:
        raise platform_failure(exc, account) from exc
    finally:
        connector.http.client.close()
    return PlaylistsOut(items=[PlaylistOut(id=p["id"], title=p["title"]) for p in found])
