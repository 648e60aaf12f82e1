"""Phone numbers in a council's text become tap-to-call links that stay on one line.

Pure: no Flask. A setting such as FEEDBACK_URGENT_HELP_TEXT is written by the
council as plain words ("call 01709 822330 ... In an emergency, call 999"); on a
phone each number should dial with one tap, and never wrap between its digits.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# A UK number as people write it: 01709 822330, (01709) 822330, 0800 123 4567,
# +44 1709 822330, +44 (0)1709 822330; or 999 / 111 on their own. Digits are
# counted afterwards, so a date or a reference number is left alone.
_NUMBER = re.compile(
    r"(?<![\w+])"
    r"(?:(?:\+44[\s-]?(?:\(0\)[\s-]?)?|\(?0)\d[\d\s\-)]{6,14}\d|999|111)"
    r"(?![\w])"
)
_TAG = re.compile(r"(<[^>]*>)")
EMERGENCY = frozenset({"999", "111"})


def dial_string(written: str) -> str | None:
    """The tel: number, in international form (+441709822330), or None if it is not a phone."""
    digits = re.sub(r"\D", "", written)
    if digits in EMERGENCY:
        return digits
    if written.lstrip().startswith("+44"):
        national = digits[2:]
        national = national[1:] if national.startswith("0") else national
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        return None
    if len(national) not in (9, 10):  # a UK number is 10 or 11 digits with its 0
        return None
    return f"+44{national}"


def _link(match: re.Match[str]) -> str:
    written = match.group(0)
    number = dial_string(written)
    if number is None:
        return written
    # dir="ltr": in a right-to-left sentence "01709 822330" must not read "822330 01709".
    return f'<a class="govuk-link council-phone" href="tel:{number}" dir="ltr">{written}</a>'


def phone_links(text: str | Markup) -> Markup:
    """The text, escaped unless it is Markup already, with each phone number a tel: link."""
    html = str(escape(text))
    pieces = _TAG.split(html)
    # Only text between tags is searched, never an attribute, and never inside a link.
    inside_link = False
    for index, piece in enumerate(pieces):
        if index % 2:
            lowered = piece.lower()
            if lowered.startswith("<a ") or lowered == "<a>":
                inside_link = True
            elif lowered.startswith("</a"):
                inside_link = False
            continue
        if not inside_link:
            pieces[index] = _NUMBER.sub(_link, piece)
    html = "".join(pieces)
    # Built from escaped text and our own tags.
    return Markup(html)  # noqa: S704  # nosec B704
