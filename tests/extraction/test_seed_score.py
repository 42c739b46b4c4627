"""The importer on the seeds, scored against the hand-labelled gold by the team's tool."""

import importlib.util
import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from improvement.extraction import extract, load_manifest, read_document

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def test_precision_and_f1_hold_the_line(tmp_path):
    scorer_path = SHARED / "tools" / "score_extraction.py"
    if not scorer_path.exists():
        pytest.skip("../shared/tools/score_extraction.py is not beside this checkout")
    manifest = load_manifest(ROOT / "seeds")
    documents = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        meta = manifest.get(path.name, {})
        text, _ = read_document(path)
        documents.append(
            extract(
                text,
                source=path.name,
                meeting_date=meta.get("meeting_date"),
                committee=meta.get("committee"),
                authority=meta.get("authority"),
            ).to_contract()
        )
    preview = tmp_path / "preview.json"
    preview.write_text(json.dumps({"documents": documents}, ensure_ascii=False), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("score_extraction", scorer_path)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    out = io.StringIO()
    with redirect_stdout(out):
        scorer.main(["score", str(preview), str(SHARED / "seeds-gold")])
    summary = out.getvalue().strip().splitlines()[-1]
    numbers = dict(part.split("=") for part in summary.replace("overall: ", "").split(" (")[0].split())
    assert float(numbers["precision"]) >= 0.90, out.getvalue()
    assert float(numbers["f1"]) >= 0.90, out.getvalue()
