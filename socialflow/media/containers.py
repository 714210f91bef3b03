"""Duration and dimensions of MP4/MOV (ISO BMFF boxes) and WebM (EBML elements), pure Python.

Only the few boxes/elements needed are read, by seeking: a 500 MB file costs a handful of
small reads. Every size is checked against its parent, so a truncated or lying file is refused.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

MAX_BOXES = 100_000  # per level: a file of millions of tiny boxes is not a video


class ProbeError(Exception):
    """The container is malformed, truncated, or has no usable video track."""


@dataclass(slots=True)
class VideoInfo:
    width: int
    height: int
    duration_seconds: float


# --------------------------------------------------------------------------- MP4 / MOV


def _boxes(f: BinaryIO, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, payload start, payload end) of each box between start and end."""
    pos, count = start, 0
    while pos + 8 <= end:
        count += 1
        if count > MAX_BOXES:
            raise ProbeError("too many boxes")
        f.seek(pos)
        size, kind = struct.unpack(">I4s", _read(f, 8))
        header = 8
        if size == 1:
            size = struct.unpack(">Q", _read(f, 8))[0]
            header = 16
        elif size == 0:  # "to the end of the enclosing container"
            size = end - pos
        if size < header:
            raise ProbeError(f"malformed {kind!r} box")
        if pos + size > end:
            raise ProbeError(f"the {kind.decode('latin-1')!r} box runs past the end (truncated)")
        yield kind, pos + header, pos + size
        pos += size


def _read(f: BinaryIO, n: int) -> bytes:
    data = f.read(n)
    if len(data) != n:
        raise ProbeError("unexpected end of file (truncated)")
    return data


def _child(f: BinaryIO, start: int, end: int, kind: bytes) -> tuple[int, int] | None:
    for k, s, e in _boxes(f, start, end):
        if k == kind:
            return s, e
    return None


def _mvhd(f: BinaryIO, start: int) -> tuple[int, int]:
    """(timescale, duration) of a movie or media header (mvhd and mdhd share the layout)."""
    f.seek(start)
    version = _read(f, 4)[0]
    if version == 1:
        f.seek(start + 4 + 16)
        return struct.unpack(">IQ", _read(f, 12))
    f.seek(start + 4 + 8)
    return struct.unpack(">II", _read(f, 8))


def _track_dimensions(f: BinaryIO, start: int, end: int) -> tuple[int, int]:
    """Display width/height from tkhd (16.16 fixed point), rotated per its matrix."""
    f.seek(start)
    version = _read(f, 4)[0]
    # creation, modification, track id, reserved, duration; then 8 reserved, layer, group,
    # volume, reserved (8 bytes), the 3x3 matrix (36), width, height.
    skip = (8 + 8 + 4 + 4 + 8) if version == 1 else (4 + 4 + 4 + 4 + 4)
    f.seek(start + 4 + skip + 8 + 8)
    matrix = struct.unpack(">9i", _read(f, 36))
    width, height = (v >> 16 for v in struct.unpack(">II", _read(f, 8)))
    a, b, _, c, d = matrix[:5]
    if a == 0 and d == 0 and b != 0 and c != 0:  # rotated 90 or 270 degrees: shown sideways
        width, height = height, width
    return width, height


def _sample_entry_dimensions(f: BinaryIO, stsd: tuple[int, int]) -> tuple[int, int]:
    """Coded width/height of the first visual sample entry (when tkhd has none)."""
    start, end = stsd
    f.seek(start + 4)
    (count,) = struct.unpack(">I", _read(f, 4))
    if count == 0 or start + 8 + 8 + 28 > end:
        return 0, 0
    f.seek(start + 8 + 8 + 24)  # entry header, reserved(6), index(2), predefined/reserved(16)
    width, height = struct.unpack(">HH", _read(f, 4))
    return width, height


