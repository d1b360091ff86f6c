#!/usr/bin/env python3
"""Load test: N users browse and search gunicorn (4 workers) on loopback while a bulk ingest runs.

    .venv/bin/python benchmarks/load.py                      # the target: 50 users for 2 minutes
    .venv/bin/python benchmarks/load.py --users 2 --duration 5 --preload corpus/unseen --ingest ""

It makes a fresh instance in a temporary folder (never instance/), loads the --preload folders with
`tracker ingest --publish`, starts `gunicorn -w 4 'tracker:create_app()'` on 127.0.0.1, and then, for
--duration seconds, runs --users threads that each go round home, committees, a committee, a meeting,
people, a person, the action tracker, a search and the API, pausing --think seconds (on average) between
pages as a reader does, while `tracker ingest --publish` stores the --ingest folders. It prints throughput,
p50/p95/p99 latency and errors overall and per page, and whether the targets were met (exit status 1 if
not, with --check). Bounded: loopback only, at most --duration seconds of load, 200 users.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = {"users": 50, "p95_ms": 300.0, "errors": 0, "duration": 120}
SEARCHES = ["care home", "budget", "report", "councillor", "\"social care\"", "road", "housing", "school",
            "resolved", "police"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _tracker(env, *args, **kwargs):
    return subprocess.run([sys.executable, "-m", "tracker.cli", *args], env=env, cwd=ROOT, **kwargs)


def _get(port: int, path: str, timeout: float = 30.0) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"User-Agent": "scrutiny-tracker-load"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _wait_until_up(port: int, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if _get(port, "/", timeout=5)[0] == 200:
                return
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("gunicorn did not start: " + (server.stderr.read() or b"").decode(errors="replace")[-2000:])
        time.sleep(0.3)


def _paths(port: int) -> dict[str, list[str]]:
    """The pages a reader visits, with ids of real rows read from the API."""
    def items(path):
        status, body = _get(port, path)
        return json.loads(body)["items"] if status == 200 else []

    committees = [c["slug"] for c in items("/api/committees?per_page=200")]
    meetings = [m["id"] for m in items("/api/meetings?per_page=200")]
    people = [p["id"] for p in items("/api/people?per_page=200")]
    if not (committees and meetings and people):
        raise SystemExit("the loaded instance has no committees, meetings or people: check --preload")
    return {
        "home": ["/"],
        "committees": ["/committees"],
        "committee": [f"/committees/{slug}" for slug in committees],
        "meeting": [f"/meetings/{ident}" for ident in meetings],
        "people": ["/people"],
        "person": [f"/people/{ident}" for ident in people],
        "actions": ["/actions", "/actions?status=open"],
        "search": ["/search?q=" + q.replace(" ", "+").replace('"', "%22") for q in SEARCHES],
        "api": ["/api/meetings", "/api/actions?overdue=true", f"/api/meetings/{meetings[0]}",
                "/api/search?q=report"],
    }


class Tally:
    """Latencies and errors per page kind, shared by the user threads; also the latencies while ingest wrote."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)
        self.while_ingesting: list[float] = []

    def add(self, kind: str, seconds: float, error: str | None, ingesting: bool = False) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            if ingesting:
                self.while_ingesting.append(seconds)
            if error:
                self.errors[kind].append(error)


def _user(port: int, paths: dict, tally: Tally, stop: threading.Event, think: float, seed: int,
          ingest_done: threading.Event) -> None:
    chance = random.Random(seed)
    kinds = list(paths)
    visits = seed  # each user goes round every kind of page in turn, starting at a different one
    while not stop.is_set():
        kind = kinds[visits % len(kinds)]
        visits += 1
        path = chance.choice(paths[kind])
        ingesting = not ingest_done.is_set()
        started = time.perf_counter()
        try:
            status, _body = _get(port, path)
            error = None if status < 400 else f"{status} {path}"
        except OSError as failure:
            error = f"{type(failure).__name__} {path}: {failure}"
        tally.add(kind, time.perf_counter() - started, error, ingesting)
        if think:
            stop.wait(chance.uniform(0.5 * think, 1.5 * think))


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def report(tally: Tally, elapsed: float, *, users: int, ingest_note: str) -> tuple[list[str], bool]:
    """The figures as lines, and whether the targets were met."""
    every = [s for values in tally.latencies.values() for s in values]
    errors = sum(len(e) for e in tally.errors.values())
    if not every:
        return ["no requests were made"], False
    p95 = _percentile(every, 0.95) * 1000
    lines = [
        f"users: {users}, duration: {elapsed:.0f} s, {ingest_note}",
        f"requests: {len(every)}, throughput: {len(every) / elapsed:.1f} requests/s, errors: {errors}",
        f"latency: p50 {_percentile(every, 0.5) * 1000:.0f} ms, p95 {p95:.0f} ms, "
        f"p99 {_percentile(every, 0.99) * 1000:.0f} ms, max {max(every) * 1000:.0f} ms, "
        f"mean {statistics.fmean(every) * 1000:.0f} ms",
        f"{'page':<12}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}",
    ]
    if tally.while_ingesting:
        lines.insert(3, f"while the bulk ingest wrote: {len(tally.while_ingesting)} requests, "
                        f"p50 {_percentile(tally.while_ingesting, 0.5) * 1000:.0f} ms, "
                        f"p95 {_percentile(tally.while_ingesting, 0.95) * 1000:.0f} ms")
    for kind in sorted(tally.latencies):
        values = tally.latencies[kind]
        lines.append(f"{kind:<12}{len(values):>9}{_percentile(values, 0.5) * 1000:>9.0f}"
                     f"{_percentile(values, 0.95) * 1000:>9.0f}{len(tally.errors[kind]):>8}")
    for kind, failures in sorted(tally.errors.items()):
        lines += [f"error: {kind}: {failure}" for failure in failures[:5]]
    met = p95 < TARGET["p95_ms"] and errors <= TARGET["errors"]
    full = users >= TARGET["users"] and elapsed >= TARGET["duration"] - 1
    lines.append(f"target ({TARGET['users']} users, p95 < {TARGET['p95_ms']:.0f} ms, 0 errors, "
                 f"{TARGET['duration'] // 60} minutes): {'met' if met else 'NOT met'}"
                 + ("" if full else " (at a smaller scale than the target)"))
    return lines, met


