"""A corrected date changes who took from whom: the real dossier analysis on a small dossier.

Real SQLite file, the real spaCy pipeline and embedding model (hence slow).
"""
from __future__ import annotations

from datetime import date

import pytest

from parallax.core.insights.story import DirectionBasis
from parallax.core.engine import analyse_dossier
from parallax.core.ingest.readers import read_pasted
from parallax.core.store import library

pytestmark = pytest.mark.slow

WIRE = (
    "BAGHDAD — Iraq's prime minister will meet the American president in Washington on Monday.\n\n"
    "The two leaders are expected to announce the end of the combat mission by the end of the year.\n\n"
    "About 2,500 American troops remain in the country to train and advise Iraqi forces.\n\n"
    "Officials said the troops would stay on in an advisory role after the announcement.\n\n"
    "Militias backed by Iran have demanded that all foreign forces leave Iraq."
)
REWRITE = (
    "BAGHDAD — Iraq's prime minister will meet the US president in Washington on Monday.\n\n"
    "The two leaders are expected to announce the end of the combat mission by the end of the year.\n\n"
    "About 2,500 American troops remain in the country, officially to train and advise Iraqi forces.\n\n"
    "Officials said the troops would stay on in an advisory role after the announcement.\n\n"
    "Resistance groups say the occupation must end completely and without delay."
)


def reuse_link(store, dossier_id: int):
    [link] = analyse_dossier(store, dossier_id).analysis.shared
    return link


def test_editing_a_date_flips_the_reuse_direction(store):
    wire = read_pasted(WIRE, outlet="Wire", published="2021-07-24")
    rewrite = read_pasted(REWRITE, outlet="Rewrite", published="2021-07-26")
    rep = library.add_articles(store, [wire, rewrite], dossier="Talks")
    wire_id, rewrite_id = rep.added

    link = reuse_link(store, rep.dossier_id)
    assert (link.source, link.target, link.basis) == (wire_id, rewrite_id, DirectionBasis.DATES)

    # The wire story's date was wrong at import: it really ran two days after the rewrite.
    edited = library.update_article_details(store, wire_id, published="2021-07-28")
    assert edited.published == date(2021, 7, 28)
    link = reuse_link(store, rep.dossier_id)
    assert (link.source, link.target, link.basis) == (rewrite_id, wire_id, DirectionBasis.DATES)
