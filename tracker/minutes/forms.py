"""Forms on the editors' minutes pages: upload, meeting details and record corrections."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import HiddenField, IntegerField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from nlp.records import ActionKind, ResolutionKind

from ..web.forms import PerRecordForm, WrittenDateField

UPLOAD_EXTENSIONS = ["txt", "html", "htm", "pdf", "docx"]
RECORD_KIND_CHOICES = [SelectChoice(kind, kind.capitalize())
                       for kind in ("question", "response", "comment", "resolution", "action")]
ITEM_KIND = "item"  # on the add form: the selection is the heading of an agenda item the segmenter missed
ACTION_KIND_CHOICES = [SelectChoice(k.value, k.value.replace("_", " ").capitalize()) for k in ActionKind]
MAX_RECORD_TEXT = 20_000


class NewMinutesForm(FlaskForm):
    """Paste minutes or upload a file, with the committee and date when the minutes do not say."""

    text = TextAreaField("Paste the minutes", validators=[Optional()])
    file = FileField("Or upload a file", validators=[FileAllowed(UPLOAD_EXTENSIONS, message=(
        "Upload a .txt, .html, .pdf or .docx file"))])
    council = StringField("Council or other body", validators=[Optional(), Length(max=200, message=(
        "Keep the council's name under 200 characters"))])
    committee = SelectField("Committee", choices=[])
    new_committee = StringField("Or a new committee's name", validators=[Optional(), Length(max=200, message=(
        "Keep the committee's name under 200 characters"))])
    meeting_date = WrittenDateField("Meeting date", validators=[Optional()])
    kept = HiddenField()  # the token of a file chosen before a submit that failed (see ingest.keep_pending)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        pasted = bool((self.text.data or "").strip())
        chosen = self.file.data or self.kept.data
        if pasted and chosen:
            self.file.errors.append("Paste the minutes or upload a file, not both")
            valid = False
        elif not pasted and not chosen and not self.file.errors:
            self.file.errors.append("Paste the minutes or choose a file to upload")
            valid = False
        chosen, typed = self.committee.data or "", " ".join((self.new_committee.data or "").split())
        if chosen and typed and chosen.casefold() != typed.casefold():
            self.new_committee.errors.append("Choose a committee or type a new name, not both")
            valid = False
        return valid


class MeetingDetailsForm(FlaskForm):
    """Which council's committee met, when, and the meeting's title."""

    council = StringField("Council or other body", validators=[Optional(), Length(max=200, message=(
        "Keep the council's name under 200 characters"))])
    committee = StringField("Committee", validators=[DataRequired(message="Enter the committee's name"), Length(
        max=200, message="Keep the committee's name under 200 characters")])
    date = WrittenDateField("Meeting date", validators=[Optional()])
    title = StringField("Title", validators=[Optional(), Length(max=500, message=(
        "Keep the title under 500 characters"))])


class RecordKindForm(PerRecordForm):
    kind = SelectField("Change it to", choices=RECORD_KIND_CHOICES)


class RecordEditForm(PerRecordForm):
    """What a record says and names; `for_kind` keeps only the fields that kind of record has."""

    text = TextAreaField("Text", validators=[DataRequired(message="Enter the text of the record"), Length(
        max=MAX_RECORD_TEXT, message=f"Keep the text under {MAX_RECORD_TEXT:,} characters")])
    who = StringField("Person", validators=[Optional(), Length(max=200, message="Keep the name under 200 characters")])
    resolution_kind = SelectField("Kind of resolution", choices=[SelectChoice(k.value, k.value.capitalize())
                                                                 for k in ResolutionKind])
    owner = StringField("Owner", validators=[Optional(), Length(max=200, message="Keep the name under 200 characters")])
    action_kind = SelectField("Kind of action", choices=ACTION_KIND_CHOICES, validate_choice=False)  # checked by the service
    due = StringField("Due, as minuted", validators=[Optional(), Length(max=200, message=(
        "Keep it under 200 characters"))])
    due_date = WrittenDateField("Due date", validators=[Optional()])
    reason = TextAreaField("Reason for changing the due date", validators=[Optional(), Length(max=2000, message=(
        "Keep the reason under 2,000 characters"))])

    _FIELDS = {"question": ("text", "who"), "response": ("text", "who"), "comment": ("text", "who"),
               "resolution": ("text", "resolution_kind"), "action": ("text", "owner", "action_kind", "due", "due_date", "reason")}
    _WHO = {"question": "Asked by", "response": "Answered by", "comment": "Speaker"}

    @classmethod
    def for_kind(cls, kind: str, **kwargs) -> "RecordEditForm":
        form = cls(**kwargs)
        for name in ("who", "resolution_kind", "owner", "action_kind", "due", "due_date", "reason"):
            if name not in cls._FIELDS[kind]:
                delattr(form, name)
        if kind in cls._WHO:
            form.who.label.text = cls._WHO[kind]
        return form


class LinkResponseForm(PerRecordForm):
    """The question a response answers: one under the same item, or any of the meeting's by its number."""

    question = SelectField("The question it answers", choices=[], validate_choice=False)  # checked by the service
    number = IntegerField("Or the number of a question elsewhere in the meeting", validators=[Optional(), NumberRange(
        min=1, message="Give a number of 1 or more")])


class SplitForm(PerRecordForm):
    """Where to split: a sentence boundary chosen from a list, or (with JavaScript) the place selected in the text."""

    boundary = SelectField("Split between sentences", choices=[], validate_choice=False)  # checked by the service
    at = IntegerField("Or split where the selection starts", validators=[Optional(), NumberRange(
        min=1, message="Select a place inside the text to split at")])


class AddRecordForm(FlaskForm):
    """A record for a passage of the source, quoted (or selected, with JavaScript)."""

    kind = SelectField("Kind", choices=[*RECORD_KIND_CHOICES, SelectChoice(ITEM_KIND, "Agenda item (the selection is its heading)")])
    item = SelectField("Agenda item", choices=[])
    who = StringField("Person: who asked, answered or spoke, or who owns the action", validators=[
        Optional(), Length(max=200, message="Keep the name under 200 characters")])
    quote = TextAreaField("Text, quoted exactly from the minutes", validators=[Optional(), Length(
        max=MAX_RECORD_TEXT, message=f"Keep the text under {MAX_RECORD_TEXT:,} characters")])
    occurrence = IntegerField("Which occurrence, if the text appears more than once", validators=[Optional(),
                              NumberRange(min=1, message="Give a number of 1 or more")])
    start = IntegerField("Start position in the source", validators=[Optional(), NumberRange(
        min=0, message="Give a number of 0 or more")])
    end = IntegerField("End position in the source", validators=[Optional(), NumberRange(
        min=1, message="Give a number of 1 or more")])


class PredecessorForm(FlaskForm):
    """An editor names the committee this one replaced (its council's committees are the choices)."""

    predecessor = SelectField("This committee replaced", choices=[], validate_choice=False)
