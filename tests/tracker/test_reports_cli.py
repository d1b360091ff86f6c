"""An officer prints a report's structure as JSON, and attaches a report to stored minutes from the command line."""

import json

import pytest

from conftest import CORPUS, shared_page
from tracker.cli import cli

SEED = CORPUS / "reports" / "stockport-2023-cfe-mid-year-pprr.txt"
CONTRACT = {"title", "period", "priorities", "indicators", "tables"}
INDICATOR_KEYS = {"code", "name", "priority", "good", "two_years_ago", "previous", "value", "value_date", "numerator",
                  "denominator", "forecast", "target", "rag", "trend", "raw"}


def test_reports_cli_extract_report_json_keeps_the_contract(runner):
    result = runner.invoke(cli, ["extract", "--report", str(SEED), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert CONTRACT <= set(data)
    assert len(data["indicators"]) == 45 and len(data["priorities"]) == 5 and len(data["tables"]) == 10
    assert all(INDICATOR_KEYS <= set(row) for row in data["indicators"])
    row = next(r for r in data["indicators"] if r["code"] == "CFE.71")
    assert (row["value"], row["value_date"], row["rag"], row["numerator"]) == (64.5, "2023-09-30", "red", 420)
    assert set(data["tables"][0]) >= {"title", "columns", "rows"}


def test_reports_cli_extract_report_bad_file_is_one_line_and_non_zero(runner, tmp_path):
    missing = runner.invoke(cli, ["extract", "--report", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 1 and "no file" in missing.output and "Traceback" not in missing.output
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf at all")
    result = runner.invoke(cli, ["extract", "--report", str(junk), "--format", "json"])
    assert result.exit_code == 1 and "Traceback" not in result.output


@pytest.fixture
def instance(tmp_path, monkeypatch):
    folder = tmp_path / "instance"
    monkeypatch.setenv("TRACKER_INSTANCE", str(folder))
    monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)
    return folder


def test_reports_cli_ingest_report_attaches_to_a_meeting_item_and_links(runner, instance):
    assert runner.invoke(cli, ["db", "upgrade"]).exit_code == 0
    assert runner.invoke(cli, ["ingest", str(shared_page("dev/stockport-seed-001.txt")), "--publish"]).exit_code == 0
    result = runner.invoke(cli, ["ingest-report", str(SEED), "--meeting", "1", "--item", "5"])
    assert result.exit_code == 0, result.output
    assert "45 indicators" in result.stdout and "links to records" in result.stdout
    again = runner.invoke(cli, ["ingest-report", str(SEED), "--meeting", "1"])
    assert again.exit_code == 0 and "unchanged" in again.stdout
    assert "links" in runner.invoke(cli, ["relink-reports"]).stdout
    wrong = runner.invoke(cli, ["ingest-report", str(SEED), "--meeting", "99"])
    assert wrong.exit_code == 1 and "no meeting 99" in wrong.output
    no_item = runner.invoke(cli, ["ingest-report", str(SEED), "--meeting", "1", "--item", "77"])
    assert no_item.exit_code == 2 and "no agenda item" in no_item.output
