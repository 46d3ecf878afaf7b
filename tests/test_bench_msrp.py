"""The MSRP reader of the bench scripts (``bench/msrp.py``): a copy of a split
with or without its header line gives the same pairs, so the hold-out split,
drawn by the pair count, does not shift by one pair unnoticed."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import msrp  # noqa: E402

HEADER = "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"
ROWS = ("1\t11\t12\tThe bank raised its rates.\tThe bank put up its rates.\n"
        "0\t21\t22\tThe talks ended on Monday.\tThe talks will resume in May.\n")


def test_a_copy_without_its_header_line_loses_no_pair(tmp_path):
    with_header, without = tmp_path / "a.txt", tmp_path / "b.txt"
    with_header.write_text(HEADER + ROWS, encoding="utf-8")
    without.write_text(ROWS, encoding="utf-8")
    pairs, labels = msrp.read_split(with_header)
    assert pairs == [("The bank raised its rates.", "The bank put up its rates."),
                     ("The talks ended on Monday.", "The talks will resume in May.")]
    assert labels.tolist() == [1, 0]
    again, labels_again = msrp.read_split(without)
    assert again == pairs and labels_again.tolist() == [1, 0]


def test_a_malformed_line_names_the_file_and_line(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(HEADER + ROWS + "2\tx\ty\tone\ttwo\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.txt:4:"):
        msrp.read_split(bad)
