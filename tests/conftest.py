"""Shared fixtures: one segmenter pipeline for the session, a CLI runner, golden files."""

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from nlp import build_pipeline

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
# The annotated real minutes (dev, real-a, real-b) are read in place from ../shared: the project keeps
# no copies of other people's minutes. Where ../shared is absent the tests that need them are skipped.
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
REAL_SETS = ("dev", "real-a", "real-b")
WRITTEN_SETS = ("styled", "heldout", "unseen", "blind", "fresh", "sealed", "vault", "ledger", "quarry")
NO_SHARED = f"{SHARED_CORPUS} is absent: the real annotated minutes are read in place from ../shared, never copied here"
needs_shared = pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=NO_SHARED)
# `tracker ingest` lowers its own CPU priority; run in-process by the CLI tests it would lower pytest's.
os.environ.setdefault("TRACKER_INGEST_NICE", "0")


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden", action="store_true",
        help="rewrite tests/nlp/golden/*.json from the segmenter's current output (review the diff before committing)",
    )


@pytest.fixture(scope="session")
def nlp():
    """Building the pipeline takes about a second; every segmenter test shares one."""
    return build_pipeline()


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def update_golden(request):
    return request.config.getoption("--update-golden")


def corpus_documents(folder: Path = CORPUS):
    """Every annotated document in the sets under ``folder`` (the written sets by default):
    (name "set/document", text path, gold path)."""
    pairs = []
    for gold in sorted(folder.glob("*/*.gold.json")):
        text = gold.with_name(gold.name.removesuffix(".gold.json") + ".txt")
        pairs.append((f"{gold.parent.name}/{text.stem}", text, gold))
    return pairs


def set_documents(folder: Path):
    """The annotated documents of one set (a folder of NAME.txt and NAME.gold.json): (name, text, gold)."""
    return [(f"{folder.name}/{gold.name.removesuffix('.gold.json')}",
             gold.with_name(gold.name.removesuffix(".gold.json") + ".txt"), gold)
            for gold in sorted(folder.glob("*.gold.json"))]


def shared_page(name: str) -> Path:
    """A real page of the shared corpus ("dev/stockport-seed-000.txt"), or skip the test where ../shared is absent."""
    path = SHARED_CORPUS / name
    if not path.exists():
        pytest.skip(NO_SHARED if not SHARED_CORPUS.is_dir() else f"{path} is absent from the shared corpus")
    return path


# --- the web app and the database ------------------------------------------------

import shutil  # noqa: E402
import uuid  # noqa: E402

from sqlalchemy import text  # noqa: E402
from werkzeug.security import generate_password_hash  # noqa: E402

PG_SERVER = os.environ.get("TRACKER_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432")
PASSWORD = "correct horse battery"


def _postgres_available() -> bool:
    import psycopg

    try:
        psycopg.connect(PG_SERVER.replace("+psycopg", "") + "/postgres", connect_timeout=3).close()
        return True
    except psycopg.OperationalError:
        return False


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """A migrated SQLite database, copied for each test (migrating once is faster than once per test)."""
    from tracker.db import make_engine, upgrade

    path = tmp_path_factory.mktemp("template") / "tracker.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_url():
    """A fresh PostgreSQL database for this test run, migrated, dropped at the end."""
    import psycopg

    if not _postgres_available():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not reachable at {PG_SERVER}; .ci/run should have started it")
        pytest.skip(f"PostgreSQL is not reachable at {PG_SERVER}")
    name = f"tracker_test_{uuid.uuid4().hex[:10]}"
    admin = PG_SERVER.replace("+psycopg", "") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    url = f"{PG_SERVER}/{name}"
    from tracker.db import make_engine, upgrade

    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _empty_postgres(url):
    from tracker.db import make_engine

    engine = make_engine(url)
    with engine.begin() as connection:
        tables = [row[0] for row in connection.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"))]
        connection.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request, tmp_path, sqlite_template):
    """Each web and storage test runs on SQLite and on the real PostgreSQL server, starting empty."""
    if request.param == "sqlite":
        path = tmp_path / "instance" / "tracker.sqlite3"
        path.parent.mkdir(exist_ok=True)
        shutil.copy(sqlite_template, path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("postgres_url")
    _empty_postgres(url)
    return url


@pytest.fixture
def app(request, database_url, tmp_path, nlp):
    """The app on a fresh database; `@pytest.mark.search_engine("whoosh")` picks a search engine other than the default."""
    from tracker import create_app

    engine_marker = request.node.get_closest_marker("search_engine")
    search = {"SEARCH": engine_marker.args[0]} if engine_marker else {}
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance"), "DATABASE_URL": database_url,
                      "SECRET_KEY": "test", "SECURE_COOKIES": "0", **search})
    app.extensions["tracker.nlp"] = nlp  # share the session's pipeline instead of building one per test
    yield app
    from tests_support import shut_down

    shut_down(app)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def engine(app):
    return app.extensions["tracker.engine"]


@pytest.fixture(scope="session")
def password_hash():
    # A cheap hash for test users: the real default (scrypt) would cost a tenth of a second per user.
    return generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")


@pytest.fixture
def make_user(engine, password_hash):
    """make_user("editor") adds a user with that role (named after it) and returns the username."""
    from tracker.db import write_session
    from tracker.models import User

    def make(role, username=None):
        username = username or role
        with write_session(engine) as session:
            session.add(User(username=username, password_hash=password_hash, role=role))
        return username

    return make


@pytest.fixture
def login(client, make_user):
    """login("editor") signs the test client in as a new user with that role."""
    from tests_support import csrf_token

    def sign_in(role, username=None):
        username = make_user(role, username)
        page = client.get("/login")
        response = client.post("/login", data={"username": username, "password": PASSWORD,
                                               "csrf_token": csrf_token(page)})
        assert response.status_code == 302, response.get_data(as_text=True)
        return username

    return sign_in


@pytest.fixture
def ingest_corpus_file(engine, nlp, tmp_path):
    """ingest_corpus_file("dev/stockport-seed-001.txt", publish=True) stores a corpus document (a written set's
    under corpus/, or a real page of ../shared/corpus, skipping the test where that is absent); returns the outcome."""
    from tracker.minutes.readers import read_path
    from tracker.minutes.ingest import ingest_document

    def ingest(name, **options):
        path = CORPUS / name if name.split("/")[0] in WRITTEN_SETS + ("reports",) else shared_page(name)
        return ingest_document(engine=engine, document=read_path(path), nlp=nlp, original=path.read_bytes(),
                               uploads=tmp_path / "instance" / "uploads", **options)

    return ingest
