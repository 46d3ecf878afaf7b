"""The one front door into core: a ``Workspace`` over an open store.

Depends on the store modules (``library``, ``snapshots``, ``portable``) at import;
the engine (numpy, scipy, and spaCy when a text is not cached), the pair judge
and the PAN runner are imported on first use, so the main window starts
without them. The app, the CLI and the snapshot call only this; it delegates
to the modules that do the work (nothing of the store's logic lives here) and
returns their typed, frozen results. One method per user operation; options
are keyword-only. Long operations take ``should_cancel`` and ``progress`` as
the engine does (:data:`~parallax.core.errors.Progress`).

Modelled on Anki's ``Collection``: one object, methods grouped by what the
user works on.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parallax.core.errors import Progress
from parallax.core.store import library, portable, snapshots
from parallax.core.store.connection import Store, open_store
from parallax.core.store.library import ArticleInfo, ArticleText, DossierInfo, ImportReport

if TYPE_CHECKING:
    from parallax.core.engine import ArticleComparison, DossierResult, TextComparison
    from parallax.core.ingest.model import ImportedArticle
    from parallax.core.pairs.judge import PairJudgement
    from parallax.core.report.model import Report
    from parallax.core.reuse.pan import PanRunSummary

Cancel = Callable[[], bool]


class Workspace:
    """Everything a user does with the library and the engine, over one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def open(cls, path: str | Path | None) -> Workspace:
        """The workspace over the database at ``path`` (None: the default location)."""
        return cls(open_store(path))

    def close(self) -> None:
        self.store.close()

    # -- dossiers ------------------------------------------------------------------

    def dossiers(self) -> list[DossierInfo]:
        return library.list_dossiers(self.store)

    def find_dossier(self, name: str) -> DossierInfo | None:
        return library.find_dossier(self.store, name)

    def create_dossier(self, name: str) -> DossierInfo:
        return library.create_dossier(self.store, name)

    def rename_dossier(self, dossier_id: int, name: str) -> None:
        library.rename_dossier(self.store, dossier_id, name)

    def delete_dossier(self, dossier_id: int) -> snapshots.DossierSnapshot:
        """Delete a dossier and its articles; the snapshot restores them."""
        return snapshots.delete_dossier(self.store, dossier_id)

    def restore_dossier(self, snap: snapshots.DossierSnapshot) -> DossierInfo:
        return snapshots.restore_dossier(self.store, snap)

    def seed_dossier(self) -> int | None:
        """On first start, import the sample dossier (its id; None if offered before)."""
        return library.ensure_seed_dossier(self.store)

    def reference_article(self, dossier_id: int) -> int | None:
        """The article the user chose to compare the others with, if any."""
        return library.reference_article(self.store, dossier_id)

    def set_reference_article(self, dossier_id: int, article_id: int | None) -> None:
        library.set_reference_article(self.store, dossier_id, article_id)

    # -- articles ------------------------------------------------------------------

    def articles(self, dossier_id: int) -> list[ArticleInfo]:
        return library.list_articles(self.store, dossier_id)

    def article(self, article_id: int) -> ArticleText:
        return library.get_article(self.store, article_id)

    def has_article(self, article_id: int) -> bool:
        """Whether the article is in the store (it may have been removed since it was listed)."""
        return library.has_article(self.store, article_id)

    def import_paths(self, paths: Iterable[Path], *, dossier: str,
                     progress: Progress | None = None) -> ImportReport:
        """Import files and folders into the dossier named ``dossier`` (bad files reported)."""
        return library.import_paths(self.store, paths, dossier=dossier, progress=progress)

    def add_articles(self, articles: Sequence[ImportedArticle], *, dossier: str) -> ImportReport:
        """Store articles already read (e.g. pasted) in the dossier named ``dossier``."""
        return library.add_articles(self.store, articles, dossier=dossier)

    def paste(self, text: str, *, dossier: str, title: str | None = None, outlet: str | None = None,
              published: str | None = None, url: str | None = None) -> ImportReport:
        """Add pasted text with optional details; bad details come back in the report's errors."""
        from parallax.core.errors import InputError
        from parallax.core.ingest.readers import read_pasted

        try:
            checked = library.clean_details("pasted text", url=url)
            article = read_pasted(text, title=title, outlet=outlet, published=published, **checked)
        except InputError as exc:
            return ImportReport(errors=(exc,))
        return self.add_articles([article], dossier=dossier)

    def edit_details(self, article_id: int, **changes: Any) -> ArticleInfo:
        """Correct an article's details (``library.DETAIL_FIELDS``)."""
        return library.update_article_details(self.store, article_id, **changes)

    def restore_details(self, article_id: int, details: dict[str, Any]) -> ArticleInfo:
        return library.restore_article_details(self.store, article_id, details)

    def delete_article(self, article_id: int) -> snapshots.ArticleSnapshot:
        """Remove an article; the snapshot restores it."""
        return snapshots.delete_article(self.store, article_id)

    def restore_article(self, snap: snapshots.ArticleSnapshot) -> ArticleInfo:
        return snapshots.restore_article(self.store, snap)

    def move_article(self, article_id: int, dossier_id: int) -> ArticleInfo:
        return library.move_article(self.store, article_id, dossier_id)

    # -- analysis ------------------------------------------------------------------

    def compare(self, a_id: int, b_id: int, *, should_cancel: Cancel | None = None,
                progress: Progress | None = None) -> ArticleComparison:
        """Two stored articles compared (their analyses from the cache, else computed and cached)."""
        from parallax.core.engine import compare_articles

        return compare_articles(self.store, a_id, b_id, should_cancel=should_cancel, progress=progress)

    @staticmethod
    def compare_texts(text_a: str, text_b: str, *,
                      languages: tuple[str | None, str | None] = (None, None),
                      should_cancel: Cancel | None = None) -> TextComparison:
        """Two texts that are not stored, compared (nothing cached, no ids)."""
        from parallax.core.engine import compare_texts

        return compare_texts(text_a, text_b, languages=languages, should_cancel=should_cancel)

    def dossier_analysis(self, dossier_id: int, *, should_cancel: Cancel | None = None,
                         progress: Progress | None = None) -> DossierResult:
        """Every pair of the dossier compared, story elements and shared text."""
        from parallax.core.engine import analyse_dossier

        return analyse_dossier(self.store, dossier_id, should_cancel=should_cancel, progress=progress)

    @staticmethod
    def judge_pairs(pairs: Sequence[tuple[str, str]]) -> list[PairJudgement]:
        """Whether each sentence pair states the same thing."""
        from parallax.core.pairs.judge import judge_pairs

        return judge_pairs(pairs)

    @staticmethod
    def reuse_pan(corpus: Path, out: Path) -> PanRunSummary:
        """Reuse passages of a PAN text-alignment corpus, written as PAN XML into ``out``."""
        from parallax.core.reuse.pan import run_pan

        return run_pan(corpus, out)

    # -- reports -------------------------------------------------------------------

    def report(self, dossier_id: int, *, pairs: Sequence[tuple[int, int]] | None = None,
               blind: bool = False, should_cancel: Cancel | None = None,
               progress: Progress | None = None) -> Report:
        """The report of a dossier as a document for the PDF and HTML writers.

        ``pairs`` are (left, right) article ids of the dossier; None: the reference
        article against every other article. ``blind`` shows outlets as letters.
        Raises ``InputError`` for an unknown dossier or a bad pair.
        """
        from datetime import datetime

        from parallax.core.about import parallax_version
        from parallax.core.errors import InputError
        from parallax.core.report.build import ReportRequest, build_report, check_pairs, default_pairs

        dossier = next((d for d in self.dossiers() if d.id == dossier_id), None)
        if dossier is None:
            raise InputError(f"dossier {dossier_id}", "no such id in the store")
        if pairs is None:
            infos = self.articles(dossier_id)
            reference = library.pick_reference(infos, self.reference_article(dossier_id))
            chosen = default_pairs([i.id for i in infos], reference)
        else:
            chosen = check_pairs(pairs, dossier_id, dossier.name,
                                 lambda i: self.article(i).info.dossier_id)
        result = self.dossier_analysis(dossier_id, should_cancel=should_cancel, progress=progress)
        return build_report(ReportRequest(dossier.name, result, chosen, blind,
                                          datetime.now().astimezone(), parallax_version()))

    # -- portable dossiers ---------------------------------------------------------

    def export_dossier(self, dossier_id: int, target: Path) -> Path:
        """Write a dossier to one ``.parallax`` file."""
        return portable.export_dossier(self.store, dossier_id, Path(target))

    def import_dossier(self, source: Path, *, name: str | None = None, merge: bool = False) -> ImportReport:
        """Add the dossier in a ``.parallax`` file (``DossierNameTaken`` if its name is taken)."""
        return portable.import_dossier(self.store, Path(source), name=name, merge=merge)
