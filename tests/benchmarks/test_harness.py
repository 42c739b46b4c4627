"""`make bench` at a tiny size (2 councils x 20 actions): it runs end to end and writes results.json
with every figure the README's table shows. No timing is asserted: speed is for the benchmark."""

import json
import os
import subprocess  # nosec B404
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = {
    "floor (signed-in bare view)",
    "my actions",
    "action list",
    "action page",
    "plan dashboard",
    "measures",
    "inspections",
    "changes since the last committee",
    "recommendations coverage",
    "committee pack page",
    "actions XLSX export",
    "actions CSV export",
    "admin action changelist",
    "region view (adviser, every council)",
    "region view (superuser)",
}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "results.json"
    env = {**os.environ, "BENCH_DB_TAG": "_pytest", "BENCH_SENDS": "20"}
    done = subprocess.run(  # nosec B603
        [sys.executable, "-m", "benchmarks", "--sizes", "tiny", "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(out.read_text()), done.stdout


def test_every_page_answers_with_timings_queries_and_size(results):
    data, _ = results
    pages = data["sizes"]["tiny"]["pages"]
    assert set(pages) == PAGES
    for label, row in pages.items():
        assert row["status"] == 200, (label, row)
        assert row["samples"] >= 5
        assert row["median_ms"] <= row["p95_ms"]
        assert row["first_ms"] > 0
        assert isinstance(row["queries"], int) and row["queries"] >= 1
        assert row["bytes"] > 0
        assert row["ratio"] > 0


def test_the_pack_pdf_is_built_by_the_worker_and_downloaded(results):
    data, _ = results
    pdf = data["sizes"]["tiny"]["pack_pdf"]
    assert pdf["status"] == 200
    assert pdf["is_pdf"]
    assert pdf["first_answer"] == 302  # the 'being prepared' page, never a PDF laid out in the request


def test_sweep_send_import_and_memory_figures_are_there(results):
    data, _ = results
    tiny = data["sizes"]["tiny"]
    reminders = tiny["reminders"]
    assert reminders["claimed"] > 0
    assert reminders["same_day_queries"] > 0
    assert reminders["sent"] == reminders["smtp_received"] > 0
    assert reminders["smtp_connections"] >= 1
    # sent again through a Celery worker of two processes, as docker-compose runs it: every digest once more
    assert reminders["worker_sent"] == reminders["worker_smtp_received"] == reminders["sent"]
    assert reminders["worker_processes"] == 2 and reminders["worker_emails_per_second"] > 0
    assert {"bound_seconds", "bound_rows", "ratio_to_bound", "emails_per_second"} <= set(reminders)
    assert {"write_ratio", "documents", "queries_per_document"} <= set(tiny["import"])
    assert tiny["memory"]["web_worker_peak_rss_mb"] > 0
    assert tiny["memory"]["celery_worker_peak_rss_mb"] > 0
    assert data["machine"]["cores"] >= 1


def test_the_markdown_table_is_printed(results):
    _, stdout = results
    assert "| page | tiny: 2 × 20 |" in stdout
    assert "| admin action changelist |" in stdout
    assert "Machine:" in stdout
