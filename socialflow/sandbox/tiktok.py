"""TikTok emulator: Login Kit v2 OAuth, user info, Content Posting API, video list/query.

Speaks TikTok's paths and its envelope `{"data":{...},"error":{"code","message","log_id"}}`,
per-token per-minute limits (creator_info 20, init 6, status 30), the creator's daily post cap
(`spam_risk_too_many_posts`), the unaudited-app SELF_ONLY rule, chunked FILE_UPLOAD with TikTok's
chunk rules, and asynchronous processing polled through `status/fetch`. OAuth lives here; the
posting endpoints are in `tiktok_posting.py`.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from socialflow.core.config import Settings
from socialflow.sandbox.consent import ConsentScreen, ConsentSpec, error_page, take_grant
from socialflow.sandbox.core import (
    SandboxStore,
    apply_latency,
)
from socialflow.sandbox.tiktok_common import (
    ACCESS_TTL,
    KNOWN_SCOPES,
    PLATFORM,
    REFRESH_TTL,
    USER_FIELDS,
    TikTokGate,
    TikTokSandboxOptions,
    envelope,
    oauth_error,
    open_id_of,
    union_id_of,
)
from socialflow.sandbox.tiktok_posting import TikTokPosting

CONSENT = ConsentSpec(
    platform=PLATFORM,
    title="TikTok",
    path="/v2/auth/authorize/",
    client_param="client_key",
    client_id="sandbox-tiktok-client",  # CLIENT_KEY
    known_scopes=frozenset(KNOWN_SCOPES),
    default_username="sandbox_creator",
    error_page=error_page("TikTok", "Something went wrong"),
    scope_split=",",
    scope_join=",",
    challenge_methods=("S256",),
    denial={
        "error": "access_denied",
        "error_description": "The user denied the authorization request.",
    },
    approval_params=lambda form: {"scopes": form.get("scope", "")},
)


def hex_pkce_ok(challenge: str | None, verifier: str | None) -> bool:
    """TikTok's PKCE: the challenge is the *hex* SHA-256 of the verifier (Login Kit's desktop
    guide), not RFC 7636's base64url. No challenge at the consent: nothing to check (web)."""
    if not challenge:
        return True
    if not verifier:
        return False
    expected = hashlib.sha256(verifier.encode()).hexdigest()
    return secrets.compare_digest(expected, challenge.lower())


CLIENT_KEY = "sandbox-tiktok-client"
CLIENT_SECRET = "sandbox-tiktok-secret"  # noqa: S105 - the sandbox's published secret


