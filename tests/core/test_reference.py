"""The dossier's reference article: chosen per dossier, kept in the store, with today's rule as fallback."""
from __future__ import annotations

from datetime import date

import pytest

from parallax.core.errors import InputError
from parallax.core.ingest.model import ImportedArticle
from parallax.core.store import library
from parallax.core.store.connection import open_store
from tests.core.storeutil import fingerprint


def article(text: str, published: date | None = None) -> ImportedArticle:
    return ImportedArticle(text=text, raw=text.encode("utf-8"), source_name=f"{text[:8]}.txt", fmt="text",
                           published=published)


@pytest.fixture
def two_dossiers(store):
    talks = library.add_articles(store, [article("Troops stay in Iraq."), article("Troops leave Iraq.",
                                                                                   date(2021, 7, 26))],
                                 dossier="Talks")
    other = library.add_articles(store, [article("A comet is visible.")], dossier="Sky")
    return talks, other


def test_the_reference_is_kept_per_dossier(store, two_dossiers):
    talks, other = two_dossiers
    assert library.reference_article(store, talks.dossier_id) is None
    library.set_reference_article(store, talks.dossier_id, talks.added[1])
    assert library.reference_article(store, talks.dossier_id) == talks.added[1]
    assert library.reference_article(store, other.dossier_id) is None
    library.set_reference_article(store, talks.dossier_id, talks.added[0])  # chosen again: replaced
    assert library.reference_article(store, talks.dossier_id) == talks.added[0]
    library.set_reference_article(store, talks.dossier_id, None)
    assert library.reference_article(store, talks.dossier_id) is None


def test_a_deleted_reference_is_no_reference(store, two_dossiers):
    talks, _ = two_dossiers
    library.set_reference_article(store, talks.dossier_id, talks.added[0])
    library.delete_article(store, talks.added[0])
    assert library.reference_article(store, talks.dossier_id) is None


@pytest.mark.parametrize("which", ["other dossier's article", "no such article", "no such dossier"])
def test_a_bad_reference_is_refused_and_the_store_is_unchanged(store_path, which):
    store = open_store(store_path)
    talks = library.add_articles(store, [article("Troops stay in Iraq.")], dossier="Talks")
    other = library.add_articles(store, [article("A comet is visible.")], dossier="Sky")
    library.set_reference_article(store, talks.dossier_id, talks.added[0])
    store.close()
    before = fingerprint(store_path)
    dossier, article_id = {
        "other dossier's article": (talks.dossier_id, other.added[0]),
        "no such article": (talks.dossier_id, 999),
        "no such dossier": (999, talks.added[0]),
    }[which]
    store = open_store(store_path)
    with pytest.raises(InputError) as err:
        library.set_reference_article(store, dossier, article_id)
    assert "\n" not in str(err.value)
    assert library.reference_article(store, talks.dossier_id) == talks.added[0]
    store.close()
    assert fingerprint(store_path) == before


def test_pick_reference_falls_back_to_the_earliest_dated_article(store, two_dossiers):
    talks, other = two_dossiers
    infos = library.list_articles(store, talks.dossier_id)
    undated, dated = infos
    assert library.pick_reference(infos, None) == dated.id  # the earliest dated: the likely source
    assert library.pick_reference(infos, undated.id) == undated.id  # the chosen one wins
    assert library.pick_reference(infos, 999) == dated.id  # a chosen one that is gone does not
    assert library.pick_reference([undated], None) == undated.id  # none dated: the first
    assert library.pick_reference([], None) is None
