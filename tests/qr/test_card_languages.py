"""Cards in every language the form has: Arabic script joined and right to left, Gurmukhi
shaped, the language in the QR code; large print and easy read measured from the PDF."""

import html
import re
import unicodedata
import zlib
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from qr.cards import CardSpec, render_batch_pdf
from qr.imposition import impose
from qr.reference import card_url, make_reference
from qr.settings import CARD_SIZES_MM, CardTexts
from qr.text import check_glyphs

# Test-only drafts of the card's words, so the Arabic-script and Gurmukhi paths are
# proven whether or not the project's catalogues have landed.
URDU = CardTexts(
    fft_question="مجموعی طور پر، ہماری سروس کے ساتھ آپ کا تجربہ کیسا رہا؟",
    fft_answers=("بہت اچھا", "اچھا", "نہ اچھا نہ برا", "برا", "بہت برا", "معلوم نہیں"),
    why_question="براہ کرم ہمیں بتائیں کہ آپ نے یہ جواب کیوں دیا؟",
    who_question="رائے کون دے رہا ہے؟",
    who_answers=(
        "وہ شخص جو ہماری خدمات استعمال کرتا ہے",
        "نگہداشت کرنے والا",
        "خاندان کا فرد یا دوست",
        "کوئی اور",
        "بتانا نہیں چاہتے",
    ),
    helped_question="کیا کسی نے یہ بھرنے میں آپ کی مدد کی؟ (اختیاری)",
    helped_answers=("ہاں", "نہیں"),
    how_did_we_do="ہم نے کیسا کام کیا؟",
    tell_us_about="%(team)s کے بارے میں ہمیں بتائیں",
    scan_with_phone="اپنے فون کے کیمرے سے کوڈ اسکین کریں،",
    or_go_to="یا جائیں",
    post_it_back="یا یہ کارڈ بھر کر واپس بھیج دیں — ٹکٹ کی ضرورت نہیں",
    card_reference="کارڈ کا حوالہ",
    language="ur",
    rtl=True,
)
PUNJABI = CardTexts(
    fft_question="ਕੁੱਲ ਮਿਲਾ ਕੇ, ਸਾਡੀ ਸੇਵਾ ਦਾ ਤੁਹਾਡਾ ਤਜਰਬਾ ਕਿਹੋ ਜਿਹਾ ਰਿਹਾ?",
    fft_answers=("ਬਹੁਤ ਵਧੀਆ", "ਵਧੀਆ", "ਨਾ ਵਧੀਆ ਨਾ ਮਾੜਾ", "ਮਾੜਾ", "ਬਹੁਤ ਮਾੜਾ", "ਪਤਾ ਨਹੀਂ"),
    helped_question="ਕੀ ਕਿਸੇ ਨੇ ਇਹ ਭਰਨ ਵਿੱਚ ਤੁਹਾਡੀ ਮਦਦ ਕੀਤੀ? (ਵਿਕਲਪਿਕ)",
    helped_answers=("ਹਾਂ", "ਨਹੀਂ"),
    how_did_we_do="ਅਸੀਂ ਕਿਵੇਂ ਕੀਤਾ?",
    language="pa",
)
POLISH = CardTexts(
    fft_question="Ogólnie rzecz biorąc, jak oceniasz naszą usługę?",
    fft_answers=(
        "Bardzo dobrze",
        "Dobrze",
        "Ani dobrze, ani źle",
        "Źle",
        "Bardzo źle",
        "Nie wiem",
    ),
    helped_question="Czy ktoś pomógł Ci to wypełnić? (opcjonalnie)",
    helped_answers=("Tak", "Nie"),
    how_did_we_do="Jak nam poszło?",
    language="pl",
)
REFERENCE = make_reference("FD", 12, 1)


def render(tmp_path: Path, make_settings, texts: CardTexts, **overrides) -> Path:
    pdf = tmp_path / f"{texts.language}.pdf"
    with pdf.open("wb") as out:
        render_batch_pdf(
            [CardSpec(REFERENCE, "Front Door")], make_settings(texts=texts, **overrides), out
        )
    return pdf


def words(poppler, pdf: Path, page: int) -> list[str]:
    """The page's words as a reader would type them: shaped Arabic letters come out
    of the text layer as presentation forms, which NFKC folds back."""
    text = poppler("pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-").decode()
    return plain(text)


