"""Finding feedback: filters, word search over comments and newest-first pages, all in SQL.

Built to stay quick at a million responses. Every filter lines up with an index
(received_at; source_id, channel or rating with received_at), pages are keyset
pages (no OFFSET that scans every earlier row), and the count is capped so an
unfiltered list never counts a million rows just to say how many there are.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, and_, column, func, or_, select, text
from sqlalchemy.orm import Session

from ..models import AuditEvent, Response, Source, StaffUser
from ..spreadsheets import neutralise
from ..times import as_utc, london_day_bounds
from . import audit
from .responses import EXPORT_COLUMNS, export_row, export_select
from .tone import words_and_tick_disagree

PAGE_SIZE = 25
COUNT_CAP = 10_000
SEARCH_MAX_CHARS = 200
DISAGREE = "disagree"
_FTS_TERM = re.compile(r"\w+(?:['’]\w+)*")
_CURSOR = re.compile(r"^(\d{10,})\.(\d{1,6})-(\d{1,18})$")


@dataclass(frozen=True)
class Filters:
    """What a manager narrowed the list to. Every field is optional; None means "any"."""

    received_from: date | None = None
    received_to: date | None = None
    source_id: int | None = None
    channel: str | None = None
    rating: int | None = None
    respondent_type: str | None = None
    has_comment: bool | None = None
    words: str | None = None
    # A tone as counted (staff's where checked), or DISAGREE: words and tick box disagree.
    tone: str | None = None
    tone_checked: bool | None = None

    def described(self) -> dict[str, Any]:
        """The filters that are set, as plain values for the audit log."""
        return {
            key: value.isoformat() if isinstance(value, date) else value
            for key, value in asdict(self).items()
            if value is not None
        }


@dataclass(frozen=True)
class Row:
    id: int
    received_at: datetime
    source_code: str
    source_name: str
    channel: str
    rating: int | None
    respondent_type: str | None
    comment: str | None
    moderation_status: str


@dataclass(frozen=True)
class Page:
    rows: list[Row]
    newer: str | None  # cursor for the page before (newer rows), None on the first page
    older: str | None  # cursor for the page after (older rows), None on the last page
    total: int  # capped at COUNT_CAP + 1
    capped: bool


def fts5_query(words: str) -> str | None:
    """The user's words as an FTS5 query in which every word must appear.

    Each word is quoted, so FTS5 operators typed by a person ("NOT", "*", "-",
    column filters, stray quotes) are read as words and never as syntax.
    """
    terms = _FTS_TERM.findall(words[:SEARCH_MAX_CHARS])
    if not terms:
        return None
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _matches_words(session: Session, words: str) -> ColumnElement[bool]:
    if session.get_bind().dialect.name == "postgresql":
        # Exactly the expression of ix_response_comment_search, or the GIN index goes unused.
        vector = func.to_tsvector("english", func.coalesce(Response.comment, ""))
        return vector.op("@@")(func.websearch_to_tsquery("english", words[:SEARCH_MAX_CHARS]))
    query = fts5_query(words)
    if query is None:
        return Response.id.is_(None)  # nothing searchable was typed: nothing matches
    matching = text("SELECT rowid FROM response_search WHERE response_search MATCH :fts")
    return Response.id.in_(matching.bindparams(fts=query).columns(column("rowid", Integer)))


def conditions(session: Session, filters: Filters) -> list[ColumnElement[bool]]:
    """The WHERE clauses for a set of filters, shared by the list, its count and the export."""
    where: list[ColumnElement[bool]] = []
    start, end = london_day_bounds(filters.received_from, filters.received_to)
    if start is not None:
        where.append(Response.received_at >= start)
    if end is not None:
        where.append(Response.received_at < end)
    if filters.source_id is not None:
        where.append(Response.source_id == filters.source_id)
    if filters.channel:
        where.append(Response.channel == filters.channel)
    if filters.rating is not None:
        where.append(Response.rating == filters.rating)
    if filters.respondent_type:
        where.append(Response.respondent_type == filters.respondent_type)
    for present, wanted in (
        (Response.comment, filters.has_comment),
        (Response.sentiment_checked, filters.tone_checked),
    ):
        if wanted is not None:
            where.append(present.is_not(None) if wanted else present.is_(None))
    if filters.tone == DISAGREE:
        where.append(words_and_tick_disagree())
    elif filters.tone:
        where.append(Response.tone == filters.tone)
    if filters.words and filters.words.strip():
        where.append(_matches_words(session, filters.words.strip()))
    return where


def encode_cursor(row: Row) -> str:
    moment = row.received_at.astimezone(UTC)
    return f"{int(moment.timestamp())}.{moment.microsecond:06d}-{row.id}"


def decode_cursor(cursor: str | None) -> tuple[datetime, int] | None:
    match = _CURSOR.match(cursor or "")
    if match is None:
        return None
    seconds, micros, row_id = match.groups()
    moment = datetime.fromtimestamp(int(seconds), UTC).replace(
        microsecond=int(micros.ljust(6, "0"))
    )
    return moment, int(row_id)


def _older_than(moment: datetime, row_id: int) -> ColumnElement[bool]:
    # Spelled out rather than as a row comparison so received_at <= x can use the index.
    return and_(
        Response.received_at <= moment,
        or_(Response.received_at < moment, Response.id < row_id),
    )


def _newer_than(moment: datetime, row_id: int) -> ColumnElement[bool]:
    return and_(
        Response.received_at >= moment,
        or_(Response.received_at > moment, Response.id > row_id),
    )


def _row_query(where: list[ColumnElement[bool]]) -> Select[Any]:
    return (
        select(
            Response.id,
            Response.received_at,
            Source.code,
            Source.name,
            Response.channel,
            Response.rating,
            Response.respondent_type,
            Response.comment,
            Response.moderation_status,
        )
        .join(Source, Source.id == Response.source_id)
        .where(*where)
    )


def _rows(session: Session, query: Select[Any]) -> list[Row]:
    return [
        Row(
            id=r.id,
            received_at=as_utc(r.received_at),  # type: ignore[arg-type]
            source_code=r.code,
            source_name=r.name,
            channel=r.channel,
            rating=r.rating,
            respondent_type=r.respondent_type,
            comment=r.comment,
            moderation_status=r.moderation_status,
        )
        for r in session.execute(query)
    ]


def search(
    session: Session,
    filters: Filters,
    *,
    older: str | None = None,
    newer: str | None = None,
    page_size: int = PAGE_SIZE,
) -> Page:
    """One page of matching responses, newest first.

    `older` is the cursor of the last row of the page before; `newer` the first
    row of the page after (going back towards the newest). With neither, the
    newest page.
    """
    where = conditions(session, filters)
    total = capped_count(session, where)
    # PostgreSQL guesses that any word is fairly common, and for a rare one would walk
    # the whole received_at index re-parsing every comment (seconds at a million
    # rows). When the capped count says there are few matches, take them from the GIN
    # index first and sort only those; many matches are found quickly in date order.
    few = bool(filters.words) and total <= COUNT_CAP
    via_matches = few and session.get_bind().dialect.name == "postgresql"
    after, before = decode_cursor(older), decode_cursor(newer)
    if before is not None:
        # Walk towards the newest: take the rows just above the cursor, then flip them.
        rows = _page_rows(session, [*where, _newer_than(*before)], page_size + 1, True, via_matches)
        more_newer = len(rows) > page_size
        rows = list(reversed(rows[:page_size]))
        more_older = True
    else:
        page_where = [*where, _older_than(*after)] if after else where
        rows = _page_rows(session, page_where, page_size + 1, False, via_matches)
        more_older = len(rows) > page_size
        rows = rows[:page_size]
        more_newer = after is not None
    return Page(
        rows=rows,
        newer=encode_cursor(rows[0]) if rows and more_newer else None,
        older=encode_cursor(rows[-1]) if rows and more_older else None,
        total=total,
        capped=total > COUNT_CAP,
    )


def _page_rows(
    session: Session,
    where: list[ColumnElement[bool]],
    limit: int,
    oldest_first: bool,
    via_matches: bool,
) -> list[Row]:
    def order(received: Any, row_id: Any) -> tuple[Any, Any]:
        if oldest_first:
            return received.asc(), row_id.asc()
        return received.desc(), row_id.desc()

    if via_matches:
        # MATERIALIZED keeps the planner from folding this back into an index walk.
        hits = (
            select(Response.id, Response.received_at)
            .where(*where)
            .cte("hits")
            .prefix_with("MATERIALIZED")
        )
        top = select(hits.c.id).order_by(*order(hits.c.received_at, hits.c.id)).limit(limit)
        where = [Response.id.in_(top)]
    query = _row_query(where).order_by(*order(Response.received_at, Response.id))
    return _rows(session, query.limit(limit))


def capped_count(session: Session, where: list[ColumnElement[bool]]) -> int:
    """How many rows match, counting no further than COUNT_CAP + 1."""
    limited = select(Response.id).where(*where).limit(COUNT_CAP + 1).subquery()
    return session.scalar(select(func.count()).select_from(limited)) or 0


def exact_count(session: Session, filters: Filters, up_to_id: int) -> int:
    where = [*conditions(session, filters), Response.id <= up_to_id]
    return session.scalar(select(func.count(Response.id)).where(*where)) or 0


def newest_id(session: Session) -> int:
    return session.scalar(select(func.max(Response.id))) or 0


def export_rows(
    session: Session, filters: Filters, up_to_id: int, batch_size: int = 1000
) -> Iterator[tuple[object, ...]]:
    """The filtered list as spreadsheet rows (EXPORT_COLUMNS), newest first, streamed.

    `up_to_id` fixes the set at the moment the export was asked for, so the
    audited row count and the file agree even while new answers arrive.
    """
    where = [*conditions(session, filters), Response.id <= up_to_id]
    query = (
        export_select()
        .where(*where)
        .order_by(Response.received_at.desc(), Response.id.desc())
        .execution_options(yield_per=batch_size)
    )
    for row in session.execute(query):
        yield export_row(row)


def audit_trail(session: Session, response_id: int) -> list[AuditEvent]:
    """Everything done to one response, oldest first."""
    return audit.for_target(session, f"response:{response_id}")


@dataclass(frozen=True)
class ExportPlan:
    filters: Filters
    up_to_id: int
    rows: int


def begin_export(session: Session, filters: Filters, by: StaffUser) -> ExportPlan:
    """Fix the rows an export will hold and audit it before a byte is sent.

    Audited first so that an export cut off half way is still on record.
    """
    up_to_id = newest_id(session)
    rows = exact_count(session, filters, up_to_id)
    audit.record(session, by, "feedback.exported", None, filters=filters.described(), rows=rows)
    session.commit()
    return ExportPlan(filters=filters, up_to_id=up_to_id, rows=rows)


def csv_chunks(session: Session, plan: ExportPlan, rows_per_chunk: int = 500) -> Iterator[str]:
    """The export as CSV text in chunks: a BOM so Excel reads UTF-8, then the header and rows.

    Every cell goes through neutralise(), so a comment such as "=HYPERLINK(...)"
    is shown as text and never run as a formula.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(EXPORT_COLUMNS)
    for count, row in enumerate(export_rows(session, plan.filters, plan.up_to_id), start=1):
        writer.writerow([neutralise(value) for value in row])
        if count % rows_per_chunk == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
