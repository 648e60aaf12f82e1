"""English, Urdu and Polish in a real browser: axe-core, keyboard only, 400% zoom, right to left.

A 1280-pixel window at 400% zoom lays out as 320 CSS pixels; nothing may scroll
sideways there. In Urdu the page reads from the right: the header, the heading,
the error summary and the radios sit at the right edge, measured from the
rendered boxes, and a screenshot is kept for people to look at.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from sqlalchemy import select

from feedback.models import Response

from .conftest import CHROMIUM, CHROMIUM_ARGS

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
LANGUAGES = {"en": "ltr", "ur": "rtl", "pl": "ltr"}
SEND = "#feedback-form .govuk-button"
SCREENSHOT = Path("/tmp/urdu_form.png")

FONTS = Path(__file__).resolve().parents[2] / "qr" / "fonts"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser(tmp_path_factory):  # type: ignore[no-untyped-def]
    """Chromium that also knows the Noto fonts the cards ship (Urdu, Arabic, Gurmukhi).

    A resident's phone has fonts for its own language; a bare test machine may
    not, and would draw empty boxes in the screenshot.
    """
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian chromium is not installed (run `make test` as root on Debian)")
    from playwright.sync_api import sync_playwright

    config = tmp_path_factory.mktemp("fonts") / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><include>/etc/fonts/fonts.conf</include><dir>{FONTS}</dir></fontconfig>"
    )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, env={"FONTCONFIG_FILE": str(config)}
        )
        yield chromium
        chromium.close()


def _axe_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes)"
        for violation in results.response["violations"]
    ]


def _no_sideways_scroll(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def _checked(page, where: str) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.lang") in LANGUAGES, where
    assert _no_sideways_scroll(page), where
    assert _axe_violations(page) == [], where


@pytest.mark.parametrize("language", LANGUAGES)
def test_form_error_and_thank_you_at_400_percent_zoom(
    browser, live_server, session, source, language
):
    context = browser.new_context(viewport={"width": 320, "height": 256}, device_scale_factor=4)
    page = context.new_page()
    try:
        page.goto(f"{live_server}/f/FD?lang={language}")
        assert page.evaluate("[document.documentElement.lang, document.dir]") == [
            language,
            LANGUAGES[language],
        ]
        _checked(page, "form")
        page.locator("#comment").fill("Dziękuję" if language == "pl" else "Thank you")
        page.locator(SEND).click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        _checked(page, "error")
        page.locator("input[name=rating][value='2']").check()
        page.locator(SEND).click()
        expect(page.locator(".govuk-panel")).to_be_visible()
        _checked(page, "thank you")
    finally:
        context.close()
    assert [row.language for row in session.scalars(select(Response))] == [language]


def _tab_to(page, test: str, most: int = 40) -> None:  # type: ignore[no-untyped-def]
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate(test):
            return
    raise AssertionError(f"Tab never reached {test}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_keyboard_only_from_a_mistake_to_thank_you(phone, live_server, session, source, language):
    page = phone
    page.goto(f"{live_server}/f/FD-B3-0007?lang={language}")
    _tab_to(page, "document.activeElement.name === 'comment'")
    page.keyboard.type("Kind staff")
    _tab_to(page, "document.activeElement.matches('#feedback-form .govuk-button')")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.wait_for_function(
        "document.activeElement.classList.contains('govuk-error-summary')", timeout=10_000
    )
    _tab_to(page, "document.activeElement.matches('.govuk-error-summary a')")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.name === 'rating'", timeout=10_000)
    page.keyboard.press("Space")  # the first answer: "Very good" in every language
    page.keyboard.press("ArrowDown")  # then the next one
    assert page.evaluate("document.activeElement.value") == "2"
    # Enter on an answer sends the form (it must not press a language button).
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-panel")).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == language
    stored = session.scalars(select(Response)).one()
    assert (stored.rating, stored.comment, stored.language) == (2, "Kind staff", language)


def test_choosing_a_language_keeps_what_was_typed(phone, live_server, session, source):
    page = phone
    page.goto(f"{live_server}/f/FD")
    page.locator("input[name=rating][value='4']").check()
    page.locator("#comment").fill("Nobody rang me back")
    page.locator("button[name=lang][value=pl]").click()
    expect(page.locator("html[lang=pl]")).to_be_attached()
    assert page.locator("input[name=rating][value='4']").is_checked()
    assert page.locator("#comment").input_value() == "Nobody rang me back"
    page.locator("button[name=lang][value=ur]").click()
    expect(page.locator("html[dir=rtl]")).to_be_attached()
    assert page.locator("#comment").input_value() == "Nobody rang me back"
    assert session.scalars(select(Response)).all() == []
    page.locator(SEND).click()
    expect(page.locator(".govuk-panel")).to_be_visible()
    assert session.scalars(select(Response.language)).one() == "ur"


def _box(page, selector: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


def _text_box(page, selector: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Where the words of an element are drawn, and the content box of the block they sit in."""
    return page.evaluate(
        """selector => {
            const element = document.querySelector(selector);
            const range = document.createRange();
            range.selectNodeContents(element);
            const words = range.getBoundingClientRect();
            let block = element;
            while (getComputedStyle(block).display.startsWith("inline")) {
                block = block.parentElement;
            }
            const style = getComputedStyle(block), box = block.getBoundingClientRect();
            const inner = (side) =>
                parseFloat(style[`padding${side}`]) + parseFloat(style[`border${side}Width`]);
            return {
                x: words.left, right: words.right, width: words.width,
                blockLeft: box.left + inner("Left"), blockRight: box.right - inner("Right"),
            };
        }""",
        selector,
    )


