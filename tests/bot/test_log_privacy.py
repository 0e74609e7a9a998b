"""A traceback in the action server's log never quotes what a person typed (found when a
role-played daughter's message about her mother's death reached the log inside a ValueError)."""

from __future__ import annotations

import io
import logging

from bot.action_server import WithoutExceptionText, keep_exception_text_out_of_logs

STORY = "she went to the ER on feb 6 2025, they said it was a UTI"


def _logged_failure(handler: logging.Handler) -> str:
    log = logging.getLogger("tests.log_privacy")
    log.addHandler(handler)
    log.propagate = False
    try:
        int(STORY)
    except ValueError:
        log.exception("Exception occurred during execution of request")
    finally:
        log.removeHandler(handler)
    return handler.stream.getvalue()  # type: ignore[attr-defined]


def test_the_traceback_keeps_its_frames_but_not_the_message():
    handler = logging.StreamHandler(io.StringIO())
    handler.addFilter(WithoutExceptionText())
    out = _logged_failure(handler)
    assert "Exception occurred during execution of request" in out
    assert "Traceback (most recent call last)" in out and "test_log_privacy.py" in out
    assert "ValueError" in out
    assert "UTI" not in out and "feb 6" not in out


def test_without_the_filter_the_message_would_be_there():
    # the check above can fail: an unfiltered handler prints the person's words
    out = _logged_failure(logging.StreamHandler(io.StringIO()))
    assert "UTI" in out


def test_every_handler_gets_the_filter_once():
    handler = logging.StreamHandler(io.StringIO())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        keep_exception_text_out_of_logs()
        keep_exception_text_out_of_logs()
        assert [type(f) for f in handler.filters] == [WithoutExceptionText]
    finally:
        root.removeHandler(handler)
