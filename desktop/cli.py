"""The ``parallax`` command: argument parsing and printing only.

Work is done by ``parallax.core``; Qt is imported only by the commands that
need it (``gui``, ``snapshot``). Exit codes: 0 ok, 1 bad input
(a one-line message on stderr naming the file and the reason), 2 usage,
141 when the reader of stdout went away (``parallax show 1 | head``).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from parallax.core.errors import ParallaxError

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2
# 128 + SIGPIPE: what the shell reports for cat or grep cut off by head, so a
# `set -o pipefail` script sees the same as with them; 1 would claim bad input.
EXIT_BROKEN_PIPE = 141
DEFAULT_DOSSIER = "Unsorted"


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        code = args.func(args)
        sys.stdout.flush()  # here, not at exit, so a closed pipe is caught below
        return code
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except ParallaxError as exc:
        print(f"parallax: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


def _silence_stdout() -> None:
    # The recipe of the Python docs (signal module, "Note on SIGPIPE"): the
    # interpreter flushes stdout again at exit, which would raise once more.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def gui_main() -> int:
    """Entry point of ``parallax-gui``."""
    return main(["gui", *sys.argv[1:]])


def _build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="parallax", description="Compare how different outlets told the same story."
    )
    p.add_argument("--db", metavar="PATH", help="database file (default: $PARALLAX_DB or the user data folder)")
    sub = p.add_subparsers(title="commands", metavar="COMMAND")

    c = sub.add_parser("gui", help="open the desktop app")
    c.set_defaults(func=_cmd_gui)

    c = sub.add_parser("import", help="import article files or folders ('-' reads pasted text from stdin)")
    c.add_argument("paths", nargs="+", metavar="PATH")
    c.add_argument("--dossier", default=DEFAULT_DOSSIER, help=f"dossier name (default: {DEFAULT_DOSSIER})")
    c.add_argument("--title", help="title for pasted text")
    c.add_argument("--outlet", help="outlet for pasted text")
    c.set_defaults(func=_cmd_import)

    c = sub.add_parser("dossiers", help="list dossiers")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=_cmd_dossiers)

    c = sub.add_parser("articles", help="list articles")
    c.add_argument("--dossier", help="only this dossier")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=_cmd_articles)

    c = sub.add_parser("show", help="print one article")
    c.add_argument("article_id", type=int)
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=_cmd_show)

    c = sub.add_parser("edit", help="correct an article's details (an empty value clears a field)")
    c.add_argument("article_id", type=int)
    c.add_argument("--title")
    c.add_argument("--outlet")
    c.add_argument("--author")
    c.add_argument("--date", dest="published", metavar="YYYY-MM-DD", help="publication date")
    c.add_argument("--url", help="http:// or https:// address")
    c.set_defaults(func=_cmd_edit)

    c = sub.add_parser("export-dossier", help="write a dossier to one portable file")
    c.add_argument("dossier", help="dossier name")
    c.add_argument("-o", "--output", required=True, type=Path, help="file to write (.parallax)")
    c.set_defaults(func=_cmd_export)

    c = sub.add_parser("import-dossier", help="add a dossier from a portable file")
    c.add_argument("file", type=Path)
    c.add_argument("--as", dest="name", help="store it under this dossier name")
    c.add_argument("--merge", action="store_true", help="add its articles to the dossier of the same name")
    c.set_defaults(func=_cmd_import_dossier)

    c = sub.add_parser("compare", help="align two articles (files or stored article ids)")
    c.add_argument("a", metavar="A")
    c.add_argument("b", metavar="B")
    c.add_argument("--json", action="store_true", help="print the full result as JSON")
    c.set_defaults(func=_cmd_compare)

    c = sub.add_parser("dossier-analysis", help="story elements and reuse direction of a dossier")
    c.add_argument("dossier", help="dossier name")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=_cmd_dossier_analysis)

    c = sub.add_parser("report", help="write a dossier's report: a PDF or one self-contained HTML file")
    c.add_argument("dossier", help="dossier name")
    c.add_argument("-o", "--output", required=True, type=Path, metavar="FILE",
                   help="FILE.pdf or FILE.html (the format follows the extension)")
    c.add_argument("--pair", nargs=2, action="append", metavar=("A", "B"),
                   help="stored article ids, A on the left (repeatable; default: the reference "
                        "article against every other)")
    c.add_argument("--blind", action="store_true", help="show outlets as letters A, B, C...")
    c.set_defaults(func=_cmd_report)

    c = sub.add_parser(
        "pairs", help="judge sentence pairs (one 'sentence<TAB>sentence' per line)",
        description="Judge whether each pair of sentences states the same thing. Prints one JSON "
                    "line per pair: P(same), the answer (same / related / different), the "
                    "probability of each, the conflicts found (a number, a date, a negation, "
                    "opposite words, who did what to whom, two parts trading places, a different actor, "
                    "will / may / did), and the grounds when a rule rather than the model called the "
                    "pair the same (the same words; the same items of a list in another order).")
    c.add_argument("file", type=Path, help="UTF-8 text file, one 'sentence<TAB>sentence' per line")
    c.set_defaults(func=_cmd_pairs)

    c = sub.add_parser("snapshot", help="render a view offscreen to a PNG (the comparison view with --compare)")
    c.add_argument("--compare", nargs=2, metavar=("A", "B"),
                   help="two stored article ids or article files: A on the left, B on the right")
    c.add_argument("-o", "--output", required=True, type=Path, help="PNG file to write")
    c.add_argument("--width", type=int, default=1280, help="width in pixels (default 1280)")
    c.add_argument("--height", type=int, default=800, help="height in pixels (default 800)")
    c.add_argument("--dark", action="store_true", help="use a dark palette (comparison view)")
    c.set_defaults(func=_cmd_snapshot)

    c = sub.add_parser("reuse", help="text-reuse passages in PAN text-alignment format")
    c.add_argument("--pan", required=True, type=Path, metavar="CORPUS_DIR")
    c.add_argument("--out", required=True, type=Path, metavar="OUT_DIR")
    c.set_defaults(func=_cmd_reuse)
    return p


def _open(args: argparse.Namespace):  # noqa: ANN202 - Workspace (imported on use: startup time)
    from parallax.core.workspace import Workspace

    return Workspace.open(args.db)


def _require_dossier(ws, name: str):  # noqa: ANN001 - Workspace
    """The dossier called ``name``; a one-line input error if there is none."""
    from parallax.core.errors import InputError

    d = ws.find_dossier(name)
    if d is None:
        raise InputError(name, "no dossier with this name")
    return d


def _cmd_gui(args: argparse.Namespace) -> int:
    from parallax.desktop.app import run_gui

    return run_gui(args.db)


def _cmd_import(args: argparse.Namespace) -> int:
    from parallax.core.ingest.readers import read_pasted
    from parallax.core.store.library import ImportReport

    ws = _open(args)
    try:
        paths = [Path(p) for p in args.paths if p != "-"]
        report = ws.import_paths(paths, dossier=args.dossier) if paths else ImportReport()
        if "-" in args.paths:
            pasted = ws.add_articles([read_pasted(sys.stdin.read(), title=args.title, outlet=args.outlet)],
                                     dossier=args.dossier)
            report = ImportReport(
                pasted.dossier_id, report.added + pasted.added,
                report.duplicates + pasted.duplicates, report.errors,
            )
    finally:
        ws.close()
    for article_id in report.added:
        print(f"added article {article_id}")
    for name in report.duplicates:
        print(f"{name}: already in dossier '{args.dossier}', not added again")
    for err in report.errors:
        print(f"parallax: {err}", file=sys.stderr)
    print(f"{len(report.added)} added, {len(report.duplicates)} duplicate, "
          f"{len(report.errors)} failed (dossier '{args.dossier}')")
    return EXIT_BAD_INPUT if report.errors else EXIT_OK


def _cmd_dossiers(args: argparse.Namespace) -> int:
    ws = _open(args)
    try:
        rows = ws.dossiers()
    finally:
        ws.close()
    if args.json:
        print(json.dumps([{"id": d.id, "name": d.name, "articles": d.article_count} for d in rows],
                         ensure_ascii=False))
    else:
        for d in rows:
            print(f"{d.id:>4}  {d.article_count:>3} articles  {d.name}")
    return EXIT_OK


def _cmd_articles(args: argparse.Namespace) -> int:
    from parallax.core.errors import InputError

    ws = _open(args)
    try:
        dossiers = ws.dossiers()
        if args.dossier is not None:
            dossiers = [d for d in dossiers if d.name == args.dossier]
            if not dossiers:
                raise InputError(args.dossier, "no dossier with this name")
        rows = [(d, a) for d in dossiers for a in ws.articles(d.id)]
    finally:
        ws.close()
    if args.json:
        print(json.dumps([_article_json(a) | {"dossier": d.name} for d, a in rows], ensure_ascii=False))
    else:
        for d, a in rows:
            date = a.published.isoformat() if a.published else "—"
            print(f"{a.id:>4}  {date:<10}  {a.word_count:>6} words  {(a.outlet or '—'):<22}  "
                  f"{a.display_title}  [{d.name}]")
    return EXIT_OK


def _cmd_show(args: argparse.Namespace) -> int:
    ws = _open(args)
    try:
        art = ws.article(args.article_id)
    finally:
        ws.close()
    if args.json:
        print(json.dumps(_article_json(art.info) | {"text": art.text}, ensure_ascii=False))
        return EXIT_OK
    info = art.info
    print(info.display_title)
    meta = [x for x in (info.outlet, info.author, info.published and info.published.isoformat()) if x]
    if meta:
        print(" · ".join(meta))
    print()
    print(art.text)
    return EXIT_OK


def _cmd_edit(args: argparse.Namespace) -> int:
    from parallax.core.store import library

    changes = {k: getattr(args, k) for k in library.DETAIL_FIELDS if getattr(args, k) is not None}
    if not changes:
        print("parallax edit: nothing to change (give --title, --outlet, --author, --date or --url)",
              file=sys.stderr)
        return EXIT_USAGE
    ws = _open(args)
    try:
        info = ws.edit_details(args.article_id, **changes)
    finally:
        ws.close()
    date = info.published.isoformat() if info.published else "—"
    print(f"article {info.id}: {info.outlet or '—'} · {info.display_title} · {date}"
          + (f" · {info.url}" if info.url else ""))
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    ws = _open(args)
    try:
        d = _require_dossier(ws, args.dossier)
        out = ws.export_dossier(d.id, args.output)
    finally:
        ws.close()
    print(f"wrote {out} ({d.article_count} articles)")
    return EXIT_OK


def _cmd_import_dossier(args: argparse.Namespace) -> int:
    from parallax.core.store import portable

    from parallax.core.errors import InputError

    ws = _open(args)
    try:
        report = ws.import_dossier(args.file, name=args.name, merge=args.merge)
    except portable.DossierNameTaken as exc:
        raise InputError(args.file, f"a dossier named '{exc.dossier}' already exists; add --merge "
                                    "to merge into it, or --as NAME to import it as a new dossier") from exc
    finally:
        ws.close()
    print(f"{len(report.added)} added, {len(report.duplicates)} already there")
    return EXIT_OK


def _resolve_compare_arg(ws, arg: str) -> tuple[int | None, str, str | None]:  # noqa: ANN001 - Workspace
    """(stored id or None, text, language) of a file path or a stored article id."""
    from parallax.core.errors import InputError
    from parallax.core.ingest.readers import read_file

    path = Path(arg)
    if path.exists():
        art = read_file(path)
        return None, art.text, art.language
    if arg.isdigit():
        stored = ws.article(int(arg))
        return stored.info.id, stored.text, stored.info.language
    raise InputError(arg, "no such file, and not a stored article id")


def _cmd_compare(args: argparse.Namespace) -> int:
    ws = _open(args)
    try:
        a_id, a_text, a_lang = _resolve_compare_arg(ws, args.a)
        b_id, b_text, b_lang = _resolve_compare_arg(ws, args.b)
        # Two stored articles: their cached analyses, as the app shows them; a file
        # (on either side) is analysed without the store.
        if a_id is not None and b_id is not None:
            result = ws.compare(a_id, b_id).comparison
        else:
            result = ws.compare_texts(a_text, b_text, languages=(a_lang, b_lang)).comparison
    finally:
        ws.close()
    if args.json:
        print(json.dumps(result.to_dict(a_text, b_text), ensure_ascii=False))
        return EXIT_OK
    al = result.alignment
    print(f"{len(al.pairs)} aligned groups, {len(al.unaligned_a)} sentences only in A, "
          f"{len(al.unaligned_b)} only in B" + ("" if al.semantic else _lexical_reason(a_lang, b_lang)))
    for p in al.pairs:
        moved = " moved" if p.moved else ""
        judged = "" if p.judged is None else (
            f", judge: {p.judge_verdict} ({'; '.join(p.grounds)})" if p.grounds
            else f", judge: {p.judge_verdict} (P(same) {p.judged:.2f})")
        differs = f"\n  states differently: {'; '.join(p.differences)}" if p.differences else ""
        print(f"\n[{p.kind.value} {p.score:.2f}{judged}{moved}]\n  A: {_one_line(a_text[p.a_start:p.a_end])}"
              f"\n  B: {_one_line(b_text[p.b_start:p.b_end])}{differs}")
    for r in al.related:
        why = f": {'; '.join(r.conflicts)}" if r.conflicts else ""
        print(f"\n[related, not aligned {r.probability:.2f}{why}]\n  A: {_one_line(a_text[r.a_start:r.a_end])}"
              f"\n  B: {_one_line(b_text[r.b_start:r.b_end])}")
    if result.substitutions:
        print("\nSubstitutions (A -> B):")
        for sub in result.substitutions[:20]:
            print(f"  {sub.a} -> {sub.b}" + (f" (x{sub.count})" if sub.count > 1 else ""))
    return EXIT_OK


def _lexical_reason(a_lang: str | None, b_lang: str | None) -> str:
    from parallax.core.ingest.language import english_models_apply, language_name

    others = [language_name(x) for x in dict.fromkeys((a_lang, b_lang)) if not english_models_apply(x)]
    if others:
        return f" (lexical only: {' and '.join(others)} text)"
    return " (lexical only: no embedding model)"


def _one_line(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _cmd_dossier_analysis(args: argparse.Namespace) -> int:
    ws = _open(args)
    try:
        d = _require_dossier(ws, args.dossier)
        doc = ws.dossier_analysis(d.id).to_dict()
    finally:
        ws.close()
    if args.json:
        print(json.dumps(doc, ensure_ascii=False))
        return EXIT_OK
    names = {a["id"]: a["outlet"] or a["title"] or str(a["id"]) for a in doc["articles"]}
    print(f"{len(doc['story_elements'])} story elements told by two or more articles")
    for e in doc["story_elements"][:15]:
        print(f"\n- told by {e['articles']}:")
        for m in e["members"]:
            where = "lead" if m["lead"] else f"paragraph {m['paragraph'] + 1}"
            print(f"    {names[m['article']]} ({where}): {_one_line(m['text'], 120)}")
    print("\nReuse (text one article took from another, with the passages that show it):")
    if not doc["reuse"]:
        print("  none found: no two articles share passages of wording")
    for r in doc["reuse"]:
        n = len(r["passages"])
        src, dst = names[r["source"]], names[r["target"]]
        evidence = (f"{n} passage{'s' if n != 1 else ''}: {r['verbatim_share']:.0%} verbatim, "
                    f"{r['reworded_share']:.0%} edited or reworded")
        if r["basis"] == "unknown":
            # No dates and no clear containment: say what is shared, not who took it.
            print(f"  {dst} and {src} share text, {r['share']:.0%} of {dst}'s ({evidence}); "
                  "who took it from whom is unknown (no publication dates)")
        else:
            how = ("from the publication dates" if r["basis"] == "dates"
                   else "most of its text is in the shared passages")
            print(f"  {dst} takes {r['share']:.0%} of its text from {src} ({evidence}; direction: {how})")
        first = r["passages"][0]
        print(f"    first passage, in {dst}: {_one_line(first['text'], 110)}")
        print(f"                 and in {src}: {_one_line(first['source_text'], 110)}")
    if doc["quotes"]:
        print("\nShared quotations (the same statement quoted by both; not counted as reuse):")
    for q in doc["quotes"]:
        print(f"  {names[q['a']]} and {names[q['b']]} both quote: “{_one_line(q['text'], 110)}”")
    return EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    from parallax.core.report.atomic import check_output

    out = check_output(args.output, (".pdf", ".html"))
    pairs = [(_article_id(a), _article_id(b)) for a, b in args.pair] if args.pair else None
    write = _report_writer(out)
    ws = _open(args)
    try:
        d = _require_dossier(ws, args.dossier)
        report = ws.report(d.id, pairs=pairs, blind=args.blind)
    finally:
        ws.close()
    write(report, out)
    print(f"wrote {out}")
    return EXIT_OK


def _report_writer(out: Path):  # noqa: ANN202 - write_pdf or write_html
    """The writer for ``out``'s format, imported before any work is done."""
    if out.suffix.lower() == ".html":
        from parallax.core.report.html import write_html

        return write_html
    from parallax.core.errors import InputError

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a file, no window
    try:
        from parallax.desktop.report_pdf import write_pdf
    except ModuleNotFoundError as exc:
        if exc.name != "parallax.desktop.report_pdf":
            raise
        raise InputError(out, "PDF reports are not available in this build (write .html)") from exc
    return write_pdf


