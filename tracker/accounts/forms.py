"""The sign-in form and the administrators' user forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from .users import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH


class LoginForm(FlaskForm):
    username = StringField("User name", validators=[DataRequired(message="Enter your user name"), Length(max=100)])
    password = PasswordField("Password", validators=[DataRequired(message="Enter your password"), Length(max=200)])


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
