"""Ingest as background jobs, on SQLite and PostgreSQL: an upload is queued, a worker claims it (never two
workers the same job), reads, segments and stores it, and the editor's browser follows it to the review page;
a failure says why and keeps nothing; a job whose worker died is taken up again once its lease expires."""

import datetime as dt
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from conftest import PASSWORD
from tests_support import csrf_token, follow_job, row_counts, run_jobs
from tracker.jobs.models import Job, JobStage, JobState, PeriodicRun
from tracker.jobs.service import (
    MAX_ATTEMPTS, PERIODIC, LeaseLost, WorkerContext, claim_job, claim_periodic, enqueue_ingest, report_stage,
    run_one_job,
)
from tracker.minutes.ingest import save_original
from tracker.models import Meeting, Question, User, utcnow

MINUTES = ("Budget Scrutiny Panel - 3 March 2024\n\n1. Council Tax\n\nCouncillor Ash asked whether the "
           "lighthouse repair saving was realistic. The Director of Finance replied that it was on track.\n\n"
           "RESOLVED – That the report be noted.\n")


def paste(client, text=MINUTES):
    return client.post("/minutes/new", data={"csrf_token": csrf_token(client.get("/minutes/new")), "text": text,
                                             "committee": ""})


def count(engine, model, *where):
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model).where(*where)).one()


def get(engine, model, ident):
    with Session(engine) as session:
        return session.get(model, ident)


def queue(app, editor, text: bytes = MINUTES.encode(), *, filename="minutes.txt", n=1) -> list[int]:
    """Queue `n` jobs for `editor` as /minutes/new does (each with its kept original)."""
    engine, uploads = app.extensions["tracker.engine"], Path(app.config["UPLOADS_PATH"])
    ids = []
    for _ in range(n):
        with Session(engine, expire_on_commit=False) as session:
            job = enqueue_ingest(session=session, user=session.get(User, editor), original=save_original(
                text, "text", uploads), filename=filename, pasted=False, limit=10_000)
            session.commit()
            ids.append(job.id)
    return ids


@pytest.fixture
def editor(make_user, engine):
    make_user("editor", "eddie")
    with Session(engine) as session:
        return session.exec(select(User.id).where(User.username == "eddie")).one()


def context(app, worker="worker-a", **kw) -> WorkerContext:
    found = WorkerContext.from_app(app, worker=worker)
    found.nlp = app.extensions["tracker.nlp"]
    for name, value in kw.items():
        setattr(found, name, value)
    return found


def test_jobs_a_queued_job_is_claimed_run_and_stores_its_meeting(app, engine, editor):
    [job_id] = queue(app, editor)
    assert get(engine, Job, job_id).state == JobState.QUEUED
    assert run_one_job(context(app)) == job_id
    job = get(engine, Job, job_id)
    assert (job.state, job.stage, job.attempts, job.lease_until) == (JobState.DONE, JobStage.DONE, 1, None)
    meeting = get(engine, Meeting, job.meeting_id)
    assert meeting.source_file == job.original and meeting.source_name == "minutes.txt"
    assert (Path(app.config["UPLOADS_PATH"]) / job.original).is_file()
    assert "stored as a draft" in job.message and "1 questions" in job.message
    assert run_one_job(context(app)) is None  # nothing else waits


def test_jobs_a_document_that_cannot_be_read_fails_with_why_and_keeps_nothing(app, engine, editor):
    before = row_counts(engine)
    [job_id] = queue(app, editor, b"MZ\x90\x00" + bytes(range(256)) * 4, filename="minutes.docx")
    run_one_job(context(app))
    job = get(engine, Job, job_id)
    assert job.state == JobState.FAILED and job.error_status == 415 and "binary" in job.message
    assert row_counts(engine) == before
    assert not (Path(app.config["UPLOADS_PATH"]) / job.original).exists()


