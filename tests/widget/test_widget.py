"""The chat widget in a real browser, talking to a fake Rasa REST channel."""

import re
import threading
import time

from playwright.sync_api import expect

from bot.stack import free_port
from tests.widget.conftest import shot
from tests.widget.fake_rasa import GREETING, XSS, FakeRasa

DISCLAIMER = "Not legal advice. No attorney-client relationship is formed. In an emergency call 911."


def open_widget(page, url):
    page.goto(url)
    launcher = page.locator("#hlw-launcher")
    expect(launcher).to_be_visible()
    launcher.click()
    expect(
        page.get_by_role("dialog", name="Chat with our intake assistant")
    ).to_be_visible()


def session_id(page):
    return page.evaluate("JSON.parse(sessionStorage.getItem('hlw:session'))")


ISSUED_ID = (
    r"web-[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}"  # as the fake (and Rasa) issue them
)


def id_requests(rasa):
    return [p for p in rasa.requests if p == "/webhooks/rest/conversations"]


def bot_bubbles(page):
    return page.locator(".hlw-msg-bot")


def user_bubbles(page):
    return page.locator(".hlw-msg-user")


def send(page, text):
    page.locator("#hlw-input").fill(text)
    page.locator("#hlw-input").press("Enter")


def test_open_greet_send_and_click_a_button(page, site, rasa):
    open_widget(page, site.url)
    # focus moves into the panel
    assert page.evaluate("document.activeElement.id") == "hlw-input"
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    sid = session_id(page)
    assert re.fullmatch(ISSUED_ID, sid) and rasa.issued == [sid]  # the server chose it
    assert rasa.messages_from(sid) == ["/greet"]
    expect(user_bubbles(page)).to_have_count(0)  # "/greet" is not shown
    # disclaimer and privacy link always visible
    expect(page.locator("#hlw-disclaimer")).to_contain_text(DISCLAIMER)
    expect(
        page.locator("#hlw-panel").get_by_role("link", name="Privacy notice")
    ).to_be_visible()

    send(page, "The surgeon left a sponge inside me")
    expect(user_bubbles(page).last).to_contain_text(
        "The surgeon left a sponge inside me"
    )
    expect(bot_bubbles(page).nth(1)).to_contain_text(
        "You said: The surgeon left a sponge inside me"
    )
    expect(page.locator("#hlw-input")).to_have_value("")

    page.get_by_role("button", name="Birth injury").click()
    expect(user_bubbles(page).last).to_have_text(re.compile("Birth injury$"))
    expect(bot_bubbles(page)).to_have_count(5)  # the answer to the click has arrived
    expect(bot_bubbles(page).last).to_contain_text("Which fits best?")
    assert rasa.messages_from(sid)[-1] == '/inform{"incident_type":"birth_injury"}'
    shot(page, "desktop-conversation")
    assert not page.console_errors, page.console_errors
    # no third-party requests: only the site and the assistant were contacted
    hosts = {
        r
        for r in page.evaluate("performance.getEntries().map(e => e.name)")
        if r.startswith("http")
    }
    assert all(h.startswith(site.url) or h.startswith(rasa.url) for h in hosts), hosts


def test_typing_indicator_while_waiting(page, site, rasa):
    open_widget(page, site.url)
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    send(page, "slow")
    expect(page.locator("#hlw-typing")).to_be_visible()
    expect(page.locator("#hlw-send")).to_be_disabled()
    expect(bot_bubbles(page).last).to_contain_text("Sorry for the wait.", timeout=10000)
    expect(page.locator("#hlw-typing")).to_be_hidden()


def test_history_survives_reload_and_navigation(page, site, rasa):
    open_widget(page, site.url)
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    send(page, "first message")
    expect(bot_bubbles(page).last).to_contain_text("Which fits best?")
    sid = session_id(page)
    page.reload()
    expect(page.locator("#hlw-panel")).to_be_visible()  # it was open: it stays open
    expect(user_bubbles(page)).to_have_count(1)
    expect(user_bubbles(page).first).to_contain_text("first message")
    expect(bot_bubbles(page)).to_have_count(3)
    assert session_id(page) == sid
    # the last buttons still work after the reload
    page.get_by_role("button", name="Surgical error").click()
    expect(user_bubbles(page).last).to_contain_text("Surgical error")
    # navigation within the site in the same tab
    page.goto(site.url + "/other")
    expect(user_bubbles(page)).to_have_count(2)
    send(page, "after navigating")
    expect(bot_bubbles(page).last).to_contain_text("Which fits best?")
    assert rasa.messages_from(sid) == [
        "/greet",
        "first message",
        '/inform{"incident_type":"surgical_error"}',
        "after navigating",
    ]  # one session, greeted once
    assert len(id_requests(rasa)) == 1  # the id was asked for once, then kept


