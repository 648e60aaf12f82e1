"""Fixtures shared by the web tests: a real SMTP server on 127.0.0.1 (see mailserver.py),
and the fuzz tests' summary of how many cases ran (see fuzz.py)."""

from .fuzz import pytest_terminal_summary
from .mailserver import inbox, mail_app, smtp_port

__all__ = ["inbox", "mail_app", "pytest_terminal_summary", "smtp_port"]
