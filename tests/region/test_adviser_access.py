"""A regional adviser's access to every URL the resolver knows (the access matrix keeps its six roles).

The adviser reads the councils granted (dashboards, coverage, measures, the pack and
exports, action and document pages) and changes nothing anywhere: every write, import,
Manage plan page and admin page is refused. Another council's records are not found.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from improvement import models, roles
from tests.factories import AuthorityFactory, UserFactory
from tests.foundation.test_access_matrix import concrete_urls, observe

pytestmark = pytest.mark.django_db
API_ENDPOINTS = ("plan", "theme", "recommendation", "action", "progress_update", "measure", "inspection", "document")

# Outcomes for GET and POST; every URL not listed here must be in one of the sets below.
READS = {
    "action_detail",
    "action_list",
    "actions_export_csv",
    "actions_export_xlsx",
    "changes_since",
    "committee_pack",
    "committee_pack_docx",
    "committee_pack_pdf_status",
    "document_detail",
    "inspection_journey",
    "measure_detail",
    "measures",
    "my_actions",
    "plan_dashboard",
    "recommendations_coverage",
    "region_overview",
    # the read API, its schema and docs: the councils granted, as on the pages
    "api_docs",
    "api_schema",
    *(f"api_{name}_{kind}" for name in API_ENDPOINTS for kind in ("list", "detail")),
}
EXPECTED = {
    # name: (GET, POST)
    "admin:login": ("ok", "ok"),  # not staff: the admin asks them to sign in as someone who is
    "admin:logout": ("admin-index", "admin-index"),
    "action_create": ("403", "403"),
    "action_edit": ("403", "403"),
    "action_sign_off": ("405", "403"),
    "action_update": ("405", "403"),
    "actions_xlsx_download": ("403", "403"),
    "actions_xlsx_upload": ("403", "403"),
    "api_not_found": ("404", "405"),
    "api_token_create": ("405", "400"),  # an empty form; an adviser may make a token to read their councils
    "api_token_revoke": ("405", "404"),  # the council lead's token, not theirs
    "calendar_feed": ("ok", "405"),  # the lead's calendar link: the URL is the key
    "calendar_feed_create": ("405", "400"),  # an empty form; an adviser may have their own (empty) calendar
    "calendar_feed_revoke": ("405", "404"),  # the lead's link, not theirs
    "audit_log": ("403", "405"),  # a council's audit log is for its lead
    "benchmark_floor": ("404", "404"),  # `make bench` only (settings.BENCHMARK)
    "committee_pack_pdf": ("redirect", "405"),
    "document_review_again": ("405", "403"),
    "health": ("ok", "ok"),
    "home": ("redirect", "redirect"),
    "import_add": ("403", "403"),
    "import_confirm": ("405", "403"),
    "import_discard": ("405", "403"),
    "import_review": ("403", "403"),
    "import_upload": ("403", "403"),
    "login": ("redirect", "redirect"),
    "logout": ("405", "login"),
    "ofsted_outcomes": ("403", "403"),  # a superuser's import
    "ofsted_outcomes_confirm": ("405", "403"),
    "password_reset": ("ok", "ok"),
    "password_reset_complete": ("ok", "405"),
    "password_reset_confirm": ("ok", "ok"),
    "password_reset_done": ("ok", "405"),
    "plan_admin": ("403", "403"),
    "plan_admin_create": ("403", "403"),
    "plan_admin_delete": ("403", "403"),
    "plan_admin_document_delete": ("403", "403"),
    "plan_admin_inspection_create": ("403", "403"),
    "plan_admin_inspection_edit": ("403", "403"),
    "plan_admin_inspection_judgements": ("403", "403"),
    "plan_admin_edit": ("403", "403"),
    "plan_admin_measure_values": ("403", "403"),
    "plan_admin_value_edit": ("403", "403"),
    "authority_settings": ("403", "403"),  # a council's settings are for its own lead
    "meeting_remove": ("405", "403"),
    "account": ("ok", "400"),
    "plan_admin_public": ("403", "403"),
    "benchmarks": ("403", "403"),  # a council's lead imports its benchmarks
    "benchmarks_check": ("405", "403"),
    "statistical_neighbours": ("403", "403"),  # a superuser's import
    "statistical_neighbours_confirm": ("405", "403"),
    **{
        name: ("ok", "405")  # a plan's public pages: anyone may read them
        for name in (
            "public_council",
            "public_plan",
            "public_measures",
            "public_inspections",
            "public_actions_csv",
            "public_measures_csv",
            "public_plan_json",
        )
    },
}
# GET-only pages answer a POST with 405 (action list and my actions take POSTs of their own: refused rows only).
POST_OK = {"action_list", "my_actions", "action_detail", "document_detail"}


@pytest.fixture
def adviser_setup(db):
    from django.core.management import call_command

    for name in (*roles.ALL, roles.REGIONAL_ADVISER):
        Group.objects.get_or_create(name=name)
    ours = AuthorityFactory(name="Matrixshire Council")
    call_command("generate_demo", "--into", "Matrixshire Council", "--actions-per-authority", "12", verbosity=0)
    elsewhere = AuthorityFactory(name="Elsewhere Council")
    adviser = UserFactory(authority=None, role=roles.REGIONAL_ADVISER, username="adviser", is_staff=False)
    models.AdviserGrant.objects.create(user=adviser, authority=ours)
    lead = UserFactory(authority=ours, role=roles.IMPROVEMENT_LEAD, username="m-lead")
    action = models.Action.objects.filter(authority=ours).first()
    document = models.SourceDocument.objects.create(
        authority=ours, filename="minutes.txt", sha256="0" * 64, text="The Committee noted the report."
    )
    draft = models.ImportDraft.objects.create(
        authority=ours, uploaded_by=lead, filename="draft.txt", data=b"The Committee noted the report."
    )
    return ours, elsewhere, adviser, {"action": action, "document": document, "draft": draft}


def expected_for(name: str, method: str) -> str:
    if name in READS:
        return "ok" if method == "GET" or name in POST_OK else "405"
    if name.startswith("admin:") and name not in EXPECTED:
        return "admin-login"  # an adviser is not staff: the admin is closed to them
    return EXPECTED[name][0 if method == "GET" else 1]


def test_a_regional_adviser_reads_granted_councils_and_changes_nothing(client, adviser_setup):
    ours, _, adviser, objects = adviser_setup
    urls = concrete_urls(ours, objects)
    unknown = sorted(n for n in urls if n not in READS and n not in EXPECTED and not n.startswith("admin:"))
    assert not unknown, f"decide the adviser's access to: {unknown}"
    wrong = []
    for method in ("GET", "POST"):
        seen = observe(client, adviser, urls, method)
        for name, got in seen.items():
            want = expected_for(name, method)
            if got != want:
                wrong.append(f"{method} {urls[name]} ({name}): expected {want}, got {got}")
    assert not wrong, "\n".join(wrong)


def test_an_adviser_cannot_open_a_council_not_granted(client, adviser_setup):
    ours, elsewhere, adviser, objects = adviser_setup
    other_action = models.Action.objects.create(authority=elsewhere, title="Not yours")
    client.force_login(adviser)
    assert client.get(reverse("plan_dashboard"), {"authority": elsewhere.slug}).status_code == 404
    assert client.get(reverse("committee_pack"), {"authority": elsewhere.slug}).status_code == 404
    assert client.get(reverse("action_detail", args=[other_action.pk])).status_code == 404


def test_the_council_chosen_is_kept_for_the_next_pages(client, adviser_setup):
    ours, elsewhere, adviser, _ = adviser_setup
    second = AuthorityFactory(name="Second Council")
    models.AdviserGrant.objects.create(user=adviser, authority=second)
    client.force_login(adviser)
    first = client.get(reverse("plan_dashboard"))
    assert first.context["authority"] == ours  # the first granted, by name
    assert client.get(reverse("plan_dashboard"), {"authority": second.slug}).context["authority"] == second
    assert client.get(reverse("measures")).context["authority"] == second


def test_an_adviser_sees_no_manage_plan_or_import_in_the_menu(client, adviser_setup):
    _, _, adviser, _ = adviser_setup
    client.force_login(adviser)
    response = client.get(reverse("plan_dashboard"))
    labels = [item["label"] for item in response.context["nav_items"]]
    assert "Councils" in labels
    assert "Manage plan" not in labels
    assert "Import minutes" not in labels
    assert "My actions" not in labels


def test_an_adviser_update_is_refused_and_nothing_changes(client, adviser_setup):
    _, _, adviser, objects = adviser_setup
    action = objects["action"]
    before = (action.status, action.progress, action.version)
    client.force_login(adviser)
    response = client.post(
        reverse("action_update", args=[action.pk]),
        {"status": "off_track", "progress": "10", "note": "Adviser note", "version": action.version},
    )
    assert response.status_code == 403
    action.refresh_from_db()
    assert (action.status, action.progress, action.version) == before
    assert not models.ProgressUpdate.objects.filter(action=action, note="Adviser note").exists()


def test_a_measure_of_one_granted_council_opens_after_switching_to_another(client, adviser_setup):
    """A link read on one council's page (another tab, a list opened before switching) still opens that
    council's record; a measure of a council not granted is still not found."""
    ours, elsewhere, adviser, _ = adviser_setup
    second = AuthorityFactory(name="Second Council")
    models.AdviserGrant.objects.create(user=adviser, authority=second)
    measure = models.Measure.objects.filter(authority=ours).first()
    client.force_login(adviser)
    assert client.get(reverse("measures"), {"authority": second.slug}).context["authority"] == second
    page = client.get(reverse("measure_detail", args=[measure.pk]))
    assert (page.status_code, page.context["authority"], page.context["measure"]) == (200, ours, measure)
    assert client.get(reverse("measures")).context["authority"] == ours  # the council of the page last read
    theirs = models.Measure.objects.create(authority=elsewhere, name="Not yours")
    assert client.get(reverse("measure_detail", args=[theirs.pk])).status_code == 404


