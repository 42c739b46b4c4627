"""The import_minutes command on real files, against PostgreSQL."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from improvement.models import Action, Decision, Inspection, Measure, Owner, SourceDocument

pytestmark = pytest.mark.django_db
SEEDS = Path(__file__).resolve().parents[2] / "seeds"

MINUTES = """CHILDREN'S SERVICES SCRUTINY COMMITTEE - 12 JANUARY 2022

Agenda item 5: Ofsted monitoring visit

Minutes:
The Director of Children's Services reported that the fourth monitoring visit had taken place on 30 November and \
1 December 2021 and had focused on children in care.
The Head of Service confirmed that she would circulate the audit findings to Members by 31 January 2022.
In response to a question, members were told that 62% of case files audited were judged good or better.

RESOLVED: That the report be noted.
"""


def run(*args):
    out, err = _Capture(), _Capture()
    try:
        call_command("import_minutes", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as exc:
        code = exc.returncode
        err.write(str(exc))
    return code, out.value, err.value


class _Capture:
    def __init__(self):
        self.value = ""

    def write(self, text):
        self.value += text + ("\n" if not text.endswith("\n") else "")

    def flush(self):
        pass


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "minutes.txt").write_text(MINUTES, encoding="utf-8")
    return tmp_path


def test_import_creates_facts_with_verbatim_quotes(folder):
    code, out, err = run(str(folder / "minutes.txt"), "--authority", "Northshire County Council")
    assert code == 0, err
    assert "Imported 1, unchanged 0, failed 0." in out
    doc = SourceDocument.objects.get()
    assert doc.authority.name == "Northshire County Council"
    visit = Inspection.objects.get()
    assert visit.kind == "monitoring_visit" and visit.ordinal == 4
    assert Action.objects.filter(owner__role_title__icontains="Head of Service").exists()
    assert Decision.objects.filter(kind="noted").exists()
    for model in (Inspection, Action, Owner, Measure, Decision):
        for record in model.objects.filter(source_document=doc):
            assert doc.text[record.source_start : record.source_end] == record.source_quote


def test_reimporting_the_same_file_changes_nothing(folder):
    path = str(folder / "minutes.txt")
    run(path, "--authority", "Northshire County Council")
    counts = (Action.objects.count(), Owner.objects.count(), Measure.objects.count())
    code, out, _ = run(path, "--authority", "Northshire County Council")
    assert code == 0
    assert "Imported 0, unchanged 1, failed 0." in out
    assert counts == (Action.objects.count(), Owner.objects.count(), Measure.objects.count())


def test_owners_and_visits_merge_across_documents(folder):
    (folder / "later.txt").write_text(
        MINUTES.replace("12 JANUARY 2022", "9 MARCH 2022").replace("62%", "71%"), encoding="utf-8"
    )
    code, _, err = run(str(folder), "--authority", "Northshire County Council")
    assert code == 0, err
    assert SourceDocument.objects.count() == 2
    assert Inspection.objects.count() == 1
    assert Owner.objects.filter(role_key__contains="head service").count() == 1


def test_dry_run_json_follows_the_contract_and_writes_nothing(folder):
    code, out, _ = run(str(folder / "minutes.txt"), "--dry-run", "--json", "--meeting-date", "2022-01-12")
    assert code == 0
    doc = json.loads(out)["documents"][0]
    assert set(doc) >= {
        "source",
        "meeting",
        "visits",
        "recommendations",
        "actions",
        "measures",
        "owners",
        "decisions",
        "errors",
    }
    assert doc["meeting"]["date"] == "2022-01-12"
    assert all(isinstance(owner, str) for owner in doc["owners"])
    assert SourceDocument.objects.count() == 0 and Owner.objects.count() == 0


def test_seeds_import_with_their_manifest_and_give_the_gold_meeting_dates():
    code, out, _ = run(str(SEEDS), "--dry-run", "--json")
    assert code == 0
    docs = {d["source"]: d for d in json.loads(out)["documents"]}
    assert len(docs) == 5
    assert docs["000_37b0ac08acd70cbf.txt"]["meeting"]["date"] == "2014-07-16"
    assert docs["004_0b49bff90da76fb3.txt"]["meeting"]["date"] == "2020-07-07"


class TestBadInput:
    def test_each_bad_file_gets_one_line_and_the_others_still_import(self, folder):
        (folder / "empty.txt").write_bytes(b"")
        (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
        (folder / "huge.txt").write_bytes(b"minutes " * (700 * 1024))
        code, out, err = run(str(folder), "--authority", "Northshire County Council")
        assert code == 1
        lines = [line for line in err.splitlines() if line.strip() and "file(s) failed" not in line]
        assert len(lines) == 3, err
        assert any("empty.txt" in line and "empty" in line.lower() for line in lines)
        assert any("binary.txt" in line for line in lines)
        assert any("huge.txt" in line and "5 MB" in line for line in lines)
        assert "Traceback" not in err
        assert SourceDocument.objects.count() == 1
        assert "Imported 1, unchanged 0, failed 3." in out

    def test_windows_1252_text_is_read_and_said_so(self, tmp_path):
        path = tmp_path / "cp1252.txt"
        path.write_bytes(MINUTES.replace("'", "\u2019").encode("cp1252"))
        code, out, err = run(str(path), "--authority", "Northshire County Council", "-v", "2")
        assert code == 0, err
        assert SourceDocument.objects.get().text.startswith("CHILDREN\u2019S SERVICES")

    def test_folder_without_text_files_and_missing_file_are_reported(self, tmp_path):
        empty = tmp_path / "nothing"
        empty.mkdir()
        (empty / "photo.png").write_bytes(b"\x89PNG")
        code, _, err = run(str(empty), str(tmp_path / "missing.txt"), "--authority", "X Council")
        assert code == 1
        assert "no text" in err and "missing.txt" in err

    def test_manifest_naming_a_missing_file_is_reported(self, folder):
        (folder / "manifest.toml").write_text('[files."gone.txt"]\nauthority = "Northshire County Council"\n')
        code, _, err = run(str(folder), "--authority", "Northshire County Council")
        assert code == 1
        assert "gone.txt" in err
        assert SourceDocument.objects.count() == 1

    def test_no_authority_is_a_clear_failure(self, folder):
        code, _, err = run(str(folder / "minutes.txt"))
        assert code == 1
        assert "no authority" in err
        assert SourceDocument.objects.count() == 0

    def test_a_council_named_in_the_text_is_suggested_but_never_created_without_authority(self, tmp_path):
        from improvement.models import Authority

        page = tmp_path / "board.txt"
        page.write_text(
            "Westmoor Borough Council\n\nChildren's Scrutiny Committee, 3 March 2025\n\n"
            "RESOLVED: That the improvement plan update be noted.\n",
            encoding="utf-8",
        )
        before = Authority.objects.count()
        code, _, err = run(str(page))
        assert code == 1
        assert 'the text names "Westmoor Borough Council": add --authority "Westmoor Borough Council"' in err
        assert Authority.objects.count() == before and SourceDocument.objects.count() == 0

    def test_bad_meeting_date_option(self, folder):
        with pytest.raises(CommandError, match="not a date"):
            call_command("import_minutes", str(folder), "--meeting-date", "31/02/2022")


def test_personal_data_is_flagged_and_blanked_in_what_is_stored(tmp_path):
    text = MINUTES.replace("62% of case files", "62% of case files (child NHS number 943 476 5919, postcode SW1A 1AA)")
    (tmp_path / "pii.txt").write_text(text, encoding="utf-8")
    code, out, _ = run(str(tmp_path / "pii.txt"), "--authority", "Northshire County Council")
    assert code == 0
    assert "Personal data flagged" in out
    doc = SourceDocument.objects.get()
    assert "943 476 5919" not in doc.text and "SW1A 1AA" not in doc.text
    for measure in Measure.objects.all():
        assert "5919" not in measure.source_quote


def test_seed_copy_is_identical_to_shared_seeds():
    shared = Path(__file__).resolve().parents[3] / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for original in shared.glob("*.txt"):
        assert (SEEDS / original.name).read_bytes() == original.read_bytes()
