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
from .services.staff import ROLE_NAMES, ROLES, AccountError, create_staff_user
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


@click.command("create-user", help="Add a staff account. Reads the password from standard input.")
@click.option("--email", required=True, help="The person's work email address.")
@click.option("--role", required=True, type=click.Choice(ROLES), help="What they may do.")
@with_appcontext
def create_user(email: str, role: str) -> None:
    _require_schema()
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        user = create_staff_user(get_session(), email, role, password)
    except AccountError as problem:
        raise click.ClickException(str(problem)) from None
    click.echo(f"Added {user.email} as {ROLE_NAMES[user.role].lower()}.")


def _require_schema() -> None:
    try:
        ensure_migrated(current_app)
    except DatabaseNotMigrated as problem:
        raise click.ClickException(str(problem)) from None


def init_app(app: Flask) -> None:
    app.cli.add_command(db_group)
    app.cli.add_command(seed_demo)
    app.cli.add_command(export)
    app.cli.add_command(create_user)
