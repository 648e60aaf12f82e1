"""Migrations build the schema the models describe, and can be undone."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, inspect, text

from feedback.migrations import alembic_config

from .old_database import search, sqlite_at


def test_the_migrated_schema_matches_the_models(database_url):
    # Raises if autogenerate would change anything: a model changed without a migration.
    command.check(alembic_config(database_url))


def test_an_empty_database_upgrades_downgrades_and_upgrades_again(tmp_path):
    url = f"sqlite:///{tmp_path / 'cycle.sqlite3'}"
    config = alembic_config(url)
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    engine = create_engine(url)
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    command.upgrade(config, "head")
    assert {"response", "source", "staff_user", "audit_event"} <= set(
        inspect(engine).get_table_names()
    )
    engine.dispose()


def test_alerts_raised_before_the_two_tiers_become_alerts(tmp_path):
    # Every alert before 0007 was emailed to the duty team: each stays an "alert".
    url = f"sqlite:///{tmp_path / 'tiers.sqlite3'}"
    config = alembic_config(url)
    command.upgrade(config, "0006")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO safeguarding_alert (id, response_id, raised_at, categories, "
                "email_attempts) VALUES (1, 1, '2026-11-30 09:00:00', '[\"neglect\"]', 1)"
            )
        )
    command.upgrade(config, "head")
    with engine.connect() as connection:
        row = connection.execute(text("SELECT tier, findings FROM safeguarding_alert")).one()
    assert tuple(row) == ("alert", None)
    engine.dispose()


def test_a_response_language_can_be_unknown_and_search_still_works(tmp_path):
    # On SQLite, dropping NOT NULL must not rebuild `response`: that drops the search triggers.
    config, engine = sqlite_at(
        tmp_path,
        "0010",
        "INSERT INTO response (id, source_id, channel, rating, comment, language, "
        "received_at) VALUES (1, 7, 'paper', 1, 'Kind carers', 'pl', '2026-11-30 09:00')",
    )
    command.upgrade(config, "head")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO response (id, source_id, channel, rating, comment, language, "
                "received_at) VALUES (2, 7, 'paper', 2, 'The carers were waiting outside', "
                "NULL, '2026-12-01 09:00')"
            )
        )
        assert search(connection, "wait") == [2]
        languages = connection.execute(text("SELECT language FROM response ORDER BY id"))
        assert list(languages.scalars()) == ["pl", None]
        assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    # Undone, an unknown language counts as English again, as it did before.
    command.downgrade(config, "0010")
    with engine.begin() as connection:
        languages = connection.execute(text("SELECT language FROM response ORDER BY id"))
        assert list(languages.scalars()) == ["pl", "en"]
        assert search(connection, "kind") == [1]
    engine.dispose()
