"""The lines issue 11 holds, scored by the team's tool on the shared sets:

- the development corpus (30 real pages from 30 councils): precision and F1 at least 0.85,
  and recall at least 0.70 in every category with 10 or more gold facts;
- the seeds read as texts alone (no manifest): F1 at least 0.95.

Skips, saying why, where ../shared is not beside the checkout.
"""

import importlib.util
import io
import json
import re
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from improvement.extraction import extract, read_document

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_extraction.py"
LINE = re.compile(r"^(\w+)\s+precision=([\d.]+) recall=([\d.]+) \(matched (\d+), gold (\d+), extracted (\d+)\)")


def _score(documents, gold_dir, tmp_path):
    if not SCORER.exists():
        pytest.skip("../shared/tools/score_extraction.py is not beside this checkout")
    preview = tmp_path / "preview.json"
    preview.write_text(json.dumps({"documents": documents}, ensure_ascii=False), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    out = io.StringIO()
    with redirect_stdout(out):
        scorer.main(["score", str(preview), str(gold_dir)])
    report = out.getvalue()
    overall = dict(
        part.split("=") for part in report.strip().splitlines()[-1].replace("overall: ", "").split(" (")[0].split()
    )
    categories = {m.group(1): (float(m.group(3)), int(m.group(5))) for m in map(LINE.match, report.splitlines()) if m}
    return {k: float(v) for k, v in overall.items()}, categories, report


def _texts(folder, skip_lines=0):
    for path in sorted(folder.glob("*.txt")):
        text, _ = read_document(path)
        if skip_lines:
            text = text.split("\n", skip_lines)[-1]  # the corpus files start with their source address
        yield path.name, text


def test_the_development_corpus_holds_the_line(tmp_path):
    corpus = SHARED / "corpus"
    if not (corpus / "docs").is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    documents = [extract(text, source=name).to_contract() for name, text in _texts(corpus / "docs", skip_lines=2)]
    overall, categories, report = _score(documents, corpus / "gold", tmp_path)
    assert overall["precision"] >= 0.85, report
    assert overall["f1"] >= 0.85, report
    weak = {name: recall for name, (recall, gold) in categories.items() if gold >= 10 and recall < 0.70}
    assert not weak, f"categories under recall 0.70: {weak}\n{report}"


def test_the_seeds_read_as_texts_alone_hold_the_line(tmp_path):
    documents = [extract(text, source=name).to_contract() for name, text in _texts(ROOT / "seeds")]
    overall, _, report = _score(documents, SHARED / "seeds-gold", tmp_path)
    assert overall["f1"] >= 0.95, report
