"""The framework's ceiling: the least a Flask + SQLAlchemy form app can do per submission.

GET /f/<reference> returns a trivial HTML form (a string, no templates, no CSRF);
POST /f/<reference> inserts one row and redirects to /thank-you, like the real app.
Used by bench/submit.py under the same gunicorn settings as the service:

    BENCH_DATABASE_URL=sqlite:////tmp/x.sqlite3 \\
        gunicorn -c gunicorn.conf.py --pythonpath bench minimal_app:app

Call init_db(url) once before starting the workers: it creates the one table.
"""

from __future__ import annotations

import os
import secrets
from datetime import UTC, datetime
from html import escape

from flask import Flask, redirect, request
from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    insert,
    text,
)
from sqlalchemy.engine import Engine

metadata = MetaData()
bench_response = Table(
    "bench_response",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("card_reference", String(40)),
    Column("rating", Integer, nullable=False),
    Column("comment", Text),
    Column("token", String(64)),
    Column("received_at", DateTime(timezone=True), nullable=False),
)

_FORM = """<!DOCTYPE html>
<html lang="en"><head><title>How did we do?</title></head><body>
<form method="post" action="/f/{reference}">
<input type="hidden" name="token" value="{token}">
<input type="radio" name="rating" value="1"> Very good
<input type="radio" name="rating" value="6"> Don't know
<textarea name="comment"></textarea>
<button type="submit">Send feedback</button>
</form></body></html>"""


def make_engine(url: str) -> Engine:
    """Same database settings as the service's own engine (WAL and a lock timeout for SQLite)."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 15})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):  # pragma: no cover - driver hook
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=15000")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


def init_db(url: str) -> None:
    engine = make_engine(url)
    try:
        metadata.create_all(engine)
    finally:
        engine.dispose()


def count_rows(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM bench_response")).scalar())
    finally:
        engine.dispose()


def create_app(url: str | None = None) -> Flask:
    app = Flask(__name__)
    engine = make_engine(url or os.environ["BENCH_DATABASE_URL"])

    @app.get("/healthz")
    def healthz():
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return {"status": "ok"}

    @app.get("/f/<reference>")
    def form(reference: str):
        return _FORM.format(reference=escape(reference), token=secrets.token_urlsafe(24))

    @app.post("/f/<reference>")
    def submit(reference: str):
        try:
            rating = int(request.form.get("rating", ""))
        except ValueError:
            return "Choose a rating", 400
        if not 1 <= rating <= 6:
            return "Choose a rating", 400
        with engine.begin() as connection:
            connection.execute(
                insert(bench_response).values(
                    card_reference=reference[:40],
                    rating=rating,
                    comment=request.form.get("comment") or None,
                    token=(request.form.get("token") or "")[:64] or None,
                    received_at=datetime.now(UTC),
                )
            )
        return redirect("/thank-you")

    @app.get("/thank-you")
    def thanks():
        return "Thank you"

    return app


if "BENCH_DATABASE_URL" in os.environ:
    app = create_app()