def test_a_superuser_with_no_council_is_offered_only_links_that_work(client, adviser_setup):
    """All actions lists every council's actions for a superuser: adding one or managing a plan is a council
    lead's page, so the superuser is sent to the admin for that, and a lead keeps their own links."""
    ours, _, _, _ = adviser_setup
    root = UserFactory(authority=None, username="root", is_superuser=True, is_staff=True)
    client.force_login(root)
    page = client.get(reverse("action_list")).content.decode()
    assert (reverse("action_create") in page, reverse("plan_admin") in page) == (False, False)
    assert "Add and change any council's records in the admin" in page
    assert "Every action in every council&#x27;s improvement plan." in page
    for name in ("action_create", "plan_admin"):
        assert client.get(reverse(name)).status_code == 403
    client.force_login(UserFactory(authority=ours, role=roles.IMPROVEMENT_LEAD, username="lead-two"))
    page = client.get(reverse("action_list")).content.decode()
    assert (reverse("action_create") in page, reverse("plan_admin") in page) == (True, True)


COUNCIL_PAGES = [
    "plan_dashboard",
    "measures",
    "inspection_journey",
    "changes_since",
    "recommendations_coverage",
    "committee_pack",
]


@pytest.mark.parametrize("name", COUNCIL_PAGES)
def test_a_council_page_tells_an_adviser_which_council_it_is_and_the_way_to_another(client, adviser_setup, name):
    ours, _, adviser, _ = adviser_setup
    client.force_login(adviser)
    page = client.get(reverse(name)).content.decode()
    assert "You are viewing Matrixshire Council." in page
    assert f'<a class="govuk-link" href="{reverse("region_overview")}">Choose another council</a>' in page
    lead = UserFactory(authority=ours, role=roles.IMPROVEMENT_LEAD, username="own-lead")
    client.force_login(lead)
    assert "Choose another council" not in client.get(reverse(name)).content.decode()  # their own council only


def test_all_actions_says_whose_plans_it_lists(client, adviser_setup):
    _, _, adviser, _ = adviser_setup
    client.force_login(adviser)
    page = client.get(reverse("action_list")).content.decode()
    assert "Every action in the improvement plans of the councils you advise." in page
