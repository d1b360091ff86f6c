"""WTForms forms (CSRF-protected through Flask-WTF); validation messages are shown next to each field."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length


class LoginForm(FlaskForm):
    username = StringField("User name", validators=[DataRequired(message="Enter your user name"), Length(max=100)])
    password = PasswordField("Password", validators=[DataRequired(message="Enter your password"), Length(max=200)])


class ConfirmForm(FlaskForm):
    """A form with nothing but its CSRF token: for buttons that change state (log out, publish, delete)."""
