"""WTForms forms (CSRF-protected through Flask-WTF); validation messages are shown next to each field."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class LoginForm(FlaskForm):
    username = StringField("User name", validators=[DataRequired(message="Enter your user name"), Length(max=100)])
    password = PasswordField("Password", validators=[DataRequired(message="Enter your password"), Length(max=200)])


class ConfirmForm(FlaskForm):
    """A form with nothing but its CSRF token: for buttons that change state (log out, publish, delete)."""


class ActionStatusForm(FlaskForm):
    """Change an action's status (officers and up). Rendered once per action, so each gets a prefix ("a12-")."""

    status = SelectField("New status", choices=[
        SelectChoice("open", "Open"), SelectChoice("in_progress", "In progress"), SelectChoice("done", "Done"),
        SelectChoice("dropped", "Dropped")], validators=[DataRequired(message="Choose a status")])
    note = TextAreaField("Note (needed when dropping)", validators=[Optional(), Length(max=2000, message=(
        "Keep the note under 2,000 characters"))])
    seen = HiddenField()  # the status the officer saw, so a change made meanwhile by someone else is not overwritten


# --- admin ---

from wtforms import SelectChoice  # noqa: E402
from wtforms.validators import EqualTo  # noqa: E402

from ..accounts.users import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH  # noqa: E402

ROLE_CHOICES = [SelectChoice("officer", "Officer: updates the status of actions"),
                SelectChoice("editor", "Editor: adds, corrects and publishes minutes"),
                SelectChoice("admin", "Admin: everything, and manages users")]
_PASSWORD_LENGTH = Length(min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH,
                          message=f"A password needs {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters")


def _new_password(label="Password"):
    return PasswordField(label, validators=[DataRequired(message="Enter a password"), _PASSWORD_LENGTH])


def _confirm_password():
    return PasswordField("Confirm the password", validators=[
        DataRequired(message="Enter the password again"),
        EqualTo("password", message="The two passwords are not the same")])


class AddUserForm(FlaskForm):
    """An admin adds someone who can sign in."""

    username = StringField("User name", validators=[DataRequired(message="Enter a user name"), Length(
        max=100, message="A user name has at most 100 characters")])
    role = SelectField("Role", choices=ROLE_CHOICES, validators=[DataRequired(message="Choose a role")])
    password = _new_password()
    confirm = _confirm_password()


class RoleForm(FlaskForm):
    """An admin changes what a user may do."""

    role = SelectField("Role", choices=ROLE_CHOICES, validators=[DataRequired(message="Choose a role")])


class PasswordResetForm(FlaskForm):
    """An admin sets a new password for a user (ending their sessions)."""

    password = _new_password("New password")
    confirm = _confirm_password()


# --- editing ---

from flask_wtf.file import FileAllowed, FileField  # noqa: E402
from wtforms import DateField, IntegerField, SelectChoice  # noqa: E402
from wtforms.validators import NumberRange  # noqa: E402

from nlp.records import ResolutionKind  # noqa: E402

UPLOAD_EXTENSIONS = ["txt", "html", "htm", "pdf", "docx"]
RECORD_KIND_CHOICES = [SelectChoice(kind, kind.capitalize())
                       for kind in ("question", "response", "comment", "resolution", "action")]
MAX_RECORD_TEXT = 20_000


