"""A database blip, an unmigrated database, the health check and the export command."""

from __future__ import annotations

import csv
import io
import threading
import time
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import OperationalError

from feedback.migrations import head_revision
from feedback.models import Response

from .pages import form_fields, open_form, page, submit, text_of


@contextmanager
def responses_locked(database_url: str, mode: str = "ACCESS EXCLUSIVE"):
    """Hold a real lock on the responses table from another connection.

    On PostgreSQL, ACCESS EXCLUSIVE stops reads too; EXCLUSIVE stops writes only,
    as SQLite's lock does in WAL mode.
    """
    engine = create_engine(database_url)
    connection = engine.connect()
    if engine.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN EXCLUSIVE")
    else:
        transaction = connection.begin()
        connection.execute(text(f"LOCK TABLE response IN {mode} MODE"))
    try:
        yield connection
    finally:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("ROLLBACK")
        else:
            transaction.rollback()
        connection.close()
        engine.dispose()


def _count(session) -> int:  # type: ignore[no-untyped-def]
    session.expire_all()
    return len(list(session.scalars(select(Response.id))))


def test_a_locked_database_keeps_the_answer_on_screen(make_app, database_url, session, source):
    app = make_app(FEEDBACK_DB_LOCK_TIMEOUT_MS=100)
    client = app.test_client()
    _, fields = open_form(client, "/f/FD")
    fields.update(rating="4", comment="Nobody rang me back")
    with responses_locked(database_url):
        response = client.post("/f/FD", data=fields)
    assert response.status_code == 503
    soup = page(response)
    assert "could not save your feedback just now" in text_of(soup, ".govuk-notification-banner")
    kept = form_fields(soup)
    assert kept["comment"] == "Nobody rang me back" and kept["rating"] == "4"
    assert _count(session) == 0

    # Pressing the button again once the database is back stores it, once.
    assert client.post("/f/FD", data=kept).status_code == 302
    assert client.post("/f/FD", data=kept).status_code == 302
    assert _count(session) == 1


def test_a_short_blip_is_ridden_out_without_the_person_noticing(
    make_app, database_url, session, source
):
    app = make_app(FEEDBACK_DB_LOCK_TIMEOUT_MS=100)
    client = app.test_client()
    _, fields = open_form(client, "/f/FD")
    fields.update(rating="1", comment="Sent during a blip")
    result: dict[str, float] = {}

    def send() -> None:
        began = time.monotonic()
        result["status"] = client.post("/f/FD", data=fields).status_code
        result["seconds"] = time.monotonic() - began

    sender = threading.Thread(target=send)
    with responses_locked(database_url):
        sender.start()
        time.sleep(0.3)  # the first tries meet the lock; it is released here
    sender.join(timeout=30)
    assert result["status"] == 302
    assert result["seconds"] >= 0.25, "the answer should have waited out the lock"
    assert _count(session) == 1


def test_a_keyer_whose_card_meets_a_locked_database_keeps_the_card_on_screen(
    make_app, database_url, session, source, sign_in
):
    from .test_keying import _open_batch

    app = make_app(FEEDBACK_DB_LOCK_TIMEOUT_MS=100)
    client = app.test_client()
    sign_in(client, "keyer")
    batch_url = _open_batch(client)
    _, fields = open_form(client, batch_url)
    fields.update(reference="FD-B12-0173", rating="4", comment="Nobody rang me back")
    with responses_locked(database_url, mode="EXCLUSIVE"):
        response = client.post(batch_url, data=fields)
    assert response.status_code == 503
    soup = page(response)
    assert "could not be saved just now" in text_of(soup, ".govuk-notification-banner")
    kept = form_fields(soup)
    assert kept["comment"] == "Nobody rang me back" and kept["reference"] == "FD-B12-0173"
    assert _count(session) == 0

    # Saving again once the database is back stores the card, once.
    assert client.post(batch_url, data=kept).status_code == 302
    assert client.post(batch_url, data=kept).status_code == 302
    assert _count(session) == 1


