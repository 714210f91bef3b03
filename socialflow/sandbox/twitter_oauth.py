"""The X emulator's OAuth 2.0: consent page, code + PKCE exchange, rotating refresh, revoke."""

from __future__ import annotations

import base64
import binascii
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
from socialflow.sandbox.twitter_common import (
    ACCESS_TTL,
    CLIENT_ID,
    CLIENT_SECRET,
    CODE_TTL,
    KNOWN_SCOPES,
    PLATFORM,
    REFRESH_TTL,
    config,
    fault_response,
    grant_dead,
)


def _reconsent(store: SandboxStore, user: SandboxUser) -> None:
    """A new consent after a revoke: old tokens stay dead, new ones work."""
    with store.lock:
        if store.is_revoked(PLATFORM, user.id):
            store.revoked_subjects.discard((PLATFORM, user.id))
            store.objects.setdefault("twitter:revoked_before", {})[user.id] = time.time()


CONSENT = ConsentSpec(
    platform=PLATFORM,
    title="X",
    path="/i/oauth2/authorize",
    client_id=CLIENT_ID,
    known_scopes=frozenset(KNOWN_SCOPES),
    default_username="sandbox_creator",
    error_page=error_page("X", "Something went wrong"),
    pkce="required",
    extra_redirects=lambda store: set(config(store).get("redirect_uris", [])),
    require_state=True,
    max_state=500,
    on_consent=_reconsent,
)


class TwitterOAuth:
    """The X emulator's token and revoke endpoints (consent: consent.py), as methods."""

    def __init__(self, r: APIRouter, store: SandboxStore, settings: Settings) -> None:
        self.r = r
        self.store = store
        self.settings = settings
        self.r.include_router(ConsentScreen(CONSENT, self.store, self.settings).routes())
        self.r.add_api_route("/2/oauth2/token", self.token, methods=["POST"], response_model=None)
        self.r.add_api_route("/2/oauth2/revoke", self.revoke, methods=["POST"], response_model=None)

    def oauth_error(self, status: int, error: str, description: str) -> JSONResponse:
        return JSONResponse({"error": error, "error_description": description}, status)

    def client_of(self, request: Request, form: dict[str, str]) -> str | None:
        """The authenticated client id: Basic auth (confidential) or client_id (public)."""
        header = request.headers.get("authorization", "")
        if header.lower().startswith("basic "):
            try:
                cid, _, secret = base64.b64decode(header[6:]).decode().partition(":")
            except (binascii.Error, UnicodeDecodeError):
                return None
            return (
                cid if cid == CLIENT_ID and secrets.compare_digest(secret, CLIENT_SECRET) else None
            )
        return form.get("client_id") if form.get("client_id") == CLIENT_ID else None

    def issue_tokens(self, sub: str, scope: str, grant: str) -> dict[str, Any]:
        now = time.time()
        body: dict[str, Any] = {
            "token_type": "bearer",
            "expires_in": ACCESS_TTL,
            "access_token": self.store.issue(
                PLATFORM, "access", sub, ACCESS_TTL, scope=scope, g=grant, iat=now
            ),
            "scope": scope,
        }
        if "offline.access" in scope.split():
            body["refresh_token"] = self.store.issue(
                PLATFORM, "refresh", sub, REFRESH_TTL, scope=scope, g=grant, iat=now
            )
        return body

    async def token(self, request: Request) -> Response:
        await apply_latency(
            self.store, PLATFORM, request.url.path, self.settings.sandbox_latency_ms
        )
        fault = self.store.take_fault(PLATFORM, request.url.path, {"server_error", "rate_limit"})
        if fault:
            return fault_response(self.store, fault, None)
        form = {k: str(v) for k, v in (await request.form()).items()}
        client = self.client_of(request, form)
        if client is None:
            return self.oauth_error(
                401, "unauthorized_client", "Missing valid authorization header"
            )
        grant_type = form.get("grant_type")
        if grant_type == "authorization_code":
            grant = take_grant(self.store, PLATFORM, form.get("code", ""))
            if (
                grant is None
                or time.time() - grant["issued"] > CODE_TTL
                or grant["client_id"] != client
                or grant["redirect_uri"] != form.get("redirect_uri")
                or not form.get("code_verifier")
                or not pkce_ok(grant["method"], grant["challenge"], form.get("code_verifier"))
            ):
                return self.oauth_error(
                    400, "invalid_request", "Value passed for the authorization code was invalid."
                )
            return JSONResponse(
                self.issue_tokens(grant["sub"], grant["scope"], secrets.token_hex(8))
            )
        if grant_type == "refresh_token":
            raw = form.get("refresh_token", "")
            claims = self.store.verify(PLATFORM, "refresh", raw)
            if (
                claims is None
                or grant_dead(self.store, claims)
                or not self.store.consume_refresh(raw)
            ):
                return self.oauth_error(
                    400, "invalid_request", "Value passed for the token was invalid."
                )
            return JSONResponse(self.issue_tokens(claims["s"], claims["scope"], claims["g"]))
        return self.oauth_error(
            400, "unsupported_grant_type", "Value passed for grant_type is not supported."
        )

    async def revoke(self, request: Request) -> Response:
        form = {k: str(v) for k, v in (await request.form()).items()}
        if self.client_of(request, form) is None:
            return self.oauth_error(
                401, "unauthorized_client", "Missing valid authorization header"
            )
        raw = form.get("token", "")
        claims = self.store.verify(PLATFORM, "access", raw) or self.store.verify(
            PLATFORM, "refresh", raw
        )
        if claims:
            with self.store.lock:
                self.store.objects.setdefault("twitter:revoked_grants", {})[claims["g"]] = (
                    time.time()
                )
        # Like the real endpoint: unknown tokens are "revoked" too (RFC 7009).
        return JSONResponse({"revoked": True})


def oauth_routes(r: APIRouter, store: SandboxStore, settings: Settings) -> None:
    """Add x.com/i/oauth2/authorize and api.x.com/2/oauth2/{token,revoke} to the router."""
    TwitterOAuth(r, store, settings)
