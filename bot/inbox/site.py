"""The public side the inbox also serves: the demo page with the chat widget (``/``), the privacy
notice, ``/widget.js`` and ``/widget.css`` (files in ``Settings.inbox_widget_dir``, by default
``bot/widget/``), ``/healthz``, and the inbox's own static files under ``/inbox/static/``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from sanic import Blueprint
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.inbox import security
from bot.inbox.present import json_response

bp = Blueprint("inbox_site")

STATIC_DIR = Path(__file__).resolve().parent / "static"
WIDGET_DIR = Path(__file__).resolve().parent.parent / "widget"
STATIC_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".js": "text/javascript; charset=utf-8",
}
HTML = "text/html; charset=utf-8"


def widget_file(
    request: Request,
    name: str,
    content_type: str,
    transform: Callable[[str], str] | None = None,
) -> HTTPResponse:
    """A file of the website; an HTML page's inline blocks are allowed by hash in its CSP."""
    path = Path(request.app.ctx.widget_dir) / name
    if not path.is_file():
        raise SanicException("not found", status_code=404)
    text = path.read_text(encoding="utf-8")
    if transform is not None:
        text = transform(text)
    if content_type.startswith("text/html"):
        request.ctx.inline_hashes = security.inline_hashes(text)
    return HTTPResponse(text, content_type=content_type)


@bp.get("/healthz")
async def healthz(request: Request) -> HTTPResponse:
    return json_response({"ok": True})


@bp.get("/")
async def demo_page(request: Request) -> HTTPResponse:
    url = request.app.ctx.rasa_public_url
    return widget_file(
        request, "demo.html", HTML, lambda t: t.replace("{{RASA_PUBLIC_URL}}", url)
    )


@bp.get("/privacy")
async def privacy_page(request: Request) -> HTTPResponse:
    return widget_file(request, "privacy.html", HTML)


@bp.get("/widget.js")
async def widget_js(request: Request) -> HTTPResponse:
    return widget_file(request, "widget.js", "application/javascript; charset=utf-8")


@bp.get("/widget.css")
async def widget_css(request: Request) -> HTTPResponse:
    return widget_file(request, "widget.css", "text/css; charset=utf-8")


@bp.get("/inbox/static/<name>")
async def static_file(request: Request, name: str) -> HTTPResponse:
    """The inbox's own CSS, scripts and images: plain names in static/, nothing else (no
    traversal)."""
    path = STATIC_DIR / name
    if (
        not re.fullmatch(r"[A-Za-z0-9_-]+\.[a-z]{2,4}", name)
        or path.suffix not in STATIC_TYPES
        or not path.is_file()
    ):
        raise SanicException("not found", status_code=404)
    return HTTPResponse(path.read_bytes(), content_type=STATIC_TYPES[path.suffix])
