"""Hard sentence pairs generated from real sentences, labelled by construction.

Depends on spaCy and its ``en_core_web_sm`` package WITH the dependency parser
(read through :func:`parallax.core.nlp.pipeline.parse_pipe`, the app's one
pipeline with its parser on; used only by the benchmark, the training data and
the tests).

A judge that leans on shared words says "same" to two sentences with the same
words in a different structure. Each generator below takes one parsed sentence
and rewrites it so that the answer is known without a human: the hard
negatives keep nearly all words but change who did what to whom (subject and
object swapped, the two ends of "from X to Y" swapped, the agent and patient
of a passive swapped, two names of one kind in different places swapped:
"born in Vienna and died in Berlin"), a number, a named actor (replaced by another name of
the same kind from the pool), the polarity (a negation inserted or removed),
the modality ("will" -> "may") or one word against its opposite; the hard
positives change the form and keep the statement (a clause moved from the
front to the back, active voice turned passive, the two items of "X and Y"
swapped). A rewrite is produced only
where the parse makes it safe (contiguous phrases, no pronoun case to fix, a
regular past tense whose participle is the same word), so each pair is
label-correct by construction; the bench prints a sample to check by eye.

Everything is deterministic: sources are taken in the order given, each
generator keeps at most ``per_kind`` pairs, and replacement names and numbers
come from the sources themselves in a fixed order.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from parallax.core.nlp.pipeline import parse_pipe
from parallax.core.pairs.places import same_state
from parallax.core.pairs.structure import SYMMETRIC_VERBS, asked

NEGATIVE_KINDS = ("subject_object", "from_to", "agent_patient", "number", "actor",
                  "negation_add", "negation_remove", "modality", "antonym", "exchange")
POSITIVE_KINDS = ("clause_reorder", "active_passive", "list_reorder")

# Closed classes the generator needs to rewrite a verb group.
_MODAL_WEAKER = {"will": "may", "would": "might", "must": "may", "shall": "may"}
_BE_HAVE = frozenset("is are was were has have had will would can could should must".split())
_PRONOUNS = frozenset("i you he she it we they me him her us them who whom this that these those "
                      "which what there".split())
# Word pairs of opposite sense, in matching forms, for the antonym negatives.
_ANTONYMS = dict(pair for a, b in (
    ("rose", "fell"), ("rise", "fall"), ("rises", "falls"), ("increased", "decreased"),
    ("increase", "decrease"), ("won", "lost"), ("wins", "loses"), ("win", "lose"),
    ("accepted", "rejected"), ("accepts", "rejects"), ("approved", "rejected"),
    ("supports", "opposes"), ("supported", "opposed"), ("before", "after"),
    ("higher", "lower"), ("gained", "lost"), ("allowed", "banned"), ("opened", "closed"),
    ("strengthened", "weakened"), ("larger", "smaller"), ("largest", "smallest"),
    ("up", "down"), ("more", "fewer"), ("guilty", "innocent"), ("lifted", "imposed"),
    ("ends", "begins"), ("ended", "began"), ("end", "begin"), ("wins", "loses"),
    ("boost", "cut"), ("boosts", "cuts"), ("raised", "lowered"), ("raises", "lowers"),
) for pair in ((a, b), (b, a)))
_ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP")


@dataclass(frozen=True)
class HardPair:
    """One generated pair: ``a`` is the real sentence, ``b`` its rewrite."""

    a: str
    b: str
    same: bool
    kind: str  # one of NEGATIVE_KINDS or POSITIVE_KINDS


def tuning_sources(sentences: Iterable[str], dev: Iterable[HardPair]) -> list[str]:
    """The sentences of ``sentences`` that feed no pair of the development set
    ``dev``: rules and thresholds are chosen on pairs generated from these, so
    the development pairs measure sentences the tuning never saw."""
    seen = {_squash(h.a) for h in dev} | {_squash(h.b) for h in dev}
    return [s for s in sentences if _squash(s) not in seen]


def generate(sentences: Iterable[str], *, per_kind: int = 40) -> list[HardPair]:
    """Hard pairs from ``sentences`` (each used as written), at most ``per_kind``
    of each negative kind and twice that of each positive kind (there are
    fewer positive kinds, and a judge that always answers "different" should
    not look good), in a deterministic order."""
    texts = list(dict.fromkeys(s.strip() for s in sentences if 4 <= len(s.split()) <= 45))
    docs = list(parse_pipe(texts, batch_size=64))
    pool = _actor_pool(docs)
    makers = {
        "subject_object": _swap_subject_object, "from_to": _swap_from_to,
        "agent_patient": _swap_agent_patient, "number": _replace_number,
        "actor": lambda d: _replace_actor(d, pool), "negation_add": _add_negation,
        "negation_remove": _remove_negation, "modality": _weaken_modality,
        "antonym": _antonym, "exchange": _exchange_names, "clause_reorder": _reorder_clause,
        "active_passive": _to_passive, "list_reorder": _reorder_list,
    }
    out: list[HardPair] = []
    for kind, make in makers.items():
        same = kind in POSITIVE_KINDS
        n = 0
        for doc in docs:
            if n >= per_kind * (2 if same else 1):
                break
            b = make(doc)
            if same and b and not _keeps_roles(doc, next(parse_pipe([b])), kind):
                continue
            if b and _squash(b) != _squash(doc.text):
                out.append(HardPair(doc.text, b, same, kind))
                n += 1
    return out


def _keeps_roles(doc, new, kind: str) -> bool:
    """Whether the rewrite ``new`` of a hard positive parses with the same main
    verb and the same actor in the same role: a rewrite the parser reads
    differently may have changed the statement, so it is dropped."""
    v, w = _root_verb(doc), _root_verb(new)
    if v is None or w is None or v.lemma_ != w.lemma_:
        return False
    def role(verb, dep):
        return sorted(_squash(new.text[slice(*_span(c))] if verb.doc is new else doc.text[slice(*_span(c))])
                      for c in verb.children if c.dep_ == dep)
    if kind == "active_passive":
        agents = [_squash(new.text[slice(*_span(p))]) for a in w.children if a.dep_ == "agent"
                  for p in a.children if p.dep_ == "pobj"]
        return role(v, "dobj") == role(w, "nsubjpass") and role(v, "nsubj") == agents
    return role(v, "nsubj") == role(w, "nsubj") and role(v, "nsubj") != []


def _squash(s: str) -> str:
    return " ".join(s.lower().split())


def _span(tok) -> tuple[int, int]:
    """Character span of a token's subtree (it is contiguous in a projective parse)."""
    sub = list(tok.subtree)
    return sub[0].idx, sub[-1].idx + len(sub[-1].text)


