"""The easy read journey's pictures: six different faces, hidden from screen readers."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from feedback.easy_read.journey import CHECK, Move, first_unanswered, move
from feedback.easy_read.pictures import FACE_CODES, PICTURES, face_svg, picture_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_six_faces_each_different_and_decorative():
    assert FACE_CODES == (1, 2, 3, 4, 5, 6)
    faces = [face_svg(code) for code in FACE_CODES]
    assert len(set(faces)) == 6
    for svg in faces + [picture_svg(name) for name in PICTURES]:
        root = ET.fromstring(svg)  # well-formed: no attribute given twice
        assert root.tag == f"{SVG}svg"
        assert root.get("aria-hidden") == "true" and root.get("focusable") == "false"
        assert root.get("role") is None and root.find(f"{SVG}title") is None
        # Sized by the stylesheet: the CSP forbids inline styles.
        assert root.get("style") is None and root.get("class") == "easy-read-picture"


def test_an_unknown_face_or_picture_is_refused():
    with pytest.raises(ValueError, match="no face"):
        face_svg(7)
    with pytest.raises(ValueError, match="no picture called 'rocket'"):
        picture_svg("rocket")


@pytest.mark.parametrize(
    ("posted", "go", "changing", "to"),
    [
        ("how", "next", False, Move("why")),
        ("why", "next", False, Move("helped")),
        ("helped", "next", False, Move(CHECK)),
        ("helped", "back", False, Move("why")),
        ("how", "back", False, Move("how")),
        (CHECK, "back", False, Move("helped")),
        (CHECK, "why", False, Move("why", changing=True)),
        ("why", "next", True, Move(CHECK)),
        ("why", "back", True, Move(CHECK)),
        ("why", "stay", True, Move("why", changing=True)),
        ("nonsense", "next", False, Move("how")),
    ],
)
def test_where_each_button_leads(posted, go, changing, to):
    assert move(posted, go, changing=changing) == to


def test_the_first_unanswered_question():
    assert first_unanswered({"helped": ["x"], "rating": ["y"]}) == "how"
    assert first_unanswered({"csrf_token": ["x"]}) is None