def _article_id(arg: str) -> int:
    from parallax.core.errors import InputError

    if not arg.isdigit():
        raise InputError(arg, "not a stored article id (a number)")
    return int(arg)


def _cmd_pairs(args: argparse.Namespace) -> int:
    from parallax.core.errors import InputError
    from parallax.core.workspace import Workspace

    try:
        lines = args.file.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError as exc:
        raise InputError(args.file, "file not found") from exc
    except UnicodeDecodeError as exc:
        raise InputError(args.file, "not UTF-8 text") from exc
    pairs = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != 2:
            raise InputError(args.file, f"line {n}: expected 'sentence<TAB>sentence'")
        pairs.append((cols[0], cols[1]))
    for j in Workspace.judge_pairs(pairs):
        print(json.dumps({"score": round(j.score, 4), "same": j.same, "answer": j.verdict.value,
                          "probabilities": {k.value: round(v, 4) for k, v in j.probabilities.items()},
                          # why it cannot be the same statement, when a check found it
                          "conflicts": list(j.conflicts),
                          # why it is, when a rule decided it rather than the model
                          "grounds": list(j.grounds)}))
    return EXIT_OK


def _cmd_snapshot(args: argparse.Namespace) -> int:
    import os
    import tempfile

    from parallax.core.errors import InputError

    if not 100 <= args.width <= 10_000 or not 100 <= args.height <= 10_000:
        raise InputError(args.output, "width and height must be between 100 and 10000 pixels")
    # Offscreen unless told otherwise: a snapshot needs no display and shows no window.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from parallax.desktop.render import snapshot

    which = [_snapshot_arg(x) for x in args.compare] if args.compare else []
    app = QApplication.instance() or QApplication(["parallax"])  # noqa: F841 - outlives the window
    with tempfile.TemporaryDirectory() as tmp:
        # The picture must not depend on this user's window state or toggles.
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        needs_store = not which or any(isinstance(x, int) for x in which)
        ws = _open(args) if needs_store else None
        try:
            if which:
                out = snapshot.snapshot_compare(ws, which[0], which[1], args.output,
                                                width=args.width, height=args.height, dark=args.dark)
            else:
                out = snapshot.snapshot_main_window(ws.store, args.output, args.width, args.height)
        finally:
            if ws is not None:
                ws.close()
    print(f"wrote {out}")
    return EXIT_OK


def _snapshot_arg(arg: str) -> int | Path:
    """A stored article id, or an existing article file."""
    from parallax.core.errors import InputError

    path = Path(arg)
    if path.exists():
        return path
    if arg.isdigit():
        return int(arg)
    raise InputError(arg, "no such file, and not a stored article id")


def _cmd_reuse(args: argparse.Namespace) -> int:
    from parallax.core.errors import InputError
    from parallax.core.workspace import Workspace

    if not args.pan.is_dir():
        raise InputError(args.pan, "not a folder")
    summary = Workspace.reuse_pan(args.pan, args.out)
    print(summary)
    return EXIT_OK


def _article_json(a) -> dict:
    return {
        "id": a.id, "title": a.title, "outlet": a.outlet, "author": a.author, "url": a.url,
        "published": a.published.isoformat() if a.published else None, "language": a.language,
        "source_name": a.source_name, "words": a.word_count, "text_sha256": a.text_sha256,
    }


if __name__ == "__main__":
    sys.exit(main())
