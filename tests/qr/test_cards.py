import base64
import math
import re
import zlib
from pathlib import Path

import pytest
import zxingcpp

from qr.cards import CardSpec, render_batch_pdf, render_poster_pdf
from qr.imposition import BLEED, MARK_LENGTH, impose
from qr.reference import card_url, make_reference
from qr.settings import CARD_SIZES_MM, CardTexts

SHEET_POINTS = {"a4": (595.28, 841.89), "sra3": (907.09, 1275.59)}
WORD = re.compile(
    rb'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)
FORMATS = {
    "a6 on a4": {},
    "a6 on sra3": {"sheet": "sra3"},
    "85x55 on a4": {"size": "85x55"},
    "85x55 on sra3": {"size": "85x55", "sheet": "sra3"},
    "large print on a4": {"large_print": True},
    "large print on sra3": {"large_print": True, "sheet": "sra3"},
    "easy read on a4": {"easy_read": True},
}


def card_specs(count: int, source: str = "FD", batch: int = 12) -> list[CardSpec]:
    return [CardSpec(make_reference(source, batch, n), "Front Door") for n in range(1, count + 1)]


def render(path: Path, settings, cards) -> Path:
    with path.open("wb") as out:
        render_batch_pdf(cards, settings, out)
    return path


def imposition_for(settings):
    return impose(settings.sheet, *CARD_SIZES_MM[settings.card_format])


def slot_at(imposition, x: float, y: float) -> int:
    (index,) = [
        i
        for i, s in enumerate(imposition.slots)
        if s.x <= x <= s.x + s.width and s.y <= y <= s.y + s.height
    ]
    return index


def page_words(poppler, pdf: Path, page: int) -> list[tuple[str, float, float]]:
    """(word, centre x, centre y) in PDF points, y up from the bottom of the page."""
    xhtml = poppler("pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-")
    height = float(re.search(rb'<page width="[\d.]+" height="([\d.]+)"', xhtml)[1])
    return [
        (word.decode(), (float(x0) + float(x1)) / 2, height - (float(y0) + float(y1)) / 2)
        for x0, y0, x1, y1, word in WORD.findall(xhtml)
    ]


@pytest.mark.parametrize(
    "variant", ["a6 on a4", "a6 on sra3", "85x55 on a4", "large print on a4", "easy read on a4"]
)
def test_every_qr_code_scans_to_its_card_and_backs_sit_behind_fronts(
    variant, make_settings, poppler, rasterise, tmp_path
):
    settings = make_settings(**FORMATS[variant])
    cards = card_specs(8)
    pdf = render(tmp_path / "batch.pdf", settings, cards)
    imposition = imposition_for(settings)
    dpi = 200
    sheet_width, sheet_height = imposition.sheet_width, imposition.sheet_height
    scanned = set()
    for sheet, start in enumerate(range(0, len(cards), imposition.per_sheet)):
        group = cards[start : start + imposition.per_sheet]
        expected = {
            card_url(settings.base_url, card.reference, easy_read=settings.easy_read): i
            for i, card in enumerate(group)
        }
        front_page, back_page = 2 * sheet + 1, 2 * sheet + 2

        results = zxingcpp.read_barcodes(
            rasterise(pdf, front_page, dpi), formats=zxingcpp.BarcodeFormat.QRCode
        )
        decoded = [r.text for r in results]
        assert sorted(decoded) == sorted(expected), f"sheet {sheet + 1}"
        for result in results:
            corners = [result.position.top_left, result.position.bottom_right]
            x = sum(p.x for p in corners) / 2 * 72 / dpi
            y = sheet_height - sum(p.y for p in corners) / 2 * 72 / dpi
            assert slot_at(imposition, x, y) == expected[result.text]
        scanned.update(decoded)

        front_words = [word for word, _, _ in page_words(poppler, pdf, front_page)]
        back_words = page_words(poppler, pdf, back_page)
        for i, card in enumerate(group):
            assert any(card.reference in word for word in front_words)
            (position,) = [(x, y) for word, x, y in back_words if word == card.reference]
            # Long-edge flip: a point x on the back is behind W - x on the front.
            assert slot_at(imposition, sheet_width - position[0], position[1]) == i
    assert scanned == {
        card_url(settings.base_url, card.reference, easy_read=settings.easy_read) for card in cards
    }


@pytest.mark.parametrize("variant", FORMATS)
def test_page_sizes_and_two_pages_a_sheet(variant, make_settings, poppler, tmp_path):
    settings = make_settings(**FORMATS[variant])
    cards = card_specs(13)
    pdf = render(tmp_path / "batch.pdf", settings, cards)
    sheets = math.ceil(len(cards) / imposition_for(settings).per_sheet)
    info = poppler("pdfinfo", "-f", "1", "-l", "999", str(pdf)).decode()
    sizes = re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+) pts", info)
    assert len(sizes) == 2 * sheets
    for width, height in sizes:
        assert (float(width), float(height)) == pytest.approx(
            SHEET_POINTS[settings.sheet], abs=0.01
        )


