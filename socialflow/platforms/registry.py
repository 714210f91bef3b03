"""The explicit registry of connectors, and how each is configured from settings."""

from __future__ import annotations

from importlib import import_module
from typing import Any

import httpx

from socialflow.core.config import PLATFORMS, Settings
from socialflow.core.errors import ServiceUnavailable
from socialflow.platforms.base import Connector, ConnectorConfig

# platform -> "module:Class"; each module lives in socialflow/platforms/.
CONNECTORS: dict[str, str] = {
    "twitter": "socialflow.platforms.twitter:TwitterConnector",
    "instagram": "socialflow.platforms.instagram:InstagramConnector",
    "tiktok": "socialflow.platforms.tiktok:TikTokConnector",
    "linkedin": "socialflow.platforms.linkedin:LinkedInConnector",
    "facebook": "socialflow.platforms.facebook:FacebookConnector",
    "youtube": "socialflow.platforms.youtube:YouTubeConnector",
}


def connector_class(platform: str) -> type[Connector]:
    if platform not in CONNECTORS:
        raise KeyError(f"unknown platform {platform!r}; known: {', '.join(PLATFORMS)}")
    module_name, _, class_name = CONNECTORS[platform].partition(":")
    cls: type[Connector] = getattr(import_module(module_name), class_name)
    return cls


def connector_config(settings: Settings, platform: str) -> ConnectorConfig:
    """Real credentials and bases when configured; otherwise the sandbox emulator (mounted at
    /sandbox, or the external one at SANDBOX_URL)."""
    redirect_uri = f"{settings.base_url}/api/social-accounts/callback"
    options: dict[str, Any] = {
        "linkedin_version": settings.linkedin_version,
        "graph_version": settings.meta_graph_version,
        "linkedin_member_read": settings.linkedin_member_read,
        "tiktok_verified_url_prefixes": list(settings.tiktok_verified_url_prefixes),
    }
    if platform == "instagram":
        options["instagram_login"] = instagram_login_options(settings)
    if settings.platform_configured(platform):
        return ConnectorConfig(
            platform=platform,
            client_id=getattr(settings, f"{platform}_client_id"),
            client_secret=getattr(settings, f"{platform}_client_secret"),
            redirect_uri=redirect_uri,
            api_base=getattr(settings, f"{platform}_api_base").rstrip("/"),
            auth_base=getattr(settings, f"{platform}_auth_base").rstrip("/"),
            token_base=(settings.youtube_token_base if platform == "youtube" else None),
            upload_base=(settings.youtube_api_base if platform == "youtube" else None),
            sandbox=False,
            timeout_seconds=settings.platform_timeout_seconds,
            options=options,
        )
    if not settings.sandbox_enabled:
        name = connector_class(platform).display_name
        raise ServiceUnavailable(
            f"{name} is not set up on this server: the operator must set "
            f"{platform.upper()}_CLIENT_ID and {platform.upper()}_CLIENT_SECRET.",
            code="platform_not_configured",
        )
    base = f"{settings.sandbox_base}/{platform}"
    options["linkedin_member_read"] = True  # the sandbox grants the restricted read scope
    return ConnectorConfig(
        platform=platform,
        client_id=f"sandbox-{platform}-client",
        client_secret=f"sandbox-{platform}-secret",
        redirect_uri=redirect_uri,
        api_base=base,
        auth_base=base,
        token_base=base,
        upload_base=base,
        sandbox=True,
        timeout_seconds=settings.platform_timeout_seconds,
        options=options,
    )


def instagram_login_options(settings: Settings) -> dict[str, Any] | None:
    """Where Business Login for Instagram (the second way to connect Instagram) is served:
    the real hosts with INSTAGRAM_LOGIN_CLIENT_ID/SECRET, else the sandbox (when the sandbox
    serves Instagram too), else None (not offered)."""
    if settings.instagram_login_client_id and settings.instagram_login_client_secret:
        return {
            "client_id": settings.instagram_login_client_id,
            "client_secret": settings.instagram_login_client_secret,
            "api_base": settings.instagram_login_api_base.rstrip("/"),
            "auth_base": settings.instagram_login_auth_base.rstrip("/"),
            "token_base": settings.instagram_login_token_base.rstrip("/"),
            "sandbox": False,
        }
    if not settings.sandbox_enabled or settings.platform_configured("instagram"):
        return None
    base = f"{settings.sandbox_base}/instagram-login"
    return {
        "client_id": "sandbox-instagram-login-client",
        "client_secret": "sandbox-instagram-login-secret",
        "api_base": base,
        "auth_base": base,
        "token_base": base,
        "sandbox": True,
    }


def get_connector(
    settings: Settings, platform: str, client: httpx.Client | None = None
) -> Connector:
    return connector_class(platform)(connector_config(settings, platform), client)
