"""Paraphrase judgement of sentence pairs (``parallax.core.pairs.judge``) and the
``parallax pairs`` command. Uses the real embedding model when it is installed
(as in CI), and the lexical-only model in the tests that ask for it."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from parallax.core.pairs.judge import (
    LEXICAL_FEATURES,
    SEMANTIC_FEATURES,
    PairConfig,
    Verdict,
    contradictions,
    judge_pairs,
    load_answer_model,
    load_pair_model,
)
from parallax.core.errors import Cancelled

pytestmark = pytest.mark.slow  # loads the embedding model

PARAPHRASE = (
    "The company said on Monday that its quarterly profit rose 10 percent to $5 million.",
    "Quarterly profit climbed 10 percent to $5 million, the company said Monday.",
)
NUMBER_CHANGED = (
    "Shares of Acme Corp. rose 5 percent to $20.50 on Friday.",
    "Shares of Acme Corp. rose 7 percent to $22.10 on Friday.",
)
NEGATED = (
    "The minister said the talks would resume next week.",
    "The minister said the talks would not resume next week.",
)
UNRELATED = (
    "The hurricane forced thousands of residents to leave the coast.",
    "The central bank left interest rates unchanged at 2 percent.",
)
IDENTICAL = (
    "Police arrested two men after the robbery in Boston on Tuesday.",
    "Police arrested two men after the robbery in Boston on Tuesday.",
)
LEXICAL = PairConfig(use_embeddings=False)


@pytest.fixture(scope="module", params=["semantic", "lexical"])
def config(request) -> PairConfig:
    return PairConfig() if request.param == "semantic" else LEXICAL


def test_clear_paraphrase_is_same(config):
    [j] = judge_pairs([PARAPHRASE], config=config)
    assert j.same
    assert j.score > 0.6


OPPOSITE = (
    "The company said profits rose sharply in the second quarter.",
    "The company said profits fell sharply in the second quarter.",
)
ORDINAL = (
    "The company said profits rose sharply in the second quarter.",
    "The company said profits rose sharply in the third quarter.",
)
SWAPS = ("number_swap", "negation_swap", "opposite_swap")


@pytest.mark.parametrize("pair, swap", [(NUMBER_CHANGED, "number_swap"), (NEGATED, "negation_swap"),
                                        (OPPOSITE, "opposite_swap"), (ORDINAL, "number_swap")],
                         ids=["number", "negation", "opposite", "ordinal"])
def test_changed_fact_is_not_same(config, pair, swap):
    [j] = judge_pairs([pair], config=config)
    assert not j.same
    if j.features["cross"]:
        threshold = load_answer_model().threshold
    else:
        threshold = load_pair_model("semantic" if j.features["semantic"] else "lexical").threshold
    assert j.score < threshold
    assert [s for s in SWAPS if j.features[s]] == [swap]


@pytest.mark.parametrize("pair", [
    ("Profits rose sharply.", "Profits climbed sharply."),  # same sense
    ("Shares of the firm rose in early trading on the exchange today.",
     "Shares of the firm fell back in early trading on the exchange today."),  # more words
])
def test_opposite_swap_needs_a_lone_opposite(pair):
    assert not contradictions(*pair).opposite_swap


def test_unrelated_is_not_same(config):
    [j] = judge_pairs([UNRELATED], config=config)
    assert not j.same
    assert j.score < 0.2


def test_identical_scores_near_one(config):
    [j] = judge_pairs([IDENTICAL], config=config)
    assert j.same
    assert j.score > 0.9


def test_same_numbers_written_differently_are_no_swap():
    [j] = judge_pairs([("Sales rose 0.7 percent to 1,750 units.",
                        "Sales rose 0.66 percent to 1750 units.")])
    # the rule sees no swap; the model may still call the rounding "related"
    assert j.features["number_swap"] == 0.0
    assert j.verdict is not Verdict.DIFFERENT


@pytest.mark.parametrize("pair", [("", ""), ("", "Something happened."),
                                  ("Something happened.", "   "), ("!!!", "...")])
def test_empty_sentences_do_not_crash_and_are_never_same(pair):
    [j] = judge_pairs([pair])
    assert j.score == 0.0
    assert not j.same
    assert j.features["empty"] == 1.0


def test_scores_are_probabilities_and_order_is_kept():
    pairs = [PARAPHRASE, NUMBER_CHANGED, UNRELATED, IDENTICAL, NEGATED,
             ("“Quotes” — and dashes 🙂", '"Quotes" - and dashes 🙂'),
             ("word " * 300, "word " * 280),  # longer than the encoder's 256-token window
             (PARAPHRASE[1], PARAPHRASE[0])]
    out = judge_pairs(pairs)
    assert len(out) == len(pairs)
    assert all(0.0 <= j.score <= 1.0 for j in out)
    assert [j.same for j in out[:5]] == [True, False, False, True, False]
    # the judgement does not depend on which side a sentence is on
    assert out[-1].same == out[0].same
    assert abs(out[-1].score - out[0].score) < 1e-6


def test_features_name_the_model_used():
    [sem] = judge_pairs([PARAPHRASE])
    [lex] = judge_pairs([PARAPHRASE], config=LEXICAL)
    assert lex.features["semantic"] == 0.0
    assert set(LEXICAL_FEATURES) <= set(lex.features) and "emb_cos" not in lex.features
    [bi] = judge_pairs([PARAPHRASE], config=PairConfig(use_cross=False))
    if bi.features["semantic"] == 1.0:  # the embedding model is installed
        assert set(SEMANTIC_FEATURES) <= set(bi.features)
        assert bi.features["emb_cos"] > 0.7
    if sem.features["cross"] == 1.0:  # the cross-encoder decides: no bi-encoder pass
        assert sem.features["semantic"] == 0.0 and "emb_cos" not in sem.features
        assert sem.features["cross_logit"] > 0


def test_no_pairs():
    assert judge_pairs([]) == []


def test_should_cancel_stops():
    with pytest.raises(Cancelled):
        judge_pairs([PARAPHRASE, UNRELATED], should_cancel=lambda: True)


def test_threshold_override():
    [j] = judge_pairs([PARAPHRASE], config=PairConfig(threshold=0.999))
    assert not j.same


def _parallax_command() -> list[str]:
    exe = Path(sys.executable).with_name("parallax")
    if exe.is_file():
        return [str(exe)]
    found = shutil.which("parallax")
    return [found] if found else [sys.executable, "-m", "parallax.desktop.cli"]


def test_cli_pairs_prints_one_json_line_per_pair(tmp_path):
    tsv = tmp_path / "pairs.tsv"
    rows = [PARAPHRASE, NUMBER_CHANGED, UNRELATED, IDENTICAL]
    tsv.write_text("\n".join(f"{a}\t{b}" for a, b in rows) + "\n\n", encoding="utf-8")
    run = subprocess.run([*_parallax_command(), "pairs", str(tsv)], capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    assert [d["same"] for d in lines] == [True, False, False, True]
    assert all(0.0 <= d["score"] <= 1.0 for d in lines)


def test_cli_pairs_rejects_a_line_without_a_tab(tmp_path):
    tsv = tmp_path / "bad.tsv"
    tsv.write_text("only one sentence here\n", encoding="utf-8")
    run = subprocess.run([*_parallax_command(), "pairs", str(tsv)], capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 1
    assert "bad.tsv" in run.stderr and "line 1" in run.stderr


@pytest.mark.parametrize("a, b, swap", [
    # a decimal comma states the same quantity as a decimal point
    ("Some 1,2 million women still take the pills.", "Some 1.2 million women still take the pills.", False),
    # one distance or sum in other units, converted: not two quantities
    ("The probe will have travelled 2.8 billion miles by then.",
     "The probe will have travelled 4.6 billion kilometres by then.", False),
    ("The family won a £90,000 settlement in one case.", "The family won a $165,000 settlement in one case.", False),
    # the same unit, another number: a swap
    ("The probe will have travelled 2.8 billion miles by then.",
     "The probe will have travelled 4.6 billion miles by then.", True),
    ("The family won a $90,000 settlement in one case.", "The family won a $165,000 settlement in one case.", True),
    ("Some 1,2 million women still take the pills.", "Some 1,4 million women still take the pills.", True),
])
def test_a_number_swap_needs_the_same_unit(a, b, swap):
    assert contradictions(a, b).number_swap is swap
    assert contradictions(b, a).number_swap is swap


@pytest.mark.parametrize("a, b, kind", [
    # another weekday or month in the same place
    ("The minister resigned on Monday after the report was published.",
     "The minister resigned on Friday after the report was published.", "date_swap"),
    ("The talks will resume in March, officials said.", "The talks will resume in June, officials said.",
     "date_swap"),
    # opposites, one word or several in one place
    ("The senator voted for the bill.", "The senator voted against the bill.", "opposite_swap"),
    ("The court acquitted the former president.", "The court convicted the former president.", "opposite_swap"),
    ("Protesters clashed with police in the north of the city.",
     "Protesters clashed with police in the south of the city.", "opposite_swap"),
    ("Exports to China rose sharply last year.", "Imports from China rose sharply last year.", "opposite_swap"),
    # a denial against a statement; two verbs of saying: none
    ("The army said the strike hit a weapons depot.", "The army denied the strike hit a weapons depot.",
     "negation_swap"),
    ("The army said the strike hit a weapons depot.", "The army confirmed the strike hit a weapons depot.", ""),
    # a short sentence that differs in one place only, however much of it that is
    ("Exports to China doubled last year.", "Imports from China doubled last year.", "opposite_swap"),
    ("Stocks fell in Tokyo.", "Stocks slumped in Tokyo.", ""),
    # WordNet's antonyms, by lemma
    ("The company hired 300 workers at the plant.", "The company fired 300 workers at the plant.",
     "opposite_swap"),
    ("The practice is legal in most states.", "The practice is illegal in most states.", "opposite_swap"),
    ("Most of the victims were women, police said.", "Most of the victims were men, police said.",
     "opposite_swap"),
    ("The rally took place inside the stadium.", "The rally took place outside the stadium.", "opposite_swap"),
    ("The report will be published next week.", "The report will be published last week.",
     "opposite_swap date_swap"),
    # agents of opposite verbs; a quantifier against its opposite
    ("Russia is the largest exporter of wheat.", "Russia is the largest importer of wheat.", "opposite_swap"),
    ("Most analysts expect the economy to grow.", "Few analysts expect the economy to grow.", "opposite_swap"),
    # words of one sense, not opposites: none
    ("The company hired 300 workers at the plant.", "The company employed 300 workers at the plant.", ""),
    # words of viewpoint: two reports of one visit say it either way
    ("The prime minister will come to Washington on Monday.",
     "The prime minister will go to Washington on Monday.", ""),
    # what happened against what is to come, whatever the tense changed around it
    ("The storm is expected to hit the coast tomorrow.", "The storm hit the coast yesterday.", "date_swap"),
    ("The minister will resign next week.", "The minister resigned last week.", "date_swap"),
    ("Prices are likely to fall next month.", "Prices fell last month.", "date_swap"),
    ("The vote was held three days ago, officials said.",
     "The vote will be held three days from now, officials said.", "date_swap"),
    # time pointing the same way, or both ways on one side, or little else shared: none
    ("The storm hit the coast yesterday.", "Yesterday the storm struck the coast.", ""),
    ("He said yesterday that he would resign next week.", "He will resign next week.", ""),
    ("Oil prices fell sharply yesterday.", "The central bank will meet tomorrow to discuss rates.", ""),
    # the same day told otherwise, "may" the verb, the same month abbreviated: none
    ("The strike began on Sunday, the union said.", "The strike began yesterday, the union said.", ""),
    ("The talks may resume soon, officials said.", "The talks will resume soon, officials said.", ""),
    ("The talks will resume in September, officials said.", "The talks will resume in Sept., officials said.", ""),
])
def test_dates_and_opposites_in_one_place(a, b, kind):
    for x, y in ((a, b), (b, a)):
        found = contradictions(x, y)
        assert {k for k in ("number_swap", "negation_swap", "opposite_swap", "date_swap")
                if getattr(found, k)} == set(kind.split())
    if kind:
        [j] = judge_pairs([(a, b)])
        assert not j.same and all(j.features[k] == 1.0 for k in kind.split())


def test_wordnet_opposites_are_shipped_and_read_by_lemma():
    """resources/opposites.tsv (bench/build_opposites.py) holds WordNet's
    antonyms with its license; irregular forms find their lemma."""
    from parallax.core.pairs.judge import OPPOSITES_RESOURCE, wordnet_opposites
    from parallax.core.reuse.prepare import stem
    from parallax.resources import resource_path

    head = resource_path(OPPOSITES_RESOURCE).read_text(encoding="utf-8")[:2000]
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in head
    opposites, forms = wordnet_opposites()
    assert len(opposites) > 3000
    assert forms["took"] == "take" and stem("give") in opposites[stem("take")]
    assert stem("sister") in opposites[stem("brother")]


# Two parts of a sentence trading places around the same words (the kind of
# pair that keeps every word and changes the statement), and the ways parts
# move that keep it.
EXCHANGED = (
    ("She was born in Vienna and died in Berlin in 1932.", "She was born in Berlin and died in Vienna in 1932."),
    ("He played for Ajax before joining Barcelona in 1973.", "He played for Barcelona before joining Ajax in 1973."),
    ("The song was written by Lennon and sung by McCartney.", "The song was written by McCartney and sung by Lennon."),
    ("The team won the cup in 1965 and the league in 1970.", "The team won the league in 1965 and the cup in 1970."),
    # a clause with its verb left out after the comma, not another item of a list
    ("The first vaccine was approved in Britain, the second in Canada.",
     "The first vaccine was approved in Canada, the second in Britain."),
    ("He studied law at Harvard and medicine at Yale.", "He studied medicine at Harvard and law at Yale."),
    ("Johnson was succeeded as mayor by Williams in 1910.", "Williams was succeeded as mayor by Johnson in 1910."),
    ("The river rises in the Black Forest and flows into the Danube near Ulm.",
     "The river rises near Ulm and flows into the Danube in the Black Forest."),
    ("The company's headquarters are in Chicago, and its largest factory is in Detroit.",
     "The company's headquarters are in Detroit, and its largest factory is in Chicago."),
    ("He asked for a passport to return to England through Scotland.",
     "He asked for a passport to return to Scotland through England."),
    # two parts of one quotation: what was said changed
    ('"Iran will attack Tel Aviv if Israel strikes," the cleric said.',
     '"Tel Aviv will attack Iran if Israel strikes," the cleric said.'),
    # "near" is a relation that holds both ways, but it does not join the two parts here
    ("Gold was found near the river, and silver in the hills.", "Silver was found near the river, and gold in the hills."),
)
NOT_EXCHANGED = (
    # items of one list, sides of a relation that holds both ways
    ("Smith and Jones founded the company in 1901.", "Jones and Smith founded the company in 1901."),
    ("The station is on the line between Leeds and York.", "The station is on the line between York and Leeds."),
    ("The museum holds works by Brown, Smith and Jones.", "The museum holds works by Jones, Smith and Brown."),
    ("The company restated its 2002, 2001 and 2000 results.", "The company restated its 2000, 2001 and 2002 results."),
    ("Iraq signed a trade deal with Iran on Monday.", "Iran signed a trade deal with Iraq on Monday."),
    ("Apple shares rose 2% while Microsoft shares fell 1%.", "Microsoft shares fell 1% while Apple shares rose 2%."),
    ("The prime minister met the president in Washington.", "The president met the prime minister in Washington."),
    # parts next to each other, a voice changed, a clause moved
    ("In Paris, in October 1560, he met the ambassador.", "In October 1560, in Paris, he met the ambassador."),
    ("On Friday, in Brussels, the two sides signed the accord.", "The two sides signed the accord in Brussels on Friday."),
    ("The church was designed by the architect John Nash.", "The architect John Nash designed the church."),
    ("An attempt last month in the Senate to keep the fund open for another year fell flat.",
     "An attempt to keep the fund open for another year fell flat in the Senate last month."),
    # who said it moved about the quotation; an acronym and its spelling
    ('"The gloves are off," said union official Rob O\'Neill.', 'Union official Rob O\'Neill said: "The gloves are off."'),
    ("Janet said she heard the thud from the kitchen.", "Janet heard the thud from the kitchen, she said."),
    ("The 1975 season of the NBA was the 30th season of the National Basketball Association.",
     "The 1975 season of the National Basketball Association was the 30th season of the NBA."),
)


@pytest.mark.parametrize("a, b", EXCHANGED)
def test_two_parts_trading_places_are_not_the_same_statement(a, b):
    for x, y in ((a, b), (b, a)):
        assert contradictions(x, y).exchange_swap, (x, y)
    [j] = judge_pairs([(a, b)])
    assert not j.same and j.features["exchange_swap"] == 1.0
    assert "two parts trade places" in j.conflicts or "who did what to whom differs" in j.conflicts


@pytest.mark.parametrize("a, b", NOT_EXCHANGED)
def test_parts_moved_without_changing_the_statement_are_no_exchange(a, b):
    for x, y in ((a, b), (b, a)):
        assert not contradictions(x, y).exchange_swap, (x, y)


def test_an_exchange_the_parse_reads_as_roles_is_said_once():
    [j] = judge_pairs([("Flights from New York to Florida were cancelled.",
                        "Flights from Florida to New York were cancelled.")])
    assert j.features["exchange_swap"] == 1.0 and j.features["role_swap"] == 1.0
    assert j.conflicts == ("who did what to whom differs",)


def test_the_two_names_of_x_and_y_reordered_are_the_same_statement():
    from parallax.core.pairs.judge import _names_reordered

    pairs = [("The minister visited France and Germany last week.",
              "The minister visited Germany and France last week."),
             ("Attacks continued despite US airstrikes in February and June.",
              "Attacks continued despite US airstrikes in June and February."),
             ("Prices rose 5% in March and 3% in April.", "Prices rose 3% in April and 5% in March.")]
    for j in judge_pairs(pairs):
        assert j.same and j.score == 1.0
    # The order of a list carries meaning with "respectively"; verbs are no names.
    assert not _names_reordered("Smith and Jones scored 3 and 5 goals respectively.",
                                "Jones and Smith scored 3 and 5 goals respectively.")
    assert not _names_reordered("Prices rose and fell on Monday.", "Prices fell and rose on Monday.")
    assert not _names_reordered("Prices rose 5% and fell 3%.", "Prices fell 3% and rose 5%.")
    assert not _names_reordered("France and Germany signed the accord.", "Germany and France rejected the accord.")
