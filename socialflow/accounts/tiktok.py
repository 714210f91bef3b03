"""What a TikTok creator may post right now, for the composer's TikTok settings (issue 18 #2).

TikTok's content sharing guidelines: show the creator's `creator_info` (nickname, the privacy
levels it offers, which interactions the creator turned off, the longest video allowed) each
time a post is prepared, and let the creator choose: no defaults.
"""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel, Field

from socialflow.accounts.service import owned
from socialflow.accounts.tokens import call_with_fresh_tokens
from socialflow.core.context import AppContext
from socialflow.core.errors import BadRequest
from socialflow.models import SocialAccount
from socialflow.platforms.registry import get_connector
from socialflow.platforms.tiktok import TikTokConnector


class TikTokCreatorInfoOut(BaseModel):
    creator_username: str | None
    creator_nickname: str | None
    privacy_level_options: list[str] = Field(
        description="The privacy levels this creator may post with; the user picks one."
    )
    comment_disabled: bool
    duet_disabled: bool
    stitch_disabled: bool
    max_video_post_duration_sec: int | None


def creator_info(
    ctx: AppContext, workspace_id: uuid.UUID, account_id: uuid.UUID
) -> TikTokCreatorInfoOut:
    """Ask TikTok what this account may post (refreshing its token once if needed)."""
    with ctx.db.read_sessions() as session:
        account: SocialAccount = owned(session, workspace_id, account_id)
        if account.platform != "tiktok":
            raise BadRequest(
                f"account_id: this is a {account.platform} account, not a TikTok one",
                code="not_tiktok",
            )
    connector = get_connector(ctx.settings, "tiktok")
    assert isinstance(connector, TikTokConnector)
    try:
        info: dict[str, Any] = call_with_fresh_tokens(ctx, account_id, connector.creator_info)
    finally:
        connector.http.client.close()
    duration = info.get("max_video_post_duration_sec")
    return TikTokCreatorInfoOut(
        creator_username=info.get("creator_username"),
        creator_nickname=info.get("creator_nickname"),
        privacy_level_options=[str(o) for o in info.get("privacy_level_options") or []],
        comment_disabled=bool(info.get("comment_disabled")),
        duet_disabled=bool(info.get("duet_disabled")),
        stitch_disabled=bool(info.get("stitch_disabled")),
        max_video_post_duration_sec=int(duration) if duration is not None else None,
    )
