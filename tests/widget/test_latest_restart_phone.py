"""The widget at a phone's width (390 px) and on a desktop (1280 px): the latest message in view
after a reload and on every new message, "Start over?" before anything is cleared, and phone
numbers in the assistant's replies as tap-to-call links (issue 13)."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.widget.conftest import shot
from tests.widget.fake_rasa import GREETING, PHONE_REPLY
from tests.widget.test_widget import (
    bot_bubbles,
    id_requests,
    open_widget,
    send,
    session_id,
    user_bubbles,
)

pytestmark = pytest.mark.browser

SIZES = {
    390: {"width": 390, "height": 844},  # a phone: the panel is the whole screen
    1280: {"width": 1280, "height": 800},
}


@pytest.fixture(params=sorted(SIZES), ids=lambda w: f"{w}px")
def width(request):
    return request.param


@pytest.fixture
def page(browser, width):
    phone = width < 500
    context = browser.new_context(
        viewport=SIZES[width],
        is_mobile=phone,
        has_touch=phone,
        device_scale_factor=2 if phone else 1,
    )
    p = context.new_page()
    p.console_errors = []
    p.on(
        "console",
        lambda m: p.console_errors.append(m.text) if m.type == "error" else None,
    )
    p.on("pageerror", lambda e: p.console_errors.append(str(e)))
    yield p
    context.close()


def in_log_view(page, locator) -> bool:
    """The element is entirely inside the part of the log that shows (not scrolled away)."""
    log = page.locator("#hlw-log").bounding_box()
    box = locator.bounding_box()
    if not log or not box or box["height"] == 0:
        return False
    return (
        box["y"] >= log["y"] - 1
        and box["y"] + box["height"] <= log["y"] + log["height"] + 1
    )


def wait_in_view(page, locator, timeout: float = 5.0) -> None:
    deadline = time.time() + timeout
    while not in_log_view(page, locator):
        if time.time() > deadline:
            log = page.locator("#hlw-log").bounding_box()
            scroll = page.evaluate(
                "[document.querySelector('#hlw-log').scrollTop,"
                " document.querySelector('#hlw-log').scrollHeight]"
            )
            raise AssertionError(
                f"not in view: {locator.bounding_box()} in log {log}, scroll {scroll}"
            )
        page.wait_for_timeout(50)


def the_question_and_its_buttons_show(page) -> None:
    wait_in_view(page, bot_bubbles(page).last)
    wait_in_view(page, page.locator(".hlw-choices").last)


def seed_long_history(page, exchanges: int = 30) -> None:
    """A long conversation in the tab's storage, ending with a question and its buttons, as the
    widget keeps it (then the page is reloaded)."""
    page.evaluate(
        """(n) => {
        const history = JSON.parse(sessionStorage.getItem('hlw:history'));
        for (let i = 1; i <= n; i++) {
            history.push({from: 'user', text: 'Answer number ' + i});
            history.push({from: 'bot', text: 'Thank you. Question number ' + (i + 1) + '?',
                          buttons: [], choicesOpen: false});
        }
        history.push({from: 'bot', text: 'Was the patient you, or someone else?',
                      buttons: [{title: 'Me', payload: '/inform{"patient_role":"self"}'},
                                {title: 'Someone else', payload: '/inform{"patient_role":"other"}'}],
                      choicesOpen: true});
        sessionStorage.setItem('hlw:history', JSON.stringify(history));
    }""",
        exchanges,
    )


# --- the latest message in view -------------------------------------------------------------


def test_a_reload_shows_the_latest_question_and_its_buttons(page, site, rasa, width):
    open_widget(page, site.url)
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    sid = session_id(page)
    seed_long_history(page)
    page.reload()
    expect(page.locator("#hlw-panel")).to_be_visible()
    expect(bot_bubbles(page).last).to_contain_text("Was the patient you")
    the_question_and_its_buttons_show(page)
    assert page.evaluate("document.querySelector('#hlw-log').scrollTop") > 0
    expect(page.get_by_role("button", name="Someone else")).to_be_visible()
    shot(page, f"reload-latest-{width}")

    # a stylesheet that arrives late (the panel is laid out only then): still the latest
    site.css_delay = 1.5
    page.reload()
    expect(page.locator("#hlw-panel")).to_be_visible(timeout=10_000)
    the_question_and_its_buttons_show(page)

    # the buttons restored after the reload still answer, and the answer's reply shows too
    page.get_by_role("button", name="Someone else").click()
    expect(user_bubbles(page).last).to_contain_text("Someone else")
    expect(bot_bubbles(page).last).to_contain_text("Which fits best?")
    the_question_and_its_buttons_show(page)
    assert rasa.messages_from(sid)[-1] == '/inform{"patient_role":"other"}'
    assert len(id_requests(rasa)) == 1  # the same conversation throughout
    assert not page.console_errors, page.console_errors


def test_each_new_message_comes_into_view(page, site, rasa, width):
    open_widget(page, site.url)
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    the_question_and_its_buttons_show(page)
    for n in range(1, 7):
        send(page, f"message {n}")
        expect(bot_bubbles(page)).to_have_count(1 + 2 * n)
        the_question_and_its_buttons_show(page)
    # the person scrolled back to read: a new message still brings the view to it
    page.evaluate("document.querySelector('#hlw-log').scrollTop = 0")
    page.wait_for_timeout(100)
    assert not in_log_view(page, bot_bubbles(page).last)
    send(page, "one more thing")
    expect(bot_bubbles(page)).to_have_count(1 + 7 * 2)
    the_question_and_its_buttons_show(page)
    shot(page, f"new-messages-{width}")


def test_a_message_taller_than_the_log_shows_from_its_start(page, site, rasa):
    open_widget(page, site.url)
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    send(page, "long question")
    question = bot_bubbles(page).last
    expect(question).to_contain_text("Which fits best?")
    log = page.locator("#hlw-log").bounding_box()
    assert question.bounding_box()["height"] > log["height"]  # the test's premise
    deadline = time.time() + 5
    while abs(question.bounding_box()["y"] - log["y"]) > 16:
        assert time.time() < deadline, (question.bounding_box(), log)
        page.wait_for_timeout(50)


# --- "Start over?" ----------------------------------------------------------------------------


def test_start_over_asks_first_and_no_keeps_everything(page, site, rasa, width):
    open_widget(page, site.url)
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    send(page, "the surgeon nicked my bladder")
    expect(bot_bubbles(page).last).to_contain_text("Which fits best?")
    page.locator("#hlw-input").fill("a draft")
    sid = session_id(page)
    received = list(rasa.messages_from(sid))

    restart = page.get_by_role("button", name=re.compile("Start over"))
    restart.click()
    confirm = page.get_by_role("alertdialog", name="Start over?")
    expect(confirm).to_be_visible()
    expect(confirm).to_contain_text(
        "Start over? What you've told us so far will be cleared.", use_inner_text=True
    )
    expect(confirm.get_by_role("button", name="Yes")).to_be_visible()
    no = confirm.get_by_role("button", name="No")
    expect(no).to_be_focused()  # the choice that loses nothing
    expect(page.locator("#hlw-input")).to_be_hidden()
    for sel in ["#hlw-confirm-yes", "#hlw-confirm-no"]:
        b = page.locator(sel).bounding_box()
        assert b and b["x"] >= 0 and b["x"] + b["width"] <= width, (sel, b)
        assert b["height"] >= 44, (sel, b)
    shot(page, f"start-over-confirm-{width}")

    no.click()
    expect(confirm).to_be_hidden()
    expect(restart).to_be_focused()
    expect(user_bubbles(page)).to_have_count(1)
    expect(bot_bubbles(page)).to_have_count(3)
    expect(page.locator("#hlw-input")).to_have_value("a draft")
    assert session_id(page) == sid
    time.sleep(0.3)  # a /restart would have been sent at once
    assert rasa.messages_from(sid) == received and len(rasa.issued) == 1

    # Escape answers "No" too, and leaves the panel open
    restart.click()
    expect(confirm).to_be_visible()
    page.keyboard.press("Escape")
    expect(confirm).to_be_hidden()
    expect(page.locator("#hlw-panel")).to_be_visible()
    expect(user_bubbles(page)).to_have_count(1)

    # Yes: a new conversation
    restart.click()
    confirm.get_by_role("button", name="Yes").click()
    expect(confirm).to_be_hidden()
    expect(user_bubbles(page)).to_have_count(0)
    expect(bot_bubbles(page)).to_have_count(1)
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    expect(page.locator("#hlw-input")).to_have_value("")
    expect(page.locator("#hlw-input")).to_be_focused()
    new = session_id(page)
    assert new != sid and rasa.issued == [sid, new]
    deadline = time.time() + 5
    while "/restart" not in rasa.messages_from(sid) and time.time() < deadline:
        time.sleep(0.05)
    assert rasa.messages_from(sid)[-1] == "/restart"
    assert not page.console_errors, page.console_errors


def test_typed_start_over_asks_first(page, site, rasa, width):
    open_widget(page, site.url)
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    send(page, "my mother fell in the hospital")
    expect(bot_bubbles(page).last).to_contain_text("Which fits best?")
    sid = session_id(page)
    confirm = page.get_by_role("alertdialog", name="Start over?")

    send(page, "start over")
    expect(confirm).to_be_visible()
    expect(user_bubbles(page)).to_have_count(1)  # the words are not sent as a message
    confirm.get_by_role("button", name="No").click()
    expect(confirm).to_be_hidden()
    expect(page.locator("#hlw-input")).to_be_focused()
    expect(page.locator("#hlw-input")).to_have_value("")
    expect(user_bubbles(page)).to_have_count(1)
    expect(bot_bubbles(page)).to_have_count(3)
    assert session_id(page) == sid
    assert rasa.messages_from(sid) == ["/greet", "my mother fell in the hospital"]

    # words that only mention restarting are a message like any other
    send(page, "they never restarted her blood thinners")
    # the last reply already asked "Which fits best?": wait for the message itself, not the
    # reply (the check raced the request once, on a loaded machine)
    expect(user_bubbles(page)).to_have_count(2)
    deadline = time.time() + 5
    said = "they never restarted her blood thinners"
    while rasa.messages_from(sid)[-1] != said and time.time() < deadline:
        time.sleep(0.05)
    expect(confirm).to_be_hidden()
    assert rasa.messages_from(sid)[-1] == said

    # answering the question instead of the confirmation keeps the conversation
    send(page, "Can we start over?")
    expect(confirm).to_be_visible()
    page.get_by_role("button", name="Birth injury").last.click()
    expect(confirm).to_be_hidden()
    expect(bot_bubbles(page)).to_have_count(7)
    assert session_id(page) == sid

    send(page, "I'd like to start over please")
    confirm.get_by_role("button", name="Yes").click()
    expect(bot_bubbles(page)).to_have_count(1)
    expect(user_bubbles(page)).to_have_count(0)
    assert session_id(page) != sid
    assert "start over" not in " ".join(rasa.messages_from(sid)).lower()


def test_a_reply_during_start_over_does_not_reach_the_new_conversation(
    page, site, rasa
):
    open_widget(page, site.url)
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    send(page, "slow")  # its answer comes in 4 s
    expect(page.locator("#hlw-typing")).to_be_visible()
    page.get_by_role("button", name=re.compile("Start over")).click()
    page.get_by_role("button", name="Yes").click()
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    page.wait_for_timeout(4500)
    expect(bot_bubbles(page)).to_have_count(1)
    expect(page.locator("#hlw-log")).not_to_contain_text("Sorry for the wait")
    expect(page.locator("#hlw-send")).to_be_enabled()


# --- tap-to-call ------------------------------------------------------------------------------


def test_phone_numbers_in_replies_are_tap_to_call_links(page, site, rasa, width):
    open_widget(page, site.url)
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    send(page, "phone")
    reply = bot_bubbles(page).last
    expect(reply).to_contain_text(PHONE_REPLY)  # the text as written, markup and all

    def check_links() -> None:
        links = reply.locator("a")
        expect(links).to_have_count(3)
        assert links.all_inner_texts() == [
            "(555) 010-0199",
            "+1 720 555 0188",
            "555-010-0199",
        ]
        assert [a.get_attribute("href") for a in links.all()] == [
            "tel:+15550100199",
            "tel:+17205550188",
            "tel:+15550100199",
        ]
        expect(reply.get_by_role("link", name="Call (555) 010-0199")).to_be_visible()
        # the format example is not a number to call; the bot's markup is not markup
        assert "206-555-0123" not in " ".join(links.all_inner_texts())
        assert page.locator('#hlw-log a:not([href^="tel:+"])').count() == 0
        assert page.evaluate("window.__pwned") is None

    check_links()
    # the person's own words are never turned into links
    send(page, "call me at (720) 555-0188")
    expect(user_bubbles(page).last).to_contain_text("(720) 555-0188")
    assert user_bubbles(page).last.locator("a").count() == 0
    shot(page, f"tel-links-{width}")

    page.reload()  # restored history: the same links
    reply = bot_bubbles(page).nth(1)
    expect(reply).to_contain_text(PHONE_REPLY)
    check_links()
    assert not page.console_errors, page.console_errors
