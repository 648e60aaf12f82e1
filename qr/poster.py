"""An A4 poster for a reception desk: a big QR code for a source, not a card.

Printed on an office printer, so there is no bleed and nothing comes closer than
12 mm to the edge of the paper.
"""

from __future__ import annotations

from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from qr.codes import qr_matrix
from qr.drawing import BLACK, WHITE, binary_streams, draw_qr
from qr.reference import card_url, parse_reference
from qr.settings import CardSettings
from qr.text import BOLD, REGULAR, check_glyphs, draw_lines, lines_height, register_fonts, wrap

MARGIN = 12 * mm
QR_SIDE = 120 * mm


def render_poster_pdf(
    source_code: str, team_name: str, settings: CardSettings, out: BinaryIO
) -> None:
    """One A4 page inviting feedback on ``team_name`` through the source-level address."""
    reference = parse_reference(source_code)
    if not reference.is_source_only:
        raise ValueError("A poster is for a whole source: give a source code such as FD")
    with binary_streams():
        _render_poster(reference, team_name, settings, out)


def _render_poster(reference, team_name: str, settings: CardSettings, out: BinaryIO) -> None:
    register_fonts()
    check_glyphs([*settings.printed_text(), team_name])
    width, height = A4
    text_width = width - 2 * MARGIN - 16 * mm
    canvas = Canvas(out, pagesize=A4, initialFontName=REGULAR, initialFontSize=14, invariant=True)
    texts = settings.texts
    canvas.setTitle(f"{settings.council_name}: {texts.how_did_we_do} {team_name}")
    canvas.setCreator("How Did We Do")
    canvas.setAuthor(settings.council_name)

    heading = wrap(settings.council_name, BOLD, 22, text_width)
    heading += wrap(texts.how_did_we_do, BOLD, 54, text_width)
    heading += wrap(texts.about(team_name), REGULAR, 24, text_width)
    band_top = height - MARGIN
    band_bottom = band_top - 16 * mm - lines_height(heading)
    canvas.setFillColorCMYK(*settings.brand_cmyk)
    canvas.rect(MARGIN, band_bottom, width - 2 * MARGIN, band_top - band_bottom, stroke=0, fill=1)
    canvas.setFillColorCMYK(*WHITE)
    draw_lines(canvas, heading, width / 2, band_top - 8 * mm, align="centre")

    footer = wrap(texts.scan_with_phone, REGULAR, 22, text_width)
    footer += wrap(texts.or_go_to, REGULAR, 22, text_width)
    footer += wrap(card_url(settings.short_base_url, reference), BOLD, 26, text_width)
    footer += wrap(texts.ask_for_a_card, REGULAR, 22, text_width)
    footer += wrap(settings.privacy_line, REGULAR, 14, text_width)
    footer_top = MARGIN + 4 * mm + lines_height(footer)
    canvas.setFillColorCMYK(*BLACK)
    draw_lines(canvas, footer, width / 2, footer_top, align="centre")

    room = band_bottom - footer_top
    side = min(QR_SIDE, room - 4 * mm)
    matrix = qr_matrix(card_url(settings.base_url, reference))
    draw_qr(canvas, matrix, (width - side) / 2, footer_top + (room - side) / 2, side)
    canvas.showPage()
    canvas.save()
