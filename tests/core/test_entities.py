"""Entities the user sees: spans that cannot be names are dropped, kinds agree across
a dossier (a person stays a person), and non-English articles get none.

The real spaCy pipeline and embeddings, real SQLite stores in tmp_path.
"""
from __future__ import annotations

import pytest

from parallax.core.align.entities import entity_key, reconcile_entity_kinds
from parallax.core.engine import analyse_dossier, compare_articles
from parallax.core.ingest.readers import read_pasted
from parallax.core.nlp.analysis import ArticleAnalysis, Entity, EntityKind
from parallax.core.nlp.pipeline import analyse_texts
from parallax.core.store import library
from tests.fixtures import languages as L

pytestmark = pytest.mark.slow

CLITICS = {"n't", "n’t", "'s", "’s", "'re", "’re", "'ll", "’ll", "'ve", "’ve", "'d", "’d", "'m", "’m"}


def test_contractions_are_never_entities():
    texts = [
        "They weren't in Baghdad, and we don't know",
        "They weren’t in Baghdad, and we don’t know where they went.",
        "“We don’t know,” said the minister. Iraq isn’t ready, and Baghdad can’t wait.",
    ]
    for text, analysis in zip(texts, analyse_texts(texts)):
        found = [e.text for e in analysis.entities]
        assert not CLITICS & set(found), (text, found)
        assert "Baghdad" in found
    assert "Iraq" in [e.text for e in analyse_texts([texts[2]])[0].entities]


FAHIE = [
    "Premier Andrew Fahie was arrested in Miami on Thursday. Fahie said he would fight the charges.",
    "Fahie denied the allegations. The British Virgin Islands premier, Fahie, was released on bail.",
    "Prosecutors said Fahie agreed to take a bribe from an informant posing as a drug trafficker.",
]


def _kinds(analysis: ArticleAnalysis, key: str) -> set[EntityKind]:
    return {e.kind for e in analysis.entities if entity_key(e.text) == key}


def test_person_wins_over_org_across_a_dossier(store):
    report = library.add_articles(store, [read_pasted(t, outlet=f"Outlet {i}")
                                          for i, t in enumerate(FAHIE)], dossier="Fahie")
    first, second, third = report.added
    result = analyse_dossier(store, report.dossier_id)
    for i in report.added:
        assert _kinds(result.analyses[i], "fahie") == {EntityKind.PERSON}
    # The pair alone never calls him a person: the dossier's other article does.
    pair = compare_articles(store, second, third)
    assert _kinds(pair.a.analysis, "fahie") == _kinds(pair.b.analysis, "fahie") == {EntityKind.PERSON}
    assert _kinds(pair.a.analysis, "british virgin islands") == {EntityKind.PLACE}


def _ent(text: str, kind: EntityKind) -> Entity:
    return Entity(0, len(text), kind, kind.name, text)


def _analysis(*ents: Entity) -> ArticleAnalysis:
    return ArticleAnalysis("h", (), (), tuple(ents), None, "none")


def test_reconcile_rules():
    kinds = reconcile_entity_kinds([
        _analysis(_ent("Fahie", EntityKind.ORG), _ent("Fahie", EntityKind.ORG),
                  _ent("Basra", EntityKind.ORG), _ent("Kadhimi", EntityKind.PERSON)),
        _analysis(_ent("Fahie", EntityKind.PERSON), _ent("Basra", EntityKind.PLACE),
                  _ent("Basra", EntityKind.PLACE), _ent("the Pentagon", EntityKind.ORG),
                  _ent("Pentagon", EntityKind.PLACE), _ent("Kadhimi’s", EntityKind.ORG),
                  _ent("Jane Arraf", EntityKind.PERSON), _ent("Arraf", EntityKind.ORG),
                  _ent("Arraf", EntityKind.ORG), _ent("2021", EntityKind.DATE)),
    ])
    assert kinds["fahie"] is EntityKind.PERSON  # one PERSON beats two ORG
    assert kinds["basra"] is EntityKind.PLACE  # majority
    assert "pentagon" not in kinds  # a tie: each mention keeps its own kind
    assert kinds["kadhimi"] is EntityKind.PERSON  # "Kadhimi’s" is the same name
    assert kinds["arraf"] is EntityKind.PERSON  # the surname of a full name
    assert "2021" not in kinds  # only names are reconciled


def test_non_english_article_has_no_entities_and_no_embedding_matching(store):
    report = library.add_articles(store, [
        read_pasted(L.FINNISH, outlet="Helsingin Sanomat"),
        read_pasted(L.FINNISH_REWRITE, outlet="Yle"),
        read_pasted(L.ENGLISH, outlet="AP"),
        read_pasted(L.ENGLISH_REWRITE, outlet="Reuters"),
    ], dossier="Mixed")
    fi, fi2, en, en2 = report.added
    finnish = compare_articles(store, fi, fi2)
    assert finnish.a.analysis.entities == () and finnish.b.analysis.entities == ()
    assert finnish.comparison.alignment.semantic is False
    assert len(finnish.comparison.alignment.pairs) >= 3  # lexical evidence still aligns them
    mixed = compare_articles(store, en, fi)
    assert mixed.comparison.alignment.semantic is False
    assert mixed.a.analysis.entities  # the English side keeps its names
    english = compare_articles(store, en, en2)
    assert english.comparison.alignment.semantic is True
    dossier = analyse_dossier(store, report.dossier_id)
    assert dossier.analyses[fi].entities == () and dossier.analyses[en].entities
    assert {k: c.alignment.semantic for k, c in dossier.comparisons.items()} == {
        k: fi not in k and fi2 not in k for k in dossier.comparisons}
