"""Councils: every committee and person belongs to a council; people keyed by name variants; link sentences

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08 01:50:00

Existing meetings get their council from the ``council:`` line of their kept original's header block where
there is one, else the default council. A committee or person whose meetings span councils is split, one row
per council (the council with most meetings keeps the row and its slug). People whose names differ only by case
or title ("Cllr Yates", "Councillor Yates") are merged within a council, and undecided discharge or repeat
proposals linking two councils' meetings are dropped. Downgrade merges same-named committees and people back
together. On SQLite the tables are copied with foreign keys off (env.py), and checked before the commit.
"""

import os
import re
from collections import Counter, defaultdict
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from nlp.name_keys import name_key

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

DEFAULT_COUNCIL = "This council"
_PERSON_COLUMNS = (("question", "asker_id"), ("response", "responder_id"), ("comment", "speaker_id"),
                   ("action", "owner_id"))
_COUNCIL_LINE = re.compile(r"^council\s*:\s*(.+)$", re.I | re.M)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower().replace("&", " and ")).strip("-")[:200] or "council"


def _uploads() -> Path:
    return Path(os.environ.get("TRACKER_INSTANCE") or Path(__file__).resolve().parents[3] / "instance") / "uploads"


def _header_council(source_file: str | None) -> str | None:
    """The ``council:`` line of a kept original's header block (before its ``---`` line), if any."""
    if not source_file or not re.fullmatch(r"[0-9a-f]{32}\.(txt|html)", source_file):
        return None
    try:
        head = (_uploads() / source_file).read_bytes()[:4096].decode("utf-8", "replace")
    except OSError:
        return None
    head = head.split("\n---", 1)[0] if "\n---" in head else ""
    match = _COUNCIL_LINE.search(head)
    return " ".join(match[1].split())[:200] if match else None


def _unique_name(bind, table: str) -> str | None:
    """The name of the single-column unique constraint on ``name`` (PostgreSQL names it, SQLite does not)."""
    for constraint in sa.inspect(bind).get_unique_constraints(table):
        if constraint["column_names"] == ["name"]:
            return constraint["name"]
    return None


