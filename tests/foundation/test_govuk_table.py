"""The one GOV.UK table frame: the {% govuk_table %} tag (tracker_tags) drawn by templates/partials/table.html.

A screen-reader user hears each table's caption as the name of its scrolling region, its number columns are
right-aligned, and its rows sit in the body; a mistake in a page's table is caught when the template compiles,
and no template hand-writes the frame again."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.template import TemplateSyntaxError, engines

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
FRAME = "partials/table.html"


def render(source: str, **context) -> BeautifulSoup:
    template = engines["django"].from_string("{% load tracker_tags %}" + source)
    return BeautifulSoup(template.render(context), "html.parser")


def headers(soup: BeautifulSoup) -> list[tuple[str, str, list[str]]]:
    return [(th.get_text(), th["scope"], th["class"]) for th in soup.select("thead th")]


def test_a_table_has_its_caption_as_the_name_of_its_region_and_its_rows_in_the_body():
    soup = render(
        '{% govuk_table caption="Status changes, newest first" caption_size="s" caption_hidden=True '
        'head="Action|Owner|Days overdue|Revoke" numeric="Days overdue" head_hidden="Revoke" classes="tracker-x" %}'
        '{% for a in actions %}<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{{ a }}</th>'
        "</tr>{% endfor %}{% endgovuk_table %}",
        actions=["Audit case files", "Recruit social workers"],
    )
    region = soup.select_one("div.tracker-table-scroll")
    assert region["role"] == "region" and region["tabindex"] == "0"
    assert region["aria-label"] == "Status changes, newest first"
    caption = region.select_one("table.govuk-table.tracker-x > caption")
    assert caption.get_text() == "Status changes, newest first"
    assert caption["class"] == ["govuk-table__caption", "govuk-table__caption--s", "govuk-visually-hidden"]
    assert headers(soup) == [
        ("Action", "col", ["govuk-table__header"]),
        ("Owner", "col", ["govuk-table__header"]),
        ("Days overdue", "col", ["govuk-table__header", "govuk-table__header--numeric"]),
        ("Revoke", "col", ["govuk-table__header"]),
    ]
    assert soup.select_one("thead th:last-child > span.govuk-visually-hidden").get_text() == "Revoke"
    rows = soup.select("table > tbody.govuk-table__body > tr > th[scope=row]")
    assert [row.get_text() for row in rows] == ["Audit case files", "Recruit social workers"]


def test_a_caption_with_words_from_the_page_names_the_region_too_and_is_escaped_once():
    soup = render(
        '{% govuk_table caption_size="m" head=columns numeric_from=1 %}'
        "{% govuk_caption %}Values of {{ name }}, newest first{% endgovuk_caption %}"
        '<tr class="govuk-table__row"></tr>{% endgovuk_table %}',
        name='Children "seen" <within> 5 days',
        columns=["Date", "Value", "Target"],
    )
    expected = 'Values of Children "seen" <within> 5 days, newest first'
    assert soup.select_one("caption").get_text() == expected
    assert soup.select_one("div[role=region]")["aria-label"] == expected
    assert "govuk-table__caption--m" in soup.select_one("caption")["class"]
    assert [("govuk-table__header--numeric" in c) for _, _, c in headers(soup)] == [False, True, True]


def test_headings_written_by_hand_sit_in_the_one_header_row():
    soup = render(
        '{% govuk_table caption="Actions by rating" %}{% govuk_head %}'
        '<th scope="col" class="govuk-table__header">Theme</th>'
        '{% for label in labels %}<th scope="col" class="govuk-table__header">{{ label }}</th>{% endfor %}'
        "{% endgovuk_head %}<tr></tr>{% endgovuk_table %}",
        labels=["Red", "Green"],
    )
    assert [text for text, _, _ in headers(soup)] == ["Theme", "Red", "Green"]
    assert len(soup.select("thead tr")) == 1
    assert soup.select_one("caption")["class"] == ["govuk-table__caption"]  # no size given, no size class


def test_the_packs_region_is_named_by_its_heading():
    soup = render(
        '<h3 id="pack-red">Red and overdue actions (3)</h3>{% govuk_table caption="Red actions" head="Action" '
        'labelledby="pack-red" scroll_class="tracker-pack-scroll" table_id="red" caption_id="red-caption" %}'
        "{% endgovuk_table %}"
    )
    region = soup.select_one("div.tracker-pack-scroll")
    assert region["aria-labelledby"] == "pack-red" and not region.has_attr("aria-label")
    assert soup.select_one("table")["id"] == "red" and soup.select_one("caption")["id"] == "red-caption"


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ('{% govuk_table head="A|B" %}{% endgovuk_table %}', "needs a caption"),
        ('{% govuk_table caption="" head="A" %}{% endgovuk_table %}', 'caption="" is empty'),
        (
            '{% govuk_table caption="x" head="A" %}{% govuk_caption %}y{% endgovuk_caption %}{% endgovuk_table %}',
            "not both",
        ),
        ('{% govuk_table caption="x" caption_size="xl" head="A" %}{% endgovuk_table %}', 'caption_size must be "s"'),
        ('{% govuk_table caption="x" caption_size=size head="A" %}{% endgovuk_table %}', "caption_size must be"),
        ('{% govuk_table caption="x" %}{% endgovuk_table %}', "needs its column headings"),
        ('{% govuk_table caption="x" head="A|B" numeric="C" %}{% endgovuk_table %}', "numeric= names 'C'"),
        ('{% govuk_table caption="x" head="A" head_hidden="Revoke" %}{% endgovuk_table %}', "head_hidden= names"),
        ('{% govuk_table caption="x" head="A" colour="red" %}{% endgovuk_table %}', "does not take colour"),
        ('{% govuk_table "x" head="A" %}{% endgovuk_table %}', "takes only name=value options"),
        (
            '{% govuk_table caption="x" numeric="A" %}{% govuk_head %}<th>A</th>{% endgovuk_head %}'
            "{% endgovuk_table %}",
            "write the classes on each <th>",
        ),
        ('{% govuk_table caption="x" head="A" %}<tr></tr>', "endgovuk_table"),
    ],
)
def test_a_mistake_in_a_table_is_named_when_the_template_compiles(source, problem):
    with pytest.raises(TemplateSyntaxError, match=re.escape(problem)):
        engines["django"].from_string("{% load tracker_tags %}" + source)


def test_no_template_hand_writes_the_table_frame():
    frame = re.compile(r'<table\b|class="govuk-table__caption|class="govuk-table__head"|class="tracker-table-scroll"')
    hand_written = [
        f"{path.relative_to(TEMPLATES)}:{text[: m.start()].count(chr(10)) + 1}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        if path.relative_to(TEMPLATES).as_posix() != FRAME
        for text in [path.read_text()]
        for m in frame.finditer(text)
    ]
    assert not hand_written, "write {% govuk_table %} (templates/partials/table.html) instead of: " + ", ".join(
        hand_written
    )


def test_every_template_compiles():
    engine = engines["django"]
    for path in sorted(TEMPLATES.rglob("*.html")):
        engine.get_template(path.relative_to(TEMPLATES).as_posix())
