"""Demo data for `make run`: a few teams, some months of plausible answers, one staff account."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from .fft import Channel, RespondentType
from .models import Source
from .services.analysis import AnalysisSetup
from .services.answers import Answer, Submission, new_submission_token, store_answer
from .services.staff import create_staff_user
from .times import utcnow

# Codes avoid I, L, O and U, which card references leave out so they cannot be misread.
TEAMS = (
    ("FD", "Front Door", True),
    ("REA", "Reablement", True),
    ("NT", "Locality Team North", True),
    ("CR", "Carers Link", True),
    ("SH", "Shared Lives", True),
    ("TH", "Occupational Therapy (old cards)", False),
)
STAFF_EMAIL = "demo.manager@example.gov.uk"

# Comments written for the demo, grouped by the tick-box answer they usually come with.
COMMENTS = {
    1: (
        "The lady on the phone was so kind and sorted everything the same day.",
        "Can't fault the reablement team, they got mum back on her feet.",
        "Spot on. Listened to what I wanted and explained it all clearly.",
        "Nothing to improve, you were all brilliant.",
        "First class service from start to finish.",
        "The occupational therapist came quickly and the rails went in within a week.",
    ),
    2: (
        "Good service overall, just took a while to get through on the phone.",
        "Helpful and friendly. Would have liked a call back to say what happens next.",
        "The carers are lovely but the times change a lot.",
        "Sorted my dad's equipment, thank you.",
    ),
    3: (
        "It was OK. Still waiting to hear about the assessment.",
        "Not sure yet, it has only just started.",
        "Some good, some not so good.",
    ),
    4: (
        "Waited three weeks for anyone to ring me back.",
        "Nobody told us the care would cost so much.",
        "Different carer every day and none of them knew what to do.",
    ),
    5: (
        "Rubbish. Passed from pillar to post and nobody took responsibility.",
        "An absolute shambles, the visit never happened and no one rang.",
        "I asked for help as a carer three times and heard nothing.",
    ),
    6: ("I don't really know who I spoke to.",),
}
RATING_WEIGHTS = (46, 30, 8, 7, 5, 4)  # roughly the shape of FFT returns


@dataclass(frozen=True)
class DemoResult:
    created: bool
    sources: int = 0
    responses: int = 0
    staff_email: str = ""
    staff_password: str = ""


def load(
    session: Session, setup: AnalysisSetup, responses: int = 600, months: int = 7, seed: int = 2026
) -> DemoResult:
    """Load the demo once; a second call changes nothing.

    The answers are stored as a resident's or a keyer's are, through the one
    service, so the demo shows exactly what real answers would.
    """
    if session.scalar(select(Source.id).where(Source.code == "FD")) is not None:
        return DemoResult(created=False)

    sources = [Source(code=code, name=name, active=active) for code, name, active in TEAMS]
    session.add_all(sources)
    session.commit()

    rng = random.Random(seed)
    now = utcnow()
    kinds = [kind.value for kind in RespondentType] + [None]
    for serial in range(1, responses + 1):
        source = rng.choice(sources)
        rating = rng.choices(range(1, 7), weights=RATING_WEIGHTS)[0]
        channel = rng.choice((Channel.WEB, Channel.WEB, Channel.PAPER))
        batch = rng.randint(1, 3)
        answer = Answer(
            rating=rating,
            comment=rng.choice(COMMENTS[rating]) if rng.random() < 0.7 else None,
            respondent_type=rng.choice(kinds),
            helped=rng.choice((True, False, False, None)),
        )
        submission = Submission(
            answer=answer,
            channel=channel,
            token=new_submission_token(),
            reference=f"{source.code}-B{batch}-{serial:04d}",
            source_id=source.id,
            received_at=now - timedelta(minutes=rng.randint(0, months * 30 * 24 * 60)),
        )
        store_answer(session, submission, setup)

    password = secrets.token_urlsafe(12)
    create_staff_user(session, STAFF_EMAIL, "manager", password)
    return DemoResult(
        created=True,
        sources=len(sources),
        responses=responses,
        staff_email=STAFF_EMAIL,
        staff_password=password,
    )
