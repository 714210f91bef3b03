"""Emulator of Business Login for Instagram (graph.instagram.com) under /instagram-login.

The second way to connect a professional Instagram account, with no Facebook Page: the
Instagram app's own consent screen (`www.instagram.com/oauth/authorize`, `instagram_business_*`
scopes; the old `business_*` names were retired on 27 Jan 2025 and are refused), the code
exchanged at `api.instagram.com/oauth/access_token` (a form POST: a 1-hour Instagram User
token, the professional account's `user_id` and the permissions), then
`graph.instagram.com/access_token?grant_type=ig_exchange_token` (60 days) and
`graph.instagram.com/refresh_access_token?grant_type=ig_refresh_token` (a long-lived token at
least 24 hours old and not expired). `GET /{version}/me` answers the professional account
(`user_id`, `username`, `account_type`, ...). Publishing, comments and insights are the same
endpoints as on graph.facebook.com (the Instagram emulator's handlers) with Instagram User
tokens and the `instagram_business_*` permissions.

The three hosts share one prefix here: `/oauth/authorize` (www), `/oauth/access_token`
(api), `/access_token`, `/refresh_access_token` and `/{version}/...` (graph).

Personas: the name typed on the consent page is the Instagram account (the same account the
Facebook Login path reaches through a Page); `personal_*` names are personal accounts, which
the API does not serve. Knobs in `store.objects["instagram-login:config"]`: `wrapped` answers
the code exchange as `{"data": [{...}]}` as some versions of the docs show [✖];
`permissions_as_string` sends the permissions comma-separated.
"""

from __future__ import annotations

import time
from typing import Any

from fastapi import Request, Response
from fastapi.responses import JSONResponse

from socialflow.core.config import Settings
from socialflow.sandbox.consent import ConsentScreen, ConsentSpec, error_page, take_grant
from socialflow.sandbox.core import SandboxStore, apply_latency
from socialflow.sandbox.instagram import PLATFORM, InstagramEmulator
from socialflow.sandbox.meta import (
    LONG_LIVED_SECONDS,
    SHORT_LIVED_SECONDS,
    Ctx,
    MetaGraph,
    PageInfo,
    avatar_url,
)

CLIENT_ID = "sandbox-instagram-login-client"
CLIENT_SECRET = "sandbox-instagram-login-secret"  # noqa: S105 (the sandbox app's, public)
KIND = "iguser"  # an Instagram User token
SCOPES = frozenset(
    {
        "instagram_business_basic",
        "instagram_business_content_publish",
        "instagram_business_manage_comments",
        "instagram_business_manage_insights",
        "instagram_business_manage_messages",
    }
)
# What each permission allows, in the Facebook Login path's names the handlers check.
SAME_AS = {
    "instagram_business_basic": "instagram_basic",
    "instagram_business_content_publish": "instagram_content_publish",
    "instagram_business_manage_comments": "instagram_manage_comments",
    "instagram_business_manage_insights": "instagram_manage_insights",
}
SIXTY_DAYS = 5184000
REFRESH_MIN_AGE = 24 * 3600


