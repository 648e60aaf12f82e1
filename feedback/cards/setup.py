"""The card setup for this app: the council's settings and the card's words in each language.

Built here, at the edge, because the words come from the same translations as
the resident pages; the card service and the `qr` package just print them.
"""

from __future__ import annotations

import re

from flask import current_app
from flask_babel import force_locale, gettext

from qr.settings import CardTexts

from .. import fft
from ..i18n import RIGHT_TO_LEFT, available_languages
from ..services.cards import CardSetup


def card_setup() -> CardSetup:
    config = current_app.config
    base_url = config["FEEDBACK_BASE_URL"].rstrip("/")
    return CardSetup(
        council_name=config["FEEDBACK_COUNCIL_NAME"],
        base_url=base_url,
        short_base_url=config["FEEDBACK_SHORT_BASE_URL"] or re.sub(r"^https?://", "", base_url),
        freepost_address=tuple(
            line.strip() for line in config["FEEDBACK_FREEPOST_ADDRESS"].split("|") if line.strip()
        ),
        privacy_line=config["FEEDBACK_CARD_PRIVACY_LINE"],
        languages=tuple(available_languages()),
        texts=card_texts,
    )


def card_texts(language: str = "en") -> CardTexts:
    """The card's words in ``language``, from the same translations as the resident site."""
    with force_locale(language):
        return CardTexts(
            fft_question=gettext(fft.QUESTION),
            fft_answers=tuple(gettext(label) for label in fft.RATINGS.values()),
            why_question=gettext(fft.WHY_QUESTION),
            who_question=gettext("Who is giving feedback?"),
            who_answers=tuple(gettext(label) for label in fft.RESPONDENT_LABELS.values()),
            # The web form's own words, so the card and the form ask the same question.
            helped_question=gettext("Did someone help you fill this in? (optional)"),
            helped_answers=(gettext("Yes"), gettext("No")),
            how_did_we_do=gettext("How did we do?"),
            # The card fills in the team's name.
            tell_us_about=gettext("Tell us about %(team)s"),
            scan_with_phone=gettext("Scan the code with your phone camera,"),
            or_go_to=gettext("or go to"),
            # The no-break spaces keep "no stamp needed" together on the card.
            post_it_back=gettext(
                "or fill in this card and post it back —\u00a0no\u00a0stamp\u00a0needed"
            ),
            scan_the_code=gettext("Scan the code"),
            scan_other_side=gettext("Scan the code on the other side to tell us."),
            ask_for_a_card=gettext(
                "You can also ask us for a paper card —\u00a0no\u00a0stamp\u00a0needed."
            ),
            card_reference=gettext("Card reference"),
            language=language,
            rtl=language.split("_")[0] in RIGHT_TO_LEFT,
        )
