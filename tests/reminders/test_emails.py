"""Each action's line in a digest email, written once per batch from the line templates with markers
where its fields go: the same text and HTML as rendering the templates line by line."""

import datetime as dt

import pytest
from django.template import engines

from improvement.selectors.reminders import DigestItem
from improvement.services.reminders import emails
from improvement.services.reminders.emails import Lines, line_shape

TODAY = dt.date(2026, 6, 11)


def url(pk: int) -> str:
    return f"https://tracker.example.gov.uk/actions/{pk}/"


def item(**changes) -> DigestItem:
    fields = {
        "reminder_id": 1,
        "kind": "due",
        "recipient": "sam@example.gov.uk",
        "action_id": 7,
        "title": "Audit case files",
        "reference": "2.1",
        "due_date": TODAY,
        "status": "on_track",
        "owner": "Head of Service (Sam Patel)",
        "line_manager": None,
        "last_update_at": dt.datetime(2026, 6, 1, 23, 30, tzinfo=dt.UTC),  # 2 June in London
        "last_update_status": "on_track",
        "last_update_progress": 40,
    }
    fields.update(changes)
    return DigestItem(**fields)


CASES = {
    "plain": item(),
    "no reference, no update": item(reference="", last_update_at=None),
    "markup and braces in the title": item(
        title='Review <b>"front door"</b> & the {team}\'s {0} plan', reference="{1}"
    ),
    "for the leads (why)": item(recipient="", owner=None, title="Orphan & alone"),
    "no due date": item(due_date=None, kind="updates_missing"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_line_is_what_its_templates_render(name, monkeypatch):
    """Written from the shapes, a line is the same as the line templates rendered for it alone."""
    line = CASES[name]
    from_shapes = Lines().line(line, today=TODAY, url=url)
    monkeypatch.setattr(emails, "line_shape", lambda template, shown: None)  # no shape: every line rendered
    assert Lines().line(line, today=TODAY, url=url) == from_shapes
    text, html = from_shapes
    assert text.startswith(f"- {line.title}") and html.startswith('<li style="margin-bottom: 12px;">')


def test_the_html_line_escapes_what_the_title_holds():
    _, html = Lines().line(CASES["markup and braces in the title"], today=TODAY, url=url)
    assert "Review &lt;b&gt;&quot;front door&quot;&lt;/b&gt; &amp; the {team}&#x27;s {0} plan</a> ({1})<br>" in html
    assert "<b>" not in html


def test_the_last_update_is_given_in_london_time():
    text, _ = Lines().line(CASES["plain"], today=TODAY, url=url)
    assert (
        "due 11 June 2026, today. Owner: Head of Service (Sam Patel). Last update 2 June 2026: On track, 40% done."
        in text
    )


def test_a_line_listed_in_two_digests_of_a_batch_is_written_once():
    lines = Lines()
    first = lines.line(item(reminder_id=1), today=TODAY, url=url)
    again = lines.line(item(reminder_id=2, kind="escalation_copy"), today=TODAY, url=url)
    assert again is first
    assert len(lines.written) == 1


def test_a_line_template_that_changes_a_field_is_rendered_line_by_line():
    """A template may use a filter on a field: no shape can hold it, so each line is rendered."""
    template = engines["django"].from_string(
        "{{ item.title|upper }} ({{ item.url }}){% if item.why %} {{ item.why }}{% endif %}"
    )
    assert line_shape(template, frozenset({"title", "url"})) is None
    lines = Lines()
    lines.templates["text"] = template
    text, _ = lines.line(item(title="Audit case files"), today=TODAY, url=url)
    assert text == "AUDIT CASE FILES (https://tracker.example.gov.uk/actions/7/)"


@pytest.mark.parametrize(
    "shown_as",
    ["{{ item.title|length }} characters", "{{ item.title|truncatechars:5 }}", "{{ item.title|slice:':3' }}"],
)
def test_a_line_template_that_counts_or_cuts_a_field_is_rendered_line_by_line(shown_as):
    """A filter can leave no trace of the field in what it shows (its length) or keep only part of it: the
    shape would then hold the marker's figures, so it is checked against another rendering and refused."""
    template = engines["django"].from_string(shown_as + " {{ item.url }}")
    assert line_shape(template, frozenset({"title", "url"})) is None
    lines = Lines()
    lines.templates["text"] = template
    text, _ = lines.line(item(title="Audit case files"), today=TODAY, url=url)
    assert text == template.render({"item": {"title": "Audit case files", "url": url(7)}}).strip()


def test_a_shape_keeps_the_templates_own_braces():
    template = engines["django"].from_string(
        "{% verbatim %}{literal}{% endverbatim %} {{ item.title }}!{% if item.why %} ({{ item.why }}){% endif %}"
    )
    assert line_shape(template, frozenset({"title"})) == "{{literal}} {title}!"
    assert line_shape(template, frozenset({"title", "why"})) == "{{literal}} {title}! ({why})"
    lines = Lines()
    lines.templates["text"] = template
    text, _ = lines.line(item(title="{0} plan"), today=TODAY, url=url)
    assert text == "{literal} {0} plan!"
