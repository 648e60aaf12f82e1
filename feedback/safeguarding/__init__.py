"""The safeguarding queue: possible disclosures of harm for the duty team, same day."""

from .views import bp

__all__ = ["bp"]