def probe_mp4(path: Path) -> VideoInfo:
    """Duration (mvhd, else mehd, else the track's mdhd) and the video track's dimensions."""
    with path.open("rb") as f:
        end = path.stat().st_size
        moov = None
        for kind, s, e in _boxes(f, 0, end):
            if kind == b"moov":
                moov = (s, e)
        if moov is None:
            raise ProbeError("no 'moov' box: not a complete MP4/MOV file")
        timescale, duration = 0, 0
        fragment_duration = 0
        video: tuple[int, int, float] | None = None
        for kind, s, e in _boxes(f, *moov):
            if kind == b"mvhd":
                timescale, duration = _mvhd(f, s)
            elif kind == b"mvex":
                mehd = _child(f, s, e, b"mehd")
                if mehd:
                    f.seek(mehd[0])
                    version = _read(f, 4)[0]
                    fmt = ">Q" if version == 1 else ">I"
                    fragment_duration = struct.unpack(fmt, _read(f, struct.calcsize(fmt)))[0]
            elif kind == b"trak" and video is None:
                video = _video_track(f, s, e)
        if video is None:
            raise ProbeError("no video track")
        width, height, track_seconds = video
        seconds = 0.0
        if timescale:
            seconds = (duration or fragment_duration) / timescale
        seconds = seconds or track_seconds
        if seconds <= 0:
            raise ProbeError("the file does not state its duration")
        if width <= 0 or height <= 0:
            raise ProbeError("the video track has no dimensions")
        return VideoInfo(width=width, height=height, duration_seconds=round(seconds, 3))


def _video_track(f: BinaryIO, start: int, end: int) -> tuple[int, int, float] | None:
    mdia = _child(f, start, end, b"mdia")
    tkhd = _child(f, start, end, b"tkhd")
    if mdia is None or tkhd is None:
        return None
    hdlr = _child(f, *mdia, b"hdlr")
    if hdlr is None:
        return None
    f.seek(hdlr[0] + 8)
    if _read(f, 4) != b"vide":
        return None
    width, height = _track_dimensions(f, *tkhd)
    if width <= 0 or height <= 0:
        minf = _child(f, *mdia, b"minf")
        stbl = _child(f, *minf, b"stbl") if minf else None
        stsd = _child(f, *stbl, b"stsd") if stbl else None
        if stsd:
            width, height = _sample_entry_dimensions(f, stsd)
    seconds = 0.0
    mdhd = _child(f, *mdia, b"mdhd")
    if mdhd:
        scale, units = _mvhd(f, mdhd[0])
        seconds = units / scale if scale else 0.0
    return width, height, seconds


# --------------------------------------------------------------------------- WebM (EBML)

EBML = 0x1A45DFA3
DOCTYPE = 0x4282
SEGMENT = 0x18538067
INFO = 0x1549A966
TIMECODE_SCALE = 0x2AD7B1
DURATION = 0x4489
TRACKS = 0x1654AE6B
TRACK_ENTRY = 0xAE
TRACK_TYPE = 0x83
VIDEO = 0xE0
PIXEL_WIDTH = 0xB0
PIXEL_HEIGHT = 0xBA
CLUSTER = 0x1F43B675
UNKNOWN = -1


def _vint(data: bytes, pos: int, *, keep_marker: bool) -> tuple[int, int]:
    """An EBML variable-length integer at pos: (value, length); UNKNOWN for all-ones sizes."""
    if pos >= len(data):
        raise ProbeError("unexpected end of file (truncated)")
    first = data[pos]
    length = 1
    while length <= 8 and not first & (0x80 >> (length - 1)):
        length += 1
    if length > 8 or pos + length > len(data):
        raise ProbeError("malformed EBML number")
    value = first if keep_marker else first & (0xFF >> length)
    for byte in data[pos + 1 : pos + length]:
        value = (value << 8) | byte
    if not keep_marker and value == (1 << (7 * length)) - 1:
        return UNKNOWN, length
    return value, length