def test_a_page_made_before_the_database_went_away_is_still_sent(make_app, source, monkeypatch):
    # A database restart can cut the connection after the page's last query and before
    # the request ends: the rollback that closes the request's session then fails.
    app = make_app()
    client = app.test_client()
    engine = app.extensions["feedback.engine"]
    dbapi = engine.dialect.loaded_dbapi

    def cut(_dbapi_connection):  # type: ignore[no-untyped-def]
        raise dbapi.OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(engine.dialect, "do_rollback", cut)
    response = client.get("/f/FD")
    assert response.status_code == 200
    assert "Front Door" in text_of(page(response), "main")
    monkeypatch.undo()
    # The pool let the cut connection go: the next resident is served as usual.
    assert submit(client, "/f/FD", rating="2", comment="After the restart").status_code == 302


def test_health_check_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["status"] == "ok"
    assert response.json["database"] == "ok"


def test_health_check_says_when_the_schema_is_behind(make_app, database_url):
    app = make_app()
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'old'"))
    try:
        response = app.test_client().get("/healthz")
        assert response.status_code == 503
        assert response.json["database"] == "not migrated"
    finally:
        with engine.begin() as connection:
            connection.execute(
                text("UPDATE alembic_version SET version_num = :head"), {"head": head_revision()}
            )
        engine.dispose()


def test_the_app_refuses_to_start_on_an_unmigrated_database(tmp_path):
    from feedback import create_app
    from feedback.migrations import DatabaseNotMigrated

    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    with pytest.raises(DatabaseNotMigrated, match="flask --app feedback db upgrade"):
        create_app({"FEEDBACK_DATABASE_URL": url, "FEEDBACK_SECRET_KEY": "x"})


def test_db_upgrade_command_migrates_an_empty_database(tmp_path):
    from feedback import create_app

    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    # Loading the app for a command must work before the schema exists.
    runner_app = _cli_app(url)
    result = runner_app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert "latest schema" in result.output
    app = create_app({"FEEDBACK_DATABASE_URL": url, "FEEDBACK_SECRET_KEY": "x"})
    assert app.test_client().get("/healthz").status_code == 200
    app.extensions["feedback.engine"].dispose()
    runner_app.extensions["feedback.engine"].dispose()


def _cli_app(url: str):  # type: ignore[no-untyped-def]
    """An app loaded the way the flask command loads it for one of its subcommands."""
    import click

    from feedback import create_app

    with click.Context(click.Command("db")):
        return create_app({"FEEDBACK_DATABASE_URL": url, "FEEDBACK_SECRET_KEY": "x"})


