"""Build the report document (:mod:`parallax.core.report.model`) from a dossier's analysis.

Pure: core results in (the :class:`~parallax.core.engine.DossierResult` of the
dossier, the pairs to show, blind or not, the time and version to print), a
:class:`~parallax.core.report.model.Report` out; nothing is read from the store
or the clock here. Depends on the model, the print style, the alignment's
kinds and the settings core defines (``AlignConfig``, ``ReuseConfig``, the
analyser's model constants), which the title page prints as they are, so that
anyone can rerun the analysis.

The report is a list of section functions (``SECTIONS``); the dossier summary
is a list of part functions (``SUMMARY_PARTS``), so a new dossier-wide result
is one function added there. Blind mode: every name this module writes (the
title, headers, labels, metadata, article titles and authors in the sources
table) shows outlets as letters A, B, C...; URLs and file names are withheld;
the dossier is called "Dossier". Mentions inside the article texts are left as
they are (a later issue).
"""
from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from parallax.core.align.compare import PairComparison
from parallax.core.align.sentences import AlignConfig, AlignedPair, PairKind
from parallax.core.align.words import DiffKind, DiffSpan, Side
from parallax.core.report import style
from parallax.core.report.model import (
    Block,
    Cell,
    Column,
    Direction,
    Emphasis,
    Heading,
    KeyValue,
    KeyValues,
    Legend,
    LegendEntry,
    PairRow,
    Paragraph,
    Report,
    ReportMeta,
    Role,
    Run,
    Section,
    SideBySide,
    Table,
    plain,
)
from parallax.core.store.library import ArticleInfo, ArticleText

if TYPE_CHECKING:
    from parallax.core.engine import DossierResult

BLIND_DOSSIER = "Dossier"
WITHHELD = "withheld (blind report)"


@dataclass(frozen=True)
class ReportRequest:
    """What to report on: the dossier's analysis and how to show it."""

    dossier_name: str
    result: DossierResult
    pairs: tuple[tuple[int, int], ...]  # (left article id, right article id)
    blind: bool
    created: datetime  # timezone-aware: when the report is made
    version: str  # Parallax's


class Names:
    """How the report names each article: its outlet, or a letter in blind mode.

    ``redact`` replaces outlet names inside the report's own strings (titles,
    authors) by the letters in blind mode.
    """

    def __init__(self, infos: Sequence[ArticleInfo], blind: bool) -> None:
        self.blind = blind
        self._label: dict[int, str] = {}
        if blind:
            for k, info in enumerate(infos):
                self._label[info.id] = letter(k)
            outlets = {info.outlet.strip(): self._label[info.id]
                       for info in infos if info.outlet and info.outlet.strip()}
            self._outlets = sorted(outlets.items(), key=lambda kv: -len(kv[0]))
            self._pattern = (re.compile("|".join(rf"(?<!\w){re.escape(o)}(?!\w)" for o, _ in self._outlets),
                                        re.IGNORECASE) if self._outlets else None)
        else:
            seen: dict[str, int] = {}
            for info in infos:
                base = info.label.strip() or f"article {info.id}"
                seen[base] = seen.get(base, 0) + 1
                self._label[info.id] = base if seen[base] == 1 else f"{base} ({seen[base]})"
            self._pattern = None

    def __getitem__(self, article_id: int) -> str:
        return self._label[article_id]

    def redact(self, text: str) -> str:
        if self._pattern is None:
            return text
        by_key = {o.casefold(): label for o, label in self._outlets}
        return self._pattern.sub(lambda m: by_key[m.group(0).casefold()], text)

    def dossier(self, name: str) -> str:
        return BLIND_DOSSIER if self.blind else name


def letter(k: int) -> str:
    """A, B, ... Z, AA, AB, ... for k = 0, 1, ..."""
    out = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        out = chr(ord("A") + r) + out
    return out


def direction_of(text: str) -> Direction:
    """The base direction of ``text``: that of its first strong character (HTML's dir=auto)."""
    for ch in text:
        bidi = unicodedata.bidirectional(ch)
        if bidi == "L":
            return Direction.LTR
        if bidi in ("R", "AL"):
            return Direction.RTL
    return Direction.LTR


