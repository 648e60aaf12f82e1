"""A real SMTP server on 127.0.0.1 for tests (aiosmtpd), and what it received."""

from __future__ import annotations

import socket
import threading
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


class HeldInbox(Inbox):
    """A mail server that takes each message only when the test lets it go."""

    def __init__(self) -> None:
        super().__init__()
        self.arrived = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        import asyncio

        self.arrived.set()
        while not self.release.is_set():
            await asyncio.sleep(0.01)
        return await super().handle_DATA(server, session, envelope)


def first_tries_done(app) -> None:  # type: ignore[no-untyped-def]
    """Wait for the background first try of every alert stored so far."""
    assert app.extensions["feedback.alert_outbox"].wait(timeout=20)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def inbox(smtp_port):
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    yield box
    controller.stop()


@pytest.fixture
def mail_app(make_app, smtp_port):
    """The app sending to the test SMTP server, with a duty team and an escalation address."""
    return make_app(
        FEEDBACK_SMTP_HOST="127.0.0.1",
        FEEDBACK_SMTP_PORT=smtp_port,
        FEEDBACK_SMTP_TIMEOUT_SECONDS=2,
        FEEDBACK_DUTY_EMAIL="duty@example.gov.uk",
        FEEDBACK_ESCALATION_EMAIL="lead@example.gov.uk",
        FEEDBACK_BASE_URL="https://feedback.example.gov.uk",
    )
