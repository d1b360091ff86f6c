"""The job page: an editor follows the minutes they added through reading, segmenting, storing and indexing.

It refreshes itself (a ``<meta http-equiv="refresh">``, so no JavaScript is needed) while the job waits or runs,
says in plain words why a job failed, and sends the editor on to the review page once the meeting is stored.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from ..errors import sentence
from ..models import Role
from ..web import db, has_role, role_required
from .models import JobStage, JobState
from .service import job_for, jobs_ahead

bp = Blueprint("jobs", __name__)

STAGES = [(JobStage.QUEUED, "Waiting for a worker"), (JobStage.READING, "Reading the document"),
          (JobStage.SEGMENTING, "Finding items, questions, resolutions and actions"),
          (JobStage.STORING, "Storing the draft"), (JobStage.INDEXING, "Adding it to search")]
REFRESH_SECONDS = 1


@bp.route("/jobs/<id:job_id>")
@role_required(Role.EDITOR)
def job(job_id: int):
    """A job's progress; its meeting's review page once it is done."""
    found = job_for(session=db(), job_id=job_id, user=g.user, see_all=has_role(Role.ADMIN))
    if found is None:
        abort(404)
    if request.args.get("format") == "json":  # for a script or page polling it
        return {"id": found.id, "state": str(found.state), "stage": str(found.stage), "message": found.message,
                "meeting_id": found.meeting_id}
    if found.state == JobState.DONE and found.meeting_id is not None:
        flash(found.message)
        return redirect(url_for("editing.review", meeting_id=found.meeting_id))
    status = (found.error_status or 422) if found.state == JobState.FAILED else 200
    reached = [stage for stage, _label in STAGES].index(found.stage) if found.stage in dict(STAGES) else 0
    return render_template("jobs/job.html", job=found, stages=STAGES, reached=reached,
                           ahead=jobs_ahead(session=db(), job=found), refresh=REFRESH_SECONDS,
                           failed=found.state == JobState.FAILED, why=sentence(found.message)), status
