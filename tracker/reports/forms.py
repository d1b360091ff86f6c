"""The form an editor uses to attach a report to a meeting."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import SelectField

REPORT_EXTENSIONS = ["txt", "md", "html", "htm", "pdf", "docx"]


class ReportUploadForm(FlaskForm):
    """A report file, and the agenda item that considered it (when there is one)."""

    file = FileField("Report file", validators=[
        FileRequired(message="Choose the report file to upload"),
        FileAllowed(REPORT_EXTENSIONS, message="Upload a .txt, .md, .html, .pdf or .docx file")])
    item = SelectField("Agenda item", choices=[], validate_choice=True)
