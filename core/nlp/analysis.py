"""Per-article analysis results and their compact cache encoding.

Depends on numpy and the standard library; nothing here loads a model. The
producer is ``parallax.core.nlp.pipeline``; the alignment engine reads these.
All positions are Python character offsets into the article text, end exclusive.
"""
from __future__ import annotations

import enum
import io
import json
import zlib
from dataclasses import dataclass

import numpy as np


class EntityKind(str, enum.Enum):
    PERSON = "person"
    ORG = "org"
    PLACE = "place"
    DATE = "date"
    NUMBER = "number"
    OTHER = "other"


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    norm: str  # lower-cased lemma, the unit of lexical comparison
    is_word: bool  # False for punctuation, symbols and spaces
    is_stop: bool


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    kind: EntityKind
    label: str  # the spaCy label (GPE, NORP, ...)
    text: str


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # 0-based index of the paragraph (block between blank lines / lines)
    token_start: int  # index into ArticleAnalysis.tokens
    token_end: int


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything the engine needs about one text, computed once and cached."""

    text_sha256: str
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...]
    embeddings: np.ndarray | None  # (len(sentences), dim) float32, L2-normalised
    encoder: str  # model id of the encoder, or "none" (lexical features only)

    def sentence_tokens(self, i: int) -> tuple[Token, ...]:
        s = self.sentences[i]
        return self.tokens[s.token_start:s.token_end]

    def to_bytes(self) -> bytes:
        doc = {
            "h": self.text_sha256,
            "enc": self.encoder,
            "s": [[s.start, s.end, s.paragraph, s.token_start, s.token_end] for s in self.sentences],
            "t": [[t.start, t.end, t.norm, int(t.is_word), int(t.is_stop)] for t in self.tokens],
            "e": [[e.start, e.end, e.kind.value, e.label, e.text] for e in self.entities],
        }
        head = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        buf = io.BytesIO()
        if self.embeddings is not None:
            np.save(buf, np.ascontiguousarray(self.embeddings, dtype=np.float32), allow_pickle=False)
        body = buf.getvalue()
        return zlib.compress(len(head).to_bytes(8, "little") + head + body, 1)

    @classmethod
    def from_bytes(cls, data: bytes) -> ArticleAnalysis:
        raw = zlib.decompress(data)
        n = int.from_bytes(raw[:8], "little")
        doc = json.loads(raw[8:8 + n].decode("utf-8"))
        rest = raw[8 + n:]
        emb = np.load(io.BytesIO(rest), allow_pickle=False) if rest else None
        return cls(
            text_sha256=doc["h"],
            sentences=tuple(Sentence(*row) for row in doc["s"]),
            tokens=tuple(Token(a, b, c, bool(d), bool(e)) for a, b, c, d, e in doc["t"]),
            entities=tuple(Entity(a, b, EntityKind(c), d, e) for a, b, c, d, e in doc["e"]),
            embeddings=emb,
            encoder=doc["enc"],
        )
