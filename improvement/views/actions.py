"""Action pages: My actions, all actions, the action page with its update form, sign-off, edit, XLSX.

Thin views: each parses input, fetches through a scoped selector (another authority's
action is a 404), asks improvement.permissions, and calls one service.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from improvement import permissions
from improvement.filters.actions import ActionFilterSet
from improvement.filters.common import bind
from improvement.forms.actions import ActionForm, ActionUpdateForm, SignOffForm, SpreadsheetUploadForm
from improvement.models import Action, Owner
from improvement.selectors import actions as selectors
from improvement.selectors import plan_cache
from improvement.selectors.audit import deletion_refusal
from improvement.services import actions as services
from improvement.services import spreadsheets
from improvement.views.dashboards import cached_page, page_cache

PAGE_SIZE = 20
BULK_SALT = "improvement.actions.bulk-upload"
BULK_MAX_AGE = 60 * 60


def _today():
    return timezone.localdate()


def _list_page(request, *, actions, title: str, intro: str, owners=None, mine: bool):
    """A page of actions. Its rows and paging are kept in the plan cache for this viewer, query and day
    (My actions differs per person), so only a first visit, or one after the plan changed, reads them."""
    today = _today()
    authority = request.user.authority
    filterset = bind(
        ActionFilterSet,
        data=request.GET,
        queryset=selectors.actions_in_list_order(actions=actions, today=today),
        authority=authority,
        today=today,
        owners=owners,
    )
    entry, context = cached_page(
        request,
        f"actions:{request.path}",
        authority,
        today,
        per_viewer=True,
        title=title,
        intro=intro,
        filterset=filterset,
        mine=mine,
        can_manage_plan=permissions.can_lead(request.user),
        leads_a_council=permissions.leads_a_council(request.user),
    )
    if not entry.hit:
        page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
        context["page"] = page
        context["rows"] = selectors.actions_list_rows(page_of=page.object_list, today=today)
    return render(request, "improvement/actions/list.html", context)


@login_required
def my_actions(request):
    owner_ids = permissions.owner_ids_managed_by(request.user)
    actions = selectors.actions_visible(user=request.user).filter(owner_id__in=owner_ids)
    return _list_page(
        request,
        actions=actions,
        title="My actions",
        intro="The actions you own and those of the people you line-manage. Overdue actions come first.",
        owners=Owner.objects.filter(pk__in=owner_ids),
        mine=True,
    )


def _whose_plans(user) -> str:
    """Whose plans All actions lists, in the words of its introduction."""
    if user.authority_id is not None:
        return "your council's improvement plan"
    if user.is_superuser:
        return "every council's improvement plan"
    return "the improvement plans of the councils you advise"


@login_required
def action_list(request):
    return _list_page(
        request,
        actions=selectors.actions_visible(user=request.user),
        title="All actions",
        intro=f"Every action in {_whose_plans(request.user)}. Overdue actions come first.",
        mine=False,
    )


def _document_link(action: Action) -> str:
    if not action.source_document_id:
        return ""
    try:
        url = reverse("document_detail", args=[action.source_document_id])
    except NoReverseMatch:
        return ""
    return f"{url}#q{action.source_start}" if action.source_start is not None else url


def _render_detail(request, pk, *, update_form=None, sign_off_form=None, conflict=None, status=200):
    """The action page. All but its reminders (the sweep writes them, not the plan) is kept in the plan cache
    for this viewer, forms included (each visit gets its own CSRF token); a form sent back with its errors, or
    after a conflict, is always drawn afresh."""
    today = _today()
    if update_form is not None or sign_off_form is not None or conflict is not None:
        entry = plan_cache.Entry(key=None)
    else:
        entry = page_cache(request, f"action:{pk}", request.user.authority, today, per_viewer=True)
    if entry.hit:
        action = selectors.action_get_kept(user=request.user, pk=pk)
        context = {"action": action, "reminders": selectors.action_reminders(action=action), "plan_cache": entry}
        return render(request, "improvement/actions/detail.html", context, status=status)
    data = selectors.action_page(user=request.user, pk=pk, today=today)
    action = data.action
    if update_form is None and data.can_change:
        update_form = ActionUpdateForm(
            action=action,
            can_sign_off=data.can_sign_off,
            initial={"status": action.status, "progress": action.progress, "version": action.version},
        )
    if sign_off_form is None and data.can_sign_off:
        sign_off_form = SignOffForm(initial={"version": action.version})
    return render(
        request,
        "improvement/actions/detail.html",
        {
            "page": data,
            "action": action,
            "reminders": data.reminders,
            "today": today,
            "update_form": update_form if data.can_change else None,
            "sign_off_form": sign_off_form,
            "conflict": conflict,
            "document_link": _document_link(action),
            "plan_cache": entry,
        },
        status=status,
    )


@login_required
def action_detail(request, pk: int):
    return _render_detail(request, pk)


def _conflict_context(*, request, action_pk, expected_version):
    current = selectors.action_get(user=request.user, pk=action_pk)
    return current, {
        "current": current,
        "updates": selectors.updates_since(action=current, version=expected_version),
    }


def _form_after_conflict(*, request, action_pk, expected_version, make_form):
    """Someone saved first: what they changed, and the user's form again at the new version, their text kept.

    `make_form(data, current)` builds the page's form from the posted data with the current version.
    """
    current, conflict = _conflict_context(request=request, action_pk=action_pk, expected_version=expected_version)
    kept = request.POST.copy()
    kept["version"] = str(current.version)
    return make_form(kept, current), conflict


@login_required
@require_POST
def action_update(request, pk: int):
    action = selectors.action_get(user=request.user, pk=pk)
    if not permissions.can_change_action(request.user, action):
        raise PermissionDenied("You can view this action but not change it")
    can_sign_off = bool(permissions.can_sign_off_action(request.user, action))
    form = ActionUpdateForm(request.POST, action=action, can_sign_off=can_sign_off)
    if not form.is_valid():
        return _render_detail(request, pk, update_form=form, status=400)
    data = form.cleaned_data
    try:
        result = services.action_record_update(
            action=action,
            by=request.user,
            status=data["status"],
            progress=data["progress"],
            note=data["note"],
            evidence_url=data["evidence_url"],
            expected_version=data["version"],
        )
    except services.ActionConflict as error:
        form, conflict = _form_after_conflict(
            request=request,
            action_pk=pk,
            expected_version=data["version"],
            make_form=lambda kept, current: ActionUpdateForm(kept, action=current, can_sign_off=can_sign_off),
        )
        conflict["expected_version"] = error.expected_version
        return _render_detail(request, pk, update_form=form, conflict=conflict, status=409)
    except ValidationError as error:
        for field, problems in error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]:
            for problem in problems:
                form.add_error(field if field in form.fields else None, problem)
        return _render_detail(request, pk, update_form=form, status=400)
    if result.update.kind == "sign_off_request":
        messages.success(
            request, "Update saved. An improvement lead has been asked to sign off the evidence of impact."
        )
    else:
        messages.success(request, "Update saved")
    return redirect(f"{reverse('action_detail', args=[pk])}#history")


@login_required
@require_POST
def action_sign_off(request, pk: int):
    action = selectors.action_get(user=request.user, pk=pk)
    if not permissions.can_sign_off_action(request.user, action):
        raise PermissionDenied("Only an improvement lead can sign off an action")
    form = SignOffForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, pk, sign_off_form=form, status=400)
    try:
        services.action_sign_off(
            action=action,
            by=request.user,
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
        )
    except services.ActionConflict as error:
        _, conflict = _conflict_context(request=request, action_pk=pk, expected_version=error.expected_version)
        return _render_detail(request, pk, conflict=conflict, status=409)
    except ValidationError as error:
        form.add_error(None, " ".join(error.messages))
        return _render_detail(request, pk, sign_off_form=form, status=400)
    messages.success(request, "Signed off: the action is complete with impact evidenced")
    return redirect(f"{reverse('action_detail', args=[pk])}#history")


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request, pk: int):
    action = selectors.action_get(user=request.user, pk=pk)
    if not permissions.can_manage_plan(request.user, action):
        raise PermissionDenied("Only an improvement lead can change an action's details")
    authority = action.authority
    conflict = None
    if request.method == "POST":
        # The form works on its own copy, so the service still sees the values before the change.
        form = ActionForm(request.POST, instance=Action.objects.get(pk=action.pk), authority=authority)
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = services.action_change_fields(
                    action=action,
                    by=request.user,
                    changes={name: data[name] for name in services.EDITABLE_FIELDS},
                    reason=data["reason"],
                    expected_version=data["version"],
                    recommendations=list(data["recommendations"]),
                    measures=list(data["measures"]),
                )
            except services.ActionConflict as error:
                form, conflict = _form_after_conflict(
                    request=request,
                    action_pk=pk,
                    expected_version=error.expected_version,
                    make_form=lambda kept, _: ActionForm(
                        kept, instance=Action.objects.get(pk=action.pk), authority=authority
                    ),
                )
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    for problem in problems:
                        form.add_error(field if field in form.fields else None, problem)
            else:
                messages.success(request, "Action changed" if result else "Nothing was changed")
                return redirect("action_detail", pk=pk)
    else:
        form = ActionForm(instance=action, authority=authority, initial={"version": action.version})
    return render(
        request,
        "improvement/actions/edit.html",
        {
            "form": form,
            "action": action,
            "conflict": conflict,
            # deleting is Manage plan's, for the council's own lead (refused there if people worked on it)
            "can_delete": permissions.is_improvement_lead(request.user)
            and request.user.authority_id == action.authority_id,
            "delete_refusal": deletion_refusal(action) if action else None,
        },
        status=409 if conflict else (400 if form.is_bound and form.errors else 200),
    )


def _spreadsheet_actions(request):
    today = _today()
    filterset = bind(
        ActionFilterSet,
        data=request.GET,
        queryset=selectors.actions_visible(user=request.user),
        authority=request.user.authority,
        today=today,
    )
    return filterset.qs


@login_required
def actions_xlsx_download(request):
    if not permissions.can_lead(request.user):
        raise PermissionDenied("Only an improvement lead can download the actions to update")
    content = spreadsheets.actions_xlsx_build(actions=_spreadsheet_actions(request))
    name = spreadsheets.spreadsheet_filename(authority_name=str(request.user.authority or "all"), today=_today())
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def actions_xlsx_upload(request):
    if not permissions.can_lead(request.user):
        raise PermissionDenied("Only an improvement lead can update actions from a spreadsheet")
    context = {"form": SpreadsheetUploadForm(), "preview": None, "problems": []}
    if request.method == "POST" and "changes" in request.POST:
        try:
            payload = signing.loads(request.POST["changes"], salt=BULK_SALT, max_age=BULK_MAX_AGE)
            if payload.get("user") != request.user.pk:
                raise signing.BadSignature("another user's upload")
        except signing.BadSignature:
            context["problems"] = ["The preview has expired. Upload the spreadsheet again."]
            return render(request, "improvement/actions/xlsx_upload.html", context, status=400)
        changes = [services.BulkChange(**row) for row in payload["rows"]]
        try:
            count = services.actions_bulk_apply(by=request.user, changes=changes)
        except services.BulkConflict as conflict:
            context["problems"] = conflict.problems + ["Nothing was saved."]
            return render(request, "improvement/actions/xlsx_upload.html", context, status=409)
        messages.success(request, f"{count} action{'s' if count != 1 else ''} updated from the spreadsheet")
        return redirect("action_list")
    if request.method == "POST":
        form = SpreadsheetUploadForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            preview = spreadsheets.spreadsheet_preview(file=form.cleaned_data["file"], user=request.user)
            context["preview"] = preview
            if preview.ok:
                rows = [vars(r.change) for r in preview.changed]
                context["signed"] = signing.dumps(
                    {"user": request.user.pk, "rows": rows}, salt=BULK_SALT, compress=True
                )
            return render(request, "improvement/actions/xlsx_upload.html", context, status=200 if preview.ok else 400)
        return render(request, "improvement/actions/xlsx_upload.html", context, status=400)
    return render(request, "improvement/actions/xlsx_upload.html", context)
