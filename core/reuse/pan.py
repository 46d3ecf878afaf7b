"""PAN text-alignment corpora: reading pairs and gold cases, writing detections,
and the PAN performance measures.

Depends on the standard library (``xml.etree``) and
:mod:`parallax.core.reuse.detector`. The measures follow Potthast, Stein,
Barrón-Cedeño and Rosso, "An Evaluation Framework for Plagiarism Detection"
(COLING 2010), as the official PAN script computes them: a case or a detection
is the set of its characters in the suspicious document ("this") plus those in
the source document; a detection detects a case when they overlap on both sides
(same documents); recall and precision are macro-averaged over cases and over
detections; granularity is the mean number of detections per detected case;
plagdet = F1 / log2(1 + granularity). Duplicate annotations count once.
"""
from __future__ import annotations

import math
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

from parallax.core.reuse.detector import ReuseConfig, ReusePassage, find_reuse
from parallax.core.errors import InputError, check_cancel


@dataclass(frozen=True)
class Annotation:
    """A plagiarism case or a detection: ``this_*`` in the suspicious document,
    ``source_*`` in the source document. References are file names without
    ``.txt``, as the official script keeps them."""

    this_ref: str
    this_offset: int
    this_length: int
    source_ref: str
    source_offset: int
    source_length: int

    @property
    def size(self) -> int:
        return self.this_length + self.source_length


@dataclass(frozen=True)
class PanScore:
    recall: float
    precision: float
    granularity: float
    plagdet: float
    cases: int
    detections: int


@dataclass(frozen=True)
class PanPair:
    folder: Path  # the folder holding the ``pairs`` file (and, in a training corpus, gold XML)
    susp: str  # file names, e.g. "suspicious-document00001.txt"
    src: str


@dataclass(frozen=True)
class PanRunSummary:
    pairs: int
    detections: int
    seconds: float
    out_dir: Path


# -- measures ---------------------------------------------------------------------

def _overlaps(x: Annotation, y: Annotation) -> bool:
    return (x.this_ref == y.this_ref and x.source_ref == y.source_ref
            and y.this_offset + y.this_length > x.this_offset
            and y.this_offset < x.this_offset + x.this_length
            and y.source_offset + y.source_length > x.source_offset
            and y.source_offset < x.source_offset + x.source_length)


def _covered(start: int, length: int, others: Iterable[tuple[int, int]]) -> int:
    """Characters of ``[start, start+length)`` covered by the union of ``others``."""
    end = start + length
    spans = sorted((max(s, start), min(s + n, end)) for s, n in others)
    total, reach = 0, start
    for s, e in spans:
        s = max(s, reach)
        if e > s:
            total += e - s
            reach = e
    return total


def _by_doc(annotations: Iterable[Annotation]) -> dict[tuple[str, str], list[Annotation]]:
    index: dict[tuple[str, str], list[Annotation]] = {}
    for a in annotations:
        index.setdefault((a.this_ref, a.source_ref), []).append(a)
    return index


def _macro_recall(cases: Sequence[Annotation], detections: Sequence[Annotation]) -> float:
    cases, detections = set(cases), set(detections)
    if not cases and not detections:
        return 1.0
    if not cases or not detections:
        return 0.0
    det_index = _by_doc(detections)
    total = 0.0
    for case in cases:
        if case.size == 0:
            continue
        same_docs = det_index.get((case.this_ref, case.source_ref), ())
        hits = [d for d in same_docs if _overlaps(case, d)]
        if not hits:
            continue
        got = (_covered(case.this_offset, case.this_length,
                        ((d.this_offset, d.this_length) for d in hits))
               + _covered(case.source_offset, case.source_length,
                          ((d.source_offset, d.source_length) for d in hits)))
        total += got / case.size
    return total / len(cases)


def macro_recall(cases: Sequence[Annotation], detections: Sequence[Annotation]) -> float:
    """Mean over cases of the share of the case's characters that detections cover."""
    return _macro_recall(cases, detections)


def macro_precision(cases: Sequence[Annotation], detections: Sequence[Annotation]) -> float:
    """Mean over detections of the share of the detection's characters inside cases."""
    return _macro_recall(detections, cases)


def granularity(cases: Sequence[Annotation], detections: Sequence[Annotation]) -> float:
    """Mean number of detections per detected case (1 is ideal; 1 if none detected)."""
    cases, detections = set(cases), set(detections)
    if not detections:
        return 1.0
    det_index = _by_doc(detections)
    counts = [sum(_overlaps(c, d) for d in det_index.get((c.this_ref, c.source_ref), ()))
              for c in cases]
    detected = sum(n > 0 for n in counts)
    return sum(counts) / detected if detected else 1.0


