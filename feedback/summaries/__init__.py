"""Stored summaries for the board: the monthly digests, as page, PDF, easy read and CSV."""

from .views import bp

__all__ = ["bp"]
