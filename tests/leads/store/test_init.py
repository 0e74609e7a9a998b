"""get_store(): the process-wide store, made lazily."""

from __future__ import annotations

from bot.leads.store import get_store, reset_stores

# --- get_store ------------------------------------------------------------------------------------


def test_get_store_is_lazy_and_shared(tmp_path, monkeypatch):
    from actions.config import settings as load_settings

    url = f"sqlite:///{tmp_path / 'shared.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    load_settings.cache_clear()
    reset_stores()
    s1 = get_store()
    assert s1 is get_store() and s1.url == url
    assert s1._engine is None  # nothing connected yet
    assert not (tmp_path / "shared.db").exists()
