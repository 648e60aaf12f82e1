"""Keying freepost cards: batches, card after card, duplicates and corrections (/staff/keying)."""
