"""Do two sentences state the same thing? Paraphrase judgement for sentence pairs.

Depends on numpy, the light word/stem helpers of :mod:`parallax.core.reuse.prepare`
and, when its model package is installed, the MiniLM sentence encoder; and on
the structured check of :mod:`parallax.core.pairs.structure` (spaCy with its
parser). The features use no spaCy: words come from one regular expression, so
the lexical side of a pair costs well under a millisecond.

Each pair gets fifteen features: the embedding cosine; word and stem overlaps
(cosine, Dice of content stems, of stem bigrams and of character trigrams,
containment both ways, longest common subsequence, length ratio, how many
content words each side has that the other lacks); and mismatch signals that
overlaps miss: numbers stated on one side only ("$1.2 billion" / "$1.5
billion"; "0.66" and "0.7" count as the same), capitalised names without a
match, a negation on one side only. A logistic regression combines them; its
weights, feature scaling and threshold were fitted offline by
``bench/fit_pairs.py`` on training pairs of the Microsoft Research Paraphrase
Corpus and live in ``resources/pair_model.json``, with a second, lexical-only
model for when the encoder is not installed.

When the cross-encoder adapter is installed (:mod:`parallax.core.nlp.cross`),
its logit decides instead, through a one-input logistic model of its own,
``cross`` in the same file (stacking it with the semantic model's logit did no
better on held-out training pairs).

On top of the models one rule: two sentences worded nearly alike that put a
different number in the same place, negate on one side only, or put a word
against its opposite ("rose" / "fell") are not the same statement
(:func:`contradictions`). MSRP's annotators often let such pairs pass, and a
model trained on them leans on shared wording; a reader comparing outlets would
not. And beside them the parse (:mod:`parallax.core.pairs.structure`, spaCy
with its parser, loaded on first use): two sentences sharing most content words
whose subject and object, or "from" and "to", are exchanged are not the same
statement either, nor, in sentences worded nearly alike, those whose named
actor is replaced by another in the same slot or whose verb is put under "may"
against "will".
"""
from __future__ import annotations

import difflib
import enum
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from parallax.core.reuse.prepare import STOP_WORDS, stem
from parallax.core.errors import check_cancel
from parallax.core.pairs.structure import StructureConflicts, structure_conflicts

MODEL_RESOURCE = "pair_model.json"
# Bump whenever the answers change for the same model files (features, rules,
# the structured check, thresholds set in code): answers cached by older code
# (parallax.core.cached_judge) are then never read again.
JUDGE_VERSION = "1"

# Lexical features, in the column order of the fitted weights.
LEXICAL_FEATURES = (
    "word_cos",       # cosine of lower-cased word counts
    "stem_dice",      # Dice of content-word stem sets
    "bigram_dice",    # Dice of stem bigram sets (stop words kept)
    "contain_min",    # smaller of the two containments of content stems
    "contain_max",    # larger of the two
    "lcs_ratio",      # longest common stem subsequence / longer sentence
    "len_ratio",      # shorter / longer word count
    "num_diff",       # numbers on one side only / all numbers
    "num_conflict",   # both sides have numbers and neither set holds the other
    "name_unmatched",  # capitalised words without a match on the other side / all
    "neg_mismatch",   # a negation on one side only
    "char3_dice",     # Dice of character trigrams of the word sequences (spelling variants)
    "extra_max",      # log(1 + content stems without a match), on the side with more
    "extra_min",      # the same on the side with fewer
)
SEMANTIC_FEATURES = ("emb_cos", *LEXICAL_FEATURES)
# Inputs the cross model may use: the cross-encoder's logit, and the semantic
# model's when stacking them helps (bench/fit_pairs.py decides).
CROSS_FEATURES = ("cross_logit", "semantic_logit")
_MODEL_FEATURES = {"cross": CROSS_FEATURES, "semantic": SEMANTIC_FEATURES, "lexical": LEXICAL_FEATURES}
# A pair this close in wording (longest common word subsequence / longer
# sentence) that swaps a number or drops a negation states a different fact,
# whatever the model says: "rose 5 percent" is not "rose 7 percent".
CONTRADICTION_OVERLAP = 0.7
# Provisional: a pair below the "same" threshold but at least this likely to be
# the same statement is "related".
RELATED_FLOOR = 0.2

