"""The on-disk layout both embedded backends (Whoosh and tantivy) share in the instance folder.

``<root>/CURRENT`` names the generation folder in use; a rebuild makes a new
generation and swaps ``CURRENT`` atomically. ``<root>/write.lock`` is an OS
file lock (so it works across processes and threads) that every writer holds,
with a timeout, while it re-reads the database and writes: the last writer
always writes the latest committed state. ``stamps.json`` in a generation
records each indexed meeting's stamp, to reconcile with the database.
"""

from __future__ import annotations

import fcntl
import json
import shutil
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from .core import SearchUnavailable

LOCK_TIMEOUT = 120.0


class GenerationStore:
    """Generations, the CURRENT pointer, the writers' file lock and the meeting stamps under ``root``."""

    lock_timeout = LOCK_TIMEOUT

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def open(self, engine) -> str | None:
        """Check the index opens and reads; rebuild it (saying why) when it is missing or damaged."""
        generation = self._current()
        if generation is None:
            count = self.rebuild(engine)
            return f"search index: none found at {self.root}; built one from the database ({count} documents)"
        problem = self._unreadable(generation)
        if problem:
            count = self.rebuild(engine)
            return (f"search index: the index at {generation} could not be read ({problem}); "
                    f"rebuilt it from the database ({count} documents)")
        return None

    def _unreadable(self, generation: Path) -> str | None:
        """Why the engine cannot read the index in `generation` (the kind of error), or None: each engine says."""
        raise NotImplementedError

    def _current(self) -> Path | None:
        try:
            name = (self.root / "CURRENT").read_text().strip()
        except FileNotFoundError:
            return None
        return self.root / name if name else None

    def _new_generation(self) -> Path:
        generation = self.root / f"gen-{uuid.uuid4().hex[:12]}"
        generation.mkdir(parents=True)
        return generation

    def _swap_in(self, generation: Path) -> None:
        """Point CURRENT at `generation` (atomically) and remove every other generation."""
        pointer = self.root / "CURRENT.part"
        pointer.write_text(generation.name)
        pointer.replace(self.root / "CURRENT")
        for stale in self.root.glob("gen-*"):
            if stale != generation and stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)

    @contextmanager
    def _write_lock(self):
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / "write.lock", "a+") as handle:
            deadline, delay = time.monotonic() + self.lock_timeout, 0.01
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise SearchUnavailable("another process has held the search index for too long") from None
                    time.sleep(delay)
                    delay = min(delay * 2, 0.25)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _stamps_path(self, generation: Path) -> Path:
        return generation / "stamps.json"

    def stamps(self) -> dict[int, str]:
        generation = self._current()
        if generation is None:
            return {}
        try:
            return {int(k): v for k, v in json.loads(self._stamps_path(generation).read_text()).items()}
        except (OSError, ValueError):
            return {}

    def _save_stamps(self, generation: Path, stamps: dict[int, str]) -> None:
        path = self._stamps_path(generation)
        partial = path.with_suffix(".part")
        partial.write_text(json.dumps({str(k): v for k, v in sorted(stamps.items())}))
        partial.replace(path)

    def _update_stamps(self, generation: Path, meeting_ids, fresh: dict[int, str]) -> None:
        stamps = self.stamps()
        for meeting_id in meeting_ids:
            stamps.pop(meeting_id, None)
        stamps.update(fresh)
        self._save_stamps(generation, stamps)

    def size_on_disk(self) -> int:
        generation = self._current()
        return sum(p.stat().st_size for p in generation.rglob("*") if p.is_file()) if generation else 0
