"""The front door: user operations through ``Workspace`` over a real SQLite store.

Library operations need no model; the comparison tests load the real engine.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from parallax.core.align.words import DiffKind, Side
from parallax.core.engine import AnalysedText, ArticleComparison, TextComparison
from parallax.core.workspace import Workspace
from tests.core.storeutil import fingerprint


def test_a_bad_paste_is_reported_and_leaves_the_store_as_it_was(store_path: Path):
    ws = Workspace.open(store_path)
    try:
        ws.seed_dossier()
    finally:
        ws.close()
    before = fingerprint(store_path)
    ws = Workspace.open(store_path)
    try:
        report = ws.paste("Troops will leave Iraq by the end of the year, officials said.",
                          dossier="Follow-ups", url="not a url")
    finally:
        ws.close()
    assert report.added == () and len(report.errors) == 1
    assert "pasted text" in str(report.errors[0])
    assert fingerprint(store_path) == before


def test_articles_move_and_come_back_after_removal(store_path: Path, tmp_path: Path):
    ws = Workspace.open(store_path)
    try:
        seeds = ws.seed_dossier()
        pasted = ws.paste("Troops will leave Iraq by the end of the year, officials said on Monday.",
                          dossier="Follow-ups", title="Short note", outlet="Wire")
        [added] = pasted.added
        other = ws.find_dossier("Follow-ups")
        assert [a.title for a in ws.articles(other.id)] == ["Short note"]
        first = ws.articles(seeds)[0]
        assert ws.move_article(first.id, other.id).dossier_id == other.id
        snap = ws.delete_article(added)
        assert [a.id for a in ws.articles(other.id)] == [first.id]
        assert ws.restore_article(snap).id == added
        assert ws.edit_details(added, outlet="Agency").outlet == "Agency"
        out = ws.export_dossier(other.id, tmp_path / "f.parallax")
        report = ws.import_dossier(out, name="Copy")
        assert len(report.added) == 2
        ws.set_reference_article(other.id, added)
        assert ws.reference_article(other.id) == added
    finally:
        ws.close()


@pytest.mark.slow
def test_texts_outside_the_store_compare_without_ids():
    a = "The US will end its combat mission in Iraq, officials said, ending a presence there."
    b = "The US will end its combat mission in Iraq, officials said, ending an invasion of the country."
    result = Workspace.compare_texts(a, b)
    assert isinstance(result, TextComparison)
    assert {f.name for f in dataclasses.fields(AnalysedText)} == {"text", "analysis"}
    assert (result.a.text, result.b.text) == (a, b)
    spans = {(a[s.start:s.end], s.kind) for s in result.comparison.side(Side.A).spans}
    assert spans == {("a presence there", DiffKind.REPLACED)}


@pytest.mark.slow
def test_stored_articles_compare_through_the_workspace(store):  # noqa: ANN001 - Store
    ws = Workspace(store)
    ids = [a.id for a in ws.articles(ws.seed_dossier())]
    result = ws.compare(ids[0], ids[2])
    assert isinstance(result, ArticleComparison)
    a_text, b_text = result.a.text, result.b.text
    replaced = {a_text[s.start:s.end] for s in result.comparison.a.spans if s.kind is DiffKind.REPLACED}
    assert "presence there" in replaced
    # the same edit seen from B's pane
    assert any(b_text[s.start:s.end] == "invasion of the country" for s in result.comparison.b.spans)
    doc = ws.dossier_analysis(result.a.info.dossier_id).to_dict()
    assert doc["story_elements"] and doc["reuse"]