_ACRONYM = r"(?:[A-Za-z]\.){2,}"  # "U.S.", "p.m."
_NUMBER = r"\d+(?:[.,]\d+)*"  # "9/11", "10:06" are two numbers each
_WORD = r"[^\W\d_]+(?:['’][^\W\d_]+)*"
_TOKEN = re.compile(f"{_ACRONYM}|{_NUMBER}|{_WORD}")
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split()) if w != "one"}  # "one of them"
_NUMBER_WORDS.update(thirty="30", forty="40", fifty="50", sixty="60", seventy="70",
                     eighty="80", ninety="90", hundred="100", dozen="12")
# Ordinals ("the second quarter" / "the third quarter"); not "first", which is
# as often "at first" or "for the first time" as a count.
_NUMBER_WORDS.update({w: str(i) for i, w in enumerate(
    "second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(), 2)})
_NEGATIONS = frozenset(
    "not no never nor none nobody nothing neither without cannot dont doesnt didnt isnt "
    "wasnt werent arent wont cant couldnt wouldnt shouldnt hasnt havent hadnt".split())
# Words of opposite sense: two sentences alike but for one of these against
# its opposite state opposite facts ("profits rose" / "profits fell").
_UP = ("rise rises rising rose risen increase increases increased increasing gain gains "
       "gained gaining climb climbs climbed climbing jump jumps jumped soar soars soared "
       "surge surges surged grow grows grew grown growing raise raises raised raising up "
       "higher high highest advance advances advanced")
_DOWN = ("fall falls falling fell fallen decrease decreases decreased decreasing decline "
         "declines declined declining drop drops dropped dropping slip slips slipped sink "
         "sinks sank sunk plunge plunges plunged tumble tumbles tumbled slide slides slid "
         "shrink shrinks shrank shrunk lower lowered lowers low lowest down cut cuts reduce "
         "reduces reduced reducing lose loses lost losing loss losses")
_OPPOSITE_PAIRS = (
    (_UP, _DOWN),
    ("win wins won winning", "lose loses lost losing"),
    ("accept accepts accepted accepting approve approves approved approving",
     "reject rejects rejected rejecting"),
    ("buy buys bought buying", "sell sells sold selling"),
    ("before earlier", "after later"),
    ("more", "less fewer"),
    ("above", "below"),
    ("support supports supported supporting", "oppose opposes opposed opposing"),
    ("allow allows allowed allowing", "ban bans banned banning forbid forbids forbade "
                                      "prohibit prohibits prohibited"),
    ("majority", "minority"),
    ("best", "worst"),
    ("largest biggest", "smallest"),
    ("guilty", "innocent"),
    ("profit profits", "loss losses"),
    ("open opens opened opening", "close closes closed closing"),
    ("strengthen strengthens strengthened", "weaken weakens weakened"),
    ("include includes included including", "exclude excludes excluded excluding"),
)


def _opposites_table(pairs: Sequence[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Each word of ``pairs`` -> the words of opposite sense."""
    table: dict[str, frozenset[str]] = {}
    for x, y in pairs:
        for side, other in ((x, y), (y, x)):
            for w in side.split():
                table[w] = table.get(w, frozenset()) | frozenset(other.split())
    return table


_OPPOSITES = _opposites_table(_OPPOSITE_PAIRS)
# Verb forms that come and go with a negation ("resumed" / "did not resume").
_AUXILIARIES = frozenset("do does did".split())
# Capitalised words that are not names: stop words opening a clause, titles,
# company suffixes, weekdays and months (paraphrases date things freely:
# "on Friday" / "yesterday").
_NOT_NAMES = STOP_WORDS | frozenset(
    "mr mrs ms dr sen rep gov gen jr sr inc corp co ltd said says but and the "
    "monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december jan feb mar apr "
    "jun jul aug sept sep oct nov dec".split())


class Verdict(str, enum.Enum):
    """The judge's answer for a pair of sentences."""

    SAME = "same"  # the same statement, perhaps in other words
    RELATED = "related"  # the same topic or actors, a different claim
    DIFFERENT = "different"  # nothing a reader would connect


@dataclass(frozen=True)
class PairJudgement:
    """Whether two sentences say the same thing.

    ``score`` is the model's probability in [0, 1]; ``same`` is ``score >= threshold``.
    ``features`` holds the inputs the score came from, plus ``semantic`` (1.0 when
    the embedding model took part, 0.0 for the lexical-only fallback), ``cross``
    (1.0 when the cross-encoder took part; its logit is then ``cross_logit``), ``empty``
    (1.0 when either sentence has no words: such a pair is never same) and
    ``number_swap`` / ``negation_swap`` / ``opposite_swap`` (1.0 when
    :func:`contradictions` found one) and ``role_swap`` / ``actor_swap`` /
    ``polarity_swap`` / ``modality_swap`` (1.0 when
    :func:`~parallax.core.pairs.structure.structure_conflicts` found one); with
    any of these but ``polarity_swap`` (reported only) the score is held below
    the threshold.

    ``verdict`` is the three-way answer (``same`` is ``verdict is
    Verdict.SAME``), and ``probabilities`` the chance of each answer, summing
    to one.
    """

    score: float
    same: bool
    features: dict[str, float]
    verdict: Verdict = Verdict.DIFFERENT
    probabilities: dict[Verdict, float] = field(default_factory=dict)


@dataclass(frozen=True)
class PairConfig:
    use_embeddings: bool = True  # False forces the lexical-only model
    use_cross: bool = True  # False leaves the cross-encoder out (the semantic model alone)
    threshold: float | None = None  # None: the threshold fitted with the model
    batch_size: int = 32  # sentences per encoder forward pass
    use_structure: bool = True  # False leaves out the parse-based check (parallax.core.pairs.structure)


@dataclass(frozen=True, eq=False)
class PairModel:
    """A fitted logistic regression over standardised features."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float
    meta: dict = field(default_factory=dict, compare=False)

    def logit(self, x: np.ndarray) -> np.ndarray:
        """Log-odds of same for the rows of ``x`` (columns in ``self.features`` order)."""
        return ((x - self.mean) / self.scale) @ self.weights + self.bias

    def probability(self, x: np.ndarray) -> np.ndarray:
        """P(same) for the rows of ``x`` (columns in ``self.features`` order)."""
        return sigmoid(self.logit(x))

    def to_dict(self) -> dict:
        return {
            "features": list(self.features), "mean": _floats(self.mean),
            "scale": _floats(self.scale), "weights": _floats(self.weights),
            "bias": round(float(self.bias), 6), "threshold": round(float(self.threshold), 6),
            **self.meta,
        }

    @classmethod
    def from_dict(cls, d: dict) -> PairModel:
        meta = {k: v for k, v in d.items()
                if k not in ("features", "mean", "scale", "weights", "bias", "threshold")}
        return cls(tuple(d["features"]), np.asarray(d["mean"], dtype=np.float64),
                   np.asarray(d["scale"], dtype=np.float64),
                   np.asarray(d["weights"], dtype=np.float64), float(d["bias"]),
                   float(d["threshold"]), meta)


def sigmoid(z: np.ndarray) -> np.ndarray:
    """The logistic function, without overflow warnings for large |z|."""
    z = np.clip(np.asarray(z, dtype=np.float64), -500.0, 500.0)
    return 1.0 / (1.0 + np.exp(-z))


def judge_pairs(
    pairs: Sequence[tuple[str, str]], *, should_cancel: Callable[[], bool] | None = None,
    config: PairConfig = PairConfig(),
) -> list[PairJudgement]:
    """Judge whether each pair of sentences states the same thing.

    All sentences are embedded in one batched encoder call (distinct texts once),
    and each pair is read by the cross-encoder (:mod:`parallax.core.nlp.cross`)
    in both orders; the ``cross`` model decides from its logit (stacked with the
    semantic model's when ``bench/fit_pairs.py`` found that to help; the
    shipped model uses the cross logit alone). The semantic features are
    computed and reported in ``features`` either way. Without the cross-encoder's adapter (or with ``config.use_cross``
    false) the semantic model decides alone; without the embedding model (or
    with ``config.use_embeddings`` false) the lexical-only model does.

    Args:
        pairs: ``(sentence_a, sentence_b)`` tuples.
        should_cancel: polled between encoder batches and every few hundred
            pairs; true raises :class:`~parallax.core.errors.Cancelled`.

    Returns:
        One :class:`PairJudgement` per pair, in order.
    """
    encoder = None
    if config.use_embeddings and pairs:
        from parallax.core.nlp.encoder import get_encoder

        encoder = get_encoder()
    x, names = feature_matrix(pairs, encoder=encoder, should_cancel=should_cancel,
                              batch_size=config.batch_size)
    semantic = encoder is not None
    model = load_pair_model("semantic" if semantic else "lexical")
    scorer = None
    if semantic and config.use_cross:
        from parallax.core.nlp.cross import get_cross_scorer

        scorer = get_cross_scorer()
    if scorer is not None:
        cross = scorer.logits(pairs, batch_size=config.batch_size, should_cancel=should_cancel)
        x = np.column_stack([x, cross, model.logit(x)])
        names = (*names, *CROSS_FEATURES)
        model = load_pair_model("cross")
        scores = model.probability(x[:, [names.index(f) for f in model.features]])
    else:
        scores = model.probability(x) if len(pairs) else np.zeros(0)
    threshold = model.threshold if config.threshold is None else config.threshold
    structure = [StructureConflicts()] * len(pairs)
    if config.use_structure and pairs:
        structure = structure_conflicts(pairs, should_cancel=should_cancel)
    out = []
    for (a, b), row, score, roles in zip(pairs, x, scores, structure):
        feats = {n: round(float(v), 6) for n, v in zip(names, row)}
        feats["semantic"] = 1.0 if semantic else 0.0
        feats["cross"] = 1.0 if scorer is not None else 0.0
        empty = not _tokens(a) or not _tokens(b)
        feats["empty"] = 1.0 if empty else 0.0
        found = contradictions(a, b)
        feats["number_swap"] = 1.0 if found.number_swap else 0.0
        feats["negation_swap"] = 1.0 if found.negation_swap else 0.0
        feats["opposite_swap"] = 1.0 if found.opposite_swap else 0.0
        for name in ("role_swap", "actor_swap", "polarity_swap", "modality_swap"):
            feats[name] = 1.0 if getattr(roles, name) else 0.0
        s = 0.0 if empty else float(score)
        if found or roles:
            s = min(s, threshold / 2)  # the fact differs: keep the score below "same"
        same = bool(s >= threshold) and not empty
        # Provisional three-way split until the calibrated model lands: a pair
        # held back by a conflict, or scored above RELATED_FLOOR, is related.
        if same:
            verdict = Verdict.SAME
        elif not empty and (found or roles or s >= RELATED_FLOOR):
            verdict = Verdict.RELATED
        else:
            verdict = Verdict.DIFFERENT
        probabilities = {Verdict.SAME: s, Verdict.RELATED: 0.0, Verdict.DIFFERENT: 0.0}
        probabilities[Verdict.RELATED if verdict is Verdict.RELATED else Verdict.DIFFERENT] = 1.0 - s
        out.append(PairJudgement(s, same, feats, verdict, probabilities))
    return out


def feature_matrix(
    pairs: Sequence[tuple[str, str]], *, encoder=None,
    should_cancel: Callable[[], bool] | None = None, batch_size: int = 32,
) -> tuple[np.ndarray, tuple[str, ...]]:
    """Feature rows for ``pairs``: ``SEMANTIC_FEATURES`` columns with an encoder,
    ``LEXICAL_FEATURES`` without one."""
    names = SEMANTIC_FEATURES if encoder is not None else LEXICAL_FEATURES
    x = np.zeros((len(pairs), len(names)), dtype=np.float64)
    if not pairs:
        return x, names
    col = 0
    if encoder is not None:
        texts = list(dict.fromkeys(s for pair in pairs for s in pair))
        index = {t: i for i, t in enumerate(texts)}
        vecs = encoder.encode(texts, batch_size=batch_size, should_cancel=should_cancel)
        ia = np.fromiter((index[a] for a, _ in pairs), dtype=np.int64, count=len(pairs))
        ib = np.fromiter((index[b] for _, b in pairs), dtype=np.int64, count=len(pairs))
        x[:, 0] = np.clip(np.einsum("ij,ij->i", vecs[ia], vecs[ib]), -1.0, 1.0)
        col = 1
    for i, (a, b) in enumerate(pairs):
        if i % 256 == 0:
            check_cancel(should_cancel)
        x[i, col:] = lexical_features(a, b)
    return x, names


def lexical_features(a: str, b: str) -> list[float]:
    """The ``LEXICAL_FEATURES`` of one pair (ratios in [0, 1], ``extra_*`` log counts)."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return [0.0] * len(LEXICAL_FEATURES)
    wa, wb = [t.word for t in ta], [t.word for t in tb]
    sa, sb = [t.stem for t in ta], [t.stem for t in tb]
    ca = {t.stem for t in ta if t.is_content}
    cb = {t.stem for t in tb if t.is_content}
    ga, gb = set(zip(sa, sa[1:])), set(zip(sb, sb[1:]))
    common = len(ca & cb)
    contain_a = common / len(ca) if ca else 0.0
    contain_b = common / len(cb) if cb else 0.0

    na, nb = [t.number for t in ta if t.number], [t.number for t in tb if t.number]
    lone_a = sum(not any(_same_number(x, y) for y in nb) for x in na)
    lone_b = sum(not any(_same_number(y, x) for x in na) for y in nb)
    num_diff = (lone_a + lone_b) / (len(na) + len(nb)) if na or nb else 0.0
    num_conflict = 1.0 if lone_a and lone_b else 0.0

    names_a, names_b = _names(ta), _names(tb)
    all_a, all_b = set(sa), set(sb)
    unmatched = sum(n not in all_b for n in names_a) + sum(n not in all_a for n in names_b)
    n_names = len(names_a) + len(names_b)

    neg_a = any(t.word in _NEGATIONS for t in ta)
    neg_b = any(t.word in _NEGATIONS for t in tb)
    return [
        _count_cosine(Counter(wa), Counter(wb)),
        _dice(ca, cb),
        _dice(ga, gb),
        min(contain_a, contain_b),
        max(contain_a, contain_b),
        _lcs(sa, sb) / max(len(sa), len(sb)),
        min(len(ta), len(tb)) / max(len(ta), len(tb)),
        num_diff,
        num_conflict,
        unmatched / n_names if n_names else 0.0,
        1.0 if neg_a != neg_b else 0.0,
        _dice(_trigrams(wa), _trigrams(wb)),
        math.log1p(max(len(ca - cb), len(cb - ca))),
        math.log1p(min(len(ca - cb), len(cb - ca))),
    ]


@dataclass(frozen=True)
class Contradictions:
    """What :func:`contradictions` found; any one makes the pair "not same"."""

    number_swap: bool = False
    negation_swap: bool = False
    opposite_swap: bool = False

    def __bool__(self) -> bool:
        return self.number_swap or self.negation_swap or self.opposite_swap


def contradictions(a: str, b: str) -> Contradictions:
    """Opposite facts in two sentences worded nearly alike (overlap at least
    ``CONTRADICTION_OVERLAP``).

    A number swap is a place where the sentences differ only by numbers, and the
    numbers differ ("rose 5 percent" / "rose 7 percent", "second quarter" /
    "third quarter"; "0.66" / "0.7" and "1,750" / "1,752" state the same
    quantity). A negation swap is a place where they differ only by a negation
    ("would resume" / "would not resume"). An opposite swap is a place where a
    word stands against its opposite and nothing else differs ("rose sharply"
    / "fell sharply", "accepted" / "rejected"). Differences that carry other
    words ("90 miles" / "150 kilometres", "failing to" / "not") are left to the
    model, and so are names: in news paraphrases a replaced name is most often
    an alias ("Saddam" / "Hussein").
    """
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return Contradictions()
    sa, sb = [t.stem for t in ta], [t.stem for t in tb]
    if _lcs(sa, sb) / max(len(sa), len(sb)) < CONTRADICTION_OVERLAP:
        return Contradictions()
    number_swap = negation_swap = opposite_swap = False
    matcher = difflib.SequenceMatcher(None, sa, sb, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        da, db = ta[i1:i2], tb[j1:j2]
        if (op == "replace" and all(t.number for t in da) and all(t.number for t in db)
                and not any(_same_number(x.number, y.number) for x in da for y in db)):
            number_swap = True
        words_a = {t.word for t in da} - _AUXILIARIES
        words_b = {t.word for t in db} - _AUXILIARIES
        if (bool(words_a & _NEGATIONS) != bool(words_b & _NEGATIONS)
                and words_a - _NEGATIONS == words_b - _NEGATIONS):
            negation_swap = True
        if op == "replace" and _opposed(da, db):
            opposite_swap = True
    return Contradictions(number_swap, negation_swap, opposite_swap)


def _opposed(da: Sequence[_Token], db: Sequence[_Token]) -> bool:
    """Whether one word of ``da`` is the opposite of one of ``db`` and the
    other words of the two spans are the same."""
    for i, x in enumerate(da):
        for j, y in enumerate(db):
            if y.word in _OPPOSITES.get(x.word, ()):
                rest_a = {t.stem for k, t in enumerate(da) if k != i}
                rest_b = {t.stem for k, t in enumerate(db) if k != j}
                if rest_a == rest_b:
                    return True
    return False


@lru_cache(maxsize=3)
def load_pair_model(kind: str) -> PairModel:
    """The fitted model of ``kind``: ``"cross"`` (on the cross-encoder's logit),
    ``"semantic"`` (with the embedding cosine) or ``"lexical"``."""
    from parallax.resources import resource_path

    doc = json.loads(resource_path(MODEL_RESOURCE).read_text(encoding="utf-8"))
    model = PairModel.from_dict(doc[kind])
    expected = _MODEL_FEATURES[kind]
    if kind == "cross":  # the logit alone, or stacked with the semantic model's
        expected = expected[:max(1, len(model.features))]
    if model.features != expected:
        raise ValueError(f"{MODEL_RESOURCE}: features {model.features} do not match the code's "
                         f"{expected}; refit with bench/fit_pairs.py")
    return model


@dataclass(frozen=True)
class _Token:
    text: str  # as written
    word: str  # lower-cased, quotes folded, "n't" -> "not"
    stem: str
    number: str  # canonical number ("1,200" -> "1200", "three" -> "3"), or ""
    first: bool  # first token of the sentence
    acronym: bool  # "U.S.", "AMD": never a stop word ("US" is not "us")

    @property
    def is_number(self) -> bool:
        return bool(self.number)

    @property
    def is_content(self) -> bool:
        return not self.number and (self.acronym or self.word not in STOP_WORDS)


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[_Token, ...]:
    out = []
    for m in _TOKEN.finditer(text):
        raw = m.group()
        word = raw.replace("’", "'").lower()
        acronym = "." in raw and raw[0].isalpha() or (len(raw) > 1 and raw.isupper())
        if acronym:
            word = word.replace(".", "")  # "U.S." = "US"
        if word.endswith("n't") and len(word) > 3:  # "didn't" -> "did" "not"
            out.append(_make_token(raw, word[:-3], not out, False))
            word = "not"
        out.append(_make_token(raw, word, not out, acronym))
    return tuple(out)


def _make_token(raw: str, word: str, first: bool, acronym: bool) -> _Token:
    number = ""
    if word[0].isdigit():
        number = _canonical_number(word)
    elif word in _NUMBER_WORDS:
        number = _NUMBER_WORDS[word]
    st = number or (word if acronym else stem(word))
    return _Token(raw, word, st, number, first, acronym)


def _canonical_number(s: str) -> str:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        s = s.replace(",", "")
    try:
        v = float(s)
    except ValueError:
        return s  # times, ratios, dates ("10:06", "5/8") compare as written
    if not math.isfinite(v):
        return s
    return str(int(v)) if v.is_integer() else f"{v:.6g}"


def _same_number(x: str, y: str) -> bool:
    """Whether two canonical numbers state the same quantity: equal once the more
    precise is rounded like the other ("0.66" / "0.7", "64.7" / "65"), or within
    1% ("1,750" / "1,752"); years must be equal."""
    if x == y:
        return True
    try:
        fx, fy = float(x), float(y)
    except ValueError:
        return False
    digits = min(_decimals(x), _decimals(y))
    if round(fx, digits) == round(fy, digits):
        return True
    if all(1800 <= v <= 2100 and v.is_integer() for v in (fx, fy)):
        return False
    return abs(fx - fy) <= 0.01 * max(abs(fx), abs(fy))


def _decimals(s: str) -> int:
    return len(s) - s.index(".") - 1 if "." in s else 0


def _names(tokens: Sequence[_Token]) -> list[str]:
    """Stems of capitalised words that look like names (not sentence-initial,
    not stop words or titles)."""
    return [t.stem for t in tokens
            if t.text[:1].isupper() and not t.first and not t.is_number
            and (t.acronym or t.word not in _NOT_NAMES)]


def _trigrams(words: Sequence[str]) -> set[str]:
    s = " ".join(words)
    return {s[i:i + 3] for i in range(len(s) - 2)}


def _dice(p: set, q: set) -> float:
    return 2.0 * len(p & q) / (len(p) + len(q)) if p or q else 0.0


def _count_cosine(p: Counter, q: Counter) -> float:
    dot = sum(v * q[w] for w, v in p.items() if w in q)
    norm = math.sqrt(sum(v * v for v in p.values()) * sum(v * v for v in q.values()))
    return dot / norm if norm else 0.0


def _lcs(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence (O(len(a) * len(b)), one row kept)."""
    if len(a) < len(b):
        a, b = b, a
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def _floats(v: np.ndarray) -> list[float]:
    return [round(float(x), 6) for x in v]
