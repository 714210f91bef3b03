"""Benchmark: streamed media uploads: throughput and the server's memory as files grow.

Serves the app with uvicorn (one worker, SQLite or PostgreSQL, local media folder), uploads
MP4 files of growing size over real HTTP, then reads each back through its signed URL. Prints
MB/s both ways and the server's peak resident memory (VmHWM) after each size: if uploads were
held in memory the peak would grow with the file; streamed, it stays flat.

    .venv/bin/python bench/media_upload.py [--sizes 10,100,400] [--database-url ...] [--write]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.api_auth import write_section  # noqa: E402

MiB = 1024 * 1024


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def write_mp4(path: Path, payload_mib: int) -> int:
    """An MP4 with a moov (1080p, 60 s) and an mdat of `payload_mib` MiB, written streaming."""
    matrix = struct.pack(">9i", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
    ver = b"\0\0\0\0"
    mvhd = _box(
        b"mvhd",
        ver
        + struct.pack(">IIIIIH", 0, 0, 1000, 60000, 0x10000, 0x100)
        + bytes(10)
        + matrix
        + bytes(24)
        + b"\0\0\0\2",
    )
    tkhd = _box(
        b"tkhd",
        b"\0\0\0\3"
        + struct.pack(">IIIII", 0, 0, 1, 0, 60000)
        + bytes(16)
        + matrix
        + struct.pack(">II", 1920 << 16, 1080 << 16),
    )
    mdhd = _box(b"mdhd", ver + struct.pack(">IIIIHH", 0, 0, 1000, 60000, 0x55C4, 0))
    hdlr = _box(b"hdlr", ver + b"\0\0\0\0vide" + bytes(12) + b"V\0")
    moov = _box(b"moov", mvhd + _box(b"trak", tkhd + _box(b"mdia", mdhd + hdlr)))
    block = random.Random(3).randbytes(MiB)
    with path.open("wb") as fh:
        fh.write(_box(b"ftyp", b"isom\0\0\2\0isomavc1") + moov)
        fh.write(struct.pack(">I", 8 + payload_mib * MiB) + b"mdat")
        for _ in range(payload_mib):
            fh.write(block)
    return path.stat().st_size


def peak_rss_mib(pid: int) -> float:
    """The process's peak resident memory so far (VmHWM), MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as fh:
        while block := fh.read(MiB):
            yield block


def multipart(path: Path, boundary: str) -> Iterator[bytes]:
    """A multipart body streamed from disk (the client holds 1 MiB at a time too)."""
    yield (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{path.name}"\r\n'
        "Content-Type: video/mp4\r\n\r\n"
    ).encode()
    yield from chunks(path)
    yield f"\r\n--{boundary}--\r\n".encode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,400", help="MiB, comma-separated")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temp dir")
    parser.add_argument("--write", action="store_true", help="update docs/PERFORMANCE.md")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    data_dir = tempfile.mkdtemp(prefix="sf-bench-media-")
    env = {
        **os.environ,
        "DATA_DIR": data_dir,
        "PORT": str(args.port),
        "LOG_LEVEL": "WARNING",
        "MAX_UPLOAD_MB": str(max(sizes) + 10),
        "PUBLIC_URL": f"http://127.0.0.1:{args.port}",
    }
    for name in ("DATABASE_URL", "S3_BUCKET"):
        env.pop(name, None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    subprocess.run([sys.executable, "-m", "socialflow.cli", "migrate"], env=env, check=True)
    env["AUTO_MIGRATE"] = "false"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "socialflow.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(args.port),
            "--workers",
            "1",
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{args.port}"
    rows = []
    try:
        for _ in range(200):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        r = httpx.post(
            f"{base}/api/auth/register",
            json={
                "email": "media-bench@example.com",
                "password": "bench password 123",
                "full_name": "Bench",
            },
        )
        r.raise_for_status()
        headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
        boundary = "sfbench" + os.urandom(6).hex()
        ctype = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        with httpx.Client(timeout=300) as client:
            small = Path(data_dir) / "warm.mp4"
            write_mp4(small, 1)
            client.post(
                f"{base}/api/posts/upload-media",
                content=multipart(small, boundary),
                headers={**headers, **ctype},
            ).raise_for_status()
            baseline = peak_rss_mib(server.pid)
            for mib in sizes:
                path = Path(data_dir) / f"upload-{mib}.mp4"
                size = write_mp4(path, mib)
                started = time.perf_counter()
                response = client.post(
                    f"{base}/api/posts/upload-media",
                    content=multipart(path, boundary),
                    headers={**headers, **ctype},
                )
                up = time.perf_counter() - started
                response.raise_for_status()
                body = response.json()
                assert body["size_bytes"] == size and body["duration_seconds"] == 60.0
                path.unlink()
                started = time.perf_counter()
                got = 0
                with client.stream("GET", body["url"]) as download:
                    download.raise_for_status()
                    for block in download.iter_bytes(MiB):
                        got += len(block)
                down = time.perf_counter() - started
                assert got == size
                rows.append((mib, size / MiB / up, size / MiB / down, peak_rss_mib(server.pid)))
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(data_dir, ignore_errors=True)

    db = "PostgreSQL" if args.database_url else "SQLite"
    lines = [
        "| file | upload MB/s | signed-URL download MB/s | server peak RSS MiB |",
        "|---|---|---|---|",
        f"| (after a 1 MiB warm-up) | | | {baseline:.0f} |",
    ]
    lines += [f"| {m} MiB MP4 | {u:.0f} | {d:.0f} | {rss:.0f} |" for m, u, d, rss in rows]
    growth = rows[-1][3] - baseline
    summary = (
        f"uvicorn, 1 worker, {db}, local media folder, loopback; upload = multipart parse, "
        "staging write, SHA-256, probe, move into storage, row. Peak RSS grew "
        f"**{growth:.0f} MiB** from the warm-up to the {sizes[-1]} MiB upload: bodies are "
        "streamed, never held whole."
    )
    print("\n".join(lines))
    print(summary)
    if args.write:
        write_section(
            f"media_upload-{db.lower()}",
            f"Media uploads: streamed throughput and memory ({db})",
            lines,
            summary,
            "python bench/media_upload.py --write"
            + (" --database-url postgresql+psycopg://..." if args.database_url else ""),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
