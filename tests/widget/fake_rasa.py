"""A small stand-in for Rasa's REST channel and the site that embeds the widget.

It speaks the REST channel's protocol (POST /webhooks/rest/conversations -> 201 {"sender": id};
POST /webhooks/rest/webhook -> JSON list of {recipient_id, text, buttons}, or 403 {"error": ...} for
a sender it did not issue), answers CORS preflights like `rasa run --cors`, and can also serve
the demo page (with the `{{RASA_PUBLIC_URL}}` placeholder replaced, as the inbox does), widget.js,
widget.css and the privacy page under a strict Content-Security-Policy.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

WIDGET_DIR = Path(__file__).resolve().parents[2] / "bot" / "widget"

BUTTONS = [
    {"title": "Surgical error", "payload": '/inform{"incident_type":"surgical_error"}'},
    {"title": "Birth injury", "payload": '/inform{"incident_type":"birth_injury"}'},
]
GREETING = "Hello! I'm the intake assistant for Harbor & Lane. What happened?"
XSS = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
# A reply with the firm's number, a format example (not a number to call) and markup around a number.
PHONE_REPLY = (
    "You can reach our team at (555) 010-0199 (Mon-Fri 8-6), or +1 720 555 0188 after hours. "
    "Type yours with the area code, like 206-555-0123. "
    '<a href="javascript:window.__pwned=3">555-010-0199</a>'
)
LONG_QUESTION = (
    "Before the next question, a few words about what happens next. " * 40
    + ("Which fits best?")
)


def style_hashes(html: str) -> str:
    """CSP sources for a page's inline <style> blocks (as the inbox allows them: by hash only)."""
    return " ".join(
        "'sha256-"
        + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        + "'"
        for body in re.findall(r"<style[^>]*>(.*?)</style>", html, re.S)
    )