def plain(text: str) -> list[str]:
    """The words of ``text``, without punctuation: pdftotext marks right-to-left runs
    with embedding controls and may move or mirror their punctuation."""
    text = unicodedata.normalize("NFKC", text)
    kept = (char if unicodedata.category(char)[0] in "LMN" else " " for char in text)
    return "".join(kept).split()


def scanned(rasterise, pdf: Path) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(rasterise(pdf, 1, 200))]


@pytest.mark.parametrize(
    "overrides", [{}, {"large_print": True}, {"easy_read": True}], ids=["a6", "large", "easy"]
)
def test_an_urdu_card_is_joined_right_to_left_and_opens_the_form_in_urdu(
    overrides, make_settings, poppler, rasterise, tmp_path
):
    pdf = render(tmp_path, make_settings, URDU, **overrides)
    easy = overrides.get("easy_read", False)
    url = card_url("https://feedback.example.gov.uk", REFERENCE, language="ur", easy_read=easy)
    assert scanned(rasterise, pdf) == [url]
    assert url.endswith("?lang=ur") and ("/easy-read?" in url) == easy

    fonts = poppler("pdffonts", str(pdf)).decode()
    assert "NotoNaskhArabic-Bold" in fonts and "NotoSans-Regular" in fonts
    front, back = words(poppler, pdf, 1), words(poppler, pdf, 2)
    # pdftotext reads each right-to-left line in logical order: the words are whole
    # (joined, not letter by letter) and in the order they are written.
    front_text, text = " ".join(front), " ".join(back)
    assert front_text.count("ہم نے کیسا کام کیا") == 1
    assert "کے بارے میں ہمیں بتائیں" in front_text and "Front Door" in front_text
    assert " ".join(plain(url.removeprefix("https://feedback."))) in front_text
    for phrase in [URDU.fft_question, *URDU.fft_answers, URDU.helped_question, "ہاں نہیں"]:
        assert " ".join(plain(phrase)) in text
    assert "کارڈ کا حوالہ" in text and " ".join(plain(REFERENCE)) in text


def _form_streams(pdf: bytes) -> list[bytes]:
    found = []
    for stream in re.finditer(rb"/Length (\d+)(?:(?!stream).)*stream\r?\n", pdf, re.S):
        try:
            found.append(zlib.decompress(pdf[stream.end() : stream.end() + int(stream[1])]))
        except zlib.error:
            continue  # a font file
    return found


def _boxes(pdf: bytes) -> list[tuple[float, float, float, float]]:
    """(x, y, width, height) in points, card coordinates, of every small outlined square."""
    found = []
    for data in _form_streams(pdf):
        for x, y, w, h in re.findall(rb"n ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) re S", data):
            if float(w) < 50 * 72 / 25.4:
                found.append((float(x), float(y), float(w), float(h)))
    return found


def test_right_to_left_puts_the_tick_boxes_on_the_right(make_settings, poppler, tmp_path):
    settings_width = CARD_SIZES_MM["a5"][0] * 72 / 25.4
    for texts, on_right in ((URDU, True), (POLISH, False)):
        pdf = render(tmp_path, make_settings, texts, large_print=True)
        xs = [x for x, _, _, _ in _boxes(pdf.read_bytes())]
        assert len(xs) == 8
        assert all((x > settings_width / 2) == on_right for x in xs), texts.language


def test_punjabi_is_shaped_in_gurmukhi(make_settings, poppler, rasterise, tmp_path):
    pdf = render(tmp_path, make_settings, PUNJABI)
    assert scanned(rasterise, pdf) == [f"https://feedback.example.gov.uk/f/{REFERENCE}?lang=pa"]
    assert "NotoSansGurmukhi-Regular" in poppler("pdffonts", str(pdf)).decode()

    # Shaping draws a vowel sign such as ਿ before its consonant, and the text layer
    # keeps that drawn order; a few joined signs (ੀਂ) have no letters in it at all.
    # So compare each word's consonants, which are always there and in order.
    def consonants(word: str) -> str:
        return "".join(char for char in word if unicodedata.category(char) == "Lo")

    back = {consonants(word) for word in words(poppler, pdf, 2)}
    for answer in PUNJABI.fft_answers:
        for word in plain(answer):
            assert consonants(word) in back, word


