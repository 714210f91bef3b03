"""LinkedIn Pages (organisations) and comments in the LinkedIn emulator (issue 19).

- `GET /rest/organizationAcls?q=roleAssignee[&role=][&state=]`: the member's roles on Pages.
- `GET /rest/organizations/{id}`: a Page's name, vanity name and logo.
- `GET /rest/networkSizes/{org urn}?edgeType=COMPANY_FOLLOWED_BY_MEMBER`: its followers.
- `GET /rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=
  {org urn}&shares=List(...)`: its posts' numbers (administrators, `rw_organization_admin`).
- `POST/GET /rest/socialActions/{post urn}/comments`: comments as the member or as a Page.

A member's roles come from `linkedin_common.organizations_of` (the state of a role can be set
to REVOKED by a test: posting as that Page is then refused with 403 ACCESS_DENIED).
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from socialflow.sandbox.core import SandboxStore, metric_growth
from socialflow.sandbox.linkedin_common import (
    PLATFORM,
    Api,
    acts_for,
    auth_error,
    error,
    find_organization,
    org_urn,
    organizations_of,
    person_urn,
    render_little,
    unprocessable,
)

ORG_SCOPES = {
    "rw_organization_admin",
    "r_organization_admin",
    "w_organization_social",
    "r_organization_social",
}
MAX_COMMENT = 1250  # [◐] the limit LinkedIn's own comment box enforces


def _granted(claims: dict[str, Any]) -> set[str]:
    return set(str(claims.get("scope", "")).split(","))


def _forbidden(request: Request) -> JSONResponse:
    return error(
        403,
        f"Not enough permissions to access: {request.method} {request.url.path}",
        "ACCESS_DENIED",
        100,
    )


def _list_param(value: str) -> list[str]:
    """Rest.li 2.0 `List(a,b)`."""
    if not (value.startswith("List(") and value.endswith(")")):
        return []
    return [v for v in value[5:-1].split(",") if v]


class LinkedInOrganizations:
    def __init__(self, r: APIRouter, store: SandboxStore, api: Api) -> None:
        self.store = store
        self.api = api
        r.add_api_route("/rest/organizationAcls", self.acls, methods=["GET"], response_model=None)
        r.add_api_route(
            "/rest/organizations/{org_id}", self.organization, methods=["GET"], response_model=None
        )
        r.add_api_route(
            "/rest/networkSizes/{urn}", self.network_size, methods=["GET"], response_model=None
        )
        r.add_api_route(
            "/rest/organizationalEntityShareStatistics",
            self.share_statistics,
            methods=["GET"],
            response_model=None,
        )
        r.add_api_route(
            "/rest/socialActions/{urn}/comments",
            self.create_comment,
            methods=["POST"],
            response_model=None,
        )
        r.add_api_route(
            "/rest/socialActions/{urn}/comments",
            self.list_comments,
            methods=["GET"],
            response_model=None,
        )

    async def acls(self, request: Request) -> Response:
        claims, err = await self.api.enter(request, set())
        if err or claims is None:
            return err or auth_error("invalid")
        if not _granted(claims) & ORG_SCOPES:
            return _forbidden(request)
        q = request.query_params
        if q.get("q") != "roleAssignee":
            return error(400, "q=roleAssignee is required", "ILLEGAL_ARGUMENT")
        elements = [
            {
                "roleAssignee": person_urn(claims["s"]),
                "role": o["role"],
                "organization": org_urn(o["id"]),
                "state": o["state"],
            }
            for o in organizations_of(self.store, claims["s"])
            if q.get("role", o["role"]) == o["role"] and q.get("state", o["state"]) == o["state"]
        ]
        return JSONResponse(
            {"paging": {"start": 0, "count": 10, "total": len(elements)}, "elements": elements}
        )

    async def organization(self, request: Request, org_id: str) -> Response:
        claims, err = await self.api.enter(request, set())
        if err or claims is None:
            return err or auth_error("invalid")
        org = find_organization(self.store, org_id)
        if org is None:
            return error(404, f"Resource urn:li:organization:{org_id} does not exist", "NOT_FOUND")
        base = str(request.base_url).rstrip("/") + request.url.path.split("/rest/")[0]
        return JSONResponse(
            {
                "id": int(org["id"]),
                "localizedName": org["name"],
                "vanityName": org["vanity"],
                "logoV2": {"original": f"{base}/media/avatars/org-{org['id']}.svg"},
            }
        )

    async def network_size(self, request: Request, urn: str) -> Response:
        claims, err = await self.api.enter(request, set())
        if err or claims is None:
            return err or auth_error("invalid")
        if not _granted(claims) & ORG_SCOPES:
            return _forbidden(request)
        if request.query_params.get("edgeType") != "COMPANY_FOLLOWED_BY_MEMBER":
            return error(400, "edgeType must be COMPANY_FOLLOWED_BY_MEMBER", "ILLEGAL_ARGUMENT")
        org = find_organization(self.store, urn.rsplit(":", 1)[-1])
        if org is None or not urn.startswith("urn:li:organization:"):
            return error(404, f"Resource {urn} does not exist", "NOT_FOUND")
        return JSONResponse({"firstDegreeSize": followers(org["id"])})

    async def share_statistics(self, request: Request) -> Response:
        claims, err = await self.api.enter(request, {"rw_organization_admin"})
        if err or claims is None:
            return err or auth_error("invalid")
        q = request.query_params
        entity = q.get("organizationalEntity", "")
        if q.get("q") != "organizationalEntity" or not entity:
            return error(400, "q=organizationalEntity is required", "ILLEGAL_ARGUMENT")
        admin = any(
            org_urn(o["id"]) == entity and o["role"] == "ADMINISTRATOR" and o["state"] == "APPROVED"
            for o in organizations_of(self.store, claims["s"])
        )
        if not admin:
            return _forbidden(request)
        urns = _list_param(q.get("shares", "")) + _list_param(q.get("ugcPosts", ""))
        elements = []
        for urn in urns:
            rec = self.store.find_record(PLATFORM, urn)
            if rec is None or rec.user_id != entity:
                continue
            m = metric_growth(rec.post_id, rec.created_at)
            stats = {
                "impressionCount": m["impressions"],
                "uniqueImpressionsCount": int(m["impressions"] * 0.8),
                "clickCount": m["clicks"],
                "likeCount": m["likes"],
                "commentCount": m["comments"],
                "shareCount": m["shares"],
                "engagement": round(
                    (m["clicks"] + m["likes"] + m["comments"] + m["shares"])
                    / max(1, m["impressions"]),
                    4,
                ),
            }
            key = "share" if urn.startswith("urn:li:share:") else "ugcPost"
            elements.append(
                {"organizationalEntity": entity, key: urn, "totalShareStatistics": stats}
            )
        return JSONResponse({"paging": {"start": 0, "count": len(elements)}, "elements": elements})

    async def create_comment(self, request: Request, urn: str) -> Response:
        claims, err = await self.api.enter(request, set())
        if err or claims is None:
            return err or auth_error("invalid")
        try:
            body = await request.json()
        except ValueError:
            return error(400, "Request body could not be converted to data map", "ILLEGAL_ARGUMENT")
        if not isinstance(body, dict):
            return error(400, "Request body could not be converted to data map", "ILLEGAL_ARGUMENT")
        for key in ("actor", "object", "message"):
            if key not in body:
                return unprocessable(
                    f"/{key}",
                    "field is required but not found and has no default value",
                    "FIELD_REQUIRED",
                )
        rec = self.store.find_record(PLATFORM, urn)
        if rec is None:
            return error(404, f"Resource {urn} does not exist", "NOT_FOUND")
        if body["object"] != urn:
            return error(400, "object must be the post in the path", "ILLEGAL_ARGUMENT")
        actor = body["actor"]
        granted = _granted(claims)
        member = actor == person_urn(claims["s"])
        if (member and "w_member_social" not in granted) or not acts_for(self.store, claims, actor):
            return error(403, "Not enough permissions to comment as this actor", "ACCESS_DENIED")
        message = body["message"].get("text") if isinstance(body["message"], dict) else None
        if not isinstance(message, str) or not message.strip():
            return unprocessable("/message/text", "field is required", "FIELD_REQUIRED")
        shown, _ = render_little(message)
        if len(shown) > MAX_COMMENT:
            return unprocessable(
                "/message/text",
                f"length of {len(shown)} exceeded the maximum allowed length of {MAX_COMMENT}",
                "MAX_LENGTH_EXCEEDED",
            )
        number = self.store.next_id("linkedin:comment", 19)
        activity = int(hashlib.sha256(urn.encode()).hexdigest()[:12], 16)
        comment_urn = f"urn:li:comment:(urn:li:activity:{activity},{number})"
        comment = {
            "type": "comment",
            "id": number,
            "urn": comment_urn,
            "object": urn,
            "actor": actor,
            "text": shown,
            "raw": message,
            "created": time.time(),
        }
        with self.store.lock:
            box = self.store.objects.setdefault(f"linkedin:comments:{urn}", {"items": []})
            box["items"].append(comment)
        fault = self.store.take_fault(PLATFORM, request.url.path, {"timeout_after_create"})
        if fault:
            await asyncio.sleep(fault.seconds)
        return JSONResponse(
            _comment_json(comment), 201, headers={"x-restli-id": quote(comment_urn, safe="")}
        )

    async def list_comments(self, request: Request, urn: str) -> Response:
        claims, err = await self.api.enter(request, set())
        if err or claims is None:
            return err or auth_error("invalid")
        if not _granted(claims) & {"r_member_social", "r_organization_social"}:
            return _forbidden(request)
        if self.store.find_record(PLATFORM, urn) is None:
            return error(404, f"Resource {urn} does not exist", "NOT_FOUND")
        with self.store.lock:
            found = list(self.store.objects.get(f"linkedin:comments:{urn}", {}).get("items", []))
        elements = [_comment_json(c) for c in reversed(found)]
        paging = {"start": 0, "count": len(elements), "total": len(elements)}
        return JSONResponse({"paging": paging, "elements": elements})


def _comment_json(c: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": c["id"],
        "commentUrn": c["urn"],
        "$URN": c["urn"],
        "actor": c["actor"],
        "object": c["object"],
        "message": {"text": c["raw"]},
        "created": {"actor": c["actor"], "time": int(c["created"] * 1000)},
    }


def followers(org_id: str) -> int:
    """A Page's followers: steady per Page, somewhere in the thousands."""
    return 1000 + int(hashlib.sha256(org_id.encode()).hexdigest()[:4], 16) % 9000


def organization_routes(r: APIRouter, store: SandboxStore, api: Api) -> None:
    LinkedInOrganizations(r, store, api)
