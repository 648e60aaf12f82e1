"""Two app instances, one PostgreSQL, one Redis: the README's "more than one machine".

Two gunicorn instances (two workers each) on different loopback ports share a
database this module creates and migrates, and a Redis for rate limits. Residents
stand behind a proxy (FEEDBACK_TRUSTED_PROXIES=1, a documentation address each in
X-Forwarded-For, HTTPS and the public host as the nginx example sends them), open
the form on one instance and send it to the other, or to both at once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import socket
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import create_engine, text

from tests.web.pages import form_fields

from .servers import (
    PUBLIC_HOST,
    app_env,
    find_nginx,
    flask,
    free_port,
    nginx_command,
    nginx_example,
    start_instance,
    stop,
    wait_until_healthy,
)

requests = pytest.importorskip("requests")

RESIDENTS = 30
LIMIT = 4  # answers per client address per minute, counted across every instance
SECRET = f"two-instances-{secrets.token_hex(8)}"
THANKS = "/thank-you"
PUBLIC = PUBLIC_HOST
FORM = f"https://{PUBLIC}/f/FD"


@pytest.fixture(scope="module")
def deployment(postgres_database, redis_url, tmp_path_factory) -> Iterator[dict]:
    env = app_env(
        # Every instance must share the secret: a form opened on one is sent to another.
        FEEDBACK_SECRET_KEY=SECRET,
        FEEDBACK_DATABASE_URL=postgres_database,
        FEEDBACK_REDIS_URL=redis_url,
        FEEDBACK_RATE_LIMIT=f"{LIMIT} per minute",
        FEEDBACK_TRUSTED_PROXIES="1",
    )
    flask(env, "db", "upgrade")
    tmp_path = tmp_path_factory.mktemp("instances")
    instances = [start_instance(env, tmp_path, name) for name in ("one", "two")]
    addresses: list[str] = []
    try:
        wait_until_healthy(instances)
        yield {"bases": [i.base for i in instances], "db": postgres_database, "used": addresses}
    finally:
        stop(instances)
        _forget_rate_limits(redis_url, addresses)


def _forget_rate_limits(redis_url: str, addresses: list[str]) -> None:
    """Delete this run's counters: their keys carry the app's daily hash of each address."""
    import redis

    client = redis.Redis.from_url(redis_url)
    today = datetime.now(UTC).date()
    for day in (today - timedelta(days=1), today, today + timedelta(days=1)):
        key = f"{SECRET}:{day:%Y-%m-%d}".encode()
        for address in addresses:
            hashed = hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]
            for name in client.scan_iter(match=f"*{hashed}*"):
                client.delete(name)
    client.close()


def through_proxy(address: str) -> dict[str, str]:
    """What deploy/nginx/how-did-we-do.conf adds: the client's address, HTTPS, the public host."""
    return {"X-Forwarded-For": address, "X-Forwarded-Proto": "https", "X-Forwarded-Host": PUBLIC}


@dataclass
class OpenForm:
    fields: dict[str, str]
    cookies: dict[str, str]
    headers: dict[str, str]  # what the browser sends with the form, proxy's headers included


def open_form(base: str, address: str) -> OpenForm:
    """GET the form as a resident behind the proxy would."""
    response = requests.get(f"{base}/f/FD", headers=through_proxy(address), timeout=10)
    assert response.status_code == 200, response.text
    fields = form_fields(BeautifulSoup(response.text, "html.parser"))
    assert fields["token"] and fields["csrf_token"]
    # A browser sends the form's address back as the Referer only when the page's policy
    # lets it; over HTTPS the app refuses a form without one.
    referer = {} if response.headers["Referrer-Policy"] == "no-referrer" else {"Referer": FORM}
    return OpenForm(fields, response.cookies.get_dict(), through_proxy(address) | referer)


def send(base: str, form: OpenForm):  # type: ignore[no-untyped-def]
    return requests.post(
        f"{base}/f/FD",
        data=form.fields,
        cookies=form.cookies,
        headers=form.headers,
        allow_redirects=False,
        timeout=15,
    )


def acknowledged(response) -> bool:  # type: ignore[no-untyped-def]
    return response.status_code == 302 and response.headers["Location"].endswith(THANKS)


def stored_comments(database_url: str, prefix: str) -> list[str]:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT comment FROM response WHERE comment LIKE :prefix"),
            {"prefix": f"{prefix}%"},
        ).scalars()
        comments = list(rows)
    engine.dispose()
    return comments


def test_every_acknowledged_answer_is_stored_once_whichever_instance_takes_it(deployment):
    bases = deployment["bases"]

    def resident(number: int) -> tuple[str, list]:
        address = f"198.51.100.{number + 1}"
        deployment["used"].append(address)
        opened_on, other = bases[number % 2], bases[(number + 1) % 2]
        form = open_form(opened_on, address)
        form.fields.update(rating="1", comment=f"Spread {number}: the carer was kind and on time")
        # The same form sent to both instances at once: a double tap split by the
        # load balancer. Both are told thank you; one row is stored.
        with ThreadPoolExecutor(2) as pair:
            answers = list(pair.map(lambda base: send(base, form), (other, opened_on)))
        return form.fields["comment"], answers

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(resident, range(RESIDENTS)))

    posts = [answer for _, answers in results for answer in answers]
    assert all(acknowledged(answer) for answer in posts), [
        (answer.status_code, answer.text[:200]) for answer in posts if not acknowledged(answer)
    ]
    sent = sorted(comment for comment, _ in results)
    stored = sorted(stored_comments(deployment["db"], "Spread "))
    print(f"\n{RESIDENTS} residents, {len(posts)} POSTs acknowledged, {len(stored)} rows stored")
    assert stored == sent  # every acknowledged answer, each exactly once


