"""The engine's commands end to end: ``compare``, ``dossier-analysis``, ``reuse``.

Real seed files, a real store, the real spaCy pipeline and embedding weights.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from parallax.core.engine import analyse_dossier
from parallax.core.ingest.seeds import seed_paths
from parallax.core.store import library
from parallax.core.store.connection import open_store
from parallax.desktop import cli
from tests.core.storeutil import fingerprint
from tests.fixtures import languages as L

pytestmark = pytest.mark.slow

SEEDS = {p.name[:3]: p for p in seed_paths()}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("engine") / "seeds.sqlite3"
    assert cli.main(["--db", str(db), "import", *map(str, SEEDS.values()), "--dossier", "Seeds"]) == 0
    return db


def test_compare_files_json(capsys, tmp_path):
    code, out, err = run(capsys, "--db", str(tmp_path / "x.sqlite3"), "compare",
                         str(SEEDS["000"]), str(SEEDS["002"]), "--json")
    assert (code, err) == (0, "")
    doc = json.loads(out)
    a, b = doc["a"]["text"], doc["b"]["text"]
    assert doc["pairs"] and doc["substitutions"]
    for p in doc["pairs"]:
        assert 0 <= p["a_start"] < p["a_end"] <= len(a) and 0 <= p["b_start"] < p["b_end"] <= len(b)
        assert p["kind"] in ("verbatim", "edited", "paraphrase") and isinstance(p["moved"], bool)
        for e in p["edits"]:
            assert e["op"] in ("replace", "insert", "delete")
            assert p["a_start"] <= e["a_start"] <= e["a_end"] <= p["a_end"]
            assert p["b_start"] <= e["b_start"] <= e["b_end"] <= p["b_end"]
    for s, e in doc["only_a"]:
        assert 0 <= s < e <= len(a)
    for s, e in doc["only_b"]:
        assert 0 <= s < e <= len(b)
    # The known rewrite: "presence there" became "invasion of the country".
    subs = {(x["a"], x["b"]) for x in doc["substitutions"]}
    assert ("presence there", "invasion of the country") in subs
    pair = next(p for p in doc["pairs"] if "20-year" in a[p["a_start"]:p["a_end"]])
    replaced = [(a[e["a_start"]:e["a_end"]], b[e["b_start"]:e["b_end"]]) for e in pair["edits"]]
    assert ("presence there", "invasion of the country") in replaced


def test_compare_stored_ids_matches_files(capsys, seeded_db):
    code, out, _ = run(capsys, "--db", str(seeded_db), "articles", "--json")
    ids = {r["source_name"][:3]: r["id"] for r in json.loads(out)}
    code, by_id, _ = run(capsys, "--db", str(seeded_db), "compare", str(ids["000"]), str(ids["002"]), "--json")
    assert code == 0
    code, by_file, _ = run(capsys, "--db", str(seeded_db), "compare", str(SEEDS["000"]), str(SEEDS["002"]), "--json")
    strip = lambda d: [(p["a_start"], p["b_start"], p["kind"]) for p in json.loads(d)["pairs"]]
    assert strip(by_id) == strip(by_file)


def test_compare_bad_argument_is_one_line(capsys, seeded_db):
    before = fingerprint(seeded_db)
    code, _, err = run(capsys, "--db", str(seeded_db), "compare", "no-such-file.txt", "1")
    assert code == 1 and err.startswith("parallax: no-such-file.txt: ") and len(err.splitlines()) == 1
    assert fingerprint(seeded_db) == before


def test_dossier_analysis_finds_who_rewrote_whom(capsys, seeded_db):
    code, out, err = run(capsys, "--db", str(seeded_db), "dossier-analysis", "Seeds", "--json")
    assert (code, err) == (0, "")
    doc = json.loads(out)
    by_outlet = {x["outlet"]: x["id"] for x in doc["articles"]}
    nyt, kayhan = by_outlet["The New York Times"], by_outlet["Kayhan"]
    link = next(r for r in doc["reuse"] if {r["source"], r["target"]} == {nyt, kayhan})
    assert (link["source"], link["target"]) == (nyt, kayhan)
    assert link["share"] > 0.5
    # The leads tell the same thing and are recognised as one story element.
    leads = [e for e in doc["story_elements"]
             if {(m["article"], m["lead"]) for m in e["members"]} >= {(nyt, True), (kayhan, True)}]
    assert leads
    for e in doc["story_elements"]:
        assert len({m["article"] for m in e["members"]}) == e["articles"] >= 2


def test_dossier_analysis_plain_text_shows_each_claim_with_its_evidence(capsys, seeded_db):
    code, out, err = run(capsys, "--db", str(seeded_db), "dossier-analysis", "Seeds")
    assert (code, err) == (0, "")
    reuse = out[out.index("\nReuse"):]
    claims = [line for line in reuse.splitlines() if " takes " in line]
    assert len(claims) == 1
    assert re.match(r"  Kayhan takes \d+% of its text from The New York Times \(\d+ passages\b", claims[0])
    # the first passage, as the target prints it and as the source has it
    assert "Kayhan:" in reuse and "The New York Times:" in reuse
    assert "Politico" not in reuse and "Al Jazeera" not in reuse


def test_dossier_analysis_reports_a_statement_both_quote_not_as_reuse(capsys, tmp_path):
    from tests.core.test_reuse_evidence import COAST, HARBOUR

    db = str(tmp_path / "q.sqlite3")
    for art_id, text, outlet, day in (("1", HARBOUR, "Harbour Post", "2026-03-05"),
                                      ("2", COAST, "Coast News", "2026-03-06")):
        (tmp_path / f"{art_id}.txt").write_text(text, encoding="utf-8")
        assert run(capsys, "--db", db, "import", str(tmp_path / f"{art_id}.txt"), "--dossier", "Arrest")[0] == 0
        assert run(capsys, "--db", db, "edit", art_id, "--outlet", outlet, "--date", day)[0] == 0
    code, out, err = run(capsys, "--db", db, "dossier-analysis", "Arrest")
    assert (code, err) == (0, "")
    assert " takes " not in out
    assert re.search(r"Harbour Post and Coast News both quote: “We ask everyone in the territory", out)
    doc = json.loads(run(capsys, "--db", db, "dossier-analysis", "Arrest", "--json")[1])
    assert doc["reuse"] == [] and len(doc["quotes"]) == 1


def test_dossier_analysis_without_dates_or_containment_claims_no_direction(capsys, tmp_path):
    from tests.core.test_reuse_evidence import COPY, SOURCE

    db = str(tmp_path / "c.sqlite3")
    for name, text in (("source.txt", SOURCE), ("copy.txt", COPY)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert run(capsys, "--db", db, "import", str(tmp_path / "source.txt"), str(tmp_path / "copy.txt"),
               "--dossier", "Flood")[0] == 0
    code, out, err = run(capsys, "--db", db, "dossier-analysis", "Flood")
    assert (code, err) == (0, "")
    reuse = out[out.index("\nReuse"):]
    assert " takes " not in reuse
    assert re.search(r"share text, \d+% of .*\(1 passage: .*who took it from whom is unknown", reuse)
    assert "first passage, in Barrier collapse floods the lower town: Engineers had warned" in reuse


def test_reopening_a_dossier_recomputes_nothing(seeded_db):
    store = open_store(seeded_db)
    try:
        d = library.find_dossier(store, "Seeds")
        analyse_dossier(store, d.id)
        store.close()
        before = fingerprint(seeded_db)
        store = open_store(seeded_db)
        analyse_dossier(store, d.id)
    finally:
        store.close()
    assert fingerprint(seeded_db)[0] == before[0]  # no new cache rows


def test_reuse_writes_pan_xml(capsys, tmp_path):
    corpus = tmp_path / "pan"
    (corpus / "src").mkdir(parents=True)
    (corpus / "susp").mkdir()
    source = SEEDS["001"].read_text(encoding="utf-8")
    copied = source[source.index("What the prime minister"):][:600]
    filler = SEEDS["003"].read_text(encoding="utf-8")[:1500]
    suspicious = filler + "\n\n" + copied + "\n\n" + SEEDS["004"].read_text(encoding="utf-8")[:1500]
    (corpus / "src" / "source-document00001.txt").write_text(source, encoding="utf-8")
    (corpus / "susp" / "suspicious-document00001.txt").write_text(suspicious, encoding="utf-8")
    (corpus / "pairs").write_text("suspicious-document00001.txt source-document00001.txt\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(capsys, "reuse", "--pan", str(corpus), "--out", str(out))
    assert (code, err) == (0, "")
    xml = (out / "suspicious-document00001-source-document00001.xml").read_text(encoding="utf-8")
    feats = [dict(re.findall(r'(\w+)="([^"]*)"', f)) for f in re.findall(r"<feature [^>]*/>", xml)]
    assert feats and all(f["name"] == "detected-plagiarism" for f in feats)
    at = suspicious.index(copied)
    covered = sum(max(0, min(int(f["this_offset"]) + int(f["this_length"]), at + len(copied)) -
                      max(int(f["this_offset"]), at)) for f in feats)
    assert covered >= 0.8 * len(copied)


def test_reuse_bad_folder(capsys, tmp_path):
    code, _, err = run(capsys, "reuse", "--pan", str(tmp_path / "missing"), "--out", str(tmp_path / "o"))
    assert code == 1 and "missing" in err and len(err.splitlines()) == 1


def test_compare_finnish_files_says_lexical_only(capsys, tmp_path):
    a, b = tmp_path / "fi1.txt", tmp_path / "fi2.txt"
    a.write_text(L.FINNISH, encoding="utf-8")
    b.write_text(L.FINNISH_REWRITE, encoding="utf-8")
    code, out, err = run(capsys, "--db", str(tmp_path / "x.sqlite3"), "compare", str(a), str(b))
    assert (code, err) == (0, "")
    assert out.splitlines()[0].endswith("(lexical only: Finnish text)")
    code, out, _ = run(capsys, "--db", str(tmp_path / "x.sqlite3"), "compare", str(a), str(b), "--json")
    assert json.loads(out)["semantic"] is False