def _replace(text: str, edits: Sequence[tuple[int, int, str]]) -> str:
    """``text`` with each ``(start, end, new)`` span replaced (spans must not overlap)."""
    out, pos = [], 0
    for start, end, new in sorted(edits):
        if start < pos:
            return ""
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _plain_np(tok) -> bool:
    """A noun phrase safe to move: not a pronoun, no clause inside, a few words."""
    sub = list(tok.subtree)
    return (tok.pos_ in ("NOUN", "PROPN") and tok.lower_ not in _PRONOUNS
            and len(sub) <= 6 and not any(t.dep_ in ("relcl", "acl", "ccomp", "cc", "appos")
                                          or t.text in (",", "(", '"') for t in sub))


def _swap_texts(doc, x, y) -> str:
    (xs, xe), (ys, ye) = _span(x), _span(y)
    if xe > ys and ye > xs:
        return ""
    tx, ty = doc.text[xs:xe], doc.text[ys:ye]
    if _squash(tx) == _squash(ty):
        return ""
    # A common noun phrase that leaves the front of the sentence loses its
    # capital; whatever arrives there gets one.
    tx, ty = _unfront(doc, x, tx), _unfront(doc, y, ty)
    out = _replace(doc.text, [(xs, xe, ty), (ys, ye, tx)])
    return out[:1].upper() + out[1:]


def _unfront(doc, tok, text: str) -> str:
    first = next(iter(tok.subtree))
    return text[:1].lower() + text[1:] if first.i == 0 and _common(doc, first) else text


def _common(doc, first) -> bool:
    """Whether the sentence's first word is an ordinary word, capitalised only
    because it opens the sentence (in a title-case headline, only a determiner
    is sure to be)."""
    return first.pos_ == "DET" or (first.pos_ != "PROPN" and _sentence(doc))


def _swap_subject_object(doc) -> str:
    for v in doc:
        if v.pos_ != "VERB":
            continue
        subj = [c for c in v.children if c.dep_ == "nsubj"]
        obj = [c for c in v.children if c.dep_ == "dobj"]
        if len(subj) == 1 and len(obj) == 1 and _plain_np(subj[0]) and _plain_np(obj[0]):
            return _swap_texts(doc, subj[0], obj[0])
    return ""


