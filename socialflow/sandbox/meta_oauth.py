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


def add_oauth_routes(g: MetaGraph, router: APIRouter) -> None:
    """The Login dialog, the token endpoint and the /me family."""

    spec = ConsentSpec(
        platform=g.platform,
        title=g.display,
        path="/{version}/dialog/oauth",
        client_id=g.client_id,
        known_scopes=frozenset(KNOWN_SCOPES),
        default_username=g.default_username,
        error_page=error_page(g.display, "Error"),
        scope_split=r"[,\s]+",
        scope_join=",",
        scope_error_message="Invalid Scopes: {scopes}",
        pkce="none",
        check=lambda request, q: _dialog_problem(
            g, request.path_params.get("version", ""), q.get("client_id"), q.get("redirect_uri")
        ),
        denial={
            "error": "access_denied",
            "error_code": "200",
            "error_description": "Permissions error",
            "error_reason": "user_denied",
        },
        fragment="#_=_",  # Facebook appends this fragment to every Login redirect
    )
    router.include_router(ConsentScreen(spec, g.store, g.settings).routes())

    @router.get("/{version}/oauth/access_token", response_model=None)
    async def access_token(version: str, request: Request) -> Response:
        await apply_latency(g.store, g.platform, request.url.path, g.settings.sandbox_latency_ms)
        fault = g.store.take_fault(g.platform, request.url.path, {"rate_limit", "server_error"})
        if fault:
            return g.fault_response(fault, None)
        q = dict(request.query_params)
        if q.get("client_id") != g.client_id:
            return g.error("Error validating application. Invalid application ID.", 101)
        if q.get("client_secret") != g.client_secret:
            return g.error("Error validating client secret.", 1)
        if q.get("grant_type") == "fb_exchange_token":
            return _exchange(g, q.get("fb_exchange_token"))
        if not q.get("code"):
            return g.error("Missing authorization code", 100)
        if not q.get("redirect_uri"):
            return g.error("Missing redirect_uri parameter.", 191)
        code = q["code"]
        used_key = f"meta-used-code:{code}"
        grant = take_grant(g.store, g.platform, code)
        if grant is None:
            if used_key in g.store.objects:
                return g.error("This authorization code has been used.", 100, subcode=36009)
            return g.error("Invalid verification code format.", 100, subcode=36007)
        g.store.objects[used_key] = {"used": time.time()}
        if grant["redirect_uri"] != q["redirect_uri"]:
            return g.error(
                "Error validating verification code. Please make sure your redirect_uri is "
                "identical to the one you used in the OAuth dialog request",
                100,
                subcode=36008,
            )
        scopes = [s for s in str(grant["scope"]).split(",") if s]
        token = g.issue_user(grant["username"], scopes, long_lived=False)
        return g.ok(
            {"access_token": token, "token_type": "bearer", "expires_in": SHORT_LIVED_SECONDS},
            None,
        )

    @router.get("/{version}/me", response_model=None)
    async def me(version: str, request: Request) -> Response:
        ctx = await g.begin(request, version)
        if isinstance(ctx, JSONResponse):
            return ctx
        if ctx.is_page:
            page = g.page_of(ctx.claims, str(ctx.claims["pg"]))
            if page is None:
                return g.invalid_token_error()
            node = g.page_node(page, ctx.claims)
            selected = g.select(node, ctx.params.get("fields"), "Page", "id,name")
        else:
            person_id, name = g.person_of(str(ctx.claims["un"]))
            node = {
                "id": person_id,
                "name": name,
                "picture": {"data": {"url": avatar_url(person_id), "is_silhouette": False}},
            }
            selected = g.select(node, ctx.params.get("fields"), "User", "id,name")
        return selected if isinstance(selected, JSONResponse) else g.ok(selected, ctx.claims)

    @router.get("/{version}/me/accounts", response_model=None)
    async def accounts(version: str, request: Request) -> Response:
        ctx = await g.begin(request, version)
        if isinstance(ctx, JSONResponse):
            return ctx
        if ctx.is_page:
            return g.error(
                "(#100) Tried accessing nonexisting field (accounts) on node type (Page)", 100
            )
        pages = g.pages_of(str(ctx.claims["un"])) if "pages_show_list" in ctx.scopes else []
        pages = [p for p in pages if p.business is None]  # a business's Pages are not here
        spec = ctx.params.get("fields") or "id,name,access_token,category,tasks"
        rows = []
        for page in pages:
            node = g.page_node(page, ctx.claims)
            node["access_token"] = g.issue_page(ctx.claims, page)
            selected = g.select(node, spec, "Page")
            if isinstance(selected, JSONResponse):
                return selected
            rows.append(selected)
        return g.ok(page_cursor(rows, ctx.params, str(request.url).split("?")[0]), ctx.claims)

    @router.get("/{version}/me/businesses", response_model=None)
    async def businesses(version: str, request: Request) -> Response:
        """The Business Managers the user works in (needs business_management)."""
        ctx = await g.begin(request, version, {"user"})
        if isinstance(ctx, JSONResponse):
            return ctx
        if "business_management" not in ctx.scopes:
            return g.error("(#200) Requires business_management permission", 200)
        seen: dict[str, str] = {}
        for page in g.pages_of(str(ctx.claims["un"])):
            if page.business:
                seen.setdefault(*page.business)
        rows = [{"id": biz, "name": name} for biz, name in seen.items()]
        return g.ok(page_cursor(rows, ctx.params, str(request.url).split("?")[0]), ctx.claims)

    @router.get("/{version}/{business_id}/owned_pages", response_model=None)
    @router.get("/{version}/{business_id}/client_pages", response_model=None)
    async def business_pages(version: str, business_id: str, request: Request) -> Response:
        """A business's own Pages, or the Pages it manages for clients, with Page tokens."""
        ctx = await g.begin(request, version, {"user"})
        if isinstance(ctx, JSONResponse):
            return ctx
        if "business_management" not in ctx.scopes:
            return g.error("(#200) Requires business_management permission", 200)
        edge = request.url.path.rsplit("/", 1)[-1]
        pages = [
            p
            for p in g.pages_of(str(ctx.claims["un"]))
            if p.business and p.business[0] == business_id and p.business_edge == edge
        ]
        spec = ctx.params.get("fields") or "id,name"
        rows = []
        for page in pages:
            node = g.page_node(page, ctx.claims)
            node["access_token"] = g.issue_page(ctx.claims, page)
            selected = g.select(node, spec, "Page")
            if isinstance(selected, JSONResponse):
                return selected
            rows.append(selected)
        return g.ok(page_cursor(rows, ctx.params, str(request.url).split("?")[0]), ctx.claims)

    @router.get("/{version}/me/permissions", response_model=None)
    async def permissions(version: str, request: Request) -> Response:
        ctx = await g.begin(request, version, {"user"})
        if isinstance(ctx, JSONResponse):
            return ctx
        granted = ["public_profile", *sorted(ctx.scopes)]
        data = [{"permission": p, "status": "granted"} for p in granted]
        return g.ok({"data": data}, ctx.claims)

    @router.delete("/{version}/me/permissions", response_model=None)
    async def deauthorize(version: str, request: Request) -> Response:
        ctx = await g.begin(request, version, {"user"})
        if isinstance(ctx, JSONResponse):
            return ctx
        g.store.revoke(g.platform, str(ctx.claims["s"]))
        return g.ok({"success": True}, ctx.claims)


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
