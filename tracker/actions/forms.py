"""Forms for actions: the status change on a meeting page, an officer's update on the action page (status,
evidence), an editor's owner and due date, the decision on a proposed discharge or repeat, and the columns of a
committee's agenda-pack tracker."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice, SelectField, SelectMultipleField, StringField, TextAreaField, URLField
from wtforms import widgets
from wtforms.validators import AnyOf, DataRequired, Length, Optional

from ..web.forms import PerRecordForm, WrittenDateField


class ActionStatusForm(FlaskForm):
    """Change an action's status (officers and up). Rendered once per action, so each gets a prefix ("a12-")."""

    status = SelectField("New status", choices=[
        SelectChoice("open", "Open"), SelectChoice("in_progress", "In progress"), SelectChoice("done", "Done"),
        SelectChoice("dropped", "Dropped")], validators=[DataRequired(message="Choose a status")])
    note = TextAreaField("Note (needed when dropping)", validators=[Optional(), Length(max=2000, message=(
        "Keep the note under 2,000 characters"))])
    seen = HiddenField()  # the status the officer saw, so a change made meanwhile by someone else is not overwritten



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


class TrackerColumnsForm(FlaskForm):
    """Which columns a committee's action tracker prints (the action itself always shows)."""

    columns = SelectMultipleField("Columns to show", choices=[], widget=widgets.ListWidget(prefix_label=False),
                                  option_widget=widgets.CheckboxInput())
