"""Shared fixtures: a migrated database (SQLite, or PostgreSQL when
FEEDBACK_TEST_DATABASE_URL is set — that database is wiped), the app, a client,
a session, and page helpers that read what a person would see."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, delete, text

TEST_SECRET = "test-secret-key-not-for-production"


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing() -> None:
    """argon2id at the library's strength is slow by design; tests use cheap parameters."""
    from argon2 import PasswordHasher

    from feedback.services.staff import set_hasher

    set_hasher(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


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
    from feedback.extensions import babel

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
        # Flask-Babel keeps one translation cache, keyed by locale, for every app in
        # the process: start each app without another's catalogs.
        with app.app_context():
            babel.domain_instance.cache.clear()
        apps.append(app)
        return app

    yield build
    for app in apps:
        # A background first try of an alert email must finish before its rows go.
        assert app.extensions["feedback.alert_outbox"].wait(timeout=30)
    if apps:
        _clear(apps[0])
    for app in apps:
        app.extensions["feedback.engine"].dispose()


def _clear(app) -> None:  # type: ignore[no-untyped-def]
    from feedback.models import UNKNOWN_SOURCE_CODE, Base, Source, StaffUser

    with app.extensions["feedback.sessionmaker"]() as session:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name not in ("source", "staff_user"):
                session.execute(table.delete())
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


STAFF_PASSWORD = "correct horse battery staple"


@pytest.fixture
def make_user(session):
    """Create a staff account: make_user("manager") or make_user("keyer", email=...)."""
    from feedback.services.staff import create_staff_user

    def build(role: str, email: str | None = None, password: str = STAFF_PASSWORD):
        return create_staff_user(session, email or f"{role}@example.gov.uk", role, password)

    return build


@pytest.fixture
def sign_in(make_user):
    """Sign a client in as a new account with the given role; returns the account."""
    from tests.web.pages import open_form

    def go(client, role: str, email: str | None = None):  # type: ignore[no-untyped-def]
        user = make_user(role, email)
        _, fields = open_form(client, "/staff/sign-in")
        fields.update(email=user.email, password=STAFF_PASSWORD)
        response = client.post("/staff/sign-in", data=fields)
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return go


@pytest.fixture
def make_response(session, source):
    """Store a response directly (FD, web, "Very good", 10 March 2026): make_response(rating=4)."""
    from datetime import UTC, datetime

    from feedback.models import Response

    def build(**fields: object) -> int:
        values: dict[str, object] = {
            "source_id": source.id,
            "channel": "web",
            "rating": 1,
            "comment": "Kind staff",
            "received_at": datetime(2026, 3, 10, 12, 0, tzinfo=UTC),
        }
        values.update(fields)
        response = Response(**values)
        session.add(response)
        session.commit()
        return response.id

    return build


@pytest.fixture
def manager(client, sign_in):
    """The client, signed in as a manager; the account."""
    return sign_in(client, "manager")


@pytest.fixture(scope="session")
def make_pseudo_translations(tmp_path_factory: pytest.TempPathFactory):
    """Build translation catalogs for "eo" and "ar" that wrap every extracted message in
    ``opening``…``closing``, for ``BABEL_TRANSLATION_DIRECTORIES``."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir
    from babel.messages.mofile import write_mo

    root = Path(__file__).resolve().parents[1]
    keywords = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None, "ngettext": (1, 2)}
    methods = [("feedback/**.py", "python"), ("templates/**.html", "jinja2")]
    messages = sorted(
        {
            message if isinstance(message, str) else message[0]
            for _file, _line, message, _comments, _context in extract_from_dir(
                str(root), methods, keywords=keywords
            )
        }
    )
    built: dict[tuple[str, str], Path] = {}

    def make(opening: str = "⟦", closing: str = "⟧") -> Path:
        if (opening, closing) not in built:
            catalog_dir = tmp_path_factory.mktemp("translations")
            for language in ("eo", "ar"):
                catalog = Catalog(locale=language)
                for msgid in messages:
                    catalog.add(msgid, f"{opening}{msgid}{closing}")
                out = catalog_dir / language / "LC_MESSAGES"
                out.mkdir(parents=True)
                with (out / "messages.mo").open("wb") as handle:
                    write_mo(handle, catalog)
            built[opening, closing] = catalog_dir
        return built[opening, closing]

    return make


@pytest.fixture(scope="session")
def pseudo_translations(make_pseudo_translations) -> Path:
    """Every extracted message wrapped in ⟦…⟧: text left unwrapped was never translatable."""
    return make_pseudo_translations()
