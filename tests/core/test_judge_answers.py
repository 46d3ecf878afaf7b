"""The pair judge's three answers with the real models: a table of hard pairs
any future change must keep, and the calibration (probabilities, symmetry,
every answer reachable).

``HARD_NOT_SAME`` pairs share their words but not their statement (roles,
"from" / "to", the agent of a passive exchanged; a negation; a changed number
or date; a replaced actor; a word against its opposite; "will" against
"may"): the answer must not be "same". ``HARD_SAME`` pairs state the same thing
in another form (voice, clause order, synonyms, "U.S." / "United States"): the
answer must be "same"."""
from __future__ import annotations

import json
import subprocess

import pytest

from parallax.core.pairs.judge import PairConfig, Verdict, judge_pairs, load_answer_model

pytestmark = pytest.mark.slow  # loads the embedding model, the adapter and spaCy's parser

HARD_NOT_SAME = {
    "subject-object": ("The police arrested the protesters outside the parliament.",
                       "The protesters arrested the police outside the parliament."),
    "from-to": ("Thousands of flights from New York to Florida were cancelled.",
                "Thousands of flights from Florida to New York were cancelled."),
    "passive-agent": ("The senator was sharply criticised by the governor on Friday.",
                      "The governor was sharply criticised by the senator on Friday."),
    "negation": ("The minister said the talks would resume next week.",
                 "The minister said the talks would not resume next week."),
    "number": ("The earthquake killed at least 45 people in the north of the country.",
               "The earthquake killed at least 145 people in the north of the country."),
    "date": ("The new law takes effect on 1 January 2021, the ministry said.",
             "The new law takes effect on 1 January 2023, the ministry said."),
    "actor": ("Germany beat France 2-0 in the final on Sunday.",
              "Germany beat Italy 2-0 in the final on Sunday."),
    "antonym": ("Oil prices rose sharply on Monday after the announcement.",
                "Oil prices fell sharply on Monday after the announcement."),
    "modality": ("The company will close two of its factories next year.",
                 "The company may close two of its factories next year."),
    "past-future": ("The president will visit Kyiv next week, the White House said.",
                    "The president visited Kyiv last week, the White House said."),
    "unrelated": ("The cat sat.", "Stocks fell sharply in Tokyo."),
}
HARD_SAME = {
    "voice": ("The committee approved the new budget on Tuesday.",
              "The new budget was approved by the committee on Tuesday."),
    "clause-order": ("After the storm passed, residents returned to their homes.",
                     "Residents returned to their homes after the storm passed."),
    "synonyms": ("The company said on Monday that its quarterly profit rose 10 percent to $5 million.",
                 "Quarterly profit climbed 10 percent to $5 million, the company said Monday."),
    "us-united-states": ("U.S. troops will leave Iraq by the end of the year.",
                         "United States troops will leave Iraq by the end of the year."),
    "identical": ("Police arrested two men after the robbery in Boston on Tuesday.",
                  "Police arrested two men after the robbery in Boston on Tuesday."),
}
# Same topic and actors, another claim; and nothing in common.
RELATED = ("The president met the prime minister in Berlin to discuss trade.",
           "The president and the prime minister disagreed on trade during their Berlin meeting.")
DIFFERENT = ("The hurricane forced thousands of residents to leave the coast.",
             "The central bank left interest rates unchanged at 2 percent.")
ALL = [*HARD_NOT_SAME.values(), *HARD_SAME.values(), RELATED, DIFFERENT]


@pytest.fixture(scope="module")
def judged():
    return dict(zip(ALL, judge_pairs(ALL)))


@pytest.mark.parametrize("name", HARD_NOT_SAME)
def test_shared_words_with_another_statement_are_not_same(judged, name):
    j = judged[HARD_NOT_SAME[name]]
    assert j.verdict is not Verdict.SAME and not j.same, j


@pytest.mark.parametrize("name", HARD_SAME)
def test_the_same_statement_in_another_form_is_same(judged, name):
    j = judged[HARD_SAME[name]]
    assert j.verdict is Verdict.SAME and j.same, j


def test_probabilities_sum_to_one_and_score_is_p_same(judged):
    for j in judged.values():
        assert set(j.probabilities) == set(Verdict)
        assert abs(sum(j.probabilities.values()) - 1.0) < 1e-9
        assert all(0.0 <= p <= 1.0 for p in j.probabilities.values())
        assert j.score == j.probabilities[Verdict.SAME]
        assert j.same == (j.verdict is Verdict.SAME)


def test_all_three_answers_occur(judged):
    assert judged[RELATED].verdict is Verdict.RELATED
    assert judged[DIFFERENT].verdict is Verdict.DIFFERENT
    assert {j.verdict for j in judged.values()} == set(Verdict)


