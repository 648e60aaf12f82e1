"""Moderating comments for publication: only an approved, redacted quote ever leaves staff.

The original comment stays for staff. A manager writes the quote (starting from
the analyser's redaction when there is one) and approves or rejects it; the
board digest and the Local Account take quotes from approved_quotes() alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..insight.redaction import redact
from ..models import Response, Source, StaffUser
from ..times import as_utc, utcnow
from . import audit

PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
DECISIONS = (APPROVED, REJECTED)
QUOTE_MAX_CHARS = 2000


class ModerationError(ValueError):
    """The quote cannot be approved as written; the message says what to change."""


@dataclass(frozen=True)
class Quote:
    response_id: int
    text: str
    received_at: datetime
    # What a digest needs to balance its quotes: the tick box and the team, never the comment.
    rating: int | None = None
    source_code: str | None = None


def draft_quote(response: Response) -> str:
    """What the manager starts editing from: their last quote, the redaction, or the original."""
    return response.quote_text or response.redacted_comment or response.comment or ""


def moderate(
    session: Session,
    response: Response,
    decision: str,
    quote_text: str | None,
    by: StaffUser,
    *,
    keep: frozenset[str],
) -> Response:
    """Approve the quote as written, or reject the comment for publication.

    An approved quote is checked again for personal data, leaving in the place
    and organisation names the council keeps (`keep`, as analysis does).
    """
    if decision not in DECISIONS:
        raise ModerationError("Select whether the quote is approved or rejected")
    quote = (quote_text or "").replace("\r\n", "\n").strip() or None
    if decision == APPROVED:
        if quote is None:
            raise ModerationError("Enter the quote as it may be published")
        left = sorted({item.kind for item in redact(quote, keep=keep).items})
        if left:
            raise ModerationError(
                "The quote still looks like it contains personal data ("
                + ", ".join(left)
                + "). Remove it or replace it with a placeholder such as [name]"
            )
    response.moderation_status = decision
    response.quote_text = quote
    response.moderated_by_id = by.id
    response.moderated_at = utcnow()
    audit.record(session, by, "response.moderated", f"response:{response.id}", status=decision)
    session.commit()
    return response


def approved_quotes(
    session: Session, start: datetime, end: datetime, source_id: int | None = None
) -> list[Quote]:
    """Approved quotes for answers received in [start, end), oldest first.

    Reads quote_text only: the original comment is never selected, so it
    cannot reach a digest by mistake.
    """
    query = (
        select(Response.id, Response.quote_text, Response.received_at, Response.rating, Source.code)
        .outerjoin(Source, Source.id == Response.source_id)
        .where(
            Response.moderation_status == APPROVED,
            Response.quote_text.is_not(None),
            Response.received_at >= start,
            Response.received_at < end,
        )
    )
    if source_id is not None:
        query = query.where(Response.source_id == source_id)
    query = query.order_by(Response.received_at, Response.id)
    return [
        Quote(
            response_id=row.id,
            text=row.quote_text,
            received_at=as_utc(row.received_at),
            rating=row.rating,
            source_code=row.code,
        )
        for row in session.execute(query)
    ]
