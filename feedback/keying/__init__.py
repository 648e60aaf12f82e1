"""Keying freepost cards: batches, card after card, duplicates and corrections."""

from .views import bp

__all__ = ["bp"]