def test_export_prints_every_response_as_csv(app, session, source):
    client = app.test_client()
    submit(
        client, "/f/FD-B1-0001", rating="1", comment="Great", respondent_type="carer", helped="yes"
    )
    submit(client, "/f/", rating="5", comment='=HYPERLINK("http://x")')

    result = app.test_cli_runner().invoke(args=["export"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == [
        "id",
        "received",
        "channel",
        "source_code",
        "card_reference",
        "rating",
        "respondent_type",
        "helped",
        "language",
        "comment",
    ]
    first, second = rows[1], rows[2]
    assert first[2:] == ["web", "FD", "FD-B1-0001", "Very good", "carer", "yes", "en", "Great"]
    assert second[3:6] == ["UNKNOWN", "", "Very poor"]
    # A comment that a spreadsheet would run as a formula is neutralised.
    assert second[9] == '\'=HYPERLINK("http://x")'


def test_export_on_an_unmigrated_database_says_what_to_run(tmp_path):
    app = _cli_app(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    result = app.test_cli_runner().invoke(args=["export"])
    assert result.exit_code != 0
    assert "flask --app feedback db upgrade" in result.output
    app.extensions["feedback.engine"].dispose()


def test_demo_data_loads_once_and_prints_the_password_once(app, session):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "password:" in first.output and "shown only once" in first.output
    second = runner.invoke(args=["seed-demo"])
    assert "already loaded" in second.output and "password" not in second.output
    assert _count(session) == 600


def test_number_settings_from_the_environment_are_numbers(monkeypatch, tmp_path):
    from feedback.config import _INT_KEYS, load

    for key in _INT_KEYS:
        monkeypatch.setenv(key, "7")
    config = load(str(tmp_path))
    assert all(config[key] == 7 for key in _INT_KEYS)
    assert {"FEEDBACK_SMTP_PORT", "FEEDBACK_STAFF_IDLE_MINUTES"} <= _INT_KEYS


def test_the_readme_lists_every_setting():
    from pathlib import Path

    from feedback.config import DEFAULTS

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert [key for key in DEFAULTS if f"`{key}`" not in readme] == []


def test_a_full_disk_keeps_the_answer_on_screen(make_app, database_url, session, source):
    """SQLite's max_page_count stands in for a full disk (bench/soak.py fills a real one)."""
    if not database_url.startswith("sqlite"):
        pytest.skip("a full disk is simulated with SQLite's max_page_count")
    from sqlalchemy import event

    from feedback.db import get_engine_for

    app = make_app()
    engine = get_engine_for(app)

    def no_room_to_grow(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count={pages}")
        cursor.close()

    def fill_the_disk() -> None:
        """Use up every free page and most of the room left in them."""
        with engine.connect() as connection:
            for size in (2000, 500, 100, 20):
                with pytest.raises(OperationalError, match="full"):
                    for _ in range(100_000):  # a hang guard: the disk is full long before
                        connection.exec_driver_sql(
                            f"INSERT INTO disk_filler VALUES (randomblob({size}))"
                        )
                        connection.commit()
                connection.rollback()

    client = app.test_client()
    _, fields = open_form(client, "/f/FD")
    # Near the longest comment there is: with its redacted copy, more than one page holds.
    typed = "The carers were late every day this month. " * 46
    fields.update(rating="2", comment=typed)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE disk_filler (junk BLOB)")
    event.listen(engine, "connect", no_room_to_grow)
    engine.dispose()
    try:
        fill_the_disk()
        response = client.post("/f/FD", data=fields)

        assert response.status_code == 503
        soup = page(response)
        banner = text_of(soup, ".govuk-notification-banner")
        assert "could not save your feedback just now" in banner
        kept = form_fields(soup)
        assert kept["comment"].strip() == typed.strip() and kept["rating"] == "2"
        assert _count(session) == 0

        # Room again: the same form, sent again, is stored once.
        event.remove(engine, "connect", no_room_to_grow)
        engine.dispose()
        assert client.post("/f/FD", data=kept).status_code == 302
        assert client.post("/f/FD", data=kept).status_code == 302
        assert _count(session) == 1
    finally:
        if event.contains(engine, "connect", no_room_to_grow):
            event.remove(engine, "connect", no_room_to_grow)
        engine.dispose()
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE IF EXISTS disk_filler")


def _cut_once(monkeypatch, engine):  # type: ignore[no-untyped-def]
    """The next statement meets a connection that has gone, as a database restart leaves
    it: the driver's own connection is closed under it, and the driver says so."""
    real = engine.dialect.do_execute
    cuts = []

    def execute(cursor, statement, parameters, context=None):  # type: ignore[no-untyped-def]
        if not cuts:
            cuts.append(statement)
            cursor.connection.close()
        return real(cursor, statement, parameters, context)

    monkeypatch.setattr(engine.dialect, "do_execute", execute)
    return cuts


def test_a_staff_page_on_a_cut_connection_is_asked_for_again(
    make_app, sign_in, make_response, monkeypatch
):
    app = make_app()
    client = app.test_client()
    make_response(comment="The carers are always late")
    sign_in(client, "manager")
    cuts = _cut_once(monkeypatch, app.extensions["feedback.engine"])

    response = client.get("/staff/feedback?q=late")
    assert cuts, "the cut connection was never met"
    assert response.status_code == 307
    assert response.headers["Location"].endswith("/staff/feedback?q=late")

    again = client.get(response.headers["Location"])
    assert again.status_code == 200
    assert "The carers are always late" in text_of(page(again), "main")


def test_a_database_that_will_not_answer_gives_a_try_again_page(
    make_app, sign_in, make_response, monkeypatch
):
    app = make_app()
    client = app.test_client()
    sign_in(client, "manager")
    engine = app.extensions["feedback.engine"]
    dbapi = engine.dialect.loaded_dbapi

    def refused(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise dbapi.OperationalError("the database is starting up")

    monkeypatch.setattr(engine.dialect, "do_execute", refused)
    response = client.get("/staff/feedback")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert "Sorry, there is a problem with the service" in text_of(page(response), "main")
