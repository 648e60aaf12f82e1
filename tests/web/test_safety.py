"""Security headers, anonymity, rate limits and strict templates."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from urllib.request import urlopen

import pytest
from jinja2 import UndefinedError
from sqlalchemy import inspect, select, text
from werkzeug.serving import make_server

from feedback.models import Response

from .pages import form_fields, open_form, page, submit, text_of

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ADDRESS = "203.0.113.77"
USER_AGENT = "Mozilla/5.0 (DistinctiveTestPhone 9.9) UniqueAgentMarker"


def test_security_headers_on_resident_pages(client, source):
    response = client.get("/f/FD")
    headers = response.headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "http:" not in csp and "https:" not in csp  # no third-party origin at all
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers


def test_a_form_sent_over_https_gets_through_with_the_referer_the_page_lets_a_browser_send(
    client, session, source
):
    # Behind a TLS proxy every request is HTTPS, and Flask-WTF then refuses a form
    # without a same-origin Referer: under `no-referrer` no browser sends one.
    https = "https://feedback.example.gov.uk"
    response = client.get("/f/FD", base_url=https)
    fields = form_fields(page(response))
    fields.update(rating="1", comment="Sent over HTTPS")
    policy = response.headers["Referrer-Policy"]
    referer = {} if policy == "no-referrer" else {"Referer": f"{https}/f/FD"}
    sent = client.post("/f/FD", data=fields, base_url=https, headers=referer)
    assert sent.status_code == 302
    assert session.scalar(select(Response.comment)) == "Sent over HTTPS"


def test_every_script_on_the_page_carries_the_csp_nonce(client, source):
    response = client.get("/f/FD")
    nonce = response.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    scripts = page(response).select("script")
    assert scripts, "the page should load GOV.UK Frontend's script"
    assert all(script.get("nonce") == nonce for script in scripts)
    assert all(not script.get("src", "").startswith("http") for script in scripts)
    for link in page(response).select("link[href]"):
        assert not link["href"].startswith(("http:", "https:", "//"))


def test_production_adds_hsts_and_secure_cookies(make_app, source):
    app = make_app(FEEDBACK_ENV="production")
    response = app.test_client().get("/f/FD")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie


def test_production_refuses_to_start_without_a_secret_key(make_app, monkeypatch):
    monkeypatch.delenv("FEEDBACK_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="FEEDBACK_SECRET_KEY"):
        make_app(FEEDBACK_ENV="production", FEEDBACK_SECRET_KEY=None)


def test_no_stored_column_holds_the_client_address_or_user_agent(app, session, source):
    client = app.test_client()
    environ = {"REMOTE_ADDR": CLIENT_ADDRESS}
    headers = {"User-Agent": USER_AGENT, "X-Forwarded-For": CLIENT_ADDRESS}
    _, fields = open_form(client, "/f/FD")
    fields.update(rating="1", comment="Anonymous, please")
    response = client.post("/f/FD", data=fields, environ_base=environ, headers=headers)
    assert response.status_code == 302
    assert session.scalar(select(Response.comment)) == "Anonymous, please"

    connection = session.connection()
    for table in inspect(connection).get_table_names():
        for row in connection.execute(text(f'SELECT * FROM "{table}"')):  # noqa: S608
            joined = " ".join(str(value) for value in row)
            assert CLIENT_ADDRESS not in joined, f"{table} holds the client address"
            assert "UniqueAgentMarker" not in joined, f"{table} holds the user agent"


def test_the_only_cookie_is_the_session_cookie(client, source):
    client.get("/f/FD")
    response = submit(client, "/f/FD", rating="2")
    assert response.status_code == 302
    names = {cookie.key for cookie in client._cookies.values()}
    assert names == {"session"}


def test_the_development_server_log_has_no_client_address(app, source, caplog):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.port}/f/FD"
        with caplog.at_level(logging.INFO, logger="werkzeug"), urlopen(url) as reply:  # noqa: S310
            assert reply.status == 200
    finally:
        server.shutdown()
        thread.join()
    lines = [record.getMessage() for record in caplog.records if record.name == "werkzeug"]
    assert any("GET /f/FD" in line for line in lines)
    assert not any("127.0.0.1" in line for line in lines)


def test_the_gunicorn_access_log_format_has_no_address_agent_or_referrer():
    from gunicorn.app.base import Application

    # Read the way gunicorn reads them: the checkout's file and the packaged module.
    loader = Application.__new__(Application)
    for where, settings in (
        ("gunicorn.conf.py", loader.get_config_from_filename(str(ROOT / "gunicorn.conf.py"))),
        ("feedback.gunicorn_conf", loader.get_config_from_module_name("feedback.gunicorn_conf")),
    ):
        assert settings["accesslog"] == "-", where
        for identifying in ("%(h)s", "%(a)s", "%(f)s", "%(u)s", "}i)s", "}e)s"):
            assert identifying not in settings["access_log_format"], where
        assert settings["logger_class"].__name__ == "AnonymousAccessLog", where


def test_the_gunicorn_access_log_writes_no_address_or_agent_even_when_asked(tmp_path):
    from datetime import timedelta
    from types import SimpleNamespace

    from gunicorn.config import Config

    from feedback.gunicorn_conf import AnonymousAccessLog, access_log_format

    log_file = tmp_path / "access.log"
    config = Config()
    config.set("accesslog", str(log_file))
    asking = "%(h)s %(a)s %(f)s %({user-agent}i)s %({x-forwarded-for}i)s %({remote_addr}e)s"
    config.set("access_log_format", f"{access_log_format} %(p)s {asking}")
    log = AnonymousAccessLog(config)
    headers = [("User-Agent", "PhoneBrowser/1.0"), ("X-Forwarded-For", CLIENT_ADDRESS)]
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/f/FD-B12-0173",
        "RAW_URI": "/f/FD-B12-0173",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": CLIENT_ADDRESS,
        "HTTP_USER_AGENT": "PhoneBrowser/1.0",
        "HTTP_REFERER": "https://feedback.example/f/FD-B12-0173",
    }
    answered = SimpleNamespace(status="302 FOUND", sent=199, headers=[("Location", "/thank-you")])
    log.access(answered, SimpleNamespace(headers=headers), environ, timedelta(milliseconds=12))
    for handler in log.access_log.handlers:
        handler.close()
    [line] = log_file.read_text().splitlines()
    assert f'"POST /f/FD-B12-0173" 302 199 12ms <{os.getpid()}> - - - - - -' in line
    assert CLIENT_ADDRESS not in line and "PhoneBrowser" not in line and "https" not in line


def test_too_many_answers_from_one_client_are_paused_not_lost(make_app, session, source):
    app = make_app(FEEDBACK_RATE_LIMIT="2 per minute")
    client = app.test_client()
    assert submit(client, "/f/FD", rating="1").status_code == 302
    assert submit(client, "/f/FD", rating="1").status_code == 302
    response = submit(client, "/f/FD", rating="4", comment="Third go")
    assert response.status_code == 429
    soup = page(response)
    assert "please wait a minute" in text_of(soup, ".govuk-notification-banner")
    assert form_fields(soup)["comment"] == "Third go"
    assert len(list(session.scalars(select(Response)))) == 2
    # Reading the form is never limited.
    assert client.get("/f/FD").status_code == 200


def test_the_rate_limit_key_is_not_the_address(app):
    from feedback.security import anonymous_client_key

    with app.test_request_context("/f/FD", environ_base={"REMOTE_ADDR": CLIENT_ADDRESS}):
        key = anonymous_client_key()
    assert CLIENT_ADDRESS not in key
    assert len(key) == 32


def test_a_misspelt_variable_in_our_templates_fails_loudly(app):
    with app.test_request_context("/"):
        template = app.jinja_env.from_string("{{ council_nmae }}")
        with pytest.raises(UndefinedError):
            template.render()


REDIS_URL = os.environ.get("FEEDBACK_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_or_skip():  # type: ignore[no-untyped-def]
    import redis

    connection = redis.Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    return connection


def test_with_redis_the_limit_is_shared_by_workers_and_keeps_no_address(make_app, source):
    redis_db = _redis_or_skip()
    redis_db.flushdb()
    settings = {"FEEDBACK_RATE_LIMIT": "2 per minute", "FEEDBACK_REDIS_URL": REDIS_URL}
    worker_one = make_app(**settings).test_client()
    worker_two = make_app(**settings).test_client()
    environ = {"REMOTE_ADDR": CLIENT_ADDRESS}

    def send(client, rating: str):  # type: ignore[no-untyped-def]
        _, fields = open_form(client, "/f/FD")
        fields["rating"] = rating
        return client.post("/f/FD", data=fields, environ_base=environ)

    assert send(worker_one, "1").status_code == 302
    assert send(worker_two, "2").status_code == 302
    assert send(worker_one, "3").status_code == 429
    keys = [key.decode() for key in redis_db.keys("*")]
    assert keys, "the limiter should count in Redis"
    assert not any(CLIENT_ADDRESS in key for key in keys)
    redis_db.flushdb()
