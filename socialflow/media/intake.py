"""Bytes coming in (an upload or an import) land in a staging file: capped, hashed, sniffed.

Staging sits under DATA_DIR/tmp, apart from the media folder, so a refused or half-received
file never appears in storage; it is removed whatever happens. Checks need the whole file
(an MP4's index may come last; Pillow decodes to the end), so it is checked here first and
only then handed to storage.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import AsyncIterator
from pathlib import Path
from types import TracebackType

from python_multipart import MultipartParser
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import parse_options_header
from starlette.concurrency import run_in_threadpool

from socialflow.core.config import Settings
from socialflow.core.errors import BadRequest, field_error
from socialflow.media.probe import (
    SNIFF_BYTES,
    UNSUPPORTED_MESSAGE,
    FileType,
    TooLarge,
    UnsupportedType,
    sniff,
)

FLUSH_BYTES = 1024 * 1024  # buffered before a disk write: one thread hop per MiB, not per chunk
MULTIPART_SLACK = 64 * 1024  # boundaries and part headers around the file in a request body
MAX_OTHER_FIELDS = 64 * 1024  # bytes of non-file form fields we are willing to skip over


def too_large(settings: Settings) -> TooLarge:
    return TooLarge(
        f"file: the file is larger than the {settings.max_upload_mb} MB upload limit",
        code="file_too_large",
        details=[{"field": "file", "message": f"larger than {settings.max_upload_mb} MB"}],
    )


def clean_filename(name: str | None) -> str | None:
    """A display name only (never a path): no directories, no control characters, <= 255."""
    if not name:
        return None
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip()
    return name[:255] or None


class Staged:
    """A file being received: written to a temp file while counted, hashed and sniffed."""

    def __init__(self, settings: Settings, filename: str | None = None):
        self.max_bytes = settings.max_upload_mb * 1024 * 1024
        self.settings = settings
        self.filename = clean_filename(filename)
        folder = settings.data_dir / "tmp" / "media-incoming"
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=folder, prefix="upload-")
        self.path = Path(name)
        self._fh = os.fdopen(fd, "wb")
        self.size = 0
        self.sha256 = hashlib.sha256()
        self.head = b""
        self.file_type: FileType | None = None

    def write(self, chunk: bytes) -> None:
        """Append; refuse as soon as the cap is passed or the first bytes are not a type we take."""
        if self.size + len(chunk) > self.max_bytes:
            raise too_large(self.settings)
        if self.file_type is None and len(self.head) < SNIFF_BYTES:
            self.head += chunk[: SNIFF_BYTES - len(self.head)]
            if len(self.head) >= SNIFF_BYTES:
                self._sniff()
        self._fh.write(chunk)
        self.sha256.update(chunk)
        self.size += len(chunk)

    def _sniff(self) -> None:
        self.file_type = sniff(self.head)
        if self.file_type is None:
            raise UnsupportedType(UNSUPPORTED_MESSAGE)

    def finish(self) -> FileType:
        """The file is complete: it must be non-empty and of a type we take."""
        self._fh.close()
        if self.size == 0:
            raise BadRequest("file: the file is empty (0 bytes)", code="empty_file")
        if self.file_type is None:
            self._sniff()
        assert self.file_type is not None
        return self.file_type

    def discard(self) -> None:
        """Remove the staging file (and a preview made beside it); safe to call twice."""
        if not self._fh.closed:
            self._fh.close()
        self.path.unlink(missing_ok=True)
        self.path.with_name(self.path.name + ".thumb.webp").unlink(missing_ok=True)

    def __enter__(self) -> Staged:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.discard()


class _FormReader:
    """Callbacks for python-multipart's streaming parser: finds the one `file` part."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.staged: Staged | None = None
        self.done = False  # the file part ended
        self.buffer = bytearray()
        self._headers: dict[bytes, bytes] = {}
        self._field = b""
        self._value = b""
        self._in_file = False
        self._other_bytes = 0

    def callbacks(self) -> dict[str, object]:
        return {
            "on_part_begin": self._part_begin,
            "on_header_field": lambda d, s, e: self._add("_field", d[s:e]),
            "on_header_value": lambda d, s, e: self._add("_value", d[s:e]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._data,
            "on_part_end": self._part_end,
        }

    def _add(self, attr: str, data: bytes) -> None:
        setattr(self, attr, getattr(self, attr) + data)

    def _part_begin(self) -> None:
        self._headers, self._in_file = {}, False

    def _header_end(self) -> None:
        self._headers[self._field.lower()] = self._value
        self._field, self._value = b"", b""

    def _headers_finished(self) -> None:
        _, params = parse_options_header(self._headers.get(b"content-disposition", b""))
        if params.get(b"name") != b"file":
            return
        if self.staged is not None:
            raise BadRequest("file: send one file per request", code="one_file_only")
        filename = params.get(b"filename", b"").decode("utf-8", "replace")
        self.staged = Staged(self.settings, filename)
        self._in_file = True

    def _data(self, data: bytes, start: int, end: int) -> None:
        if self._in_file:
            self.buffer += data[start:end]
        else:
            self._other_bytes += end - start
            if self._other_bytes > MAX_OTHER_FIELDS:
                raise BadRequest("only a `file` field is expected", code="unexpected_fields")

    def _part_end(self) -> None:
        if self._in_file:
            self._in_file, self.done = False, True


async def receive_upload(
    settings: Settings, content_type: str, content_length: str | None, body: AsyncIterator[bytes]
) -> Staged:
    """Stream a multipart/form-data body's `file` part into a staging file."""
    kind, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise BadRequest(
            "send the file as multipart/form-data in a field named `file`", code="not_multipart"
        )
    cap = settings.max_upload_mb * 1024 * 1024
    if content_length and content_length.isdigit() and int(content_length) > cap + MULTIPART_SLACK:
        raise too_large(settings)  # refused before reading a byte
    reader = _FormReader(settings)
    parser = MultipartParser(boundary, reader.callbacks())  # type: ignore[arg-type]
    try:
        async for chunk in body:
            parser.write(chunk)
            await _flush(reader, final=False)
        parser.finalize()
        await _flush(reader, final=True)
        if reader.staged is None or not reader.done:
            raise field_error("file", "no file was sent (multipart field `file`)")
        staged = reader.staged
        await run_in_threadpool(staged.finish)
        return staged
    except MultipartParseError as exc:
        if reader.staged is not None:
            reader.staged.discard()
        raise BadRequest(f"malformed multipart body: {exc}", code="bad_multipart") from exc
    except BaseException:
        if reader.staged is not None:
            reader.staged.discard()
        raise


async def _flush(reader: _FormReader, *, final: bool) -> None:
    staged = reader.staged
    if staged is None or not reader.buffer:
        return
    # The first write is tiny so the type is sniffed (and a wrong one refused) early.
    threshold = SNIFF_BYTES if staged.size == 0 else FLUSH_BYTES
    if final or reader.done or len(reader.buffer) >= threshold:
        data = bytes(reader.buffer)
        reader.buffer.clear()
        if staged.size + len(data) > staged.max_bytes:
            raise too_large(staged.settings)
        await run_in_threadpool(staged.write, data)
