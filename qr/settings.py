"""What a print run needs to know: the council's details and the card format."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from qr.drawing import Cmyk, contrast_with_white
from qr.imposition import SHEETS_MM

# Trim sizes in mm, width x height as the card is read.
CARD_SIZES_MM = {"a6": (105.0, 148.0), "85x55": (85.0, 55.0), "a5": (148.0, 210.0)}
WCAG_AA_CONTRAST = 4.5


@dataclass(frozen=True)
class CardTexts:
    """The words printed on cards and posters, in one language (English by default).

    The FFT question and answers must keep NHS England's wording in English.
    ``tell_us_about`` names the team through ``%(team)s``. ``language`` is the code
    the card's address carries (``?lang=ur``) so the form opens in the card's
    language; ``rtl`` lays the card out from the right.
    """

    fft_question: str = "Overall, how was your experience of our service?"
    fft_answers: tuple[str, ...] = (
        "Very good",
        "Good",
        "Neither good nor poor",
        "Poor",
        "Very poor",
        "Don't know",
    )
    why_question: str = "Please can you tell us why you gave your answer?"
    who_question: str = "Who is giving feedback?"
    who_answers: tuple[str, ...] = (
        "The person who uses our services",
        "A carer",
        "A family member or friend",
        "Someone else",
        "Prefer not to say",
    )
    helped_question: str = "Did someone help you fill this in? (optional)"
    helped_answers: tuple[str, ...] = ("Yes", "No")
    how_did_we_do: str = "How did we do?"
    tell_us_about: str = "Tell us about %(team)s"
    scan_with_phone: str = "Scan the code with your phone camera,"
    or_go_to: str = "or go to"
    post_it_back: str = "or fill in this card and post it back —\u00a0no\u00a0stamp\u00a0needed"
    scan_the_code: str = "Scan the code"
    scan_other_side: str = "Scan the code on the other side to tell us."
    ask_for_a_card: str = "You can also ask us for a paper card —\u00a0no\u00a0stamp\u00a0needed."
    card_reference: str = "Card reference"
    language: str = "en"
    rtl: bool = False

    def __post_init__(self) -> None:
        if len(self.fft_answers) != 6 or len(self.who_answers) != 5:
            raise ValueError("Cards need the six FFT answers and five 'who' answers")
        if len(self.helped_answers) != 2:
            raise ValueError("'Did someone help you?' needs the answers yes and no")
        if not re.fullmatch(r"[a-z]{2,3}(_[A-Za-z]{2,4})?", self.language):
            raise ValueError(f"{self.language!r} is not a language code")
        if "%(team)s" not in self.tell_us_about:
            raise ValueError("'Tell us about' must name the team with %(team)s")

    def about(self, team_name: str) -> str:
        return self.tell_us_about % {"team": team_name}

    def all_text(self) -> tuple[str, ...]:
        """Every piece of text printed (not the language code or direction)."""
        return tuple(
            text
            for name, value in vars(self).items()
            if name not in ("language", "rtl")
            for text in (value if isinstance(value, tuple) else (value,))
        )


@dataclass(frozen=True)
class CardSettings:
    """How cards and posters look. Colours are CMYK fractions (0 to 1).

    ``size`` is "a6" (the reply card) or "85x55" (a pocket card, too small to post
    back, so it points people to the web address only). ``large_print`` sets text
    at 18 pt on an A5 card, because 18 pt does not fit the A6 reply card; ``easy_read``
    is that A5 card with a face beside each answer, and its code opens the easy
    read form (``/f/<reference>/easy-read``).
    """

    council_name: str
    base_url: str
    short_base_url: str
    freepost_address: tuple[str, ...] = ("Freepost HOW DID WE DO",)
    privacy_line: str = "We use your answers only to improve our services."
    brand_cmyk: Cmyk = (1.0, 0.55, 0.0, 0.25)
    size: Literal["a6", "85x55"] = "a6"
    sheet: Literal["a4", "sra3"] = "a4"
    large_print: bool = False
    easy_read: bool = False
    ask_who_is_giving_feedback: bool = True
    texts: CardTexts = CardTexts()

    def __post_init__(self) -> None:
        if self.size not in ("a6", "85x55"):
            raise ValueError('Card size must be "a6" or "85x55"')
        if self.sheet not in SHEETS_MM:
            raise ValueError('Sheet must be "a4" or "sra3"')
        if (self.large_print or self.easy_read) and self.size != "a6":
            raise ValueError(
                "Large print and easy read cards are made from the A6 design, so choose size a6"
            )
        if self.large_print and self.easy_read:
            raise ValueError("Choose large print or easy read, not both")
        if not all(0 <= part <= 1 for part in self.brand_cmyk) or len(self.brand_cmyk) != 4:
            raise ValueError("Brand colour must be four CMYK values between 0 and 1")
        if sum(self.brand_cmyk) > 3:
            raise ValueError("Brand colour must not use more than 300% total ink")
        if contrast_with_white(self.brand_cmyk) < WCAG_AA_CONTRAST:
            raise ValueError(
                "Brand colour is too light for white text: it needs a contrast "
                f"of at least {WCAG_AA_CONTRAST}:1 (WCAG AA)"
            )
        if not self.freepost_address and self.size == "a6":
            raise ValueError("Enter the freepost address for reply cards")

    def printed_text(self) -> tuple[str, ...]:
        """Every piece of text these settings put on a card or poster."""
        return (
            self.council_name,
            self.short_base_url,
            self.privacy_line,
            *self.freepost_address,
            *self.texts.all_text(),
        )

    @property
    def card_format(self) -> str:
        """The key into CARD_SIZES_MM for the card actually printed."""
        return "a5" if self.large_print or self.easy_read else self.size


@dataclass(frozen=True)
class CardSpec:
    """One card to print. No person is named: the reference identifies the card."""

    reference: str
    team_name: str