def build_report(req: ReportRequest) -> Report:
    """The whole report: the sections of ``SECTIONS`` in order, then one per pair."""
    articles = {a.info.id: a for a in req.result.articles}
    names = Names([a.info for a in req.result.articles], req.blind)
    ctx = _Context(req, articles, names)
    sections = [s for make in SECTIONS if (s := make(ctx)) is not None]
    sections += [_pair_section(ctx, k, a, b) for k, (a, b) in enumerate(req.pairs, 1)]
    dossier = names.dossier(req.dossier_name)
    title = f"Comparison report: {dossier}"
    labels = [names[i] for i in articles]
    meta = ReportMeta(
        title=title,
        subject=f"How {len(labels)} articles told the same story: {', '.join(labels)}",
        author=f"Parallax {req.version}",
        keywords=("Parallax", "comparison", *(labels if not req.blind else ())),
        created=req.created,
        header=dossier,
        blind=req.blind,
    )
    return Report(title, meta, tuple(sections))


@dataclass(frozen=True)
class _Context:
    req: ReportRequest
    articles: dict[int, ArticleText]
    names: Names

    def text(self, article_id: int) -> str:
        return self.articles[article_id].text


# -- title page and sources --------------------------------------------------------

def _title_section(ctx: _Context) -> Section:
    req, names = ctx.req, ctx.names
    from parallax.core.nlp.version import ANALYSER_VERSION, ENCODER_MODEL_ID, SPACY_MODEL, SPACY_MODEL_VERSION
    from parallax.core.reuse.detector import ReuseConfig
    from parallax.core.reuse.evidence import MIN_RUN_WORDS
    from parallax.core.cached_judge import current_judge
    from parallax.core.pairs.judge import JUDGE_VERSION

    pairs = ", ".join(f"{names[a]} / {names[b]}" for a, b in req.pairs) or "none"
    items = [
        ("Dossier", names.dossier(req.dossier_name)),
        ("Report made", f"{req.created:%Y-%m-%d %H:%M:%S} (UTC{req.created.isoformat()[-6:]})"),
        ("Parallax version", req.version),
        ("Articles", f"{len(ctx.articles)}: " + ", ".join(names[i] for i in ctx.articles)),
        ("Pairs shown", pairs),
        ("Analyser version", ANALYSER_VERSION),
        ("Language model", f"spaCy {SPACY_MODEL} {SPACY_MODEL_VERSION}"),
        ("Sentence encoder", ENCODER_MODEL_ID),
        ("Sentence alignment", _settings(AlignConfig())),
        ("Sentence-pair judge", f"cross-encoder on {ENCODER_MODEL_ID} with Parallax's adapter; "
                                f"judge version {JUDGE_VERSION}, model files fingerprint {current_judge()[:16]}"),
        ("Reuse detection", _settings(ReuseConfig()) + f"; shared word run for a claim: {MIN_RUN_WORDS} words"),
    ]
    if req.blind:
        items.append(("Blind mode", "outlets are shown as letters; URLs and file names are withheld"))
    blocks: list[Block] = [
        Paragraph(plain(f"{_count(len(ctx.articles), 'article')}, {_count(len(req.pairs), 'pair')} side by side"), role=Role.LEAD),
        KeyValues(tuple(KeyValue(k, plain(v)) for k, v in items)),
        Paragraph(plain("Contents: the sources and their fingerprints (SHA-256), what the dossier's "
                        "articles share, then each pair side by side with the words that differ "
                        "marked, and the pair's substitutions."), role=Role.NOTE),
    ]
    return Section(Heading(1, "Report and settings", "settings"), tuple(blocks), new_page=False)


def _settings(config: object) -> str:
    """``name value`` for every field of a settings dataclass, nested ones flattened."""
    parts = []
    for f in dataclasses.fields(config):
        value = getattr(config, f.name)
        if dataclasses.is_dataclass(value):
            parts.append(_settings(value))
        elif isinstance(value, bool):
            parts.append(f"{f.name.replace('_', ' ')} {'yes' if value else 'no'}")
        else:
            parts.append(f"{f.name.replace('_', ' ')} {value}")
    return ", ".join(parts)


