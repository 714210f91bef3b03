"""Passwords (Argon2id), access JWTs (HS256 pinned), opaque tokens, and tokens at rest."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import Any

import jwt
from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from socialflow.core.clock import utcnow
from socialflow.core.config import Settings

JWT_ALGORITHM = "HS256"
JWT_ISSUER = "socialflow"
JWT_AUDIENCE = "socialflow-api"


class Passwords:
    """Argon2id hashing with rehash-on-login and a dummy check for unknown e-mails."""

    def __init__(self, settings: Settings):
        self.hasher = PasswordHasher(
            time_cost=settings.argon2_time_cost,
            memory_cost=settings.argon2_memory_kib,
            parallelism=settings.argon2_parallelism,
            type=Type.ID,
        )

    @cached_property
    def _dummy_hash(self) -> str:
        return self.hasher.hash(secrets.token_urlsafe(16))

    def hash(self, password: str) -> str:
        return self.hasher.hash(password)

    def verify(self, password_hash: str | None, password: str) -> bool:
        """Constant work whether or not the account exists."""
        try:
            return self.hasher.verify(password_hash or self._dummy_hash, password) and (
                password_hash is not None
            )
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        return self.hasher.check_needs_rehash(password_hash)


@dataclass(frozen=True, slots=True)
class AccessClaims:
    user_id: uuid.UUID
    expires_at: datetime
    # users.token_version when issued: a password change or reset bumps it, and every access
    # token issued before then stops working at once (not only the refresh tokens).
    version: int


class AccessTokens:
    """Short-lived signed access tokens; the algorithm is pinned on decode."""

    cache_size = 10_000

    def __init__(self, settings: Settings):
        self.key = hashlib.sha256(b"access-jwt:" + settings.signing_key.encode()).digest()
        self.ttl = timedelta(minutes=settings.access_token_minutes)
        # Verified tokens by their exact string: a client sends the same token for 15 minutes,
        # and a different string (tampered) is a miss that gets fully verified.
        self._verified: dict[str, AccessClaims] = {}

    def issue(self, user_id: uuid.UUID, version: int) -> tuple[str, int]:
        now = utcnow()
        claims = {
            "sub": str(user_id),
            "ver": version,
            "iat": now,
            "exp": now + self.ttl,
            "iss": JWT_ISSUER,
            "aud": JWT_AUDIENCE,
            "typ": "access",
        }
        return jwt.encode(claims, self.key, algorithm=JWT_ALGORITHM), int(self.ttl.total_seconds())

    def decode(self, token: str) -> AccessClaims | None:
        """The claims of a valid token; None for expired, tampered, or foreign-algorithm ones."""
        cached = self._verified.get(token)
        if cached is not None:
            if cached.expires_at > utcnow():
                return cached
            self._verified.pop(token, None)
            return None
        claims = self._decode(token)
        if claims is not None:
            if len(self._verified) >= self.cache_size:
                self._verified.clear()
            self._verified[token] = claims
        return claims

    def _decode(self, token: str) -> AccessClaims | None:
        try:
            claims = jwt.decode(
                token,
                self.key,
                algorithms=[JWT_ALGORITHM],
                audience=JWT_AUDIENCE,
                issuer=JWT_ISSUER,
                options={"require": ["exp", "iat", "sub", "iss", "aud"]},
            )
            if claims.get("typ") != "access" or type(claims.get("ver", 0)) is not int:
                return None
            return AccessClaims(
                user_id=uuid.UUID(claims["sub"]),
                expires_at=datetime.fromtimestamp(claims["exp"], UTC),
                version=claims.get("ver", 0),
            )
        except (jwt.PyJWTError, ValueError, TypeError):
            return None


def new_opaque_token() -> str:
    """A 256-bit random token for refresh/e-mail links; only its hash is stored."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def constant_time_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


class TokenCipher:
    """Platform tokens at rest: MultiFernet, the first key encrypts, every key decrypts."""

    def __init__(self, settings: Settings):
        keys = [k.strip() for k in (settings.token_encryption_keys or "").split(",") if k.strip()]
        if not keys:
            derived = hashlib.sha256(b"token-encryption:" + settings.signing_key.encode()).digest()
            keys = [base64.urlsafe_b64encode(derived).decode()]
        self.fernet = MultiFernet([Fernet(k.encode()) for k in keys])

    def encrypt(self, value: str | None) -> str | None:
        return None if value is None else self.fernet.encrypt(value.encode()).decode()

    def decrypt(self, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return self.fernet.decrypt(value.encode()).decode()
        except InvalidToken as exc:
            raise ValueError("token cannot be decrypted with the configured keys") from exc

    def rotate(self, value: str) -> str:
        """Re-encrypt under the first key."""
        return self.fernet.rotate(value.encode()).decode()


class Security:
    """The security services of one settings object, built once per app."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.passwords = Passwords(settings)
        self.access = AccessTokens(settings)
        self.cipher = TokenCipher(settings)

    def describe(self) -> dict[str, Any]:
        return {"jwt_algorithm": JWT_ALGORITHM, "access_ttl_seconds": self.access.ttl.seconds}
