"""Fetching a URL on a user's behalf without becoming their proxy into our network (SSRF).

Rules: http(s) only; no credentials in the URL; the host is resolved once and every address
must be public (not loopback, private, link-local, multicast, reserved, unspecified, shared
or documentation space, including IPv4 hidden in IPv6: mapped, NAT64, 6to4, Teredo); the
connection goes to the address that was checked (the socket never resolves the name again,
so DNS rebinding has no window); each redirect is checked the same way; size and time capped.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import ssl
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

import certifi
import httpcore

from socialflow.core.config import Settings
from socialflow.core.errors import BadRequest
from socialflow.media.intake import Staged, clean_filename, too_large

Resolver = Callable[[str], list[str]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

REDIRECTS = (301, 302, 303, 307, 308)
HOSTNAME_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9-]{1,63})*$")
NUMERIC_IPV4_RE = re.compile(r"^[0-9a-fx.]+$")  # 2130706433, 0177.0.0.1, 0x7f.1, 127.1
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class UnsafeURL(BadRequest):
    code = "unsafe_url"


def system_resolver(host: str) -> list[str]:
    """Every address the system resolver gives for `host`."""
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def why_not_public(ip: IPAddress) -> str | None:
    """None for a public unicast address; else what it is, in words."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        for inner, how in embedded:
            reason = why_not_public(inner)
            if reason:
                return f"{reason} ({how} in IPv6)"
    checks = (
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address (e.g. cloud metadata)"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_reserved, "a reserved address"),
        (ip.is_private, "a private-network address"),
        (not ip.is_global, "not a public address"),
    )
    for hit, words in checks:
        if hit:
            return words
    return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[tuple[ipaddress.IPv4Address, str]]:
    found = []
    if ip.ipv4_mapped:
        found.append((ip.ipv4_mapped, "IPv4-mapped"))
    if ip.sixtofour:
        found.append((ip.sixtofour, "6to4"))
    if ip.teredo:
        found.extend((inner, "Teredo") for inner in ip.teredo)
    if ip in NAT64:
        found.append((ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF), "NAT64"))
    if int(ip) >> 32 == 0 and int(ip) > 1:  # deprecated IPv4-compatible ::a.b.c.d
        found.append((ipaddress.IPv4Address(int(ip)), "IPv4-compatible"))
    return found


@dataclass(frozen=True, slots=True)
class Target:
    url: str
    host: str
    port: int
    ip: str


def check_url(
    url: str,
    resolver: Resolver,
    allow: Iterable[ipaddress.IPv4Network | ipaddress.IPv6Network] = (),
) -> Target:
    """The URL's host and the checked address to connect to, or UnsafeURL saying why not."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise UnsafeURL(f"url: not a valid URL ({exc})") from exc
    if parts.scheme not in ("http", "https"):
        raise UnsafeURL("url: only http:// and https:// URLs can be fetched")
    if parts.username is not None or parts.password is not None:
        raise UnsafeURL("url: URLs with a user name or password are not fetched")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise UnsafeURL("url: the URL has no host")
    port = port or (443 if parts.scheme == "https" else 80)
    literal = _literal(host)
    addresses = [literal] if literal else _resolve(host, resolver)
    allowed = list(allow)
    for ip in addresses:
        if any(ip.version == net.version and ip in net for net in allowed):
            continue
        reason = why_not_public(ip)
        if reason:
            shown = host if literal else f"{host} ({ip})"
            raise UnsafeURL(f"url: refusing to fetch from {shown}: it is {reason}")
    return Target(url=parts.geturl(), host=host, port=port, ip=str(addresses[0]))


def _literal(host: str) -> IPAddress | None:
    """An IP written in the URL, including the shorthand forms inet_aton accepts."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if NUMERIC_IPV4_RE.match(host.lower()):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def _resolve(host: str, resolver: Resolver) -> list[IPAddress]:
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError as exc:
        raise UnsafeURL(f"url: {host!r} is not a valid host name") from exc
    if not HOSTNAME_RE.match(ascii_host):
        raise UnsafeURL(f"url: {host!r} is not a valid host name")
    try:
        found = [ipaddress.ip_address(a.split("%", 1)[0]) for a in resolver(ascii_host)]
    except (OSError, ValueError) as exc:
        raise UnsafeURL(f"url: the host {host} could not be resolved") from exc
    if not found:
        raise UnsafeURL(f"url: the host {host} could not be resolved")
    return found