def _sources_section(ctx: _Context) -> Section:
    names, blind = ctx.names, ctx.req.blind
    overview, provenance = [], []
    for a in ctx.articles.values():
        info = a.info
        label = Cell(plain(names[info.id], Emphasis.STRONG))
        title = names.redact(info.display_title)
        overview.append((
            label,
            Cell(plain(title), direction_of(title)),
            Cell(plain(names.redact(info.author or "—"))),
            Cell(plain(info.published.isoformat() if info.published else "not stated")),
            Cell(plain(info.imported_at.strftime("%Y-%m-%d %H:%M"))),
        ))
        lines = [("URL", WITHHELD if blind else (info.url or "none")),
                 ("Original file", WITHHELD if blind else info.source_name)]
        runs: list[Run] = []
        for key, value in lines:
            runs += [Run(f"{key}: ", emphasis=Emphasis.MUTED), Run(value + "\n")]
        runs += [Run("SHA-256 of the imported bytes:\n", emphasis=Emphasis.MUTED),
                 Run(info.raw_sha256 + "\n", emphasis=Emphasis.MONO),
                 Run("SHA-256 of the analysed text:\n", emphasis=Emphasis.MUTED),
                 Run(info.text_sha256, emphasis=Emphasis.MONO)]
        provenance.append((label, Cell(tuple(runs))))
    blocks: tuple[Block, ...] = (
        Table((Column("Outlet", 1.0), Column("Title", 3.0), Column("Author", 1.4),
               Column("Published", 1.0), Column("Imported (local time)", 1.1)), tuple(overview)),
        Heading(2, "Where the texts come from", "provenance"),
        Paragraph(plain("The SHA-256 of a file identifies its exact bytes: anyone holding the "
                        "same file gets the same fingerprint. The analysed text is the article "
                        "as Parallax read it from the file."), role=Role.NOTE),
        Table((Column("Outlet", 1.0), Column("Origin and fingerprints", 4.0)), tuple(provenance)),
    )
    return Section(Heading(1, "Sources", "sources"), blocks)


# -- dossier summary ---------------------------------------------------------------

def _summary_section(ctx: _Context) -> Section:
    blocks: list[Block] = []
    for part in SUMMARY_PARTS:
        blocks.extend(part(ctx))
    return Section(Heading(1, "What the articles share", "summary"), tuple(blocks))


def _story_elements(ctx: _Context) -> tuple[Block, ...]:
    names, n = ctx.names, len(ctx.articles)
    rows = []
    for k, element in enumerate(ctx.req.result.analysis.elements, 1):
        told = Cell(plain(", ".join(names[i] for i in element.article_ids)))
        first = element.members[0]
        text = _tidy(ctx.text(first.article_id)[first.start:first.end]).strip()
        statement = Cell((Run(f"{names[first.article_id]}: ", emphasis=Emphasis.MUTED), Run(text)),
                         direction_of(text))
        rows.append((Cell(plain(str(k))), Cell(plain(f"{len(element.members)} of {n}")), told, statement))
    return (
        Heading(2, "Story elements told by two or more outlets", "elements"),
        Paragraph(plain("A story element is one statement that several articles tell: sentences "
                        "aligned with each other across the pairs. Most widely told first; the "
                        "statement is shown as the first outlet of the list tells it."), role=Role.NOTE),
        Table((Column("#", 0.35), Column("Outlets", 0.7), Column("Told by", 1.6), Column("Statement", 5.0)),
              tuple(rows), empty="No statement is told by two or more articles."),
    )


def _reuse(ctx: _Context) -> tuple[Block, ...]:
    names = ctx.names
    blocks: list[Block] = [
        Heading(2, "Reuse: text one article takes from another", "reuse"),
        Paragraph(plain("A claim rests on passages that share wording outside quotation marks, "
                        "never on sentences that merely say the same thing. Direction from the "
                        "publication dates, else from which text is mostly made of the shared "
                        "passages, else unknown."), role=Role.NOTE),
    ]
    shared = ctx.req.result.analysis.shared
    if not shared:
        blocks.append(Paragraph(plain("None found: no two articles share passages of wording.")))
    for k, r in enumerate(shared, 1):
        src, dst = names[r.source], names[r.target]
        evidence = (f"{_count(len(r.passages), 'passage')}: "
                    f"{r.verbatim_share:.0%} verbatim, {r.reworded_share:.0%} edited or reworded")
        if r.basis.value == "unknown":
            claim = (f"{dst} and {src} share text, {r.share:.0%} of {dst}'s ({evidence}); who took "
                     "it from whom is unknown.")
        else:
            how = ("from the publication dates" if r.basis.value == "dates"
                   else "most of its text is in the shared passages")
            claim = f"{dst} takes {r.share:.0%} of its text from {src} ({evidence}; direction: {how})."
        blocks.append(Heading(3, f"{dst} from {src}", f"reuse-{k}", outline=False))
        blocks.append(Paragraph(plain(claim)))
        rows = []
        for p in r.passages:
            t = _tidy(ctx.text(r.target)[p.target_start:p.target_end]).strip()
            s = _tidy(ctx.text(r.source)[p.source_start:p.source_end]).strip()
            rows.append((Cell(plain(t), direction_of(t)), Cell(plain(s), direction_of(s)),
                         Cell(plain(p.kind.value))))
        blocks.append(Table((Column(f"In {dst}", 3.0), Column(f"In {src}", 3.0), Column("Kind", 0.8)),
                            tuple(rows)))
    return tuple(blocks)


