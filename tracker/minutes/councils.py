"""Councils: the body whose minutes these are, read from the minutes or chosen by the editor.

Every committee and person belongs to one council. Minutes that name no council (and no editor chose one) go
to the default council (``DEFAULT_COUNCIL``), which is all a single-council deployment ever has; the pages
show councils only when there are two or more.
"""

from __future__ import annotations

import re

from sqlmodel import Session, func, select

from ..db import get_or_add
from ..models import Council

DEFAULT_COUNCIL = "This council"  # the name of the council minutes go to when nothing names one

_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


class CouncilError(ValueError):
    """A council name that cannot be used; the message says what to give."""

    status = 422


def council_slug(name: str) -> str:
    return _SLUG_JUNK.sub("-", name.lower().replace("&", " and ")).strip("-")[:200] or "council"


def council_named(*, session: Session, name: str | None) -> Council:
    """The council with this name (case, spacing and punctuation ignored), created if new; the default
    council when `name` is empty."""
    name = " ".join((name or "").split())[:200] or DEFAULT_COUNCIL
    if not re.search(r"[A-Za-z0-9]", name):
        raise CouncilError(f"{name!r} is not a council's name; give it in words, e.g. 'Eastmoor District Council'")
    return get_or_add(session, Council, {"slug": council_slug(name)}, name=name)


def council_by_slug(*, session: Session, slug: str | None) -> Council | None:
    """The council with this slug, or None (no slug, or no such council)."""
    if not slug or not re.fullmatch(r"[a-z0-9-]{1,200}", slug):
        return None
    return session.exec(select(Council).where(Council.slug == slug)).first()


def council_of(row) -> Council:
    """The council of a committee or person (loaded with it, so still there once its session is closed)."""
    return row.council


def councils(*, session: Session) -> list[Council]:
    """Every council, by name."""
    return list(session.exec(select(Council).order_by(Council.name, Council.id)).all())


def council_count(*, session: Session) -> int:
    """How many councils the tracker holds; pages show council names only when it is more than one."""
    return session.exec(select(func.count(Council.id))).one()


__all__ = ["DEFAULT_COUNCIL", "CouncilError", "council_slug", "council_named", "council_by_slug", "council_of", "councils",
           "council_count"]
