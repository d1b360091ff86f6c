"""Ingest as background jobs: the web request keeps the original and queues a job; `tracker worker` claims it,
reads, segments and stores it, reporting each stage, and the editor's browser follows along on the job page.

A job is claimed in one short transaction: on PostgreSQL ``SELECT ... FOR UPDATE SKIP LOCKED`` lets several
workers (on several hosts) each take a different job without waiting on each other; on SQLite the write
transaction begins with ``BEGIN IMMEDIATE`` (see ``db.write_session``), so claims queue one after another. The
claim sets a lease that every stage renews; a job whose worker died keeps its state ``running`` until the lease
expires, and then the next worker takes it up again (up to ``MAX_ATTEMPTS`` times). The stored meeting and the
job's outcome commit in one transaction, so a job is never marked done without its meeting, nor the reverse.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import socket
from importlib import import_module
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from sqlalchemy import Engine, event, func, or_
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, select

from ..db import StorageUnavailable, storage_problem, write_session
from ..minutes.ingest import IngestError, store_document
from ..minutes.readers import InvalidDocument, read_document, read_document_isolated
from ..models import User, utcnow
from .models import UNFINISHED, Job, JobStage, JobState, PeriodicRun

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3  # a job whose worker died this many times is failed rather than tried again
SERVER_FAULT = ("something went wrong on the server while storing these minutes; nothing was stored. Try again, "
                "and if it happens again tell the site's administrator")


class TooManyJobs(Exception):
    """The editor already has as many unfinished jobs as one editor may."""

    status = 429


class LeaseLost(Exception):
    """Another worker took the job up (this one was too slow to report and its lease expired)."""


def this_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


# --- queueing (the web request) --------------------------------------------------------

def unfinished_jobs(*, session: Session, user_id: int) -> list[Job]:
    """The editor's jobs still queued or running, oldest first."""
    return list(session.exec(select(Job).where(Job.user_id == user_id, Job.state.in_(UNFINISHED))
                             .order_by(Job.id)).all())


def enqueue_ingest(*, session: Session, user: User, original: str, filename: str | None, pasted: bool,
                   committee: str | None = None, council: str | None = None, meeting_date: str | None = None,
                   limit: int = 3) -> Job:
    """Queue the kept original `original` for ingest by `user`; TooManyJobs when they already have `limit`."""
    # lock the editor's row (PostgreSQL; SQLite's write transaction is already exclusive) so that two uploads at
    # once cannot both slip under the limit
    session.exec(select(User.id).where(User.id == user.id).with_for_update()).first()
    if len(unfinished_jobs(session=session, user_id=user.id)) >= limit:
        raise TooManyJobs(f"you already have {limit} sets of minutes waiting or being read, the most one editor may "
                          "have at once")
    job = Job(user_id=user.id, original=original, filename=(filename or None) and filename[:300], pasted=pasted,
              options=json.dumps({"committee": committee, "council": council, "meeting_date": meeting_date}))
    session.add(job)
    session.flush()
    return job


def job_for(*, session: Session, job_id: int, user: User, see_all: bool = False) -> Job | None:
    """The job, if `user` queued it (or `see_all`, for administrators)."""
    job = session.get(Job, job_id)
    return job if job is not None and (see_all or job.user_id == user.id) else None


def jobs_ahead(*, session: Session, job: Job) -> int:
    """How many queued jobs a worker takes before this one."""
    if job.state != JobState.QUEUED:
        return 0
    return session.exec(select(func.count()).select_from(Job)
                        .where(Job.state == JobState.QUEUED, Job.id < job.id)).one()


# --- claiming and running (the worker) -------------------------------------------------

@dataclass
class WorkerContext:
    """What a worker needs to run ingest jobs: the database, the segmenter and the reading limits."""

    engine: Engine
    uploads: Path
    nlp: object = None  # the spaCy pipeline, built on the first job
    parse_seconds: float = 30
    parse_memory_mb: int = 1024
    max_bytes: int = 20 * 1024 * 1024
    lease_seconds: int = 300
    worker: str = ""

    @classmethod
    def from_app(cls, app, *, worker: str | None = None) -> WorkerContext:
        config = app.config
        return cls(engine=app.extensions["tracker.engine"], uploads=Path(config["UPLOADS_PATH"]),
                   parse_seconds=config["PARSE_SECONDS"], parse_memory_mb=config["PARSE_MEMORY_MB"],
                   max_bytes=config["MAX_UPLOAD_BYTES"], lease_seconds=config["JOB_LEASE_SECONDS"],
                   worker=worker or this_worker())

    def segmenter(self):
        if self.nlp is None:
            from nlp import build_pipeline  # spaCy takes seconds to load: only when there is work

            self.nlp = build_pipeline()
        return self.nlp


