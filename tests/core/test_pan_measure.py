"""PAN text-alignment measures (Potthast et al. 2010) on hand-made cases, and the
PAN XML round trip."""
from __future__ import annotations

import math

import pytest

from parallax.core.reuse.pan import (
    Annotation,
    evaluate,
    granularity,
    macro_precision,
    macro_recall,
    pan_annotations,
    plagdet_score,
    read_annotations,
    run_pan,
    write_pan_xml,
)
from parallax.core.reuse.detector import ReuseKind, ReusePassage


def ann(this_off, this_len, src_off, src_len, this_ref="susp1", src_ref="src1"):
    return Annotation(this_ref, this_off, this_len, src_ref, src_off, src_len)


CASE = ann(0, 100, 0, 100)
OTHER_DOC = ann(0, 100, 0, 100, this_ref="susp2", src_ref="src2")


@pytest.mark.parametrize("cases, detections, rec, prec, gran, plagdet", [
    # perfect detection
    ([CASE], [CASE], 1.0, 1.0, 1.0, 1.0),
    # nothing to find and nothing found
    ([], [], 1.0, 1.0, 1.0, 1.0),
    # a false alarm where there is nothing to find
    ([], [CASE], 0.0, 0.0, 1.0, 0.0),
    # half of the case found on both sides: recall 0.5, precision 1
    ([CASE], [ann(0, 50, 0, 50)], 0.5, 1.0, 1.0, 2 / 3),
    # one of two cases found
    ([CASE, OTHER_DOC], [CASE], 0.5, 1.0, 1.0, 2 / 3),
    # a detection twice as long as the case: precision 0.5
    ([CASE], [ann(0, 200, 0, 200)], 1.0, 0.5, 1.0, 2 / 3),
    # the case found in two halves: granularity 2
    ([CASE], [ann(0, 50, 0, 50), ann(50, 50, 50, 50)], 1.0, 1.0, 2.0, 1 / math.log2(3)),
    # right place in the suspicious text, wrong source document: not a detection
    ([CASE], [ann(0, 100, 0, 100, src_ref="src9")], 0.0, 0.0, 1.0, 0.0),
    # overlapping in the suspicious text only: not a detection of this case
    ([CASE], [ann(0, 100, 500, 100)], 0.0, 0.0, 1.0, 0.0),
])
def test_measures(cases, detections, rec, prec, gran, plagdet):
    s = evaluate(cases, detections)
    assert (s.recall, s.precision, s.granularity) == pytest.approx((rec, prec, gran))
    assert s.plagdet == pytest.approx(plagdet)


def test_official_script_examples():
    # Values from the unit tests of the official PAN measures script.
    a1 = ann(0, 100, 0, 100)
    a3 = ann(100, 100, 100, 100)
    a4 = ann(0, 200, 0, 200)
    a7 = ann(0, 100, 0, 100, "tref2", "sref2")
    a9 = ann(50, 100, 50, 100, "tref2", "sref2")
    a10 = ann(25, 75, 25, 75, "tref2", "sref2")
    assert macro_recall([a7], [a10]) == pytest.approx(0.75)
    assert macro_recall([a7], [a9, a10]) == pytest.approx(0.75)
    assert macro_precision([a7], [a9, a10]) == pytest.approx(0.75)
    assert macro_precision([a1], [a3, a4]) == pytest.approx(0.25)
    assert granularity([a1, a3], [a4, ann(0, 1, 0, 1)]) == pytest.approx(1.5)
    assert plagdet_score(0.25, 0.75, 2) == pytest.approx(0.23659865)
    assert plagdet_score(0, 0, 1) == 0


def test_duplicate_detections_count_once():
    assert evaluate([CASE], [CASE, CASE]).granularity == 1.0


def test_xml_round_trip(tmp_path):
    passages = [ReusePassage(10, 60, 200, 260, 0.9, ReuseKind.OBFUSCATED)]
    path = write_pan_xml(tmp_path, "suspicious-document00001.txt", "source-document00002.txt",
                         passages)
    assert path.name == "suspicious-document00001-source-document00002.xml"
    got = read_annotations(path, "detected-plagiarism")
    # "this" is the suspicious text (B), "source" the source text (A).
    assert got == [Annotation("suspicious-document00001", 200, 60, "source-document00002", 10, 50)]
    assert got == pan_annotations(passages, "suspicious-document00001.txt",
                                  "source-document00002.txt")


def test_run_pan_writes_one_file_per_pair(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "src").mkdir(parents=True)
    (corpus / "susp").mkdir()
    copied = ("The harbour master counted forty fishing boats returning before the storm. "
              "Each crew unloaded herring and mackerel onto the slippery granite quay. "
              "Buyers from three inland towns argued loudly over the morning prices. ")
    (corpus / "src" / "source-document1.txt").write_text(copied * 2, encoding="utf-8")
    (corpus / "susp" / "suspicious-document1.txt").write_text(
        "An unrelated opening sentence about railway timetables and tickets. " + copied,
        encoding="utf-8")
    (corpus / "pairs").write_text("suspicious-document1.txt source-document1.txt\n",
                                  encoding="utf-8")
    summary = run_pan(corpus, tmp_path / "out")
    assert summary.pairs == 1
    out = tmp_path / "out" / "suspicious-document1-source-document1.xml"
    dets = read_annotations(out, "detected-plagiarism")
    assert len(dets) == summary.detections >= 1
