"""``parallax … | head``: a reader that goes away early is not an error worth a traceback.

Runs the installed console script in a real process whose stdout is a real pipe.
The pipe's read end is closed before the process starts, so its first write is
certain to meet EPIPE (with ``head`` the timing would decide whether it does).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from parallax.core.ingest.seeds import seed_paths
from parallax.desktop import cli

SEEDS = {p.name[:3]: p for p in seed_paths()}
TIMEOUT_S = 300  # compare loads spaCy and the embedding model in the child


def _exe() -> str:
    exe = shutil.which("parallax", path=str(Path(sys.executable).parent))
    assert exe, "the 'parallax' console script is not installed next to this interpreter"
    return exe


def run_into_closed_pipe(*argv: str) -> subprocess.CompletedProcess:
    """Run ``parallax ARGV`` with stdout a pipe nobody reads any more (``| head -0``)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run([_exe(), *argv], stdout=write_end, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, text=True, timeout=TIMEOUT_S)
    finally:
        os.close(write_end)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store.sqlite3"
    assert cli.main(["--db", str(path), "import", str(SEEDS["000"]), "--dossier", "Seeds"]) == 0
    return path


@pytest.mark.parametrize("argv", [["show", "1"], ["articles"], ["show", "1", "--json"]])
def test_listing_into_a_closed_pipe_exits_quietly(db: Path, argv: list[str]):
    proc = run_into_closed_pipe("--db", str(db), *argv)
    assert proc.stderr == ""
    assert proc.returncode == cli.EXIT_BROKEN_PIPE


@pytest.mark.slow
def test_compare_json_into_a_closed_pipe_exits_quietly(tmp_path: Path):
    proc = run_into_closed_pipe("--db", str(tmp_path / "x.sqlite3"), "compare",
                                str(SEEDS["000"]), str(SEEDS["002"]), "--json")
    assert "Traceback" not in proc.stderr and "BrokenPipeError" not in proc.stderr, proc.stderr
    assert proc.returncode == cli.EXIT_BROKEN_PIPE


def test_long_article_piped_into_head_prints_the_first_line_and_no_traceback(tmp_path: Path):
    # The real shell pipeline. The article is several times the 64 KiB a pipe
    # holds, so the process is still writing when head has left.
    long_text = tmp_path / "long.txt"
    paragraph = SEEDS["000"].read_text(encoding="utf-8")
    long_text.write_text("\n\n".join([paragraph] * 40), encoding="utf-8")
    db = tmp_path / "long.sqlite3"
    assert cli.main(["--db", str(db), "import", str(long_text), "--dossier", "Long"]) == 0
    proc = subprocess.run(f"'{_exe()}' --db '{db}' show 1 | head -1", shell=True,
                          capture_output=True, text=True, timeout=TIMEOUT_S)
    assert proc.stdout.strip() != ""
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, proc.stderr
