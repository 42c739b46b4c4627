"""Any signed-in role reads the scrutiny pages of their own authority, and nothing else."""

import pytest
from django.urls import reverse

from tests.dashboards._pdf import get_pack_pdf
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NAMES = [
    "plan_dashboard",
    "recommendations_coverage",
    "measures",
    "changes_since",
    "inspection_journey",
    "committee_pack",
    "committee_pack_pdf",
    "actions_export_xlsx",
    "actions_export_csv",
]


@pytest.mark.parametrize("name", NAMES)
def test_signed_out_visitors_are_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_measure_detail_needs_sign_in_too(client, plan):
    response = client.get(reverse("measure_detail", args=[plan["measure"].pk]))
    assert response.status_code == 302


def _text(response) -> str:
    if response["Content-Type"].startswith("application/pdf"):
        import io

        from pdfminer.high_level import extract_text

        return extract_text(io.BytesIO(response.content))
    if "spreadsheetml" in response["Content-Type"]:
        import io

        from openpyxl import load_workbook

        ws = load_workbook(io.BytesIO(response.content)).active
        return "\n".join(" ".join(str(c) for c in row if c is not None) for row in ws.iter_rows(values_only=True))
    return response.content.decode("utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_another_authoritys_data_never_appears(client, scrutiny, plan, other_plan, today, name):
    client.force_login(scrutiny)
    params = {"since": "2020-01-01"} if name in ("changes_since", "committee_pack") else {}
    response = get_pack_pdf(client, params) if name == "committee_pack_pdf" else client.get(reverse(name), params)
    assert response.status_code == 200
    text = _text(response)
    assert "North" in text
    assert "Southshire" not in text


@pytest.mark.parametrize("role", ["Scrutiny member", "Manager", "Improvement lead"])
def test_every_role_may_read(client, authority, plan, role, today):
    client.force_login(UserFactory(authority=authority, role=role))
    for name in NAMES:
        if name == "committee_pack_pdf":  # the file is built by a task: until then, its status page
            assert client.get(reverse(name)).status_code == 302
            assert client.get(reverse("committee_pack_pdf_status")).status_code == 200
            continue
        assert client.get(reverse(name)).status_code == 200, name


def test_another_authoritys_measure_is_not_found(client, scrutiny, plan, other_plan, today):
    client.force_login(scrutiny)
    assert client.get(reverse("measure_detail", args=[other_plan["measure"].pk])).status_code == 404
    assert client.get(reverse("measure_detail", args=[plan["measure"].pk])).status_code == 200


@pytest.mark.parametrize("name", NAMES)
def test_pages_are_read_only(client, scrutiny, plan, name):
    client.force_login(scrutiny)
    assert client.post(reverse(name), {"status": "complete"}).status_code == 405


def test_a_user_with_no_authority_sees_nothing(client, db):
    client.force_login(UserFactory(authority=None, username="loose"))
    assert client.get(reverse("plan_dashboard")).status_code == 404


def test_a_superuser_picks_an_authority(client, plan, other_plan, other_authority, today):
    admin = UserFactory(authority=None, username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    html = client.get(reverse("plan_dashboard"), {"authority": other_authority.slug}).content.decode()
    assert "Southshire overdue audit" in html and "North overdue audit" not in html
