"""User management (admin role): add users, change roles, disable, reset passwords; every change audited."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, session, url_for
from sqlalchemy.exc import IntegrityError
from sqlmodel import func, select

from ..db import write_session
from ..errors import sentence
from ..models import Role, User
from ..web import db, engine, get_or_404, role_required
from ..web.forms import ConfirmForm
from .forms import AddUserForm, PasswordResetForm, RoleForm
from .users import UserError, create_user, set_active, set_password, set_role

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _attach(form, error: UserError) -> None:
    """Show a service's refusal next to the field it is about (or above the form)."""
    field = form[error.field] if error.field and error.field in form else None
    (field.errors if field is not None else form.form_errors).append(sentence(str(error)))


@bp.route("/users")
@role_required(Role.ADMIN)
def users():
    """Everyone who can sign in, with their role and whether they still may."""
    rows = db().exec(select(User).order_by(func.lower(User.username))).all()
    return render_template("admin/users.html", users=rows)


@bp.route("/users/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def new_user():
    """Add a user: name, role and a first password."""
    form = AddUserForm()
    status = 200
    if form.validate_on_submit():
        try:
            with write_session(engine()) as writer:
                user = create_user(session=writer, username=form.username.data.strip(), password=form.password.data,
                                   role=form.role.data, by=g.user)
        except UserError as error:
            _attach(form, error)
            status = 400
        except IntegrityError:  # the same name added at the same moment by someone else
            form.username.errors.append(f"There is already a user called {form.username.data.strip()!r}.")
            status = 400
        else:
            flash(f"Added {user.username} as {user.role}.")
            return redirect(url_for(".user", user_id=user.id))
    elif form.is_submitted():
        status = 400
    return render_template("admin/new_user.html", form=form), status


def _user_page(user: User, *, role_form=None, password_form=None, active_error=None, status=200):
    role_form = role_form or RoleForm(formdata=None, role=user.role)
    password_form = password_form or PasswordResetForm(formdata=None)
    return render_template("admin/user.html", user=user, role_form=role_form, password_form=password_form,
                           active_error=active_error), status


@bp.route("/users/<id:user_id>")
@role_required(Role.ADMIN)
def user(user_id: int):
    """One user, with the forms that change them."""
    return _user_page(get_or_404(User, user_id))


@bp.route("/users/<id:user_id>/role", methods=["POST"])
@role_required(Role.ADMIN)
def change_role(user_id: int):
    """Give a user another role."""
    target = get_or_404(User, user_id)
    form = RoleForm()
    if not form.validate_on_submit():
        return _user_page(target, role_form=form, status=400)
    try:
        with write_session(engine()) as writer:
            changed = writer.get(User, user_id)
            set_role(session=writer, user=changed, role=form.role.data, by=g.user)
    except UserError as error:
        _attach(form, error)
        return _user_page(target, role_form=form, status=409)
    flash(f"{changed.username} is now {changed.role}.")
    if changed.id == g.user.id and changed.role != Role.ADMIN:
        return redirect(url_for("pages.home"))  # no longer allowed here
    return redirect(url_for(".user", user_id=user_id))


def _switch(user_id: int, active: bool):
    target = get_or_404(User, user_id)
    ConfirmForm()  # CSRF is checked by CSRFProtect before we get here
    try:
        with write_session(engine()) as writer:
            changed = writer.get(User, user_id)
            set_active(session=writer, user=changed, active=active, by=g.user)
    except UserError as error:
        return _user_page(target, active_error=sentence(str(error)), status=409)
    if changed.id == g.user.id and not active:
        session.clear()  # their own session ended with the rest
    if active:
        flash(f"{changed.username} can sign in again.")
    else:
        flash(f"{changed.username} is disabled and has been signed out everywhere.")
        if changed.id == g.user.id:
            return redirect(url_for("auth.login"))
    return redirect(url_for(".user", user_id=user_id))


@bp.route("/users/<id:user_id>/disable", methods=["POST"])
@role_required(Role.ADMIN)
def disable_user(user_id: int):
    """Stop a user signing in, and end the sessions they have now."""
    return _switch(user_id, False)


@bp.route("/users/<id:user_id>/enable", methods=["POST"])
@role_required(Role.ADMIN)
def enable_user(user_id: int):
    """Let a disabled user sign in again."""
    return _switch(user_id, True)


@bp.route("/users/<id:user_id>/password", methods=["POST"])
@role_required(Role.ADMIN)
def reset_password(user_id: int):
    """Set a new password for a user; their sessions end."""
    target = get_or_404(User, user_id)
    form = PasswordResetForm()
    if not form.validate_on_submit():
        return _user_page(target, password_form=form, status=400)
    try:
        with write_session(engine()) as writer:
            changed = writer.get(User, user_id)
            set_password(session=writer, user=changed, password=form.password.data, by=g.user)
    except UserError as error:
        _attach(form, error)
        return _user_page(target, password_form=form, status=400)
    if changed.id == g.user.id:
        session["version"] = changed.session_version  # an admin's own new password keeps this session only
    flash(f"New password set for {changed.username}; any sessions they had are ended.")
    return redirect(url_for(".user", user_id=user_id))
