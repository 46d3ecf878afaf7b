"""The background-task runner: results, errors and progress arrive on the main thread."""
from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from parallax.desktop.tasks import TaskRunner


def test_result_arrives_on_the_main_thread(qtbot):
    runner = TaskRunner()
    main = QThread.currentThread()
    seen = {}

    def work(ctx):
        seen["worker"] = threading.get_ident()
        return 41 + 1

    def done(value):
        seen["value"] = value
        seen["on_main"] = QThread.currentThread() is main

    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: not busy, timeout=5000):
        runner.run(work, on_done=done)
    assert seen["value"] == 42 and seen["on_main"]
    assert seen["worker"] != threading.get_ident()
    assert not runner.busy


def test_error_goes_to_on_error_or_task_failed(qtbot):
    runner = TaskRunner()
    caught = []

    def boom(_ctx):
        raise ValueError("bad input")

    runner.run(boom, on_error=caught.append)
    qtbot.waitUntil(lambda: bool(caught), timeout=5000)
    assert isinstance(caught[0], ValueError)
    with qtbot.waitSignal(runner.task_failed, timeout=5000) as blocker:
        runner.run(boom)
    assert str(blocker.args[0]) == "bad input"


def test_progress_and_cancel(qtbot):
    runner = TaskRunner()
    reports = []
    release = threading.Event()

    def work(ctx):
        for i in range(3):
            ctx.progress(i + 1, 3, f"step {i + 1}")
        release.wait(5)
        return ctx.should_cancel()

    results = []
    runner.run(work, on_progress=lambda d, t, label: reports.append((d, t, label)), on_done=results.append)
    qtbot.waitUntil(lambda: len(reports) == 3, timeout=5000)
    runner.cancel_all()
    release.set()
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert reports == [(1, 3, "step 1"), (2, 3, "step 2"), (3, 3, "step 3")]
    assert results == [True]