def _quotes(ctx: _Context) -> tuple[Block, ...]:
    names, rows = ctx.names, []
    for q in ctx.req.result.analysis.quotes:
        text = _tidy(ctx.text(q.a)[q.a_start:q.a_end]).strip()
        rows.append((Cell(plain(f"{names[q.a]} and {names[q.b]}")), Cell(plain(text), direction_of(text))))
    return (
        Heading(2, "Statements both outlets quote", "quotes"),
        Paragraph(plain("The same statement inside quotation marks in two articles: shared "
                        "sources, not counted as reuse."), role=Role.NOTE),
        Table((Column("Quoted by", 1.2), Column("Statement", 5.0)), tuple(rows),
              empty="No statement is quoted by two articles."),
    )


# -- pairs -------------------------------------------------------------------------

def comparison_of(result: DossierResult, a_id: int, b_id: int) -> PairComparison:
    """The comparison with ``a_id`` on the left (the dossier keeps each pair once)."""
    if (a_id, b_id) in result.comparisons:
        return result.comparisons[(a_id, b_id)]
    return result.comparisons[(b_id, a_id)].mirrored()


def _pair_section(ctx: _Context, k: int, a_id: int, b_id: int) -> Section:
    names = ctx.names
    left, right = names[a_id], names[b_id]
    cmp = comparison_of(ctx.req.result, a_id, b_id)
    a_text, b_text = ctx.text(a_id), ctx.text(b_id)
    analyses = ctx.req.result.analyses
    rows = side_by_side_rows(cmp, a_text, [(s.start, s.end) for s in analyses[a_id].sentences],
                             b_text, [(s.start, s.end) for s in analyses[b_id].sentences])
    counts = {kind: sum(1 for p in cmp.pairs if p.kind is kind) for kind in PairKind}
    moved = sum(1 for p in cmp.pairs if p.moved)
    summary = (f"{_count(len(cmp.pairs), 'aligned row')} ({counts[PairKind.VERBATIM]} the same, "
               f"{counts[PairKind.EDITED]} edited, {counts[PairKind.PARAPHRASE]} reworded; {moved} moved); "
               f"{_count(len(cmp.alignment.unaligned_a), 'sentence')} only in {left}, "
               f"{len(cmp.alignment.unaligned_b)} only in {right}.")
    subs = tuple((Cell(plain(s.a), direction_of(s.a)), Cell(plain(s.b), direction_of(s.b)),
                  Cell(plain(str(s.count)))) for s in cmp.substitutions)
    blocks: tuple[Block, ...] = (
        Paragraph(plain(summary)),
        SideBySide(left, right, rows, _legend(left, right)),
        Heading(2, f"Substitutions: {left} / {right}", f"pair-{k}-substitutions"),
        Paragraph(plain(f"What {left} wrote where {right} wrote something else, in aligned "
                        "sentences; the most telling first."), role=Role.NOTE),
        Table((Column(left, 3.0), Column(right, 3.0), Column("Times", 0.6)), subs,
              empty="No substitutions: the aligned sentences use the same words."),
    )
    return Section(Heading(1, f"{left} and {right}", f"pair-{k}"), blocks)


def _legend(left: str, right: str) -> Legend:
    marks = style.MARKS
    return Legend((
        LegendEntry(Run("words", DiffKind.REPLACED), marks[DiffKind.REPLACED].label),
        LegendEntry(Run("words", DiffKind.DELETED), f"only in {left} (struck through)"),
        LegendEntry(Run("words", DiffKind.INSERTED), f"only in {right} (underlined)"),
        LegendEntry(Run(style.POINT_GLYPH, DiffKind.INSERTED, point=True), style.POINT_LABEL),
        LegendEntry(Run("sentence"), style.ONLY_HERE_LABEL, style.ONLY_HERE_FILL),
        LegendEntry(Run(style.MOVED), style.MOVED_LABEL),
        LegendEntry(Run(style.DIFFERS), style.DIFFERS_LABEL),
    ))


