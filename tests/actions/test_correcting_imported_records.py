"""After saving an import (#12): the improvement lead corrects or deletes any record the importer
made, each change with a reason in the record's history; a record others have worked on is not
deleted; deleting the document itself asks what becomes of its facts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from improvement.models import (
    Action,
    Decision,
    Inspection,
    Measure,
    MeasureValue,
    Owner,
    ProgressUpdate,
    Recommendation,
    SourceDocument,
    UpdateKind,
)
from tests.factories import (
    ActionFactory,
    MeasureFactory,
    MeasureValueFactory,
    OwnerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TEXT = (
    "Children's Services Scrutiny Panel, 4 March 2026.\n"
    "ACTION: Head of Fostering to recruit ten more foster carers by June 2026.\n"
    "Agency social workers stood at 24%.\n"
    "That the report be noted.\n"
)


def _span(phrase):
    start = TEXT.index(phrase)
    return {"source_quote": phrase, "source_start": start, "source_end": start + len(phrase)}


@pytest.fixture
def document(authority, lead):
    return SourceDocument.objects.create(
        authority=authority, filename="panel-march.txt", sha256="a" * 64, text=TEXT, imported_by=lead
    )


@pytest.fixture
def imported(authority, document):
    """What the importer would have made from the document, each with its quote."""
    owner = Owner.objects.create(
        authority=authority, role_title="Head of Fostering", source_document=document, **_span("Head of Fostering")
    )
    action = Action.objects.create(
        authority=authority,
        title="Recruit ten more foster carers",
        owner=owner,
        due_date=dt.date(2026, 6, 30),
        source_document=document,
        **_span("recruit ten more foster carers by June 2026"),
    )
    ProgressUpdate.objects.create(action=action, kind=UpdateKind.IMPORTED, status=action.status, progress=0)
    measure = Measure.objects.create(
        authority=authority, name="Agency social workers", unit="%", source_document=document, **_span("Agency")
    )
    value = MeasureValue.objects.create(
        measure=measure, date=dt.date(2026, 3, 4), value=24, source_document=document, **_span("stood at 24%")
    )
    decision = Decision.objects.create(
        authority=authority, kind="noted", text="That the report be noted", source_document=document, **_span("That")
    )
    return {"owner": owner, "action": action, "measure": measure, "value": value, "decision": decision}


def _page(response):
    return response.content.decode()


def test_an_owner_title_left_empty_is_an_error_on_the_field_and_nothing_is_saved(client, lead, imported):
    owner = imported["owner"]
    client.force_login(lead)
    url = reverse("plan_admin_edit", args=["owners", owner.pk])
    response = client.post(url, {"role_title": "", "reason": "Tidying"})
    assert response.status_code == 400
    page = _page(response)
    assert 'id="id_role_title-error"' in page and "Enter the role title" in page
    owner.refresh_from_db()
    assert owner.role_title == "Head of Fostering"


def test_a_change_needs_a_reason_and_shows_it_in_the_history(client, lead, imported):
    owner = imported["owner"]
    client.force_login(lead)
    url = reverse("plan_admin_edit", args=["owners", owner.pk])
    page = _page(client.get(url))
    assert "Head of Fostering</q>" in page  # the quote it came from
    response = client.post(url, {"role_title": "Head of Fostering and Adoption"})
    assert response.status_code == 400
    assert 'id="id_reason-error"' in _page(response)
    response = client.post(url, {"role_title": "Head of Fostering and Adoption", "reason": "The role was renamed"})
    assert response.status_code == 302
    page = _page(client.get(url))
    assert "Head of Fostering \u2192 Head of Fostering and Adoption" in page
    assert "reason: The role was renamed" in page


def test_a_decision_is_changed_then_deleted_with_reasons(client, lead, imported):
    decision = imported["decision"]
    client.force_login(lead)
    url = reverse("plan_admin_edit", args=["decisions", decision.pk])
    response = client.post(url, {"kind": "agreed", "text": "That the report be agreed", "reason": "Misread"})
    assert response.status_code == 302
    assert Decision.objects.get(pk=decision.pk).kind == "agreed"
    assert "That the report be agreed" in _page(client.get(reverse("plan_admin")))

    response = client.post(reverse("plan_admin_delete", args=["decisions", decision.pk]), {"reason": "Not a decision"})
    assert response.status_code == 302
    assert not Decision.objects.filter(pk=decision.pk).exists()
    log = _page(client.get(reverse("audit_log")))
    assert "reason: Not a decision" in log or "Not a decision" in log


def test_a_measure_value_that_is_not_a_number_is_refused_and_a_good_one_corrected(client, lead, imported):
    value = imported["value"]
    client.force_login(lead)
    url = reverse("plan_admin_value_edit", args=[value.pk])
    dates = {"date-day": "4", "date-month": "3", "date-year": "2026"}
    response = client.post(url, {**dates, "value": "about a quarter", "reason": "Typo"})
    assert response.status_code == 400
    assert 'id="id_value-error"' in _page(response) and "The value must be a number" in _page(response)
    response = client.post(
        url, {"date-day": "30", "date-month": "2", "date-year": "2026", "value": "25", "reason": "x"}
    )
    assert response.status_code == 400
    assert "The date must be a real date" in _page(response)
    value.refresh_from_db()
    assert value.value == Decimal("24")

    response = client.post(url, {**dates, "value": "23.5", "reason": "The minutes rounded it"})
    assert response.status_code == 302
    value.refresh_from_db()
    assert (value.value, value.source_quote) == (Decimal("23.5"), "stood at 24%")
    page = _page(client.get(reverse("plan_admin_measure_values", args=[value.measure_id])))
    assert "value 24 \u2192 23.5" in page and "reason: The minutes rounded it" in page


def test_a_measure_value_is_deleted_then_the_measure_may_be(client, lead, imported):
    measure, value = imported["measure"], imported["value"]
    client.force_login(lead)
    refused = client.post(reverse("plan_admin_delete", args=["measures", measure.pk]), {"reason": "Wrong"})
    assert refused.status_code == 409
    response = client.post(reverse("plan_admin_delete", args=["values", value.pk]), {"reason": "Wrong figure"})
    assert response["Location"] == reverse("plan_admin_measure_values", args=[measure.pk])
    response = client.post(reverse("plan_admin_delete", args=["measures", measure.pk]), {"reason": "Not ours"})
    assert response.status_code == 302
    assert not Measure.objects.filter(pk=measure.pk).exists()


def test_an_action_people_have_updated_is_not_deleted_but_an_untouched_one_is(client, lead, authority, imported):
    untouched = imported["action"]
    worked = ActionFactory(authority=authority, title="Audit case files")
    ProgressUpdate.objects.create(action=worked, kind=UpdateKind.PROGRESS, status=worked.status, progress=50)
    client.force_login(lead)
    assert "Delete this action" in _page(client.get(reverse("action_edit", args=[untouched.pk])))

    edit = _page(client.get(reverse("action_edit", args=[worked.pk])))
    assert "Delete this action" not in edit and "people have recorded 1 update on it" in edit
    url = reverse("plan_admin_delete", args=["actions", worked.pk])
    for response in (client.get(url), client.post(url, {"reason": "Duplicate"})):
        assert response.status_code == 409
        assert "people have recorded 1 update on it" in _page(response)
    assert Action.objects.filter(pk=worked.pk).exists()

    response = client.post(reverse("plan_admin_delete", args=["actions", untouched.pk]), {"reason": "Misread"})
    assert response.status_code == 302
    assert not Action.objects.filter(pk=untouched.pk).exists()


def test_an_owner_of_actions_is_not_deleted(client, lead, imported):
    client.force_login(lead)
    response = client.post(reverse("plan_admin_delete", args=["owners", imported["owner"].pk]), {"reason": "x"})
    assert response.status_code == 409
    assert "they own 1 action" in _page(response)


def test_deleting_a_document_and_keeping_its_facts_unlinks_them(client, lead, document, imported):
    client.force_login(lead)
    url = reverse("plan_admin_document_delete", args=[document.pk])
    assert "Delete this document" in _page(client.get(reverse("document_detail", args=[document.pk])))
    page = _page(client.get(url))
    assert "5 records came from it" in page

    response = client.post(url, {"facts": "keep"})
    assert response.status_code == 400
    assert 'id="id_reason-error"' in _page(response)
    response = client.post(url, {"reason": "Uploaded to the wrong council"})
    assert response.status_code == 400
    assert "Choose what should happen" in _page(response)
    assert SourceDocument.objects.filter(pk=document.pk).exists()

    response = client.post(url, {"facts": "keep", "reason": "Uploaded twice"})
    assert response.status_code == 302
    assert not SourceDocument.objects.filter(pk=document.pk).exists()
    action = Action.objects.get(pk=imported["action"].pk)
    assert (action.source_document_id, action.source_quote, action.source_start) == (None, "", None)
    assert Decision.objects.filter(pk=imported["decision"].pk).exists()
    log = _page(client.get(reverse("audit_log")))
    assert "panel-march.txt" in log and "Uploaded twice" in log


def test_deleting_a_document_removes_only_the_facts_nobody_touched(client, lead, document, imported):
    action, decision = imported["action"], imported["decision"]
    ProgressUpdate.objects.create(action=action, kind=UpdateKind.PROGRESS, status=action.status, progress=10)
    client.force_login(lead)
    client.post(
        reverse("plan_admin_edit", args=["decisions", decision.pk]),
        {"kind": "agreed", "text": decision.text, "reason": "Corrected"},
    )
    url = reverse("plan_admin_document_delete", args=[document.pk])
    assert "2 nobody has changed or worked on since, 3 changed or worked on since" in _page(client.get(url))

    response = client.post(url, {"facts": "remove_untouched", "reason": "Wrong meeting"})
    assert response.status_code == 302
    # the updated action, its owner and the corrected decision stay, unlinked; the value and measure go
    assert Action.objects.get(pk=action.pk).source_document_id is None
    assert Owner.objects.filter(pk=imported["owner"].pk).exists()
    assert Decision.objects.filter(pk=decision.pk).exists()
    assert not MeasureValue.objects.filter(pk=imported["value"].pk).exists()
    assert not Measure.objects.filter(pk=imported["measure"].pk).exists()


@pytest.mark.parametrize("role", ["manager", "scrutiny"])
def test_only_the_lead_corrects_or_deletes(client, role, request, document, imported):
    client.force_login(request.getfixturevalue(role))
    urls = [
        reverse("plan_admin_value_edit", args=[imported["value"].pk]),
        reverse("plan_admin_edit", args=["decisions", imported["decision"].pk]),
        reverse("plan_admin_delete", args=["actions", imported["action"].pk]),
        reverse("plan_admin_document_delete", args=[document.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 403
        assert client.post(url, {"reason": "x", "facts": "keep", "value": "1"}).status_code == 403
    assert SourceDocument.objects.filter(pk=document.pk).exists()
    assert Action.objects.filter(pk=imported["action"].pk).exists()


def test_another_councils_lead_finds_none_of_it(client, other_authority, document, imported):
    client.force_login(UserFactory(authority=other_authority, role="Improvement lead"))
    urls = [
        reverse("plan_admin_value_edit", args=[imported["value"].pk]),
        reverse("plan_admin_edit", args=["decisions", imported["decision"].pk]),
        reverse("plan_admin_delete", args=["actions", imported["action"].pk]),
        reverse("plan_admin_delete", args=["values", imported["value"].pk]),
        reverse("plan_admin_document_delete", args=[document.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "x", "facts": "keep"}).status_code == 404
    assert SourceDocument.objects.filter(pk=document.pk).exists()
    assert Recommendation.objects.count() == 0 and Inspection.objects.count() == 0
    assert MeasureValue.objects.filter(pk=imported["value"].pk).exists()


def test_an_owner_with_no_actions_may_be_deleted(client, lead, authority):
    owner = OwnerFactory(authority=authority, role_title="Head of Youth Justice")
    MeasureValueFactory(measure=MeasureFactory(authority=authority))
    client.force_login(lead)
    response = client.post(reverse("plan_admin_delete", args=["owners", owner.pk]), {"reason": "Role abolished"})
    assert response.status_code == 302
    assert not Owner.objects.filter(pk=owner.pk).exists()


# --- a document's own details, after saving ---------------------------------------------------


def _details(**changes):
    data = {
        "kind": SourceDocument.Kind.MINUTES,
        "meeting_date-day": "4",
        "meeting_date-month": "3",
        "meeting_date-year": "2026",
        "committee": "Children's Services Scrutiny Panel",
        "reason": "The panel met on the 5th",
    }
    data.update(changes)
    return data


def test_a_documents_meeting_date_and_committee_are_corrected_with_a_reason(client, lead, authority, document):
    from improvement.models import Meeting
    from improvement.selectors.audit import record_changes

    meeting = Meeting.objects.create(
        authority=authority, committee="Corporate Parenting Board", date=dt.date(2026, 3, 5)
    )
    client.force_login(lead)
    page = client.get(reverse("document_detail", args=[document.pk]))
    assert reverse("plan_admin_edit", args=["documents", document.pk]) in page.content.decode()
    url = reverse("plan_admin_edit", args=["documents", document.pk])
    response = client.post(url, _details(**{"meeting_date-day": "5", "committee": "Corporate Parenting Board"}))
    assert response.status_code == 302 and response["Location"] == reverse("document_detail", args=[document.pk])
    document.refresh_from_db()
    assert (document.meeting_date, document.committee, document.meeting) == (
        dt.date(2026, 3, 5),
        "Corporate Parenting Board",
        meeting,
    )
    [row] = [r for r in record_changes(user=lead, record=document) if "meeting date" in " ".join(r.changes)]
    assert row.reason == "The panel met on the 5th"


def test_an_impossible_meeting_date_is_an_error_on_the_field_and_nothing_changes(client, lead, document):
    client.force_login(lead)
    url = reverse("plan_admin_edit", args=["documents", document.pk])
    response = client.post(url, _details(**{"meeting_date-day": "31", "meeting_date-month": "2"}))
    assert response.status_code == 400
    assert "The date must be a real date" in response.content.decode()
    document.refresh_from_db()
    assert document.meeting_date is None and document.committee == ""


def test_documents_are_not_added_by_hand_and_other_roles_cannot_change_one(client, lead, manager, document):
    client.force_login(lead)
    assert client.get(reverse("plan_admin_create", args=["documents"])).status_code == 404
    client.force_login(manager)
    url = reverse("plan_admin_edit", args=["documents", document.pk])
    assert client.post(url, _details()).status_code == 403
    document.refresh_from_db()
    assert document.committee == ""
