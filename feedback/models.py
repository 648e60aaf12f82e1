"""Typed models. Times are stored in UTC; nothing here identifies a person."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    ColumnElement,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from .times import utcnow

# Constraint names are fixed, so migrations name them the same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def json_list_elements(column: Any, dialect: str) -> tuple[Any, ColumnElement[bool]]:
    """A JSON list column's elements as a table to join (its `.c.value`), and the test that
    a row's value is a list at all (a JSON null is not), on SQLite or PostgreSQL."""
    if dialect == "postgresql":
        return (
            func.json_array_elements_text(column).table_valued("value"),
            func.json_typeof(column) == "array",
        )
    return func.json_each(column).table_valued("value"), func.json_type(column) == "array"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


UNKNOWN_SOURCE_CODE = "UNKNOWN"


class Source(Base):
    """A team or service point that hands out cards, e.g. FD, Front Door."""

    __tablename__ = "source"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    responses: Mapped[list[Response]] = relationship(back_populates="source")

    def __repr__(self) -> str:
        return f"<Source {self.code}>"


class Response(Base):
    """One answer to the FFT, from the web form or a keyed paper card."""

    __tablename__ = "response"
    __table_args__ = (
        CheckConstraint("rating BETWEEN 1 AND 6", name="rating_range"),
        CheckConstraint("channel IN ('web', 'paper')", name="channel_known"),
        CheckConstraint("form_format IN ('standard', 'easy_read')", name="form_format_known"),
        CheckConstraint(
            "sentiment_checked IN ('positive', 'mixed', 'neutral', 'negative')",
            name="sentiment_checked_known",
        ),
        Index("ix_response_source_received", "source_id", "received_at"),
        Index("ix_response_rating_received", "rating", "received_at"),
        Index("ix_response_channel_received", "channel", "received_at"),
        Index("ix_response_moderation", "moderation_status", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"))
    channel: Mapped[str] = mapped_column(String(8))
    # What the card carried (QR or keyed), normalised; identifies a card, never a person.
    card_reference: Mapped[str | None] = mapped_column(String(40), index=True)
    rating: Mapped[int | None] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(Text)
    respondent_type: Mapped[str | None] = mapped_column(String(24))
    helped: Mapped[bool | None] = mapped_column(Boolean)
    # The language of the form or card; None for a keyed card whose batch cannot be found.
    language: Mapped[str | None] = mapped_column(String(12), default="en")
    # Which version of the form was answered ("standard" or "easy_read"), so figures
    # can show whether the easy read journey is used.
    form_format: Mapped[str] = mapped_column(
        String(16), default="standard", server_default="standard"
    )
    received_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    # The one-time token of the form view this answer came from: a double tap or a
    # resubmitted page finds the answer already stored instead of storing it twice.
    submission_token: Mapped[str | None] = mapped_column(String(64), unique=True)

    # Filled by analysis (insight); empty until a comment has been analysed.
    sentiment_label: Mapped[str | None] = mapped_column(String(12))
    sentiment_score: Mapped[float | None] = mapped_column(Float)
    sentiment_reasons: Mapped[list[str] | None] = mapped_column(JSON)
    themes: Mapped[list[str] | None] = mapped_column(JSON)
    redacted_comment: Mapped[str | None] = mapped_column(Text)
    has_personal_data: Mapped[bool | None] = mapped_column(Boolean)
    safeguarding_flag: Mapped[bool | None] = mapped_column(Boolean)
    analyser_version: Mapped[str | None] = mapped_column(String(40))
    analysed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The tone a member of staff chose after reading the comment (one of the analyser's
    # labels). Analysis never writes it; the summaries count it in place of the
    # analyser's label. Who chose it is in the audit log.
    sentiment_checked: Mapped[str | None] = mapped_column(String(12))
    sentiment_checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    # Paper cards: the keying batch they were keyed in, and by whom.
    keying_batch_id: Mapped[int | None] = mapped_column(ForeignKey("keying_batch.id"), index=True)
    keyed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))

    # Moderation: only an approved, redacted quote may leave the staff area.
    moderation_status: Mapped[str] = mapped_column(String(12), default="pending")
    quote_text: Mapped[str | None] = mapped_column(Text)
    moderated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    moderated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    source: Mapped[Source] = relationship(back_populates="responses")
    # Read only: the alert is written by analysis (services.analysis), never through here.
    safeguarding_alert: Mapped[SafeguardingAlert | None] = relationship(viewonly=True)

    @hybrid_property
    def tone(self) -> str | None:
        """The comment's tone as counted: staff's reading when checked, else the analyser's."""
        return self.sentiment_checked or self.sentiment_label

    @tone.inplace.expression
    @classmethod
    def _tone_expression(cls) -> ColumnElement[str | None]:
        return func.coalesce(cls.sentiment_checked, cls.sentiment_label)


class StaffUser(Base):
    """A member of staff who signs in to the back office. Residents never have accounts."""

    __tablename__ = "staff_user"
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'manager', 'keyer', 'board')", name="role_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Bumped on disable or password reset: every session signed in before is out.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_sign_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AuditEvent(Base):
    """Who did what, when: sign-ins, edits, exports, moderation and user changes."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    actor_email: Mapped[str | None] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(40), index=True)
    target: Mapped[str | None] = mapped_column(String(80))
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class KeyingBatch(Base):
    """A pile of freepost cards keyed in one sitting."""

    __tablename__ = "keying_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    received_on: Mapped[date] = mapped_column(Date)
    label: Mapped[str | None] = mapped_column(String(80))
    opened_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


action_response = Table(
    "action_response",
    Base.metadata,
    Column("action_id", ForeignKey("action.id", ondelete="CASCADE"), primary_key=True),
    Column("response_id", ForeignKey("response.id", ondelete="CASCADE"), primary_key=True),
)


class Action(Base):
    """ "You said, we did": what people told us and what we changed because of it."""

    __tablename__ = "action"
    __table_args__ = (
        CheckConstraint("status IN ('planned', 'in_progress', 'completed')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    you_said: Mapped[str] = mapped_column(Text)
    we_did: Mapped[str] = mapped_column(Text)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id"))
    theme: Mapped[str | None] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(12), default="planned")
    action_date: Mapped[date] = mapped_column(Date)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    source: Mapped[Source | None] = relationship()
    responses: Mapped[list[Response]] = relationship(secondary=action_response)


ALERT_TIER, REVIEW_TIER = "alert", "review"


class SafeguardingAlert(Base):
    """A comment that may disclose harm: it must reach the duty team the same day.

    The alert row is written in the same transaction as the response, so it
    cannot be lost. An "alert" is emailed afterwards and retried until it goes;
    a "review" waits in the same queue for a person to read today, unemailed.
    """

    __tablename__ = "safeguarding_alert"
    __table_args__ = (
        CheckConstraint("tier IN ('alert', 'review')", name="tier_known"),
        CheckConstraint("outcome IN ('concern', 'known', 'not-concern')", name="outcome_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id"), unique=True)
    raised_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    categories: Mapped[list[str]] = mapped_column(JSON)
    tier: Mapped[str] = mapped_column(String(8), default=ALERT_TIER, server_default=ALERT_TIER)
    # Why it was raised, for the duty team: each finding's concept, categories, tier,
    # matched words and sentence. They quote the comment, so retention clears them with it.
    findings: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    notified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    email_attempts: Mapped[int] = mapped_column(Integer, default=0)
    # A sender claims an alert until this time, so two processes never email it at once.
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_email_error: Mapped[str | None] = mapped_column(String(300))
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # What the duty team found when they read it (OUTCOMES), chosen as they acknowledge it.
    outcome: Mapped[str | None] = mapped_column(String(16))
    # A member of staff who raised it by hand, for a comment the detector did not flag;
    # None when the detector raised it.
    raised_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))

    response: Mapped[Response] = relationship()


class CardBatch(Base):
    """A print run of cards for one source. Its cards are serials 1..quantity.

    The batch number printed in each reference is this row's id, so references
    stay unique across every source and print run.
    """

    __tablename__ = "card_batch"
    __table_args__ = (
        CheckConstraint("quantity BETWEEN 1 AND 9999", name="quantity_range"),
        CheckConstraint("variant IN ('a6', 'large', 'easy', '85x55')", name="variant_known"),
        CheckConstraint("sheet IN ('a4', 'sra3')", name="sheet_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    variant: Mapped[str] = mapped_column(String(8), default="a6")
    sheet: Mapped[str] = mapped_column(String(8), default="a4")
    language: Mapped[str] = mapped_column(String(12), default="en")
    ordered_on: Mapped[date] = mapped_column(Date)
    ordered_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    source: Mapped[Source] = relationship()


class Report(Base):
    """One compiled summary: a version of a kind (monthly digest, annual account) for a period.

    The row is the claim: inserting (kind, period, version) is how a builder takes a
    period, so two schedulers or a retry never build the same version twice. Its
    figures are frozen in `content` when built; pages render them and never
    recompute. Re-issuing adds the next version and keeps the old.
    """

    __tablename__ = "report"
    __table_args__ = (
        UniqueConstraint("kind", "period", "version", name="uq_report_kind_period_version"),
        CheckConstraint("kind IN ('monthly', 'annual')", name="kind_known"),
        CheckConstraint("status IN ('building', 'built')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    # "2026-10" for a month, "2025-26" for a financial year.
    period: Mapped[str] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="building")
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    built_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    built_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    reason: Mapped[str | None] = mapped_column(String(300))
    analyser_version: Mapped[str | None] = mapped_column(String(60))
    # What it was built from (answers, rated, comments …) and the figures themselves.
    counts: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    content: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)


class ReportDelivery(Base):
    """Emailing one report version to the board's list: after a preview window, once.

    A manager can hold it during the window. A sender claims it before the email
    (as with safeguarding alerts), and a failure is retried with a growing wait.
    """

    __tablename__ = "report_delivery"
    __table_args__ = (
        CheckConstraint("status IN ('waiting', 'held', 'sent')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id"), unique=True)
    recipients: Mapped[str] = mapped_column(String(1000))
    status: Mapped[str] = mapped_column(String(16), default="waiting")
    send_after: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(String(300))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    held_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))

    report: Mapped[Report] = relationship()


class KeyingDraft(Base):
    """A card a keyer sent after their session had ended, kept until they sign in again.

    Found by a random token kept in the browser's session cookie, so it comes back
    only to that browser (and to the same account, when the session knew it). It
    holds a resident's comment, so it lives a day at most (services/drafts.py).
    """

    __tablename__ = "keying_draft"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    path: Mapped[str] = mapped_column(String(300))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"))
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
