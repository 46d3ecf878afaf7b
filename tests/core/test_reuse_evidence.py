"""Reuse claims rest on textual evidence: passages of the reuse detector, never
paraphrase alignments alone; a statement both articles quote is "both quote".

Real SQLite file, the real spaCy pipeline and embedding model, the real
detector, through the ``Workspace`` facade (hence slow).
"""
from __future__ import annotations

import pytest

from parallax.core.ingest.readers import read_pasted
from parallax.core.reuse.bounds import common_runs
from parallax.core.reuse.prepare import words
from parallax.core.workspace import Workspace

pytestmark = pytest.mark.slow

# Two independent reports of one (invented) arrest: different wording, the same
# facts, and the governor's statement, which both quote.
STATEMENT = ("We ask everyone in the territory to remain calm at this time. The police "
             "will do their work, and the courts will do theirs, without fear or favour. "
             "No one is above the law in these islands, and no one will be treated as if they were.")
HARBOUR = (
    "Port official detained over harbour fees\n\n"
    "Investigators on Thursday took the harbour master of Port Elan into custody, accusing him "
    "of pocketing fees paid by cargo ships over three years.\n\n"
    "Daniel Morrow, 54, was led from his office in handcuffs shortly after nine in the morning, "
    "witnesses said. Police searched the building for several hours.\n\n"
    f"In a televised address, Governor Ruth Anand said: “{STATEMENT}”\n\n"
    "Mr Morrow has run the port since 2016. His lawyer did not answer calls on Thursday.\n\n"
    "Shipping companies have complained for years that the fees at Port Elan were higher "
    "than at any other port on the coast."
)
COAST = (
    "Arrest of harbour chief shakes island capital\n\n"
    "The man in charge of the island's main port was arrested yesterday on suspicion that "
    "he stole money that shipping firms had paid in dues since 2019.\n\n"
    "Officers escorted Morrow out of the port authority headquarters in the early morning "
    "while a crowd gathered outside, according to people at the scene.\n\n"
    f"Governor Anand addressed residents on television. \"{STATEMENT}\" she said.\n\n"
    "Morrow, who took over the harbour nine years ago, could not be reached for comment, "
    "and his attorney declined to speak to reporters.\n\n"
    "Traders say the dues charged at the port had long been the steepest in the region."
)

# A source article and a rewrite that copies three of its paragraphs with small edits.
SOURCE = (
    "Flood barrier fails as river reaches record height\n\n"
    "The new flood barrier on the River Wend gave way on Sunday night after the river rose "
    "higher than at any time since records began, flooding more than two hundred homes in the "
    "lower town.\n\n"
    "Engineers had warned the county council last year that the barrier's foundations were not "
    "deep enough for the soft clay of the river bank, according to minutes of the meeting seen "
    "by this newspaper.\n\n"
    "The council said on Monday that it would commission an independent inquiry into the design "
    "of the barrier and the way the contract was awarded to the building firm.\n\n"
    "Residents who were moved to the sports hall overnight said they had been given little "
    "warning, with some woken by neighbours knocking on doors after midnight.\n\n"
    "The barrier cost eleven million pounds and was opened by the environment minister only "
    "eighteen months ago, when it was described as the strongest defence on the river."
)
COPY = (
    "Barrier collapse floods the lower town\n\n"
    "Water poured into streets near the market square on Monday morning as the clean-up began, "
    "and shopkeepers carried ruined stock out onto the pavements.\n\n"
    "Engineers had warned the county council last year that the barrier's foundations were not "
    "deep enough for the soft clay of the riverbank, according to minutes of the meeting seen "
    "by reporters.\n\n"
    "The council said on Monday it would commission an independent inquiry into the design "
    "of the barrier and the way the contract was awarded to the construction firm.\n\n"
    "The barrier cost 11 million pounds and was opened by the environment minister only "
    "eighteen months ago, when it was described as the strongest defence on the river.\n\n"
    "A spokesman for the fire service said crews had pumped water from forty houses and that "
    "the work would continue for days."
)


