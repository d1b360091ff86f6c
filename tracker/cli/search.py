"""`tracker search` (search from the command line) and `tracker reindex` (rebuild the index)."""

from __future__ import annotations

import json

import click

from .base import checked_engine, cli, settings


def _search_backend(engine):
    """The configured search backend (the SEARCH setting), opened and reconciled with the database."""
    # imported when the command runs, so that `tracker --help` stays quick
    from ..search import SearchConfigError, SearchUnavailable, make_backend
    from ..search.engines import start

    config = settings()
    try:
        backend = make_backend(name=config["SEARCH"], database_url=config["DATABASE_URL"],
                               instance_path=config["INSTANCE_PATH"])
        start(engine, backend, say=lambda message: click.echo(message, err=True))
    except (SearchConfigError, SearchUnavailable) as error:
        engine.dispose()
        raise click.ClickException(str(error)) from None
    return backend


@cli.command("search")
@click.argument("query", nargs=-1)
@click.option("--kind", multiple=True, help="item, question, response, comment, resolution or action (repeatable).")
@click.option("--committee", multiple=True, help="Committee name or part of it (repeatable).")
@click.option("--council", multiple=True, help="Council (or other body) by name or slug (repeatable).")
@click.option("--from", "date_from", help="Meetings on or after YYYY-MM-DD.")
@click.option("--to", "date_to", help="Meetings on or before YYYY-MM-DD.")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("--exact", is_flag=True, help="Exact words only (no stemming).")
@click.option("--drafts", is_flag=True, help="Include draft meetings (as editors see them).")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--format", "output_format", type=click.Choice(["json", "text"]), default="text", show_default=True)
def search_command(query, kind, committee, council, date_from, date_to, sort, exact, drafts, limit,
                   output_format) -> None:
    """Search the stored minutes for QUERY (words, "phrases", AND/OR/NOT, kind:, committee:, asker:)."""
    # imported when the command runs, so that `tracker --help` stays quick
    import re as _re

    from sqlmodel import Session

    from ..search import QueryError, SearchUnavailable, build_request, run_search

    engine = checked_engine()
    backend = _search_backend(engine)
    try:
        with Session(engine) as session:  # closed (its connection returned) before the engine is disposed
            request = build_request(session=session, text=" ".join(query), kinds=kind, committees=committee,
                                    councils=council, date_from=date_from, date_to=date_to, sort=sort, exact=exact,
                                    include_drafts=drafts, per_page=limit)
            if request.tree is None and not (request.kinds or request.committees or request.date_from
                                             or request.date_to):
                raise QueryError("Say what to search for, as in: tracker search \"home to school transport\"")
            results = run_search(session=session, backend=backend, request=request)
    except (QueryError, SearchUnavailable) as error:
        raise click.ClickException(str(error)) from None
    finally:
        backend.close()
        engine.dispose()
    if output_format == "json":
        click.echo(json.dumps(results.to_dict(), ensure_ascii=False, indent=1))
        return
    for notice in results.notices:
        click.echo(notice)
    if not results.hits:
        click.echo("no results" + (f"; did you mean: {results.suggestion}" if results.suggestion else ""))
        for name, url in results.nearest:
            click.echo(f"perhaps: {name} {url}")
        return
    click.echo(f"{results.total} result(s); showing {len(results.hits)}")
    for number, hit in enumerate(results.hits, 1):
        snippet = _re.sub(r"</?mark>", "*", str(hit.snippet))
        # imported when the command runs, so that `tracker --help` stays quick
        from html import unescape

        where = f"{hit.body}, {hit.meeting_date or 'undated'}"
        if hit.item_title and hit.kind != "item":
            where += f", item {hit.item_number or ''} {hit.item_title[:60]}".replace("  ", " ")
        click.echo(f"\n{number}. [{hit.kind}] {where}{' (draft)' if hit.draft else ''}")
        click.echo(f"   {(hit.speaker + ': ') if hit.speaker else ''}{unescape(snippet)}")
        if hit.kind == "action":
            click.echo(f"   status: {hit.status}; owner: {hit.owner or 'not named'}; due: {hit.due_date or 'no date'}")
        for response in hit.responses:
            click.echo(f"   -> {(response.responder + ': ') if response.responder else ''}{response.text[:200]}")
        click.echo(f"   {hit.url}")


@cli.command()
def reindex() -> None:
    """Rebuild the search index from the database (into a new place, then swapped in)."""
    # imported when the command runs, so that `tracker --help` stays quick
    import time as _time

    engine = checked_engine()
    backend = _search_backend(engine)
    started = _time.perf_counter()
    try:
        count = backend.rebuild(engine)
    finally:
        backend.close()
        engine.dispose()
    click.echo(f"search index ({backend.name}) rebuilt: {count} documents in {_time.perf_counter() - started:.1f} s")
