"""Typed models. Times are stored in UTC; nothing here identifies a person."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .db import Base, utcnow

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
        Index("ix_response_source_received", "source_id", "received_at"),
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
    language: Mapped[str] = mapped_column(String(12), default="en")
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

    source: Mapped[Source] = relationship(back_populates="responses")


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
