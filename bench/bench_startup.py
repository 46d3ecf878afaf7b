"""Cold start of the main window, measured from outside the process.

Each run is a fresh ``python`` process (nothing imported, nothing cached in the
interpreter), timed by this script from spawn until the child reports that the
window is shown with the seed dossier's articles in the table and the first article
in the reader; the child then exits. Two cases, median of 5 each:

* first start: an empty database folder (the app creates the store and the seed dossier);
* later start: the database from a previous run.

Baseline, in the same run: a bare PySide6 process that shows an empty QWidget, so the
ratio says what Parallax adds to Qt's own start-up on this machine.

Usage: python bench/bench_startup.py [--runs N]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

READY = "READY"

BARE_QT = f"""
import sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
w = QWidget(); w.resize(1280, 800); w.show(); app.processEvents()
print({READY!r}, flush=True)
"""

PARALLAX = f"""
import sys
from PySide6.QtCore import QSettings, QStandardPaths, QTimer
QStandardPaths.setTestModeEnabled(True)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[2])
from parallax.desktop.app import _application, build_main_window
from parallax.core.store.connection import open_store
app = _application(sys.argv[:1])
store = open_store(sys.argv[1])
window = build_main_window(store)
window.show()
def check():
    if window.reader.article_id() >= 0 and not window.tasks.busy and window.article_table.proxy.rowCount() == 5:
        app.processEvents()
        print({READY!r}, flush=True)
        store.close()
        app.quit()
    else:
        QTimer.singleShot(2, check)
QTimer.singleShot(0, check)
app.exec()
"""


def time_child(code: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == READY:
            elapsed = time.perf_counter() - start
            break
    else:
        raise SystemExit(f"child never became ready (exit code {proc.wait()})")
    proc.wait(timeout=60)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    time_child(BARE_QT)  # warm the OS file cache once, for every case alike
    bare = [time_child(BARE_QT) for _ in range(runs)]
    first, later = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            db = Path(tmp) / f"first{i}.sqlite3"
            settings = Path(tmp) / f"settings{i}"
            first.append(time_child(PARALLAX, str(db), str(settings)))
            later.append(time_child(PARALLAX, str(db), str(settings)))

    base = statistics.median(bare)
    print(f"cold start, median of {runs} fresh processes (window shown with the seed dossier loaded)")
    for label, xs in (("bare PySide6 window (baseline)", bare),
                      ("Parallax, first start (creates store + seeds)", first),
                      ("Parallax, later start", later)):
        med = statistics.median(xs)
        print(f"  {label:<48} {med * 1000:7.0f} ms   x{med / base:4.2f}"
              f"   (min {min(xs) * 1000:.0f}, max {max(xs) * 1000:.0f})")


if __name__ == "__main__":
    main()
