"""Staff pages on a 320px phone: tables scroll in their own region, never the whole page."""

from __future__ import annotations

import pytest

from tests.browser.test_resident_journey import _axe_violations, _no_sideways_scroll
from tests.browser.test_staff_pages_a11y import _sign_in

pytestmark = pytest.mark.browser

LONG_EMAIL = "firstname.middlename.lastname.adult-social-care@rotherham-council.example.gov.uk"


def test_wide_staff_tables_scroll_on_their_own_at_320px(phone, live_server, make_user):
    admin = make_user("admin", email=LONG_EMAIL)
    make_user("keyer", email="another.long.address.for.keying@rotherham-council.example.gov.uk")
    _sign_in(phone, live_server, admin.email)

    pages = (("/staff/users", "Staff accounts"), ("/staff/audit", "Most recent first"))
    for path, caption in pages:
        phone.goto(f"{live_server}{path}")
        assert _no_sideways_scroll(phone), path
        region = phone.get_by_role("region", name=caption)
        assert region.get_attribute("tabindex") == "0"
        assert region.locator("table").count() == 1
        # The region fits the screen; whatever does not fit scrolls inside it.
        box = region.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320, path
        assert _axe_violations(phone) == [], path


def test_a_long_email_address_wraps_instead_of_widening_the_page(phone, live_server, make_user):
    admin = make_user("admin", email=LONG_EMAIL)
    _sign_in(phone, live_server, admin.email)

    assert _no_sideways_scroll(phone)
    signed_in_as = phone.locator(".staff-nav__sign-out").get_by_text(LONG_EMAIL)
    box = signed_in_as.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 320
    assert box["height"] > 30  # on more than one line

    phone.goto(f"{live_server}/staff/users")
    cell = phone.get_by_role("cell", name=LONG_EMAIL, exact=True)
    assert cell.evaluate("element => getComputedStyle(element).overflowWrap") == "anywhere"
