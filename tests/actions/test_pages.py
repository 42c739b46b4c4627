import datetime as dt
import hashlib
import re

from django.urls import reverse

from improvement.models import Action, ActionStatus, Reminder, SourceDocument
from tests.actions.conftest import TODAY, add_measure, add_recommendation
from tests.factories import PASSWORD, ActionFactory, InspectionFactory


def shown_rows(response) -> list[str]:
    """The titles of the actions a list page shows, in its order, read from the HTML."""
    ids = [int(pk) for pk in re.findall(r'data-action-id="(\d+)"', response.content.decode())]
    titles = dict(Action.objects.filter(pk__in=ids).values_list("pk", "title"))
    return [titles[pk] for pk in ids]


def test_my_actions_lists_own_and_line_managed_actions_overdue_first(client, manager, director, actions, today):
    client.force_login(manager)
    page = client.get(reverse("my_actions"))
    assert page.status_code == 200
    titles = [a.title for a in page.context["rows"]]
    assert titles == [
        "Audit contacts at the front door",
        "Train staff on thresholds",
        "Recruit permanent social workers",
    ]
    html = page.content.decode()
    assert "Showing 1 to 3 of 3 actions" in html
    assert "due 12 days ago" in html and "Red" in html
    client.force_login(director)
    titles = [a.title for a in client.get(reverse("my_actions")).context["rows"]]
    assert set(titles) == {a.title for k, a in actions.items() if k != "other"}


def test_my_actions_filters_are_in_the_url(client, manager, actions, themes, today):
    client.force_login(manager)
    url = reverse("my_actions")
    assert [a.title for a in client.get(url, {"overdue": "true"}).context["rows"]] == [
        "Audit contacts at the front door"
    ]
    assert [a.title for a in client.get(url, {"theme": themes[1].pk}).context["rows"]] == [
        "Recruit permanent social workers"
    ]
    assert [a.title for a in client.get(url, {"q": "thresholds"}).context["rows"]] == ["Train staff on thresholds"]
    assert len(client.get(url, {"due_before": str(TODAY + dt.timedelta(days=6))}).context["rows"]) == 2
    assert len(client.get(url, {"due_after": str(TODAY)}).context["rows"]) == 2
    assert len(client.get(url, {"status": "at_risk"}).context["rows"]) == 0
    rec = add_recommendation(actions["later"], reference="7")
    assert [a.title for a in client.get(url, {"recommendation": rec.pk}).context["rows"]] == [
        "Recruit permanent social workers"
    ]
    page = client.get(url, {"due_before": "not a date", "owner": actions["soon"].owner_id})
    assert page.status_code == 200
    assert "The date must be a real date" in page.content.decode()
    assert len(page.context["rows"]) == 3


def test_one_vocabulary_and_saved_links_with_the_old_date_names_still_filter(client, manager, lead, actions, today):
    client.force_login(manager)
    url = reverse("my_actions")
    cut = TODAY + dt.timedelta(days=6)

    def titles(params):  # the rows as shown (the page may come from the plan cache: read the HTML)
        return shown_rows(client.get(url, params))

    assert titles({"due_before": str(cut)}) == titles({"due_to": str(cut)}) and len(titles({"due_to": str(cut)})) == 2
    assert (
        titles({"due_after": str(TODAY)}) == titles({"due_from": str(TODAY)})
        and len(titles({"due_from": str(TODAY)})) == 2
    )
    parts = {"due_before-day": cut.day, "due_before-month": cut.month, "due_before-year": cut.year}
    assert titles(parts) == titles({"due_to": str(cut)})
    assert "Due on or before: <strong>" in client.get(url, {"due_before": str(cut)}).content.decode()
    backwards = client.get(url, {"due_from": str(cut), "due_to": str(TODAY)})
    assert "The end date must be the same as or after the start date" in backwards.content.decode()
    assert shown_rows(backwards) == titles({"due_from": str(cut)})  # the bad end is ignored
    client.force_login(lead)
    from openpyxl import load_workbook

    def downloaded(params):
        import io

        ws = load_workbook(io.BytesIO(client.get(reverse("actions_xlsx_download"), params).content)).active
        return sorted(row[0].value for row in ws.iter_rows(min_row=2))

    assert downloaded({"due_before": str(cut)}) == downloaded({"due_to": str(cut)})
    assert len(downloaded({"due_to": str(cut)})) < len(downloaded({}))


