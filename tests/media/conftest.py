"""Media test helpers: upload through the API, look inside storage, a real S3 (moto) server."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from socialflow.core.config import Settings
from socialflow.core.context import AppContext
from socialflow.models import MediaAsset

Upload = Callable[..., httpx.Response]


@pytest.fixture
def upload(client: TestClient, auth_headers: dict[str, str]) -> Upload:
    """POST a file to /api/posts/upload-media as the default test user."""

    def _upload(
        data: bytes,
        name: str = "file.bin",
        content_type: str = "application/octet-stream",
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        return client.post(
            "/api/posts/upload-media",
            files={"file": (name, data, content_type)},
            headers=headers or auth_headers,
        )

    return _upload


def stored_files(settings: Settings) -> list[Path]:
    """Every file in the media folder and in upload staging."""
    roots = [settings.media_dir, settings.data_dir / "tmp" / "media-incoming"]
    return sorted(p for root in roots if root.exists() for p in root.rglob("*") if p.is_file())


def asset_count(ctx: AppContext) -> int:
    with ctx.db.read_sessions() as session:
        return session.query(MediaAsset).count()


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """A real S3 API (moto's server) on a free loopback port for the whole run."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)  # it picks one
    server.start()
    try:
        yield "http://{}:{}".format(*server.get_host_and_port())
    finally:
        server.stop()


@pytest.fixture
def s3(settings: Settings, moto_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Point the app at the moto server with a bucket of this test's own."""
    import boto3

    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
    }.items():
        monkeypatch.setenv(name, value)
    bucket = f"media-{uuid.uuid4().hex[:12]}"
    settings.s3_bucket = bucket
    settings.s3_endpoint_url = moto_endpoint
    client = boto3.client("s3", endpoint_url=moto_endpoint, region_name=settings.s3_region)
    client.create_bucket(Bucket=bucket)
    return {"client": client, "bucket": bucket}


def bucket_keys(s3: dict[str, Any]) -> list[str]:
    listing = s3["client"].list_objects_v2(Bucket=s3["bucket"])
    return sorted(obj["Key"] for obj in listing.get("Contents", []))
