"""Sending email over SMTP. The message never carries a resident's words."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    mimetype: str = "application/pdf"


class MailNotSent(Exception):
    """The mail server could not be reached or refused the message; try again later."""


@dataclass(frozen=True)
class Mailer:
    host: str
    port: int
    sender: str
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 10.0

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Mailer:
        return cls(
            host=config["FEEDBACK_SMTP_HOST"],
            port=int(config["FEEDBACK_SMTP_PORT"]),
            sender=config["FEEDBACK_MAIL_FROM"],
            username=config["FEEDBACK_SMTP_USERNAME"],
            password=config["FEEDBACK_SMTP_PASSWORD"],
            starttls=str(config["FEEDBACK_SMTP_STARTTLS"]).lower() == "true",
            timeout=float(config["FEEDBACK_SMTP_TIMEOUT_SECONDS"]),
        )

    def send(
        self, to: str, subject: str, body: str, attachments: Sequence[Attachment] = ()
    ) -> None:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = to
        message["Subject"] = subject
        message.set_content(body)
        for attachment in attachments:
            maintype, subtype = attachment.mimetype.split("/")
            message.add_attachment(
                attachment.data, maintype=maintype, subtype=subtype, filename=attachment.filename
            )
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls()
                if self.username:
                    smtp.login(self.username, self.password or "")
                smtp.send_message(message)
        except (OSError, smtplib.SMTPException) as problem:
            raise MailNotSent(f"{type(problem).__name__}: {problem}"[:300]) from problem
