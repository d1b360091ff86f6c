"""A scrutiny officer reads a council performance report into priorities, indicator rows and tables."""

import datetime as dt
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from tracker.reports import parse_report
from tracker.reports.parser import parse_number, parse_rag, parse_trend, parse_value
from tracker.reports.reading import read_report_document

SEED_NAME = "stockport-2023-cfe-mid-year-pprr.txt"
SEED = CORPUS / "reports" / SEED_NAME
SHARED_SEED = CORPUS.parent.parent / "shared" / "seeds" / "003_e257ccbf61b5251b.txt"

# Every indicator row of the seed: code -> (priority, value, RAG, trend), as the report prints them.
SEED_ROWS = {
    "CFE 5": (1, 87.7, "green", "worsening"), "CFE 8": (1, 98, "green", "stable"),
    "CFE 9(i)": (1, 67.6, "red", "improving"), "CFE 9(ii)": (1, 47.2, "green", "improving"),
    "CFE.65": (1, 80.5, "amber", "stable"), "CFE.66": (1, 52, None, "stable"), "CFE.67": (1, 47.2, None, None),
    "CFE 10": (2, 92.8, "green", "improving"), "CFE 11": (2, 62.2, "red", "improving"),
    "CFE 12(ii)": (2, 25, "red", "worsening"), "CFE 12(iii)": (2, 37.2, "red", "worsening"),
    "CFE 15": (2, 47.8, "red", "worsening"), "CFE 16(i)": (2, 47.7, "red", "worsening"),
    "CFE 16(ii)": (2, None, None, None), "CFE 16(iii)": (2, None, None, None),
    "CFE.68": (2, 75.3, "amber", "worsening"), "CFE.69": (2, 58.5, "amber", "worsening"),
    "CFE 9(iv)": (3, 24.9, "green", "improving"), "CFE 12(v)": (3, 25.3, "red", "improving"),
    "CFE 15(iii)": (3, 20.6, "red", "worsening"), "CFE 16(v)": (3, 34.9, "amber", "worsening"),
    "CFE 62": (3, 36.3, None, None),
    "CFE.71": (4, 64.5, "red", None), "CFE.72": (4, 63, None, None), "CFE.73": (4, 46, None, None),
    "CFE.74": (4, 8.7, None, None), "CFE.36": (4, 2.69, None, None), "CFE.37": (4, 0.29, None, None),
    "CFE.75": (5, 19, None, None), "CFE.76": (5, 84.2, None, None), "CFE.77": (5, 59.7, None, None),
    "CFE.81": (5, 16, None, None), "CFE.82a": (5, 92, None, None), "CFE.82b": (5, 92, None, None),
    "CFE.82c": (5, 58.3, None, None), "CFE.82d": (5, 70, None, None), "CFE.83": (5, 59, None, None),
    "CFE.53": (5, 90.8, "amber", "worsening"), "CFE.54": (5, 92.5, "amber", "worsening"),
    "CFE.55": (5, 44, "green", "stable"), "CFE.78": (5, 68.4, None, None), "CFE.79": (5, 64.3, None, None),
    "CFE.80": (5, 8.8, None, None), "CFE.42": (5, 0.25, "red", "worsening"), "CFE.70": (5, 16.8, None, "worsening"),
}


@pytest.fixture(scope="module")
def seed():
    if SHARED_SEED.exists() and not SEED.exists():  # the shared copy seeds the corpus copy the tests read
        shutil.copy(SHARED_SEED, SEED)
    return parse_report(SEED.read_text(encoding="utf-8"))


def test_reports_parser_corpus_copy_is_the_shared_seed():
    if not SHARED_SEED.exists():
        pytest.skip("the shared seeds are not on this machine")
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_reports_parser_reads_the_seed_title_period_and_five_priorities(seed):
    assert seed.title == ("Children, Families and Education: Portfolio Performance and Resources – "
                          "Mid-Year Report 2023/24")
    assert seed.period == "Mid-Year 2023/24"
    assert [p.number for p in seed.priorities] == [1, 2, 3, 4, 5]
    assert seed.priorities[2].title == "Special Educational Needs and Disabilities (SEND)"
    assert seed.priorities[4].title.startswith("Children and young people live safely and happily")


