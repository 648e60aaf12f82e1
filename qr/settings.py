"""What a print run needs to know: the council's details and the card format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from qr.drawing import Cmyk, contrast_with_white
from qr.imposition import SHEETS_MM

# Trim sizes in mm, width x height as the card is read.
CARD_SIZES_MM = {"a6": (105.0, 148.0), "85x55": (85.0, 55.0), "a5": (148.0, 210.0)}
WCAG_AA_CONTRAST = 4.5


@dataclass(frozen=True)
class CardSettings:
    """How cards and posters look. Colours are CMYK fractions (0 to 1).

    ``size`` is "a6" (the reply card) or "85x55" (a pocket card, too small to post
    back, so it points people to the web address only). ``large_print`` sets text
    at 16 pt on an A5 card, because 16 pt does not fit the A6 reply card.
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
    ask_who_is_giving_feedback: bool = True

    def __post_init__(self) -> None:
        if self.size not in ("a6", "85x55"):
            raise ValueError('Card size must be "a6" or "85x55"')
        if self.sheet not in SHEETS_MM:
            raise ValueError('Sheet must be "a4" or "sra3"')
        if self.large_print and self.size != "a6":
            raise ValueError("Large print cards are made from the A6 design, so choose size a6")
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

    @property
    def card_format(self) -> str:
        """The key into CARD_SIZES_MM for the card actually printed."""
        return "a5" if self.large_print else self.size


@dataclass(frozen=True)
class CardSpec:
    """One card to print. No person is named: the reference identifies the card."""

    reference: str
    team_name: str
