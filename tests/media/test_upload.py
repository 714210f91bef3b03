"""Uploads of real files: stored, probed, recorded, served back byte for byte."""

from __future__ import annotations

import hashlib

import pytest
from fastapi.testclient import TestClient

from socialflow.core.config import Settings
from socialflow.core.context import AppContext
from socialflow.models import MediaAsset
from tests.media import files
from tests.media.conftest import Upload, stored_files


@pytest.mark.parametrize(
    ("fmt", "mime", "kind"),
    [
        ("JPEG", "image/jpeg", "image"),
        ("PNG", "image/png", "image"),
        ("GIF", "image/gif", "gif"),
        ("WEBP", "image/webp", "image"),
    ],
)
def test_image_upload_is_stored_with_its_real_dimensions(
    fmt: str,
    mime: str,
    kind: str,
    upload: Upload,
    client: TestClient,
    ctx: AppContext,
    settings: Settings,
) -> None:
    data = files.image(fmt, (320, 200))
    # The name and the client's content type lie; the bytes decide.
    response = upload(data, name="holiday.txt", content_type="text/plain")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["kind"] == kind
    assert body["mime_type"] == mime
    assert (body["width"], body["height"]) == (320, 200)
    assert body["size_bytes"] == len(data)
    assert body["duration_seconds"] is None
    assert body["filename"] == "holiday.txt"
    assert body["sha256"] == hashlib.sha256(data).hexdigest()

    served = client.get(body["url"])
    assert served.status_code == 200
    assert served.content == data
    assert served.headers["content-type"] == mime
    assert served.headers["x-content-type-options"] == "nosniff"

    thumb = client.get(body["thumbnail_url"])
    assert thumb.status_code == 200
    assert thumb.headers["content-type"] == "image/webp"
    assert thumb.content[8:12] == b"WEBP"

    with ctx.db.read_sessions() as session:
        asset = session.get(MediaAsset, __import__("uuid").UUID(body["id"]))
        assert asset is not None
        assert asset.storage_backend == "local"
        assert asset.sha256 == body["sha256"]
        assert (settings.media_dir / asset.storage_key).read_bytes() == data
    # Only the file and its preview remain; the staging file is gone.
    assert len(stored_files(settings)) == 2


def test_mp4_upload_is_probed_for_duration_and_size(
    upload: Upload, client: TestClient, settings: Settings
) -> None:
    data = files.mp4(1280, 720, 12.5)
    response = upload(data, name="clip.jpg", content_type="image/jpeg")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["kind"] == "video"
    assert body["mime_type"] == "video/mp4"
    assert (body["width"], body["height"]) == (1280, 720)
    assert body["duration_seconds"] == pytest.approx(12.5)
    assert body["thumbnail_url"] is None
    assert client.get(body["url"]).content == data
    assert len(stored_files(settings)) == 1


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"moov_last": True, "seconds": 61.0}, (640, 360, 61.0)),  # index after the media data
        ({"rotate": True, "seconds": 3.0}, (360, 640, 3.0)),  # phone video shot upright
        ({"version1": True, "seconds": 900.25}, (640, 360, 900.25)),  # 64-bit header times
    ],
)
def test_mp4_layouts(kwargs: dict, expected: tuple, upload: Upload) -> None:
    body = upload(files.mp4(640, 360, **kwargs)).json()
    assert (body["width"], body["height"], body["duration_seconds"]) == pytest.approx(expected)


def test_quicktime_and_webm(upload: Upload) -> None:
    mov = upload(files.mp4(1920, 1080, 7.0, brand=b"qt  "), name="a.mov").json()
    assert (mov["mime_type"], mov["width"], mov["duration_seconds"]) == (
        "video/quicktime",
        1920,
        7.0,
    )
    webm = upload(files.webm(320, 240, 4.25), name="a.webm").json()
    assert webm["mime_type"] == "video/webm"
    assert (webm["kind"], webm["width"], webm["height"]) == ("video", 320, 240)
    assert webm["duration_seconds"] == pytest.approx(4.25)


def test_large_upload_streams_through(
    upload: Upload, client: TestClient, settings: Settings
) -> None:
    """A video bigger than every buffer on the way (several MiB) arrives intact."""
    data = files.mp4(640, 360, 30.0, payload_bytes=6 * 1024 * 1024 + 12345)
    body = upload(data).json()
    assert body["size_bytes"] == len(data)
    assert client.get(body["url"]).content == data


def test_upload_needs_login(client: TestClient) -> None:
    response = client.post(
        "/api/posts/upload-media", files={"file": ("a.png", files.image("PNG"), "image/png")}
    )
    assert response.status_code == 401


def test_missing_file_field(client: TestClient, auth_headers: dict[str, str]) -> None:
    response = client.post(
        "/api/posts/upload-media",
        files={"picture": ("a.png", files.image("PNG"), "image/png")},
        headers=auth_headers,
    )
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "file"


def test_not_multipart(client: TestClient, auth_headers: dict[str, str]) -> None:
    response = client.post(
        "/api/posts/upload-media",
        content=files.image("PNG"),
        headers={**auth_headers, "Content-Type": "image/png"},
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "not_multipart"


def test_client_filename_is_only_a_label(upload: Upload, settings: Settings) -> None:
    body = upload(files.image("PNG"), name="../..\\etc/evil.png").json()
    assert body["filename"] == "evil.png"
    assert all(p.is_relative_to(settings.data_dir) for p in stored_files(settings))
    assert "evil" not in body["url"]