def _swap_from_to(doc) -> str:
    for head in doc:
        preps = {c.lower_: c for c in head.children if c.dep_ == "prep" and c.lower_ in ("from", "to")}
        if len(preps) == 2:
            objs = [[c for c in preps[p].children if c.dep_ == "pobj"] for p in ("from", "to")]
            if all(len(o) == 1 and _plain_np(o[0]) for o in objs):
                return _swap_texts(doc, objs[0][0], objs[1][0])
    return ""


def _swap_agent_patient(doc) -> str:
    for v in doc:
        subj = [c for c in v.children if c.dep_ == "nsubjpass"]
        agent = [c for c in v.children if c.dep_ == "agent"]
        if len(subj) == 1 and len(agent) == 1:
            pobj = [c for c in agent[0].children if c.dep_ == "pobj"]
            if len(pobj) == 1 and _plain_np(subj[0]) and _plain_np(pobj[0]):
                return _swap_texts(doc, subj[0], pobj[0])
    return ""


def _replace_number(doc) -> str:
    for t in doc:
        if t.like_num and t.text.replace(",", "").replace(".", "").isdigit():
            raw = t.text.replace(",", "")
            try:
                v = float(raw)
            except ValueError:
                continue
            if 1900 <= v <= 2100 and "." not in raw:
                new = str(int(v) - 3)  # a year: another year
            elif "." in raw:
                new = f"{v * 2 + 1:.{len(raw) - raw.index('.') - 1}f}"
            else:
                new = str(int(v) * 2 + 3)
            return _replace(doc.text, [(t.idx, t.idx + len(t.text), new)])
    return ""


def _actor_pool(docs) -> dict[str, list[str]]:
    pool: dict[str, list[str]] = {}
    for doc in docs:
        for e in doc.ents:
            if e.label_ in _ACTOR_LABELS and e.text[:1].isupper() and e.text not in pool.get(e.label_, ()):
                pool.setdefault(e.label_, []).append(e.text)
    return pool


def _replace_actor(doc, pool: dict[str, list[str]]) -> str:
    for e in doc.ents:
        names = pool.get(e.label_, [])
        if e.label_ not in _ACTOR_LABELS or not e.text[:1].isupper() or len(names) < 2:
            continue
        words = {w.lower() for w in e.text.split()}
        # The next name of the same kind that shares no word with this one and
        # names another state, if a state (not an alias: "Britain" / "the UK").
        start = names.index(e.text) if e.text in names else 0
        for k in range(1, len(names)):
            other = names[(start + k) % len(names)]
            if (not words & {w.lower() for w in other.split()} and not same_state(e.text, other)
                    and other.lower() not in doc.text.lower()):
                return _replace(doc.text, [(e.start_char, e.end_char, other)])
    return ""


