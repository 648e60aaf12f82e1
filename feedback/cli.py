"""Flask commands: thin wrappers over services."""

from __future__ import annotations

import sys

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from . import demo, ensure_migrated
from .db import get_session
from .migrations import DatabaseNotMigrated, upgrade
from .services.responses import EXPORT_COLUMNS, export_rows
from .spreadsheets import write_csv

db_group = AppGroup("db", help="Database schema (Alembic migrations).")


@db_group.command("upgrade", help="Create or migrate the database to the latest schema.")
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision: str) -> None:
    url = current_app.config["FEEDBACK_DATABASE_URL"]
    upgrade(url, revision)
    click.echo("Database is at the latest schema.")


@click.command("seed-demo", help="Load demo teams, responses and one staff account (once).")
@with_appcontext
def seed_demo() -> None:
    _require_schema()
    result = demo.load(get_session())
    if not result.created:
        click.echo("Demo data is already loaded; nothing changed.")
        return
    click.echo(f"Loaded {result.sources} teams and {result.responses} demo responses.")
    click.echo(
        f"Demo staff account: {result.staff_email}  password: {result.staff_password}\n"
        "This password is shown only once."
    )


@click.command("export", help="Print every stored response as CSV to standard output.")
@with_appcontext
def export() -> None:
    _require_schema()
    count = write_csv(sys.stdout, EXPORT_COLUMNS, export_rows(get_session()))
    click.echo(f"Exported {count} responses.", err=True)


def _require_schema() -> None:
    try:
        ensure_migrated(current_app)
    except DatabaseNotMigrated as problem:
        raise click.ClickException(str(problem)) from None


def init_app(app: Flask) -> None:
    app.cli.add_command(db_group)
    app.cli.add_command(seed_demo)
    app.cli.add_command(export)
