"""Fixtures shared by the web tests: a real SMTP server on 127.0.0.1 (see mailserver.py)."""

from .mailserver import inbox, smtp_port

__all__ = ["inbox", "smtp_port"]
