"""The HTML writer: one self-contained file from the report document.

Depends on the model, the print style and the atomic writer (standard library
otherwise). The file holds its CSS inline and nothing else: no script, no
font, image or style sheet fetched from anywhere (a Content-Security-Policy
says so to the browser as well), so it opens offline years later and an
imported page's ``<script>`` or ``<img src=http…>`` shows as text: every string
of the document is escaped. Prints on A4 (``@media print``: sections on new
pages, table headers repeated, tints kept). Right-to-left paragraphs and cells
get ``dir="rtl"``. The marks' looks come from :mod:`parallax.core.report.style`
(tint and the second cue: dashed underline, strike-through, underline).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape
from pathlib import Path

from parallax.core.errors import Progress, check_cancel
from parallax.core.report import style
from parallax.core.report.atomic import write_text_atomic
from parallax.core.report.model import (
    Block,
    Cell,
    Direction,
    Emphasis,
    Heading,
    KeyValues,
    Paragraph,
    Report,
    Run,
    Section,
    SideBySide,
    Table,
)

_CUE_CSS = {
    style.Cue.DASHED_UNDERLINE: "text-decoration: underline dashed {line} 1.5px; text-underline-offset: 2px;",
    style.Cue.STRIKE: "text-decoration: line-through {line} 1.5px;",
    style.Cue.UNDERLINE: "text-decoration: underline solid {line} 1.5px; text-underline-offset: 2px;",
}


def _css() -> str:
    marks = "\n".join(
        f".m-{kind.value} {{ background: {m.background}; {_CUE_CSS[m.cue].format(line=m.line)} }}\n"
        f".p-{kind.value} {{ color: {m.line}; font-weight: bold; }}"
        for kind, m in style.MARKS.items())
    return f"""
:root {{ color: {style.INK}; background: {style.PAPER}; }}
body {{ font-family: "Noto Sans", "Noto Naskh Arabic", "DejaVu Sans", Arial, sans-serif;
  font-size: 10.5pt; line-height: 1.45; max-width: 60rem; margin: 1.5rem auto; padding: 0 1.5rem; }}
.running {{ color: {style.MUTED}; font-size: 9pt; border-bottom: 1px solid {style.RULE};
  padding-bottom: .3rem; }}
h1 {{ font-size: 20pt; margin: 1.2rem 0 .3rem; }}
h2 {{ font-size: 15pt; margin: 2rem 0 .5rem; border-bottom: 2px solid {style.INK}; padding-bottom: .15rem; }}
h3 {{ font-size: 12pt; margin: 1.4rem 0 .4rem; }}
h4 {{ font-size: 10.5pt; margin: 1rem 0 .3rem; }}
p {{ margin: .35rem 0; }}
.lead {{ font-size: 12pt; color: {style.MUTED}; margin-bottom: 1rem; }}
.note {{ font-size: 9pt; color: {style.MUTED}; }}
.muted {{ font-size: 9pt; color: {style.MUTED}; }}
code {{ font-family: "Noto Sans Mono", "DejaVu Sans Mono", Consolas, monospace; font-size: 8.5pt;
  word-break: break-all; }}
nav ol {{ padding-left: 1.2rem; margin: .3rem 0; }}
nav li {{ margin: .1rem 0; }}
dl.kv {{ display: grid; grid-template-columns: 11rem 1fr; gap: .25rem 1rem; margin: .5rem 0 1rem; }}
dl.kv dt {{ color: {style.MUTED}; }}
dl.kv dd {{ margin: 0; }}
table {{ border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; table-layout: fixed; }}
th, td {{ border: 1px solid {style.RULE}; padding: .3rem .45rem; vertical-align: top; text-align: start;
  overflow-wrap: anywhere; }}
th {{ background: {style.HEADER_FILL}; font-weight: 600; }}
table.pair td.note {{ font-size: 8pt; color: {style.MUTED}; text-align: center; white-space: pre-line;
  overflow-wrap: normal; padding: .3rem .15rem; }}
table.pair td.only {{ background: {style.ONLY_HERE_FILL}; }}
table.pair td.note b {{ color: {style.INK}; }}
.legend {{ border: 1px solid {style.RULE}; padding: .4rem .6rem; margin: .5rem 0; font-size: 9pt;
  display: flex; flex-wrap: wrap; gap: .3rem 1.4rem; }}
