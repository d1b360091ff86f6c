"""Migration 0008 (councils) on data: meetings get their council from the kept original's header, committees and
people shared by two councils are split, name variants merged; downgrade merges them back. SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import text

from tracker.db import downgrade, make_engine, upgrade

NOW = "2024-01-01 00:00:00"


def _add_meeting(connection, uploads, committee: int, number: int, council: str | None) -> int:
    name = f"{number:032x}.txt"
    header = f"council: {council}\n" if council else ""
    (uploads / name).write_text(f"{header}committee: Scrutiny Committee\n---\n1. Item\n", encoding="utf-8")
    return connection.execute(text(
        "INSERT INTO meeting (committee_id, date, status, text, source_format, source_file, checksum, warnings, "
        "created_at, updated_at) VALUES (:committee, :date, 'published', '1. Item', 'text', :file, :sum, '', :now, :now) "
        "RETURNING id"), {"committee": committee, "date": f"2024-0{number}-01", "file": name, "sum": str(number), "now": NOW}).scalar_one()


def _ask(connection, meeting_id: int, person_id: int) -> None:
    connection.execute(text("INSERT INTO question (meeting_id, position, text, start, \"end\", rule, asker_id) "
                            "VALUES (:m, 0, 'Asked.', 0, 6, '', :p)"), {"m": meeting_id, "p": person_id})


def _rows(connection, sql: str) -> list[tuple]:
    return [tuple(row) for row in connection.execute(text(sql))]


def test_migration_councils_split_what_two_councils_share_and_downgrade_merges_it_back(
        database_url, tmp_path, monkeypatch):
    instance = tmp_path / "migrated"
    (instance / "uploads").mkdir(parents=True)
    monkeypatch.setenv("TRACKER_INSTANCE", str(instance))
    engine = make_engine(database_url)
    downgrade(engine, "0009")
    with engine.begin() as connection:
        committee = connection.execute(text("INSERT INTO committee (name, slug) VALUES ('Scrutiny Committee', "
                                            "'scrutiny-committee') RETURNING id")).scalar_one()
        leader, cllr, councillor = (
            connection.execute(text("INSERT INTO person (name, role) VALUES (:n, 'councillor') RETURNING id"),
                               {"n": name}).scalar_one() for name in ("Leader", "Cllr Yates", "Councillor Yates"))
        uploads = instance / "uploads"
        east = _add_meeting(connection, uploads, committee, 1, "Eastmoor District Council")
        west = _add_meeting(connection, uploads, committee, 2, "Westvale Borough Council")
        unnamed = _add_meeting(connection, uploads, committee, 3, None)
        for meeting_id, person_id in ((east, leader), (west, leader), (east, cllr), (east, councillor),
                                      (unnamed, councillor)):
            _ask(connection, meeting_id, person_id)

    upgrade(engine)
    with engine.connect() as connection:
        councils = dict(_rows(connection, "SELECT id, name FROM council"))
        committees = _rows(connection, "SELECT c.name, c.slug, k.name FROM committee c JOIN council k "
                                       "ON k.id = c.council_id ORDER BY c.id")
        assert {council for _n, _s, council in committees} == {"Eastmoor District Council", "Westvale Borough Council",
                                                               "This council"}
        assert committees[0][1] == "scrutiny-committee"  # the first keeps its address
        leaders = _rows(connection, "SELECT council_id FROM person WHERE name = 'Leader'")
        assert sorted(councils[c] for (c,) in leaders) == ["Eastmoor District Council", "Westvale Borough Council"]
        # "Cllr Yates" and "Councillor Yates" at Eastmoor are one person; the one named at the unnamed council's
        # meeting is another
        yates = _rows(connection, "SELECT p.id, k.name FROM person p JOIN council k ON k.id = p.council_id "
                                  "WHERE p.key = 'councillor yates'")
        assert sorted(name for _i, name in yates) == ["Eastmoor District Council", "This council"]
        askers = _rows(connection, f"SELECT DISTINCT asker_id FROM question WHERE meeting_id = {east}")
        assert len(askers) == 2  # the Leader and one Yates
        by_meeting = dict(_rows(connection, "SELECT m.id, k.name FROM meeting m JOIN committee c ON c.id = "
                                            "m.committee_id JOIN council k ON k.id = c.council_id"))
        assert (by_meeting[east], by_meeting[west], by_meeting[unnamed]) == (
            "Eastmoor District Council", "Westvale Borough Council", "This council")

    downgrade(engine, "0009")
    with engine.connect() as connection:
        assert _rows(connection, "SELECT name FROM committee") == [("Scrutiny Committee",)]
        assert _rows(connection, "SELECT DISTINCT committee_id FROM meeting") == [(committee,)]
        assert len(_rows(connection, "SELECT id FROM person WHERE name = 'Leader'")) == 1
    upgrade(engine)  # leave the database as the other tests expect it
    engine.dispose()
