"""What jobs keep in the database: each ingest waiting, running or finished, and when each periodic task last ran.

They live in the same database as the data they write, so a job's outcome commits in the same transaction as
the meeting it stored, and a worker needs nothing but the database to find work.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String, Text
from sqlmodel import Field, SQLModel

from ..models import utcnow


class JobState(StrEnum):
    QUEUED = "queued"  # waiting for a worker
    RUNNING = "running"  # claimed by a worker, whose lease runs to lease_until
    DONE = "done"
    FAILED = "failed"  # message says why; nothing of it was stored


class JobStage(StrEnum):
    """What a running job is doing, in order; shown to the editor as progress."""

    QUEUED = "queued"
    READING = "reading"
    SEGMENTING = "segmenting"
    STORING = "storing"
    INDEXING = "indexing"  # the meeting is committed; the search index is being brought up to date
    DONE = "done"


UNFINISHED = (JobState.QUEUED, JobState.RUNNING)


class Job(SQLModel, table=True):
    """One set of minutes to ingest: its kept original (a server-made name in the uploads folder) and the
    choices the editor made on the form; once done, the meeting it stored."""

    __tablename__ = "job"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(default="ingest", max_length=40)
    state: JobState = Field(default=JobState.QUEUED, sa_type=String(20), index=True)
    stage: JobStage = Field(default=JobStage.QUEUED, sa_type=String(20))
    user_id: int | None = Field(default=None, foreign_key="user_account.id", index=True, ondelete="SET NULL")
    original: str | None = Field(default=None, max_length=100)  # the kept file; removed if the job fails
    filename: str | None = Field(default=None, max_length=300)  # the name the editor's file had (None: pasted)
    pasted: bool = False
    options: str = Field(default="{}", sa_type=Text)  # JSON: committee, council, meeting_date as given
    meeting_id: int | None = None  # the meeting stored (not a foreign key: the meeting may be deleted later)
    message: str = Field(default="", sa_type=Text)  # what was found, or why it failed, in plain words
    error_status: int | None = None  # the HTTP status the failure is shown with (415, 422 ...)
    attempts: int = 0
    worker: str | None = Field(default=None, max_length=200)  # host:pid of the worker holding it
    lease_until: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class PeriodicRun(SQLModel, table=True):
    """When a periodic task was last started, by any worker: the row a worker updates to claim the next run."""

    __tablename__ = "periodic_run"

    name: str = Field(primary_key=True, max_length=100)
    started_at: datetime
    worker: str | None = Field(default=None, max_length=200)