def claim_job(*, engine: Engine, uploads: Path, worker: str, lease_seconds: int,
              now: dt.datetime | None = None) -> int | None:
    """Take the oldest queued job, or one whose worker's lease expired; None when there is none."""
    while True:
        with write_session(engine, changes_pages=False) as session:
            now = now or utcnow()
            job = session.exec(
                select(Job).where(or_(Job.state == JobState.QUEUED,
                                      (Job.state == JobState.RUNNING) & (Job.lease_until < now)))
                .order_by(Job.id).limit(1).with_for_update(skip_locked=True)).first()
            if job is None:
                return None
            if job.state == JobState.RUNNING and job.meeting_id is not None:
                # its worker died after the meeting was committed, while indexing: the data is whole
                _finish(job, JobState.DONE, job.message)
                continue
            if job.attempts >= MAX_ATTEMPTS:
                _finish(job, JobState.FAILED, f"the worker reading these minutes stopped {job.attempts} times before "
                                              "finishing (the document may be too large or complex to read); nothing "
                                              "was stored", status=422)
                _remove_original_after(session, job, uploads)
                continue
            job.state, job.stage, job.worker = JobState.RUNNING, JobStage.READING, worker
            job.lease_until = now + dt.timedelta(seconds=lease_seconds)
            job.attempts += 1
            job.updated_at = now
            session.add(job)
            return job.id


def report_stage(*, engine: Engine, job_id: int, worker: str, stage: JobStage, lease_seconds: int) -> None:
    """Show the editor the job's new stage and renew the lease; LeaseLost when another worker has it now."""
    with write_session(engine, changes_pages=False) as session:
        job = session.exec(select(Job).where(Job.id == job_id).with_for_update()).first()
        if job is None or job.worker != worker or job.state != JobState.RUNNING:
            raise LeaseLost(f"job {job_id} was taken up by another worker")
        job.stage, job.updated_at = stage, utcnow()
        job.lease_until = job.updated_at + dt.timedelta(seconds=lease_seconds)
        session.add(job)


def _finish(job: Job, state: JobState, message: str, *, status: int | None = None) -> None:
    job.state, job.message, job.error_status = state, message, status
    job.stage = JobStage.DONE if state == JobState.DONE else job.stage
    job.lease_until, job.updated_at = None, utcnow()


def _remove_original_after(session: Session, job: Job, uploads: Path) -> None:
    """Once this transaction commits, remove a failed job's kept original (no meeting names it)."""
    if not job.original:
        return
    name = job.original

    @event.listens_for(session, "after_commit", once=True)
    def _remove(_session):
        (uploads / name).unlink(missing_ok=True)


def run_one_job(context: WorkerContext, *, now: dt.datetime | None = None) -> int | None:
    """Claim one job and run it to the end (done or failed); returns its id, or None when the queue is empty."""
    job_id = claim_job(engine=context.engine, uploads=context.uploads, worker=context.worker, lease_seconds=context.lease_seconds, now=now)
    if job_id is None:
        return None
    try:
        _run_ingest(context, job_id)
    except LeaseLost as error:
        log.warning("%s; leaving it to that worker", error)
    return job_id


def _run_ingest(context: WorkerContext, job_id: int) -> None:
    # imported on first use: spaCy takes seconds to load, and the web app imports this module only to queue jobs
    from nlp import SegmenterError, segment

    with Session(context.engine, expire_on_commit=False) as session:
        job = session.get(Job, job_id)
        user = session.get(User, job.user_id) if job.user_id else None
    options = json.loads(job.options or "{}")

    def stage(name: JobStage) -> None:
        report_stage(engine=context.engine, job_id=job_id, worker=context.worker, stage=name,
                     lease_seconds=context.lease_seconds)

    def record_outcome(session: Session, outcome) -> None:
        # in the storing transaction: the job's outcome commits with the meeting, and shows "indexing" while the
        # search index catches up after the commit
        held = session.exec(select(Job).where(Job.id == job_id).with_for_update()).first()
        if held.worker != context.worker or held.state != JobState.RUNNING:
            raise LeaseLost(f"job {job_id} was taken up by another worker")
        held.stage, held.meeting_id, held.updated_at = JobStage.INDEXING, outcome.meeting_id, utcnow()
        held.message = _found(outcome)
        session.add(held)

    try:
        try:
            data = (context.uploads / job.original).read_bytes()
        except (OSError, TypeError):
            raise InvalidDocument("the kept copy of the minutes has gone from the server (it was removed before a "
                                  "worker read it); add them again", 410) from None
        if job.pasted:
            document = read_document(data, filename=None, max_bytes=context.max_bytes)
        else:
            document = read_document_isolated(data, filename=job.filename, max_bytes=context.max_bytes,
                                              timeout=context.parse_seconds, memory_mb=context.parse_memory_mb)
        stage(JobStage.SEGMENTING)
        minutes = segment(document.text, nlp=context.segmenter())
        stage(JobStage.STORING)
        store_document(engine=context.engine, document=document, minutes=minutes, committee=options.get("committee"),
                       council=options.get("council"), meeting_date=options.get("meeting_date"), publish=False,
                       user=user, source_file=job.original, uploads=context.uploads, also=record_outcome)
    except LeaseLost:
        raise
    except InvalidDocument as error:
        return _failed(context, job_id, error.message, error.status)
    except (SegmenterError, IngestError) as error:
        return _failed(context, job_id, str(error), 422)
    except (SQLAlchemyError, OSError, StorageUnavailable) as error:
        problem = storage_problem(error) or (str(error) if isinstance(error, StorageUnavailable) else None)
        if problem is None:
            log.exception("job %s failed", job_id)
            problem = SERVER_FAULT
        return _failed(context, job_id, f"the tracker cannot store anything just now: {problem}. Nothing was "
                                        "stored; try again later, or tell the administrator", 503)
    except Exception:
        log.exception("job %s failed", job_id)
        return _failed(context, job_id, SERVER_FAULT, 500)
    with write_session(context.engine, changes_pages=False) as session:
        held = session.get(Job, job_id)
        if held.worker == context.worker and held.state == JobState.RUNNING:
            _finish(held, JobState.DONE, held.message)
            session.add(held)


