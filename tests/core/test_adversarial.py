"""The hard-pair generator (``parallax.core.pairs.adversarial``) with the real
spaCy parser: each rewrite says what its label claims, rewrites the parse
cannot make safe are not produced, and the output is deterministic."""
from __future__ import annotations

from pathlib import Path

import pytest

from parallax.core.pairs.adversarial import NEGATIVE_KINDS, POSITIVE_KINDS, generate

pytestmark = pytest.mark.slow  # loads spaCy with its parser

SOURCES = (
    "Police arrested the suspect in Boston on Tuesday.",
    "The government moved the prisoners from Baghdad to Basra.",
    "The bill was approved by the lower house last week.",
    "The company said its profit rose 12 percent in 2020.",
    "Iraq will ask the United States to withdraw its combat troops.",
    "Officials said the talks would not resume before March.",
    "The minister said the army would leave the city.",
    "In April, the United States agreed to the withdrawal.",
    "Kenya beat Uganda in the final.",
    "The coalition approved the budget.",
    "Mozart was born in Salzburg and died in Vienna.",
    "The minister visited France and Germany last week.",
)

# (kind, source, rewrite): a table any change to the generator must keep.
EXPECTED = (
    ("subject_object", "Police arrested the suspect in Boston on Tuesday.",
     "The suspect arrested police in Boston on Tuesday."),
    ("subject_object", "Kenya beat Uganda in the final.", "Uganda beat Kenya in the final."),
    ("from_to", "The government moved the prisoners from Baghdad to Basra.",
     "The government moved the prisoners from Basra to Baghdad."),
    ("agent_patient", "The bill was approved by the lower house last week.",
     "The lower house was approved by the bill last week."),
    ("number", "The company said its profit rose 12 percent in 2020.",
     "The company said its profit rose 27 percent in 2020."),
    ("negation_add", "Police arrested the suspect in Boston on Tuesday.",
     "Police did not arrest the suspect in Boston on Tuesday."),
    ("negation_add", "Iraq will ask the United States to withdraw its combat troops.",
     "Iraq will not ask the United States to withdraw its combat troops."),
    ("modality", "Iraq will ask the United States to withdraw its combat troops.",
     "Iraq may ask the United States to withdraw its combat troops."),
    ("antonym", "The coalition approved the budget.", "The coalition rejected the budget."),
    ("clause_reorder", "Officials said the talks would not resume before March.",
     "The talks would not resume before March, officials said."),
    ("clause_reorder", "In April, the United States agreed to the withdrawal.",
     "The United States agreed to the withdrawal in April."),
    ("active_passive", "The coalition approved the budget.", "The budget was approved by the coalition."),
    ("active_passive", "The government moved the prisoners from Baghdad to Basra.",
     "The prisoners were moved by the government from Baghdad to Basra."),
    ("exchange", "Mozart was born in Salzburg and died in Vienna.",
     "Mozart was born in Vienna and died in Salzburg."),
    ("list_reorder", "The minister visited France and Germany last week.",
     "The minister visited Germany and France last week."),
)


@pytest.fixture(scope="module")
def pairs():
    return generate(SOURCES, per_kind=10)


@pytest.mark.parametrize("kind, a, b", EXPECTED)
def test_rewrite_table(pairs, kind, a, b):
    made = {(p.kind, p.a, p.b) for p in pairs}
    assert (kind, a, b) in made


def test_labels_follow_the_kind_and_every_rewrite_differs(pairs):
    assert {p.kind for p in pairs} <= set(NEGATIVE_KINDS) | set(POSITIVE_KINDS)
    for p in pairs:
        assert p.same == (p.kind in POSITIVE_KINDS)
        assert p.a in SOURCES and p.a != p.b


def test_replaced_actor_is_another_name_of_the_same_kind_not_an_alias(pairs):
    actors = [p for p in pairs if p.kind == "actor"]
    assert actors
    for p in actors:
        gone = set(p.a.split()) - set(p.b.split())
        came = set(p.b.split()) - set(p.a.split())
        assert gone and came and not gone & came
        assert all(any(w in s for s in SOURCES) for w in came)  # drawn from the sources' own names


def test_unsafe_rewrites_are_not_made():
    # A pronoun subject, a headline in title case (its "granted" is a reduced
    # passive), and a verb shared by two clauses are left alone by the voice change.
    sources = ("He arrested the suspect.", "Ankeet Chavan Granted Bail To Get Married",
               "The government denied the report and insists the program is peaceful.")
    made = generate(sources, per_kind=10)
    assert not [p for p in made if p.kind == "active_passive"]
    assert not [p for p in made if p.kind == "subject_object" and p.a.startswith("He ")]
    # Two names of one list, or the two sides of "v", are not exchanged for a negative.
    made = generate(("Murray and Federer reached the final in London.",
                     "Andy Murray v Roger Federer is the final on Sunday."), per_kind=10)
    assert not [p for p in made if p.kind == "exchange"]


def test_generation_is_deterministic_and_capped():
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    lines = [ln for f in sorted(seeds.glob("0*.txt"))
             for ln in f.read_text(encoding="utf-8").splitlines() if ln.strip()][:60]
    first, second = generate(lines, per_kind=3), generate(lines, per_kind=3)
    assert first == second and first
    for kind in NEGATIVE_KINDS:
        assert sum(p.kind == kind for p in first) <= 3
    for kind in POSITIVE_KINDS:
        assert sum(p.kind == kind for p in first) <= 6
