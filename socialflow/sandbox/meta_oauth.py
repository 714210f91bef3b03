"""Meta's Login dialog, token endpoint and `/me` family, shared by both Graph emulators."""

from __future__ import annotations

import re
import time

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from socialflow.sandbox.consent import ConsentScreen, ConsentSpec, error_page, take_grant
from socialflow.sandbox.core import apply_latency
from socialflow.sandbox.meta import (
    KNOWN_SCOPES,
    LONG_LIVED_SECONDS,
    SHORT_LIVED_SECONDS,
    VERSION_RE,
    MetaGraph,
    avatar_url,
    page_cursor,
)


class MetaLogin:
    """Meta's token endpoint and /me family for both Graph emulators (consent: consent.py)."""

    def __init__(self, g: MetaGraph, router: APIRouter) -> None:
        self.g = g
        self.router = router
        self.spec = ConsentSpec(
            platform=self.g.platform,
            title=self.g.display,
            path="/{version}/dialog/oauth",
            client_id=self.g.client_id,
            known_scopes=frozenset(KNOWN_SCOPES),
            default_username=self.g.default_username,
            error_page=error_page(self.g.display, "Error"),
            scope_split=r"[,\s]+",
            scope_join=",",
            scope_error_message="Invalid Scopes: {scopes}",
            pkce="none",
            check=lambda request, q: _dialog_problem(
                self.g,
                request.path_params.get("version", ""),
                q.get("client_id"),
                q.get("redirect_uri"),
            ),
            denial={
                "error": "access_denied",
                "error_code": "200",
                "error_description": "Permissions error",
                "error_reason": "user_denied",
            },
            fragment="#_=_",  # Facebook appends this fragment to every Login redirect
        )
        self.router.include_router(ConsentScreen(self.spec, self.g.store, self.g.settings).routes())
        self.router.add_api_route(
            "/{version}/oauth/access_token", self.access_token, methods=["GET"], response_model=None
        )
        self.router.add_api_route("/{version}/me", self.me, methods=["GET"], response_model=None)
        self.router.add_api_route(
            "/{version}/me/accounts", self.accounts, methods=["GET"], response_model=None
        )
        self.router.add_api_route(
            "/{version}/me/businesses", self.businesses, methods=["GET"], response_model=None
        )
        self.router.add_api_route(
            "/{version}/{business_id}/owned_pages",
            self.business_pages,
            methods=["GET"],
            response_model=None,
        )
        self.router.add_api_route(
            "/{version}/{business_id}/client_pages",
            self.business_pages,
            methods=["GET"],
            response_model=None,
        )
        self.router.add_api_route(
            "/{version}/me/permissions", self.permissions, methods=["GET"], response_model=None
        )
        self.router.add_api_route(
            "/{version}/me/permissions", self.deauthorize, methods=["DELETE"], response_model=None
        )

    async def access_token(self, version: str, request: Request) -> Response:
        await apply_latency(
            self.g.store, self.g.platform, request.url.path, self.g.settings.sandbox_latency_ms
        )
        fault = self.g.store.take_fault(
            self.g.platform, request.url.path, {"rate_limit", "server_error"}
        )
        if fault:
            return self.g.fault_response(fault, None)
        q = dict(request.query_params)
        if q.get("client_id") != self.g.client_id:
            return self.g.error("Error validating application. Invalid application ID.", 101)
        if q.get("client_secret") != self.g.client_secret:
            return self.g.error("Error validating client secret.", 1)
        if q.get("grant_type") == "fb_exchange_token":
            return _exchange(self.g, q.get("fb_exchange_token"))
        if not q.get("code"):
            return self.g.error("Missing authorization code", 100)
        if not q.get("redirect_uri"):
            return self.g.error("Missing redirect_uri parameter.", 191)
        code = q["code"]
        used_key = f"meta-used-code:{code}"
        grant = take_grant(self.g.store, self.g.platform, code)
        if grant is None:
            if used_key in self.g.store.objects:
                return self.g.error("This authorization code has been used.", 100, subcode=36009)
            return self.g.error("Invalid verification code format.", 100, subcode=36007)
        self.g.store.objects[used_key] = {"used": time.time()}
        if grant["redirect_uri"] != q["redirect_uri"]:
            return self.g.error(
                "Error validating verification code. Please make sure your redirect_uri is "
                "identical to the one you used in the OAuth dialog request",
                100,
                subcode=36008,
            )
        scopes = [s for s in str(grant["scope"]).split(",") if s]
        token = self.g.issue_user(grant["username"], scopes, long_lived=False)
        return self.g.ok(
            {"access_token": token, "token_type": "bearer", "expires_in": SHORT_LIVED_SECONDS},
            None,
        )

    async def me(self, version: str, request: Request) -> Response:
        ctx = await self.g.begin(request, version)
        if isinstance(ctx, JSONResponse):
            return ctx
        if ctx.is_page:
            page = self.g.page_of(ctx.claims, str(ctx.claims["pg"]))
            if page is None:
                return self.g.invalid_token_error()
            node = self.g.page_node(page, ctx.claims)
            selected = self.g.select(node, ctx.params.get("fields"), "Page", "id,name")
        else:
            person_id, name = self.g.person_of(str(ctx.claims["un"]))
            node = {
                "id": person_id,
                "name": name,
                "picture": {"data": {"url": avatar_url(person_id), "is_silhouette": False}},
            }
            selected = self.g.select(node, ctx.params.get("fields"), "User", "id,name")
        return selected if isinstance(selected, JSONResponse) else self.g.ok(selected, ctx.claims)

    async def accounts(self, version: str, request: Request) -> Response:
        ctx = await self.g.begin(request, version)
        if isinstance(ctx, JSONResponse):
            return ctx
        if ctx.is_page:
            return self.g.error(
                "(#100) Tried accessing nonexisting field (accounts) on node type (Page)", 100
            )
        pages = self.g.pages_of(str(ctx.claims["un"])) if "pages_show_list" in ctx.scopes else []
        pages = [p for p in pages if p.business is None]  # a business's Pages are not here
        spec = ctx.params.get("fields") or "id,name,access_token,category,tasks"
        rows = []
        for page in pages:
            node = self.g.page_node(page, ctx.claims)
            node["access_token"] = self.g.issue_page(ctx.claims, page)
            selected = self.g.select(node, spec, "Page")
            if isinstance(selected, JSONResponse):
                return selected
            rows.append(selected)
        return self.g.ok(page_cursor(rows, ctx.params, str(request.url).split("?")[0]), ctx.claims)

    async def businesses(self, version: str, request: Request) -> Response:
        """The Business Managers the user works in (needs business_management)."""
        ctx = await self.g.begin(request, version, {"user"})
        if isinstance(ctx, JSONResponse):
            return ctx
        if "business_management" not in ctx.scopes:
            return self.g.error("(#200) Requires business_management permission", 200)
        seen: dict[str, str] = {}
        for page in self.g.pages_of(str(ctx.claims["un"])):
            if page.business:
                seen.setdefault(*page.business)
        rows = [{"id": biz, "name": name} for biz, name in seen.items()]
        return self.g.ok(page_cursor(rows, ctx.params, str(request.url).split("?")[0]), ctx.claims)

    async def business_pages(self, version: str, business_id: str, request: Request) -> Response:
        """A business's own Pages, or the Pages it manages for clients, with Page tokens."""
        ctx = await self.g.begin(request, version, {"user"})
        if isinstance(ctx, JSONResponse):
            return ctx
        if "business_management" not in ctx.scopes:
            return self.g.error("(#200) Requires business_management permission", 200)
        edge = request.url.path.rsplit("/", 1)[-1]
        pages = [
            p
            for p in self.g.pages_of(str(ctx.claims["un"]))
            if p.business and p.business[0] == business_id and p.business_edge == edge
        ]
        spec = ctx.params.get("fields") or "id,name"
        rows = []
        for page in pages:
            node = self.g.page_node(page, ctx.claims)
            node["access_token"] = self.g.issue_page(ctx.claims, page)
            selected = self.g.select(node, spec, "Page")
            if isinstance(selected, JSONResponse):
                return selected
            rows.append(selected)
        return self.g.ok(page_cursor(rows, ctx.params, str(request.url).split("?")[0]), ctx.claims)

    async def permissions(self, version: str, request: Request) -> Response:
        ctx = await self.g.begin(request, version, {"user"})
        if isinstance(ctx, JSONResponse):
            return ctx
        granted = ["public_profile", *sorted(ctx.scopes)]
        data = [{"permission": p, "status": "granted"} for p in granted]
        return self.g.ok({"data": data}, ctx.claims)

    async def deauthorize(self, version: str, request: Request) -> Response:
        ctx = await self.g.begin(request, version, {"user"})
        if isinstance(ctx, JSONResponse):
            return ctx
        self.g.store.revoke(self.g.platform, str(ctx.claims["s"]))
        return self.g.ok({"success": True}, ctx.claims)


def add_oauth_routes(g: MetaGraph, router: APIRouter) -> None:
    """The Login dialog, the token endpoint and the /me family."""
    MetaLogin(g, router)


def _dialog_problem(
    g: MetaGraph, version: str, client_id: str | None, redirect_uri: str | None
) -> str | None:
    if not VERSION_RE.match(version):
        return f"Unknown path components: /{version}"
    if client_id != g.client_id:
        return "Invalid App ID: The provided app ID does not look like a valid app ID."
    if not redirect_uri or not re.match(r"^https?://", redirect_uri):
        return "URL Blocked: This redirect failed because the redirect URI is not whitelisted."
    return None


def _exchange(g: MetaGraph, user_token: str | None) -> JSONResponse:
    """`fb_exchange_token`: a valid user token in, a long-lived one out."""
    if not user_token:
        return g.error("Missing fb_exchange_token parameter", 100)
    claims = g.check_token(user_token, {"user"})
    if isinstance(claims, JSONResponse):
        return claims
    token = g.issue_user(str(claims["un"]), list(claims.get("sc") or []), long_lived=True)
    return g.ok(
        {"access_token": token, "token_type": "bearer", "expires_in": LONG_LIVED_SECONDS}, None
    )
