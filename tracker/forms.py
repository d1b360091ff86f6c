"""WTForms forms (CSRF-protected through Flask-WTF); validation messages are shown next to each field."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class LoginForm(FlaskForm):
    username = StringField("User name", validators=[DataRequired(message="Enter your user name"), Length(max=100)])
    password = PasswordField("Password", validators=[DataRequired(message="Enter your password"), Length(max=200)])


class ConfirmForm(FlaskForm):
    """A form with nothing but its CSRF token: for buttons that change state (log out, publish, delete)."""


class ActionStatusForm(FlaskForm):
    """Change an action's status (officers and up). Rendered once per action, so each gets a prefix ("a12-")."""

    status = SelectField("New status", choices=[("open", "Open"), ("in_progress", "In progress"), ("done", "Done"),
                                                ("dropped", "Dropped")],
                         validators=[DataRequired(message="Choose a status")])
    note = TextAreaField("Note (needed when dropping)", validators=[Optional(), Length(max=2000, message=(
        "Keep the note under 2,000 characters"))])
    seen = HiddenField()  # the status the officer saw, so a change made meanwhile by someone else is not overwritten