class WrittenDateField(DateField):
    """A date box whose error says how to write the date."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError("Enter the date as YYYY-MM-DD, for example 2024-10-16") from None


class PerRecordForm(FlaskForm):
    """A form rendered once per record: field names stay plain, ids take `ident` so every label is unique."""

    def __init__(self, *args, ident: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if ident:
            for field in self:
                field.id = f"{ident}-{field.name}"
                field.label.field_id = field.id


class NewMinutesForm(FlaskForm):
    """Paste minutes or upload a file, with the committee and date when the minutes do not say."""

    text = TextAreaField("Paste the minutes", validators=[Optional()])
    file = FileField("Or upload a file", validators=[FileAllowed(UPLOAD_EXTENSIONS, message=(
        "Upload a .txt, .html, .pdf or .docx file"))])
    committee = SelectField("Committee", choices=[])
    new_committee = StringField("Or a new committee's name", validators=[Optional(), Length(max=200, message=(
        "Keep the committee's name under 200 characters"))])
    meeting_date = WrittenDateField("Meeting date", validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        pasted = bool((self.text.data or "").strip())
        if pasted and self.file.data:
            self.file.errors.append("Paste the minutes or upload a file, not both")
            valid = False
        elif not pasted and not self.file.data and not self.file.errors:
            self.file.errors.append("Paste the minutes or choose a file to upload")
            valid = False
        chosen, typed = self.committee.data or "", " ".join((self.new_committee.data or "").split())
        if chosen and typed and chosen.casefold() != typed.casefold():
            self.new_committee.errors.append("Choose a committee or type a new name, not both")
            valid = False
        return valid


class MeetingDetailsForm(FlaskForm):
    """Which committee met, when, and the meeting's title."""

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
    due = StringField("Due, as minuted", validators=[Optional(), Length(max=200, message=(
        "Keep it under 200 characters"))])
    due_date = WrittenDateField("Due date", validators=[Optional()])
    reason = TextAreaField("Reason for changing the due date", validators=[Optional(), Length(max=2000, message=(
        "Keep the reason under 2,000 characters"))])

    _FIELDS = {"question": ("text", "who"), "response": ("text", "who"), "comment": ("text", "who"),
               "resolution": ("text", "resolution_kind"), "action": ("text", "owner", "due", "due_date", "reason")}
    _WHO = {"question": "Asked by", "response": "Answered by", "comment": "Speaker"}

    @classmethod
    def for_kind(cls, kind: str, **kwargs) -> "RecordEditForm":
        form = cls(**kwargs)
        for name in ("who", "resolution_kind", "owner", "due", "due_date", "reason"):
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
    boundary = SelectField("Split between sentences", choices=[], validate_choice=False)  # checked by the service
    at = IntegerField("Or split after this many characters", validators=[Optional(), NumberRange(
        min=1, message="Give a number of 1 or more")])


class AddRecordForm(FlaskForm):
    """A record for a passage of the source, quoted (or selected, with JavaScript)."""

    kind = SelectField("Kind", choices=RECORD_KIND_CHOICES)
    item = SelectField("Agenda item", choices=[])
    quote = TextAreaField("Text, quoted exactly from the minutes", validators=[Optional(), Length(
        max=MAX_RECORD_TEXT, message=f"Keep the text under {MAX_RECORD_TEXT:,} characters")])
    occurrence = IntegerField("Which occurrence, if the text appears more than once", validators=[Optional(),
                              NumberRange(min=1, message="Give a number of 1 or more")])
    start = IntegerField("Start position in the source", validators=[Optional(), NumberRange(
        min=0, message="Give a number of 0 or more")])
    end = IntegerField("End position in the source", validators=[Optional(), NumberRange(
        min=1, message="Give a number of 1 or more")])


# --- actions ---

from wtforms import URLField  # noqa: E402
from wtforms.validators import AnyOf  # noqa: E402

ACTION_STATUS_CHOICES = [SelectChoice("", "Keep the status"), SelectChoice("open", "Open"),
                         SelectChoice("in_progress", "In progress"), SelectChoice("done", "Done"),
                         SelectChoice("dropped", "Dropped")]


class ActionUpdateForm(PerRecordForm):
    """An officer's update: a new status, and/or evidence of progress (a note, a link)."""

    status = SelectField("Status", choices=ACTION_STATUS_CHOICES, validators=[Optional()])
    note = TextAreaField("Note or evidence (needed when dropping)", validators=[Optional(), Length(
        max=2000, message="Keep the note under 2,000 characters")])
    evidence_link = URLField("Link to evidence (optional)", validators=[Optional(), Length(
        max=1000, message="Keep the link under 1,000 characters")])
    seen = HiddenField()  # the status the officer saw: a change made meanwhile is reported, not overwritten
    back = HiddenField()  # where to return: the action page or the log


class ActionOwnerDueForm(PerRecordForm):
    """An editor changes who owns an action and when it is due (a new due date needs a reason)."""

    owner = StringField("Owner", validators=[Optional(), Length(max=200, message="Keep the name under 200 characters")],
                        render_kw={"list": "people-names", "autocomplete": "off"})
    due = StringField("Due, in words", validators=[Optional(), Length(max=200, message="Keep it under 200 characters")])
    due_date = WrittenDateField("Due date", validators=[Optional()])
    reason = TextAreaField("Reason for the change (needed when the due date moves)", validators=[Optional(), Length(
        max=2000, message="Keep the reason under 2,000 characters")])


class LinkDecisionForm(PerRecordForm):
    """Confirm or reject a proposed discharge or repeat link."""

    decision = HiddenField(validators=[AnyOf(["confirm", "reject"], message="Choose confirm or reject")])
    seen = HiddenField()