def _failed(context: WorkerContext, job_id: int, message: str, status: int) -> None:
    with write_session(context.engine, changes_pages=False) as session:
        job = session.get(Job, job_id)
        if job is None or job.worker != context.worker or job.state not in UNFINISHED:
            return
        _finish(job, JobState.FAILED, message, status=status)
        session.add(job)
        _remove_original_after(session, job, context.uploads)


def _found(outcome) -> str:
    if outcome.outcome == "unchanged":
        return "These minutes are already stored; nothing changed."
    found = ", ".join(f"{n} {kind}" for kind, n in outcome.counts.items())
    verb = "stored as a draft" if outcome.outcome == "created" else "replaced the earlier version"
    return f"The minutes were {verb}: {found}. Check them below, then publish."


# --- periodic tasks --------------------------------------------------------------------

@dataclass(frozen=True)
class PeriodicTask:
    name: str
    every: dt.timedelta
    run: Callable[[object, dt.datetime], str]  # (the app, now) -> what it did, for the worker's log


PERIODIC: dict[str, PeriodicTask] = {}


def periodic(name: str, *, every: dt.timedelta):
    """Register a function of (app, now) for `tracker worker` to run every `every`, on one worker at a time."""
    def register(function):
        PERIODIC[name] = PeriodicTask(name, every, function)
        return function
    return register


def claim_periodic(*, engine: Engine, task: PeriodicTask, worker: str, now: dt.datetime | None = None) -> bool:
    """True when `task` is due and this worker now holds its run (no other worker will start it until it is
    due again)."""
    now = now or utcnow()
    try:
        with write_session(engine, changes_pages=False) as session:
            run = session.exec(select(PeriodicRun).where(PeriodicRun.name == task.name)
                               .with_for_update(skip_locked=True)).first()
            if run is None:
                if session.get(PeriodicRun, task.name) is not None:
                    return False  # another worker holds the row right now
                session.add(PeriodicRun(name=task.name, started_at=now, worker=worker))
                return True
            started = run.started_at if run.started_at.tzinfo else run.started_at.replace(tzinfo=dt.UTC)
            if started + task.every > now:
                return False
            run.started_at, run.worker = now, worker
            session.add(run)
            return True
    except SQLAlchemyError as error:  # two workers inserted the first row at once: the other one runs it
        if "unique" in str(error).lower() or "duplicate" in str(error).lower():
            return False
        raise


def run_due_periodic(app, *, worker: str, now: dt.datetime | None = None) -> list[str]:
    """Run each registered periodic task that is due; returns what each did (a failure is logged, not raised)."""
    for module in PERIODIC_MODULES:
        import_module(module)
    now = now or utcnow()
    done = []
    for task in list(PERIODIC.values()):
        if not claim_periodic(engine=app.extensions["tracker.engine"], task=task, worker=worker, now=now):
            continue
        try:
            done.append(f"{task.name}: {task.run(app, now)}")
        except Exception as error:  # the next run tries again; one task's failure stops neither jobs nor others
            log.exception("periodic task %s failed", task.name)
            done.append(f"{task.name}: failed ({error})")
    return done


PERIODIC_MODULES = ("tracker.alerts.tasks",)  # modules whose @periodic functions the worker runs