def test_jobs_a_job_whose_worker_died_is_taken_up_again_after_its_lease(app, engine, editor):
    [job_id] = queue(app, editor)
    uploads = Path(app.config["UPLOADS_PATH"])
    # worker A claims it, reports reading, then dies (never reports again)
    assert claim_job(engine=engine, uploads=uploads, worker="worker-a", lease_seconds=60) == job_id
    assert claim_job(engine=engine, uploads=uploads, worker="worker-b", lease_seconds=60) is None  # A holds it
    later = utcnow() + dt.timedelta(seconds=61)
    assert run_one_job(context(app, worker="worker-b", lease_seconds=60), now=later) == job_id
    job = get(engine, Job, job_id)
    assert (job.state, job.worker, job.attempts) == (JobState.DONE, "worker-b", 2)
    assert count(engine, Meeting) == 1
    with pytest.raises(LeaseLost):  # A, had it come back, may not touch the job any more
        report_stage(engine=engine, job_id=job_id, worker="worker-a", stage=JobStage.SEGMENTING, lease_seconds=60)


def test_jobs_a_job_that_kills_its_worker_every_time_is_failed_not_tried_for_ever(app, engine, editor):
    [job_id] = queue(app, editor)
    uploads = Path(app.config["UPLOADS_PATH"])
    now = utcnow()
    for attempt in range(MAX_ATTEMPTS):
        now += dt.timedelta(seconds=61)
        assert claim_job(engine=engine, uploads=uploads, worker=f"w{attempt}", lease_seconds=60, now=now) == job_id
    now += dt.timedelta(seconds=61)
    assert claim_job(engine=engine, uploads=uploads, worker="last", lease_seconds=60, now=now) is None
    job = get(engine, Job, job_id)
    assert job.state == JobState.FAILED and "stopped 3 times" in job.message
    assert not (uploads / job.original).exists() and count(engine, Meeting) == 0


