"""Speed and memory of the dossier report against the issue's bars (issue #12).

Cases (each printed with its figure, the bar, and a ratio to a baseline measured
in the same process):

1. The seed dossier's report (the reference against the 4 others) from cached
   analysis, in process: ``Workspace.report`` (the dossier analysis from the
   cache, every pair compared, the document built) and each writer. Bar 2 s
   for the PDF. Baseline: ``Workspace.dossier_analysis`` alone (what any view
   of the dossier costs).
2. A 50-article dossier, generated from the seeds by simple, labelled
   variation (see ``variants``), its analysis cached first: the same steps.
   Bar 30 s.

Peak memory of each case: the peak of Python allocations (tracemalloc, which
numpy reports to) in a second, untimed run of the same steps, and the process's
peak resident size at the end. The PDF writer (``parallax.desktop.report_pdf``)
is measured when it exists.

Usage: QT_QPA_PLATFORM=offscreen python bench/bench_report.py
"""
from __future__ import annotations

import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

VARIANTS_PER_SEED = 10  # 5 seeds x 10 = 50 articles
SEED_BAR, BIG_BAR = 2.0, 30.0


def variants(text: str, outlet: str, k: int) -> tuple[str, str]:
    """Variant ``k`` of a seed article, labelled as such: its paragraphs with one in
    five dropped and neighbouring ones swapped now and then (a seeded shuffle), so
    that the 50 articles tell one story in 50 different orders and selections."""
    rng = random.Random(f"{outlet}-{k}")
    paras = [p for p in text.split("\n") if p.strip()]
    kept = [p for p in paras if rng.random() >= 0.2] or paras[:1]
    for i in range(len(kept) - 1):
        if rng.random() < 0.25:
            kept[i], kept[i + 1] = kept[i + 1], kept[i]
    return "\n\n".join(kept), f"{outlet} (generated variant {k + 1})"


def _pdf_writer() -> Callable | None:
    try:
        from parallax.desktop.report_pdf import write_pdf
    except ModuleNotFoundError:
        return None
    from PySide6.QtWidgets import QApplication

    global _app
    _app = QApplication.instance() or QApplication(["bench"])
    return write_pdf


_app = None


def _steps(ws, dossier: int, folder: Path, write_pdf: Callable | None, *,
           baseline: bool = True) -> dict[str, float]:
    """Time the baseline (if asked), the report and each writer (seconds)."""
    from parallax.core.report.html import write_html

    out: dict[str, float] = {}
    if baseline:
        t = time.perf_counter()
        ws.dossier_analysis(dossier)
        out["baseline: dossier analysis (cached)"] = time.perf_counter() - t
    t = time.perf_counter()
    report = ws.report(dossier)
    out["report document"] = time.perf_counter() - t
    t = time.perf_counter()
    write_html(report, folder / "report.html")
    out["HTML writer"] = time.perf_counter() - t
    if write_pdf is not None:
        t = time.perf_counter()
        write_pdf(report, folder / "report.pdf")
        out["PDF writer"] = time.perf_counter() - t
    return out


def _peak(run: Callable[[], object]) -> float:
    """Peak of Python allocations while ``run`` runs, in MB."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def _case(name: str, ws, dossier: int, folder: Path, bar: float, write_pdf: Callable | None) -> None:
    ws.dossier_analysis(dossier)  # the analyses into the cache (not timed)
    times = _steps(ws, dossier, folder, write_pdf)
    base = times["baseline: dossier analysis (cached)"]
    print(f"\n{name}: {len(ws.articles(dossier))} articles")
    for step, secs in times.items():
        print(f"  {step:<38} {secs:7.2f} s  ({secs / base:5.2f} x baseline)")
    html_total = times["report document"] + times["HTML writer"]
    print(f"  {'report + HTML':<38} {html_total:7.2f} s  bar {bar:.0f} s  "
          f"{'ok' if html_total <= bar else 'OVER'}")
    if write_pdf is not None:
        pdf_total = times["report document"] + times["PDF writer"]
        print(f"  {'report + PDF':<38} {pdf_total:7.2f} s  bar {bar:.0f} s  "
              f"{'ok' if pdf_total <= bar else 'OVER'}")
    else:
        print("  PDF writer: not in this build (parallax.desktop.report_pdf missing)")
    size = (folder / "report.html").stat().st_size / 1e6
    print(f"  HTML file {size:.1f} MB")
    peak = _peak(lambda: _steps(ws, dossier, folder, write_pdf, baseline=False))
    print(f"  peak Python allocations, report and writers (tracemalloc) {peak:.1f} MB")


def main() -> None:
    from parallax.core.ingest.readers import read_pasted
    from parallax.core.workspace import Workspace

    write_pdf = _pdf_writer()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ws = Workspace.open(folder / "bench.sqlite3")
        try:
            seed = ws.seed_dossier()
            _case("Seed dossier (4 pairs)", ws, seed, folder, SEED_BAR, write_pdf)
            seeds = [ws.article(a.id) for a in ws.articles(seed)]
            generated = []
            for s in seeds:
                for k in range(VARIANTS_PER_SEED):
                    text, outlet = variants(s.text, s.info.outlet or s.info.label, k)
                    generated.append(read_pasted(text, outlet=outlet, title=s.info.title,
                                                 published=s.info.published.isoformat()
                                                 if s.info.published else None))
            big = ws.add_articles(generated, dossier="Generated: 50 variants of the seeds").dossier_id
            _case("Generated dossier (49 pairs)", ws, big, folder, BIG_BAR, write_pdf)
        finally:
            ws.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nprocess peak resident size {rss:.0f} MB (spaCy and the encoder loaded)")


if __name__ == "__main__":
    sys.exit(main())
