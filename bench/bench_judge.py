"""Can shared words fool the pair judge? Accuracy side by side, and speed.

Prints, for word-overlap cosine (lower-cased word counts; its cut chosen on the
STS training pairs), the judge as it was on main before the retrained
cross-encoder and calibrated answers (``bench/old_judge.py``, loaded from git
into this process) and :func:`parallax.core.pairs.judge.judge_pairs` as it is
now (without its structured check, and as shipped), the same / not-same
accuracy on
  (a) STS news headlines, dev split (``headlines_dev.tsv``; "same" = graded 4
      or more), with how many "same" answers each gives against the gold count,
      and the three answers against the three classes of the grades (4+ same,
      2 to <4 related, below 2 different): accuracy and confusion;
  (b) the adversarial development set (``bench/pair_data.py``
      ``adversarial_dev``), generated at run time, deterministically, by
      :mod:`parallax.core.pairs.adversarial` from the STS *training* sentences
      and the seed articles: hard negatives that keep the words and change
      roles, numbers, actors, polarity, modality or one word's sense, or
      exchange two names, and hard positives that reorder clauses, turn
      active into passive or reorder the two names of "X and Y" (the last
      two kinds of each were added on 2026-12-07, fourth session). Accuracy per
      kind, too. No pair of it, and no sentence feeding it, is trained on;
  (c) the MSRP test split, when the corpus is on this machine (``bench/msrp.py``).
Nothing here is fitted on (a), (b) or (c): the cross-encoder adapter and the
three-answer model come from the STS and MSRP *training* files and pairs
generated from their sentences (``bench/pair_data.py``). Said for the record:
a first adapter (trained with the partial MSRP copy) was measured here before
the second (complete MSRP training split, 2 epochs), and that one before the
shipped one (the same recipe, 3 epochs, adopted because its held-out score on
training rows was higher, decided before it was measured here); nothing else
was changed after seeing (a)-(c).

Measured on 2026-12-06 (two cores shared with other sessions' jobs), shipped
judge: STS headlines dev 0.824 word cosine / 0.680 old / 0.812 new ("same" 26
/ 124 / 43 times, gold 50); adversarial dev 0.257 / 0.870 / 0.997; MSRP test
0.594 / 0.801 / 0.797 (the 2-epoch adapter: 0.804, 0.997, 0.795). A 4-epoch
adapter (held-out score on training rows 0.865, higher than the shipped one's
0.863) measured 0.812 / 0.988 / 0.780 here and was not adopted: see
``bench/train_pair_cross.py``. Speed on 2,313 pairs: old 30.1, new 81.3
pairs/s; ``parallax pairs`` on 2,000 pairs 26.0 s. On 2026-12-07, with the
structured check reading names from the tagger instead of NER and parsing
beside the encoder, and the encoder's threads taking batches as they come
free (accuracy unchanged on all three sets): old 30.2, new 108.3 pairs/s
(3.59x); ``parallax pairs`` on 2,000 pairs 21.1 s. Later that day, with the
adapter replaced by the average of the 3- and 4-epoch runs (chosen on
held-out training rows before it was measured here, see
``bench/train_pair_cross.py``, and the answers refitted on it): 0.812 / 1.000
/ 0.799 (word cosine and old judge as above); its speed is the same (one
adapted encoder either way). On 2026-12-07 (third session), with the
structured check matching more aliases of a name (an acronym spelled by the
other side's capitalised words, a clipped word, a name inside another; found
on held-out MSRP training rows, where 4 of the 5 actor flags on "same" pairs
were aliases, and adopted by a rule written before this run: keep both dev
bars): 0.816 / 1.000 / 0.799; 112.6 pairs/s; ``parallax pairs`` 20.2 s.
Then with a number swap needing the same unit on both sides (a converted
distance or sum is left to the model) and a decimal comma read as a point
(found on MSRP training rows: 3 of the 8 number flags on "same" pairs; adopted
by the same rule): 0.816 / 1.000 / 0.799; 100.4 pairs/s at load 1.5;
``parallax pairs`` 21.8 s. Then with another weekday or month in one place,
more opposites ("for" / "against", "acquitted" / "convicted", "north" /
"south", several in one place: "exports to" / "imports from"), fillers
exchanged between a verb's subject and its "from" / "for" / "against"...,
and verbs whose sides can be exchanged ("met") left alone (from hand-written
pairs of the kinds the issue names: 15 of 24 right before, 23 after; no new
flag on any "same" training row; adopted by the same rule, MSRP not to fall
by more than 0.003): 0.816 / 1.000 / 0.799; 109.5 pairs/s. Then with
WordNet's antonyms (``resources/opposites.tsv``; 30 more hand-written pairs:
13 right before these two changes, 25 after; no new flag on any training row
graded or labelled "same"; same rule): 0.816 / 1.000 / 0.799; 105.6 pairs/s.
Then with agents of opposite verbs ("exporter" / "importer"), "most" /
"few", and WordNet's words of viewpoint left out ("come" / "go", "here" /
"there": two reports of one visit say it either way): 27 of 30 and 23 of 24
hand-written pairs; 0.816 / 1.000 / 0.799; 112.9 pairs/s; ``parallax pairs``
20.7 s.
On 2026-12-07 (fourth session), with two parts trading places around the same
words ("born in Vienna and died in Berlin" / "born in Berlin and died in
Vienna"; from hand-written pairs of the kind the issue describes, 25 of 36
right before, 36 after, and 24 written afterwards, 16 before and 21 after; no
new flag on any "same" training row; same rule): 0.816 / 1.000 / 0.799;
114.1 pairs/s; ``parallax pairs`` 20.1 s. The adversarial set then gained
two generated kinds, two names exchanged (different) and the two names of
"X and Y" reordered (same): 0.816 / 0.980 / 0.799, the model saying "related"
to 8 of 22 reordered lists. With those reordered names and nothing else
changed called the same statement (checked on the training table's reordered
lists, 94 -> 105 of 107 "same", no other row touched; same rule): 0.816 /
0.988 / 0.799; 111.2 pairs/s; ``parallax pairs`` 19.6 s. Then with "while",
"whereas" or "but" alone between two exchanged parts read as clauses
reordered ("Apple rose while Microsoft fell"; same rule): 0.816 / 0.988 /
0.799; 115.6 pairs/s; ``parallax pairs`` 19.6 s. Then with reordered items
that carry function words ("5% in March and 3% in April"; training table's
reordered lists 82 -> 98 of 107 caught, no other row; same rule): 0.816 /
0.988 / 0.799; 112.2 pairs/s; ``parallax pairs`` 20.9 s. Then with two parts
of one quotation trading places no longer exempt (a quotation moves about its
speaker only around a reporting verb; quotation marks read as the reuse
detector reads them; found in review; same rule): 0.816 / 0.988 / 0.799;
114.7 pairs/s; ``parallax pairs`` 19.6 s.
On 2026-12-07 (fifth session), with two names of one state one actor
("Britain" / "the UK", "Tehran" / "Iran": ``resources/place_names.tsv``; the
generator no longer makes such a pair a "different" one; found on an STS
training row; same rule): 0.816 / 0.988 / 0.799; 109.0 pairs/s; ``parallax
pairs`` 20.4 s. Then with items of one list the parse joins reordered called
the same statement ("bread and milk" / "milk and bread"), and items of a list
whose order carries meaning ("respectively", "first and second") reordered
called an exchange (hand-written pairs; no answer changed on the training
table; same rule): 0.816 / 1.000 / 0.799, the reordered-list kind 0.773 ->
1.000 (optimistic: the kind showed the weakness); 116.0 pairs/s;
``parallax pairs`` 19.4 s. Then with a modal inside "whether" / "if" (an
embedded question) no longer compared, after reading the 22 generated
modality negatives with those words (9 were questions either way, wrongly
labelled "different"; the generator stops writing them; same rule): 0.816 /
1.000 / 0.799; 110.8 pairs/s; ``parallax pairs`` 20.6 s. Then with the
reordered-items rule reading every parsed pair (not only those the model
put near "same") and verbs joined by "or" as items (from hand-written
question pairs; same rule): 0.816 / 1.000 / 0.799; 96.8 pairs/s at load 1.8
in that run (the same 2,000 pairs timed with and without the change in turn:
230 / 221 / 210 pairs/s, so noise); ``parallax pairs`` 22.4 s. Then with
two verbs joined by "and" reordered called an exchange ("rose and fell" /
"fell and rose"; no answer changed on the training table; same rule): 0.816
/ 1.000 / 0.799; 104.9 pairs/s at load 1.8; ``parallax pairs`` 21.8 s.
Then with a clause whose verb is left out after a comma ("approved in
Britain, the second in Canada") no longer taken for items of a list (a
hand-written pair of the session before; no training-row flag changed;
same rule): 0.816 / 1.000 / 0.799.
On 2026-12-07 (sixth session), with "oil and gas prices" / "gas and oil
prices" read as items of one list reordered (the parse joins "oil" to "gas
prices"; found writing a test; no training-table answer changed; same rule):
0.816 / 1.000 / 0.799; 101.5 pairs/s; ``parallax pairs`` 23.9 s. Tried the
same session and not kept: the "same" cut chosen with a false "same" costing
twice a missed one (0.53 instead of 0.34, on the held-out training rows, by a
rule written before): 0.840 / 0.990 / 0.774, MSRP below its guard. Then
with a third-person pronoun counted as one word between two exchanged parts
("The army said it had killed the rebel commander" / "The rebels said they
had killed the army commander"; a hand-written pair of the third session; no
training-table answer changed; same rule): 0.816 / 1.000 / 0.799; 97.1
pairs/s at load 1.8 (old judge 25.5 in that run, 3.81x); ``parallax pairs``
25.7 s. Tried the same day and not shipped: the adapter retrained on the
corrected training table (``bench/train_pair_cross.py``): 0.808 / 0.993 /
0.798, and one test of the suite failed. Then with a description by role
("Google CEO", "Mali's President") against a name ("Larry Page") no longer
called a different actor (found on an STS training row; no training-table
answer changed; same rule): 0.816 / 1.000 / 0.799; 96.2 pairs/s (old 27.7,
3.47x); ``parallax pairs`` 25.3 s.
On 2026-12-07 (seventh session), on a machine about half as fast (the old
judge 16.6 pairs/s): the shipped judge measured again, 0.816 / 1.000 / 0.799,
62.2 pairs/s (3.75x), ``parallax pairs`` 38.0 s. Tried and not kept: both
orders of a pair read and their logits averaged (on the held-out training
rows MSRP fell, 0.8314 -> 0.8265; never run here). Tried, committed and
reverted the same session: a name the structured check cannot match
deciding only while the model's P(same) is below 0.9, above it the pair
staying "same" with "a name differs" (on the natural training rows the actor
flag had overruled a "same" 8 times, rightly twice, "Saddam" / "Mr.
Hussein" and "Duisenberg said" / "the ECB said" among the wrong ones; the
generated replaced-actor flags all came below P 0.5): 0.816 / 1.000 / 0.800
(MSRP 1,380 of 1,725); 66.7 pairs/s (old 16.8, 3.98x). Then 20 hand-written
replaced-actor pairs turned 5 of them "same" (Toyota / Honda 0.97, Zelensky /
Putin 0.96, Iran / Iraq 0.92, Qatar / Egypt, Manchester United / Chelsea): the
model is sure of the wrong answer there, so the check must keep deciding.
Those pairs are now a test table (``tests/core/test_judge_answers.py``,
``REPLACED_ACTORS``).
On 2026-12-07 (eighth session). Tried and not kept: a second adapter
(the shipped recipe, seed 2) whose logit is averaged with the first's; on
the held-out training rows the mean of the three accuracies rose (0.8672 ->
0.8724) but MSRP fell (0.8331 -> 0.8265), which the rule written before
forbade; never run here. Then relative time words pointing back on one side
and ahead on the other made a date swap ("expected to hit the coast
tomorrow" / "hit the coast yesterday", "will resign next week" / "resigned
last week"; three of 20 hand-written pairs of other statements the judge
called the same; no training-table row has such a pair, so no answer there
changed; rule written before): 0.816 / 1.000 / 0.800 (MSRP 1,190 "same",
1,380 of 1,725); 57.0 pairs/s (old 18.3, 3.12x); ``parallax pairs`` 37.8 s.
Then a short pair that differs in one place only checked from a word-order
overlap of 0.5 ("Exports to China doubled" / "Imports from China doubled";
no natural training row changed): 0.816 / 1.000 / 0.800; 60.5 pairs/s (old
17.2, 3.52x); ``parallax pairs`` 37.2 s. Then "denied" against a verb of
saying made a negation swap ("The army said / denied the strike hit a
depot"; no training row has it): 0.816 / 1.000 / 0.800; 62.4 pairs/s (old
16.8, 3.72x); ``parallax pairs`` 35.7 s. The other misses of those 20 pairs
are listed in the tests (``KNOWN_MISSES``).
The antonym kind of (b) draws its words from a list of its own
(:mod:`parallax.core.pairs.adversarial`) that overlaps the judge's: its 1.000
there says less about other antonyms than the hand-written pairs do.

Then how many pairs of these sets the structured check would have flagged that
the judge's lexical gate before it (:func:`~parallax.core.pairs.judge.may_conflict`)
keeps from it (0 means the gate costs nothing here), and the speed: old and new
``judge_pairs`` in pairs/s on the pairs of the sets above (MSRP test included
when present), one timed run each in this process (no loops: the machine is
shared), and ``parallax pairs`` on a file of 2,000 of those pairs, from
process start (model load included) to the last line.

The STS files are read from ``../shared/bench/sts-news-dev/`` next to the
worktree, or ``PARALLAX_STS_DIR``; they are never copied into the repository.
Without them the STS rows and the STS sources of (b) are skipped and the seeds
alone feed the generator.

    .venv/bin/python bench/bench_judge.py [--show N] [--baseline COMMIT]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

import old_judge
import sts
from msrp import TEST, best_threshold, find_corpus, read_split
from pair_data import adversarial_dev
from parallax.core.pairs import judge as judge_mod
from parallax.core.pairs.adversarial import NEGATIVE_KINDS, POSITIVE_KINDS
from parallax.core.pairs.judge import LEXICAL_FEATURES, lexical_features, may_conflict
from parallax.core.pairs.structure import structure_conflicts

ROOT = Path(__file__).resolve().parents[1]
CLI_PAIRS = 2000
ANSWERS = ("different", "related", "same")  # the class numbers of bench/sts.py


def word_cos(pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    col = LEXICAL_FEATURES.index("word_cos")
    return np.asarray([lexical_features(a, b)[col] for a, b in pairs])


def balanced(pred: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean([np.mean(pred[y == c] == c) for c in (True, False) if (y == c).any()]))


def parallax_command() -> list[str]:
    exe = ROOT / ".venv" / "bin" / "parallax"
    return [str(exe)] if exe.is_file() else [sys.executable, "-m", "parallax.desktop.cli"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", type=int, default=0, help="print N generated pairs (every k-th) to check by eye")
    parser.add_argument("--baseline", default=old_judge.BASELINE, help="commit of the old judge")
    args = parser.parse_args()
    old = old_judge.load(args.baseline)

    folder = sts.sts_dir()
    train: list[tuple[str, str]] = []
    y_train = np.zeros(0, dtype=bool)
    if folder is None:
        print("STS news files not found (../shared/bench/sts-news-dev or PARALLAX_STS_DIR): STS rows skipped.")
    else:
        train, g_train = sts.read_train(folder)
        y_train = g_train >= sts.SAME_GRADE

    t0 = time.perf_counter()
    hard = adversarial_dev()
    t_gen = time.perf_counter() - t0
    hard_pairs = [(h.a, h.b) for h in hard]
    y_hard = np.asarray([h.same for h in hard])
    print(f"adversarial set: {len(hard)} pairs ({int(y_hard.sum())} same, {int((~y_hard).sum())} different) "
          f"in {t_gen:.1f} s")
    if args.show:
        step = max(1, len(hard) // args.show)
        for h in hard[::step][:args.show]:
            print(f"  [{h.kind}{' SAME' if h.same else ''}] {h.a}\n      -> {h.b}")

    # The word-overlap cut is chosen on STS training pairs (or 0.5 without them).
    cut = best_threshold(word_cos(train), y_train) if train else 0.5
    verdicts: dict[tuple[str, str], list[str]] = {}

    def judged(module, name: str, **config) -> Callable[[Sequence[tuple[str, str]]], np.ndarray]:
        def run(pairs):
            js = module.judge_pairs(pairs, config=module.PairConfig(**config))
            verdicts[name, pairs[0][0]] = [j.verdict.value for j in js]
            return np.asarray([j.same for j in js], dtype=bool)
        return run

    methods: dict[str, Callable[[Sequence[tuple[str, str]]], np.ndarray]] = {
        f"word cos >= {cut:.2f}": lambda ps: word_cos(ps) >= cut,
        f"old ({args.baseline[:7]})": judged(old, "old"),
        "new, no parse": judged(judge_mod, "no parse", use_structure=False),
        "new judge": judged(judge_mod, "new"),
    }
    sets: list[tuple[str, list[tuple[str, str]], np.ndarray]] = []
    g_dev = None
    if folder is not None:
        dev, g_dev = sts.read_sts(folder / sts.DEV_FILE)
        sets.append(("STS headlines dev", dev, g_dev >= sts.SAME_GRADE))
    sets.append(("adversarial dev", hard_pairs, y_hard))
    msrp = find_corpus() or (Path.home() / ".cache" / "parallax" / "msrp")
    if (msrp / TEST).is_file():
        test, y_test = read_split(msrp / TEST)
        sets.append(("MSRP test", test, y_test.astype(bool)))
    else:
        print("MSRP test split not found (see bench/msrp.py): MSRP row skipped.")

    preds: dict[tuple[str, str], np.ndarray] = {}
    for set_name, pairs, _ in sets:
        for m, fn in methods.items():
            preds[set_name, m] = fn(pairs)

    width = max(len(m) for m in methods) + 2
    print(f"\n{'accuracy':<22}{'pairs':>6}{'majority':>10}" + "".join(f"{m:>{width}}" for m in methods))
    for set_name, pairs, y in sets:
        row = f"{set_name:<22}{len(pairs):>6}{max(y.mean(), 1 - y.mean()):>10.3f}"
        print(row + "".join(f"{np.mean(preds[set_name, m] == y):>{width}.3f}" for m in methods))
    # Balanced accuracy (mean of the accuracy on "same" pairs and on "different"
    # pairs): always answering one way scores 0.5 however the set is weighted.
    for set_name, pairs, y in sets:
        row = f"{set_name + ' (bal.)':<26}{'':>2}{0.5:>10.3f}"
        print(row + "".join(f"{balanced(preds[set_name, m], y):>{width}.3f}" for m in methods))
    for set_name, pairs, y in sets:
        counts = ", ".join(f"{m}: {int(preds[set_name, m].sum())}" for m in methods)
        print(f"'same' answers on {set_name}: gold {int(y.sum())} of {len(y)}; {counts}")

    print("\nadversarial dev by kind (accuracy; n)")
    kinds = np.asarray([h.kind for h in hard])
    print(f"{'kind':<22}{'n':>6}" + "".join(f"{m:>{width}}" for m in methods))
    for kind in (*NEGATIVE_KINDS, *POSITIVE_KINDS):
        sel = kinds == kind
        if sel.any():
            label = f"{kind} ({'same' if kind in POSITIVE_KINDS else 'diff'})"
            print(f"{label:<22}{int(sel.sum()):>6}" + "".join(
                f"{np.mean(preds['adversarial dev', m][sel] == y_hard[sel]):>{width}.3f}" for m in methods))

    if g_dev is not None:
        gold = [ANSWERS[c] for c in sts.grade_class(g_dev)]
        print(f"\nthree answers on STS headlines dev (gold from grades: 4+ same, 2 to <4 related, "
              f"below 2 different; the old judge's split was provisional)")
        for name in ("old", "new"):
            got = verdicts[name, dev[0][0]]
            acc = np.mean([g == v for g, v in zip(gold, got)])
            print(f"  {name} judge: accuracy {acc:.3f}; rows gold, columns answer")
            print(f"    {'':<10}" + "".join(f"{a:>10}" for a in ANSWERS))
            for g in ANSWERS:
                print(f"    {g:<10}" + "".join(
                    f"{sum(1 for x, v in zip(gold, got) if x == g and v == a):>10}" for a in ANSWERS))

    all_pairs = [p for _, pairs, _ in sets for p in pairs]
    dropped = [p for p in all_pairs if not may_conflict(*p)]
    missed = sum(bool(c) for c in structure_conflicts(dropped))
    print(f"\nstructure gate: {len(dropped)} of {len(all_pairs)} pairs not parsed; the check would "
          f"have flagged {missed} of them")

    timed = [p for _, pairs, _ in sets if len(pairs) < 2000 for p in pairs]
    judge_mod._tokens.cache_clear()  # no head start from the accuracy runs
    old._tokens.cache_clear()
    t0 = time.perf_counter()
    old.judge_pairs(timed)
    t_old = time.perf_counter() - t0
    t0 = time.perf_counter()
    judge_mod.judge_pairs(timed)
    t_new = time.perf_counter() - t0
    words = np.mean([len(a.split()) + len(b.split()) for a, b in timed])
    print(f"\nspeed on {len(timed)} pairs of the sets above ({words:.0f} words a pair; one run each): "
          f"old judge {len(timed) / t_old:.1f} pairs/s, new judge {len(timed) / t_new:.1f} pairs/s "
          f"({t_old / t_new:.2f}x)")
    with tempfile.TemporaryDirectory() as tmp:
        tsv = Path(tmp) / "pairs.tsv"
        rows = [(a, b) for a, b in timed if "\t" not in a + b][:CLI_PAIRS]
        tsv.write_text("".join(f"{a}\t{b}\n" for a, b in rows), encoding="utf-8")
        t0 = time.perf_counter()
        run = subprocess.run([*parallax_command(), "pairs", str(tsv)], capture_output=True, text=True)
        t_cli = time.perf_counter() - t0
        lines = run.stdout.count("\n")
        print(f"'parallax pairs' on {len(rows)} pairs: {t_cli:.1f} s from process start "
              f"(exit {run.returncode}, {lines} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