def side_by_side_rows(
    cmp: PairComparison, a_text: str, a_sentences: Sequence[tuple[int, int]],
    b_text: str, b_sentences: Sequence[tuple[int, int]],
) -> tuple[PairRow, ...]:
    """The rows of a pair: aligned sentences across, each unaligned sentence on its own row.

    Rows follow the left text. A right-only sentence comes just before the next
    in-order (not moved) pair that follows it on the right, after any left-only
    sentences there, as a diff shows a deletion before an insertion.
    """
    al = cmp.alignment
    keyed: list[tuple[tuple[float, int, int], PairRow]] = []
    for p in al.pairs:
        keyed.append(((p.a_sentences[0], 0, 0), PairRow(
            _cell(a_text, p.a_start, p.a_end, (e.on(Side.A) for e in p.edits)),
            _cell(b_text, p.b_start, p.b_end, (e.on(Side.B) for e in p.edits)), p.kind, p.moved,
            p.differences)))
    for i in al.unaligned_a:
        keyed.append(((i, 1, 0), PairRow(_cell(a_text, *a_sentences[i], ()), None, None)))
    anchors = sorted((p for p in al.pairs if not p.moved), key=lambda p: p.b_sentences[0])
    for j in al.unaligned_b:
        nxt = next((p for p in anchors if p.b_sentences[0] > j), None)
        where = nxt.a_sentences[0] - 0.5 if nxt is not None else float("inf")
        keyed.append(((where, 2, j), PairRow(None, _cell(b_text, *b_sentences[j], ()), None)))
    keyed.sort(key=lambda kv: kv[0])
    return tuple(row for _, row in keyed)


def _cell(text: str, start: int, end: int, spans: Iterable[DiffSpan]) -> Cell:
    runs = marked_runs(text, start, end, spans)
    return Cell(runs, direction_of(text[start:end]))


def marked_runs(text: str, start: int, end: int, spans: Iterable[DiffSpan]) -> tuple[Run, ...]:
    """``text[start:end]`` as runs: the spans' words marked, empty spans as insertion points.

    Whitespace is tidied (a line break stays one line break) and the ends stripped.
    """
    runs: list[Run] = []
    pos = start
    for s in sorted(spans, key=lambda s: (s.start, s.end)):
        if s.kind not in style.MARKS or s.start < pos or s.end > end:
            continue
        if s.start > pos:
            runs.append(Run(text[pos:s.start]))
        if s.start == s.end:
            runs.append(Run(style.POINT_GLYPH, s.kind, point=True))
        else:
            runs.append(Run(text[s.start:s.end], s.kind))
        pos = s.end
    if pos < end:
        runs.append(Run(text[pos:end]))
    return _tidy_runs(runs)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _tidy(text: str) -> str:
    """Whitespace as a reader sees it: a run with a line break is one line break, others one space."""
    return re.sub(r"\s+", lambda m: "\n" if "\n" in m.group(0) else " ", text)


def _tidy_runs(runs: list[Run]) -> tuple[Run, ...]:
    out = [dataclasses.replace(r, text=_tidy(r.text)) for r in runs]
    while out and not out[0].point and not out[0].text.strip():
        out.pop(0)
    while out and not out[-1].point and not out[-1].text.strip():
        out.pop()
    if out and not out[0].point:
        out[0] = dataclasses.replace(out[0], text=out[0].text.lstrip())
    if out and not out[-1].point:
        out[-1] = dataclasses.replace(out[-1], text=out[-1].text.rstrip())
    return tuple(out)


# The report's sections before the pairs, in order; a function returning None leaves its section out.
SECTIONS: tuple[Callable[[_Context], Section | None], ...] = (_title_section, _sources_section,
                                                              _summary_section)
# The dossier summary's parts, in order: a new dossier-wide result is one function here.
SUMMARY_PARTS: tuple[Callable[[_Context], tuple[Block, ...]], ...] = (_story_elements, _reuse, _quotes)


def default_pairs(article_ids: Sequence[int], reference: int | None) -> tuple[tuple[int, int], ...]:
    """The reference article against every other article (none without a reference)."""
    if reference is None:
        return ()
    return tuple((reference, i) for i in article_ids if i != reference)


def check_pairs(
    pairs: Iterable[tuple[int, int]], dossier_id: int, dossier_name: str,
    dossier_of: Callable[[int], int],
) -> tuple[tuple[int, int], ...]:
    """The pairs, each checked: two different articles, both in the dossier.

    ``dossier_of(article_id)`` gives an article's dossier (an ``InputError`` for an
    unknown id). Raises ``InputError`` naming the first bad pair and the reason.
    """
    from parallax.core.errors import InputError

    out = []
    for a, b in pairs:
        where = {a: dossier_of(a), b: dossier_of(b)}
        if a == b:
            raise InputError(f"pair {a} {b}", "an article cannot be compared with itself")
        if where[a] != where[b]:
            raise InputError(f"pair {a} {b}", "the two articles are in different dossiers")
        if where[a] != dossier_id:
            raise InputError(f"pair {a} {b}", f"the articles are not in the dossier '{dossier_name}'")
        out.append((a, b))
    return tuple(out)
