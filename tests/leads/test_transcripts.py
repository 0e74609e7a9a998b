"""Reading and deleting conversations in a tracker database written by Rasa's SQLTrackerStore."""

from __future__ import annotations

from bot.leads import transcripts
from tests.leads.conftest import write_rasa_conversation


def test_transcript_reads_user_and_bot_messages(tmp_path):
    url = f"sqlite:///{tmp_path / 'rasa.db'}"
    write_rasa_conversation(
        url,
        "abc",
        [
            ("user", "I was hurt in surgery"),
            ("bot", "I'm sorry to hear that."),
            ("user", "CA"),
        ],
        channel="rest",
        start=1_700_000_000.0,
    )
    write_rasa_conversation(url, "other", [("user", "not me")])
    out = transcripts.transcript("abc", url)
    assert [(m["from"], m["text"]) for m in out] == [
        ("user", "I was hurt in surgery"),
        ("bot", "I'm sorry to hear that."),
        ("user", "CA"),
    ]
    assert (
        out[0]["channel"] == "web" and out[1]["channel"] == "web"
    )  # Rasa says "rest"; staff read "web"
    assert out[0]["at"] == "2023-11-14T22:13:21+00:00"
    assert set(out[0]) == {"at", "from", "text", "channel"}


def test_transcript_of_unknown_conversation_is_empty(tmp_path):
    url = f"sqlite:///{tmp_path / 'rasa.db'}"
    write_rasa_conversation(url, "abc", [("user", "hi")])
    assert transcripts.transcript("nobody", url) == []


def test_missing_table_means_no_transcript(tmp_path):
    url = f"sqlite:///{tmp_path / 'not-started.db'}"
    assert transcripts.transcript("abc", url) == []
    assert transcripts.delete_conversation("abc", url) == 0
    assert transcripts.stale_sender_ids(2e9, url) == []


def test_delete_conversation(tmp_path):
    url = f"sqlite:///{tmp_path / 'rasa.db'}"
    write_rasa_conversation(url, "gone", [("user", "a"), ("bot", "b")])
    write_rasa_conversation(url, "stays", [("user", "c")])
    assert transcripts.delete_conversation("gone", url) > 0
    assert transcripts.transcript("gone", url) == []
    assert [m["text"] for m in transcripts.transcript("stays", url)] == ["c"]


def test_default_url_comes_from_settings(tmp_path, monkeypatch):
    from actions.config import settings

    url = f"sqlite:///{tmp_path / 'rasa.db'}"
    write_rasa_conversation(url, "s1", [("user", "via settings")], channel="twilio")
    monkeypatch.setenv("TRACKER_STORE_URL", url)
    settings.cache_clear()
    assert transcripts.transcript("s1") == [
        {
            "at": transcripts.transcript("s1")[0]["at"],
            "from": "user",
            "text": "via settings",
            "channel": "sms",  # Rasa says "twilio"; staff read "sms"
        }
    ]