def test_phone_screen(browser, site, rasa):
    ctx = browser.new_context(
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    page = ctx.new_page()
    try:
        page.goto(site.url)
        expect(page.locator("#hlw-launcher")).to_be_visible()
        shot(page, "phone-home")
        page.locator("#hlw-launcher").tap()
        expect(bot_bubbles(page).first).to_contain_text(GREETING)
        send(page, "A long message to see wrapping: " + "supercalifragilistic" * 6)
        expect(bot_bubbles(page).last).to_contain_text("Which fits best?")
        box = page.locator("#hlw-panel").bounding_box()
        assert box == {"x": 0, "y": 0, "width": 375, "height": 740}
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert page.evaluate(
            "document.querySelector('#hlw-log').scrollWidth <= document.querySelector('#hlw-log').clientWidth"
        )
        for sel in [
            "#hlw-disclaimer",
            "#hlw-input",
            "#hlw-send",
            ".hlw-close",
            ".hlw-restart",
        ]:
            b = page.locator(sel).bounding_box()
            assert b and b["x"] >= 0 and b["x"] + b["width"] <= 375, (sel, b)
        expect(
            page.locator("#hlw-panel").get_by_role("link", name="Privacy notice")
        ).to_be_visible()
        shot(page, "phone-chat")
    finally:
        ctx.close()


def test_server_down_offers_phone_and_retry_then_delivers(page, site):
    port = free_port()  # nothing listens here yet
    down_url = f"http://127.0.0.1:{port}"
    open_widget(page, f"{site.url}/?server={down_url}")
    error = page.locator("#hlw-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("(555) 010-0199")
    expect(page.get_by_role("button", name="Try again")).to_be_visible()

    send(page, "Please call me back")
    expect(user_bubbles(page).last).to_contain_text("Please call me back")
    expect(user_bubbles(page).last).to_contain_text("Not sent")
    expect(error).to_contain_text("can't reach")
    expect(error.get_by_role("link", name="(555) 010-0199")).to_have_attribute(
        "href", "tel:+15550100199"
    )
    shot(page, "server-down")

    # the assistant comes back on that port: Try again delivers the same message
    revived = FakeRasa()
    revived.httpd.server_close()
    from http.server import ThreadingHTTPServer

    revived.httpd = ThreadingHTTPServer(
        ("127.0.0.1", port), revived.httpd.RequestHandlerClass
    )
    revived.thread = threading.Thread(target=revived.httpd.serve_forever, daemon=True)
    revived.start()
    try:
        page.get_by_role("button", name="Try again").click()
        expect(bot_bubbles(page).last).to_contain_text("Which fits best?")
        expect(error).to_be_hidden()
        expect(user_bubbles(page).last).not_to_contain_text("Not sent")
        assert revived.received[-1] == (session_id(page), "Please call me back")
    finally:
        revived.stop()


def test_server_error_keeps_the_message(page, site, rasa):
    open_widget(page, site.url)
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    rasa.fail_next = 1
    send(page, "my message")
    expect(page.locator("#hlw-error")).to_contain_text("trouble")
    expect(page.locator("#hlw-error")).to_contain_text("(555) 010-0199")
    page.get_by_role("button", name="Try again").click()
    expect(bot_bubbles(page).last).to_contain_text("Which fits best?")
    assert (
        rasa.messages_from(session_id(page)).count("my message") == 2
    )  # first try failed, retry arrived


def test_slow_server_times_out_with_retry(page, site, rasa):
    open_widget(page, f"{site.url}/?timeout=1500")
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    send(page, "slow")
    expect(page.locator("#hlw-error")).to_contain_text("taking too long", timeout=5000)
    expect(page.get_by_role("button", name="Try again")).to_be_visible()
    expect(user_bubbles(page).last).to_contain_text("Not sent")


def test_unsent_message_survives_a_reload(page, site, rasa):
    open_widget(page, site.url)
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    rasa.fail_next = 1
    send(page, "do not lose me")
    expect(page.locator("#hlw-error")).to_be_visible()
    page.reload()
    expect(page.locator("#hlw-error")).to_contain_text("not sent")
    page.get_by_role("button", name="Try again").click()
    expect(bot_bubbles(page).last).to_contain_text("Which fits best?")
    assert rasa.messages_from(session_id(page))[-1] == "do not lose me"


def test_429_and_413_show_the_servers_text(page, site, rasa):
    open_widget(page, site.url)
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    send(page, "too fast")
    expect(page.locator(".hlw-msg-notice").last).to_contain_text(
        "faster than I can keep up"
    )
    expect(page.get_by_role("button", name="Try again")).to_be_visible()
    send(page, "too long")
    expect(page.locator(".hlw-msg-notice").last).to_contain_text("too long for me")
    expect(page.locator("#hlw-input")).to_have_value("too long")  # given back to edit
    shot(page, "limits")


def test_start_over(page, site, rasa):
    open_widget(page, site.url)
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    send(page, "old conversation")
    expect(bot_bubbles(page).last).to_contain_text("Which fits best?")
    old = session_id(page)
    page.get_by_role("button", name=re.compile("Start over")).click()
    page.get_by_role("alertdialog", name="Start over?").get_by_role(
        "button", name="Yes"
    ).click()
    expect(user_bubbles(page)).to_have_count(0)
    expect(bot_bubbles(page)).to_have_count(1)
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    new = session_id(page)
    assert new != old and re.fullmatch(ISSUED_ID, new)
    assert rasa.issued == [old, new]  # "Start over" asked the server for a new id
    deadline = time.time() + 5
    while "/restart" not in rasa.messages_from(old) and time.time() < deadline:
        time.sleep(0.05)
    assert rasa.messages_from(old)[-1] == "/restart"
    assert rasa.messages_from(new) == ["/greet"]


def test_bot_markup_is_shown_as_text(page, site, rasa):
    open_widget(page, site.url)
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    send(page, "xss")
    expect(bot_bubbles(page).last).to_contain_text(XSS)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#hlw-log script, #hlw-log img").count() == 0
    # the user's own markup too
    send(page, "<b>bold</b>")
    expect(user_bubbles(page).last).to_contain_text("<b>bold</b>")
    assert page.locator("#hlw-log b").count() == 0


def test_keyboard_and_screen_reader_support(page, site, rasa):
    page.goto(site.url)
    launcher = page.locator("#hlw-launcher")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    launcher.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Chat with our intake assistant")
    expect(dialog).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "true")
    assert page.evaluate("document.activeElement.id") == "hlw-input"
    log = page.locator("#hlw-log")
    expect(log).to_have_attribute("aria-live", "polite")
    expect(page.get_by_label("Your message")).to_be_visible()
    expect(page.get_by_role("button", name="Send")).to_be_visible()
    expect(page.get_by_role("button", name="Close chat")).to_be_visible()
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    # type and send with the keyboard only; Shift+Enter is a new line
    page.keyboard.type("line one")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("line two")
    page.keyboard.press("Enter")
    expect(user_bubbles(page).last).to_contain_text("line one\nline two")
    # tab reaches the quick replies
    page.get_by_role("button", name="Surgical error").last.focus()
    page.keyboard.press("Enter")
    expect(user_bubbles(page).last).to_contain_text("Surgical error")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "hlw-launcher"
    expect(launcher).to_have_attribute("aria-expanded", "false")


CONTRAST_JS = """
() => {
  function rgb(s) { const m = s.match(/[\\d.]+/g).map(Number); return m.length > 3 && m[3] === 0 ? null : m.slice(0, 3); }
  function lum(c) { const a = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * a[0] + 0.7152 * a[1] + 0.0722 * a[2]; }
  function bg(el) { while (el) { const c = rgb(getComputedStyle(el).backgroundColor); if (c) return c; el = el.parentElement; } return [255, 255, 255]; }
  const out = [];
  for (const sel of ['.hlw-launcher', '.hlw-title', '.hlw-restart', '.hlw-disclaimer', '.hlw-disclaimer a',
                     '.hlw-msg-bot', '.hlw-msg-user', '.hlw-choice', '.hlw-input', '.hlw-send',
                     '.hlw-msg-notice', '.hlw-error p', '.hlw-retry']) {
    const el = document.querySelector(sel); if (!el) continue;
    const fg = rgb(getComputedStyle(el).color), b = bg(el);
    const [l1, l2] = [lum(fg), lum(b)].sort((x, y) => y - x);
    out.push([sel, (l1 + 0.05) / (l2 + 0.05)]);
  }
  return out;
}
"""


def test_contrast_is_at_least_4_5(page, site, rasa):
    page.goto(site.url)
    launcher_ratio = dict(page.evaluate(CONTRAST_JS))[".hlw-launcher"]
    page.locator("#hlw-launcher").click()
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    send(page, "too fast")
    expect(page.locator(".hlw-msg-notice")).to_be_visible()
    ratios = dict(page.evaluate(CONTRAST_JS))
    ratios[".hlw-launcher"] = launcher_ratio
    assert len(ratios) >= 12, ratios
    low = {k: round(v, 2) for k, v in ratios.items() if v < 4.5}
    assert not low, low


def test_pages_are_self_contained(page, site, rasa):
    page.goto(site.url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("medical mistake")
    html = page.content()
    for word in ["Practice areas", "How it works", "Contact"]:
        expect(page.get_by_role("heading", name=word)).to_be_visible()
    page.goto(site.url + "/privacy")
    expect(page.get_by_role("heading", name="Privacy notice")).to_be_visible()
    for word in [
        "What we collect",
        "Why we collect it",
        "How long we keep it",
        "No attorney-client relationship",
        "Contact",
    ]:
        expect(page.get_by_role("heading", name=word)).to_be_visible()
    assert not page.console_errors, page.console_errors
    assert "Harbor &amp; Lane" in html


def test_demo_page_embeds_the_widget_exactly():
    from tests.widget.fake_rasa import WIDGET_DIR

    demo = (WIDGET_DIR / "demo.html").read_text()
    assert (
        '<script src="/widget.js" data-server="{{RASA_PUBLIC_URL}}" data-phone="(555) 010-0199" defer></script>'
        in demo
    )
    for name in ["demo.html", "privacy.html"]:
        text = (WIDGET_DIR / name).read_text()
        assert re.findall(r"<script(?![^>]*\bsrc=)", text) == []  # no inline script
        assert not re.search(r"\son[a-z]+=", text)  # no inline handlers
        assert not re.search(r"(src|href)=\"(https?:)?//", text)  # no external assets
    js = (WIDGET_DIR / "widget.js").read_text()
    assert (
        "innerHTML" not in js and "insertAdjacentHTML" not in js and "eval(" not in js
    )


def test_an_id_the_server_refuses_starts_a_new_conversation(page, site, rasa):
    """An id from before (the server's key changed, or one a pre-issue-14 widget made up) gets a
    403: the widget asks for a new id and starts over cleanly, giving the unsent text back."""
    open_widget(page, site.url)
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    send(page, "old conversation")
    expect(bot_bubbles(page).last).to_contain_text("Which fits best?")
    old = session_id(page)
    rasa.issued.clear()  # the server no longer accepts it
    send(page, "it happened in 2021")
    expect(page.locator(".hlw-msg-notice")).to_contain_text("started a new one")
    expect(bot_bubbles(page)).to_have_count(1)
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    expect(user_bubbles(page)).to_have_count(0)
    expect(page.locator("#hlw-input")).to_have_value("it happened in 2021")
    expect(page.locator("#hlw-error")).to_be_hidden()
    new = session_id(page)
    assert new != old and rasa.issued == [new]
    assert rasa.refused == [(old, "it happened in 2021")]
    assert rasa.messages_from(new) == ["/greet"]
    # the conversation goes on with the new id
    send(page, "it happened in 2021")
    expect(bot_bubbles(page).last).to_contain_text("Which fits best?")
    assert rasa.messages_from(new) == ["/greet", "it happened in 2021"]
    # no script error: the browser's own note of the 403 response is all there is
    assert [e for e in page.console_errors if "status of 403" not in e] == []


def test_an_id_made_up_by_an_old_widget_is_replaced(page, site, rasa):
    page.goto(site.url)
    page.evaluate(
        """() => {
        sessionStorage.setItem('hlw:session', JSON.stringify('0b8f3c1e-2f4a-4c4b-9d51-7b1c2a9e4d10'));
        sessionStorage.setItem('hlw:greeted', 'true');
        sessionStorage.setItem('hlw:history', JSON.stringify([{from: 'bot', text: 'Earlier.'}]));
    }"""
    )
    open_widget(page, site.url)
    expect(bot_bubbles(page).first).to_contain_text("Earlier.")
    send(page, "hello again")
    expect(bot_bubbles(page).first).to_contain_text(GREETING)
    expect(bot_bubbles(page)).to_have_count(1)
    assert rasa.refused == [("0b8f3c1e-2f4a-4c4b-9d51-7b1c2a9e4d10", "hello again")]
    assert re.fullmatch(ISSUED_ID, session_id(page))
