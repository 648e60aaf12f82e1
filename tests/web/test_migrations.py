"""Migrations build the schema the models describe, and can be undone."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, inspect

from feedback.migrations import alembic_config


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
