"""Who may open what: every URL pattern the resolver knows, admin included, as each role,
by GET and by POST, against an expected table. A URL with no row in the table fails the test,
so a new page cannot ship without someone deciding who may use it.

Outcomes: ok (200), redirect (elsewhere, e.g. after a form), login (sent to sign in),
admin-login (sent to the admin's sign-in), admin-index (the admin's "no such record" answer),
400, 403, 404, 405. Objects in the URLs are real rows of
the signed-in council ("our"); the other council's lead asks for the same ids and must never
see them. POSTs are empty forms: they show what a role may attempt, never change data.
"""

import os

import pytest
from django.contrib.admin.sites import site as admin_site
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

from improvement import models, roles
from tests.factories import AuthorityFactory, UserFactory
from tests.foundation import access_rows

pytestmark = pytest.mark.django_db
ROLES = ("anonymous", "manager", "lead", "scrutiny", "other_lead", "superuser")


def url_patterns(resolver=None, prefix="", namespace=""):
    """(name, route with placeholders) for every named pattern, walking includes."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern)


@pytest.fixture
def council(db):
    for name in roles.ALL:
        Group.objects.get_or_create(name=name)
    ours = AuthorityFactory(name="Matrixshire Council")
    call_command("generate_demo", "--into", "Matrixshire Council", "--actions-per-authority", "12", verbosity=0)
    theirs = AuthorityFactory(name="Elsewhere Council")
    users = {
        "manager": UserFactory(authority=ours, role=roles.MANAGER, username="m-manager", is_staff=True),
        "lead": UserFactory(authority=ours, role=roles.IMPROVEMENT_LEAD, username="m-lead", is_staff=True),
        "scrutiny": UserFactory(authority=ours, role=roles.SCRUTINY_MEMBER, username="m-scrutiny", is_staff=True),
        "other_lead": UserFactory(authority=theirs, role=roles.IMPROVEMENT_LEAD, username="e-lead", is_staff=True),
        "superuser": UserFactory(authority=None, username="root", is_staff=True, is_superuser=True),
    }
    action = models.Action.objects.filter(authority=ours).first()
    owner = action.owner
    if owner.user_id is None:  # the manager owns this action, so "their own action" pages are reachable
        owner.user = users["manager"]
        owner.save()
    document = models.SourceDocument.objects.create(
        authority=ours, filename="minutes.txt", sha256="0" * 64, text="The Committee noted the report."
    )
    draft = models.ImportDraft.objects.create(
        authority=ours, uploaded_by=users["lead"], filename="draft.txt", data=b"The Committee noted the report."
    )
    return ours, users, {"action": action, "document": document, "draft": draft}


def _object_for(model, ours):
    """One row of this model that belongs to our council (or, for councils, ours)."""
    if model is models.Authority:
        return ours
    if model is models.User:
        return models.User.objects.filter(authority=ours).first()
    if model is Group:
        return Group.objects.first()
    for path in ("authority", "plan__authority", "action__authority", "measure__authority", "inspection__authority"):
        try:
            row = model.objects.filter(**{path: ours}).first()
        except Exception:  # noqa: BLE001 - this model has no such path
            continue
        if row is not None:
            return row
    return None


def concrete_urls(ours, objects):
    """Every pattern with its placeholders filled from our council's rows."""
    admin_models = {f"{m._meta.app_label}_{m._meta.model_name}": m for m in admin_site._registry}
    pk_for = {
        "import_review": objects["draft"].pk,
        "import_confirm": objects["draft"].pk,
        "import_discard": objects["draft"].pk,
        "document_detail": objects["document"].pk,
        "document_review_again": objects["document"].pk,
        "measure_detail": models.Measure.objects.filter(authority=ours).first().pk,
        "plan_admin_measure_values": models.Measure.objects.filter(authority=ours).first().pk,
    }
    urls = {}
    for name, route in url_patterns():
        url = "/" + route
        if "<" in route:
            short = name.split(":")[-1]
            filled = access_rows.fill(short, url, ours, objects)
            if filled is not None:
                url = filled
            elif short.startswith(tuple(admin_models)) and "<path:object_id>" in route:
                model = admin_models[next(k for k in admin_models if short.startswith(k + "_"))]
                obj = _object_for(model, ours)
                url = url.replace("<path:object_id>", str(obj.pk) if obj else "0")
            elif short == "view_on_site":
                url = url.replace("<path:content_type_id>", "1").replace("<path:object_id>", "1")
            elif short == "auth_user_password_change":
                url = url.replace("<id>", str(_object_for(models.User, ours).pk))
            elif short == "app_list":
                url = "/admin/improvement/"  # a regular-expression route
            elif short == "plan_admin_create":
                url = url.replace("<str:kind>", "owners")
            elif short == "plan_admin_edit":
                url = url.replace("<str:kind>", "owners").replace("<int:pk>", str(objects["action"].owner.pk))
            elif short.startswith("password_reset_confirm"):
                url = url.replace("<uidb64>", "MQ").replace("<token>", "set-password")
            else:
                url = url.replace("<int:pk>", str(pk_for.get(short, objects["action"].pk)))
            if "<" in url:
                raise AssertionError(f"the access matrix cannot fill {name}: {route}")
        urls[name] = url
    return urls


