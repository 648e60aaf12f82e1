"""The easy read journey, as a resident sees it: one question a screen, faces with words,
Back that keeps answers, a check screen, and the same stored answer as the standard form."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import select, text

from feedback.models import Response

from .old_database import search, sqlite_at
from .pages import form_fields, open_form, page, strings_in_page_language, text_of

FFT_ANSWERS = ["Very good", "Good", "Neither good nor poor", "Poor", "Very poor", "Don't know"]
QUESTION = "Overall, how was your experience of our service?"
START = "/f/FD-B12-0173/easy-read"
DISCLOSURE = "The carer never came and my mum was left on the floor all night. Ring 07700 900123."


def _stored(session) -> list[Response]:  # type: ignore[no-untyped-def]
    session.expire_all()
    return list(session.scalars(select(Response).order_by(Response.id)))


def _press(client, soup, go: str | None = "next", url: str | None = None, **answers: str):  # type: ignore[no-untyped-def]
    """Fill in `answers` on the screen `soup` shows and press the button whose value is `go`
    (or, with go=None, the button that sends to its own `formaction`)."""
    fields = form_fields(soup)
    fields.update(answers)
    if go is not None:
        fields["go"] = go
        return client.post(url or soup.select_one("form")["action"], data=fields)
    button = soup.select_one("button[formaction]")
    return client.post(button["formaction"], data=fields)


def _h1(response) -> str:  # type: ignore[no-untyped-def]
    return text_of(page(response), "h1")


def _choice_words(soup, name: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        " ".join(label.get_text().split()) for label in soup.select(f"input[name={name}] + label")
    ]


def _to_check(client, rating="2", comment="Kind staff. But I waited a week.", helped="yes"):  # type: ignore[no-untyped-def]
    soup, _ = open_form(client, START)
    why = _press(client, soup, rating=rating)
    helped_screen = _press(client, page(why), comment=comment)
    return _press(client, page(helped_screen), helped=helped)


def test_the_standard_form_links_to_easy_read_near_the_top(client, source):
    soup, _ = open_form(client, "/f/FD-B12-0173")
    link = soup.select_one("main a[href='/f/FD-B12-0173/easy-read']")
    assert link is not None and " ".join(link.get_text().split()) == "Easy read version"
    # Near the top: before the first question.
    assert str(soup).index("Easy read version") < str(soup).index(QUESTION)
    bare, _ = open_form(client, "/f/")
    assert bare.select_one("main a[href='/easy-read']") is not None


def test_the_first_screen_has_six_faces_each_with_its_words(client, source):
    soup, _ = open_form(client, START)

    assert text_of(soup, "h1") == QUESTION
    assert soup.title.get_text().startswith(QUESTION)
    assert "Front Door" in text_of(soup, "#team")
    assert "Pick one face." in text_of(soup, ".govuk-hint")
    assert _choice_words(soup, "rating") == FFT_ANSWERS
    for label in soup.select("input[name=rating] + label"):
        # A picture beside the words, never alone, and read once: the picture is hidden.
        [svg] = label.select("svg")
        assert svg["aria-hidden"] == "true" and svg.select("title") == []
        assert label.get_text(strip=True)
    # The error summary's link lands on the first face.
    assert soup.select_one("input[name=rating]")["id"] == "rating"
    # One question a screen: nothing else to answer here, and no way back yet.
    assert soup.select("textarea") == []
    assert [b.get_text(strip=True) for b in soup.select("form button")] == ["Next"]


def test_the_whole_journey_stores_what_was_chosen_once_sent(client, session, source):
    soup, _ = open_form(client, START)

    why = _press(client, soup, rating="4")
    assert why.status_code == 200
    assert _h1(why) == "Tell us why"
    assert "You picked: Poor" in text_of(page(why), ".easy-read-picked")
    assert "You do not have to write anything." in page(why).get_text()

    helped = _press(client, page(why), comment="Nobody rang me back.\nI waited two weeks.")
    assert _h1(helped) == "Did someone help you fill this in?"
    assert _choice_words(page(helped), "helped") == [
        "Yes, someone helped me",
        "No, I did it myself",
    ]

    check = _press(client, page(helped), helped="no")
    soup = page(check)
    assert _h1(check) == "Check your answers"
    rows = {
        text_of(row, "dt"): text_of(row, ".govuk-summary-list__value")
        for row in soup.select(".govuk-summary-list__row")
    }
    assert rows == {
        "How was it?": "Poor",
        "Why": "Nobody rang me back. I waited two weeks.",
        "Did someone help you?": "No, I did it myself",
    }
    changes = [" ".join(b.get_text().split()) for b in soup.select(".easy-read-change")]
    assert changes == ["Change how it was", "Change why", "Change if someone helped you"]
    # Nothing is stored until Send.
    assert _stored(session) == []

    sent = _press(client, soup, go=None)
    assert sent.status_code == 302
    assert sent.headers["Location"] == "/easy-read/thank-you"
    [stored] = _stored(session)
    assert (stored.rating, stored.helped, stored.respondent_type) == (4, False, None)
    assert stored.comment == "Nobody rang me back.\nI waited two weeks."
    assert (stored.channel, stored.form_format, stored.language) == ("web", "easy_read", "en")
    assert stored.source_id == source.id and stored.card_reference == "FD-B12-0173"
    # Analysed in the same transaction, as every answer is.
    assert stored.analysed_at is not None and stored.safeguarding_flag is False


def test_back_keeps_every_answer(client, source):
    check = _to_check(client, rating="1", comment="Lovely people", helped="yes")

    helped = _press(client, page(check), go="back")
    assert _h1(helped) == "Did someone help you fill this in?"
    assert page(helped).select_one("input[name=helped][checked]")["value"] == "yes"

    why = _press(client, page(helped), go="back")
    assert _h1(why) == "Tell us why"
    assert page(why).select_one("textarea[name=comment]").get_text() == "Lovely people"

    how = _press(client, page(why), go="back")
    assert _h1(how) == QUESTION
    assert page(how).select_one("input[name=rating][checked]")["value"] == "1"

    # Forward again, nothing typed twice.
    again = _press(client, page(_press(client, page(how))))
    assert _h1(_press(client, page(again))) == "Check your answers"


def test_back_keeps_an_answer_on_the_screen_being_left(client, source):
    soup, _ = open_form(client, START)
    why = _press(client, soup, rating="3")
    how = _press(client, page(why), go="back", comment="Typed, then went back")
    forward = _press(client, page(how))
    assert page(forward).select_one("textarea").get_text() == "Typed, then went back"


def test_change_from_the_check_screen_comes_back_to_it(client, session, source):
    check = _to_check(client, rating="2", comment="Good in the end", helped="yes")

    how = _press(client, page(check), go="how")
    assert _h1(how) == QUESTION
    assert page(how).select_one("input[name=rating][checked]")["value"] == "2"
    back_to_check = _press(client, page(how), rating="5")
    soup = page(back_to_check)
    assert _h1(back_to_check) == "Check your answers"
    assert "Very poor" in text_of(soup, ".govuk-summary-list")
    assert "Good in the end" in text_of(soup, ".govuk-summary-list")

    why = _press(client, soup, go="why")
    cleared = _press(client, page(why), comment="")
    assert "You did not write anything." in text_of(page(cleared), ".govuk-summary-list")

    assert _press(client, page(cleared), go=None).status_code == 302
    [stored] = _stored(session)
    assert (stored.rating, stored.comment, stored.helped) == (5, None, True)


def test_no_face_picked_says_so_in_easy_words(client, session, source):
    soup, _ = open_form(client, START)
    response = _press(client, soup)

    assert response.status_code == 400
    soup = page(response)
    assert soup.title.get_text().startswith("Error: ")
    assert text_of(soup, ".govuk-error-summary__title") == "There is a problem"
    link = soup.select_one(".govuk-error-summary a")
    assert (link.get_text(strip=True), link["href"]) == ("Please pick a face", "#rating")
    assert text_of(soup, "#rating-error") == "Error: Please pick a face"
    assert "rating-error" in soup.select_one("fieldset")["aria-describedby"]
    assert text_of(soup, "h1") == QUESTION
    assert _stored(session) == []


def test_yes_or_no_must_be_picked(client, source):
    soup, _ = open_form(client, START)
    helped = _press(client, page(_press(client, soup, rating="1")), comment="")
    response = _press(client, page(helped))
    assert response.status_code == 400
    soup = page(response)
    assert text_of(soup, ".govuk-error-summary a") == "Please pick yes or no"
    assert soup.select_one(".govuk-error-summary a")["href"] == "#helped"
    assert text_of(soup, "h1") == "Did someone help you fill this in?"


def test_too_many_words_keep_what_was_typed(client, source):
    soup, _ = open_form(client, START)
    why = _press(client, soup, rating="1")
    response = _press(client, page(why), comment="x" * 2001)
    assert response.status_code == 400
    soup = page(response)
    assert "You can use up to 2,000 letters and spaces" in text_of(soup, ".govuk-error-summary")
    assert soup.select_one(".govuk-error-summary a")["href"] == "#comment"
    assert soup.select_one("textarea").get_text() == "x" * 2001


def test_a_send_without_a_face_goes_back_to_the_faces(client, session, source):
    check = _to_check(client)
    fields = form_fields(page(check))
    fields["rating"] = ""
    response = client.post(page(check).select_one("button[formaction]")["formaction"], data=fields)
    assert response.status_code == 400
    assert text_of(page(response), "h1") == QUESTION
    assert text_of(page(response), ".govuk-error-summary a") == "Please pick a face"
    assert _stored(session) == []


def test_a_double_send_stores_one_answer(client, session, source):
    soup = page(_to_check(client))
    first = _press(client, soup, go=None)
    second = _press(client, soup, go=None)
    assert first.status_code == second.status_code == 302
    assert len(_stored(session)) == 1


def test_the_thank_you_page_says_what_happens_next_and_who_to_call(app, client, source):
    _press(client, page(_to_check(client)), go=None)
    soup = page(client.get("/easy-read/thank-you"))

    assert text_of(soup, "h1") == "Thank you"
    assert soup.title.get_text().startswith("Thank you – Easy read")
    text = " ".join(soup.get_text().split())
    assert "We read every answer." in text
    assert "We do not know who you are. So we cannot reply to you." in text
    assert app.config["FEEDBACK_URGENT_HELP_TEXT"] in text
    assert text.count(app.config["FEEDBACK_URGENT_HELP_TEXT"]) == 1
    assert app.config["FEEDBACK_COMPLAINTS_TEXT"] in text
    assert soup.select_one("main a[href='/you-said-we-did']") is not None
    assert soup.select_one(".govuk-notification-banner--urgent") is None
    # Every idea has its picture beside the words, hidden from screen readers.
    lines = soup.select(".easy-read-line-item")
    assert len(lines) >= 5
    for line in lines:
        assert line.select_one("svg")["aria-hidden"] == "true"
        assert line.get_text(strip=True)


def test_a_possible_disclosure_shows_where_to_get_help_now(app, client, session, source):
    _press(client, page(_to_check(client, comment=DISCLOSURE)), go=None)
    soup = page(client.get("/easy-read/thank-you"))

    banner = text_of(soup, ".govuk-notification-banner--urgent")
    assert "Is someone at risk of harm? Get help now." in banner
    assert app.config["FEEDBACK_URGENT_HELP_TEXT"] in banner
    # Said once, in the banner.
    assert soup.get_text().count(app.config["FEEDBACK_URGENT_HELP_TEXT"]) == 1
    [stored] = _stored(session)
    assert stored.safeguarding_flag is True and stored.safeguarding_alert is not None


def test_an_expired_session_keeps_the_answers(app, session, source):
    first_visit = app.test_client()
    check = _to_check(first_visit, comment="Sent after the cookie was lost")
    fields = form_fields(page(check))

    returning = app.test_client()
    send_url = page(check).select_one("button[formaction]")["formaction"]
    response = returning.post(send_url, data=fields)
    assert response.status_code == 400
    soup = page(response)
    assert "Your answers are still here" in text_of(soup, ".govuk-notification-banner")
    assert text_of(soup, "h1") == "Check your answers"
    assert form_fields(soup)["comment"] == "Sent after the cookie was lost"

    assert _press(returning, soup, go=None).status_code == 302
    assert [r.comment for r in _stored(session)] == ["Sent after the cookie was lost"]


def test_too_many_sends_are_paused_not_lost(make_app, session, source):
    client = make_app(FEEDBACK_RATE_LIMIT="1 per minute").test_client()
    assert _press(client, page(_to_check(client)), go=None).status_code == 302
    # Moving between screens is never limited; only Send is.
    check = _to_check(client, comment="Second go")
    assert check.status_code == 200
    response = _press(client, page(check), go=None)
    assert response.status_code == 429
    soup = page(response)
    assert "Please wait a minute" in text_of(soup, ".govuk-notification-banner")
    assert form_fields(soup)["comment"] == "Second go"
    assert len(_stored(session)) == 1


def test_an_unknown_card_still_gets_easy_read_and_is_kept(client, session, source):
    soup, _ = open_form(client, "/f/ZZ9-B1-0001/easy-read")
    assert "Adult Social Care" in text_of(soup, "#team")
    why = _press(client, soup, rating="6")
    check = _press(client, page(_press(client, page(why))), helped="no")
    assert _press(client, page(check), go=None).status_code == 302
    [stored] = _stored(session)
    assert stored.source.code == "UNKNOWN" and stored.card_reference == "ZZ9-B1-0001"


def test_a_language_button_keeps_the_screen_and_its_answers(client, source):
    soup, _ = open_form(client, START)
    why = page(_press(client, soup, rating="5"))
    # The page's language buttons post the journey's form with a `lang` and no `go`.
    fields = form_fields(why)
    fields.update(comment="Half typed", lang="pl")
    again = client.post(why.select_one("form")["action"], data=fields)
    assert again.status_code == 200
    assert page(again).html["lang"] == "pl"
    assert page(again).select_one("textarea[name=comment]")["id"] == "comment"
    kept = form_fields(page(again))
    assert (kept["comment"], kept["rating"]) == ("Half typed", "5")
    assert page(again).select_one(".govuk-error-summary") is None


def test_answers_from_before_easy_read_are_standard_and_search_still_works(tmp_path):
    # On SQLite, adding the column must not rebuild `response`: that drops the search triggers.
    config, engine = sqlite_at(
        tmp_path,
        "0007",
        "INSERT INTO response (id, source_id, channel, rating, language, received_at, "
        "moderation_status) VALUES (1, 7, 'web', 1, 'en', '2026-11-30 09:00:00', 'pending')",
    )
    command.upgrade(config, "head")
    with engine.begin() as connection:
        assert connection.execute(text("SELECT form_format FROM response")).scalar() == "standard"
        connection.execute(
            text(
                "INSERT INTO response (id, source_id, channel, rating, comment, language, "
                "received_at, moderation_status, form_format) VALUES (2, 7, 'web', 2, "
                "'The carers were waiting outside', 'en', '2026-12-01 09:00:00', 'pending', "
                "'easy_read')"
            )
        )
        assert search(connection, "wait") == [2]
    command.downgrade(config, "0007")
    command.upgrade(config, "head")
    engine.dispose()


# -- Languages: every string is translatable, and ?lang= works as on the standard form --


@pytest.fixture
def translated_app(make_app, pseudo_translations):
    return make_app(BABEL_TRANSLATION_DIRECTORIES=str(pseudo_translations))


def _untranslated(soup, allowed: set[str]) -> list[str]:  # type: ignore[no-untyped-def]
    # Text with a lang of its own (the language chooser) is not the page's language.
    return [
        text
        for text in (string.removeprefix("© ") for string in strings_in_page_language(soup))
        if not (text.startswith("⟦") and text.rstrip(":").endswith("⟧"))
        and text not in allowed
        and text != "!"
    ]


def test_every_easy_read_string_is_translatable(translated_app, source):
    config = translated_app.config
    allowed = {
        config["FEEDBACK_COUNCIL_NAME"],
        config["FEEDBACK_SERVICE_NAME"],
        config["FEEDBACK_URGENT_HELP_TEXT"],
        config["FEEDBACK_COMPLAINTS_TEXT"],
        f"© {config['FEEDBACK_COUNCIL_NAME']}",
        "Front Door",
        "–",
        "My words",
        "Esperanto",  # the chooser names the page's own language in itself
    }
    client = translated_app.test_client()
    soup = page(client.get("/f/FD/easy-read?lang=eo"))
    assert soup.html["lang"] == "eo"
    screens = [soup, page(_press(client, soup))]  # with an error
    for answers in ({"rating": "2"}, {"comment": "My words"}, {"helped": "yes"}):
        soup = page(_press(client, soup, **answers))
        screens.append(soup)
    _press(client, soup, go=None)
    screens.append(page(client.get("/easy-read/thank-you")))
    for screen in screens:
        assert _untranslated(screen, allowed) == [], screen.title.get_text()


def _live_count_messages(soup) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """What the character count says as the resident types, by plural category."""
    count = soup.select_one("[data-module=govuk-character-count]")
    prefix = "data-i18n.characters-"
    return {
        name.removeprefix(prefix): value
        for name, value in count.attrs.items()
        if name.startswith(prefix)
    }


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "pl",
            {
                "under-limit.one": "Pozostał Ci %{count} znak",
                "under-limit.few": "Pozostały Ci %{count} znaki",
                "under-limit.many": "Pozostało Ci %{count} znaków",
                "over-limit.few": "Masz %{count} znaki za dużo",
            },
        ),
        (
            "ar",
            {
                "under-limit.two": "تبقّى لديك حرفان",
                "under-limit.few": "تبقّى لديك %{count} أحرف",
                "under-limit.many": "تبقّى لديك %{count} حرفًا",
                "over-limit.one": "لديك حرف واحد زائد",
            },
        ),
    ],
)
def test_the_live_count_on_tell_us_why_speaks_the_pages_language(
    client, source, language, expected
):
    soup, _ = open_form(client, f"{START}?lang={language}")
    why = page(_press(client, soup, rating="2"))
    assert text_of(why, "h1") != "Tell us why"
    said = _live_count_messages(why)
    assert {name: said.get(name) for name in expected} == expected
    assert not any("character" in message for message in said.values())
    # The same words, in every plural form, as the standard form's count.
    assert said == _live_count_messages(page(client.get(f"/f/FD-B12-0173?lang={language}")))
