"""The accessibility statement itself passes axe, on a phone and in a translated page."""

from __future__ import annotations

import pytest

from tests.browser.test_resident_journey import _axe_violations, _no_sideways_scroll

pytestmark = pytest.mark.browser


ENFORCEMENT = {"en": "Enforcement procedure", "pl": "Procedura egzekwowania"}


@pytest.mark.parametrize("language", ENFORCEMENT)
def test_the_accessibility_statement_passes_axe_at_320px(phone, live_server, language):
    phone.goto(f"{live_server}/accessibility?lang={language}")

    assert phone.get_by_role("heading", level=2, name=ENFORCEMENT[language]).is_visible()
    assert phone.get_by_role("link", name="01709 382121").get_attribute("href") == (
        "tel:+441709382121"
    )
    assert _no_sideways_scroll(phone)
    assert _axe_violations(phone) == []