class PinnedBackend(httpcore.SyncBackend):
    """Connects to the address that was checked, never to what the name resolves to now."""

    def __init__(self, target: Target):
        self.target = target

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        if host.strip("[]").lower() != self.target.host.lower() or port != self.target.port:
            raise httpcore.ConnectError(f"unexpected connection to {host}:{port}")
        return super().connect_tcp(self.target.ip, port, timeout, local_address, socket_options)


def fetch_into(
    staged: Staged, url: str, settings: Settings, resolver: Resolver = system_resolver
) -> str:
    """GET `url` into `staged` under every rule above; returns the final URL after redirects."""
    # Defence in depth: the test-only allowlist is ignored when ENV=production.
    cidrs = [] if settings.env == "production" else settings.media_import_test_only_allow_cidrs
    allow = [ipaddress.ip_network(c, strict=False) for c in cidrs]
    deadline = time.monotonic() + settings.media_import_timeout_seconds
    ssl_context = ssl.create_default_context(cafile=certifi.where())
    current = url
    for _ in range(settings.media_import_max_redirects + 1):
        target = check_url(current, resolver, allow)
        location = _get(staged, target, settings, deadline, ssl_context)
        if location is None:
            return target.url
        current = urljoin(target.url, location)
    raise BadRequest(
        f"url: more than {settings.media_import_max_redirects} redirects", code="fetch_failed"
    )


def _get(
    staged: Staged, target: Target, settings: Settings, deadline: float, ssl_context: ssl.SSLContext
) -> str | None:
    """One hop: the redirect location, or None once the body is in `staged`."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _timed_out(settings)
    timeouts = {t: min(remaining, 10.0) for t in ("connect", "read", "write", "pool")}
    headers = [(b"User-Agent", b"Socialflow-media-import/1"), (b"Accept", b"image/*, video/*")]
    pool = httpcore.ConnectionPool(
        ssl_context=ssl_context, network_backend=PinnedBackend(target), max_connections=1
    )
    try:
        with (
            pool,
            pool.stream(
                "GET", target.url, headers=headers, extensions={"timeout": timeouts}
            ) as response,
        ):
            if response.status in REDIRECTS:
                location = _header(response, b"location")
                if not location:
                    raise BadRequest("url: a redirect without a Location", code="fetch_failed")
                return location
            if response.status != 200:
                raise BadRequest(
                    f"url: the server answered HTTP {response.status}", code="fetch_failed"
                )
            length = _header(response, b"content-length")
            if length and length.isdigit() and int(length) > staged.max_bytes:
                raise too_large(settings)
            for chunk in response.iter_stream():
                if time.monotonic() > deadline:
                    raise _timed_out(settings)
                staged.write(chunk)
    except httpcore.TimeoutException as exc:
        raise _timed_out(settings) from exc
    except httpcore.NetworkError as exc:
        raise BadRequest(f"url: could not connect to {target.host}", code="fetch_failed") from exc
    except httpcore.ProtocolError as exc:
        raise BadRequest(f"url: {target.host} sent a broken answer", code="fetch_failed") from exc
    if not staged.filename:
        staged.filename = _name_from(target.url)
    return None


def _header(response: httpcore.Response, name: bytes) -> str | None:
    for key, value in response.headers:
        if key.lower() == name:
            return value.decode("latin-1").strip()
    return None


def _timed_out(settings: Settings) -> BadRequest:
    return BadRequest(
        f"url: the download took longer than {settings.media_import_timeout_seconds:g} s",
        code="fetch_timeout",
    )


def _name_from(url: str) -> str | None:
    return clean_filename(unquote(urlsplit(url).path.rsplit("/", 1)[-1]))
