"""A process-wide setting held by nested and concurrent users: the first in applies it, the last out undoes it."""
from __future__ import annotations

import threading

from parallax.core.held import HeldSetting


def test_nested_and_concurrent_holders_apply_once_and_undo_once():
    log: list[str] = []
    setting = HeldSetting(lambda: log.append("apply") or "saved", lambda saved: log.append(f"undo {saved}"))
    inside, release = threading.Event(), threading.Event()

    def other_thread() -> None:
        with setting.held():
            inside.set()
            release.wait(5)

    t = threading.Thread(target=other_thread)
    with setting.held():
        assert setting.active and log == ["apply"]
        t.start()
        assert inside.wait(5)
        with setting.held():  # nested in this thread
            pass
        assert log == ["apply"]  # the other thread and this one still hold it
    assert setting.active and log == ["apply"]  # this thread left; the other holds on
    release.set()
    t.join(5)
    assert not setting.active and log == ["apply", "undo saved"]
    with setting.held():  # held again later: applied again
        pass
    assert log == ["apply", "undo saved", "apply", "undo saved"]


def test_the_setting_is_undone_when_the_holder_raises():
    log: list[str] = []
    setting = HeldSetting(lambda: log.append("apply"), lambda _saved: log.append("undo"))
    try:
        with setting.held():
            raise ValueError("boom")
    except ValueError:
        pass
    assert log == ["apply", "undo"] and not setting.active