def _root_verb(doc):
    roots = [t for t in doc if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")]
    return roots[0] if roots else None


def _has_negation(v) -> bool:
    return any(c.dep_ == "neg" for c in v.children)


def _add_negation(doc) -> str:
    v = _root_verb(doc)
    if v is None or _has_negation(v) or any(t.dep_ == "neg" for t in doc):
        return ""
    aux = [c for c in v.children if c.dep_ in ("aux", "auxpass") and c.i < v.i]
    if aux and aux[0].lower_ in _BE_HAVE:
        a = aux[0]
        return _replace(doc.text, [(a.idx + len(a.text), a.idx + len(a.text), " not")])
    if v.lower_ in _BE_HAVE - {"has", "have", "had"} and v.pos_ == "AUX":
        return _replace(doc.text, [(v.idx + len(v.text), v.idx + len(v.text), " not")])
    if v.tag_ in ("VBD", "VBZ") and v.pos_ == "VERB" and v.lemma_.isalpha():
        do = "did" if v.tag_ == "VBD" else "does"
        return _replace(doc.text, [(v.idx, v.idx + len(v.text), f"{do} not {v.lemma_}")])
    return ""


def _remove_negation(doc) -> str:
    v = _root_verb(doc)
    if v is None:
        return ""
    neg = [c for c in v.children if c.dep_ == "neg" and c.lower_ in ("not", "n't")]
    if len(neg) != 1 or neg[0].lower_ == "n't":
        return ""
    n = neg[0]
    start = n.idx - 1 if doc.text[n.idx - 1:n.idx] == " " else n.idx
    return _replace(doc.text, [(start, n.idx + len(n.text), "")])


def _weaken_modality(doc) -> str:
    for t in doc:
        if t.tag_ == "MD" and t.lower_ in _MODAL_WEAKER and t.head.pos_ in ("VERB", "AUX"):
            if any(c.dep_ == "neg" for c in t.head.children):
                continue  # "will not" -> "may not" is a weaker denial, still different, but keep it simple
            if asked(t.head):
                continue  # "whether it will / may": a question either way, the same statement
            new = _MODAL_WEAKER[t.lower_]
            return _replace(doc.text, [(t.idx, t.idx + len(t.text), new.capitalize() if t.i == 0 else new)])
    return ""


def _antonym(doc) -> str:
    for t in doc:
        new = _ANTONYMS.get(t.lower_)
        if new and t.pos_ in ("VERB", "ADJ", "ADV", "ADP", "NOUN", "ADJ"):
            return _replace(doc.text, [(t.idx, t.idx + len(t.text), new.capitalize() if t.i == 0 else new)])
    return ""


def _sentence(doc) -> bool:
    """A full sentence, not a headline: ends with a full stop and is not in
    title case (headline grammar drops the auxiliaries the parse relies on)."""
    words = [t for t in doc if t.is_alpha and len(t.text) > 3]
    capitals = sum(t.text[:1].isupper() for t in words[1:])
    return doc[-1].text == "." and capitals <= len(words) // 2


def _reorder_clause(doc) -> str:
    """"A, B said." <-> "B said A."; "In X, Y." -> "Y in X."."""
    v = _root_verb(doc)
    if v is None or not _sentence(doc):
        return ""
    body_end = doc[-1].idx
    subj = [c for c in v.children if c.dep_ == "nsubj"]
    for c in v.children:
        sub = list(c.subtree)
        if c.dep_ == "ccomp" and c.i > v.i and len(subj) == 1:
            # "B said (that) A." -> "A, B said."
            s_sub = list(subj[0].subtree)
            if (s_sub[0].i != 0 or s_sub[-1].i + 1 != v.i or v.tag_ not in ("VBD", "VBZ", "VBP") or sub[0].i != v.i + 1 + (sub[0].dep_ == "mark")
                    or sub[-1].i != len(doc) - 2 or subj[0].lower_ in _PRONOUNS):
                continue
            body = sub[1:] if sub[0].dep_ == "mark" else sub
            clause = doc.text[body[0].idx:body_end].strip()
            head = doc.text[:v.idx + len(v.text)]
            if _common(doc, s_sub[0]):
                head = head[:1].lower() + head[1:]
            return f"{clause[:1].upper()}{clause[1:]}, {head}."
        if sub[0].i != 0 or sub[-1].i + 1 >= len(doc) or doc[sub[-1].i + 1].text != ",":
            continue
        if c.dep_ == "ccomp" and c.i < v.i:
            # "A, B said." -> "B said A."
            rest = doc.text[doc[sub[-1].i + 2].idx:body_end].strip()
            clause = doc.text[sub[0].idx:sub[-1].idx + len(sub[-1].text)]
            if (not rest or '"' in clause or len(subj) != 1 or subj[0].i > v.i
                    or next(iter(subj[0].subtree)).i != sub[-1].i + 2):
                continue  # "A, B said." with B, then the verb, right after the comma
            first = clause if sub[0].pos_ == "PROPN" or sub[0].text == "I" else clause[:1].lower() + clause[1:]
            return f"{rest[:1].upper()}{rest[1:]} {first}."
        if c.dep_ == "prep" and c.i < v.i:
            pobj = [p for p in c.children if p.dep_ == "pobj"]
            if len(pobj) != 1 or list(pobj[0].subtree)[-1].i != sub[-1].i or len(sub) > 6:
                continue  # the phrase must be the preposition and its object, nothing more
            clause = doc.text[sub[0].idx:sub[-1].idx + len(sub[-1].text)]
            rest = doc.text[doc[sub[-1].i + 2].idx:body_end].strip()
            if not rest or '"' in clause + rest:
                continue
            return f"{rest[:1].upper()}{rest[1:]} {clause[:1].lower() + clause[1:]}."
    return ""


def _to_passive(doc) -> str:
    """"A verbed B ..." -> "B was verbed by A ..." for a regular past tense."""
    v = _root_verb(doc)
    if v is None or v.tag_ != "VBD" or not v.lower_.endswith("ed") or v.pos_ != "VERB" or not _sentence(doc):
        return ""
    subj = [c for c in v.children if c.dep_ == "nsubj"]
    obj = [c for c in v.children if c.dep_ == "dobj"]
    if len(subj) != 1 or len(obj) != 1 or not _plain_np(subj[0]) or not _plain_np(obj[0]):
        return ""
    if any(c.dep_ in ("aux", "neg", "prt", "dative", "conj") for c in v.children):
        return ""
    (ss, se), (os_, oe) = _span(subj[0]), _span(obj[0])
    if not (se + 1 == v.idx and v.idx + len(v.text) + 1 == os_) or (ss and doc.text[:ss].rstrip()[-1:] != ","):
        return ""  # the subject opens the sentence or follows a comma
    obj_text, subj_text = doc.text[os_:oe], doc.text[ss:se]
    if ss == 0 and _common(doc, next(iter(subj[0].subtree))):
        subj_text = subj_text[:1].lower() + subj_text[1:]
    be = "were" if obj[0].tag_ in ("NNS", "NNPS") else "was"
    new = f"{obj_text[:1].upper() + obj_text[1:] if ss == 0 else obj_text} {be} {v.text} by {subj_text}"
    return doc.text[:ss] + new + doc.text[oe:]


def _exchange_names(doc) -> str:
    """Two names of one kind (two places, two people...) in different places of
    the sentence swapped: "born in Vienna and died in Berlin" -> "born in
    Berlin and died in Vienna". Not two items of one list ("Vienna and
    Berlin": only punctuation and "and" / "or" between them), not the two
    sides of a verb like "met", and not two names that are one ("Kadhimi ...
    Mustafa al-Kadhimi")."""
    ents = [e for e in doc.ents if e.label_ in _ACTOR_LABELS and len(e) <= 4
            and not any(t.lower_ in _PRONOUNS for t in e)]
    for k, x in enumerate(ents):
        for y in ents[k + 1:]:
            if x.label_ != y.label_:
                continue
            between = doc[x.end:y.start]
            if not any(t.is_alpha and not t.is_stop for t in between):
                continue  # a list, or names side by side
            if any(t.lower_.rstrip(".") in ("v", "vs", "versus", "with") for t in between):
                continue  # "Murray v Federer", "talks with": both ways
            wx, wy = {t.lower_ for t in x}, {t.lower_ for t in y}
            if wx & wy:
                continue
            if x.root.head == y.root.head and x.root.head.lemma_.lower() in SYMMETRIC_VERBS:
                continue
            tx, ty = x.text, y.text
            return _replace(doc.text, [(x.start_char, x.end_char, ty), (y.start_char, y.end_char, tx)])
    return ""


def _reorder_list(doc) -> str:
    """The two items of "X and Y", each a name of a few words, swapped:
    "France and Germany signed" -> "Germany and France signed", "between
    Leeds and York" -> "between York and Leeds". Only names ("the" allowed),
    so no modifier before the first item reads over both ("Iran's program and
    activities"); not in a sentence that says "respectively". A list that is
    the main verb's subject is made but then dropped by :func:`_keeps_roles`
    (its subject's words are in another order), so the lists reordered stand
    after the verb: "visited France and Germany"."""
    if any(t.lower_ == "respectively" for t in doc):
        return ""
    for c in doc:
        h = c.head
        if c.dep_ != "conj" or h.dep_ == "conj" or c.pos_ != "PROPN" or h.pos_ != "PROPN":
            continue
        if sum(1 for t in h.children if t.dep_ == "conj") != 1:
            continue
        cc = [t for t in h.children if t.dep_ == "cc" and h.i < t.i < c.i and t.lower_ in ("and", "or")]
        if len(cc) != 1 or cc[0].i != c.left_edge.i - 1:
            continue
        first = doc[h.left_edge.i:cc[0].i]
        second = doc[c.left_edge.i:c.right_edge.i + 1]
        if (not 1 <= len(first) <= 6 or not 1 <= len(second) <= 6
                or any(t.pos_ != "PROPN" and t.lower_ != "the" for t in (*first, *second))
                or any(t.i > c.right_edge.i for t in h.subtree)
                or (first.start and not doc[first.start - 1].whitespace_)
                or (second.end < len(doc) and doc[second.end].pos_ in ("NOUN", "PROPN"))):
            continue
        tx, ty = first.text, second.text
        if first.start == 0 and _common(doc, first[0]):
            tx = tx[:1].lower() + tx[1:]
        out = _replace(doc.text, [(first.start_char, first.end_char, ty), (second.start_char, second.end_char, tx)])
        return out[:1].upper() + out[1:]
    return ""