.legend span.sample {{ margin-right: .35rem; }}
[dir="rtl"] {{ text-align: right; }}
{marks}
* {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
@media print {{
  @page {{ size: A4; margin: 16mm 14mm; }}
  body {{ max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }}
  nav {{ display: none; }}
  section.newpage {{ break-before: page; }}
  h2, h3, h4 {{ break-after: avoid; }}
  thead {{ display: table-header-group; }}
  tr {{ break-inside: avoid; }}
}}
"""


def render_html(report: Report, *, should_cancel: Callable[[], bool] | None = None,
                progress: Progress | None = None) -> str:
    """The report as one HTML document (a string)."""
    meta = report.meta
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{_a(meta.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        # Nothing may load or run, whatever an article's text holds.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src 'none'; script-src 'none'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_t(meta.title)}</title>",
        f'<meta name="description" content="{_a(meta.subject)}">',
        f'<meta name="author" content="{_a(meta.author)}">',
        f'<meta name="generator" content="{_a(meta.author)}">',
        f'<meta name="keywords" content="{_a(", ".join(meta.keywords))}">',
        f'<meta name="date" content="{_a(meta.created.isoformat(timespec="seconds"))}">',
        f"<style>{_css()}</style>",
        "</head>",
        "<body>",
        f'<header class="running">{_t(meta.header)}</header>',
        f"<h1>{_t(report.title)}</h1>",
        _contents(report),
    ]
    out = head
    total = len(report.sections)
    for k, section in enumerate(report.sections):
        check_cancel(should_cancel)
        if progress:
            progress(k, total, "writing the report")
        out.append(_section(section))
    if progress:
        progress(total, total, "writing the report")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def write_html(report: Report, path: str | Path, *, should_cancel: Callable[[], bool] | None = None,
               progress: Progress | None = None) -> Path:
    """Write the report to ``path`` at once (nothing is left behind if cancelled or failing)."""
    text = render_html(report, should_cancel=should_cancel, progress=progress)
    return write_text_atomic(path, text)


def _t(text: str) -> str:
    """Text content, escaped; line breaks kept."""
    return escape(text, quote=False).replace("\n", "<br>")


def _note(text: str) -> str:
    """A middle-column note, one word a line; the words that ask the reader to look in bold."""
    return "<br>".join(f"<b>{_t(w)}</b>" if w in style.EMPHASISED else _t(w) for w in text.split("\n") if w)


def _a(text: str) -> str:
    """An attribute value, escaped."""
    return escape(text, quote=True)


def _contents(report: Report) -> str:
    items = [h for h in report.headings() if h.outline and h.level == 1]
    links = "".join(f'<li><a href="#{_a(h.anchor)}">{_t(h.text)}</a></li>' for h in items)
    return f'<nav aria-label="Contents"><ol>{links}</ol></nav>'


def _section(section: Section) -> str:
    cls = ' class="newpage"' if section.new_page else ""
    body = "\n".join(_block(b) for b in section.blocks)
    return f"<section{cls}>\n{_heading(section.heading)}\n{body}\n</section>"


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return _heading(block)
    if isinstance(block, Paragraph):
        role = "" if block.role.value == "body" else f' class="{block.role.value}"'
        return f"<p{role}{_dir(block.direction)}>{_runs(block.runs)}</p>"
    if isinstance(block, KeyValues):
        items = "".join(f"<dt>{_t(i.key)}</dt><dd>{_runs(i.value)}</dd>" for i in block.items)
        return f'<dl class="kv">{items}</dl>'
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, SideBySide):
        return _side_by_side(block)
    raise TypeError(f"no HTML for {type(block).__name__}")


def _heading(h: Heading) -> str:
    tag = f"h{h.level + 1}"  # the report's title is the one h1
    return f'<{tag} id="{_a(h.anchor)}">{_t(h.text)}</{tag}>'


def _dir(direction: Direction) -> str:
    return ' dir="rtl"' if direction is Direction.RTL else ""


def _runs(runs: Iterable[Run]) -> str:
    return "".join(_run(r) for r in runs)


def _run(r: Run) -> str:
    text = _t(r.text)
    if r.point and r.mark is not None:
        return f'<span class="p-{r.mark.value}" title="{_a(style.POINT_LABEL)}">{text}</span>'
    if r.emphasis is Emphasis.STRONG:
        text = f"<strong>{text}</strong>"
    elif r.emphasis is Emphasis.MUTED:
        text = f'<span class="muted">{text}</span>'
    elif r.emphasis is Emphasis.MONO:
        text = f"<code>{text}</code>"
    if r.mark is not None:
        text = f'<span class="m-{r.mark.value}">{text}</span>'
    return text


def _cell(tag: str, cell: Cell, cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f"<{tag}{klass}{_dir(cell.direction)}>{_runs(cell.runs)}</{tag}>"


def _table(table: Table) -> str:
    if not table.rows:
        return f'<p class="note">{_t(table.empty)}</p>'
    total = sum(c.weight for c in table.columns)
    cols = "".join(f'<col style="width:{100 * c.weight / total:.1f}%">' for c in table.columns)
    head = "".join(f"<th>{_t(c.label)}</th>" for c in table.columns)
    rows = "\n".join("<tr>" + "".join(_cell("td", c) for c in row) + "</tr>" for row in table.rows)
    return f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody></table>"


def _fill(colour: str | None) -> str:
    return f' style="background: {_a(colour)}; padding: 0 .2rem"' if colour else ""


def _side_by_side(sbs: SideBySide) -> str:
    entries = "".join(
        f'<span><span class="sample"{_fill(e.fill)}>{_run(e.sample)}</span>{_t(e.text)}</span>'
        for e in sbs.legend.entries)
    rows = []
    for row in sbs.rows:
        only = row.left is None or row.right is None
        cells = [
            _cell("td", row.left, "only" if only else "") if row.left else '<td class="empty"></td>',
            f'<td class="note">{_note(style.row_note(row.kind, row.moved, row.differences))}</td>',
            _cell("td", row.right, "only" if only else "") if row.right else '<td class="empty"></td>',
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    body = "\n".join(rows)
    return (f'<div class="legend">{entries}</div>\n'
            '<table class="pair"><colgroup><col style="width:45%"><col style="width:10%">'
            '<col style="width:45%"></colgroup>'
            f"<thead><tr><th>{_t(sbs.left_label)}</th><th></th><th>{_t(sbs.right_label)}</th></tr></thead>\n"
            f"<tbody>\n{body}\n</tbody></table>")