def _right(box: dict[str, float]) -> float:
    return box.get("right", box["x"] + box["width"])


def test_urdu_reads_from_the_right(browser, live_server, source):
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_server}/f/FD?lang=ur")
        page.locator(SEND).click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        page.wait_for_function("document.fonts.ready.then(() => true)")
        page.screenshot(path=str(SCREENSHOT), full_page=True)

        container = _box(page, "main")
        column = _box(page, ".govuk-grid-column-two-thirds")
        # The form's column is on the right of the page, not the left.
        assert abs(_right(column) - _right(container)) < 20
        assert column["x"] > container["x"] + 100
        # The header's words end at the right edge of the page's width.
        edge = _right(_box(page, ".govuk-generic-header__container"))
        for words in (".govuk-generic-header__homepage-link", ".govuk-service-navigation__text"):
            text = _text_box(page, words)
            assert abs(text["right"] - edge) < 3 and text["x"] > container["x"] + 100, words
        for words in (
            "h1",
            ".govuk-error-summary__title",
            ".govuk-error-summary__list a",
            "fieldset legend",
            ".govuk-hint",
        ):
            text = _text_box(page, words)
            # The words end at the right of the block they sit in (a short line leaves room
            # on the left; a long one wraps to fill it).
            assert abs(text["right"] - text["blockRight"]) < 3, (words, text)
        # The error summary's box spans the column; its red bar of the question is on the right.
        summary = _box(page, ".govuk-error-summary")
        assert abs(_right(summary) - _right(column)) < 20
        group = page.locator(".govuk-form-group--error").first
        assert group.evaluate("e => getComputedStyle(e).borderRightWidth") == "5px"
        assert group.evaluate("e => getComputedStyle(e).borderLeftWidth") == "0px"
        # Each radio's circle is to the right of its words.
        radio = _box(page, ".govuk-radios__input")
        label = _text_box(page, ".govuk-radios__label")
        assert radio["x"] > _right(label)
        # The character count's message reads from the right under the box.
        count = _text_box(page, ".govuk-character-count__status")
        assert abs(count["right"] - count["blockRight"]) < 3, count
        assert count["x"] > count["blockLeft"] + 100, count
        title = _text_box(page, ".govuk-error-summary__title")
        assert title["x"] > title["blockLeft"] + 100, title
        # The chooser starts at the reading side: English (first) is right of Urdu (last).
        assert (
            _box(page, "[lang=en].council-languages__button")["x"]
            > _box(page, ".council-languages__current")["x"]
        )
    finally:
        context.close()
    assert SCREENSHOT.stat().st_size > 10_000


def test_polish_reads_from_the_left(browser, live_server, source):
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_server}/f/FD?lang=pl")
        column = _box(page, ".govuk-grid-column-two-thirds")
        assert abs(_text_box(page, "h1")["x"] - column["x"]) < 40
        radio = _box(page, ".govuk-radios__input")
        assert _right(radio) < _text_box(page, ".govuk-radios__label")["x"]
        assert (
            _box(page, "[lang=en].council-languages__button")["x"]
            < _box(page, ".council-languages__current")["x"]
        )
    finally:
        context.close()
