"""A card being keyed is never lost when the keyer's session ends.

If the keying form is sent after the session expired, what was typed is kept here
under a random token (the browser keeps the token in its session cookie), and
handed back once, after the keyer signs in again, to be checked and saved.
Drafts hold a resident's comment, so none is kept longer than a day.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from ..models import KeyingDraft
from ..times import utcnow

KEEP_FOR = timedelta(days=1)


def keep_draft(session: Session, path: str, fields: dict[str, str], account_id: int | None) -> str:
    """Store what was typed for the page at path; the token that finds it again."""
    forget_expired(session)
    token = secrets.token_urlsafe(32)
    session.add(KeyingDraft(token=token, path=path, account_id=account_id, fields=fields))
    session.commit()
    return token


def take_draft(session: Session, token: str, path: str, account_id: int) -> dict[str, str] | None:
    """The fields kept under token for this page and account, once; None if there are none."""
    forget_expired(session)
    draft = session.get(KeyingDraft, token)
    if draft is None or draft.path != path or draft.account_id not in (None, account_id):
        session.commit()
        return None
    fields = dict(draft.fields)
    session.delete(draft)
    session.commit()
    return fields


def forget_expired(session: Session) -> None:
    """Delete drafts older than a day (also run nightly by retention); the caller commits."""
    session.execute(delete(KeyingDraft).where(KeyingDraft.created_at < utcnow() - KEEP_FOR))
