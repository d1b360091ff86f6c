"""Scrutinised reports: performance reports a committee considered, their indicators, and the questions about them.

``parse_report`` (plain Python) reads a report's text; ``service`` stores reports against
meetings and links the meeting's questions, comments and actions to the priorities and
indicators they mention.
"""

from .parser import ParsedReport, parse_report

__all__ = ["ParsedReport", "parse_report"]
