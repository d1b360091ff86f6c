"""An officer runs `tracker extract` on minutes in any format and gets records, or one clear line saying what is wrong."""

import json
import re

import pytest

from conftest import SHARED_CORPUS, needs_shared
from factories import PDF_IMAGE_PAGE, PDF_TEXT_PAGE, build_docx, build_pdf, encrypt_pdf
from tracker.cli import cli

CONTRACT = {
    "meeting": {"committee", "date", "title"},
    "agenda_items": {"number", "title", "start", "end"},
    "questions": {"item", "text", "asker", "start", "end", "rule"},
    "responses": {"item", "text", "responder", "answers", "start", "end", "rule"},
    "comments": {"item", "text", "speaker", "start", "end", "rule"},
    "resolutions": {"item", "text", "kind", "start", "end", "rule"},
    "actions": {"item", "text", "kind", "owner", "due", "due_date", "start", "end", "rule"},
}
SEED = SHARED_CORPUS / "dev" / "stockport-seed-000.txt"  # a real page, read in place


def test_cli_help_lists_every_command_and_each_has_help(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    commands = re.findall(r"^  (\w+)\s", result.output.split("Commands:")[1], re.M)
    assert {"extract", "bench"} <= set(commands)
    for command in commands:
        assert runner.invoke(cli, [command, "--help"]).exit_code == 0


@needs_shared
def test_cli_extract_json_keeps_the_contract(runner):
    result = runner.invoke(cli, ["extract", str(SEED), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for key, fields in CONTRACT.items():
        records = [data[key]] if key == "meeting" else data[key]
        assert records, key
        for record in records:
            assert fields <= record.keys(), key
    assert data["meeting"]["date"] == "2022-11-23"
    for key in ("questions", "responses", "resolutions", "actions"):
        for record in data[key]:
            assert data["text"][record["start"] : record["end"]] == record["text"]
    assert data["actions"][0]["due"] == "a future meeting in 2023"


@needs_shared
def test_cli_extract_text_shows_answers_under_their_questions(runner):
    result = runner.invoke(cli, ["extract", str(SEED)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    question = next(i for i, line in enumerate(lines) if line.startswith("   Q [Members] Members enquired"))
    assert lines[question + 1].startswith("      A In response, it was stated that a report")
    assert any(line.startswith("   ACTION [report back; due: a future meeting in 2023 (2023-12-31)]") for line in lines)


def test_cli_extract_reads_pdf_and_docx(runner, tmp_path):
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(build_pdf([PDF_TEXT_PAGE]))
    docx = tmp_path / "minutes.docx"
    docx.write_bytes(build_docx())
    for path in (pdf, docx):
        result = runner.invoke(cli, ["extract", str(path), "--format", "json"])
        assert result.exit_code == 0, result.output
        assert [r["kind"] for r in json.loads(result.stdout)["resolutions"]][:1] == ["noted"], path.name


def test_cli_extract_reads_cp1252_text(runner, tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_bytes("5 Budget\r\n\r\nRESOLVED \u2013 That the \u00a32.3m \u201cStaying Close\u201d bid be noted.\r\n".encode("cp1252"))
    result = runner.invoke(cli, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["resolutions"][0]["text"] == "RESOLVED \u2013 That the \u00a32.3m \u201cStaying Close\u201d bid be noted."


def test_cli_extract_warns_when_no_structure_is_found(runner, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Some notes about the weather.\n")
    result = runner.invoke(cli, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert "warning:" in result.stderr and "untitled item" in result.stderr
    assert [i["title"] for i in json.loads(result.stdout)["agenda_items"]] == ["Untitled item"]


def _write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda tmp: str(tmp / "missing.txt"), "no file at"),
        (lambda tmp: _write(tmp, "empty.txt", b""), "empty"),
        (lambda tmp: _write(tmp, "junk.txt", bytes(range(256)) * 40), "binary"),
        (lambda tmp: _write(tmp, "scan.pdf", build_pdf([PDF_IMAGE_PAGE])), "no text layer"),
        (lambda tmp: _write(tmp, "locked.pdf", encrypt_pdf(build_pdf([PDF_TEXT_PAGE]), user_password="s3cret")), "password"),
        (lambda tmp: _write(tmp, "huge.txt", b"a" * (20 * 1024 * 1024 + 1)), "limit is 20"),
        (lambda tmp: _write(tmp, "page.pdf", b"<html><body><p>Minutes</p></body></html>"), "not a PDF"),
    ],
    ids=["missing", "empty", "binary", "image-only-pdf", "password-pdf", "too-large", "wrong-extension"],
)
def test_cli_extract_bad_input_gives_one_clear_line(runner, tmp_path, make, message):
    result = runner.invoke(cli, ["extract", make(tmp_path)])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    error_lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(error_lines) == 1 and error_lines[0].startswith("Error: ")
    assert message in error_lines[0]


def test_cli_bench_segment_prints_both_rates_and_their_ratio(runner):
    result = runner.invoke(cli, ["bench", "segment", "--repeat", "1", "--copies", "1"])
    assert result.exit_code == 0, result.output
    assert re.search(r"bare tokenizer .*: +[\d,]+ words/s", result.output)
    assert re.search(r"whole segmenter .*: +[\d,]+ words/s", result.output)
    assert re.search(r"ratio: [\d.]+% of the tokenizer's rate", result.output)


def test_cli_extract_reads_a_saved_moderngov_page(runner):
    page = __import__("pathlib").Path(__file__).parent / "fixtures" / "moderngov_agenda_and_minutes.html"
    result = runner.invoke(cli, ["extract", str(page), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["meeting"]["date"] == "2024-10-16"
    assert [(i["number"], i["title"]) for i in data["agenda_items"]] == [("1", "Apologies for Absence"), ("2", "Highways Maintenance Budget")]
    assert data["responses"][0]["answers"] == 0
    assert data["actions"][0]["text"] == "a list of roads would be circulated"


def test_cli_extract_refuses_text_longer_than_the_segmenter_takes(runner, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Members noted the report. " * 45_000)
    result = runner.invoke(cli, ["extract", str(path)])
    assert result.exit_code != 0
    assert "the limit is 1,000,000" in result.stderr and "Traceback" not in result.output
