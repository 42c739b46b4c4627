"""Whole documents in layouts unlike the seeds: numbered paragraphs with bullets, a ModernGov
issue page in HTML, and an all-capitals board with dashes and an ACTION line."""

from pathlib import Path

from improvement.extraction import extract, read_document

FIXTURES = Path(__file__).parent / "fixtures"


def load(name):
    text, _ = read_document(FIXTURES / name)
    return extract(text, source=name)


def test_numbered_scrutiny_panel_minutes():
    f = load("scrutiny_panel_numbered.txt")
    assert (f.meeting.date, f.meeting.committee) == ("2022-03-14", "Children and Young People Scrutiny Panel")
    visit = f.visits[0]
    assert (visit.kind, visit.start, visit.end, visit.priority_action) == (
        "focused_visit",
        "2022-01-18",
        "2022-01-19",
        True,
    )
    assert visit.focus.startswith("front door")
    assert [(m.value, m.unit, m.target) for m in f.measures] == [
        (68, "%", 90),
        (23, "staff", None),
        (19, "cases", None),
    ]
    # "An action plan had to be submitted to Ofsted within 20 working days": a requirement placed on
    # the council, an action with no owner (and no full due date)
    assert [(a.owner, a.due) for a in f.actions] == [
        (None, None),
        ("Head of Early Help", None),
        ("Director of Children's Services", None),
    ]
    assert [d.kind for d in f.decisions] == ["noted", "received", "other"]
    assert "Councillor Patel" not in " ".join(o.role for o in f.owners)


def test_moderngov_issue_page():
    f = load("moderngov_issue_cabinet.html")
    assert (f.meeting.date, f.meeting.committee) == ("2023-11-07", "Cabinet")
    [visit] = f.visits
    assert (visit.kind, visit.start, visit.end, visit.judgement) == (
        "inspection",
        "2023-09-11",
        "2023-09-22",
        "inadequate",
    )
    assert visit.area_judgements == {
        "experiences and progress of children in care": "requires_improvement",
        "impact of leaders": "inadequate",
    }
    assert [r.ref for r in f.recommendations] == ["1", "2", "3"]
    assert [d.kind for d in f.decisions] == ["noted", "approved", "agreed"]
    assert "PDF 1 MB" not in f.text and "cookies" not in f.text


def test_capitals_board_with_action_line():
    f = load("corporate_parenting_caps.txt")
    assert (f.meeting.date, f.meeting.committee) == ("2023-10-05", "Corporate Parenting Board")
    assert [(m.value, m.unit, m.target) for m in f.measures] == [
        (412, "count", None),
        (87, "%", 95),
        (9, "%", None),
        (34, "count", None),
    ]
    assert [(a.owner, a.due) for a in f.actions] == [
        ("Designated Nurse for Looked After Children", None),
        ("Virtual School Head", "2024-01"),
    ]
    assert [o.role for o in f.owners] == [
        "Head of Service for Children in Care",
        "Designated Nurse for Looked After Children",
        "Virtual School Head",
    ]
    assert f.decisions == []
