"""What a file really is, from its bytes: type sniffing, image checks (Pillow), video probing.

Nothing here trusts a file name or a client's Content-Type. Images are opened header-first so
their pixel count is refused before any decoding; videos are read from their container boxes
(MP4/MOV) or elements (WebM) in pure Python, since ffprobe is not available.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from socialflow.core.errors import AppError, BadRequest
from socialflow.media import containers

SNIFF_BYTES = 128  # enough for every signature below, including WebM's DocType
THUMBNAIL_SIZE = (480, 480)

# ftyp major brands that are not video (HEIF/AVIF stills, audio-only M4A/M4B, Canon raw).
NON_VIDEO_BRANDS = {b"heic", b"heix", b"mif1", b"msf1", b"avif", b"avis", b"M4A ", b"M4B "}
NON_VIDEO_BRANDS |= {b"M4P ", b"crx "}


class UnsupportedType(AppError):
    status_code = 415
    code = "unsupported_media_type"


class TooLarge(AppError):
    status_code = 413
    code = "too_large"


@dataclass(frozen=True, slots=True)
class FileType:
    kind: str  # image | gif | video
    mime_type: str
    extension: str  # the one we store under, whatever the upload was called
    pillow_format: str | None = None  # images: the format Pillow must agree on


JPEG = FileType("image", "image/jpeg", "jpg", "JPEG")
PNG = FileType("image", "image/png", "png", "PNG")
GIF = FileType("gif", "image/gif", "gif", "GIF")
WEBP = FileType("image", "image/webp", "webp", "WEBP")
MP4 = FileType("video", "video/mp4", "mp4")
MOV = FileType("video", "video/quicktime", "mov")
WEBM = FileType("video", "video/webm", "webm")

UNSUPPORTED_MESSAGE = (
    "unsupported file type: upload a JPEG, PNG, GIF or WebP image, or an MP4, MOV or WebM video "
    "(the type is read from the file's contents, not its name)"
)


def sniff(head: bytes) -> FileType | None:
    """The file's type from its first bytes (magic numbers), or None if it is not one we take."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[4:8] == b"ftyp" and len(head) >= 12:
        brand = head[8:12]
        if brand in NON_VIDEO_BRANDS:
            return None
        return MOV if brand == b"qt  " else MP4
    if head.startswith(b"\x1a\x45\xdf\xa3") and containers.webm_doctype(head) == "webm":
        return WEBM
    return None


@dataclass(slots=True)
class Probed:
    width: int | None
    height: int | None
    duration_seconds: float | None = None
    thumbnail: Path | None = None  # a WebP preview written next to the file, for images


def probe(path: Path, file_type: FileType, *, max_pixels: int) -> Probed:
    """Check the whole file decodes as what its bytes claim; its dimensions and duration."""
    if file_type.kind == "video":
        return _probe_video(path, file_type)
    return _probe_image(path, file_type, max_pixels)


def _probe_video(path: Path, file_type: FileType) -> Probed:
    try:
        reader = containers.probe_webm if file_type is WEBM else containers.probe_mp4
        info = reader(path)
    except containers.ProbeError as exc:
        raise BadRequest(f"file: the video cannot be read: {exc}", code="invalid_media") from exc
    return Probed(width=info.width, height=info.height, duration_seconds=info.duration_seconds)


def _probe_image(path: Path, file_type: FileType, max_pixels: int) -> Probed:
    damaged = "file: the image is damaged or truncated"
    # Pillow's own bomb check is a backstop (it warns, then raises at twice its limit); ours
    # refuses from the header alone, before any pixel is decoded.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as img:
                if img.format != file_type.pillow_format:
                    raise UnsupportedType(UNSUPPORTED_MESSAGE)
                width, height = img.size
                _check_pixels(width, height, max_pixels)
                img.verify()  # structure and checksums (PNG CRCs), without decoding
            if file_type is GIF and not _gif_complete(path):
                raise BadRequest(damaged, code="invalid_media")
            with Image.open(path) as img:
                # Decoding every pixel (here, into the thumbnail) is what finds a truncated
                # JPEG; `draft` lets JPEG decode at a reduced scale for the same check.
                img.draft("RGB", THUMBNAIL_SIZE)
                preview = ImageOps.exif_transpose(img)
                preview.thumbnail(THUMBNAIL_SIZE)
                if preview.mode not in ("RGB", "RGBA"):
                    has_alpha = "A" in preview.mode or "transparency" in preview.info
                    preview = preview.convert("RGBA" if has_alpha else "RGB")
                thumb = path.with_name(path.name + ".thumb.webp")
                preview.save(thumb, "WEBP", quality=80)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            limit = min(max_pixels, Image.MAX_IMAGE_PIXELS or max_pixels)
            raise TooLarge(
                f"file: the image has too many pixels (more than {limit:,}); refused before "
                "decoding",
                code="image_too_large",
            ) from exc
        except AppError:
            raise
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise BadRequest(damaged, code="invalid_media") from exc
    return Probed(width=width, height=height, thumbnail=thumb)


def _gif_complete(path: Path) -> bool:
    """A whole GIF ends with its trailer byte (only the first frame is decoded, so a cut in a
    later frame would otherwise pass)."""
    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - 1024))
        return fh.read().rstrip(b"\x00").endswith(b"\x3b")


def _check_pixels(width: int, height: int, max_pixels: int) -> None:
    if width <= 0 or height <= 0:
        raise BadRequest("file: the image has no pixels", code="invalid_media")
    if width * height > max_pixels:
        raise TooLarge(
            f"file: the image has too many pixels ({width:,} x {height:,}; the limit is "
            f"{max_pixels:,}); refused before decoding",
            code="image_too_large",
        )