def test_reports_parser_reads_every_indicator_row_of_the_seed_with_rag_and_trend(seed):
    got = {i.code: (i.priority, i.value, i.rag, i.trend) for i in seed.indicators}
    assert len(seed.indicators) == 45
    assert got == SEED_ROWS
    assert seed.warnings == []


def test_reports_parser_parses_values_dates_fractions_and_targets(seed):
    rows = {i.code: i for i in seed.indicators}
    early_help = rows["CFE.71"]
    assert (early_help.value, early_help.unit, early_help.value_date) == (64.5, "%", dt.date(2023, 9, 30))
    assert (early_help.numerator, early_help.denominator, early_help.target) == (420, 651, 80)
    assert early_help.section == "Early help"
    assert early_help.raw["rag"] == "R" and "<span" not in str(early_help.raw)
    first = rows["CFE 5"]
    assert (first.good, first.category, first.two_years_ago, first.previous, first.target) == (
        "high", "Council", 90.5, 91.2, 87)
    assert rows["CFE 9(ii)"].target is None and rows["CFE 9(ii)"].target_text == "Maximise"
    assert rows["CFE 62"].good is None and rows["CFE 62"].category == "Contextual"
    assert rows["CFE.55"].value_date == dt.date(2022, 3, 31)
    assert rows["CFE.42"].good == "low" and rows["CFE.42"].target == 0.23
    assert rows["CFE 16(ii)"].value is None and rows["CFE 16(ii)"].previous == 25.1
    assert rows["CFE 9(i)"].key == "cfe-9-i" and rows["CFE.82a"].key == "cfe-82a"


def test_reports_parser_keeps_the_financial_tables_as_tables(seed):
    titles = [t.title for t in seed.tables]
    assert len(seed.tables) == 10
    assert "Current Budget at Q2" in titles and "Transfer from reserves" in titles
    budget = next(t for t in seed.tables if t.title == "Current Budget at Q2")
    assert budget.columns[1] == "Budget at Q1 £000"
    assert budget.rows[-1] == ["Cash Limit", "51,926", "1,015", "52,941"]
    assert budget.to_dict()["values"][-1] == ["Cash Limit", 51926, 1015, 52941]
    outturn = next(t for t in seed.tables if t.title == "Outturn Forecast")
    assert outturn.columns[1] == "Net Cash Limit Budget (£000)"  # the units row joined the header
    reserves = next(t for t in seed.tables if t.title == "Transfer from reserves")
    assert len(reserves.rows) == 36  # across the blank line in the middle of the table
    placements = next(t for t in seed.tables if t.title == "Placements")
    assert placements.to_dict()["values"][-1] == ["Total", -0.029]


@pytest.mark.parametrize("cell, expected", [
    ("90.5 %", (90.5, "%")), ("4,535", (4535, None)), ("(0.155)", (-0.155, None)), ("£4.535m", (4.535, "£m")),
    ("Maximise", (None, None)), ("", (None, None)), ("N/A", (None, None)), ("<b>2.110</b>", (2.11, None)),
])
def test_reports_parser_numbers(cell, expected):
    assert parse_number(cell) == expected


@pytest.mark.parametrize("cell, expected", [
    ("R", "red"), ("Red", "red"), ("a", "amber"), ("GREEN", "green"), ('<span style="color: red;">R</span>', "red"),
    ("N/A", None), ("", None),
])
def test_reports_parser_rag_words_and_letters(cell, expected):
    assert parse_rag(cell) == (expected, True)


@pytest.mark.parametrize("cell, expected", [
    ("↑", "improving"), ("↓", "worsening"), ("→", "stable"), ("○", None), ("Getting better", "improving"),
    ("Getting worse", "worsening"), ("Stable", "stable"), ("Deteriorating", "worsening"),
])
def test_reports_parser_trend_arrows_and_words(cell, expected):
    assert parse_trend(cell) == (expected, True)


