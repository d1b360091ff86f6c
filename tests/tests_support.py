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

    The write counter (``data_generation``) is left out: its one row is made by the migration, not by users.
    """
    from sqlalchemy import func, select
    from sqlmodel import Session, SQLModel

    with Session(engine) as session:
        return {table.name: session.exec(select(func.count()).select_from(table)).one()[0]
                for table in SQLModel.metadata.sorted_tables if table.name != "data_generation"}


def run(nlp, text):
    """Segment ``text`` with the shared pipeline, as the app does."""
    from nlp import segment

    return segment(text, nlp=nlp)


def texts(records):
    """The words of each record, in order."""
    return [r.text for r in records]
