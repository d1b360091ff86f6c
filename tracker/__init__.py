"""Scrutiny Tracker: the web app, storage and command line around the minutes segmenter."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from .config import ROOT, load_settings


def create_app(test_config: dict | None = None) -> Flask:
    """The web app: settings, then each integration's `init_app`, then the blueprints."""
    settings = load_settings(test_config)
    app = Flask(__name__, instance_path=settings["INSTANCE_PATH"], instance_relative_config=True,
                template_folder=str(ROOT / "templates"), static_folder=str(Path(__file__).parent / "static"))
    app.config.from_mapping(settings)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    # Imported here, not at the top: `import tracker` (the CLI, the models, the migrations) should not load
    # every view and search engine.
    from . import action_listeners, admin, api, auth, editing, pages, page_cache, search, web
    from . import action_views, report_views, search_views

    web.init_app(app)  # the database engine, the signed-in user, CSRF, error pages, security headers
    page_cache.init_app(app)  # after web: it needs to know who is signed in
    search.init_app(app)  # the configured engine, its index reconciled, its commit listeners
    action_listeners.init_app(app)  # dates, discharges and repeats proposed when a meeting is stored

    for blueprint in (pages.bp, auth.bp, editing.bp, api.bp, admin.bp, search_views.bp, report_views.bp,
                      action_views.bp):
        app.register_blueprint(blueprint)
    return app
