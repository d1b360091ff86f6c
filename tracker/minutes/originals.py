"""Kept originals: files in the uploads folder that no meeting (nor any unfinished job) names are removed at
start-up and by `tracker check`.

An ingest writes the original before its transaction commits (so a meeting never names a missing file); a
process killed between the two leaves a file no meeting names. Only files older than ``ORPHAN_AGE`` go: a
younger one may belong to an ingest still running in another worker or host.
"""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

from flask import Flask
from sqlalchemy import Engine
from sqlmodel import Session, select

from ..jobs.models import UNFINISHED, Job
from ..models import Meeting

ORPHAN_AGE = timedelta(hours=1)  # far longer than any ingest takes between writing its original and committing


def remove_orphaned_originals(*, session: Session, uploads: Path, older_than: timedelta = ORPHAN_AGE) -> list[str]:
    """Delete files (and half-written ``.part`` files) in `uploads` that no meeting names; return their names."""
    if not uploads.is_dir():
        return []
    named = set(session.exec(select(Meeting.source_file).where(Meeting.source_file.is_not(None))).all())
    # an original waiting for (or being read by) a worker is not orphaned, however long the queue
    named |= set(session.exec(select(Job.original).where(Job.state.in_(UNFINISHED), Job.original.is_not(None))).all())
    cutoff = time.time() - older_than.total_seconds()
    removed = []
    for path in sorted(uploads.iterdir()):
        try:
            if path.is_file() and path.name not in named and path.stat().st_mtime < cutoff:
                path.unlink()
                removed.append(path.name)
        except FileNotFoundError:
            continue  # another worker removed it first
    return removed


def reconcile(engine: Engine, uploads: Path) -> list[str]:
    with Session(engine) as session:
        return remove_orphaned_originals(session=session, uploads=uploads)


def init_app(app: Flask) -> None:
    """Remove originals a killed ingest left behind, as the app starts."""
    removed = reconcile(app.extensions["tracker.engine"], Path(app.config["UPLOADS_PATH"]))
    if removed:
        app.logger.warning("removed %d original(s) that no meeting names (an ingest was stopped part-way)",
                           len(removed))
