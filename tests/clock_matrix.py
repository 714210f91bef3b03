"""The suite at several wall clocks and time zones: nothing may fail that passes at noon.

    .venv/bin/python tests/clock_matrix.py [--clocks NAME,...] [-n 2] [--out DIR] [--write]
                                           [-- PYTEST ARGS]
    .venv/bin/python tests/clock_matrix.py --report DIR   # docs/RELIABILITY.md from a past run

Runs pytest (SQLite, `-n 2`) under Debian's `faketime` (`apt-get install faketime`) at each
clock below, and once more on the machine's real clock, then compares every test's outcome
with the reference run (12:00 UTC on an ordinary Wednesday, also under faketime):

- date/zone-dependent: fails at a clock, passes at the reference. Each is run again at both
  clocks; a test that fails again at the clock and passes again at the reference is
  *confirmed* (the exit status is 1 if there is any), otherwise it is reported as flaky.
- libfaketime: fails at the reference under faketime but passes on the real clock. libfaketime
  itself disturbs timed waits and socket timeouts in threads (live servers, thread timings,
  the in-process scheduler's wait for the next due row, the browser journey's scheduled post);
  these fail at any faked date and say nothing about dates. The last run's list is in
  docs/RELIABILITY.md (`--write`).

Only SQLite: PostgreSQL's own clock is not faked. The clock keeps running from its start, so at
`month-end` only the tests of the first 30 s or so cross midnight (and the new month and year);
the tests that must hold at any instant pin their clock instead (see tests/conftest.py `clock`).

`--write` replaces the `clock_matrix` section of docs/RELIABILITY.md with the figures (runs,
counts, times, every test in each class, the commit); `--report DIR` writes it from the
results a past run left in DIR.

As a pytest plugin (`-p tests.clock_matrix`, used by the script), it writes every test's
outcome to $CLOCK_MATRIX_OUT as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = "reference"


@dataclass(frozen=True)
class Clock:
    name: str
    start: str | None  # UTC, "YYYY-MM-DD HH:MM:SS"; None: the machine's real clock
    tz: str = "UTC"
    why: str = ""


CLOCKS = [
    Clock("real", None, why="the machine's clock, no faketime: tells libfaketime's failures apart"),
    Clock(REFERENCE, "2027-06-16 12:00:00", why="noon UTC on an ordinary Wednesday"),
    Clock("spring-eve-0300", "2027-03-13 03:00:00", why="US clocks spring forward 2027-03-14"),
    Clock("spring-eve-0500", "2027-03-13 05:00:00", why="...at 05:00 UTC (issue 13's window)"),
    Clock("month-end", "2027-12-31 23:59:30", why="last day of a month and of a year"),
    Clock("leap-day", "2028-02-29 12:00:00", why="Feb 29"),
    Clock("kathmandu", "2027-06-16 12:00:00", "Asia/Kathmandu", "machine TZ +05:45"),
]


# ---------------------------------------------------------------- the pytest plugin


_outcomes: dict[str, str] = {}


def pytest_runtest_logreport(report: Any) -> None:
    """Called in the controller for every phase of every test (also under xdist)."""
    now = _outcomes.get(report.nodeid)
    if report.failed:
        if now != "failed":
            _outcomes[report.nodeid] = "failed" if report.when == "call" else "error"
    elif report.skipped:
        _outcomes[report.nodeid] = "skipped"
    elif report.when == "call" and now is None:
        _outcomes[report.nodeid] = "passed"


def pytest_sessionfinish(session: Any) -> None:
    out = os.environ.get("CLOCK_MATRIX_OUT")
    if out and not hasattr(session.config, "workerinput"):  # the controller writes it
        Path(out).write_text(json.dumps(_outcomes, indent=0, sort_keys=True))


# ---------------------------------------------------------------- the script


def run(clock: Clock, out: Path, workers: int, args: list[str]) -> dict[str, str]:
    """One pytest run at `clock`; returns nodeid -> outcome."""
    result = out / f"{clock.name}.json"
    result.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("TEST_DATABASE_URL", "REDIS_URL")}
    env.update(TZ=clock.tz, CLOCK_MATRIX_OUT=str(result), PYTHONDONTWRITEBYTECODE="1")
    env.pop("FAKETIME", None)
    command = [sys.executable, "-m", "pytest", "-p", "tests.clock_matrix", "-p", "no:cacheprovider"]
    command += ["-q", "--no-header", "-n", str(workers), *args]
    if clock.start:
        # -m: the thread-safe libfaketime (pytest runs threads: live servers, pools).
        command = ["faketime", "-m", f"{clock.start} UTC", *command]
    started = time.monotonic()
    with (out / f"{clock.name}.log").open("w") as log:
        subprocess.run(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    took = time.monotonic() - started
    _record_time(out, clock.name, took)
    if not result.exists():
        tail = (out / f"{clock.name}.log").read_text()[-3000:]
        raise SystemExit(f"{clock.name}: pytest wrote no results\n{tail}")
    outcomes: dict[str, str] = json.loads(result.read_text())
    counts = {k: sum(1 for v in outcomes.values() if v == k) for k in ("passed", "failed", "error")}
    skipped = sum(1 for v in outcomes.values() if v == "skipped")
    print(
        f"{clock.name:26} {clock.start or 'real clock':20} TZ={clock.tz:15} "
        f"passed {counts['passed']:4}  failed {counts['failed'] + counts['error']:3}  "
        f"skipped {skipped:3}  {took:6.0f} s",
        flush=True,
    )
    return outcomes


def run_each(clock: Clock, out: Path, workers: int, args: list[str]) -> dict[str, str]:
    """`run` once per test file named in `args` (directories: every test_*.py in them)."""
    options = [a for a in args if a.startswith("-")]
    paths = [ROOT / a for a in args if not a.startswith("-")] or [ROOT / "tests"]
    files = sorted(f for p in paths for f in ([p] if p.is_file() else p.rglob("test_*.py")))
    outcomes: dict[str, str] = {}
    for index, file in enumerate(files):
        part = Clock(f"{clock.name}-{index:03}", clock.start, clock.tz)
        outcomes.update(run(part, out, workers, [*options, str(file.relative_to(ROOT))]))
    return outcomes


def bad(outcome: str | None) -> bool:
    return outcome in ("failed", "error")


def _record_time(out: Path, name: str, seconds: float) -> None:
    path = out / "times.json"
    times = json.loads(path.read_text()) if path.exists() else {}
    times[name] = round(seconds)
    path.write_text(json.dumps(times, indent=0, sort_keys=True))


def _counts(outcomes: dict[str, str]) -> tuple[int, int, int]:
    passed = sum(1 for v in outcomes.values() if v == "passed")
    failed = sum(1 for v in outcomes.values() if bad(v))
    skipped = sum(1 for v in outcomes.values() if v == "skipped")
    return passed, failed, skipped


def _commit() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + (
        " + uncommitted changes"
        if git("status", "--porcelain", "--", "socialflow", "tests")
        else ""
    )


def write_report(out: Path, command: str) -> None:
    """docs/RELIABILITY.md's `clock_matrix` section from the results in `out`."""
    sys.path.insert(0, str(ROOT))
    from tests.proof.report import write_reliability

    summary = json.loads((out / "summary.json").read_text())
    times_path = out / "times.json"
    times = json.loads(times_path.read_text()) if times_path.exists() else {}
    rows = [
        "| clock | start (UTC) | TZ | passed | failed | skipped | time |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, clock in summary["clocks"].items():
        parts = sorted(out.glob(f"{name}-[0-9][0-9][0-9].json"))
        files = parts or [out / f"{name}.json"]
        outcomes: dict[str, str] = {}
        for file in files:
            outcomes.update(json.loads(file.read_text()))
        took = sum(times.get(f.stem, 0) for f in files)
        passed, failed, skipped = _counts(outcomes)
        why = {c.name: c.why for c in CLOCKS}.get(name, "")
        rows.append(
            f"| {name} ({why}) | {clock['start'] or 'real clock, no faketime'} | {clock['tz']} "
            f"| {passed} | {failed} | {skipped} | {took / 60:.1f} min |"
        )

    def listed(tests: list[str]) -> list[str]:
        return [f"  - `{t}`" for t in tests] or ["  - none"]

    body = [
        f"Run on commit {summary.get('commit', 'unknown')}, SQLite, `pytest -n "
        f"{summary.get('workers', 2)}` {summary.get('what', '(whole suite)')}; each clock "
        "compared with the reference (noon UTC on an ordinary day, also under faketime).",
        "",
        *rows,
        "",
        "- **Date- or zone-dependent** (fails at the clock, passes at the reference, both twice):",
    ]
    confirmed = summary.get("confirmed", {})
    flaky = summary.get("flaky", {})
    for name in summary["clocks"]:
        if name in ("real", REFERENCE):
            continue
        tests = confirmed.get(name, [])
        shown = ", ".join(f"`{t}`" for t in tests)
        body.append(f"  - {name}: " + (shown or ("none confirmed" if flaky.get(name) else "none")))
        for t in flaky.get(name, []):
            body.append(
                f"  - {name}: `{t}` not reproduced when run again at both clocks "
                "(flaky, not the date)"
            )
    body.append(
        "- **libfaketime's own** (fail at the reference under faketime, pass on the real clock: "
        "timed waits and socket timeouts in threads, at any faked date):"
    )
    body += listed(summary.get("libfaketime", []))
    body.append("- **Fail on the real clock too** (not a clock matter):")
    body += listed(summary.get("broken", []))
    if not any(confirmed.values()):
        body += ["", "No test failed because of the date or the machine's time zone."]
    if "month-end" in summary["clocks"] and not list(out.glob("month-end-[0-9][0-9][0-9].json")):
        body += [
            "",
            "At `month-end` the clock runs on from 23:59:30, so only the tests of the first "
            "half minute ran before midnight; `--each --clocks month-end` starts every test "
            "file at 23:59:30.",
        ]
    write_reliability(
        "clock_matrix", "The suite at other clocks and time zones (issue 13)", body, command
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--clocks",
        help="comma-separated names (default: all): " + ", ".join(c.name for c in CLOCKS),
    )
    parser.add_argument("-n", "--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "clock-matrix")
    parser.add_argument("--no-confirm", action="store_true", help="skip re-running suspects")
    parser.add_argument(
        "--each",
        action="store_true",
        help="one pytest run per test file given (each starts at the clock: at month-end,\n"
        "every file crosses midnight in its first seconds; slower)",
    )
    parser.add_argument(
        "--write", action="store_true", help="write the figures into docs/RELIABILITY.md"
    )
    parser.add_argument(
        "--report", type=Path, metavar="DIR", help="only write docs/RELIABILITY.md from DIR"
    )
    parser.add_argument("pytest_args", nargs="*", help="after --: tests to run, pytest options")
    opts = parser.parse_args()
    if opts.report:
        write_report(opts.report, "python tests/clock_matrix.py")
        return 0
    if not shutil.which("faketime"):
        print("faketime is missing: apt-get install -y faketime", file=sys.stderr)
        return 2
    wanted = set(opts.clocks.split(",")) if opts.clocks else {c.name for c in CLOCKS}
    wanted |= {"real", REFERENCE}  # the comparison needs both
    unknown = wanted - {c.name for c in CLOCKS}
    if unknown:
        parser.error(f"unknown clocks: {', '.join(sorted(unknown))}")
    clocks = [c for c in CLOCKS if c.name in wanted]
    opts.out.mkdir(parents=True, exist_ok=True)
    what = " ".join(opts.pytest_args) or "(whole suite)"
    commit = _commit()  # before the runs: the code they ran
    print(f"pytest -n {opts.workers} {what}; logs in {opts.out}")

    if opts.each:
        results = {c.name: run_each(c, opts.out, opts.workers, opts.pytest_args) for c in clocks}
    else:
        results = {c.name: run(c, opts.out, opts.workers, opts.pytest_args) for c in clocks}
    real, ref = results["real"], results[REFERENCE]
    by_name = {c.name: c for c in clocks}

    libfaketime = sorted(t for t, o in ref.items() if bad(o) and real.get(t) == "passed")
    broken = sorted(t for t, o in ref.items() if bad(o) and bad(real.get(t)))
    suspects = {
        name: sorted(t for t, o in outcomes.items() if bad(o) and ref.get(t) == "passed")
        for name, outcomes in results.items()
        if name not in ("real", REFERENCE)
    }

    confirmed: dict[str, list[str]] = {}
    flaky: dict[str, list[str]] = {}
    for name, tests in suspects.items():
        if not tests:
            continue
        if opts.no_confirm:
            confirmed[name] = tests
            continue
        print(
            f"re-running {len(tests)} suspect(s) of {name} at {name} and at {REFERENCE}", flush=True
        )
        extra = [a for a in opts.pytest_args if a.startswith("-")]
        again = run(
            Clock(f"{name}-again", by_name[name].start, by_name[name].tz),
            opts.out,
            1,
            [*extra, *tests],
        )
        at_ref = run(
            Clock(f"{name}-ref-again", by_name[REFERENCE].start), opts.out, 1, [*extra, *tests]
        )
        confirmed[name] = [t for t in tests if bad(again.get(t)) and at_ref.get(t) == "passed"]
        flaky[name] = [t for t in tests if t not in confirmed[name]]

    print()
    print("Fails under libfaketime at any date (fails at the reference, passes on the real clock):")
    for t in libfaketime:
        print(f"  {t}")
    if not libfaketime:
        print("  none")
    if broken:
        print("Fails on the real clock too (not a clock matter):")
        for t in broken:
            print(f"  {t}")
    print("Date/zone-dependent (fails at the clock, passes at the reference, twice):")
    for name in suspects:
        for t in confirmed.get(name, []):
            print(f"  {name}: {t}")
        for t in flaky.get(name, []):
            print(f"  {name}: {t}  (not reproduced on a second run: flaky, not the date)")
        if not suspects[name]:
            print(f"  {name}: none")
    summary = {
        "commit": commit,
        "workers": opts.workers,
        "what": what,
        "clocks": {c.name: {"start": c.start, "tz": c.tz} for c in clocks},
        "libfaketime": libfaketime,
        "broken": broken,
        "confirmed": confirmed,
        "flaky": flaky,
    }
    (opts.out / "summary.json").write_text(json.dumps(summary, indent=2))
    if opts.write:
        write_report(opts.out, "python " + " ".join(["tests/clock_matrix.py", *sys.argv[1:]]))
    return 1 if any(confirmed.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
