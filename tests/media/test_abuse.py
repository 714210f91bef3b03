"""Upload abuse: every refusal is a clear 4xx and leaves nothing behind (no row, no file)."""

from __future__ import annotations

import io
import zipfile

import pytest
from fastapi.testclient import TestClient

from socialflow.core.config import Settings
from socialflow.core.context import AppContext
from tests.media import files
from tests.media.conftest import Upload, asset_count, stored_files


def _refused(response, status: int, code: str, ctx: AppContext, settings: Settings) -> str:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code
    assert asset_count(ctx) == 0
    assert stored_files(settings) == []
    return str(error["message"])


def test_oversize_upload_is_413_and_nothing_stored(
    upload: Upload, ctx: AppContext, settings: Settings
) -> None:
    settings.max_upload_mb = 1
    data = files.mp4(640, 360, 5.0, payload_bytes=1024 * 1024 + 10)
    message = _refused(upload(data), 413, "file_too_large", ctx, settings)
    assert "1 MB" in message


def test_oversize_refused_while_streaming_without_content_length(
    client: TestClient, auth_headers: dict[str, str], ctx: AppContext, settings: Settings
) -> None:
    """A chunked body (no Content-Length to check up front) is cut off at the cap."""
    settings.max_upload_mb = 1
    boundary = "sfboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\n'
        "Content-Type: image/jpeg\r\n\r\n"
    ).encode()
    jpeg = files.noisy_jpeg((1000, 1000))
    assert len(jpeg) > 1024 * 1024

    def body():
        yield head
        for i in range(0, len(jpeg), 64 * 1024):
            yield jpeg[i : i + 64 * 1024]
        yield f"\r\n--{boundary}--\r\n".encode()

    response = client.post(
        "/api/posts/upload-media",
        content=body(),
        headers={**auth_headers, "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    _refused(response, 413, "file_too_large", ctx, settings)


def test_just_under_the_cap_is_accepted(upload: Upload, settings: Settings) -> None:
    settings.max_upload_mb = 1
    data = files.mp4(640, 360, 5.0, payload_bytes=1024 * 1024 - 2000)
    assert len(data) <= 1024 * 1024
    assert upload(data).status_code == 201


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.jpg", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200)),  # a Windows executable
        ("photo.jpg", b"<!doctype html><script>alert(1)</script>" + b" " * 100),
        ("photo.png", b"\x7fELF\x02\x01\x01" + bytes(300)),
        ("clip.mp4", b"%PDF-1.7\n" + bytes(300)),
        ("song.mp4", files.mp4()[:4] + b"ftypM4A " + files.mp4()[12:]),  # audio-only brand
        ("pic.heic", files.mp4()[:4] + b"ftypheic" + files.mp4()[12:]),
        ("archive.gif", b""),  # replaced below by a zip
    ],
)
def test_wrong_type_with_lying_extension_is_415(
    name: str, data: bytes, upload: Upload, ctx: AppContext, settings: Settings
) -> None:
    if not data:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as zf:
            zf.writestr("a.txt", "x" * 1000)
        data = out.getvalue()
    message = _refused(
        upload(data, name=name, content_type="image/jpeg"),
        415,
        "unsupported_media_type",
        ctx,
        settings,
    )
    assert "unsupported file type" in message


def test_tiny_non_media_file_is_415(upload: Upload, ctx: AppContext, settings: Settings) -> None:
    _refused(upload(b"hi", name="x.png"), 415, "unsupported_media_type", ctx, settings)


def test_zero_bytes_is_400(upload: Upload, ctx: AppContext, settings: Settings) -> None:
    message = _refused(upload(b"", name="empty.jpg"), 400, "empty_file", ctx, settings)
    assert "empty" in message


def test_png_declaring_huge_dimensions_is_refused_before_decoding(
    upload: Upload, ctx: AppContext, settings: Settings
) -> None:
    bomb = files.png_bomb(100_000, 100_000)
    assert len(bomb) < 100_000  # a small file ...
    message = _refused(upload(bomb, name="bomb.png"), 413, "image_too_large", ctx, settings)
    assert "too many pixels" in message  # ... that would be 10 gigapixels


def test_decompression_bomb_over_the_setting_is_refused(
    upload: Upload, ctx: AppContext, settings: Settings
) -> None:
    settings.max_image_pixels = 1_000_000
    message = _refused(upload(files.png_bomb(2000, 2000)), 413, "image_too_large", ctx, settings)
    assert "2,000 x 2,000" in message


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF", "WEBP"])
def test_truncated_image_is_400(
    fmt: str, upload: Upload, ctx: AppContext, settings: Settings
) -> None:
    data = files.image(fmt, (400, 300))
    message = _refused(upload(data[: len(data) // 2]), 400, "invalid_media", ctx, settings)
    assert "damaged or truncated" in message


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (files.mp4()[:-500], "truncated"),  # mdat cut short
        (files.mp4(moov_last=True)[:-200], "truncated"),  # the index itself cut short
        (
            files.mp4(moov_last=True)[: len(files.mp4(moov_last=True)) - len(files.mp4()) + 2100],
            "moov",
        ),
        (files.mp4(0, 0), "no dimensions"),
        (files.mp4(seconds=0), "duration"),
        (files.webm(seconds=None), "duration"),
        (files.webm()[:-50], "truncated"),
    ],
)
def test_broken_video_is_400(
    data: bytes, words: str, upload: Upload, ctx: AppContext, settings: Settings
) -> None:
    message = _refused(upload(data), 400, "invalid_media", ctx, settings)
    assert words in message


def test_second_file_in_one_request_is_refused(
    client: TestClient, auth_headers: dict[str, str], ctx: AppContext, settings: Settings
) -> None:
    png = files.image("PNG")
    response = client.post(
        "/api/posts/upload-media",
        files=[("file", ("a.png", png, "image/png")), ("file", ("b.png", png, "image/png"))],
        headers=auth_headers,
    )
    _refused(response, 400, "one_file_only", ctx, settings)
