"""The Stripe client from settings: real Stripe with STRIPE_SECRET_KEY, else the sandbox."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

import stripe

from socialflow.core.config import Settings
from socialflow.core.errors import ServiceUnavailable

SANDBOX_PATH = "/sandbox/stripe"  # the mounted emulator's path; see sandbox_api_base
DEFAULT_API_BASE = "https://api.stripe.com"


@dataclass(frozen=True, slots=True)
class StripeConfig:
    api_key: str
    webhook_secret: str | None
    api_base: str
    sandbox: bool  # True: the emulator at {PUBLIC_URL}/sandbox/stripe or {SANDBOX_URL}/stripe


def sandbox_keys(settings: Settings) -> tuple[str, str]:
    """(test secret key, webhook signing secret) the sandbox and the app share."""
    return settings.stripe_sandbox_keys()


def sandbox_api_base(settings: Settings) -> str:
    """The Stripe emulator: {PUBLIC_URL}/sandbox/stripe, or {SANDBOX_URL}/stripe."""
    return f"{settings.sandbox_base}/stripe"


def stripe_config(settings: Settings) -> StripeConfig | None:
    """Where Stripe is for these settings; None when billing is off (no key, no sandbox)."""
    if settings.stripe_secret_key:
        return StripeConfig(
            api_key=settings.stripe_secret_key,
            webhook_secret=settings.stripe_webhook_secret,
            api_base=(settings.stripe_api_base or DEFAULT_API_BASE).rstrip("/"),
            sandbox=False,
        )
    if not settings.sandbox_enabled:
        return None
    api_key, webhook_secret = sandbox_keys(settings)
    return StripeConfig(
        api_key=api_key,
        webhook_secret=settings.stripe_webhook_secret or webhook_secret,
        api_base=(settings.stripe_api_base or sandbox_api_base(settings)).rstrip("/"),
        sandbox=True,
    )


def require_config(settings: Settings) -> StripeConfig:
    config = stripe_config(settings)
    if config is None:
        raise ServiceUnavailable(
            "Billing is not configured: set STRIPE_SECRET_KEY (or enable the sandbox).",
            code="billing_unavailable",
        )
    return config


_clients: dict[tuple[str, str, float], stripe.StripeClient] = {}
_clients_lock = threading.Lock()


def client(settings: Settings) -> stripe.StripeClient:
    """A StripeClient per (key, base): no module-level `stripe.api_key` state is touched."""
    config = require_config(settings)
    key = (config.api_key, config.api_base, settings.platform_timeout_seconds)
    with _clients_lock:
        found = _clients.get(key)
        if found is None:
            found = _clients[key] = stripe.StripeClient(
                config.api_key,
                base_addresses={"api": config.api_base},
                # The SDK retries network failures itself, reusing our idempotency key.
                max_network_retries=2,
                http_client=stripe.RequestsClient(timeout=settings.platform_timeout_seconds),
            )
        return found


def fingerprint(*parts: str) -> str:
    """A short stable digest for idempotency keys built from ids."""
    return hashlib.sha256(":".join(parts).encode()).hexdigest()[:24]