def test_my_actions_paginates(client, manager, owners, authority, today):
    for n in range(25):
        ActionFactory(authority=authority, owner=owners["manager"], due_date=TODAY + dt.timedelta(days=n))
    client.force_login(manager)
    first = client.get(reverse("my_actions")).content.decode()
    assert "Showing 1 to 20 of 25 actions" in first
    second = client.get(reverse("my_actions"), {"page": 2}).content.decode()
    assert "Showing 21 to 25 of 25 actions" in second


def test_the_action_page_shows_everything_about_the_action(client, manager, actions, today):
    action = actions["soon"]
    inspection = InspectionFactory(authority=action.authority)
    add_recommendation(action, reference="3", inspection=inspection, text="Strengthen management oversight.")
    measure = add_measure(action, value=62, target=80, tolerance=10)
    text = "The Head of Service will train staff on thresholds by June."
    doc = SourceDocument.objects.create(
        authority=action.authority, filename="minutes.txt", sha256=hashlib.sha256(text.encode()).hexdigest(), text=text
    )
    Action.objects.filter(pk=action.pk).update(
        source_document=doc, source_quote="train staff on thresholds by June", source_start=20, source_end=53
    )
    Reminder.objects.create(
        action=action, kind="before", due_on=action.due_date, recipient="m@example.org", state="sent"
    )
    client.force_login(manager)
    html = client.get(reverse("action_detail", args=[action.pk])).content.decode()
    assert "Train staff on thresholds" in html
    assert "Recommendation 3" in html and "Strengthen management oversight." in html and "ILACS" in html
    assert "train staff on thresholds by June" in html
    assert f"/documents/{doc.pk}/#q20" in html
    assert measure.name in html and "62%" in html and "80%" in html
    assert "Red" in html and "62% against 80% target" in html
    assert "Due soon" in html and "m@example.org" in html
    assert "Add an update" in html
    assert f"{action.due_date.day} {action.due_date:%B %Y}" in html