@pytest.mark.parametrize(
    ("variant", "per_sheet"),
    [
        ("a6 on a4", 2),
        ("a6 on sra3", 6),
        ("85x55 on a4", 9),
        ("85x55 on sra3", 21),
        ("large print on a4", 1),
        ("large print on sra3", 4),
        ("easy read on a4", 1),
    ],
)
def test_imposition_leaves_bleed_and_room_for_crop_marks(variant, per_sheet, make_settings):
    imposition = imposition_for(make_settings(**FORMATS[variant]))
    assert imposition.per_sheet == per_sheet
    margin = BLEED + MARK_LENGTH
    for index, slot in enumerate(imposition.slots):
        assert slot.x >= margin - 1e-6 and slot.y >= margin - 1e-6
        assert slot.x + slot.width <= imposition.sheet_width - margin + 1e-6
        assert slot.y + slot.height <= imposition.sheet_height - margin + 1e-6
        for other in imposition.slots[index + 1 :]:
            apart_x = max(other.x - slot.x - slot.width, slot.x - other.x - other.width)
            apart_y = max(other.y - slot.y - slot.height, slot.y - other.y - other.height)
            assert max(apart_x, apart_y) >= 2 * BLEED - 1e-6
        back = imposition.back_slot(index)
        assert back.x == pytest.approx(imposition.sheet_width - slot.x - slot.width)
        assert (back.y, back.width, back.height) == (slot.y, slot.width, slot.height)


def content_streams(pdf: bytes) -> list[bytes]:
    """Every compressed stream in the file (page contents, fonts), decoded."""
    streams = []
    for found in re.finditer(rb"/Filter \[ ([^]]*)\] /Length (\d+)[^>]*>>\s*stream\r?\n", pdf):
        data = pdf[found.end() : found.end() + int(found[2])]
        if b"/ASCII85Decode" in found[1]:
            data = base64.a85decode(data.strip().removesuffix(b"~>"))
        streams.append(zlib.decompress(data))
    return streams


@pytest.mark.parametrize(
    ("variant", "smallest"), [("a6 on a4", 12), ("large print on a4", 18), ("easy read on a4", 18)]
)
def test_text_size_fonts_and_vector_qr(variant, smallest, make_settings, poppler, tmp_path):
    pdf = render(tmp_path / "batch.pdf", make_settings(**FORMATS[variant]), card_specs(2))
    fonts = poppler("pdffonts", str(pdf)).decode().splitlines()[2:]
    assert fonts and all(re.search(r" yes +yes +yes +\d+ +\d+$", font) for font in fonts)
    data = pdf.read_bytes()
    assert b"/Subtype /Image" not in data
    sizes = [
        float(size)
        for stream in content_streams(data)
        for size in re.findall(rb"/F\d+\+?\d* ([\d.]+) Tf", stream)
    ]
    assert sizes and min(sizes) >= smallest


def test_back_has_the_questions_word_for_word(make_settings, poppler, tmp_path):
    pdf = render(tmp_path / "batch.pdf", make_settings(), card_specs(1))
    # "-raw" reads the text in the order it is drawn: the six answers down one
    # column, then the "who" answers down the first column and then the second.
    back = poppler("pdftotext", "-raw", "-f", "2", "-l", "2", str(pdf), "-")
    text = " ".join(back.decode().split())
    for phrase in [
        "Overall, how was your experience of our service?",
        "Very good Good Neither good nor poor Poor Very poor Don't know",
        "Please can you tell us why you gave your answer?",
        "Who is giving feedback? The person who uses our services A carer "
        "A family member or friend Someone else Prefer not to say",
        "Did someone help you fill this in? (optional) Yes No",
    ]:
        assert phrase in text
    front = " ".join(poppler("pdftotext", "-f", "1", "-l", "1", str(pdf), "-").decode().split())
    assert "How did we do?" in front and "Example Borough Council" in front
    assert "or fill in this card and post it back — no stamp needed" in front
    assert f"example.gov.uk/f/{make_reference('FD', 12, 1)}" in front
    # On the front, so that the back has room for one column of answers and the comment.
    assert "Freepost HOW DID WE DO" in front
    assert "We use your answers only to improve our services." in front