def _elements(f: BinaryIO, start: int, end: int) -> Iterator[tuple[int, int, int]]:
    """(id, payload start, payload end) of each element between start and end."""
    pos, count = start, 0
    while pos < end:
        count += 1
        if count > MAX_BOXES:
            raise ProbeError("too many elements")
        f.seek(pos)
        head = f.read(12)
        element_id, id_len = _vint(head, 0, keep_marker=True)
        size, size_len = _vint(head, id_len, keep_marker=False)
        payload = pos + id_len + size_len
        stop = end if size == UNKNOWN else payload + size
        if stop > end:
            raise ProbeError("an element runs past the end (truncated)")
        yield element_id, payload, stop
        if size == UNKNOWN:
            return  # an unknown-size element (live recording) runs to its parent's end
        pos = stop


def webm_doctype(head: bytes) -> str | None:
    """The DocType ("webm", "matroska") from an EBML header at the start of `head`."""
    try:
        _, id_len = _vint(head, 0, keep_marker=True)
        size, size_len = _vint(head, id_len, keep_marker=False)
        pos = id_len + size_len
        end = min(len(head), pos + size) if size != UNKNOWN else len(head)
        while pos < end:
            element_id, n = _vint(head, pos, keep_marker=True)
            length, m = _vint(head, pos + n, keep_marker=False)
            if element_id == DOCTYPE:
                return head[pos + n + m : pos + n + m + length].decode("ascii", "replace")
            pos += n + m + length
    except ProbeError:
        return None
    return None


def _uint(f: BinaryIO, start: int, end: int) -> int:
    if end - start > 8:
        raise ProbeError("malformed unsigned integer element")
    f.seek(start)
    return int.from_bytes(_read(f, end - start), "big") if end > start else 0


def _float(f: BinaryIO, start: int, end: int) -> float:
    f.seek(start)
    if end - start == 4:
        return float(struct.unpack(">f", _read(f, 4))[0])
    if end - start == 8:
        return float(struct.unpack(">d", _read(f, 8))[0])
    raise ProbeError("malformed Duration")


def probe_webm(path: Path) -> VideoInfo:
    """Duration (Info: Duration x TimecodeScale) and the first video track's pixel size."""
    with path.open("rb") as f:
        end = path.stat().st_size
        segment = None
        for element_id, s, e in _elements(f, 0, end):
            if element_id == SEGMENT:
                segment = (s, e)
                break
        if segment is None:
            raise ProbeError("no Segment: not a complete WebM file")
        scale, duration, width, height = 1_000_000, None, 0, 0
        for element_id, s, e in _elements(f, *segment):
            if element_id == INFO:
                for child, cs, ce in _elements(f, s, e):
                    if child == TIMECODE_SCALE:
                        scale = _uint(f, cs, ce) or scale
                    elif child == DURATION:
                        duration = _float(f, cs, ce)
            elif element_id == TRACKS and not width:
                width, height = _webm_video_size(f, s, e)
            elif element_id == CLUSTER:
                break  # media data: Info and Tracks come before it
        if not width or not height:
            raise ProbeError("no video track")
        if not duration or duration <= 0:
            raise ProbeError(
                "the WebM file does not state its duration (live recordings often do not); "
                "export it again, for example as MP4"
            )
        return VideoInfo(width, height, round(duration * scale / 1e9, 3))


def _webm_video_size(f: BinaryIO, start: int, end: int) -> tuple[int, int]:
    for element_id, s, e in _elements(f, start, end):
        if element_id != TRACK_ENTRY:
            continue
        kind, width, height = 0, 0, 0
        for child, cs, ce in _elements(f, s, e):
            if child == TRACK_TYPE:
                kind = _uint(f, cs, ce)
            elif child == VIDEO:
                for v, vs, ve in _elements(f, cs, ce):
                    if v == PIXEL_WIDTH:
                        width = _uint(f, vs, ve)
                    elif v == PIXEL_HEIGHT:
                        height = _uint(f, vs, ve)
        if kind == 1:
            return width, height
    return 0, 0
