"""Unit tests of bot/inbox/present.py: labels, dates, deadlines, transcripts, CSV (no server)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest
from jinja2 import TemplateNotFound

from bot.inbox.present import (
    CSV_COLUMNS,
    caveat_list,
    csv_cell,
    deadline_class,
    fmt_when,
    is_urgent,
    jinja_environment,
    leads_csv,
    normalise_transcript,
    parse_id,
    yes_no,
)


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("1", 1),
        ("0042", 42),
        ("", None),
        ("-1", None),
        ("1e3", None),
        ("٣", None),
        ("9" * 19, None),
        ("12 ", None),
    ],
)
def test_parse_id(raw, expected):
    assert parse_id(raw) == expected


def test_csv_cells_cannot_become_formulas():
    assert csv_cell("=1+1") == "'=1+1"
    assert csv_cell("+15555550123") == "+15555550123"
    assert csv_cell("+1+cmd|' /C calc'!A0") == "'+1+cmd|' /C calc'!A0"
    assert csv_cell("-2+3") == "'-2+3"
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell("-5") == "-5"
    assert csv_cell(-5) == "-5"
    assert csv_cell(None) == ""
    assert csv_cell(True) == "yes"
    assert csv_cell("Plain") == "Plain"


def test_transcript_and_caveat_shapes():
    rows = normalise_transcript(
        [
            {"at": "t", "from": "user", "text": "hi", "channel": "sms"},
            {"from": "bot", "text": None},
        ]
    )
    assert rows == [
        {"at": "t", "from": "user", "text": "hi", "channel": "sms"},
        {"at": "", "from": "bot", "text": "", "channel": ""},
    ]
    assert normalise_transcript('[{"from": "user", "text": "x"}]')[0]["text"] == "x"
    assert normalise_transcript(None) == [] and normalise_transcript("") == []
    assert caveat_list('["a", "b"]') == ["a", "b"]
    assert caveat_list(["a", None, ""]) == ["a"]
    assert caveat_list("one\ntwo") == ["one", "two"]
    assert caveat_list(None) == []


def test_urgency_and_deadline_classes():
    assert is_urgent({"outcome": "urgent"})
    assert is_urgent({"days_left": 90}) and is_urgent({"days_left": "0"})
    assert not is_urgent({"days_left": 91})
    assert not is_urgent({"days_left": -1})
    assert not is_urgent({"days_left": "soon"}) and not is_urgent({})
    assert [
        deadline_class({"days_left": d}) for d in (-1, 0, 30, 31, 90, 91, None, "x")
    ] == ["past", "critical", "critical", "soon", "soon", "ok", "none", "none"]


def test_dates_and_yes_no_read_well():
    assert fmt_when(datetime(2025, 3, 10, 9, 5, 7)) == "2025-03-10 09:05"
    assert fmt_when("2025-03-10T09:05:07+00:00") == "2025-03-10 09:05"
    assert fmt_when(0) == "1970-01-01 00:00"
    assert fmt_when(None) == "" and fmt_when("") == ""
    assert fmt_when("last week") == "last week"
    assert [yes_no(v) for v in (True, False, None, "", "true", "0", "maybe")] == [
        "Yes",
        "No",
        "Unknown",
        "Unknown",
        "Yes",
        "No",
        "maybe",
    ]


def test_leads_csv_names_the_assignee_and_keeps_the_column_order():
    users = {7: {"display_name": "Casey Colleague", "username": "casey"}}
    text = leads_csv(
        [
            {"reference": "L-1", "assigned_to": 7, "contact_name": "=cmd", "id": 1},
            {"reference": "L-2", "assigned_to": 99, "deadline": date(2026, 6, 1)},
        ],
        users,
    )
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert tuple(rows[0]) == CSV_COLUMNS
    first, second = (dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:])
    assert first["assigned_to"] == "Casey Colleague"
    assert first["contact_name"] == "'=cmd"
    assert second["assigned_to"] == "99" and second["deadline"] == "2026-06-01"


def test_jinja_environment_escapes_and_has_the_filters():
    jinja = jinja_environment("Firm & Co")
    page = jinja.from_string(
        "{{ firm_name }} {{ x }} {{ when_value|when }} {{ flag|yesno }}"
        " {{ STATUS_LABELS['consult_scheduled'] }}"
    ).render(x="<b>", when_value="2025-01-02T03:04:05", flag=False)
    assert page == ("Firm &amp; Co &lt;b&gt; 2025-01-02 03:04 No Consult scheduled")
    with pytest.raises(TemplateNotFound):
        jinja.get_template("no-such-template.html")


def test_priority_in_words_and_phones_as_people_write_them():
    from bot.inbox.present import phone_display, phone_href, priority_text

    assert priority_text({"outcome": "urgent", "days_left": 1}) == "Urgent, 1 day left"
    assert priority_text({"outcome": "qualified"}) == "Qualified, no deadline"
    assert (
        priority_text({"outcome": "time_barred", "days_left": -3})
        == "Time-barred, deadline passed 3 days ago"
    )
    assert priority_text({}) == "Not screened, no deadline"
    assert phone_display("+17205550188") == "(720) 555-0188"
    assert phone_display("+442079460958") == "+44 20 7946 0958"
    assert phone_display("call me") == "call me"
    assert phone_href("+1 (720) 555-0188") == "tel:+17205550188"
    assert phone_href("+17205550188", "sms") == "sms:+17205550188"
    assert phone_href("") == ""


def test_jinja_environment_in_the_firm_zone_labels_times():
    jinja = jinja_environment("Firm", "America/New_York")
    page = jinja.from_string("{{ a|when }} | {{ b|when }} | {{ c|when }}").render(
        a="2025-01-02T15:04:05+00:00", b=0, c="yesterday"
    )
    assert page == "2025-01-02 10:04 EST | 1969-12-31 19:00 EST | yesterday"
