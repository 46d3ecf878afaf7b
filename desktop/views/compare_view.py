"""The side-by-side comparison view: two articles, aligned, with their differences marked.

Depends on PySide6, the core ``Workspace`` (run on the task runner, never on
the GUI thread), the pure mapping modules ``compare_model`` and ``scroll_sync``,
and the pane, gutter and side-panel widgets beside this module; moving around
(F7, F8, substitutions, find) is the ``compare_nav`` mixin.

Loading: picking a pair shows both texts as soon as they are read, then the
marks when the engine's comparison arrives (a progress banner with a cancel
button shows meanwhile). A result for a pair that is no longer wanted is
dropped from the screen (it still goes into the small cache of recent pairs,
which makes going back to a pair instant). The panes scroll together through
the alignment map (``scroll_sync``) under a re-entrancy guard, as Meld does.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from parallax.core.align.words import Side
from parallax.core.engine import ArticleComparison
from parallax.core.errors import Cancelled
from parallax.core.nlp.analysis import EntityKind
from parallax.core.store.library import ArticleInfo, ArticleText
from parallax.core.workspace import Workspace
from parallax.desktop.tasks import TaskRunner
from parallax.desktop.views.compare_find import BothPanesSearch
from parallax.desktop.views.compare_gutter import CompareGutter
from parallax.desktop.views.compare_loader import PairLoader
from parallax.desktop.views.compare_model import (
    ENTITY_KINDS,
    KIND_TITLES,
    CompareMarks,
    build_marks,
    hover_text,
    next_article,
)
from parallax.desktop.views.compare_nav import DifferenceNavigation
from parallax.desktop.views.compare_panes import CompareText, PaneHeader
from parallax.desktop.views.compare_side import CompareFindBar, Legend, LoadingBanner, SubstitutionList
from parallax.desktop.views.compare_style import CompareStyle
from parallax.desktop.views.labels import is_no_shared_statements, no_shared_statements
from parallax.desktop.views.scroll_sync import Block, ScrollMap, follow

BANNER_DELAY_MS = 150
DEFAULT_ENTITY_KINDS = (EntityKind.PERSON, EntityKind.ORG)
EMPTY_STATE = "Pick two articles to compare"


class CompareView(DifferenceNavigation, QWidget):
    """Pickers, both panes with the gutter between them, substitutions and legend.

    Args:
        workspace: where articles and cached analyses are read (None: only
            :meth:`show_result` is used, e.g. for files outside the store).
        tasks: the app's one task runner.

    Signals:
        comparison_shown(int, int): the marks of this pair are on screen.
        loading_changed(bool): a comparison started / ended (done, failed or cancelled).
        status_message(str): one line for the status bar.
    """

    comparison_shown = Signal(int, int)
    loading_changed = Signal(bool)
    status_message = Signal(str)

    def __init__(self, workspace: Workspace | None, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareView")
        self.workspace = workspace
        self.tasks = tasks
        self._infos: dict[int, ArticleInfo] = {}
        self._dossier: int | None = None
        self._pair: tuple[int, int] | None = None  # wanted (what the pickers show)
        self._shown: tuple[int, int] | None = None  # marked on screen
        self._result: ArticleComparison | None = None
        self.marks: CompareMarks | None = None
        self.loader = PairLoader(workspace, tasks, self)
        self.loader.texts_read.connect(self._on_texts)
        self.loader.compared.connect(self.show_result)
        self.loader.failed.connect(self._on_failed)
        self.loader.progressed.connect(self._on_progress)
        self.loader.loading_changed.connect(self._on_loading)
        self._syncing = False
        self._master = Side.A
        self._active = Side.A
        self._stops_shown: dict[Side, tuple[int, int, int]] = {}  # stop index, cursor anchor, position
        self._map: ScrollMap | None = None
        self.style_ = CompareStyle.for_palette(self.palette())
        self.entity_kinds: set[EntityKind] = _saved_entity_kinds()

        self._build()
        self._build_actions()
        self.legend.show_style(self.style_)
        self._geometry_timer = QTimer(self, singleShot=True, interval=0)
        self._geometry_timer.timeout.connect(self.refresh_geometry)

    # -- building -------------------------------------------------------------------

    def _build(self) -> None:
        self.toolbar = QToolBar("Compare", self)
        self.toolbar.setObjectName("compareToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        self.banner = LoadingBanner(self, delay_ms=BANNER_DELAY_MS)
        self.banner.button_clicked.connect(self._on_banner_button)

        area = QWidget(self)
        area.setObjectName("compareArea")
        self.header_a = PaneHeader(Side.A, area)
        self.header_b = PaneHeader(Side.B, area)
        self.left = CompareText(Side.A, area)
        self.right = CompareText(Side.B, area)
        self.gutter = CompareGutter(self.left, self.right, area)
        self.search = BothPanesSearch(self.left, self.right)
        self.swap_button = QToolButton(area)
        self.swap_button.setObjectName("swapButton")
        self.swap_button.setText("⇄")
        self.swap_button.setToolTip("Swap the left and right articles (Ctrl+Shift+X)")
        self.swap_button.setAccessibleName("Swap articles")
        self.swap_button.clicked.connect(self.swap)
        self.find_bar = CompareFindBar(area)
        line = QFrame(area)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        grid = QGridLayout(area)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(0)
        grid.setVerticalSpacing(0)
        grid.addWidget(self.header_a, 0, 0)
        grid.addWidget(self.swap_button, 0, 1, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.header_b, 0, 2)
        grid.addWidget(line, 1, 0, 1, 3)
        grid.addWidget(self.left, 2, 0)
        grid.addWidget(self.gutter, 2, 1)
        grid.addWidget(self.right, 2, 2)
        grid.addWidget(self.find_bar, 3, 0, 1, 3)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(2, 1)

        self.substitutions = SubstitutionList(self)
        self.legend = Legend(self)
        side = QSplitter(Qt.Orientation.Vertical, self)
        side.setObjectName("compareSide")
        side.addWidget(self.substitutions)
        side.addWidget(self.legend)
        side.setStretchFactor(0, 3)
        side.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("compareSplitter")
        self.splitter.addWidget(area)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([980, 300])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

        for side_, pane in ((Side.A, self.left), (Side.B, self.right)):
            pane.verticalScrollBar().valueChanged.connect(lambda _v, s=side_: self._on_scrolled(s))
            pane.document().documentLayout().documentSizeChanged.connect(self._geometry_changed)
            pane.tooltip_provider = lambda offset, s=side_: self.tooltip_text(s, offset)
            pane.hovered.connect(lambda offset, s=side_: self._on_hovered(s, offset))
            pane.clicked.connect(lambda offset, s=side_: self.select_sentence(s, offset))
            pane.focused.connect(lambda s=side_: setattr(self, "_active", s))
        self.header_a.picker.activated.connect(lambda _i: self._on_picked())
        self.header_b.picker.activated.connect(lambda _i: self._on_picked())
        self.substitutions.chosen.connect(self.jump_to_substitution)
        self.find_bar.changed.connect(self.find)
        self.find_bar.stepped.connect(lambda backward: self.find_step(backward=backward))
        self.find_bar.closed.connect(self._on_find_closed)
        self.search.forgotten.connect(self._on_search_forgotten)

    def _action(self, text: str, slot, shortcuts: Sequence[str] = (), tip: str = "") -> QAction:  # noqa: ANN001
        act = QAction(text, self)
        act.setShortcuts([QKeySequence(s) for s in shortcuts])
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        keys = " or ".join(shortcuts)
        act.setToolTip(f"{tip or text} ({keys})" if keys else tip or text)
        act.triggered.connect(lambda _checked=False: slot())
        self.addAction(act)
        return act

    def _build_actions(self) -> None:
        a = self._action
        self.act_prev_diff = a("◀ Difference", lambda: self.next_difference(backward=True),
                               ("Shift+F7", "Alt+Up"), "Previous difference")
        self.act_next_diff = a("Difference ▶", self.next_difference, ("F7", "Alt+Down"), "Next difference")
        self.act_prev_only = a("◀ Unaligned", lambda: self.next_unaligned(backward=True),
                               ("Shift+F8", "Alt+PgUp"), "Previous sentence without counterpart")
        self.act_next_only = a("Unaligned ▶", self.next_unaligned, ("F8", "Alt+PgDown"),
                               "Next sentence without counterpart")
        self.act_find = a("Find", self.open_find, ("Ctrl+F",), "Find in both articles")
        self.act_swap = a("Swap", self.swap, ("Ctrl+Shift+X",), "Swap the left and right articles")
        for act in (self.act_prev_diff, self.act_next_diff, self.act_prev_only, self.act_next_only):
            self.toolbar.addAction(act)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(QLabel(" Entities: ", self.toolbar))
        self.entity_actions: dict[EntityKind, QAction] = {}
        for kind, name in ENTITY_KINDS:
            act = QAction(name, self, checkable=True)
            act.setChecked(kind in self.entity_kinds)
            act.setToolTip(f"Show or hide {name.lower()} (the same entity has the same colour in both articles)")
            act.toggled.connect(lambda on, k=kind: self.set_entity_kind_visible(k, on))
            self.toolbar.addAction(act)
            self.entity_actions[kind] = act
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.act_find)

    # -- choosing the pair ------------------------------------------------------------

    def set_articles(self, articles: Sequence[ArticleInfo]) -> None:
        """The articles the pickers offer (a dossier's), in the given order."""
        self._infos = {a.id: a for a in articles}
        self._dossier = articles[0].dossier_id if articles else self._dossier
        self.header_a.set_articles(articles)
        self.header_b.set_articles(articles)
        self._sync_pickers()

    def dossier_id(self) -> int | None:
        """The dossier whose articles the pickers offer (None before any)."""
        return self._dossier

    def refresh(self, articles: Sequence[ArticleInfo], *, load: bool = True) -> None:
        """Follow the store: ``articles`` is the dossier's list as just read.

        Articles no longer in it leave the pickers; a side that showed one gets the
        article that came after it (the other side keeps its own); with fewer than
        two articles the view is empty. Changed details show in the headers, and a
        changed text is compared again. ``load``: start a comparison if needed
        (not for a hidden window, which forgets its pair instead).
        """
        before = list(self._infos)
        fresh = {a.id: a for a in articles}
        self.loader.forget(lambda info: fresh.get(info.id) is None
                           or fresh[info.id].text_sha256 != info.text_sha256)
        self.set_articles(articles)
        pair = self._pair
        if pair is None:
            return
        a = next_article(before, pair[0], fresh, avoid=pair[1] if pair[1] in fresh else None)
        b = next_article(before, pair[1], fresh, avoid=a)
        stale = self._result is not None and any(
            x.info.id in fresh and fresh[x.info.id].text_sha256 != x.info.text_sha256
            for x in (self._result.a, self._result.b))
        changed = (a, b) != pair or stale
        if a is None or b is None or (changed and not load):
            self.clear()
        elif changed:
            self.compare(a, b)
        elif self._shown == pair:
            self.header_a.show_info(fresh[a])
            self.header_b.show_info(fresh[b])

    def clear(self) -> None:
        """Show no pair: empty panes, and a word on what to do."""
        self.loader.drop()
        self._pair = self._shown = None
        self._show_nothing()
        for header in (self.header_a, self.header_b):
            header.picker.setCurrentIndex(-1)
        self.status_message.emit("")  # the last pair's counts are no longer on screen
        self.banner.show_message(EMPTY_STATE if len(self._infos) < 2 else
                                 f"{EMPTY_STATE}: choose one above each side")

    def articles(self) -> list[ArticleInfo]:
        """The articles the pickers offer (as given to :meth:`set_articles`)."""
        return list(self._infos.values())

    def current_pair(self) -> tuple[int, int] | None:
        return self._pair

    def shown_pair(self) -> tuple[int, int] | None:
        return self._shown

    @property
    def loading(self) -> bool:
        return self.loader.loading

    def compare(self, a_id: int, b_id: int) -> None:
        """Show the pair (``a_id`` left, ``b_id`` right): at once if cached, else in the background."""
        self._pair = (a_id, b_id)
        self._sync_pickers()
        self._clear_search()
        cached = self.loader.cached(a_id, b_id)
        if cached is not None:
            self.loader.drop()
            self.banner.finish()  # whatever it said was about an earlier pair
            self.show_result(cached)
            return
        if self.workspace is None:  # files shown without a library: only what was given
            self.loader.drop()
            self.banner.show_message("These articles are not in the library: import them to compare "
                                     "them another way.")
            return
        self.loader.load(a_id, b_id)
        self.banner.start(f"Comparing {self.article_name(a_id)} with {self.article_name(b_id)}…")

    def swap(self) -> None:
        """Put the right article on the left and the left one on the right."""
        if self._pair is not None:
            self.compare(self._pair[1], self._pair[0])

    def cancel(self) -> None:
        """Stop the running comparison (the panes keep the plain texts)."""
        if self.loader.loading:
            self.loader.cancel()
            self.banner.stopping()

    def _on_picked(self) -> None:
        a = self.header_a.picker.currentData()
        b = self.header_b.picker.currentData()
        if a is not None and b is not None and (a, b) != self._pair:
            self.compare(int(a), int(b))

    def _sync_pickers(self) -> None:
        if self._pair is None:
            return
        for header, article_id in ((self.header_a, self._pair[0]), (self.header_b, self._pair[1])):
            # Pickers only: a header changes with its text (_on_texts, show_result), never
            # before it, or a swap would put one article's text under the other's name.
            index = header.picker.findData(article_id)
            if index >= 0:
                header.picker.setCurrentIndex(index)

    def _on_texts(self, a: ArticleText, b: ArticleText) -> None:
        if self._shown == self._pair:
            return  # the marks came first
        self._infos.setdefault(a.info.id, a.info)
        self._infos.setdefault(b.info.id, b.info)
        self.header_a.show_info(self._infos[a.info.id])
        self.header_b.show_info(self._infos[b.info.id])
        self._show_plain(a.text, b.text)

    def _show_nothing(self) -> None:
        self.header_a.show_info(None)
        self.header_b.show_info(None)
        self._show_plain("", "")

    def _show_plain(self, a_text: str, b_text: str) -> None:
        self.marks = None
        self._result = None
        self._shown = None
        self._stops_shown = {}
        self.left.set_content(a_text, None, self.style_)
        self.right.set_content(b_text, None, self.style_)
        self.substitutions.set_substitutions(())
        self.refresh_geometry()

    def _on_failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            message = "Comparison cancelled: the texts are shown without marks."
        else:
            message = f"Cannot compare these articles: {exc}"
        self.banner.show_message(message, button="Compare again")

    def _on_progress(self, done: int, total: int, label: str) -> None:
        text = None
        if label and self._pair is not None:
            text = (f"Comparing {self.article_name(self._pair[0])} with "
                    f"{self.article_name(self._pair[1])}: {label}…")
        self.banner.update_progress(done, total, text)

    def _on_banner_button(self) -> None:
        if self.loader.loading:
            self.cancel()
        elif self._pair is not None:
            self.compare(*self._pair)

    def _on_loading(self, loading: bool) -> None:
        if not loading:
            self.banner.finish()  # a failure shows it again, with its message
        self.loading_changed.emit(loading)

    def article_name(self, article_id: int) -> str:
        info = self._infos.get(article_id)
        return info.label if info else f"article {article_id}"

    # -- showing a result ---------------------------------------------------------------

    def show_result(self, result: ArticleComparison) -> None:
        """Show a finished comparison now (from the cache, a task, or files)."""
        a, b = result.a, result.b
        self._infos.setdefault(a.info.id, a.info)
        self._infos.setdefault(b.info.id, b.info)
        if self._pair != (a.info.id, b.info.id):
            self._pair = (a.info.id, b.info.id)
            self._sync_pickers()
        self.marks = marks = build_marks(a.text, a.analysis, b.text, b.analysis, result.comparison)
        self._result = result
        self._shown = self._pair
        self._stops_shown = {}
        # the store's latest details (a cached result keeps those of its time)
        self.header_a.show_info(self._infos.get(a.info.id, a.info))
        self.header_b.show_info(self._infos.get(b.info.id, b.info))
        moved = [p for p in marks.pairs if p.moved]
        self.gutter.set_selected(-1)
        self.gutter.set_hovered(-1)
        self.left.set_content(a.text, marks.a, self.style_, entity_kinds=self.entity_kinds,
                              moved_spans=[p.span(Side.A) for p in moved])
        self.right.set_content(b.text, marks.b, self.style_, entity_kinds=self.entity_kinds,
                               moved_spans=[p.span(Side.B) for p in moved])
        self.substitutions.set_substitutions(marks.substitutions)
        self.refresh_geometry()
        al = result.comparison.alignment
        self.status_message.emit(
            f"{len(al.pairs)} aligned, {len(al.unaligned_a)} sentences only left, {len(al.unaligned_b)} only right, "
            f"{sum(len(p.edits) for p in al.pairs)} word differences"
            + (f", {len(al.related)} related (not the same statement)" if al.related else ""))
        # Without a word, a wall of tinted sentences looks like a broken view.
        if not al.pairs:
            self.banner.show_message(no_shared_statements(a.info.language, b.info.language))
        elif is_no_shared_statements(self.banner.label.text()) and not self.loading:
            self.banner.finish()
        self.comparison_shown.emit(a.info.id, b.info.id)

    def pane(self, side: Side) -> CompareText:
        return self.left if side is Side.A else self.right

    def _geometry_changed(self, *_args) -> None:  # noqa: ANN002
        self._geometry_timer.start()

    def refresh_geometry(self) -> None:
        """Recompute where every pair sits (after a relayout) and re-sync the panes."""
        marks = self.marks
        if marks is None:
            self._map = None
            self.gutter.set_geometry_data((), {}, {}, self.style_)
            return
        extents = {}
        blocks = []
        for i, p in enumerate(marks.pairs):
            a_top, a_bottom = self.left.extent(*p.span(Side.A))
            b_top, b_bottom = self.right.extent(*p.span(Side.B))
            extents[i] = (a_top, a_bottom, b_top, b_bottom)
            blocks.append(Block(a_top, a_bottom, b_top, b_bottom, p.moved))
        only = {side: [self.pane(side).extent(s, e) for s, e in marks.pane(side).unaligned] for side in Side}
        related = [(*self.left.extent(*r.span(Side.A)), *self.right.extent(*r.span(Side.B))) for r in marks.related]
        self._map = ScrollMap(blocks, self.left.document_height(), self.right.document_height())
        self.gutter.set_geometry_data(marks.pairs, extents, only, self.style_, related)
        self._geometry_timer.stop()  # the layout those extents forced is current
        self._on_scrolled(self._master)

    # -- scrolling together ----------------------------------------------------------------

    @contextmanager
    def scroll_lock(self) -> Iterator[None]:
        """While held, moving one pane does not move the other (Meld's ``with_scroll_lock``)."""
        was = self._syncing
        self._syncing = True
        try:
            yield
        finally:
            self._syncing = was

    def _on_scrolled(self, side: Side) -> None:
        self.gutter.update()
        if self._syncing or self._map is None:
            return
        self._master = side
        this, other = self.pane(side), self.pane(side.other)
        bar, other_bar = this.verticalScrollBar(), other.verticalScrollBar()
        with self.scroll_lock():
            other_bar.setValue(follow(bar.value(), this.viewport().height(), bar.maximum(),
                                      other.viewport().height(), other_bar.maximum(),
                                      lambda y: self._map.map(side.value, y)))

    def _align_other(self, side: Side, start: int, end: int, other_start: int, other_end: int) -> None:
        """Scroll the other pane so ``other_start`` sits level with ``start`` of this pane."""
        this, other = self.pane(side), self.pane(side.other)
        top_in_view = this.extent(start, end)[0] - this.verticalScrollBar().value()
        other_top = other.extent(other_start, other_end)[0]
        with self.scroll_lock():
            other.verticalScrollBar().setValue(int(other_top - top_in_view))
        self._master = side

    # -- hover, click, tooltips --------------------------------------------------------------

    def tooltip_text(self, side: Side, offset: int) -> str | None:
        """What hovering ``offset`` of pane ``side`` shows: counterpart, kind and score; entity."""
        if self.marks is None or self._result is None:
            return None
        r = self._result
        return hover_text(self.marks, side, offset,
                          texts={Side.A: r.a.text, Side.B: r.b.text},
                          names={Side.A: self.article_name(r.a.info.id), Side.B: self.article_name(r.b.info.id)},
                          entity_kinds=self.entity_kinds)

    def _on_hovered(self, side: Side, offset: int) -> None:
        index = self.marks.pair_at(side, offset) if self.marks is not None and offset >= 0 else None
        self.gutter.set_hovered(index if index is not None else -1)

    def select_sentence(self, side: Side, offset: int) -> None:
        """Select the sentence at ``offset`` of ``side`` and, if aligned, its counterpart."""
        self._active = side
        if self.marks is None:
            return
        this, other = self.pane(side), self.pane(side.other)
        index = self.marks.pair_at(side, offset)
        if index is None:
            sentence = self.marks.sentence_at(side, offset)
            self.gutter.set_selected(-1)
            other.set_highlight(None)
            this.set_highlight(sentence)
            if sentence is not None:
                this.place_cursor(sentence[0])
            return
        pair = self.marks.pairs[index]
        start, end = pair.span(side)
        o_start, o_end = pair.span(side.other)
        with self.scroll_lock():
            this.place_cursor(start)
            other.place_cursor(o_start)
        this.set_highlight((start, end))
        other.set_highlight((o_start, o_end))
        self._align_other(side, start, end, o_start, o_end)
        self.gutter.set_selected(index)
        self.status_message.emit(f"{KIND_TITLES[pair.kind]} pair, score {pair.score:.2f}"
                                 + (" (moved)" if pair.moved else "")
                                 + (f"; states it differently: {'; '.join(pair.differences)}"
                                    if pair.differences else ""))

    # -- entities -----------------------------------------------------------------------

    def set_entity_kind_visible(self, kind: EntityKind, visible: bool) -> None:
        """Show or hide one kind of named entity in both panes."""
        kinds = set(self.entity_kinds)
        (kinds.add if visible else kinds.discard)(kind)
        if kinds == self.entity_kinds:
            return
        self.entity_kinds = kinds
        act = self.entity_actions.get(kind)
        if act is not None and act.isChecked() != visible:
            act.blockSignals(True)
            act.setChecked(visible)
            act.blockSignals(False)
        with self.scroll_lock():
            self.left.set_entity_kinds(kinds)
            self.right.set_entity_kinds(kinds)
        _save_entity_kinds(kinds)

    # -- palette changes ------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_palette()

    def apply_palette(self) -> None:
        """Rebuild colours for the current palette (light <-> dark) and re-mark both panes."""
        self.style_ = CompareStyle.for_palette(self.palette())
        self.legend.show_style(self.style_)
        if self._result is not None:
            bars = (self.left.verticalScrollBar().value(), self.right.verticalScrollBar().value())
            self.show_result(self._result)
            with self.scroll_lock():
                self.left.verticalScrollBar().setValue(bars[0])
                self.right.verticalScrollBar().setValue(bars[1])
        else:
            self.gutter.set_geometry_data((), {}, {}, self.style_)


def _settings() -> QSettings:
    from parallax.desktop.views.main_window import app_settings  # noqa: PLC0415 - imports this module

    return app_settings()


def _saved_entity_kinds() -> set[EntityKind]:
    raw = _settings().value("compare/entities")
    if raw is None:
        return set(DEFAULT_ENTITY_KINDS)
    values = [raw] if isinstance(raw, str) else list(raw)
    known = {k.value: k for k, _ in ENTITY_KINDS}
    return {known[v] for v in values if v in known}


def _save_entity_kinds(kinds: set[EntityKind]) -> None:
    _settings().setValue("compare/entities", sorted(k.value for k in kinds) or "")
