"""Alert pages: subscribe (signed in, or a member of the public with a confirming email), confirm, the signed-in
user's list, and one-click unsubscribe from the link or header in every alert."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, SelectChoice, SelectField
from sqlmodel import select
from wtforms.validators import DataRequired, Length

from ..db import write_session
from ..errors import Invalid, NotFound
from ..models import Committee, Person, Role, User
from ..web import csrf, db, engine, log, role_required
from ..web.forms import ConfirmForm
from . import service
from .mail import mailer_from, read_token
from .models import AlertKind, AlertSubscription

bp = Blueprint("alerts", __name__)


class AlertForm(FlaskForm):
    kind = HiddenField(validators=[DataRequired()])
    target = HiddenField(validators=[Length(max=2000)])
    email = EmailField("Your email address", validators=[DataRequired("Give an email address"), Length(max=254)])
    frequency = SelectField("How often", choices=[SelectChoice("weekly", "Once a week"), SelectChoice("daily", "Once a day")],
                            default="weekly")


def links() -> service.AlertLinks:
    """Links in emails point at BASE_URL when set (behind a proxy), else at the address this request came to."""
    return service.AlertLinks(base_url=current_app.config.get("BASE_URL") or request.host_url,
                              secret=current_app.config["SECRET_KEY"])


def _label(kind: str, target: str) -> str:
    """What the form offers to follow, read for the page (the service checks it again when subscribing)."""
    if kind == AlertKind.COMMITTEE:
        committee = db().exec(select(Committee).where(Committee.slug == target)).first()
        return committee.name if committee else abort(404)
    if kind == AlertKind.PERSON:
        person = db().get(Person, int(target)) if target.isdigit() else None
        return person.name if person else abort(404)
    if kind == AlertKind.ACTIONS:
        return "your actions due and overdue"
    if kind == AlertKind.SEARCH:
        return "new results of this search"
    abort(404)


@bp.route("/alerts/new", methods=["GET", "POST"])
def new():
    """Subscribe to a search, a committee, a person or (signed in) one's own actions."""
    form = AlertForm(data={"kind": request.args.get("kind", ""), "target": request.args.get("target", "")})
    if form.kind.data == AlertKind.ACTIONS and g.user is None:
        return redirect(url_for("auth.login", next=request.full_path))
    label = _label(form.kind.data or "", form.target.data or "")
    if form.validate_on_submit():
        try:
            with write_session(engine()) as session:
                user = session.get(User, g.user.id) if g.user else None
                subscription = service.subscribe(session=session, kind=form.kind.data, target=form.target.data,
                                                 email=form.email.data, frequency=form.frequency.data, user=user)
                message = None if user else service.confirmation_message(subscription, links())
        except Invalid as error:
            getattr(form, error.field or "", form.email).errors.append(error.sentence())
        except NotFound:
            abort(404)
        else:
            if message is not None:
                mailer = mailer_from(current_app.config)
                if mailer is None:
                    log.error("alerts: SMTP_HOST is not set, so a confirmation email could not be sent")
                    return render_template("alerts/done.html", heading="Alerts are not available",
                                           message="This site cannot send email just now; please try later."), 503
                mailer.send([message])
                return render_template("alerts/done.html", heading="Check your email",
                                       message="We have sent you a link. Your alerts start once you follow it.")
            flash(f"Your alert is set up: {subscription.label}, {subscription.frequency}.")
            return redirect(url_for("alerts.index"))
    status = 400 if form.errors else 200
    return render_template("alerts/new.html", form=form, label=label), status


@bp.route("/alerts")
@role_required(Role.OFFICER)
def index():
    """The signed-in user's alerts."""
    return render_template("alerts/index.html", subscriptions=service.subscriptions_of(session=db(), user=g.user),
                           form=ConfirmForm(formdata=None))


@bp.post("/alerts/<id:subscription_id>/stop")
@role_required(Role.OFFICER)
def stop(subscription_id: int):
    """Stop one of the signed-in user's alerts."""
    ConfirmForm(formdata=None)  # the CSRF check is global; nothing else to read
    with write_session(engine()) as session:
        subscription = session.get(AlertSubscription, subscription_id)
        if subscription is None or subscription.user_id != g.user.id:
            abort(404)
        label = service.unsubscribe(session=session, subscription_id=subscription_id)
    flash(f"Stopped the alert: {label}.")
    return redirect(url_for("alerts.index"))


@bp.route("/alerts/confirm/<token>")
def confirm(token: str):
    """The link in the double opt-in email: the alerts start."""
    subscription_id = read_token(current_app.config["SECRET_KEY"], "confirm", token)
    with write_session(engine()) as session:
        label = service.confirm(session=session, subscription_id=subscription_id).label
    return render_template("alerts/done.html", heading="Your alert is confirmed",
                           message=f"We will email you about {label} when something new is published.")


@bp.route("/alerts/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # mail programs post here with no session (RFC 8058); the signed token is the authority
def unsubscribe(token: str):
    """GET: a button to stop (link scanners must not unsubscribe anyone); POST: stop, as one-click does."""
    subscription_id = read_token(current_app.config["SECRET_KEY"], "unsubscribe", token)
    if request.method == "GET":
        subscription = db().get(AlertSubscription, subscription_id)
        if subscription is None:
            return render_template("alerts/done.html", heading="You are unsubscribed",
                                   message="You will get no more emails from this alert.")
        return render_template("alerts/done.html", heading="Stop these emails?", form=ConfirmForm(formdata=None),
                               message=f"You get emails about {subscription.label}. Stop them?")
    with write_session(engine()) as session:
        service.unsubscribe(session=session, subscription_id=subscription_id)
    return render_template("alerts/done.html", heading="You are unsubscribed",
                           message="You will get no more emails from this alert.")
