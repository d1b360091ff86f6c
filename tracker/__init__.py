"""Scrutiny Tracker: the web app, storage and command line around the minutes segmenter."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from .config import ROOT, load_settings


def create_app(test_config: dict | None = None) -> Flask:
    """The web app: settings from the environment (or `test_config`), the database checked, blueprints on."""
    settings = load_settings(test_config)
    app = Flask(__name__, instance_path=settings["INSTANCE_PATH"], instance_relative_config=True,
                template_folder=str(ROOT / "templates"), static_folder=str(Path(__file__).parent / "static"))
    app.config.from_mapping(settings)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    from . import web

    web.init_app(app)
    from . import page_cache

    page_cache.init_app(app)  # after web: it needs to know who is signed in

    from . import admin, api, auth, editing, pages

    app.register_blueprint(pages.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(editing.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(admin.bp)
    from . import search_views
    app.register_blueprint(search_views.bp)
    from . import report_views
    app.register_blueprint(report_views.bp)
    from . import action_views
    app.register_blueprint(action_views.bp)
    return app