def test_the_answer_is_the_threshold_then_the_likelier_of_the_rest(judged):
    threshold = load_answer_model().threshold
    for j in judged.values():
        p = j.probabilities
        if p[Verdict.SAME] >= threshold:
            assert j.verdict is Verdict.SAME
        else:
            assert j.verdict is (Verdict.RELATED if p[Verdict.RELATED] >= p[Verdict.DIFFERENT]
                                 else Verdict.DIFFERENT)


def test_a_structured_conflict_is_related_at_most(judged):
    threshold = load_answer_model().threshold
    for name in ("subject-object", "from-to", "passive-agent", "modality"):
        j = judged[HARD_NOT_SAME[name]]
        assert j.verdict is Verdict.RELATED, name
        if j.features["parsed"]:
            assert j.features["role_swap"] or j.features["modality_swap"], name
        else:  # the model alone kept it far from "same": no parse needed
            assert j.score < threshold / 2, name


def test_a_same_by_rule_says_its_grounds_and_the_models_same_says_none(judged):
    """A rule's "same" (P 1.0) says why in words; the model's "same" has its
    probability, not grounds; a pair that is not the same has none."""
    assert judged[HARD_SAME["identical"]].grounds == ("the same words",)
    assert judged[HARD_SAME["identical"]].score == 1.0
    for name in ("voice", "clause-order", "synonyms"):
        j = judged[HARD_SAME[name]]
        assert j.verdict is Verdict.SAME and j.grounds == () and j.score < 1.0, name
    for pair in (*HARD_NOT_SAME.values(), RELATED, DIFFERENT):
        assert judged[pair].grounds == ()
    listed, = judge_pairs([("Bread and milk prices rose again in March.",
                            "Milk and bread prices rose again in March.")])
    assert (listed.verdict, listed.grounds) == (Verdict.SAME, ("the same items of a list in another order",))
    ranked, = judge_pairs([("Kenya and Uganda finished first and second.",
                            "Uganda and Kenya finished first and second.")])
    assert ranked.verdict is not Verdict.SAME and ranked.grounds == ()


def test_judgement_is_exactly_symmetric(judged):
    flipped = judge_pairs([(b, a) for a, b in ALL])
    for pair, j in zip(ALL, flipped):
        k = judged[pair]
        assert (j.score, j.verdict, j.probabilities) == (k.score, k.verdict, k.probabilities)


def test_skipping_the_parse_changes_no_answer(judged):
    """The parse runs only where it could change the answer: a pair it skips
    is judged exactly as without the structured check."""
    without = dict(zip(ALL, judge_pairs(ALL, config=PairConfig(use_structure=False))))
    skipped = [p for p, j in judged.items() if not j.features["parsed"]]
    assert skipped and len(skipped) < len(ALL)
    for pair in skipped:
        assert judged[pair].probabilities == without[pair].probabilities


