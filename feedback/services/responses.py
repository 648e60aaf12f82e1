"""Reading stored answers back out: the export every channel shares."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import Row, Select, select
from sqlalchemy.orm import Session

from ..fft import RATINGS
from ..models import Response, Source
from ..times import as_utc

EXPORT_COLUMNS = (
    "id",
    "received",
    "channel",
    "source_code",
    "card_reference",
    "rating",
    "respondent_type",
    "helped",
    "language",
    "comment",
)


def export_select() -> Select:
    """The columns of an export (EXPORT_COLUMNS), for callers to filter and order."""
    return select(
        Response.id,
        Response.received_at,
        Response.channel,
        Source.code,
        Response.card_reference,
        Response.rating,
        Response.respondent_type,
        Response.helped,
        Response.language,
        Response.comment,
    ).join(Source, Source.id == Response.source_id)


def export_row(row: Row) -> tuple[object, ...]:
    """One row of export_select() as spreadsheet cells: labels, not codes."""
    received: datetime = as_utc(row.received_at)  # type: ignore[assignment]
    return (
        row.id,
        received.isoformat(timespec="seconds"),
        row.channel,
        row.code,
        row.card_reference or "",
        "" if row.rating is None else str(RATINGS[row.rating]),
        row.respondent_type or "",
        "" if row.helped is None else ("yes" if row.helped else "no"),
        row.language or "",
        row.comment or "",
    )


def export_rows(session: Session, batch_size: int = 1000) -> Iterator[tuple[object, ...]]:
    """Every stored response, oldest first, streamed in batches rather than loaded whole."""
    query = export_select().order_by(Response.id).execution_options(yield_per=batch_size)
    for row in session.execute(query):
        yield export_row(row)