def outcome(response):
    if response.status_code in (301, 302):
        target = response["Location"]
        if "/admin/login/" in target:
            return "admin-login"
        if "/sign-in/" in target:
            return "login"
        if target.rstrip("/").endswith("/admin"):
            return "admin-index"  # the admin's answer to "no such record here"
        return "redirect"
    if response.status_code == 200:
        return "ok"
    return str(response.status_code)


# Destructive endpoints go last, so earlier requests still find their objects.
LAST = ("logout", "import_discard", "admin:logout")


def observe(client, user, urls, method):
    seen = {}
    for name in sorted(urls, key=lambda n: (n in LAST, n)):
        if user is not None:
            client.force_login(user)
        response = client.get(urls[name]) if method == "GET" else client.post(urls[name], {})
        assert response.status_code < 500, f"{method} {urls[name]} ({name}) is a {response.status_code}"
        seen[name] = outcome(response)
    return seen


def test_every_url_pattern_has_a_row_in_the_table(council):
    ours, _, objects = council
    missing = sorted(set(concrete_urls(ours, objects)) - set(EXPECTED))
    stale = sorted(set(EXPECTED) - set(concrete_urls(ours, objects)))
    assert not missing, f"URLs with no row in the access matrix: {missing}"
    assert not stale, f"rows for URLs that no longer exist: {stale}"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_table_says(client, council, role):
    ours, users, objects = council
    urls = concrete_urls(ours, objects)
    column = ROLES.index(role)
    wrong = []
    for method in ("GET", "POST"):
        seen = observe(client, users.get(role), urls, method)
        if os.environ.get("ACCESS_MATRIX_PRINT"):
            print(f"\n## {role} {method}")
            for name, got in sorted(seen.items()):
                print(f"{name}\t{got}")
        for name, got in seen.items():
            if name not in EXPECTED:
                continue
            expected = EXPECTED[name][0 if method == "GET" else 1].split()[column]
            if got != expected:
                wrong.append(f"{method} {urls[name]} ({name}) as {role}: expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)


# name: (GET, POST), each six outcomes for: anonymous manager lead scrutiny other_lead superuser
EXPECTED = {
    "action_create": ("login 403 ok 403 ok 403", "login 403 ok 403 ok 403"),
    "action_detail": ("login ok ok ok 404 ok", "login ok ok ok 404 ok"),
    "action_edit": ("login 403 ok 403 404 ok", "login 403 400 403 404 400"),
    "action_list": ("login ok ok ok ok ok", "login ok ok ok ok ok"),
    "action_sign_off": ("login 405 405 405 405 405", "login 403 400 403 404 400"),
    "action_update": ("login 405 405 405 405 405", "login 400 400 403 404 400"),
    "actions_export_csv": ("login ok ok ok ok ok", "405 405 405 405 405 405"),
    "actions_export_xlsx": ("login ok ok ok ok ok", "405 405 405 405 405 405"),
    "actions_xlsx_download": ("login 403 ok 403 ok ok", "login 403 ok 403 ok ok"),
    "actions_xlsx_upload": ("login 403 ok 403 ok ok", "login 403 400 403 400 400"),
    "admin:app_list": ("admin-login ok ok ok ok ok", "admin-login ok ok ok ok ok"),
    "admin:auth_group_add": ("admin-login 403 403 403 403 ok", "admin-login 403 403 403 403 ok"),
    "admin:auth_group_change": ("admin-login 403 403 403 403 ok", "admin-login 403 403 403 403 ok"),
    "admin:auth_group_changelist": ("admin-login 403 403 403 403 ok", "admin-login 403 403 403 403 ok"),
    "admin:auth_group_delete": ("admin-login 403 403 403 403 ok", "admin-login 403 403 403 403 ok"),
    "admin:auth_group_history": ("admin-login 403 403 403 403 ok", "admin-login 403 403 403 403 ok"),
    "admin:auth_user_password_change": ("admin-login 403 403 403 403 ok", "admin-login 403 403 403 403 ok"),
    "admin:autocomplete": ("admin-login 403 403 403 403 403", "admin-login 405 405 405 405 405"),
    "admin:axes_accessattempt_add": ("admin-login 403 403 403 403 403", "admin-login 403 403 403 403 403"),
    "admin:axes_accessattempt_change": (
        "admin-login 403 403 403 403 admin-index",
        "admin-login 403 403 403 403 admin-index",
    ),
    "admin:axes_accessattempt_changelist": ("admin-login 403 403 403 403 ok", "admin-login 403 403 403 403 ok"),
    "admin:axes_accessattempt_delete": (
        "admin-login 403 403 403 403 admin-index",
        "admin-login 403 403 403 403 admin-index",
    ),
    "admin:axes_accessattempt_history": (
        "admin-login admin-index admin-index admin-index admin-index admin-index",
        "admin-login admin-index admin-index admin-index admin-index admin-index",
    ),
    "admin:axes_accessfailurelog_add": ("admin-login 403 403 403 403 403", "admin-login 403 403 403 403 403"),
    "admin:axes_accessfailurelog_change": (
        "admin-login 403 403 403 403 admin-index",
        "admin-login 403 403 403 403 admin-index",
    ),
    "admin:axes_accessfailurelog_changelist": ("admin-login 403 403 403 403 ok", "admin-login 403 403 403 403 ok"),
    "admin:axes_accessfailurelog_delete": (
        "admin-login 403 403 403 403 admin-index",
        "admin-login 403 403 403 403 admin-index",
    ),
    "admin:axes_accessfailurelog_history": (
        "admin-login admin-index admin-index admin-index admin-index admin-index",
        "admin-login admin-index admin-index admin-index admin-index admin-index",
    ),
    "admin:axes_accesslog_add": ("admin-login 403 403 403 403 403", "admin-login 403 403 403 403 403"),
    "admin:axes_accesslog_change": (
        "admin-login 403 403 403 403 admin-index",
        "admin-login 403 403 403 403 admin-index",
    ),
    "admin:axes_accesslog_changelist": ("admin-login 403 403 403 403 ok", "admin-login 403 403 403 403 ok"),
    "admin:axes_accesslog_delete": (
        "admin-login 403 403 403 403 admin-index",
        "admin-login 403 403 403 403 admin-index",
    ),
    "admin:axes_accesslog_history": (
        "admin-login admin-index admin-index admin-index admin-index admin-index",
        "admin-login admin-index admin-index admin-index admin-index admin-index",
    ),
    "admin:improvement_action_add": ("admin-login 403 ok 403 ok ok", "admin-login 403 ok 403 ok ok"),
    "admin:improvement_action_change": ("admin-login ok ok ok admin-index ok", "admin-login 403 ok 403 admin-index ok"),
    "admin:improvement_action_changelist": ("admin-login ok ok ok ok ok", "admin-login ok ok ok ok ok"),
    "admin:improvement_action_delete": (
        "admin-login 403 ok 403 admin-index ok",
        "admin-login 403 ok 403 admin-index ok",
    ),
    "admin:improvement_action_history": ("admin-login ok ok ok admin-index ok", "admin-login ok ok ok admin-index ok"),
    "admin:improvement_authority_add": ("admin-login 403 403 403 403 ok", "admin-login 403 403 403 403 ok"),
    "admin:improvement_authority_change": (
        "admin-login 403 ok 403 admin-index ok",
        "admin-login 403 ok 403 admin-index ok",
    ),
    "admin:improvement_authority_changelist": ("admin-login 403 ok 403 ok ok", "admin-login 403 ok 403 ok ok"),
    "admin:improvement_authority_delete": ("admin-login 403 403 403 403 ok", "admin-login 403 403 403 403 ok"),
    "admin:improvement_authority_history": (
        "admin-login 403 ok 403 admin-index ok",
        "admin-login 403 ok 403 admin-index ok",
    ),
    "admin:improvement_decision_add": ("admin-login 403 ok 403 ok ok", "admin-login 403 ok 403 ok ok"),
    "admin:improvement_decision_change": (
        "admin-login admin-index admin-index admin-index admin-index admin-index",
        "admin-login 403 admin-index 403 admin-index admin-index",
    ),
    "admin:improvement_decision_changelist": ("admin-login ok ok ok ok ok", "admin-login ok ok ok ok ok"),
    "admin:improvement_decision_delete": (
        "admin-login 403 admin-index 403 admin-index admin-index",
        "admin-login 403 admin-index 403 admin-index admin-index",
    ),
    "admin:improvement_decision_history": (
        "admin-login admin-index admin-index admin-index admin-index admin-index",
        "admin-login admin-index admin-index admin-index admin-index admin-index",
    ),
    "admin:improvement_improvementplan_add": ("admin-login 403 ok 403 ok ok", "admin-login 403 ok 403 ok ok"),
    "admin:improvement_improvementplan_change": (
        "admin-login ok ok ok admin-index ok",
        "admin-login 403 ok 403 admin-index ok",
    ),
    "admin:improvement_improvementplan_changelist": ("admin-login ok ok ok ok ok", "admin-login ok ok ok ok ok"),
    "admin:improvement_improvementplan_delete": (
        "admin-login 403 ok 403 admin-index ok",
        "admin-login 403 ok 403 admin-index ok",
    ),
    "admin:improvement_improvementplan_history": (
        "admin-login ok ok ok admin-index ok",
        "admin-login ok ok ok admin-index ok",
    ),
    "admin:improvement_inspection_add": ("admin-login 403 ok 403 ok ok", "admin-login 403 ok 403 ok ok"),
    "admin:improvement_inspection_change": (
        "admin-login ok ok ok admin-index ok",
        "admin-login 403 ok 403 admin-index ok",
    ),
    "admin:improvement_inspection_changelist": ("admin-login ok ok ok ok ok", "admin-login ok ok ok ok ok"),
    "admin:improvement_inspection_delete": (
        "admin-login 403 ok 403 admin-index ok",
        "admin-login 403 ok 403 admin-index ok",
    ),
    "admin:improvement_inspection_history": (
        "admin-login ok ok ok admin-index ok",
        "admin-login ok ok ok admin-index ok",
    ),
    "admin:improvement_measure_add": ("admin-login 403 ok 403 ok ok", "admin-login 403 ok 403 ok ok"),
    "admin:improvement_measure_change": (
        "admin-login ok ok ok admin-index ok",
        "admin-login 403 ok 403 admin-index ok",
    ),
    "admin:improvement_measure_changelist": ("admin-login ok ok ok ok ok", "admin-login ok ok ok ok ok"),
    "admin:improvement_measure_delete": (
        "admin-login 403 ok 403 admin-index ok",
        "admin-login 403 ok 403 admin-index ok",
    ),
    "admin:improvement_measure_history": ("admin-login ok ok ok admin-index ok", "admin-login ok ok ok admin-index ok"),
    "admin:improvement_meeting_add": ("admin-login 403 ok 403 ok ok", "admin-login 403 ok 403 ok ok"),
    "admin:improvement_meeting_change": (
        "admin-login ok ok ok admin-index ok",
        "admin-login 403 ok 403 admin-index ok",
    ),
    "admin:improvement_meeting_changelist": ("admin-login ok ok ok ok ok", "admin-login ok ok ok ok ok"),
    "admin:improvement_meeting_delete": (
        "admin-login 403 ok 403 admin-index ok",
        "admin-login 403 ok 403 admin-index ok",
    ),
    "admin:improvement_meeting_history": ("admin-login ok ok ok admin-index ok", "admin-login ok ok ok admin-index ok"),
    "admin:improvement_owner_add": ("admin-login 403 ok 403 ok ok", "admin-login 403 ok 403 ok ok"),
    "admin:improvement_owner_change": ("admin-login ok ok ok admin-index ok", "admin-login 403 ok 403 admin-index ok"),
    "admin:improvement_owner_changelist": ("admin-login ok ok ok ok ok", "admin-login ok ok ok ok ok"),
    "admin:improvement_owner_delete": (
        "admin-login 403 ok 403 admin-index ok",
        "admin-login 403 ok 403 admin-index ok",
    ),
    "admin:improvement_owner_history": ("admin-login ok ok ok admin-index ok", "admin-login ok ok ok admin-index ok"),
    "admin:improvement_progressupdate_add": ("admin-login 403 403 403 403 403", "admin-login 403 403 403 403 403"),
    "admin:improvement_progressupdate_change": (
        "admin-login ok ok ok admin-index ok",
        "admin-login 403 403 403 403 403",
    ),
    "admin:improvement_progressupdate_changelist": ("admin-login ok ok ok ok ok", "admin-login ok ok ok ok ok"),
    "admin:improvement_progressupdate_delete": ("admin-login 403 403 403 403 403", "admin-login 403 403 403 403 403"),
    "admin:improvement_progressupdate_history": (
        "admin-login ok ok ok admin-index ok",
        "admin-login ok ok ok admin-index ok",
    ),
    "admin:improvement_recommendation_add": ("admin-login 403 ok 403 ok ok", "admin-login 403 ok 403 ok ok"),
    "admin:improvement_recommendation_change": (
        "admin-login ok ok ok admin-index ok",
        "admin-login 403 ok 403 admin-index ok",
    ),
    "admin:improvement_recommendation_changelist": ("admin-login ok ok ok ok ok", "admin-login ok ok ok ok ok"),
    "admin:improvement_recommendation_delete": (
        "admin-login 403 ok 403 admin-index ok",
        "admin-login 403 ok 403 admin-index ok",
    ),
    "admin:improvement_recommendation_history": (
        "admin-login ok ok ok admin-index ok",
        "admin-login ok ok ok admin-index ok",
    ),
    "admin:improvement_reminder_add": ("admin-login 403 403 403 403 403", "admin-login 403 403 403 403 403"),
    "admin:improvement_reminder_change": (
        "admin-login admin-index admin-index admin-index admin-index admin-index",
        "admin-login 403 admin-index 403 admin-index admin-index",
    ),
    "admin:improvement_reminder_changelist": ("admin-login ok ok ok ok ok", "admin-login ok ok ok ok ok"),
    "admin:improvement_reminder_delete": (
        "admin-login 403 admin-index 403 admin-index admin-index",
        "admin-login 403 admin-index 403 admin-index admin-index",
    ),
    "admin:improvement_reminder_history": (
        "admin-login admin-index admin-index admin-index admin-index admin-index",
        "admin-login admin-index admin-index admin-index admin-index admin-index",
    ),
    "admin:improvement_sourcedocument_add": ("admin-login 403 ok 403 ok ok", "admin-login 403 ok 403 ok ok"),
    "admin:improvement_sourcedocument_change": (
        "admin-login ok ok ok admin-index ok",
        "admin-login 403 ok 403 admin-index ok",
    ),
    "admin:improvement_sourcedocument_changelist": ("admin-login ok ok ok ok ok", "admin-login ok ok ok ok ok"),
    "admin:improvement_sourcedocument_delete": (
        "admin-login 403 ok 403 admin-index ok",
        "admin-login 403 ok 403 admin-index ok",
    ),
    "admin:improvement_sourcedocument_history": (
        "admin-login ok ok ok admin-index ok",
        "admin-login ok ok ok admin-index ok",
    ),
    "admin:improvement_user_add": ("admin-login 403 403 403 403 ok", "admin-login 403 403 403 403 ok"),
    "admin:improvement_user_change": ("admin-login 403 403 403 403 ok", "admin-login 403 403 403 403 ok"),
    "admin:improvement_user_changelist": ("admin-login 403 403 403 403 ok", "admin-login 403 403 403 403 ok"),
    "admin:improvement_user_delete": ("admin-login 403 403 403 403 ok", "admin-login 403 403 403 403 ok"),
    "admin:improvement_user_history": ("admin-login 403 403 403 403 ok", "admin-login 403 403 403 403 ok"),
    "admin:index": ("admin-login ok ok ok ok ok", "admin-login ok ok ok ok ok"),
    "admin:jsi18n": ("admin-login ok ok ok ok ok", "admin-login 405 405 405 405 405"),
    "admin:login": ("ok admin-index admin-index admin-index admin-index admin-index", "ok ok ok ok ok ok"),
    "admin:logout": ("admin-index 405 405 405 405 405", "admin-index login login login login login"),
    "admin:password_change": ("admin-login ok ok ok ok ok", "admin-login ok ok ok ok ok"),
    "admin:password_change_done": ("admin-login ok ok ok ok ok", "admin-login 405 405 405 405 405"),
    "admin:view_on_site": ("admin-login 404 404 404 404 404", "admin-login 404 404 404 404 404"),
    "changes_since": ("login ok ok ok ok ok", "405 405 405 405 405 405"),
    "committee_pack": ("login ok ok ok ok ok", "405 405 405 405 405 405"),
    "committee_pack_pdf": ("login redirect redirect redirect redirect redirect", "405 405 405 405 405 405"),
    "document_detail": ("login ok ok ok 404 ok", "login ok ok ok 404 ok"),
    "document_review_again": ("login 405 405 405 405 405", "login 403 redirect 403 404 403"),
    "health": ("ok ok ok ok ok ok", "ok ok ok ok ok ok"),
    "home": ("ok redirect redirect redirect redirect ok", "ok redirect redirect redirect redirect ok"),
    "import_confirm": ("login 405 405 405 405 405", "login 403 redirect 403 404 403"),
    "import_discard": ("login 405 405 405 405 405", "login 403 404 403 404 403"),
    "import_review": ("login 403 ok 403 404 403", "login 403 404 403 404 403"),
    "import_upload": ("login 403 ok 403 ok 403", "login 403 ok 403 ok 403"),
    "inspection_journey": ("login ok ok ok ok ok", "405 405 405 405 405 405"),
    "login": ("ok redirect redirect redirect redirect redirect", "ok redirect redirect redirect redirect redirect"),
    "logout": ("405 405 405 405 405 405", "login login login login login login"),
    "measure_detail": ("login ok ok ok 404 ok", "405 405 405 405 405 405"),
    "measures": ("login ok ok ok ok ok", "405 405 405 405 405 405"),
    "my_actions": ("login ok ok ok ok ok", "login ok ok ok ok ok"),
    "password_reset": ("ok ok ok ok ok ok", "ok ok ok ok ok ok"),
    "password_reset_complete": ("ok ok ok ok ok ok", "405 405 405 405 405 405"),
    "password_reset_confirm": ("ok ok ok ok ok ok", "ok ok ok ok ok ok"),
    "password_reset_done": ("ok ok ok ok ok ok", "405 405 405 405 405 405"),
    "plan_admin": ("login 403 ok 403 ok 403", "login 403 ok 403 ok 403"),
    "plan_admin_create": ("login 403 ok 403 ok 403", "login 403 ok 403 ok 403"),
    "plan_admin_edit": ("login 403 ok 403 404 403", "login 403 400 403 404 403"),
    "plan_admin_measure_values": ("login 403 ok 403 404 403", "login 403 ok 403 404 403"),
    "plan_dashboard": ("login ok ok ok ok ok", "405 405 405 405 405 405"),
    "recommendations_coverage": ("login ok ok ok ok ok", "405 405 405 405 405 405"),
}
_clash = set(EXPECTED) & set(access_rows.rows())
assert not _clash, f"rows in both the main table and an area module: {sorted(_clash)}"
EXPECTED.update(access_rows.rows())