def test_cli_pairs_prints_the_answer_and_its_probabilities(tmp_path):
    from tests.core.test_pairs import _parallax_command

    tsv = tmp_path / "pairs.tsv"
    rows = [HARD_SAME["voice"], RELATED, DIFFERENT, HARD_NOT_SAME["from-to"], HARD_SAME["identical"]]
    tsv.write_text("".join(f"{a}\t{b}\n" for a, b in rows), encoding="utf-8")
    run = subprocess.run([*_parallax_command(), "pairs", str(tsv)], capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert [d["answer"] for d in lines] == ["same", "related", "different", "related", "same"]
    assert [d["conflicts"] for d in lines] == [[], [], [], ["who did what to whom differs"], []]
    assert [d["grounds"] for d in lines] == [[], [], [], [], ["the same words"]]
    for d in lines:
        assert set(d) == {"score", "same", "answer", "probabilities", "conflicts", "grounds"}
        assert set(d["probabilities"]) == {"same", "related", "different"}
        assert abs(sum(d["probabilities"].values()) - 1.0) < 1e-3
        assert d["same"] == (d["answer"] == "same")
        assert d["score"] == d["probabilities"]["same"]


# One actor replaced by another in sentences otherwise alike: never "same",
# however sure the model is. The model alone is not safe here: it reads
# several of these as the same statement with P(same) above 0.9 (Toyota /
# Honda 0.97, Zelensky / Putin 0.96, Iran / Iraq 0.92), so the structured
# check's "a different actor" must keep deciding them. Written on 2026-12-07
# after a gate that let a sure model overrule the check (kept off main) turned
# five of them "same".
REPLACED_ACTORS = [
    ("Russia said it would send troops to the border next week.",
     "China said it would send troops to the border next week."),
    ("Apple reported record profits for the third quarter on Tuesday.",
     "Microsoft reported record profits for the third quarter on Tuesday."),
    ("Pelosi said the bill would pass the House next week.",
     "McCarthy said the bill would pass the House next week."),
    ("The talks were hosted by Qatar, a senior official said.",
     "The talks were hosted by Egypt, a senior official said."),
    ("Manchester United signed the striker for 60 million pounds.",
     "Chelsea signed the striker for 60 million pounds."),
    ("Toyota will recall 300,000 cars over faulty airbags, the company said.",
     "Honda will recall 300,000 cars over faulty airbags, the company said."),
    ("Biden called the decision a serious mistake.", "Trump called the decision a serious mistake."),
    ('"We will not back down," Zelensky told parliament.', '"We will not back down," Putin told parliament.'),
    ("Kenya's president opened the new railway on Friday.", "Uganda's president opened the new railway on Friday."),
    ("Smith scored twice as Arsenal won 3-1.", "Jones scored twice as Arsenal won 3-1."),
    ("Iran rejected the proposal, the foreign ministry said.", "Iraq rejected the proposal, the foreign ministry said."),
    ("Goldman Sachs cut its growth forecast for Europe.", "Morgan Stanley cut its growth forecast for Europe."),
    ("The Pentagon confirmed that two soldiers were killed.", "The Kremlin confirmed that two soldiers were killed."),
    ("Merkel met Macron in Berlin to discuss the budget.", "Merkel met Johnson in Berlin to discuss the budget."),
    ("Senator Warren introduced the bill on Monday.", "Senator Sanders introduced the bill on Monday."),
    ("Hurricane Ida made landfall in Louisiana on Sunday.", "Hurricane Ida made landfall in Mississippi on Sunday."),
    ("Nigeria's army said it had freed 30 hostages.", "Niger's army said it had freed 30 hostages."),
    ("Amazon agreed to buy the startup for $2 billion.", "Google agreed to buy the startup for $2 billion."),
    # Known misses: a name with a description beside it ("Police chief", "group")
    # keeps the two sentences below the check's "worded alike" overlap.
    pytest.param("Police chief John Smith said the suspect was armed and dangerous.",
                 "Mayor Jane Doe said the suspect was armed and dangerous.",
                 marks=pytest.mark.xfail(strict=True, reason="descriptions beside the names: not alike enough")),
    pytest.param("The attack was claimed by the Islamic State group.", "The attack was claimed by al-Qaeda.",
                 marks=pytest.mark.xfail(strict=True, reason="a description beside the name: not alike enough")),
]


@pytest.fixture(scope="module")
def replaced_judged():
    pairs = [p.values if hasattr(p, "values") else p for p in REPLACED_ACTORS]
    return dict(zip(pairs, judge_pairs(pairs)))


@pytest.mark.parametrize(("a", "b"), REPLACED_ACTORS)
def test_a_replaced_actor_is_never_the_same_statement(replaced_judged, a, b):
    j = replaced_judged[a, b]
    assert j.verdict is not Verdict.SAME, (j.score, j.conflicts)


# Pairs that are not the same statement and that the judge still calls the
# same (a probe of hand-written pairs, 2026-12-07): words of opposite sense
# that WordNet's antonym pointers do not link ("upheld" / "overturned",
# "survived" / "died", "accepted" / "declined", "landed in" / "took off
# from", "withdrew from" / "entered"), a replaced actor that is no name
# ("rebels" / "government forces"). Strict: one that starts passing
# is a fix to move into HARD_NOT_SAME.
KNOWN_MISSES = [
    ("The court upheld the ban on Tuesday.", "The court overturned the ban on Tuesday."),
    ("Most of the passengers survived the crash.", "Most of the passengers died in the crash."),
    ("The president accepted the invitation.", "The president declined the invitation."),
    ("The plane landed in Denver after a four-hour delay.",
     "The plane took off from Denver after a four-hour delay."),
    ("Britain withdrew from the agreement in March.", "Britain entered the agreement in March."),
    ("Rebels captured the town after a week of fighting.",
     "Government forces captured the town after a week of fighting."),
]


@pytest.fixture(scope="module")
def missed_judged():
    return dict(zip(KNOWN_MISSES, judge_pairs(KNOWN_MISSES)))


@pytest.mark.xfail(strict=True, reason="known miss: see KNOWN_MISSES")
@pytest.mark.parametrize(("a", "b"), KNOWN_MISSES)
def test_known_miss_is_not_the_same_statement(missed_judged, a, b):
    assert missed_judged[a, b].verdict is not Verdict.SAME
