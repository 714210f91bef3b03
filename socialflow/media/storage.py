"""Where media bytes live: a local folder served through signed URLs, or an S3 bucket.

Both backends take a finished, checked file (nothing unchecked ever reaches storage), stream
it in, stream it out, and hand out short-lived URLs: HMAC-signed `/media/{key}` links for the
local folder, presigned GETs for S3. One instance per app context (`storage_for(ctx)`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import shutil
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from socialflow.core.config import Settings
from socialflow.core.context import AppContext

CHUNK = 1024 * 1024
S3_PART = 8 * 1024 * 1024  # S3 wants parts of at least 5 MiB (all but the last)

# Keys we create: <user hex>/<asset hex>.<ext>, thumbnails <...>.<ext>.thumb.webp. The file
# route accepts nothing else, so a key can never climb out of the media folder.
KEY_RE = re.compile(r"^[0-9a-f]{32}/[0-9a-f]{32}\.(jpg|png|gif|webp|mp4|mov|webm)(\.thumb\.webp)?$")
CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "mp4": "video/mp4",
    "mov": "video/quicktime",
    "webm": "video/webm",
}


def content_type_of(key: str) -> str:
    """The Content-Type a stored key is served with (from our own extension, never the user's)."""
    if key.endswith(".thumb.webp"):
        return "image/webp"
    return CONTENT_TYPES[key.rsplit(".", 1)[-1]]


class UrlSigner:
    """HMAC-SHA256 over (key, expiry) with a key derived from the app's signing key."""

    def __init__(self, settings: Settings):
        self.key = hashlib.sha256(b"media-url:" + settings.signing_key.encode()).digest()

    def sign(self, key: str, expires: int) -> str:
        mac = hmac.new(self.key, f"{key}\n{expires}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()

    def check(self, key: str, expires: str | None, signature: str | None) -> str | None:
        """None when valid; else why not ("expired", "bad_signature")."""
        if not expires or not signature or not expires.isdigit():
            return "bad_signature"
        if not hmac.compare_digest(self.sign(key, int(expires)), signature):
            return "bad_signature"
        if int(expires) < time.time():
            return "expired"
        return None


class Storage(ABC):
    """One place for media bytes."""

    backend: str

    @abstractmethod
    def put_file(self, key: str, path: Path, content_type: str) -> None:
        """Store the file at `path` under `key` (the local backend may move it)."""

    @abstractmethod
    def open(self, key: str) -> Iterator[bytes]:
        """Stream the stored bytes in chunks."""

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove the object; a missing one is not an error."""

    @abstractmethod
    def url(self, key: str, ttl_seconds: int) -> str:
        """An absolute URL anyone holding it may GET until it expires."""


class LocalStorage(Storage):
    """Files under settings.media_dir, served by the app at /media/{key}?exp=&sig=."""

    backend = "local"

    def __init__(self, settings: Settings):
        self.root = settings.media_dir
        self.base_url = settings.base_url
        self.signer = UrlSigner(settings)

    def path_of(self, key: str) -> Path:
        if not KEY_RE.match(key):
            raise ValueError(f"not a media key: {key!r}")
        return self.root / key

    def put_file(self, key: str, path: Path, content_type: str) -> None:
        target = self.path_of(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(path, target)  # staging is under DATA_DIR too: a rename, no copy
        except OSError:
            shutil.copyfile(path, target)

    def open(self, key: str) -> Iterator[bytes]:
        with self.path_of(key).open("rb") as fh:
            while chunk := fh.read(CHUNK):
                yield chunk

    def delete(self, key: str) -> None:
        self.path_of(key).unlink(missing_ok=True)

    def url(self, key: str, ttl_seconds: int) -> str:
        expires = int(time.time()) + ttl_seconds
        sig = self.signer.sign(key, expires)
        return f"{self.base_url}/media/{quote(key)}?exp={expires}&sig={sig}"


class S3Storage(Storage):
    """An S3 bucket (any S3 endpoint via S3_ENDPOINT_URL); credentials from the AWS env vars."""

    backend = "s3"

    def __init__(self, settings: Settings, client: Any = None):
        import boto3
        from botocore.config import Config

        assert settings.s3_bucket
        self.bucket = settings.s3_bucket
        self.client = client or boto3.client(
            "s3",
            endpoint_url=settings.s3_endpoint_url,
            region_name=settings.s3_region,
            config=Config(
                signature_version="s3v4",
                # Custom endpoints (MinIO, moto, R2) rarely have per-bucket DNS names.
                s3={"addressing_style": "path" if settings.s3_endpoint_url else "auto"},
                retries={"max_attempts": 3, "mode": "standard"},
            ),
        )

    def put_file(self, key: str, path: Path, content_type: str) -> None:
        size = path.stat().st_size
        with path.open("rb") as fh:
            if size <= S3_PART:
                self.client.put_object(
                    Bucket=self.bucket, Key=key, Body=fh, ContentType=content_type
                )
                return
            self._multipart(key, fh, content_type)

    def _multipart(self, key: str, fh: Any, content_type: str) -> None:
        """Part by part, never more than one part in memory; aborted on any failure."""
        upload = self.client.create_multipart_upload(
            Bucket=self.bucket, Key=key, ContentType=content_type
        )
        upload_id = upload["UploadId"]
        parts = []
        try:
            number = 1
            while chunk := fh.read(S3_PART):
                answer = self.client.upload_part(
                    Bucket=self.bucket, Key=key, UploadId=upload_id, PartNumber=number, Body=chunk
                )
                parts.append({"ETag": answer["ETag"], "PartNumber": number})
                number += 1
            self.client.complete_multipart_upload(
                Bucket=self.bucket,
                Key=key,
                UploadId=upload_id,
                MultipartUpload={"Parts": parts},
            )
        except BaseException:
            self.client.abort_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload_id)
            raise

    def open(self, key: str) -> Iterator[bytes]:
        body = self.client.get_object(Bucket=self.bucket, Key=key)["Body"]
        try:
            yield from body.iter_chunks(CHUNK)
        finally:
            body.close()

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=key)

    def url(self, key: str, ttl_seconds: int) -> str:
        return str(
            self.client.generate_presigned_url(
                "get_object",
                Params={
                    "Bucket": self.bucket,
                    "Key": key,
                    "ResponseContentType": content_type_of(key),
                },
                ExpiresIn=ttl_seconds,
            )
        )


def storage_for(ctx: AppContext) -> Storage:
    """The context's storage backend, built once: S3 when S3_BUCKET is set, else the folder."""
    storage = ctx.extras.get("media_storage")
    if storage is None:
        settings = ctx.settings
        storage = S3Storage(settings) if settings.s3_bucket else LocalStorage(settings)
        ctx.extras["media_storage"] = storage
    assert isinstance(storage, Storage)
    return storage
