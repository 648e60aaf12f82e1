"""The engine, and one session per request. The models and their naming convention: models.py."""

from __future__ import annotations

import time

from flask import Flask, current_app, g
from sqlalchemy import create_engine, event, exc
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str, lock_timeout_ms: int = 15000) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": lock_timeout_ms / 1000})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # pragma: no cover - driver hook
            cursor = dbapi_connection.cursor()
            # WAL lets readers and one writer work at once across gunicorn workers.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(lock_timeout_ms)}")
            cursor.close()

        return engine
    engine = create_engine(
        url,
        pool_size=5,
        max_overflow=5,
        # Sessions in UTC, so a timestamptz comes back as UTC whatever the server is set to.
        connect_args={"options": f"-c lock_timeout={int(lock_timeout_ms)} -c timezone=UTC"},
    )
    ping_when_idle(engine)
    return engine


# pool_pre_ping costs a round trip on every checkout, twice per resident. A connection
# used in the last few seconds is taken as alive; one idle longer (which a database
# restart or a firewall may have cut) is pinged first. One cut while in use fails its
# statement instead: SQLAlchemy then drops every older connection in the pool, storing
# an answer retries (services/answers.py) and the form's team lookup tries once more.
IDLE_BEFORE_PING_SECONDS = 5.0


def ping_when_idle(engine: Engine, idle_seconds: float = IDLE_BEFORE_PING_SECONDS) -> None:
    @event.listens_for(engine, "checkin")
    def _used(_dbapi_connection, record):  # pragma: no cover - pool hook
        record.info["feedback.last_used"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_connection, record, _proxy):  # pragma: no cover - pool hook
        last_used = record.info.get("feedback.last_used")
        if last_used is None or time.monotonic() - last_used < idle_seconds:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:  # noqa: BLE001 - any failure: the pool connects afresh
            raise exc.DisconnectionError("an idle connection did not answer") from error


def init_app(app: Flask) -> None:
    engine = make_engine(
        app.config["FEEDBACK_DATABASE_URL"], app.config["FEEDBACK_DB_LOCK_TIMEOUT_MS"]
    )
    app.extensions["feedback.engine"] = engine
    app.extensions["feedback.sessionmaker"] = sessionmaker(bind=engine, expire_on_commit=False)
    app.teardown_appcontext(_close_session)


def get_engine() -> Engine:
    return get_engine_for(current_app)


def get_engine_for(app: Flask) -> Engine:
    return app.extensions["feedback.engine"]


def get_session() -> Session:
    """The request's session, opened on first use and closed at teardown."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["feedback.sessionmaker"]()
    return g.db_session


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is None:
        return
    try:
        session.close()
    except exc.DBAPIError:
        # The database went away after the request's last query (a restart): closing rolls
        # back on a connection that is gone. The page is made and still goes out; the cut
        # connection is dropped, so the pool connects afresh for the next request.
        current_app.logger.warning("The database connection was lost as a request ended")
        session.invalidate()