class InstagramLoginGraph(MetaGraph):
    """graph.instagram.com: Instagram User tokens of the Instagram app, no Pages."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.client_id = CLIENT_ID
        self.client_secret = CLIENT_SECRET

    async def begin(
        self, request: Request, version: str, kinds: set[str] | None = None
    ) -> Ctx | JSONResponse:
        ctx = await super().begin(request, version, kinds or {KIND})
        if isinstance(ctx, Ctx):
            granted = [str(s) for s in ctx.claims.get("sc") or []]
            ctx.claims = {**ctx.claims, "sc": [SAME_AS.get(s, s) for s in granted]}
        return ctx

    def buc_owner(self, claims: dict[str, Any]) -> tuple[str | None, str]:
        return str(claims.get("s") or "") or None, "instagram"

    def revoked(self, claims: dict[str, Any]) -> bool:
        return self.store.is_revoked(self.platform, str(claims.get("s")))


class InstagramLoginEmulator(InstagramEmulator):
    """Business Login for Instagram, then the Instagram emulator's publishing endpoints."""

    graph_class = InstagramLoginGraph

    def login_routes(self) -> None:
        spec = ConsentSpec(
            platform=PLATFORM,
            title="Instagram",
            path="/oauth/authorize",
            client_id=CLIENT_ID,
            known_scopes=SCOPES,
            default_username="sandbox_creator",
            error_page=error_page("Instagram", "Sorry, this page isn't available."),
            scope_split=r"[,\s]+",
            scope_join=",",
            scope_error_message="Invalid Scopes: {scopes}",
            pkce="none",
            denial={
                "error": "access_denied",
                "error_reason": "user_denied",
                "error_description": "The user denied your request.",
            },
            fragment="#_",  # Instagram ends the redirect with "#_" (the code may look so)
        )
        self.api.include_router(ConsentScreen(spec, self.store, self.settings).routes())
        self.api.add_api_route(
            "/oauth/access_token", self.code_exchange, methods=["POST"], response_model=None
        )
        self.api.add_api_route(
            "/access_token", self.long_lived, methods=["GET"], response_model=None
        )
        self.api.add_api_route(
            "/refresh_access_token", self.refresh, methods=["GET"], response_model=None
        )
        self.api.add_api_route("/{version}/me", self.me, methods=["GET"], response_model=None)

    def config(self) -> dict[str, Any]:
        # Publishing knobs (quota, legacy metrics) are the account's, whatever the login.
        return self.store.objects.get("instagram:config") or {}

    def login_config(self) -> dict[str, Any]:
        return self.store.objects.get("instagram-login:config") or {}

    def pages_of(self, username: str) -> list[PageInfo]:
        """No Pages on this path: the account itself stands in for the Graph helper."""
        ig = self.store.user(PLATFORM, username)
        return [PageInfo(ig.id, ig.display_name, ig.username, None, ig)]

    def ig_of(self, ctx: Ctx, ig_user_id: str) -> Any:
        """The token's own professional account (an Instagram User token has no other)."""
        ig = self.store.user(PLATFORM, str(ctx.claims["un"]))
        return ig if ig.id == ig_user_id and not _personal(ig.username) else None

    # ---------------------------------------------------------------- tokens

    def _oauth_error(self, message: str, status: int = 400) -> JSONResponse:
        """api.instagram.com's OAuth errors are flat, not Graph's `{"error": {...}}`."""
        body = {"error_type": "OAuthException", "code": status, "error_message": message}
        return JSONResponse(body, status_code=status)

    async def code_exchange(self, request: Request) -> Response:
        await apply_latency(
            self.store, PLATFORM, request.url.path, self.settings.sandbox_latency_ms
        )
        fault = self.store.take_fault(PLATFORM, request.url.path, {"rate_limit", "server_error"})
        if fault:
            return self.g.fault_response(fault, None)
        form = {k: str(v) for k, v in (await request.form()).items() if isinstance(v, str)}
        if form.get("client_id") != CLIENT_ID:
            return self._oauth_error("Invalid platform app")
        if form.get("client_secret") != CLIENT_SECRET:
            return self._oauth_error("Error validating client secret.")
        if form.get("grant_type") != "authorization_code":
            return self._oauth_error("Invalid grant_type")
        code = form.get("code", "")
        if code.endswith("#_"):
            return self._oauth_error("Invalid authorization code")  # the fragment, sent along
        grant = take_grant(self.store, PLATFORM, code)
        if grant is None or grant.get("client_id") != CLIENT_ID:
            return self._oauth_error("This authorization code has expired or has been used")
        if grant["redirect_uri"] != form.get("redirect_uri"):
            return self._oauth_error(
                "Error validating verification code. Please make sure your redirect_uri is "
                "identical to the one you used in the OAuth dialog request"
            )
        ig = self.store.user(PLATFORM, grant["username"])
        scopes = [s for s in str(grant["scope"]).split(",") if s]
        token = self.store.issue(
            PLATFORM, KIND, ig.id, SHORT_LIVED_SECONDS,
            un=ig.username, sc=scopes, ll=False, iat=int(time.time()),
        )  # fmt: skip
        knobs = self.login_config()
        permissions: Any = ",".join(scopes) if knobs.get("permissions_as_string") else scopes
        answer = {"access_token": token, "user_id": int(ig.id), "permissions": permissions}
        return JSONResponse({"data": [answer]} if knobs.get("wrapped") else answer)

    async def long_lived(self, request: Request) -> Response:
        """`ig_exchange_token`: a short-lived Instagram User token in, a 60-day one out."""
        q = dict(request.query_params)
        if q.get("grant_type") != "ig_exchange_token":
            return self.g.error("(#100) Invalid grant_type", 100)
        if q.get("client_secret") != CLIENT_SECRET:
            return self.g.error("Error validating client secret.", 1)
        claims = self.g.check_token(q.get("access_token"), {KIND})
        if isinstance(claims, JSONResponse):
            return claims
        return self._long(claims)

    async def refresh(self, request: Request) -> Response:
        """`ig_refresh_token`: a long-lived token at least 24 h old and not expired."""
        q = dict(request.query_params)
        if q.get("grant_type") != "ig_refresh_token":
            return self.g.error("(#100) Invalid grant_type", 100)
        claims = self.g.check_token(q.get("access_token"), {KIND})
        if isinstance(claims, JSONResponse):
            return claims  # an expired token cannot be refreshed: a new login is needed
        if not claims.get("ll"):
            return self.g.error("(#100) Only a long-lived token can be refreshed", 100)
        if time.time() - int(claims.get("iat") or 0) < REFRESH_MIN_AGE:
            # [✖] the exact answer is unconfirmed; the rule (24 h) is documented.
            return self.g.error(
                "(#100) The access token can be refreshed only once it is at least 24 hours old",
                100,
            )
        return self._long(claims)

    def _long(self, claims: dict[str, Any]) -> JSONResponse:
        token = self.store.issue(
            PLATFORM, KIND, str(claims["s"]), LONG_LIVED_SECONDS,
            un=claims["un"], sc=list(claims.get("sc") or []), ll=True, iat=int(time.time()),
        )  # fmt: skip
        return self.g.ok(
            {"access_token": token, "token_type": "bearer", "expires_in": SIXTY_DAYS}, None
        )

    async def me(self, version: str, request: Request) -> Response:
        ctx = await self.g.begin(request, version)
        if isinstance(ctx, JSONResponse):
            return ctx
        ig = self.store.user(PLATFORM, str(ctx.claims["un"]))
        personal = _personal(ig.username)
        node = {
            "id": ig.id,
            "user_id": ig.id,
            "username": ig.username,
            "name": ig.display_name,
            "account_type": "PERSONAL" if personal else "BUSINESS",
            "profile_picture_url": avatar_url(ig.id),
            "followers_count": None if personal else ig.followers(),
            "follows_count": 12,
            "media_count": 0,
        }
        selected = self.g.select(node, ctx.params.get("fields"), "User", "id,username")
        return selected if isinstance(selected, JSONResponse) else self.g.ok(selected, ctx.claims)


def _personal(username: str) -> bool:
    return username.startswith("personal")


def router(store: SandboxStore, settings: Settings) -> Any:
    """Business Login for Instagram and the graph.instagram.com publishing endpoints."""
    return InstagramLoginEmulator(store, settings).api
