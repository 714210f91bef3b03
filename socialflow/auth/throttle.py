"""Rate limits kept in the database (so every API process shares them): log-in failures and
the e-mails anybody can make us send.

Log-in, after OWASP's authentication cheat sheet: a lock-out keyed on the account alone lets
anyone lock a victim out, and one keyed on the address alone is shared by everybody behind a
proxy. So:
- a browser that logged into the account before carries a signed *device cookie*; its attempts
  count only against that device, and an attacker elsewhere never locks it out;
- other attempts count against (account, address) -- the attacker's own pair -- and against
  the address across all accounts (credential stuffing from one place);
- the account across all addresses gets a soft delay, not a lock: once many untrusted attempts
  failed, untrusted attempts must be a few seconds apart (a distributed guesser is slowed to a
  crawl, a person waits seconds).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from socialflow.core.clock import as_utc, utcnow
from socialflow.core.config import Settings
from socialflow.core.db import affected
from socialflow.core.errors import TooManyRequests
from socialflow.models import ThrottleEvent

DEVICE_COOKIE = "sf_device"
DEVICE_COOKIE_DAYS = 365


@dataclass(frozen=True, slots=True)
class Limit:
    key: str
    max_events: int
    window: timedelta
    message: str
    code: str = "too_many_attempts"


def count_since(session: Session, key: str, since: datetime) -> tuple[int, datetime | None]:
    count, oldest = session.execute(
        select(func.count(), func.min(ThrottleEvent.created_at)).where(
            ThrottleEvent.key == key, ThrottleEvent.created_at > since
        )
    ).one()
    return int(count), as_utc(oldest) if oldest is not None else None


def check(session: Session, limits: Iterable[Limit], now: datetime | None = None) -> None:
    """429 with Retry-After when any limit is reached."""
    now = now or utcnow()
    for limit in limits:
        count, oldest = count_since(session, limit.key, now - limit.window)
        if count >= limit.max_events and oldest is not None:
            retry = int((oldest + limit.window - now).total_seconds()) + 1
            raise TooManyRequests(limit.message, code=limit.code, retry_after=retry)


def record(session: Session, keys: Iterable[str], now: datetime | None = None) -> None:
    session.add_all(ThrottleEvent(key=key, created_at=now or utcnow()) for key in keys)


def forget(session: Session, key: str) -> None:
    session.execute(delete(ThrottleEvent).where(ThrottleEvent.key == key))


def purge(session: Session, older_than: timedelta, now: datetime | None = None) -> int:
    cutoff = (now or utcnow()) - older_than
    result = session.execute(delete(ThrottleEvent).where(ThrottleEvent.created_at < cutoff))
    return affected(result)


# --------------------------------------------------------------------------- device cookies


def _device_mac(settings: Settings, email: str, device: str) -> str:
    key = hashlib.sha256(b"device-cookie:" + settings.signing_key.encode()).digest()
    return hmac.new(key, f"{email}\n{device}".encode(), "sha256").hexdigest()[:32]


def new_device_cookie(settings: Settings, email: str) -> str:
    """`<device id>.<mac>`: proves this browser logged into `email` before."""
    device = secrets.token_urlsafe(12)
    return f"{device}.{_device_mac(settings, email, device)}"


def trusted_device(settings: Settings, email: str, cookie: str | None) -> str | None:
    """The device id when the cookie is one we issued for this account, else None."""
    if not cookie or cookie.count(".") != 1 or len(cookie) > 100:
        return None
    device, mac = cookie.split(".")
    if hmac.compare_digest(mac, _device_mac(settings, email, device)):
        return device
    return None


# --------------------------------------------------------------------------- log-in


@dataclass(frozen=True, slots=True)
class LoginKeys:
    """The counters one log-in attempt is checked against and, if it fails, adds to."""

    limits: tuple[Limit, ...]
    failure_keys: tuple[str, ...]
    reset_on_success: tuple[str, ...]


def login_keys(settings: Settings, email: str, ip: str | None, device: str | None) -> LoginKeys:
    window = timedelta(seconds=settings.login_window_seconds)
    wait = "Too many failed log-in attempts. Try again later."
    if device is not None:
        key = f"login:device:{device}"
        return LoginKeys((Limit(key, settings.login_max_failures, window, wait),), (key,), (key,))
    pair = f"login:pair:{email}|{ip or '-'}"
    limits = [Limit(pair, settings.login_max_failures, window, wait)]
    failures = [pair, f"login:account:{email}"]
    if ip:
        address = f"login:ip:{ip}"
        limits.append(Limit(address, settings.login_ip_max_failures, window, wait))
        failures.append(address)
    return LoginKeys(tuple(limits), tuple(failures), (pair,))


def check_account_pace(
    session: Session, settings: Settings, email: str, now: datetime | None = None
) -> None:
    """The soft delay: after many failures on the account from anywhere, untrusted attempts
    must be `login_slow_seconds` apart."""
    now = now or utcnow()
    key = f"login:account:{email}"
    window = timedelta(seconds=settings.login_window_seconds)
    count, _ = count_since(session, key, now - window)
    if count < settings.login_account_slow_after:
        return
    latest = session.scalar(
        select(func.max(ThrottleEvent.created_at)).where(ThrottleEvent.key == key)
    )
    if latest is None:
        return
    ready = as_utc(latest) + timedelta(seconds=settings.login_slow_seconds)
    if ready > now:
        raise TooManyRequests(
            "This account is receiving many failed log-ins, so attempts are slowed down. "
            "Try again in a few seconds.",
            code="too_many_attempts",
            retry_after=int((ready - now).total_seconds()) + 1,
        )
