"""Emulator of the X API v2: OAuth 2.0 + PKCE, users/me, posts, v2 media upload, lookups.

Paths, payloads, status codes, problem bodies and rate-limit headers follow the X API v2
(OpenAPI v2.167, see docs/PLATFORMS.md). Every host (x.com, api.x.com) is served under one prefix.
Tunables live in `store.objects["twitter:config"]` (see `DEFAULTS`) so tests can script them.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import time
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from socialflow.core.config import Settings
from socialflow.sandbox.core import (
    Record,
    SandboxStore,
)
from socialflow.sandbox.twitter_common import (
    DUPLICATE_DETAIL,
    NUMERIC_ID,
    PLATFORM,
    PROBLEM,
    TWEET_FIELDS,
    USER_FIELDS,
    Api,
    config,
    fields_param,
    invalid_request,
    iso,
    limit,
    parse_iso,
    post_json,
    problem,
    status_page,
    unauthorized,
    validate_create,
    weighted_length,
)
from socialflow.sandbox.twitter_media import media_routes
from socialflow.sandbox.twitter_oauth import oauth_routes


class TwitterEmulator:
    """The X emulator's posts, users and lookups, as methods over its store."""

    def __init__(self, store: SandboxStore, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.r = APIRouter(tags=["sandbox: x"])
        self.api = Api(self.store, self.settings)
        oauth_routes(self.r, self.store, self.settings)
        self.r.add_api_route("/2/users/me", self.users_me, methods=["GET"], response_model=None)
        self.r.add_api_route(
            "/profile_images/{user_id}/normal.svg",
            self.avatar,
            methods=["GET"],
            response_model=None,
        )
        self.r.add_api_route("/2/tweets", self.create_post, methods=["POST"], response_model=None)
        self.r.add_api_route("/2/tweets", self.lookup_posts, methods=["GET"], response_model=None)
        self.r.add_api_route(
            "/2/users/{user_id}/tweets", self.user_posts, methods=["GET"], response_model=None
        )
        self.r.add_api_route(
            "/i/web/status/{post_id}", self.web_status, methods=["GET"], response_model=None
        )
        self.r.add_api_route(
            "/{username}/status/{post_id}", self.user_status, methods=["GET"], response_model=None
        )
        media_routes(self.r, self.store, self.api)

    async def users_me(self, request: Request) -> Response:
        claims, err, headers = await self.api.enter(
            request, {"users.read", "tweet.read"}, "users_me", 75
        )
        if err or claims is None:
            return err or unauthorized()
        fields, bad = fields_param(request, "user.fields", USER_FIELDS)
        if bad:
            return bad
        user = self.store.user_by_id(PLATFORM, claims["s"])
        if user is None:
            return unauthorized()
        data: dict[str, Any] = {"id": user.id, "name": user.display_name, "username": user.username}
        posts = self.store.records_of(PLATFORM, user.id)
        base = str(request.url).split("/2/users/me")[0]
        extra: dict[str, Any] = {
            "created_at": iso(user.created_at),
            "description": "A Socialflow sandbox persona.",
            "profile_image_url": f"{base}/profile_images/{user.id}/normal.svg",
            "protected": False,
            "verified": False,
            "verified_type": "none",
            "url": "",
            "location": "",
        }
        if "public_metrics" in fields:
            legacy = config(self.store)["legacy_metric_names"]
            extra["public_metrics"] = {
                "followers_count": user.followers(),
                "following_count": 50 + int(user.id[-2:]),
                "tweet_count" if legacy else "post_count": len(posts),
                "listed_count": 3,
                "like_count": 10 * len(posts),
                "media_count": sum(1 for p in posts if p.media),
            }
        if "most_recent_post_id" in fields and posts:
            extra["most_recent_post_id"] = posts[-1].post_id
        data.update({k: v for k, v in extra.items() if k in fields})
        return JSONResponse({"data": data}, headers=headers)

    async def avatar(self, user_id: str) -> Response:
        hue = int(hashlib.sha256(user_id.encode()).hexdigest()[:2], 16) * 360 // 256
        svg = (
            "<svg xmlns='http://www.w3.org/2000/svg' width='48' height='48'>"
            f"<circle cx='24' cy='24' r='24' fill='hsl({hue},60%,50%)'/></svg>"
        )
        return Response(svg, media_type="image/svg+xml")

    async def create_post(self, request: Request) -> Response:
        claims, err, headers = await self.api.enter(
            request,
            {"tweet.write", "users.read", "tweet.read"},
            "tweets_create",
            config(self.store)["post_per_15min"],
        )
        if err or claims is None:
            return err or unauthorized()
        try:
            body = await request.json()
        except ValueError:
            return invalid_request("Request body is not valid JSON.")
        problems = validate_create(body)
        if problems:
            return invalid_request(*problems)
        uid, cfg = claims["s"], config(self.store)
        text: str = body.get("text", "")
        media_ids: list[str] = (body.get("media") or {}).get("media_ids", [])
        if not text.strip() and not media_ids:
            return invalid_request("$.text: text is required unless media is provided")
        if weighted_length(text) > cfg["max_weighted_length"]:
            return problem(403, "Forbidden", "Your Tweet text is too long.")
        media, media_err = attachable_media(self.store, uid, media_ids)
        if media_err:
            return invalid_request(media_err, parameters={"media.media_ids": media_ids})
        reply_to = (body.get("reply") or {}).get("in_reply_to_tweet_id")
        parent = self.store.find_record(PLATFORM, reply_to) if reply_to else None
        if reply_to and parent is None:
            return problem(403, "Forbidden", "Reply to a deleted or invisible Post is not allowed.")
        now = time.time()
        recent = [
            rec for rec in self.store.records_of(PLATFORM, uid)
            if now - rec.created_at < cfg["duplicate_window_secs"]
        ]  # fmt: skip
        fault = self.store.take_fault(
            PLATFORM, request.url.path, {"duplicate", "timeout_after_create"}
        )
        if (fault and fault.kind == "duplicate") or (
            text and any(rec.text == text for rec in recent)
        ):
            return problem(403, "Forbidden", DUPLICATE_DETAIL)
        day_ok, day_headers = limit(
            self.store, f"{uid}:tweets_24h", cfg["user_post_cap_24h"], 86400
        )
        _, app_headers = limit(self.store, "app:tweets_24h", cfg["app_post_cap_24h"], 86400)
        headers.update(
            {k.replace("x-rate-limit", "x-user-limit-24hour"): v for k, v in day_headers.items()}
        )
        headers.update(
            {k.replace("x-rate-limit", "x-app-limit-24hour"): v for k, v in app_headers.items()}
        )
        if not day_ok:
            return problem(
                429, "Too Many Requests", "Too Many Requests", kind="usage-capped", headers=headers
            )
        post_id = self.store.next_id("twitter:post", 19)
        rec = self.store.record(
            Record(
                platform=PLATFORM,
                post_id=post_id,
                user_id=uid,
                text=text,
                media=media,
                extra={
                    "body": body,
                    "conversation_id": parent.extra.get("conversation_id", parent.post_id)
                    if parent
                    else post_id,
                    **(
                        {"in_reply_to": parent.post_id, "in_reply_to_user_id": parent.user_id}
                        if parent
                        else {}
                    ),
                },
            )
        )
        if fault and fault.kind == "timeout_after_create":
            # The post exists; the client hears nothing before its timeout.
            await asyncio.sleep(fault.seconds)
        data = {"id": rec.post_id, "text": rec.text, "edit_history_post_ids": [rec.post_id]}
        return JSONResponse({"data": data}, 201, headers=headers)

    async def lookup_posts(self, request: Request) -> Response:
        claims, err, headers = await self.api.enter(
            request, {"tweet.read", "users.read"}, "tweets_lookup", 5000
        )
        if err or claims is None:
            return err or unauthorized()
        fields, bad = fields_param(request, "tweet.fields", TWEET_FIELDS)
        if bad:
            return bad
        ids = [i for i in request.query_params.get("ids", "").split(",") if i]
        if not 1 <= len(ids) <= 100 or not all(NUMERIC_ID.match(i) for i in ids):
            return invalid_request(
                "The `ids` query parameter value must be 1 to 100 comma-separated numeric ids",
                parameters={"ids": ids},
            )
        data, errors = [], []
        for post_id in ids:
            rec = self.store.find_record(PLATFORM, post_id)
            if rec is None:
                errors.append(not_found("tweet", "ids", post_id))
            else:
                data.append(post_json(self.store, rec, fields, claims["s"]))
        out: dict[str, Any] = {"data": data} if data else {}
        if errors:
            out["errors"] = errors
        return JSONResponse(out, headers=headers)

    async def user_posts(self, request: Request, user_id: str) -> Response:
        claims, err, headers = await self.api.enter(
            request, {"tweet.read", "users.read"}, "user_tweets", 900
        )
        if err or claims is None:
            return err or unauthorized()
        fields, bad = fields_param(request, "tweet.fields", TWEET_FIELDS)
        if bad:
            return bad
        q = request.query_params
        try:
            max_results = int(q.get("max_results", "10"))
            offset = (
                int(base64.urlsafe_b64decode(q["pagination_token"]).decode())
                if "pagination_token" in q
                else 0
            )
        except (ValueError, binascii.Error):
            return invalid_request("max_results or pagination_token is invalid")
        if not 5 <= max_results <= 100:
            return invalid_request(
                f"The `max_results` query parameter value [{max_results}] is not between 5 and 100",
                parameters={"max_results": [str(max_results)]},
            )
        start = parse_iso(q["start_time"]) if "start_time" in q else 0.0
        end = parse_iso(q["end_time"]) if "end_time" in q else float("inf")
        if start is None or end is None:
            return invalid_request("start_time and end_time must be RFC 3339 timestamps")
        if self.store.user_by_id(PLATFORM, user_id) is None:
            return JSONResponse({"errors": [not_found("user", "id", user_id)]}, headers=headers)
        posts = sorted(
            (
                rec
                for rec in self.store.records_of(PLATFORM, user_id)
                if start <= rec.created_at <= end
            ),
            key=lambda rec: rec.created_at,
            reverse=True,
        )
        if "since_id" in q:
            if not NUMERIC_ID.match(q["since_id"]):
                return invalid_request(
                    "The `since_id` query parameter value must be a numeric id",
                    parameters={"since_id": [q["since_id"]]},
                )
            posts = [p for p in posts if int(p.post_id) > int(q["since_id"])]
        excluded = set(q.get("exclude", "").split(","))
        if "replies" in excluded:
            posts = [p for p in posts if "in_reply_to" not in p.extra]
        page = posts[offset : offset + max_results]
        meta: dict[str, Any] = {"result_count": len(page)}
        if page:
            meta.update(newest_id=page[0].post_id, oldest_id=page[-1].post_id)
        if offset + max_results < len(posts):
            meta["next_token"] = base64.urlsafe_b64encode(
                str(offset + max_results).encode()
            ).decode()
        out: dict[str, Any] = {"meta": meta}
        if page:
            out["data"] = [post_json(self.store, rec, fields, claims["s"]) for rec in page]
        return JSONResponse(out, headers=headers)

    async def web_status(self, post_id: str) -> Response:
        return status_page(self.store.find_record(PLATFORM, post_id), post_id)

    async def user_status(self, username: str, post_id: str) -> Response:
        return status_page(self.store.find_record(PLATFORM, post_id), post_id)


def router(store: SandboxStore, settings: Settings) -> APIRouter:
    """The X emulator: mount at /twitter (x.com and api.x.com paths under one prefix)."""
    return TwitterEmulator(store, settings).r


def not_found(resource: str, parameter: str, value: str) -> dict[str, Any]:
    """One resource-not-found problem in a partial response's `errors`."""
    return {
        "value": value,
        "detail": f"Could not find {resource} with {parameter}: [{value}].",
        "title": "Not Found Error",
        "resource_type": resource,
        "parameter": parameter,
        "resource_id": value,
        "type": PROBLEM + "resource-not-found",
    }


def attachable_media(
    store: SandboxStore, uid: str, media_ids: list[str]
) -> tuple[list[dict[str, Any]], str | None]:
    """The uploaded media a post may carry: owned, processed, unexpired; 4 images or 1 video/GIF."""
    now = time.time()
    items: list[dict[str, Any]] = []
    for media_id in media_ids:
        with store.lock:
            obj = store.objects.get(f"twitter:media:{media_id}")
        if (
            obj is None
            or obj["owner"] != uid
            or obj["state"] != "succeeded"
            or obj["expires"] < now
        ):
            return [], "Your media IDs are invalid."
        items.append(
            {k: obj[k] for k in ("id", "media_key", "kind", "media_type", "size", "sha256")}
        )
    kinds = {m["kind"] for m in items}
    if len(items) > 1 and kinds != {"image"}:
        return [], "Your media IDs are invalid."
    return items, None