def test_polish_keeps_its_letters_and_its_language(make_settings, poppler, rasterise, tmp_path):
    pdf = render(tmp_path, make_settings, POLISH)
    assert scanned(rasterise, pdf) == [f"https://feedback.example.gov.uk/f/{REFERENCE}?lang=pl"]
    back = poppler("pdftotext", "-f", "2", "-l", "2", str(pdf), "-").decode()
    back = " ".join(back.split())
    assert "Ani dobrze, ani źle" in back and "Czy ktoś pomógł Ci to wypełnić?" in back
    front = poppler("pdftotext", "-f", "1", "-l", "1", str(pdf), "-").decode()
    assert f"example.gov.uk/f/{REFERENCE}?lang=pl" in front


def test_english_cards_need_no_language_in_their_address(make_settings, rasterise, tmp_path):
    pdf = render(tmp_path, make_settings, CardTexts(), easy_read=True)
    assert scanned(rasterise, pdf) == [f"https://feedback.example.gov.uk/f/{REFERENCE}/easy-read"]


def test_letters_no_card_font_has_are_refused():
    check_glyphs([URDU.fft_question, PUNJABI.fft_question, "Žluťoučký kůň", "Ελληνικά"])
    with pytest.raises(ValueError, match="no letters for 你"):
        check_glyphs(["你好"])


@pytest.mark.parametrize("variant", [{"large_print": True}, {"easy_read": True}])
def test_large_print_is_18_pt_with_8_mm_boxes_in_one_column(
    variant, make_settings, poppler, tmp_path
):
    pdf = render(tmp_path, make_settings, CardTexts(), **variant)
    data = pdf.read_bytes()
    sizes = [
        float(size)
        for stream in _form_streams(data)
        for size in re.findall(rb"/F\d+\+?\d* ([\d.]+) Tf", stream)
    ]
    assert sizes and min(sizes) >= 18
    boxes = _boxes(data)
    fft = sorted(boxes, key=lambda box: -box[1])[:6]
    for _, _, w, h in boxes:
        assert w * 25.4 / 72 >= 8 - 1e-6 and h * 25.4 / 72 >= 8 - 1e-6
    # One column: the six boxes one above another, with room between them.
    assert len({round(x, 1) for x, _, _, _ in fft}) == 1
    for (_, upper, _, _), (_, lower, _, height) in zip(fft, fft[1:], strict=False):
        assert (upper - (lower + height)) * 25.4 / 72 >= 2.5
    # And the words in the order of the scale, top to bottom, each level with its box.
    xhtml = poppler("pdftotext", "-bbox", "-f", "2", "-l", "2", str(pdf), "-").decode()
    lines = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', xhtml)
    first_words = ["Very", "Good", "Neither", "Poor", "Very", "Don't"]
    answers = [(float(y), html.unescape(word)) for _, y, word in lines]
    answers = [(y, word) for y, word in answers if word in first_words]
    answers = [word for _, word in sorted(answers) if word]
    start = answers.index("Very")
    assert answers[start : start + 6] == first_words
    text = " ".join(poppler("pdftotext", "-f", "2", "-l", "2", str(pdf), "-").decode().split())
    assert "Did someone help you fill this in? (optional) Yes No" in text


def test_save_a_picture_of_an_urdu_card(make_settings, poppler, tmp_path):
    """Front and back of an Urdu A6 card, side by side, for people to look at."""
    pdf = render(tmp_path, make_settings, URDU)
    imposition = impose("a4", *CARD_SIZES_MM["a6"])
    dpi = 150
    sides = []
    for page, slot, turn in ((1, imposition.slots[0], -90), (2, imposition.back_slot(0), 90)):
        stem = tmp_path / f"page{page}"
        poppler(
            "pdftoppm", "-r", str(dpi), "-png", "-singlefile",
            "-f", str(page), "-l", str(page), str(pdf), str(stem),
        )  # fmt: skip
        with Image.open(stem.with_suffix(".png")) as sheet:
            scale, height = dpi / 72, sheet.size[1]
            box = (slot.x, slot.y + slot.height, slot.x + slot.width, slot.y)
            left, top = box[0] * scale, height - box[1] * scale
            side = sheet.crop(
                (int(left), int(top), int(box[2] * scale), int(height - box[3] * scale))
            )
            sides.append(side.rotate(turn, expand=True) if imposition.turned else side)
    picture = Image.new("RGB", (sides[0].width + sides[1].width + 30, sides[0].height), "white")
    picture.paste(sides[0], (0, 0))
    picture.paste(sides[1], (sides[0].width + 30, 0))
    out = Path("/tmp/urdu_card.png")
    picture.save(out)
    assert out.stat().st_size > 10_000