def run(*, users: int, duration: float, think: float, workers: int, preload: list[str], ingest: list[str],
        say=print) -> bool:
    """Set up, load, report; True when the targets were met."""
    instance = Path(tempfile.mkdtemp(prefix="tracker-load-"))
    env = {**os.environ, "TRACKER_INSTANCE": str(instance), "TRACKER_SECURE_COOKIES": "0"}
    env.pop("TRACKER_DATABASE_URL", None)
    server = None
    try:
        _tracker(env, "db", "upgrade", check=True, capture_output=True)
        if preload:
            started = time.perf_counter()
            done = _tracker(env, "ingest", "--publish", *preload, capture_output=True, text=True)
            say(f"preloaded {', '.join(preload)}: {done.stdout.strip().splitlines()[-1]} "
                f"in {time.perf_counter() - started:.0f} s")
        port = _free_port()
        gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
        server = subprocess.Popen([gunicorn, "-w", str(workers), "-b", f"127.0.0.1:{port}", "--log-level", "warning",
                                   "tracker:create_app()"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE)
        _wait_until_up(port, server)
        paths = _paths(port)
        for kind_paths in paths.values():  # warm each worker's caches (templates, pipeline) before timing
            for path in kind_paths[:2]:
                _get(port, path)
        tally, stop, ingest_done = Tally(), threading.Event(), threading.Event()
        ingesting = None
        started = time.perf_counter()
        if ingest:
            ingesting = subprocess.Popen([sys.executable, "-m", "tracker.cli", "ingest", "--publish", *ingest],
                                         env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                         text=True)
            finished_at: list[float] = []

            def watch_ingest():
                ingesting.wait()
                finished_at.append(time.perf_counter())
                ingest_done.set()

            threading.Thread(target=watch_ingest, daemon=True).start()
        else:
            ingest_done.set()
        threads = [threading.Thread(target=_user, args=(port, paths, tally, stop, think, seed, ingest_done),
                                    daemon=True) for seed in range(users)]
        for thread in threads:
            thread.start()
        stop.wait(duration)
        stop.set()
        for thread in threads:
            thread.join(60)
        elapsed = time.perf_counter() - started
        note = "no ingest"
        if ingesting is not None:
            if ingesting.poll() is None:
                note = f"bulk ingest of {', '.join(ingest)} still running at the end"
                ingesting.terminate()
                ingesting.wait(30)
            else:
                summary = (ingesting.stdout.read().strip().splitlines() or ["?"])[-1]
                note = (f"bulk ingest of {', '.join(ingest)} ran alongside for the first "
                        f"{finished_at[0] - started:.0f} s: {summary}")
            ingesting.stdout.close()
        lines, met = report(tally, elapsed, users=users, ingest_note=note)
        for line in lines:
            say(line)
        return met
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
            server.stderr.close()
        shutil.rmtree(instance, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=TARGET["users"], help="concurrent users (1-200)")
    parser.add_argument("--duration", type=float, default=TARGET["duration"], help="seconds of load (1-900)")
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between a user's pages, seconds")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--preload", nargs="*", default=["corpus/styled", "corpus/unseen", "corpus/quarry"],
                        help="folders stored before the load starts")
    parser.add_argument("--ingest", nargs="*", default=["corpus/heldout", "corpus/blind", "corpus/fresh",
                                                         "corpus/sealed", "corpus/vault", "corpus/ledger"],
                        help="folders bulk-ingested while the users browse ('' for none)")
    parser.add_argument("--check", action="store_true", help="exit 1 when the targets are not met")
    args = parser.parse_args(argv)
    if not (1 <= args.users <= 200 and 1 <= args.duration <= 900 and args.think >= 0):
        parser.error("--users must be 1-200, --duration 1-900 s and --think at least 0")
    met = run(users=args.users, duration=args.duration, think=args.think, workers=args.workers,
              preload=[p for p in args.preload if p], ingest=[p for p in args.ingest if p])
    return 0 if met or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
