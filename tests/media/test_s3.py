"""The S3 backend against a real S3 API (moto's server over HTTP): upload, signed GET, delete."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from fastapi.testclient import TestClient

from socialflow.core.config import Settings
from socialflow.core.context import AppContext
from socialflow.media import service
from socialflow.models import MediaAsset
from tests.media import files
from tests.media.conftest import Upload, asset_count, bucket_keys, stored_files


def test_upload_lands_in_the_bucket_and_is_served_by_presigned_url(
    s3: dict[str, Any], upload: Upload, client: TestClient, ctx: AppContext, settings: Settings
) -> None:
    data = files.image("JPEG", (300, 200))
    body = upload(data, name="s3.jpg").json()
    assert (body["width"], body["height"]) == (300, 200)
    keys = bucket_keys(s3)
    assert len(keys) == 2 and keys[0].endswith(".jpg") and keys[1].endswith(".jpg.thumb.webp")
    stored = s3["client"].get_object(Bucket=s3["bucket"], Key=keys[0])
    assert stored["Body"].read() == data
    assert stored["ContentType"] == "image/jpeg"
    assert stored_files(settings) == []  # nothing in the local folder, staging cleaned

    assert body["url"].startswith(settings.s3_endpoint_url)
    assert "X-Amz-Signature=" in body["url"]
    fetched = httpx.get(body["url"])
    assert fetched.status_code == 200
    assert fetched.content == data
    assert fetched.headers["content-type"] == "image/jpeg"
    assert httpx.get(body["thumbnail_url"]).content[8:12] == b"WEBP"

    with ctx.db.read_sessions() as session:
        owner = session.get(MediaAsset, uuid.UUID(body["id"])).workspace_id
        (item,) = service.media_items(ctx, session, owner, [body["id"]])
    assert item.read_all() == data
    assert httpx.get(item.url).content == data


def test_large_video_goes_up_in_parts(s3: dict[str, Any], upload: Upload, ctx: AppContext) -> None:
    """Over one part (8 MiB): a multipart upload, reassembled byte for byte."""
    data = files.mp4(1920, 1080, 95.5, payload_bytes=17 * 1024 * 1024)
    body = upload(data, name="long.mp4").json()
    assert body["duration_seconds"] == 95.5
    (key,) = bucket_keys(s3)
    head = s3["client"].head_object(Bucket=s3["bucket"], Key=key)
    assert head["ContentLength"] == len(data)
    assert head["ETag"].strip('"').endswith("-3")  # three parts: 8 + 8 + 1 MiB
    assert httpx.get(body["url"]).content == data
    uploads = s3["client"].list_multipart_uploads(Bucket=s3["bucket"])
    assert not uploads.get("Uploads")  # none left open


def test_delete_removes_the_objects(
    s3: dict[str, Any], upload: Upload, client: TestClient, auth_headers: dict[str, str]
) -> None:
    body = upload(files.image("PNG", (40, 40))).json()
    assert len(bucket_keys(s3)) == 2
    assert client.delete(f"/api/media/{body['id']}", headers=auth_headers).status_code == 204
    assert bucket_keys(s3) == []
    assert httpx.get(body["url"]).status_code in (403, 404)  # S3 says 403 without ListBucket


def test_refused_upload_leaves_the_bucket_empty(
    s3: dict[str, Any], upload: Upload, ctx: AppContext, settings: Settings
) -> None:
    settings.max_upload_mb = 1
    assert upload(files.mp4(payload_bytes=2 * 1024 * 1024)).status_code == 413
    assert upload(files.png_bomb(100_000, 100_000)).status_code == 413
    assert upload(b"<html>" + b" " * 200, name="x.jpg").status_code == 415
    assert upload(files.image("JPEG")[:300]).status_code == 400
    assert bucket_keys(s3) == []
    assert asset_count(ctx) == 0
    assert stored_files(settings) == []
