"""GOV.UK patterns across the pages: the phase banner, status tags, one percent format, error pages that
give the reason, a menu grouped for the lead, no dead ends, and the wording of counts."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.urls import reverse

from improvement import formats
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value,text",
    [(62, "62%"), (Decimal("62.50"), "62.5%"), (Decimal("33.333"), "33.3%"), (Decimal("80.00"), "80%"), (None, "")],
)
def test_one_format_for_every_percentage(value, text):
    assert formats.percent(value) == text
    assert Template("{% load tracker_tags %}{{ v|percent }}").render(Context({"v": value})) == text
    with_unit = Template("{% load dashboard_tags %}{{ v|with_unit:'%' }}").render(Context({"v": value}))
    assert with_unit == text


def test_a_status_is_a_tag_with_its_words():
    html = Template("{% load tracker_tags %}{% status_tag 'at_risk' %}").render(Context())
    assert html == '<strong class="govuk-tag govuk-tag--yellow">At risk</strong>'


def test_every_page_has_the_phase_banner(client, scrutiny):
    client.force_login(scrutiny)
    html = client.get(reverse("plan_dashboard")).content.decode()
    assert 'class="govuk-phase-banner"' in html and ">Beta<" in html


def test_a_refusal_is_a_styled_page_with_the_reason_and_the_header(client, scrutiny):
    client.force_login(scrutiny)
    response = client.get(reverse("import_upload"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "You cannot open this page" in html
    assert "govuk-service-navigation" in html  # the header, with the menu
    assert "Only an improvement lead" in html


def test_not_found_and_server_error_pages_are_styled(client, scrutiny):
    client.force_login(scrutiny)
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()
    html = render_to_string("500.html")  # rendered with no context, as Django's handler does
    assert "Sorry, there is a problem with the service" in html and "improvement tracker" in html


def test_the_leads_management_pages_are_one_menu_item_with_a_sub_navigation(client, lead):
    client.force_login(lead)
    response = client.get(reverse("plan_admin"))
    labels = [item["label"] for item in response.context["nav_items"]]
    assert labels[-1] == "Manage" and "Import minutes" not in labels and "Audit log" not in labels
    assert [i["label"] for i in response.context["manage_items"]][:4] == [
        "Plan records",
        "Authority settings",
        "Import minutes",
        "Audit log",
    ]
    assert client.get(reverse("audit_log")).context["manage_items"]  # shown on each of them
    assert not client.get(reverse("plan_dashboard")).context["manage_items"]


def test_a_councillors_action_page_goes_back_to_a_page_they_have(client, scrutiny, authority):
    action = ActionFactory(authority=authority)
    client.force_login(scrutiny)
    html = client.get(reverse("action_detail", args=[action.pk])).content.decode()
    assert "Back to my actions" not in html
    assert f'href="{reverse("action_list")}">Back to all actions' in html


def test_add_an_owner_not_a_owner(client, lead):
    client.force_login(lead)
    assert "Add an owner" in client.get(reverse("plan_admin_create", args=["owners"])).content.decode()
    assert "Add a theme" in client.get(reverse("plan_admin_create", args=["themes"])).content.decode()


def test_counts_are_pluralised():
    from improvement.selectors.documents import counted

    assert counted(1, "visits") == "1 visit" and counted(2, "visits") == "2 visits"
