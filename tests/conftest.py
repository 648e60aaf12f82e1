"""Shared fixtures: a migrated database (SQLite, or PostgreSQL when
FEEDBACK_TEST_DATABASE_URL is set — that database is wiped), the app, a client,
a session, and page helpers that read what a person would see."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, delete, text

TEST_SECRET = "test-secret-key-not-for-production"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    from feedback.migrations import upgrade

    url = os.environ.get("FEEDBACK_TEST_DATABASE_URL")
    if url:
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    upgrade(url)
    return url


@pytest.fixture
def make_app(database_url: str):
    """Build an app on the test database with extra settings; rows are cleared afterwards."""
    from feedback import create_app

    apps = []

    def build(**settings: object):
        config = {
            "FEEDBACK_DATABASE_URL": database_url,
            "FEEDBACK_SECRET_KEY": TEST_SECRET,
            "FEEDBACK_RATE_LIMIT": "1000 per minute",
            "TESTING": True,
        }
        config.update(settings)
        app = create_app(config)
        apps.append(app)
        return app

    yield build
    if apps:
        _clear(apps[0])
    for app in apps:
        app.extensions["feedback.engine"].dispose()


def _clear(app) -> None:  # type: ignore[no-untyped-def]
    from feedback.models import UNKNOWN_SOURCE_CODE, Response, Source, StaffUser

    with app.extensions["feedback.sessionmaker"]() as session:
        session.execute(delete(Response))
        session.execute(delete(StaffUser))
        session.execute(delete(Source).where(Source.code != UNKNOWN_SOURCE_CODE))
        session.commit()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def session(app) -> Iterator:
    with app.extensions["feedback.sessionmaker"]() as db_session:
        yield db_session


@pytest.fixture
def source(session):
    """A team whose cards are in use: FD, Front Door."""
    from feedback.services.sources import add_source

    return add_source(session, "FD", "Front Door")
