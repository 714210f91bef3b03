"""The LinkedIn emulator's OAuth 2.0: consent page, code exchange, partner-only refresh tokens."""

from __future__ import annotations

import secrets
import time
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from socialflow.core.config import Settings
from socialflow.sandbox.consent import ConsentScreen, ConsentSpec, error_page, take_grant
from socialflow.sandbox.core import (
    SandboxStore,
    SandboxUser,
    apply_latency,
    pkce_ok,
)
from socialflow.sandbox.linkedin_common import (
    ACCESS_TTL,
    BAD_CODE,
    CLIENT_ID,
    CLIENT_SECRET,
    KNOWN_SCOPES,
    PLATFORM,
    REFRESH_TTL,
    config,
    fault_response,
)


def _reconsent(store: SandboxStore, user: SandboxUser) -> None:
    with store.lock:
        if store.is_revoked(PLATFORM, user.id):
            store.revoked_subjects.discard((PLATFORM, user.id))
            store.objects.setdefault("linkedin:revoked_before", {})[user.id] = time.time()


CONSENT = ConsentSpec(
    platform=PLATFORM,
    title="LinkedIn",
    path="/oauth/v2/authorization",
    client_id=CLIENT_ID,
    known_scopes=frozenset(KNOWN_SCOPES),
    default_username="sandbox_member",
    error_page=error_page("LinkedIn", "Bummer, something went wrong."),
    scope_split=r"[ ,]+",
    scope_join=",",
    extra_redirects=lambda store: set(config(store).get("redirect_uris", [])),
    scope_error_redirect={
        "error": "unauthorized_scope_error",
        "error_description": 'Scope "{scope}" is not authorized for your application',
    },
    denial={
        "error": "user_cancelled_authorize",
        "error_description": "The user cancelled the authorization",
    },
    on_consent=_reconsent,
)


class LinkedInOAuth:
    """The LinkedIn emulator's token endpoint (consent: consent.py), as methods."""

    def __init__(self, r: APIRouter, store: SandboxStore, settings: Settings) -> None:
        self.r = r
        self.store = store
        self.settings = settings
        self.r.include_router(ConsentScreen(CONSENT, self.store, self.settings).routes())
        self.r.add_api_route(
            "/oauth/v2/accessToken", self.access_token, methods=["POST"], response_model=None
        )

    def oauth_error(self, status: int, err: str, description: str) -> JSONResponse:
        return JSONResponse({"error": err, "error_description": description}, status)

    async def access_token(self, request: Request) -> Response:
        await apply_latency(
            self.store, PLATFORM, request.url.path, self.settings.sandbox_latency_ms
        )
        fault = self.store.take_fault(PLATFORM, request.url.path, {"server_error", "rate_limit"})
        if fault:
            return fault_response(self.store, fault, None)
        f = {k: str(v) for k, v in (await request.form()).items()}
        if f.get("client_id") != CLIENT_ID or not secrets.compare_digest(
            f.get("client_secret", ""), CLIENT_SECRET
        ):
            return self.oauth_error(401, "invalid_client", "Client authentication failed")
        now = time.time()
        if f.get("grant_type") == "authorization_code":
            grant = take_grant(self.store, PLATFORM, f.get("code", ""))
            if (
                grant is None
                or grant["redirect_uri"] != f.get("redirect_uri")
                or not pkce_ok(grant["method"], grant["challenge"], f.get("code_verifier"))
            ):
                return self.oauth_error(
                    400,
                    "invalid_request",
                    BAD_CODE,
                )
            body: dict[str, Any] = {
                "access_token": self.store.issue(
                    PLATFORM, "access", grant["sub"], ACCESS_TTL, scope=grant["scope"], iat=now
                ),
                "expires_in": ACCESS_TTL,
                "scope": grant["scope"],
                "token_type": "Bearer",
            }
            if config(self.store)["refresh_tokens"]:
                body["refresh_token"] = self.store.issue(
                    PLATFORM, "refresh", grant["sub"], REFRESH_TTL, scope=grant["scope"], iat=now
                )
                body["refresh_token_expires_in"] = REFRESH_TTL
            return JSONResponse(body)
        if f.get("grant_type") == "refresh_token":
            raw = f.get("refresh_token", "")
            claims = self.store.verify(PLATFORM, "refresh", raw)
            with self.store.lock:
                before = (
                    self.store.objects.get("linkedin:revoked_before", {}).get(claims["s"], 0.0)
                    if claims
                    else 0.0
                )
            if (
                claims is None
                or self.store.is_revoked(PLATFORM, claims["s"])
                or claims.get("iat", 0) <= before
            ):
                return self.oauth_error(
                    400,
                    "invalid_request",
                    "The provided refresh token is invalid or has been revoked",
                )
            # Not rotated: the same refresh token comes back with its remaining lifetime.
            return JSONResponse(
                {
                    "access_token": self.store.issue(
                        PLATFORM, "access", claims["s"], ACCESS_TTL, scope=claims["scope"], iat=now
                    ),
                    "expires_in": ACCESS_TTL,
                    "refresh_token": raw,
                    "refresh_token_expires_in": int(claims["e"] - now),
                    "scope": claims["scope"],
                    "token_type": "Bearer",
                }
            )
        return self.oauth_error(
            400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token"
        )


def oauth_routes(r: APIRouter, store: SandboxStore, settings: Settings) -> None:
    """Add www.linkedin.com/oauth/v2/{authorization,accessToken} to the router."""
    LinkedInOAuth(r, store, settings)