def plagdet_score(recall: float, precision: float, gran: float) -> float:
    """F1 of recall and precision divided by log2(1 + granularity)."""
    if (recall == 0 and precision == 0) or recall < 0 or precision < 0 or gran < 1:
        return 0.0
    return (2 * recall * precision / (recall + precision)) / math.log2(1 + gran)


def evaluate(cases: Sequence[Annotation], detections: Sequence[Annotation]) -> PanScore:
    """All four PAN measures of ``detections`` against the gold ``cases``."""
    rec = macro_recall(cases, detections)
    prec = macro_precision(cases, detections)
    gran = granularity(cases, detections)
    return PanScore(rec, prec, gran, plagdet_score(rec, prec, gran),
                    len(set(cases)), len(set(detections)))


# -- corpus files -----------------------------------------------------------------

def _ref(name: str) -> str:
    return name[:-4] if name.endswith(".txt") else name


def read_annotations(xml_path: str | Path, tag: str = "plagiarism") -> list[Annotation]:
    """Cases (``tag="plagiarism"``) or detections (``"detected-plagiarism"``) of one
    PAN XML file; features whose name ends with ``tag`` and carry both offsets."""
    try:
        root = ET.parse(xml_path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise InputError(xml_path, f"cannot read PAN XML ({exc})") from None
    this_ref = root.get("reference")
    if not this_ref:
        return []
    out = []
    for f in root.iter("feature"):
        if not (f.get("name") or "").endswith(tag):
            continue
        if None in (f.get("this_offset"), f.get("this_length"), f.get("source_reference"),
                    f.get("source_offset"), f.get("source_length")):
            continue
        out.append(Annotation(_ref(this_ref), int(f.get("this_offset")), int(f.get("this_length")),
                              _ref(f.get("source_reference")), int(f.get("source_offset")),
                              int(f.get("source_length"))))
    return out


def read_pairs(corpus_dir: str | Path) -> list[PanPair]:
    """Every pair listed in ``corpus_dir/pairs`` and ``corpus_dir/*/pairs``."""
    root = Path(corpus_dir)
    files = sorted([*root.glob("pairs"), *root.glob("*/pairs")])
    if not files:
        raise InputError(root, "no 'pairs' file in this folder or its subfolders")
    out = []
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) == 2:
                out.append(PanPair(f.parent, parts[0], parts[1]))
    return out


def pan_annotations(passages: Iterable[ReusePassage], susp_name: str,
                    src_name: str) -> list[Annotation]:
    """Passages (A = source, B = suspicious) as PAN annotations."""
    return [Annotation(_ref(susp_name), p.b_start, p.b_end - p.b_start,
                       _ref(src_name), p.a_start, p.a_end - p.a_start) for p in passages]


def write_pan_xml(out_dir: str | Path, susp_name: str, src_name: str,
                  passages: Iterable[ReusePassage]) -> Path:
    """Write ``suspicious-documentX-source-documentY.xml`` with one
    ``detected-plagiarism`` feature per passage ("this" = B, "source" = A)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{_ref(susp_name)}-{_ref(src_name)}.xml"
    lines = [f"<document reference={quoteattr(susp_name)}>"]
    for p in passages:
        lines.append(
            f'<feature name="detected-plagiarism" this_offset="{p.b_start}" '
            f'this_length="{p.b_end - p.b_start}" source_reference={quoteattr(src_name)} '
            f'source_offset="{p.a_start}" source_length="{p.a_end - p.a_start}"/>')
    lines.append("</document>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _corpus_file(corpus: Path, sub: str, name: str) -> Path:
    for p in (corpus / sub / name, corpus / name):
        if p.is_file():
            return p
    raise InputError(name, f"not found under {corpus / sub}")


def read_pair_texts(corpus_dir: str | Path, pair: PanPair) -> tuple[str, str]:
    """``(source text, suspicious text)`` of a pair, read as UTF-8."""
    corpus = Path(corpus_dir)
    src = _corpus_file(corpus, "src", pair.src).read_text(encoding="utf-8")
    susp = _corpus_file(corpus, "susp", pair.susp).read_text(encoding="utf-8")
    return src, susp


def run_pan(corpus_dir: str | Path, out_dir: str | Path,
            config: ReuseConfig = ReuseConfig(), *,
            should_cancel: Callable[[], bool] | None = None) -> PanRunSummary:
    """Detect reuse in every pair of a PAN corpus and write one XML file per pair."""
    t0 = time.perf_counter()
    pairs = read_pairs(corpus_dir)
    n_det = 0
    for pair in pairs:
        check_cancel(should_cancel)
        src, susp = read_pair_texts(corpus_dir, pair)
        passages = find_reuse(src, susp, config, should_cancel=should_cancel)
        write_pan_xml(out_dir, pair.susp, pair.src, passages)
        n_det += len(passages)
    return PanRunSummary(len(pairs), n_det, time.perf_counter() - t0, Path(out_dir))