def test_reports_parser_value_cell_with_month_date_and_no_number():
    value = parse_value("(Sep-23)")
    assert value.number is None and value.date == dt.date(2023, 9, 30)
    assert parse_value("12 / 48 (31/03/2024)").number == 25.0


REPORT_WITH_BAD_TABLES = """# Adult Social Care Performance Report
## Quarter 3 2024/25

## Priority One: People live independently

| Ref | Measure | Polarity | 2022/23 | 2023/24 | Target | RAG | Direction of travel |
|-----|---------|----------|---------|---------|--------|-----|----|
| ASC 1a | Adults in paid employment | Higher | 5.1% | 6.2% | 6% | Green | Improving |
| ASC 2 | Delayed transfers of care | Lower | 12 | 14 | 10 | Purple | Sideways |
| ASC 3 | Short row |
ASC 4: A tab row in a pipe table\tHigh\t3

Priority 2 – Safe services
Indicator\tGood\tValue\tRAG
PH 7: Smoking in pregnancy\tLow\t9.1% (31/12/2024)
PH 8: Breastfeeding\tHigh\tnot yet\tA\t↗\textra
"""


def test_reports_parser_malformed_tables_give_what_can_be_read_and_warnings():
    report = parse_report(REPORT_WITH_BAD_TABLES)
    assert report.period == "Quarter 3 2024/25"
    assert [(p.number, p.title) for p in report.priorities] == [(1, "People live independently"),
                                                               (2, "Safe services")]
    rows = {i.code: i for i in report.indicators}
    assert (rows["ASC 1a"].previous, rows["ASC 1a"].value, rows["ASC 1a"].rag, rows["ASC 1a"].trend) == (
        5.1, 6.2, "green", "improving")
    assert rows["ASC 1a"].name == "Adults in paid employment" and rows["ASC 1a"].good == "high"
    assert rows["ASC 2"].rag is None and rows["ASC 2"].raw["rag"] == "Purple"
    assert "ASC 3" in rows and rows["PH 7"].value == 9.1 and rows["PH 7"].priority == 2
    assert rows["PH 8"].trend == "improving" and rows["PH 8"].rag == "amber"
    warnings = "\n".join(report.warnings)
    assert "Purple" in warnings and "Sideways" in warnings and "cells" in warnings


def test_reports_parser_html_tables_are_read_row_by_row():
    page = b"""<html><body><h1>Performance Report Quarter 2 2024/25</h1><h2>Priority 1: Thriving places</h2>
    <table><tr><th>Indicator</th><th>Good</th><th>Previous</th><th>Value</th><th>Target</th><th>RAG</th>
    <th>Trend</th></tr><tr><td>ENV 1: Household waste <b>recycled</b></td><td>High</td><td>41%</td>
    <td>43% (30/09/2024)</td><td>45%</td><td>A</td><td>&#8593;</td></tr></table></body></html>"""
    report = parse_report(read_report_document(page, filename="report.html").text)
    [row] = report.indicators
    assert (row.code, row.name, row.value, row.rag, row.trend, row.priority) == (
        "ENV 1", "Household waste recycled", 43, "amber", "improving", 1)


def test_reports_parser_markdown_files_are_read_as_text():
    document = read_report_document(b"# Report\n\nCFE.1: A\tHigh\t1\t2\t3 (30/09/2023)\t\t4\tR\t\xe2\x86\x93\n",
                                    filename="report.md")
    assert parse_report(document.text).indicators[0].rag == "red"


def test_reports_parser_no_tables_is_a_warning_not_an_error():
    report = parse_report("Just a paragraph of prose about the council.")
    assert report.indicators == [] and report.warnings == ["no indicator tables were found"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("CFE .:()|\t\n#*-–/%£0123456789RAGiv↑↓→○Priority<>bspan")) ) | st.text())
def test_reports_parser_any_text_never_raises(text):
    report = parse_report(text)
    assert isinstance(report.to_dict(), dict)