def _check_foreign_keys(bind) -> None:
    """SQLite runs migrations with foreign keys off (see env.py): check every reference still holds."""
    if bind.dialect.name == "sqlite":
        broken = bind.execute(sa.text("PRAGMA foreign_key_check")).all()
        if broken:
            raise RuntimeError(f"migration 0008 would leave {len(broken)} broken reference(s), e.g. {broken[0]}")


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table('council',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('slug', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    with op.batch_alter_table('council', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_slug'), ['slug'], unique=True)
    naming = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
    old_unique = {table: _unique_name(bind, table) or f"uq_{table}_name" for table in ("committee", "person")}
    with op.batch_alter_table('committee', schema=None, naming_convention=naming) as batch_op:
        batch_op.drop_constraint(old_unique['committee'], type_='unique')  # names are unique per council now
        batch_op.add_column(sa.Column('council_id', sa.Integer(), nullable=True))
    with op.batch_alter_table('person', schema=None, naming_convention=naming) as batch_op:
        batch_op.drop_constraint(old_unique['person'], type_='unique')
        batch_op.add_column(sa.Column('council_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('key', sa.String(length=200), nullable=True))
    with op.batch_alter_table('action_link', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sentence', sa.Text(), nullable=False, server_default=''))

    meeting_council = _assign_councils(bind)
    # an undecided proposal linking two councils' meetings was never right: drop it (decided ones stay)
    for link_id, earlier, later in bind.execute(sa.text(
            "SELECT l.id, a.meeting_id, l.meeting_id FROM action_link l JOIN action a ON a.id = l.action_id "
            "WHERE l.state = 'proposed'")).all():
        if meeting_council[earlier] != meeting_council[later]:
            bind.execute(sa.text("DELETE FROM action_link WHERE id = :i"), {"i": link_id})

    for table, new_unique in (("committee", ("uq_committee_council_name", ["council_id", "name"])),
                              ("person", ("uq_person_council_key", ["council_id", "key"]))):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('council_id', existing_type=sa.Integer(), nullable=False)
            if table == "person":
                batch_op.alter_column('key', existing_type=sa.String(length=200), nullable=False)
            batch_op.create_unique_constraint(*new_unique)
            batch_op.create_index(batch_op.f(f'ix_{table}_council_id'), ['council_id'], unique=False)
            batch_op.create_foreign_key(batch_op.f(f'fk_{table}_council_id_council'), 'council', ['council_id'],
                                        ['id'], ondelete='RESTRICT')
    with op.batch_alter_table('action_link', schema=None) as batch_op:
        batch_op.alter_column('sentence', existing_type=sa.Text(), server_default=None)
    _check_foreign_keys(bind)


def _assign_councils(bind) -> dict[int, int]:
    """Give every committee and person a council, splitting those two councils share; the council of each
    meeting, by id."""
    councils: dict[str, int] = {}

    def council_id(name: str | None) -> int:
        name = name or os.environ.get("TRACKER_DEFAULT_COUNCIL") or DEFAULT_COUNCIL
        slug = _slug(name)
        if slug not in councils:
            councils[slug] = bind.execute(sa.text("INSERT INTO council (name, slug) VALUES (:n, :s) RETURNING id"),
                                          {"n": name, "s": slug}).scalar_one()
        return councils[slug]

    meeting_council = {row.id: council_id(_header_council(row.source_file))
                       for row in bind.execute(sa.text("SELECT id, source_file FROM meeting ORDER BY id"))}
    by_committee: dict[int, Counter] = defaultdict(Counter)
    for row in bind.execute(sa.text("SELECT id, committee_id FROM meeting")):
        by_committee[row.committee_id][meeting_council[row.id]] += 1
    slugs = {row.slug for row in bind.execute(sa.text("SELECT slug FROM committee"))}
    council_slugs = {cid: slug for slug, cid in councils.items()}
    for row in bind.execute(sa.text("SELECT id, name, slug FROM committee ORDER BY id")).all():
        counts = by_committee.get(row.id) or Counter({council_id(None): 0})
        first, *others = [cid for cid, _n in counts.most_common()]
        bind.execute(sa.text("UPDATE committee SET council_id = :c WHERE id = :i"), {"c": first, "i": row.id})
        for other in others:  # the same name in another council is another committee
            slug = _slug(f"{council_slugs[other]} {row.name}")
            while slug in slugs:
                slug = f"{slug}-{other}"[:200]
            slugs.add(slug)
            new_id = bind.execute(sa.text("INSERT INTO committee (name, slug, council_id) VALUES (:n, :s, :c) "
                                          "RETURNING id"), {"n": row.name, "s": slug, "c": other}).scalar_one()
            for meeting_id, cid in meeting_council.items():
                if cid == other:
                    bind.execute(sa.text("UPDATE meeting SET committee_id = :new WHERE id = :m AND committee_id = :old"),
                                 {"new": new_id, "m": meeting_id, "old": row.id})

    # people: one row per council they appear in, then one per name key within a council
    uses: dict[int, Counter] = defaultdict(Counter)
    for table, column in _PERSON_COLUMNS:
        for row in bind.execute(sa.text(f"SELECT {column} AS person, meeting_id FROM {table} "
                                        f"WHERE {column} IS NOT NULL")):
            uses[row.person][meeting_council[row.meeting_id]] += 1
    keep: dict[tuple[int, str], int] = {}
    for row in bind.execute(sa.text("SELECT id, name, role FROM person ORDER BY id")).all():
        counts = uses.get(row.id) or Counter({council_id(None): 0})
        key = name_key(row.name)
        for position, (cid, _n) in enumerate(counts.most_common()):
            target = keep.get((cid, key))
            if target is None and position == 0:
                bind.execute(sa.text("UPDATE person SET council_id = :c, key = :k WHERE id = :i"),
                             {"c": cid, "k": key, "i": row.id})
                target = keep[(cid, key)] = row.id
            elif target is None:
                target = keep[(cid, key)] = bind.execute(
                    sa.text("INSERT INTO person (name, role, council_id, key) VALUES (:n, :r, :c, :k) RETURNING id"),
                    {"n": row.name, "r": row.role, "c": cid, "k": key}).scalar_one()
            if target != row.id:
                meetings = [m for m, c in meeting_council.items() if c == cid]
                for table, column in _PERSON_COLUMNS:
                    for start in range(0, len(meetings), 500):
                        bind.execute(sa.text(f"UPDATE {table} SET {column} = :new WHERE {column} = :old AND "
                                             f"meeting_id IN ({','.join(str(m) for m in meetings[start:start + 500])})"),
                                     {"new": target, "old": row.id})
        if row.id not in keep.values():
            bind.execute(sa.text("DELETE FROM person WHERE id = :i"), {"i": row.id})
    return meeting_council


def downgrade() -> None:
    bind = op.get_bind()
    # same-named committees and people of different councils become one again, as before councils
    for table, references in (("committee", (("meeting", "committee_id"),)), ("person", _PERSON_COLUMNS)):
        first: dict[str, int] = {}
        for row in bind.execute(sa.text(f"SELECT id, name FROM {table} ORDER BY id")).all():
            if row.name not in first:
                first[row.name] = row.id
                continue
            for other, column in references:
                bind.execute(sa.text(f"UPDATE {other} SET {column} = :new WHERE {column} = :old"),
                             {"new": first[row.name], "old": row.id})
            bind.execute(sa.text(f"DELETE FROM {table} WHERE id = :i"), {"i": row.id})
    with op.batch_alter_table('action_link', schema=None) as batch_op:
        batch_op.drop_column('sentence')
    for table in ("person", "committee"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f'fk_{table}_council_id_council'), type_='foreignkey')
            batch_op.drop_index(batch_op.f(f'ix_{table}_council_id'))
            batch_op.drop_constraint('uq_committee_council_name' if table == "committee" else 'uq_person_council_key',
                                     type_='unique')
            batch_op.drop_column('council_id')
            if table == "person":
                batch_op.drop_column('key')
            batch_op.create_unique_constraint(f'{table}_name_key', ['name'])
    with op.batch_alter_table('council', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_slug'))
    op.drop_table('council')
    _check_foreign_keys(bind)