def test_an_update_from_the_page_appears_in_the_history(client, manager, actions, today):
    action = actions["soon"]
    client.force_login(manager)
    response = client.post(
        reverse("action_update", args=[action.pk]),
        {"status": "at_risk", "progress": "25", "note": "Venue cancelled", "version": "1"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Update saved" in html and "Venue cancelled" in html and "On track &rarr; At risk" in html


def test_a_missing_note_is_explained_and_the_form_is_kept(client, manager, actions):
    client.force_login(manager)
    response = client.post(
        reverse("action_update", args=[actions["soon"].pk]), {"status": "off_track", "progress": "5", "version": "1"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and "Enter a note explaining why the action is off track" in html
    assert 'value="5"' in html


def test_a_stale_form_is_refused_shows_what_changed_and_keeps_the_text(client, manager, director, actions):
    action = actions["soon"]
    client.force_login(director)
    client.post(
        reverse("action_update", args=[action.pk]),
        {"status": "at_risk", "progress": "15", "note": "Director's view: slipping", "version": "1"},
    )
    client.force_login(manager)
    response = client.post(
        reverse("action_update", args=[action.pk]),
        {"status": "on_track", "progress": "40", "note": "My carefully written note", "version": "1"},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this action after you opened it" in html
    assert "Director&#x27;s view: slipping" in html or "Director's view: slipping" in html
    assert "My carefully written note" in html
    assert 'name="version" value="2"' in html
    assert Action.objects.get(pk=action.pk).progress == 15


def test_sign_off_from_the_page(client, lead, manager, actions):
    action = actions["soon"]
    client.force_login(manager)
    client.post(
        reverse("action_update", args=[action.pk]),
        {
            "status": "evidenced",
            "progress": "100",
            "note": "All trained",
            "evidence_url": "https://docs.example/t",
            "version": "1",
        },
    )
    assert Action.objects.get(pk=action.pk).status == ActionStatus.COMPLETE
    client.force_login(lead)
    assert "Sign off: impact evidenced" in client.get(reverse("action_detail", args=[action.pk])).content.decode()
    response = client.post(reverse("action_sign_off", args=[action.pk]), {"note": "", "version": "2"})
    assert response.status_code == 302
    assert Action.objects.get(pk=action.pk).status == ActionStatus.EVIDENCED


def test_a_lead_edits_an_action_and_a_move_needs_a_reason(client, lead, actions, owners):
    action = actions["soon"]
    client.force_login(lead)
    url = reverse("action_edit", args=[action.pk])
    assert client.get(url).status_code == 200
    data = {
        "title": action.title,
        "plan": action.plan_id,
        "theme": action.theme_id,
        "owner": owners["other"].pk,
        "due_date": "2027-01-31",
        "version": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 400 and "Enter the reason" in response.content.decode()
    response = client.post(url, {**data, "owner": action.owner_id, "due_date": str(action.due_date), "title": "New"})
    assert response.status_code == 400 and "Enter the reason for the change" in response.content.decode()
    response = client.post(url, {**data, "reason": "New team"})
    assert response.status_code == 302
    history = client.get(reverse("action_detail", args=[action.pk])).content.decode()
    assert (
        "Reason: New team" in history
        and "Head of Service, Front Door &rarr; Head of Service, Children in Care" in history
    )
    assert "31 January 2027" in history


def test_a_stale_edit_is_refused_shows_what_changed_and_keeps_the_form(client, lead, manager, actions, owners):
    action = actions["soon"]
    client.force_login(manager)
    client.post(
        reverse("action_update", args=[action.pk]),
        {"status": "at_risk", "progress": "15", "note": "Slipping", "version": "1"},
    )
    client.force_login(lead)
    response = client.post(
        reverse("action_edit", args=[action.pk]),
        {
            "title": "A title typed before the update",
            "plan": action.plan_id,
            "theme": action.theme_id,
            "owner": action.owner_id,
            "due_date": str(action.due_date),
            "version": "1",
            "reason": "Clearer title",
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Slipping" in html and "A title typed before the update" in html
    assert 'name="version" value="2"' in html
    assert Action.objects.get(pk=action.pk).title == action.title


def test_the_lead_creates_an_action(client, lead, plan, owners):
    client.force_login(lead)
    assert client.get(reverse("action_create")).status_code == 200
    response = client.post(
        reverse("action_create"),
        {"title": "Set up a practice week", "plan": plan.pk, "owner": owners["manager"].pk, "due_date": "2026-09-30"},
    )
    assert response.status_code == 302
    assert Action.objects.get(title="Set up a practice week").updates.get().kind == "created"


def test_sign_in_is_locked_after_five_wrong_attempts(client, manager):
    """AXES_FAILURE_LIMIT is 5: four failures are explained as usual; from then on sign-in is locked,
    so the 6th attempt shows the lock-out message even with the right password."""
    for _ in range(4):
        response = client.post(reverse("login"), {"username": "manager", "password": "wrong"})
        assert "Too many attempts" not in response.content.decode()
        assert response.status_code == 200
    client.post(reverse("login"), {"username": "manager", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "manager", "password": "wrong"})
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    response = client.post(reverse("login"), {"username": "manager", "password": PASSWORD})
    assert "Too many attempts to sign in" in response.content.decode()


def test_a_long_list_links_the_first_and_last_pages_and_two_either_side(client, lead, authority, plan, today):
    import re

    ActionFactory.create_batch(205, authority=authority, plan=plan)  # 11 pages of 20
    client.force_login(lead)

    def links(page):
        html = client.get(reverse("action_list"), {"page": page}).content.decode()
        start = html.index('class="govuk-pagination"')
        nav = html[start : html.index("</nav>", start)]
        shown = re.findall(r'aria-label="Page (\d+)"|(govuk-pagination__item--ellipses)', nav)
        return [int(n) if n else "..." for n, _ in shown]

    assert links(1) == [1, 2, 3, "...", 11]
    assert links(6) == [1, "...", 4, 5, 6, 7, 8, "...", 11]
    assert links(4) == [1, 2, 3, 4, 5, 6, "...", 11]
    assert links(11) == [1, "...", 9, 10, 11]