class TikTokAccounts:
    """The Login Kit token endpoints and user info of the TikTok emulator."""

    def __init__(self, store: SandboxStore, settings: Settings, gate: TikTokGate):
        self.store = store
        self.settings = settings
        self.gate = gate

    def add_to(self, api: APIRouter) -> None:
        api.add_api_route("/v2/oauth/token/", self.token, methods=["POST"], response_model=None)
        api.add_api_route("/v2/oauth/revoke/", self.revoke, methods=["POST"], response_model=None)
        api.add_api_route("/v2/user/info/", self.user_info, methods=["GET"], response_model=None)

    def _token_pair(self, user_id: str, scope: str) -> dict[str, Any]:
        store = self.store
        user = store.user_by_id(PLATFORM, user_id)
        assert user is not None
        return {
            "access_token": store.issue(PLATFORM, "access", user_id, ACCESS_TTL, scope=scope),
            "expires_in": ACCESS_TTL,
            "open_id": open_id_of(user),
            "refresh_expires_in": REFRESH_TTL,
            "refresh_token": store.issue(PLATFORM, "refresh", user_id, REFRESH_TTL, scope=scope),
            "scope": scope,
            "token_type": "Bearer",
        }

    async def token(self, request: Request) -> Response:
        store, path = self.store, request.url.path
        await apply_latency(store, PLATFORM, path, self.settings.sandbox_latency_ms)
        if not request.headers.get("content-type", "").startswith(
            "application/x-www-form-urlencoded"
        ):
            return oauth_error("invalid_request", "Content-Type must be form-urlencoded.")
        f = {k: str(v) for k, v in (await request.form()).items()}
        if f.get("client_key") != CLIENT_KEY or f.get("client_secret") != CLIENT_SECRET:
            return oauth_error("invalid_client", "Client key or secret is incorrect.", 401)
        fault = store.take_fault(PLATFORM, path, {"server_error", "rate_limit", "revoked"})
        if fault and fault.kind == "server_error":
            return oauth_error("internal_error", "Something went wrong. Try again.", 500)
        if fault and fault.kind == "rate_limit":
            return oauth_error("rate_limit_exceeded", "Too many requests.", 429)
        grant_type = f.get("grant_type")
        if grant_type == "authorization_code":
            grant = take_grant(store, PLATFORM, f.get("code", ""))
            if grant is None:
                return oauth_error("invalid_grant", "Authorization code is expired.")
            if grant["redirect_uri"] != f.get("redirect_uri"):
                return oauth_error("invalid_grant", "Redirect URI mismatch.")
            if not hex_pkce_ok(grant["challenge"], f.get("code_verifier")):
                return oauth_error("invalid_request", "Code verifier or code challenge is invalid.")
            return JSONResponse(self._token_pair(grant["sub"], grant["scope"]))
        if grant_type == "refresh_token":
            old = f.get("refresh_token", "")
            claims = store.verify(PLATFORM, "refresh", old)
            if fault and fault.kind == "revoked" and claims:
                store.revoke(PLATFORM, claims["s"])
            dead = "Refresh token is invalid or expired."
            if claims is None or store.is_revoked(PLATFORM, claims["s"]):
                return oauth_error("invalid_grant", dead)
            if not store.consume_refresh(old):  # rotated: each refresh token works once
                return oauth_error("invalid_grant", dead)
            return JSONResponse(self._token_pair(claims["s"], claims.get("scope", "")))
        return oauth_error("unsupported_grant_type", "The grant type is not supported.")

    async def revoke(self, request: Request) -> Response:
        f = {k: str(v) for k, v in (await request.form()).items()}
        if f.get("client_key") != CLIENT_KEY or f.get("client_secret") != CLIENT_SECRET:
            return oauth_error("invalid_client", "Client key or secret is incorrect.", 401)
        claims = self.store.verify(PLATFORM, "access", f.get("token"))
        if claims is None:
            return oauth_error("invalid_request", "The token is invalid.")
        self.store.revoke(PLATFORM, claims["s"])
        return envelope()

    async def user_info(self, request: Request) -> Response:
        gated = await self.gate(request, None)
        if isinstance(gated, Response):
            return gated
        claims, user = gated
        fields = [x for x in request.query_params.get("fields", "").split(",") if x]
        unknown = [x for x in fields if x not in USER_FIELDS]
        if not fields or unknown:
            return envelope(code="invalid_params", message=f"Invalid fields: {unknown or 'none'}")
        granted = claims.get("scope", "").split(",")
        for name in fields:
            if USER_FIELDS[name] not in granted:
                return envelope(
                    code="scope_not_authorized",
                    message=f"The user did not authorize the scope required: {USER_FIELDS[name]}",
                )
        posts = self.store.records_of(PLATFORM, user.id)
        values: dict[str, Any] = {
            "open_id": open_id_of(user),
            "union_id": union_id_of(user),
            "avatar_url": f"https://p16-sign.tiktokcdn.com/sandbox/{user.id}.jpeg",
            "avatar_url_100": f"https://p16-sign.tiktokcdn.com/sandbox/{user.id}~100.jpeg",
            "avatar_large_url": f"https://p16-sign.tiktokcdn.com/sandbox/{user.id}~1080.jpeg",
            "display_name": user.display_name,
            "bio_description": "A sandbox creator",
            "profile_deep_link": f"https://www.tiktok.com/@{user.username}",
            "is_verified": False,
            "username": user.username,
            "follower_count": user.followers(),
            "following_count": 42,
            "likes_count": 10 * len(posts),
            "video_count": len(posts),
        }
        return envelope({"user": {name: values[name] for name in fields}})


def router(
    store: SandboxStore, settings: Settings, options: TikTokSandboxOptions | None = None
) -> APIRouter:
    """The TikTok emulator: every TikTok host's paths under one prefix."""
    opts = options or TikTokSandboxOptions()
    api = APIRouter(tags=["sandbox-tiktok"])
    gate = TikTokGate(store, settings, opts)
    api.include_router(ConsentScreen(CONSENT, store, settings).routes())
    TikTokAccounts(store, settings, gate).add_to(api)
    TikTokPosting(store, opts, gate).add_to(api)
    return api