class FakeRasa:
    def __init__(self, rasa_url: str | None = None) -> None:
        self.received: list[tuple[str, str]] = []
        self.issued: list[
            str
        ] = []  # conversation ids handed out; clear() = "the key changed"
        self.refused: list[
            tuple[str, str]
        ] = []  # messages answered 403 (sender not issued)
        self.fail_next = 0  # answer the next N messages with 503
        self.css_delay = 0.0  # seconds before widget.css is served (a slow stylesheet)
        self.rasa_url = rasa_url  # when serving pages: where the widget should talk to
        self.requests: list[str] = []
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def start(self) -> FakeRasa:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def issue(self) -> str:
        sender = f"web-{secrets.token_urlsafe(16)}.{secrets.token_urlsafe(16)}"
        self.issued.append(sender)
        return sender

    def messages_from(self, sender: str) -> list[str]:
        return [m for s, m in self.received if s == sender]

    def reply(self, sender: str, message: str) -> tuple[int, object]:
        if self.fail_next > 0:
            self.fail_next -= 1
            return 503, {"error": "unavailable"}
        if message == "/greet":
            return 200, [{"recipient_id": sender, "text": GREETING, "buttons": BUTTONS}]
        if message == "/restart":
            return 200, []
        if message == "xss":
            return 200, [{"recipient_id": sender, "text": XSS}]
        if message == "phone":
            return 200, [{"recipient_id": sender, "text": PHONE_REPLY}]
        if message == "long question":
            return 200, [
                {"recipient_id": sender, "text": LONG_QUESTION, "buttons": BUTTONS}
            ]
        if message == "slow":
            time.sleep(4)
            return 200, [{"recipient_id": sender, "text": "Sorry for the wait."}]
        if message == "too long":
            return 413, [
                {
                    "recipient_id": sender,
                    "text": "That message is too long for me. Please send it in shorter parts.",
                }
            ]
        if message == "too fast":
            return 429, [
                {
                    "recipient_id": sender,
                    "text": "You're sending messages faster than I can keep up with.",
                }
            ]
        return 200, [
            {"recipient_id": sender, "text": f"You said: {message}"},
            {"recipient_id": sender, "text": "Which fits best?", "buttons": BUTTONS},
        ]

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def _cors(self) -> None:
                origin = self.headers.get("Origin")
                if origin:
                    self.send_header("Access-Control-Allow-Origin", origin)
                    self.send_header("Vary", "Origin")
                    self.send_header(
                        "Access-Control-Allow-Methods", "GET, POST, OPTIONS"
                    )
                    self.send_header("Access-Control-Allow-Headers", "Content-Type")

            def _send(self, status: int, body: bytes, ctype: str, extra=None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self._cors()
                for k, v in (extra or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def do_OPTIONS(self) -> None:
                self._send(204, b"", "text/plain")

            def do_GET(self) -> None:
                fake.requests.append(self.path)
                url = urlparse(self.path)
                query = parse_qs(url.query)
                if url.path in ("/", "/index.html", "/other"):
                    rasa = query.get("server", [fake.rasa_url or fake.url])[0]
                    html = (WIDGET_DIR / "demo.html").read_text(encoding="utf-8")
                    html = html.replace("{{RASA_PUBLIC_URL}}", rasa)
                    if "timeout" in query:
                        html = html.replace(
                            "data-phone=",
                            f'data-timeout="{int(query["timeout"][0])}" data-phone=',
                        )
                    csp = (
                        "default-src 'self'; script-src 'self'; style-src 'self' "
                        + style_hashes(html)
                        + "; "
                        f"connect-src 'self' {rasa}; img-src 'self' data:; base-uri 'none'; "
                        "form-action 'self'; frame-ancestors 'none'"
                    )
                    self._send(
                        200,
                        html.encode(),
                        "text/html; charset=utf-8",
                        {"Content-Security-Policy": csp},
                    )
                elif url.path == "/privacy":
                    html = (WIDGET_DIR / "privacy.html").read_text(encoding="utf-8")
                    self._send(
                        200,
                        html.encode(),
                        "text/html; charset=utf-8",
                        {
                            "Content-Security-Policy": "default-src 'self'; style-src 'self' "
                            + style_hashes(html)
                        },
                    )
                elif url.path == "/widget.js":
                    self._send(
                        200,
                        (WIDGET_DIR / "widget.js").read_bytes(),
                        "application/javascript; charset=utf-8",
                    )
                elif url.path == "/widget.css":
                    time.sleep(fake.css_delay)
                    self._send(
                        200,
                        (WIDGET_DIR / "widget.css").read_bytes(),
                        "text/css; charset=utf-8",
                    )
                elif url.path == "/favicon.ico":
                    self._send(204, b"", "image/x-icon")
                elif url.path == "/webhooks/rest/":
                    self._send(200, b'{"status": "ok"}', "application/json")
                else:
                    self._send(404, b"not found", "text/plain")

            def do_POST(self) -> None:
                fake.requests.append(self.path)
                path = urlparse(self.path).path
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if path == "/webhooks/rest/conversations":
                    body = json.dumps({"sender": fake.issue()}).encode()
                    self._send(201, body, "application/json")
                    return
                if path != "/webhooks/rest/webhook":
                    self._send(404, b"not found", "text/plain")
                    return
                try:
                    body = json.loads(raw)
                    sender, message = body["sender"], body["message"]
                    assert isinstance(sender, str) and isinstance(message, str)
                except Exception:
                    self._send(400, b'{"error": "bad request"}', "application/json")
                    return
                if sender not in fake.issued:
                    fake.refused.append((sender, message))
                    error = {"error": "Unknown conversation: 'sender' must be issued."}
                    self._send(403, json.dumps(error).encode(), "application/json")
                    return
                fake.received.append((sender, message))
                status, payload = fake.reply(sender, message)
                self._send(status, json.dumps(payload).encode(), "application/json")

        return Handler
