"""Constants, response shapes and per-request checks shared by the tiktok emulator's modules."""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, Response

from socialflow.core.config import Settings
from socialflow.sandbox.core import (
    SandboxStore,
    SandboxUser,
    apply_latency,
)

PLATFORM = "tiktok"
ACCESS_TTL = 7200  # Nov 2026 docs: 2 hours
REFRESH_TTL = 180 * 24 * 3600  # 180 days, rotated on every refresh
KNOWN_SCOPES = {
    "user.info.basic",
    "user.info.profile",
    "user.info.stats",
    "video.publish",
    "video.upload",
    "video.list",
}
# user/info field -> the scope it needs
USER_FIELDS = {
    "open_id": "user.info.basic",
    "union_id": "user.info.basic",
    "avatar_url": "user.info.basic",
    "avatar_url_100": "user.info.basic",
    "avatar_large_url": "user.info.basic",
    "display_name": "user.info.basic",
    "bio_description": "user.info.profile",
    "profile_deep_link": "user.info.profile",
    "is_verified": "user.info.profile",
    "username": "user.info.profile",
    "follower_count": "user.info.stats",
    "following_count": "user.info.stats",
    "likes_count": "user.info.stats",
    "video_count": "user.info.stats",
}
# error code -> HTTP status the emulator answers with
ERROR_STATUS = {
    "invalid_params": 400,
    "privacy_level_option_mismatch": 400,
    "access_token_invalid": 401,
    "scope_not_authorized": 401,
    "spam_risk_too_many_posts": 403,
    "spam_risk_text": 403,
    "unaudited_client_can_only_post_to_private_accounts": 403,
    "url_ownership_unverified": 403,
    "rate_limit_exceeded": 429,
    "internal_error": 500,
}


@dataclass
class TikTokSandboxOptions:
    """Knobs the contracts ask to be configurable; tests mutate one instance in place."""

    audited: bool = True  # False: only SELF_ONLY may be posted
    # Unconfirmed whether creator_info of an unaudited app lists only SELF_ONLY or the
    # creator's real options (posting anything but SELF_ONLY then fails): both are emulated.
    unaudited_lists_only_self: bool = False
    daily_cap: int = 15  # API posts per creator per rolling 24 h
    polls_to_complete: int = 2  # status polls after upload before PUBLISH_COMPLETE
    process_seconds: float = 5.0  # ... or this much time, whichever comes first
    # Status polls after PUBLISH_COMPLETE before a public post's id appears (moderation).
    moderation_polls: int = 0
    max_video_post_duration_sec: int = 600
    comment_disabled: bool = False
    duet_disabled: bool = False
    stitch_disabled: bool = False
    limits: dict[str, int] = field(
        default_factory=lambda: {"creator_info": 20, "init": 6, "status": 30}
    )
    metric_aliases: dict[str, str] = field(default_factory=dict)  # e.g. view_count->play_count
    verified_url_prefixes: list[str] | None = None  # None: every pull URL counts as verified


def log_id() -> str:
    """A log id shaped like TikTok's (timestamp + hex)."""
    return time.strftime("%Y%m%d%H%M%S", time.gmtime()) + secrets.token_hex(10).upper()


def envelope(
    data: dict[str, Any] | None = None,
    code: str = "ok",
    message: str = "",
    *,
    status: int | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """TikTok's response envelope, with the HTTP status that goes with the error code."""
    return JSONResponse(
        {"data": data or {}, "error": {"code": code, "message": message, "log_id": log_id()}},
        status_code=status or ERROR_STATUS.get(code, 200 if code == "ok" else 400),
        headers=headers,
    )


def oauth_error(error: str, description: str, status: int = 400) -> JSONResponse:
    """The flat error body of TikTok's /v2/oauth/* endpoints."""
    return JSONResponse(
        {"error": error, "error_description": description, "log_id": log_id()},
        status_code=status,
    )


def open_id_of(user: SandboxUser) -> str:
    """A stable, opaque open_id per persona (TikTok never exposes numeric user ids)."""
    return "-000" + hashlib.sha256(f"open:{user.id}".encode()).hexdigest()[:32]


def union_id_of(user: SandboxUser) -> str:
    return "u." + hashlib.sha256(f"union:{user.id}".encode()).hexdigest()[:24]


class TikTokGate:
    """Per-request checks shared by the API endpoints: faults, token, scope, rate limits."""

    def __init__(self, store: SandboxStore, settings: Settings, options: TikTokSandboxOptions):
        self.store = store
        self.settings = settings
        self.options = options

    async def __call__(
        self, request: Request, scope: str | None, bucket: str | None = None
    ) -> tuple[dict[str, Any], SandboxUser] | Response:
        """The token's claims and persona, or the error response to send."""
        path = request.url.path
        await apply_latency(self.store, PLATFORM, path, self.settings.sandbox_latency_ms)
        auth = request.headers.get("authorization", "")
        token = auth[7:].strip() if auth.lower().startswith("bearer ") else None
        claims = self.store.verify(PLATFORM, "access", token)
        fault = self.store.take_fault(
            PLATFORM, path, {"rate_limit", "server_error", "expired_token", "revoked"}
        )
        if fault is not None:
            return self.fault_response(fault.kind, fault.seconds, claims)
        invalid = "The access token is invalid or not found in the request."
        if claims is None or self.store.is_revoked(PLATFORM, claims["s"]):
            return envelope(code="access_token_invalid", message=invalid)
        user = self.store.user_by_id(PLATFORM, claims["s"])
        if user is None:
            return envelope(code="access_token_invalid", message=invalid)
        if scope and scope not in claims.get("scope", "").split(","):
            return envelope(
                code="scope_not_authorized",
                message=f"The user did not authorize the scope required: {scope}",
            )
        if bucket and not self.within_limit(bucket, token or ""):
            return envelope(
                code="rate_limit_exceeded",
                message="API rate limit was exceeded. Please try again later.",
            )
        return claims, user

    def fault_response(
        self, kind: str, seconds: float, claims: dict[str, Any] | None
    ) -> JSONResponse:
        """A scripted fault in TikTok's real shapes."""
        if kind == "rate_limit":
            # TikTok documents no reset header; a scripted `seconds` adds Retry-After.
            headers = {"Retry-After": str(int(seconds))} if seconds else None
            return envelope(
                code="rate_limit_exceeded",
                message="API rate limit was exceeded. Please try again later.",
                headers=headers,
            )
        if kind == "server_error":
            return envelope(code="internal_error", message="Something went wrong. Try again.")
        if kind == "revoked" and claims is not None:
            # De-authorization kills the token and, with it, every refresh token.
            self.store.revoke(PLATFORM, claims["s"])
        return envelope(
            code="access_token_invalid",
            message="The access token is invalid or not found in the request.",
        )

    def within_limit(self, bucket: str, token: str) -> bool:
        """Fixed one-minute windows per (endpoint family, access token)."""
        key = f"tiktok:rl:{bucket}:{hashlib.sha256(token.encode()).hexdigest()[:16]}"
        now = time.time()
        with self.store.lock:
            window = self.store.objects.get(key)
            if window is None or now - window["start"] >= 60:
                window = {"start": now, "count": 0}
                self.store.objects[key] = window
            window["count"] += 1
            return bool(window["count"] <= self.options.limits.get(bucket, 10**9))
