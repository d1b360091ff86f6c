"""The ``tracker`` command line."""

from __future__ import annotations

import json

import click

from .documents import InvalidDocument, read_path


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Scrutiny Tracker: meeting minutes, questions, resolutions and actions."""


@cli.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=str))
@click.option("--format", "output_format", type=click.Choice(["json", "text"]), default="text", show_default=True,
              help="json: the extraction contract for tools; text: items and threads for people.")
def extract(path: str, output_format: str) -> None:
    """Segment the minutes in PATH (text, HTML, PDF or DOCX) and print what was found."""
    from nlp import SegmenterError, segment

    from .render import minutes_as_text

    try:
        document = read_path(path)
        minutes = segment(document.text)
    except (InvalidDocument, SegmenterError) as error:
        message = getattr(error, "message", None) or str(error)
        name = path.rsplit("/", 1)[-1]
        raise click.ClickException(message if name in message else f"{path}: {message}") from None
    for warning in (*document.warnings, *minutes.warnings):
        click.echo(f"warning: {path}: {warning}", err=True)
    if output_format == "json":
        click.echo(json.dumps(minutes.to_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(minutes_as_text(minutes))


@cli.group()
def bench() -> None:
    """Benchmarks that print figures measured against a baseline in the same run."""


@bench.command("segment")
@click.option("--repeat", default=5, show_default=True, help="Timed runs of each side; the best is kept.")
@click.option("--copies", default=20, show_default=True, help="How many times the corpus text is repeated per run.")
def bench_segment(repeat: int, copies: int) -> None:
    """Words per second of the whole segmenter against spaCy's bare tokenizer."""
    from .benchmarks import segment_benchmark

    for line in segment_benchmark(repeat=repeat, copies=copies):
        click.echo(line)


def main() -> None:
    cli(prog_name="tracker")


if __name__ == "__main__":
    main()
