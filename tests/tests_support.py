"""Small helpers the tests share."""

import re

_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_token(response) -> str:
    """The CSRF token in a rendered form, as a browser would send it back."""
    match = _TOKEN.search(response.get_data(as_text=True))
    assert match, "the page has no form with a CSRF token"
    return match.group(1) or match.group(2)


def shut_down(app) -> None:
    """Release what an app holds (search index files, database connections), as a worker does on exit."""
    search = app.extensions.get("tracker.search")
    if search is not None:
        search.close()
    app.extensions["tracker.engine"].dispose()


def row_counts(engine) -> dict[str, int]:
    """How many rows each table holds: what a failed write must leave unchanged.

    The write counter (``data_generation``) is left out: its one row is made by the migration, not by users; so
    are jobs, whose row saying why an upload failed is what a failed upload should leave.
    """
    from sqlalchemy import func, select
    from sqlmodel import Session, SQLModel

    with Session(engine) as session:
        return {table.name: session.exec(select(func.count()).select_from(table)).one()[0]
                for table in SQLModel.metadata.sorted_tables if table.name not in ("data_generation", "job")}


def run(nlp, text):
    """Segment ``text`` with the shared pipeline, as the app does."""
    from nlp import segment

    return segment(text, nlp=nlp)


def texts(records):
    """The words of each record, in order."""
    return [r.text for r in records]


def run_jobs(app) -> list[int]:
    """Run every queued job as `tracker worker` would (in this process, with the app's pipeline); their ids."""
    from tracker.jobs.service import WorkerContext, run_one_job

    context = WorkerContext.from_app(app, worker="test-worker")
    context.nlp = app.extensions.get("tracker.nlp")
    ran = []
    with app.app_context():
        while (job_id := run_one_job(context)) is not None:
            ran.append(job_id)
    return ran


def follow_job(client, response):
    """After a POST to /minutes/new that queued a job (303 to its page): run it, and return the job page's answer
    (a redirect to the review page when stored, else the page saying why not). A form sent back with errors (no
    job) is returned as it is."""
    if response.status_code != 303:
        return response
    location = response.headers["Location"]
    assert re.fullmatch(r"/jobs/[0-9]+", location), location
    run_jobs(client.application)
    return client.get(location)