def stroked_rectangles(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) in mm of every outlined rectangle, in pages and forms alike."""
    found = []
    for stream in re.finditer(rb"/Length (\d+)(?:(?!stream).)*stream\r?\n", pdf, re.S):
        data = zlib.decompress(pdf[stream.end() : stream.end() + int(stream[1])])
        for width, height in re.findall(rb"n [-\d.]+ [-\d.]+ ([-\d.]+) ([-\d.]+) re S", data):
            found.append((float(width) / 72 * 25.4, float(height) / 72 * 25.4))
    return found


@pytest.mark.parametrize(
    ("variant", "boxes", "room"),
    [
        # The six answers, who is giving feedback (not on 18 pt cards), yes and no.
        ("a6 on a4", 6 + 5 + 2, 35),
        ("large print on a4", 6 + 2, 35),
        ("easy read on a4", 6 + 2, 25),
    ],
)
def test_the_comment_box_leaves_room_to_write(variant, boxes, room, make_settings, tmp_path):
    pdf = render(tmp_path / "batch.pdf", make_settings(**FORMATS[variant]), card_specs(1))
    tick_boxes, comment_box = [], []
    for width, height in stroked_rectangles(pdf.read_bytes()):
        (comment_box if width > 50 else tick_boxes).append(height)
    assert len(tick_boxes) == boxes
    (height,) = comment_box
    assert height >= room


def test_a_card_too_full_is_refused(make_settings, tmp_path):
    settings = make_settings(privacy_line="We use your answers only to improve our services. " * 8)
    with pytest.raises(ValueError, match="front of the card is too full"):
        render(tmp_path / "batch.pdf", settings, card_specs(1))
    long_question = CardTexts(why_question="Please can you tell us why you gave that answer? " * 6)
    with pytest.raises(ValueError, match="back of the card is too full"):
        render(tmp_path / "batch.pdf", make_settings(texts=long_question), card_specs(1))
    render(tmp_path / "ok.pdf", make_settings(ask_who_is_giving_feedback=False), card_specs(1))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"brand_cmyk": (0.2, 0.1, 0, 0)}, "too light"),
        ({"size": "85x55", "large_print": True}, "Large print"),
        ({"size": "a5"}, "Card size"),
        ({"sheet": "a3"}, "Sheet"),
    ],
)
def test_settings_refuse_what_would_print_badly(overrides, message, make_settings):
    with pytest.raises(ValueError, match=message):
        make_settings(**overrides)


def test_a_source_level_reference_is_not_a_card(make_settings, tmp_path):
    with pytest.raises(ValueError, match="names a source"):
        render(tmp_path / "batch.pdf", make_settings(), [CardSpec("FD", "Front Door")])


def test_poster_scans_to_the_source(make_settings, poppler, rasterise, tmp_path):
    settings = make_settings()
    pdf = tmp_path / "poster.pdf"
    with pdf.open("wb") as out:
        render_poster_pdf("fd", "Front Door", settings, out)
    info = poppler("pdfinfo", str(pdf)).decode()
    assert "Pages:           1" in info and "595.276 x 841.89 pts (A4)" in info
    results = zxingcpp.read_barcodes(rasterise(pdf, 1, 100))
    assert [r.text for r in results] == ["https://feedback.example.gov.uk/f/FD"]
    symbol_mm = (results[0].position.bottom_right.x - results[0].position.top_left.x) * 25.4 / 100
    assert symbol_mm > 80  # the symbol alone, without its quiet zone: big for a poster
    text = " ".join(poppler("pdftotext", str(pdf), "-").decode().split())
    assert "example.gov.uk/f/FD" in text and "Tell us about Front Door" in text


def test_each_card_names_its_own_team(make_settings, poppler, tmp_path):
    cards = [
        CardSpec(make_reference("FD", 3, 1), "Front Door"),
        CardSpec(make_reference("RB", 3, 1), "Reablement"),
        CardSpec(make_reference("FD", 3, 2), "Front Door"),
    ]
    pdf = render(tmp_path / "batch.pdf", make_settings(), cards)
    fronts = [
        b" ".join(poppler("pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-").split())
        for page in (1, 3)
    ]
    assert fronts[0].count(b"Tell us about Front Door") == 1
    assert fronts[0].count(b"Tell us about Reablement") == 1
    assert fronts[1].count(b"Tell us about Front Door") == 1


@pytest.mark.parametrize("variant", ["a6 on a4", "85x55 on a4"])
def test_the_short_address_breaks_before_the_reference_not_inside_it(
    variant, make_settings, poppler, tmp_path
):
    # Long enough that the address takes two lines; "…/f/FD-" would fit on the first.
    settings = make_settings(short_base_url="feedback.exampleborough.gov.uk", **FORMATS[variant])
    pdf = render(tmp_path / "batch.pdf", settings, card_specs(1))
    lines = poppler("pdftotext", "-f", "1", "-l", "1", str(pdf), "-").decode().splitlines()
    reference = make_reference("FD", 12, 1)
    assert reference in [line.strip() for line in lines]
    assert not any(line.strip().endswith(("/f/FD-", "/f/FD")) for line in lines)