def test_jobs_two_workers_never_claim_the_same_job(app, engine, editor):
    ids = queue(app, editor, n=24)
    uploads = Path(app.config["UPLOADS_PATH"])
    claimed: dict[str, list[int]] = {}
    start = threading.Barrier(4)

    def work(name):
        start.wait()
        mine = claimed.setdefault(name, [])
        while (job_id := claim_job(engine=engine, uploads=uploads, worker=name, lease_seconds=600)) is not None:
            mine.append(job_id)

    threads = [threading.Thread(target=work, args=(f"worker-{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    everything = [job_id for mine in claimed.values() for job_id in mine]
    assert sorted(everything) == ids  # each job once, none twice, none left
    with Session(engine) as session:
        held = {job.id: job.worker for job in session.exec(select(Job)).all()}
    assert all(held[job_id] == name for name, mine in claimed.items() for job_id in mine)


def test_jobs_the_upload_goes_to_a_job_page_that_lands_on_the_review_page(app, client, login, engine):
    login("editor")
    queued = paste(client)
    assert queued.status_code == 303 and re.fullmatch(r"/jobs/[0-9]+", queued.headers["Location"])
    page = client.get(queued.headers["Location"])
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and '<meta http-equiv="refresh" content="1">' in text
    assert "The pasted minutes</strong> are waiting to be read" in text and 'aria-current="step"' in text
    assert count(engine, Meeting) == 0  # the request stored nothing but the job
    polled = client.get(queued.headers["Location"] + "?format=json").get_json()
    assert (polled["state"], polled["stage"], polled["meeting_id"]) == ("queued", "queued", None)
    drafts = client.get("/drafts").get_data(as_text=True)
    assert f'<a href="{queued.headers["Location"]}">Pasted minutes</a> – waiting' in drafts
    run_jobs(app)
    done = client.get(queued.headers["Location"])
    [meeting] = Session(engine).exec(select(Meeting)).all()
    assert done.status_code == 302 and done.headers["Location"] == f"/meetings/{meeting.id}/review"
    assert "stored as a draft" in client.get(done.headers["Location"]).get_data(as_text=True)
    assert count(engine, Question) == 1
    assert "Being read" not in client.get("/drafts").get_data(as_text=True)


def test_jobs_a_failed_job_page_says_why_and_another_editor_cannot_see_it(app, client, login, engine, make_user):
    login("editor")
    failed = follow_job(client, paste(client, "Minutes " + "x" * 1_000_001))
    text = failed.get_data(as_text=True)
    assert failed.status_code == 422 and "These minutes were not stored" in text
    assert "the limit is 1,000,000" in text and "http-equiv" not in text  # no refreshing once failed
    job_url = f"/jobs/{Session(engine).exec(select(Job.id)).one()}"
    make_user("editor", "other")
    other = app.test_client()
    other.post("/login", data={"csrf_token": csrf_token(other.get("/login")), "username": "other",
                               "password": PASSWORD})
    assert other.get("/drafts").status_code == 200
    assert other.get(job_url).status_code == 404


def test_jobs_more_unfinished_jobs_than_allowed_get_a_429_that_says_what_to_do(app, client, login, engine):
    app.config["JOBS_PER_USER"] = 2
    login("editor")
    assert paste(client).status_code == 303
    assert paste(client, MINUTES.replace("3 March", "4 March")).status_code == 303
    files = sorted(Path(app.config["UPLOADS_PATH"]).glob("*"))
    refused = paste(client, MINUTES.replace("3 March", "5 March"))
    text = refused.get_data(as_text=True)
    assert refused.status_code == 429 and refused.headers["Retry-After"]
    assert "already have 2 sets of minutes waiting or being read" in text and "add these again" in text
    assert count(engine, Job) == 2 and sorted(Path(app.config["UPLOADS_PATH"]).glob("*")) == files
    run_jobs(app)  # once they are stored, the editor may add more
    assert paste(client, MINUTES.replace("3 March", "5 March")).status_code == 303


def test_jobs_a_periodic_task_runs_once_an_hour_on_one_worker(engine):
    from tracker.jobs.service import PeriodicTask

    task = PeriodicTask("test.tick", dt.timedelta(hours=1), lambda app, now: "ticked")
    now = utcnow()
    assert claim_periodic(engine=engine, task=task, worker="a", now=now)
    assert not claim_periodic(engine=engine, task=task, worker="b", now=now + dt.timedelta(minutes=59))
    assert claim_periodic(engine=engine, task=task, worker="b", now=now + dt.timedelta(minutes=61))
    assert get(engine, PeriodicRun, "test.tick").worker == "b"
    import tracker.alerts.tasks  # noqa: F401  (registers the alerts' task)

    assert PERIODIC["alerts.send"].every == dt.timedelta(hours=1)


@pytest.mark.slow
def test_jobs_a_real_worker_process_takes_the_upload_to_the_review_page(app, client, login, engine, database_url):
    login("editor")
    queued = paste(client)
    assert queued.status_code == 303
    env = {**os.environ, "TRACKER_INSTANCE": app.config["INSTANCE_PATH"], "TRACKER_DATABASE_URL": database_url,
           "TRACKER_SECRET_KEY": "test", "TRACKER_INGEST_NICE": "0"}
    worker = subprocess.Popen([sys.executable, "-m", "tracker.cli", "worker", "--poll", "0.2"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while (page := client.get(queued.headers["Location"])).status_code == 200 and time.monotonic() < deadline:
            time.sleep(0.3)
        assert page.status_code == 302 and page.headers["Location"].endswith("/review"), page.get_data(as_text=True)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=60)[0]
    assert worker.returncode == 0 and "stopped" in output, output  # SIGTERM: it finished and stopped cleanly
    assert "lighthouse repair" in client.get(page.headers["Location"]).get_data(as_text=True)


def test_jobs_an_original_waiting_in_the_queue_is_not_taken_for_an_orphan(app, engine, editor):
    from tracker.minutes.originals import remove_orphaned_originals

    [job_id] = queue(app, editor)
    uploads = Path(app.config["UPLOADS_PATH"])
    kept = uploads / get(engine, Job, job_id).original
    orphan = uploads / "0123456789abcdef0123456789abcdef.txt"  # as a killed ingest leaves
    orphan.write_bytes(b"minutes")
    two_hours_ago = time.time() - 7200
    for path in (kept, orphan):
        os.utime(path, (two_hours_ago, two_hours_ago))
    with Session(engine) as session:
        assert remove_orphaned_originals(session=session, uploads=uploads) == [orphan.name]
    assert kept.is_file()
    run_one_job(context(app))
    assert get(engine, Job, job_id).state == JobState.DONE and kept.is_file()  # now its meeting names it
