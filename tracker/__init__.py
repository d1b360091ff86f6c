"""Scrutiny Tracker: the web app, storage and command line around the minutes segmenter.

`create_app` is the list of what the app is made of: its settings, each integration's ``init_app``, and the
blueprints (one per package: minutes, actions, search, alerts, reports, accounts, api).
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from flask import Flask

from .config import ROOT, load_settings

# Each integration's module, whose init_app(app) wires it in, in this order.
INTEGRATIONS = (
    "web",  # the database engine (schema checked), the signed-in user, CSRF, error pages, security headers
    "web.page_cache",  # after web: it needs to know who is signed in
    "search",  # the configured engine, its index reconciled, its commit listeners
    "actions.listeners",  # "next meeting" dates, discharges and repeats proposed when a meeting is stored
    "minutes.originals",  # originals a killed ingest left behind, removed at start-up
)
# Each blueprint's module (it holds `bp`).
BLUEPRINTS = (
    "minutes.views",  # home, committees, meetings, people
    "minutes.review",  # editors: upload, review, correct, publish and delete minutes
    "jobs.views",  # the job page: an upload's progress through the worker
    "actions.views",  # the action log, an action's page, exports, the agenda-pack tracker
    "search.views",  # /search, its feed, saved searches, /api/search
    "alerts.views",  # email alerts: subscribe, confirm, unsubscribe
    "reports.views",  # scrutinised performance reports and their indicators
    "accounts.auth",  # sign in and out
    "accounts.admin",  # user management
    "api.routes",  # the JSON API under /api/
)


def create_app(test_config: dict | None = None) -> Flask:
    """The web app: settings from the environment (or `test_config`), then the integrations, then the blueprints."""
    settings = load_settings(test_config)
    app = Flask(__name__, instance_path=settings["INSTANCE_PATH"], instance_relative_config=True,
                template_folder=str(ROOT / "templates"), static_folder=str(Path(__file__).parent / "static"))
    app.config.from_mapping(settings)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    # Loaded here rather than imported at the top, so that `import tracker` (the CLI, the models, Alembic)
    # does not load every view and search engine.
    for name in INTEGRATIONS:
        import_module(f"{__name__}.{name}").init_app(app)
    for name in BLUEPRINTS:
        app.register_blueprint(import_module(f"{__name__}.{name}").bp)
    return app