def _analyse(store, articles: list[tuple[str, str, str | None]]):
    ws = Workspace(store)
    rep = ws.add_articles([read_pasted(t, outlet=o, published=d) for t, o, d in articles], dossier="D")
    return rep.added, ws.dossier_analysis(rep.dossier_id)


def _longest_run(a: str, b: str) -> int:
    runs = common_runs([w[2] for w in words(a)], [w[2] for w in words(b)], 1)
    return max((n for _, _, n in runs), default=0)


def test_seed_dossier_claims_only_that_kayhan_took_from_the_new_york_times(store):
    ws = Workspace(store)
    dossier = ws.seed_dossier()
    by_outlet = {a.outlet: a.id for a in ws.articles(dossier)}
    result = ws.dossier_analysis(dossier)
    claims = [(r.source, r.target) for r in result.analysis.shared]
    assert claims == [(by_outlet["The New York Times"], by_outlet["Kayhan"])]
    [claim] = result.analysis.shared
    texts = {a.info.id: a.text for a in result.articles}
    assert len(claim.passages) >= 2
    for p in claim.passages:
        # Each passage is text of both articles that shares wording, not just facts.
        src = texts[claim.source][p.source_start:p.source_end]
        dst = texts[claim.target][p.target_start:p.target_end]
        assert _longest_run(src, dst) >= 8
    # The share is the passages' text (less what the target itself quotes).
    covered = sum(p.target_end - p.target_start for p in claim.passages)
    assert 0.5 < claim.share <= covered / len(texts[claim.target])
    doc = result.to_dict()
    [link] = doc["reuse"]
    assert link["passages"] and {"source_start", "source_end", "target_start", "target_end",
                                 "kind", "text"} <= set(link["passages"][0])


def test_independent_reports_quoting_one_statement_make_no_reuse_claim(store):
    assert _longest_run(HARBOUR.replace(STATEMENT, ""), COAST.replace(STATEMENT, "")) < 8
    (h, c), result = _analyse(store, [(HARBOUR, "Harbour Post", "2026-03-05"),
                                      (COAST, "Coast News", "2026-03-06")])
    assert result.analysis.shared == ()
    [quote] = result.analysis.quotes
    texts = {a.info.id: a.text for a in result.articles}
    for art, start, end in ((quote.a, quote.a_start, quote.a_end), (quote.b, quote.b_start, quote.b_end)):
        span = texts[art][start:end]
        assert "remain calm at this time" in span and "without fear or favour" in span
        assert texts[art].index(STATEMENT) - 2 <= start and end <= texts[art].index(STATEMENT) + len(STATEMENT) + 2
    doc = result.to_dict()
    assert doc["reuse"] == [] and len(doc["quotes"]) == 1


def test_copied_paragraphs_are_a_claim_whose_passages_point_at_the_copy(store):
    (src, dst), result = _analyse(store, [(SOURCE, "Wend Gazette", "2026-02-01"),
                                          (COPY, "Valley Daily", "2026-02-02")])
    source, copy = (a.text for a in result.articles)
    [claim] = result.analysis.shared
    assert (claim.source, claim.target) == (src, dst)
    assert claim.passages and result.analysis.quotes == ()
    copied = ["Engineers had warned", "The council said on Monday", "The barrier cost"]
    for first_words in copied:
        a_at, b_at = source.index(first_words), copy.index(first_words)
        assert any(p.source_start <= a_at + 2 and a_at < p.source_end
                   and p.target_start <= b_at + 2 and b_at < p.target_end for p in claim.passages)
    for p in claim.passages:
        # Nothing from the rewrite's own paragraphs (its first and last) is claimed.
        assert p.target_start >= copy.index("Engineers had warned") - 2
        assert p.target_end <= copy.index("A spokesman")
    assert 0.4 < claim.share < 0.8
