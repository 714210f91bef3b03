"""Real media files made in the test: Pillow images, and MP4/WebM written box by box."""

from __future__ import annotations

import io
import random
import struct
import zlib

from PIL import Image, ImageDraw


def image(fmt: str, size: tuple[int, int] = (64, 48), **save: object) -> bytes:
    """A Pillow-made image with some structure in it (not one flat colour)."""
    img = Image.new("RGB", size, (20, 120, 200))
    draw = ImageDraw.Draw(img)
    rng = random.Random(size[0] * 31 + size[1])
    for _ in range(20):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        draw.rectangle((x, y, x + 8, y + 6), fill=(rng.randrange(256), 80, 40))
    out = io.BytesIO()
    if fmt == "GIF":
        frames = [img, img.transpose(Image.Transpose.FLIP_LEFT_RIGHT)]
        frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    else:
        img.save(out, fmt, **save)
    return out.getvalue()


def noisy_jpeg(size: tuple[int, int], quality: int = 95) -> bytes:
    """A JPEG that does not compress well (random pixels): big bytes from few pixels."""
    img = Image.frombytes("RGB", size, random.Random(7).randbytes(size[0] * size[1] * 3))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality)
    return out.getvalue()


def png_bomb(width: int, height: int) -> bytes:
    """A small, valid PNG declaring huge dimensions (1-bit grey, every pixel 0)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(min(height, 2000)))
    idat += compressor.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


# --------------------------------------------------------------------------- MP4


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def _full(kind: bytes, version: int, flags: int, payload: bytes) -> bytes:
    return _box(kind, bytes([version]) + flags.to_bytes(3, "big") + payload)


IDENTITY = (0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
ROTATE_90 = (0, 0x10000, 0, -0x10000, 0, 0, 0, 0, 0x40000000)


def mp4(
    width: int = 640,
    height: int = 360,
    seconds: float = 12.5,
    *,
    brand: bytes = b"isom",
    moov_last: bool = False,
    rotate: bool = False,
    payload_bytes: int = 2048,
    version1: bool = False,
) -> bytes:
    """A structurally complete MP4/MOV: ftyp, moov (mvhd, one video trak), mdat."""
    timescale = 1000
    units = round(seconds * timescale)
    matrix = struct.pack(">9i", *(ROTATE_90 if rotate else IDENTITY))
    if version1:
        times = struct.pack(">QQIQ", 0, 0, timescale, units)
    else:
        times = struct.pack(">IIII", 0, 0, timescale, units)
    mvhd = _full(
        b"mvhd",
        1 if version1 else 0,
        0,
        times + struct.pack(">IH", 0x10000, 0x100) + bytes(10) + matrix + bytes(24) + b"\0\0\0\2",
    )
    tkhd = _full(
        b"tkhd",
        0,
        3,
        struct.pack(">IIIII", 0, 0, 1, 0, units)
        + bytes(8)
        + struct.pack(">hhhH", 0, 0, 0, 0)
        + matrix
        + struct.pack(">II", width << 16, height << 16),
    )
    mdhd = _full(
        b"mdhd", 0, 0, struct.pack(">IIIIHH", 0, 0, 90000, round(seconds * 90000), 0x55C4, 0)
    )
    hdlr = _full(b"hdlr", 0, 0, b"\0\0\0\0vide" + bytes(12) + b"VideoHandler\0")
    avc1 = _box(
        b"avc1",
        bytes(6)
        + struct.pack(">H", 1)
        + bytes(16)
        + struct.pack(">HHIIIH", width, height, 0x480000, 0x480000, 0, 1)
        + bytes(32)
        + struct.pack(">Hh", 0x18, -1),
    )
    stbl = _box(
        b"stbl",
        _full(b"stsd", 0, 0, struct.pack(">I", 1) + avc1)
        + _full(b"stts", 0, 0, struct.pack(">I", 0))
        + _full(b"stsc", 0, 0, struct.pack(">I", 0))
        + _full(b"stsz", 0, 0, struct.pack(">II", 0, 0))
        + _full(b"stco", 0, 0, struct.pack(">I", 0)),
    )
    dinf = _box(b"dinf", _full(b"dref", 0, 0, struct.pack(">I", 1) + _full(b"url ", 0, 1, b"")))
    minf = _box(b"minf", _full(b"vmhd", 0, 1, bytes(8)) + dinf + stbl)
    moov = _box(b"moov", mvhd + _box(b"trak", tkhd + _box(b"mdia", mdhd + hdlr + minf)))
    ftyp = _box(b"ftyp", brand + struct.pack(">I", 0x200) + b"isomiso2avc1mp41")
    mdat = _box(b"mdat", random.Random(1).randbytes(payload_bytes))
    return ftyp + (mdat + moov if moov_last else moov + mdat)


# --------------------------------------------------------------------------- WebM


def _vint_size(n: int) -> bytes:
    for length in range(1, 9):
        if n < (1 << (7 * length)) - 1:
            return ((1 << (7 * length)) | n).to_bytes(length, "big")
    raise ValueError(n)


def _el(element_id: int, payload: bytes) -> bytes:
    raw = element_id.to_bytes((element_id.bit_length() + 7) // 8, "big")
    return raw + _vint_size(len(payload)) + payload


def webm(width: int = 320, height: int = 240, seconds: float | None = 4.25) -> bytes:
    """An EBML header (DocType webm) and a Segment with Info, one VP9 track and a Cluster."""
    header = _el(
        0x1A45DFA3,
        _el(0x4286, b"\x01")
        + _el(0x42F7, b"\x01")
        + _el(0x42F2, b"\x04")
        + _el(0x42F3, b"\x08")
        + _el(0x4282, b"webm")
        + _el(0x4287, b"\x04")
        + _el(0x4285, b"\x02"),
    )
    info = _el(0x2AD7B1, (1_000_000).to_bytes(3, "big"))
    if seconds is not None:
        info += _el(0x4489, struct.pack(">d", seconds * 1000))
    video = _el(0xB0, width.to_bytes(2, "big")) + _el(0xBA, height.to_bytes(2, "big"))
    track = _el(0xD7, b"\x01") + _el(0x83, b"\x01") + _el(0x86, b"V_VP9") + _el(0xE0, video)
    cluster = _el(0x1F43B675, _el(0xE7, b"\x00") + _el(0xA3, b"\x81\x00\x00\x80" + bytes(200)))
    segment = _el(0x1549A966, info) + _el(0x1654AE6B, _el(0xAE, track)) + cluster
    return header + _el(0x18538067, segment)
