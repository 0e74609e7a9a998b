"""The insights page and its CSV over HTTP: server-drawn SVG charts with their numbers in
tables, no script, audited."""

from __future__ import annotations

import csv
import io
import re
import uuid

from tests.inbox.conftest import audit_actions, make_lead, write_tracker


def test_insights_page_draws_charts_with_their_numbers(inbox_server, signed_in):
    lead = make_lead(inbox_server, channel="web", outcome="urgent", state="NV")
    write_tracker(
        inbox_server.tracker_url,
        lead["conversation_id"],
        [("bot", "What happened?"), ("user", "A sponge " + uuid.uuid4().hex)],
    )
    response = signed_in.get(inbox_server.url + "/inbox/insights", timeout=20)
    assert response.status_code == 200
    page = response.text
    for chart in ("funnel", "weekly", "channels", "stops", "contact"):
        assert f'id="chart-{chart}"' in page, chart
    assert page.count("<svg") == 8  # and the three outcome breakdowns
    assert "<script" not in page
    assert re.search(
        r'<th scope="row">Chats started</th><td class="num">\d+</td>', page
    )
    assert '<th scope="row">NV</th>' in page
    assert "view_insights" in audit_actions(inbox_server)

    response = signed_in.get(
        inbox_server.url + "/inbox/insights.csv", params={"weeks": "4"}, timeout=20
    )
    assert response.status_code == 200
    assert 'filename="insights-4w.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["section", "group", "measure", "value"]
    assert ["outcomes by state", "NV", "urgent", "1"] in rows
    assert any(
        r[:3] == ["funnel", "all", "Chats started"] and int(r[3]) >= 1 for r in rows
    )


def test_insights_need_a_sign_in(inbox_server):
    import requests

    response = requests.get(
        inbox_server.url + "/inbox/insights", allow_redirects=False, timeout=10
    )
    assert response.status_code in (302, 303, 401)
