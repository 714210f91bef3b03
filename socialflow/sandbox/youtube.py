"""YouTube emulator: Google OAuth 2.0, the Data API v3 reads, quota accounting, Google errors.

Serves Google's hosts under one prefix: `/o/oauth2/v2/auth` (accounts.google.com), `/token` and
`/revoke` (oauth2.googleapis.com), `/youtube/v3/*` and `/upload/youtube/v3/videos`
(www.googleapis.com). The resumable upload lives in `youtube_upload.py`.
"""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from socialflow.core.config import Settings
from socialflow.sandbox.consent import ConsentScreen, ConsentSpec, error_page, take_grant
from socialflow.sandbox.core import (
    SandboxStore,
    SandboxUser,
    apply_latency,
    metric_growth,
    pkce_ok,
)
from socialflow.sandbox.youtube_common import (
    ACCESS_TTL,
    COSTS,
    KNOWN_SCOPES,
    PLATFORM,
    READ_SCOPES,
    UPLOAD_SCOPES,
    YouTubeGate,
    YouTubeSandboxOptions,
    channel_id_of,
    google_error,
    iso,
    oauth_error,
    short_id,
    uploads_playlist_of,
)
from socialflow.sandbox.youtube_extras import extra_routes, playlist_videos, playlists_of
from socialflow.sandbox.youtube_upload import upload_routes

CONSENT = ConsentSpec(
    platform=PLATFORM,
    title="Google (YouTube)",
    path="/o/oauth2/v2/auth",
    client_id="sandbox-youtube-client",
    known_scopes=frozenset(KNOWN_SCOPES),
    default_username="sandbox_channel",
    error_page=error_page("Google (YouTube)", "Access blocked"),
    carried=("access_type", "prompt"),
    code_prefix="4/0A",
    approval_params=lambda form: {"scope": form.get("scope", ""), "prompt": "consent"},
)