def test_the_rate_limit_is_counted_across_both_instances(deployment):
    bases = deployment["bases"]
    address = "203.0.113.7"
    deployment["used"].append(address)
    answers = []
    for attempt in range(2 * LIMIT + 2):
        base = bases[attempt % 2]  # one, two, one, two…
        form = open_form(base, address)
        form.fields.update(rating="2", comment=f"Limited {attempt}: fine, thank you")
        answers.append((base, send(base, form)))

    accepted = [base for base, answer in answers if acknowledged(answer)]
    refused = [(base, answer) for base, answer in answers if answer.status_code == 429]
    print(
        f"\n{len(answers)} POSTs from one address at {LIMIT} per minute: "
        f"{len(accepted)} accepted, {len(refused)} refused with 429"
    )
    # Counted per instance, each would take LIMIT: 2 * LIMIT in all.
    assert len(accepted) == LIMIT, [(base, answer.status_code) for base, answer in answers]
    assert len(refused) == len(answers) - LIMIT
    assert {base for base, _ in refused} == set(bases)
    assert [base for base, answer in answers[:LIMIT] if acknowledged(answer)] == bases * (
        LIMIT // 2
    )
    # A refused resident keeps what they typed; only the accepted answers are stored.
    base, first_refused = refused[0]
    assert "please wait a minute" in first_refused.text
    assert "fine, thank you" in first_refused.text
    assert len(stored_comments(deployment["db"], "Limited ")) == LIMIT


AGENT = "Mozilla/5.0 (DistinctiveTestPhone 9.9) UniqueAgentMarker"


def phone(certificate: Path):  # type: ignore[no-untyped-def]
    """A resident's browser asking for the public host, trusting the throwaway certificate."""
    browser = requests.Session()
    browser.trust_env = False  # REQUESTS_CA_BUNDLE would replace the certificate
    browser.verify = str(certificate)
    browser.headers.update({"Host": PUBLIC, "User-Agent": AGENT})
    return browser


def test_through_the_nginx_example_residents_are_counted_by_their_real_address_and_not_logged(
    deployment, tmp_path
):
    nginx = find_nginx()
    bases = deployment["bases"]
    https_port = free_port()
    main = nginx_example(
        tmp_path, [base.removeprefix("http://") for base in bases], (free_port(), https_port)
    )
    log = (tmp_path / "nginx.out").open("w")
    server = subprocess.Popen(nginx_command(nginx, main), stdout=log, stderr=subprocess.STDOUT)
    # Every request comes from this machine: nginx tells the app 127.0.0.1, whatever
    # the client claims in its own X-Forwarded-For.
    deployment["used"].append("127.0.0.1")
    site = f"https://127.0.0.1:{https_port}"
    answers = []
    try:
        deadline = time.monotonic() + 10
        while True:
            assert server.poll() is None, (tmp_path / "nginx.out").read_text()
            try:
                socket.create_connection(("127.0.0.1", https_port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "nginx did not listen in 10 s"
                time.sleep(0.1)
        for number in range(LIMIT + 1):
            with phone(tmp_path / "cert.pem") as browser:
                claimed = {"X-Forwarded-For": f"192.0.2.{number + 1}"}
                opened = browser.get(f"{site}/f/FD", headers=claimed, timeout=10)
                assert opened.status_code == 200, opened.text
                fields = form_fields(BeautifulSoup(opened.text, "html.parser"))
                fields.update(rating="1", comment=f"Via nginx {number}: helpful")
                sent = browser.post(
                    f"{site}/f/FD",
                    data=fields,
                    headers=claimed | {"Referer": FORM},
                    allow_redirects=False,
                    timeout=15,
                )
                answers.append(sent.status_code)
        stylesheet = BeautifulSoup(opened.text, "html.parser").select_one("link[rel=stylesheet]")
        with phone(tmp_path / "cert.pem") as browser:
            static = browser.get(f"{site}{stylesheet['href']}", timeout=10)
    finally:
        server.terminate()
        server.wait(timeout=15)
        log.close()

    print(f"\n{len(answers)} residents through nginx claiming their own addresses: {answers}")
    # Over HTTPS with the proxy's headers the form gets through; a claimed address
    # gives no fresh limit.
    assert answers == [302] * LIMIT + [429]
    assert len(stored_comments(deployment["db"], "Via nginx ")) == LIMIT
    assert static.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert [path for path in (tmp_path / "cache").rglob("*") if path.is_file()]

    access = (tmp_path / "how-did-we-do.access.log").read_text().splitlines()
    assert sum('"POST /f/FD" 302' in line for line in access) == LIMIT, access
    for line in access:
        client_part = line.rsplit(" ", 1)[0]  # the last field is the instance's address
        assert "127.0.0.1" not in client_part and "192.0.2." not in line, line
        assert "UniqueAgentMarker" not in line and PUBLIC not in line, line
