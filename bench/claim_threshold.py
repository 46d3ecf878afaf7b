"""How sure the pair judge must be before the alignment CLAIMS that two
differently worded sentences state the same thing.

The judge's own P(same) threshold (``resources/pair_model.json``) is chosen
for accuracy: it says "same" as often as that is likelier right than wrong.
An alignment is a claim a journalist may print, and a wrong claim is worse
than a missed one, so the alignment asks more of a pair its wording does not
settle (a ``claim_min`` the alignment would apply); below it, a pair the
judge calls the same would be shown as related, never aligned.

The rule, fixed before any number below was looked at: ``claim_min`` is the
smallest P(same), in steps of 0.05 from the judge's threshold, at which at
least 80% of the STS news pairs the judge would claim are graded 4 or more
("same statement"). It is read on the HELD-OUT rows of the training table
(``bench/pair_data.py``: rows the cross-encoder adapter never trained on) with
out-of-fold probabilities of the three-answer model (refitted per fold with
the shipped inputs and settings, as ``bench/fit_pairs.py`` fits it), so no
answer is scored by a model that saw it. The STS dev file and the MSRP test
split are never read. Printed for each candidate: the precision and recall
of "same" on the held-out STS rows, and on the held-out MSRP rows (whose
"paraphrase" label is more lenient than "same statement").

Measured on 2026-12-07 with the shipped judge (1,730 held-out rows): on the
STS rows the precision of "same" stays between 0.56 and 0.60 at every cut
from 0.42 to 0.77 (0.75 at 0.82 on 20 claims, 0.67 at 0.87 on 12), while
recall falls from 0.48 to 0.17; on the MSRP rows it rises from 0.87 to 0.92.
No cut reaches 80% on the STS rows, so no ``claim_min`` was added: a higher
bar on this P(same) trades away true alignments without making news-pair
claims more precise. What the judge confuses there is "same" with "related"
(the same event, another claim), which a threshold on one probability
cannot separate. Again with the averaged adapter (threshold 0.34; the same
day): between 0.55 and 0.67 from 0.34 to 0.74 (recall 0.54 to 0.15), 0.71 to
0.75 at 0.79-0.89 on 19 to 8 claims; the rule's only answer, 0.94, rests on
one claim, so again nothing was added.

    .venv/bin/python bench/pair_data.py /tmp/pairs.tsv
    .venv/bin/python bench/claim_threshold.py --data /tmp/pairs.tsv
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from fit_pairs import PENALTY, SAME, SHUFFLES, held_out_inputs, held_out_scorer, oof_answers, source_weights
from parallax.core.pairs.judge import load_answer_model

TARGET_PRECISION = 0.80
STEP = 0.05


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="the table written by bench/pair_data.py")
    ap.add_argument("--adapter", type=Path,
                    help="measure with this adapter file (as bench/fit_pairs.py --adapter)")
    args = ap.parse_args(argv)
    scorer = held_out_scorer(args.adapter)
    if scorer is None:
        print("no cross-encoder adapter installed: nothing to measure")
        return 1
    model = load_answer_model()
    x_all, all_names, labels, source = held_out_inputs(args.data, scorer)
    x = x_all[:, [all_names.index(f) for f in model.features]]
    weight = source_weights(source, float(model.meta.get("hard_weight", 1.0)))
    probs = np.mean([oof_answers(x, labels, PENALTY, weight, seed) for seed in range(SHUFFLES)], axis=0)
    p_same = probs[:, SAME]
    print(f"{len(labels)} held-out rows; the judge's threshold {model.threshold:.2f}")
    print(f"{'P(same) >=':>11}{'STS claims':>12}{'precision':>11}{'recall':>8}"
          f"{'MSRP claims':>13}{'precision':>11}{'recall':>8}")
    chosen = None
    for cut in np.round(np.arange(model.threshold, 0.951, STEP), 2):
        row = f"{cut:>11.2f}"
        for name in ("sts", "msrp"):
            sel = source == name
            claim = sel & (p_same >= cut)
            right = claim & (labels == SAME)
            precision = right.sum() / max(claim.sum(), 1)
            recall = right.sum() / max((sel & (labels == SAME)).sum(), 1)
            row += f"{int(claim.sum()):>12}{precision:>11.3f}{recall:>8.3f}" if name == "sts" else \
                f"{int(claim.sum()):>13}{precision:>11.3f}{recall:>8.3f}"
            if name == "sts" and chosen is None and claim.sum() and precision >= TARGET_PRECISION:
                chosen = float(cut)
        print(row)
    if chosen is None:
        print(f"no P(same) reaches {TARGET_PRECISION:.0%} precision on the held-out STS rows")
        return 1
    print(f"claim_min = {chosen:.2f}: the smallest P(same) at which {TARGET_PRECISION:.0%} of the "
          "STS pairs claimed are graded 4+")
    return 0


if __name__ == "__main__":
    sys.exit(main())