class YouTubeEmulator:
    """The YouTube emulator's handlers (consent aside), as methods over its store and options."""

    def __init__(
        self, store: SandboxStore, settings: Settings, options: YouTubeSandboxOptions | None = None
    ) -> None:
        self.store = store
        self.settings = settings
        self.options = options
        self.opts = self.options or YouTubeSandboxOptions()
        self.api = APIRouter(tags=["sandbox-youtube"])
        self.gate = YouTubeGate(self.store, self.settings, self.opts)
        self.client_id = "sandbox-youtube-client"
        # The sandbox's published secret:
        self.client_secret = "sandbox-youtube-secret"  # noqa: S105
        self.api.include_router(ConsentScreen(CONSENT, self.store, self.settings).routes())
        self.api.add_api_route("/token", self.token, methods=["POST"])
        self.api.add_api_route("/revoke", self.revoke, methods=["POST"])
        self.api.add_api_route("/youtube/v3/channels", self.channels, methods=["GET"])
        self.api.add_api_route("/youtube/v3/videos", self.videos, methods=["GET"])
        self.api.add_api_route("/youtube/v3/playlistItems", self.playlist_items, methods=["GET"])
        upload_routes(self.api, self.store, self.opts, self.gate)
        extra_routes(self.api, self.store, self.opts, self.gate)

    def access(self, user_id: str, scope: str) -> dict[str, Any]:
        token = self.store.issue(
            PLATFORM, "access", user_id, ACCESS_TTL, scope=scope, c=self.client_id
        )
        return {
            "access_token": token,
            "expires_in": ACCESS_TTL,
            "scope": scope,
            "token_type": "Bearer",
        }

    async def token(self, request: Request) -> Response:
        path = request.url.path
        await apply_latency(self.store, PLATFORM, path, self.settings.sandbox_latency_ms)
        f = {k: str(v) for k, v in (await request.form()).items()}
        if f.get("client_id") != self.client_id or f.get("client_secret") != self.client_secret:
            return oauth_error("invalid_client", "The OAuth client was not found.", 401)
        fault = self.store.take_fault(PLATFORM, path, {"server_error", "revoked"})
        if fault and fault.kind == "server_error":
            return oauth_error("internal_failure", "Backend Error", 503)
        grant_type = f.get("grant_type")
        if grant_type == "authorization_code":
            code = f.get("code", "")
            grant = (
                take_grant(self.store, PLATFORM, code, "4/0A") if code.startswith("4/0A") else None
            )
            if grant is None:
                return oauth_error("invalid_grant", "Malformed auth code.")
            if grant["redirect_uri"] != f.get("redirect_uri"):
                return oauth_error("redirect_uri_mismatch", "Bad Request")
            if grant["challenge"] and not f.get("code_verifier"):
                return oauth_error("invalid_grant", "Missing code verifier.")
            if not pkce_ok(grant["method"], grant["challenge"], f.get("code_verifier")):
                return oauth_error("invalid_grant", "Invalid code verifier.")
            body = self.access(grant["sub"], grant["scope"])
            if grant["access_type"] == "offline":
                days = self.opts.refresh_token_days
                ttl = days * 86400 if days else 3650 * 86400
                body["refresh_token"] = "1//" + self.store.issue(
                    PLATFORM, "refresh", grant["sub"], ttl, scope=grant["scope"]
                )
            return JSONResponse(body)
        if grant_type == "refresh_token":
            raw = f.get("refresh_token", "")
            claims = self.store.verify(
                PLATFORM, "refresh", raw[3:] if raw.startswith("1//") else None
            )
            if fault and fault.kind == "revoked" and claims:
                self.store.revoke(PLATFORM, claims["s"])
            if claims is None or self.store.is_revoked(PLATFORM, claims["s"]):
                return oauth_error("invalid_grant", "Token has been expired or revoked.")
            # No rotation: the same refresh token keeps working and none is returned.
            return JSONResponse(self.access(claims["s"], claims.get("scope", "")))
        return oauth_error("unsupported_grant_type", "Invalid grant_type: " + str(grant_type))

    async def revoke(self, request: Request) -> Response:
        form = {k: str(v) for k, v in (await request.form()).items()}
        raw = form.get("token") or request.query_params.get("token", "")
        claims = self.store.verify(PLATFORM, "refresh", raw[3:]) if raw.startswith("1//") else None
        claims = claims or self.store.verify(PLATFORM, "access", raw)
        if claims is None or self.store.is_revoked(PLATFORM, claims["s"]):
            return oauth_error("invalid_token", "Token expired or revoked")
        self.store.revoke(PLATFORM, claims["s"])
        return JSONResponse({})

    def parts(self, request: Request, allowed: set[str]) -> list[str] | Response:
        names = [p.strip() for p in request.query_params.get("part", "").split(",") if p.strip()]
        if not names:
            return google_error(
                400, "required", "No filter selected. Expected one of: part", location="part"
            )
        bad = [p for p in names if p not in allowed]
        if bad:
            return google_error(
                400,
                "unknownPart",
                f"'{bad[0]}'",
                domain="youtube.part",
                location="part",
                locationType="parameter",
            )
        return names

    def channel_resource(self, user: SandboxUser, names: list[str]) -> dict[str, Any]:
        cid = channel_id_of(user)
        uploads = self.store.records_of(PLATFORM, user.id)
        thumb = f"https://yt3.ggpht.com/sandbox/{cid}"
        every: dict[str, Any] = {
            "snippet": {
                "title": user.display_name,
                "description": "A sandbox channel",
                "customUrl": f"@{user.username.lower()}",
                "publishedAt": iso(user.created_at),
                "thumbnails": {
                    "default": {"url": f"{thumb}=s88", "width": 88, "height": 88},
                    "medium": {"url": f"{thumb}=s240", "width": 240, "height": 240},
                    "high": {"url": f"{thumb}=s800", "width": 800, "height": 800},
                },
                "localized": {"title": user.display_name, "description": "A sandbox channel"},
            },
            "contentDetails": {
                "relatedPlaylists": {"likes": "", "uploads": uploads_playlist_of(user)}
            },
            "statistics": {
                "viewCount": str(
                    sum(metric_growth(r.post_id, r.created_at)["impressions"] for r in uploads)
                ),
                "subscriberCount": str(user.followers()),
                "hiddenSubscriberCount": False,
                "videoCount": str(len(uploads)),
            },
        }
        resource = {"kind": "youtube#channel", "etag": short_id(cid + "e", 27), "id": cid}
        resource.update({n: every[n] for n in names if n in every})
        return resource

    async def channels(self, request: Request) -> Response:
        gated = await self.gate(request, READ_SCOPES | UPLOAD_SCOPES, COSTS["list"])
        if isinstance(gated, Response):
            return gated
        _, user = gated
        names = self.parts(request, {"id", "snippet", "contentDetails", "statistics"})
        if isinstance(names, Response):
            return names
        if request.query_params.get("mine") != "true":
            return google_error(400, "missingRequiredParameter", "No filter selected.")
        return JSONResponse(
            {
                "kind": "youtube#channelListResponse",
                "etag": short_id(user.id + "list", 27),
                "pageInfo": {"totalResults": 1, "resultsPerPage": 5},
                "items": [self.channel_resource(user, names)],
            }
        )

    def video_resource(self, video: dict[str, Any], names: list[str]) -> dict[str, Any]:
        """A video as videos.list shows it; polling processingDetails advances processing."""
        if "processingDetails" in names or "status" in names:
            video["polls"] += 1
        done = video["polls"] >= self.opts.processing_polls or (
            time.time() - video["created_at"] >= self.opts.processing_seconds
        )
        state = video["outcome"] if done else "processing"
        status = dict(video["status"])
        processing: dict[str, Any] = {"processingStatus": "processing"}
        if state == "succeeded":
            status["uploadStatus"] = "processed"
            processing = {"processingStatus": "succeeded"}
        elif state == "failed":
            status.update(uploadStatus="failed", failureReason=video["failure"])
            processing = {
                "processingStatus": "failed",
                "processingFailureReason": "transcodeFailed",
            }
        elif state == "rejected":
            status.update(uploadStatus="rejected", rejectionReason=video["failure"])
            processing = {"processingStatus": "succeeded"}
        else:
            processing["processingProgress"] = {
                "partsTotal": "1000",
                "partsProcessed": str(min(999, 400 * video["polls"])),
                "timeLeftMs": "20000",
            }
        grown = metric_growth(video["id"], video["created_at"])
        stats = {
            "viewCount": str(grown["impressions"]),
            "likeCount": str(grown["likes"]),
            "favoriteCount": "0",
            "commentCount": str(grown["comments"]),
        }
        every = {
            "snippet": video["snippet"],
            "status": status,
            "processingDetails": processing,
            "statistics": {self.opts.metric_aliases.get(k, k): v for k, v in stats.items()},
        }
        resource = {"kind": "youtube#video", "etag": short_id(video["id"] + "e", 27)}
        resource["id"] = video["id"]
        resource.update({n: every[n] for n in names if n in every})
        return resource

    async def videos(self, request: Request) -> Response:
        gated = await self.gate(request, READ_SCOPES | UPLOAD_SCOPES, COSTS["list"])
        if isinstance(gated, Response):
            return gated
        _, user = gated
        names = self.parts(request, {"id", "snippet", "status", "statistics", "processingDetails"})
        if isinstance(names, Response):
            return names
        ids = [i for i in request.query_params.get("id", "").split(",") if i]
        if not ids:
            return google_error(400, "missingRequiredParameter", "No filter selected.")
        if len(ids) > 50:
            return google_error(400, "invalidParameter", "Too many ids (50 at most).")
        items = []
        for vid in ids:
            video = self.store.objects.get(f"youtube:video:{vid}")
            if video is not None and video["user_id"] == user.id:
                items.append(self.video_resource(video, names))
        return JSONResponse(
            {
                "kind": "youtube#videoListResponse",
                "etag": short_id(",".join(ids), 27),
                "items": items,
                "pageInfo": {"totalResults": len(items), "resultsPerPage": len(items)},
            }
        )

    async def playlist_items(self, request: Request) -> Response:
        gated = await self.gate(request, READ_SCOPES | UPLOAD_SCOPES, COSTS["list"])
        if isinstance(gated, Response):
            return gated
        _, user = gated
        names = self.parts(request, {"id", "snippet", "contentDetails", "status"})
        if isinstance(names, Response):
            return names
        q = request.query_params
        own = {p["id"] for p in playlists_of(user)}
        if q.get("playlistId") in own:  # one of the channel's own playlists
            ids = playlist_videos(self.store, str(q["playlistId"]))
            if q.get("videoId"):
                ids = [v for v in ids if v == q["videoId"]]
            entries = [
                {
                    "kind": "youtube#playlistItem",
                    "id": short_id(f"pi:{q['playlistId']}:{v}", 40),
                    "contentDetails": {"videoId": v},
                }
                for v in ids
            ]
            return JSONResponse({"kind": "youtube#playlistItemListResponse", "items": entries})
        if q.get("playlistId") != uploads_playlist_of(user):
            return google_error(
                404,
                "playlistNotFound",
                "The playlist identified with the request's playlistId parameter cannot be found.",
                domain="youtube.playlistItem",
            )
        size = int(q.get("maxResults", "5"))
        if not 0 <= size <= 50:
            return google_error(400, "invalidParameter", "maxResults must be 0..50")
        start = int(q["pageToken"][4:]) if q.get("pageToken", "").startswith("CAUQ") else 0
        with self.store.lock:
            mine = [
                v
                for k, v in self.store.objects.items()
                if k.startswith("youtube:video:") and v["user_id"] == user.id
            ]
        mine.sort(key=lambda v: v["created_at"], reverse=True)
        page = mine[start : start + size]
        items = []
        for v in page:
            every = {
                "snippet": {
                    "publishedAt": iso(v["created_at"]),
                    "channelId": channel_id_of(user),
                    "title": v["snippet"]["title"],
                    "description": v["snippet"]["description"],
                    "playlistId": uploads_playlist_of(user),
                    "resourceId": {"kind": "youtube#video", "videoId": v["id"]},
                },
                "contentDetails": {"videoId": v["id"], "videoPublishedAt": iso(v["created_at"])},
                "status": {"privacyStatus": v["status"]["privacyStatus"]},
            }
            item: dict[str, Any] = {"kind": "youtube#playlistItem"}
            item["id"] = short_id("pi" + v["id"], 40)
            item.update({n: every[n] for n in names if n in every})
            items.append(item)
        body: dict[str, Any] = {
            "kind": "youtube#playlistItemListResponse",
            "items": items,
            "pageInfo": {"totalResults": len(mine), "resultsPerPage": size},
        }
        if start + size < len(mine):
            body["nextPageToken"] = f"CAUQ{start + size}"
        return JSONResponse(body)


def router(
    store: SandboxStore, settings: Settings, options: YouTubeSandboxOptions | None = None
) -> APIRouter:
    """The YouTube emulator: Google OAuth + Data API v3 under one prefix."""
    return YouTubeEmulator(store, settings, options).api
