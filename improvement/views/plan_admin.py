"""The improvement lead's plan pages: plans, themes, recommendations, actions, owners, measures and values,
inspections and visits with their judgements, and deleting a record with a reason.

GOV.UK forms for the records a lead keeps up to date; the Django admin remains for everything else.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from improvement import permissions
from improvement.forms.actions import (
    ActionForm,
    MeasureForm,
    MeasureValueForm,
    OwnerForm,
    PlanForm,
    RecommendationForm,
    ThemeForm,
)
from improvement.forms.decisions import DecisionForm
from improvement.forms.documents import DocumentDetailsForm
from improvement.forms.inspections import (
    DeleteForm,
    DocumentDeleteForm,
    InspectionForm,
    JudgementsForm,
    reason_field,
)
from improvement.forms.publication import PublicViewForm
from improvement.forms.settings import MeetingForm, ReminderPolicyForm
from improvement.models import (
    Action,
    Decision,
    ImprovementPlan,
    Inspection,
    Measure,
    MeasureValue,
    Meeting,
    Owner,
    Recommendation,
    SourceDocument,
    Theme,
)
from improvement.selectors import audit as audit_selectors
from improvement.selectors import public as public_selectors
from improvement.selectors import settings as settings_selectors
from improvement.selectors.actions import measures_with_latest
from improvement.selectors.documents import document_facts
from improvement.selectors.frameworks import areas_for, with_judgements
from improvement.services import actions as action_services
from improvement.services import authority_settings as settings_services
from improvement.services import documents as document_services
from improvement.services import plan_admin as services
from improvement.services import publication as publication_services

# kind in the URL -> (model, form, singular, plural, how to scope the queryset)
KINDS = {
    "plans": (ImprovementPlan, PlanForm, "plan", "Plans", "authority"),
    "themes": (Theme, ThemeForm, "theme", "Themes", "plan__authority"),
    "recommendations": (Recommendation, RecommendationForm, "recommendation", "Recommendations", "authority"),
    "owners": (Owner, OwnerForm, "owner", "Owners", "authority"),
    "measures": (Measure, MeasureForm, "measure", "Measures", "authority"),
    "decisions": (Decision, DecisionForm, "decision", "Decisions", "authority"),
    "documents": (SourceDocument, DocumentDetailsForm, "document", "Documents", "authority"),
}
# Kinds made only by importing, never added here: their details can be changed after saving.
IMPORTED_ONLY = {"documents"}


DECISIONS_LISTED = 100


def _lead_authority(request):
    user = request.user
    if not permissions.leads_a_council(user):
        raise PermissionDenied("Only an improvement lead can manage the plan")
    return user.authority


def _kind(kind: str):
    if kind not in KINDS:
        raise Http404("No such kind of record")
    return KINDS[kind]


def _scoped(model, path, authority):
    return model.objects.filter(**{f"{path}_id": authority.pk})


@login_required
def index(request):
    authority = _lead_authority(request)
    return render(
        request,
        "improvement/plan_admin/index.html",
        {
            "plans": list(_scoped(ImprovementPlan, "authority", authority).select_related("inspection")),
            "themes": list(_scoped(Theme, "plan__authority", authority).select_related("plan")),
            "recommendations": list(
                _scoped(Recommendation, "authority", authority).select_related("inspection", "theme")
            ),
            "owners": list(_scoped(Owner, "authority", authority).select_related("line_manager", "user")),
            "measures": list(measures_with_latest().filter(authority=authority)),
            "inspections": list(with_judgements(_scoped(Inspection, "authority", authority))),
            "decisions": list(_scoped(Decision, "authority", authority).select_related("meeting")[:DECISIONS_LISTED]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_create(request, kind: str):
    authority = _lead_authority(request)
    if kind in IMPORTED_ONLY:
        raise Http404("Documents come from importing minutes")
    model, form_class, singular, plural, _ = _kind(kind)
    # a link may choose a field in advance: "Add a recommendation" from an inspection's page
    initial = {name: value for name, value in request.GET.items() if name in form_class.base_fields}
    form = form_class(request.POST or None, authority=authority, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.plan_record_save(form=form, by=request.user, authority=authority)
        messages.success(request, f"The {singular} was added")
        return redirect("plan_admin")
    return render(
        request,
        "improvement/plan_admin/form.html",
        {
            "form": form,
            "heading": f"Add {'an' if singular[0] in 'aeiou' else 'a'} {singular}",
            "button": f"Add {singular}",
            "back": "plan_admin",
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request, kind: str, pk: int):
    authority = _lead_authority(request)
    model, form_class, singular, plural, path = _kind(kind)
    record = get_object_or_404(_scoped(model, path, authority), pk=pk)
    form = form_class(_posted(request), instance=record, authority=authority)
    form.fields["reason"] = reason_field()  # every change to a kept record says why
    if request.method == "POST" and form.is_valid():
        services.plan_record_save(form=form, by=request.user, authority=authority, reason=form.cleaned_data["reason"])
        messages.success(request, f"The {singular} was saved")
        return redirect("document_detail", pk=record.pk) if kind == "documents" else redirect("plan_admin")
    return render(
        request,
        "improvement/plan_admin/form.html",
        {
            "form": form,
            "heading": f"Change {singular}: {record}",
            "button": "Save changes",
            "back": "plan_admin",
            "delete_url": reverse("plan_admin_document_delete", args=[record.pk])
            if kind == "documents"
            else reverse("plan_admin_delete", args=[kind, record.pk]),
            "delete_refusal": audit_selectors.deletion_refusal(record),
            "record": record,
            "record_changes": audit_selectors.record_changes(user=request.user, record=record),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_values(request, pk: int):
    authority = _lead_authority(request)
    measure = get_object_or_404(Measure.objects.filter(authority=authority), pk=pk)
    form = MeasureValueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.measure_value_record(
            measure=measure, by=request.user, on=form.cleaned_data["date"], value=form.cleaned_data["value"]
        )
        messages.success(request, "The value was recorded")
        return redirect("plan_admin_measure_values", pk=pk)
    return render(
        request,
        "improvement/plan_admin/measure_values.html",
        {
            "measure": measure,
            "values": list(measure.values.order_by("-date", "-id")[:60]),
            "form": form,
            "record_changes": audit_selectors.record_changes(user=request.user, record=measure),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request):
    authority = _lead_authority(request)
    form = ActionForm(request.POST or None, instance=Action(authority=authority), authority=authority)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action = action_services.action_create(
            authority=authority,
            by=request.user,
            **{name: data[name] for name in action_services.EDITABLE_FIELDS},
            recommendations=list(data["recommendations"]),
            measures=list(data["measures"]),
        )
        messages.success(request, "The action was added")
        return redirect("action_detail", pk=action.pk)
    return render(
        request,
        "improvement/actions/edit.html",
        {"form": form, "action": None},
        status=400 if form.is_bound and form.errors else 200,
    )


def _posted(request):
    """The form data of a POST, even an empty one (an empty form is a form with errors)."""
    return request.POST if request.method == "POST" else None


def _inspection(request, authority, pk: int) -> Inspection:
    return get_object_or_404(with_judgements(_scoped(Inspection, "authority", authority)), pk=pk)


def _settings_lead_authority(request):
    user = request.user
    if not permissions.leads_a_council(user):
        raise PermissionDenied(settings_services.ONLY_LEADS)
    return user.authority


@login_required
@require_http_methods(["GET", "POST"])
def inspection_create(request):
    authority = _lead_authority(request)
    form = InspectionForm(_posted(request), authority=authority)
    if request.method == "POST" and form.is_valid():
        inspection = services.inspection_save(form=form, by=request.user, authority=authority)
        messages.success(request, f"The {inspection.get_kind_display().lower()} was added")
        if areas_for(inspection.start_date, inspection.kind).framework is not None:
            return redirect("plan_admin_inspection_judgements", pk=inspection.pk)
        return redirect("plan_admin_inspection_edit", pk=inspection.pk)
    return render(
        request,
        "improvement/plan_admin/inspection.html",
        {"form": form, "inspection": None},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def inspection_edit(request, pk: int):
    authority = _lead_authority(request)
    inspection = _inspection(request, authority, pk)
    form = InspectionForm(_posted(request), instance=inspection, authority=authority)
    if request.method == "POST" and form.is_valid():
        services.inspection_save(form=form, by=request.user, authority=authority, reason=form.cleaned_data["reason"])
        messages.success(request, "The changes were saved")
        return redirect("plan_admin_inspection_edit", pk=pk)
    if form.is_bound:
        inspection = _inspection(request, authority, pk)  # the page shows what is saved, not the rejected input
    return render(
        request,
        "improvement/plan_admin/inspection.html",
        {
            "form": form,
            "inspection": inspection,
            "offer": areas_for(inspection.start_date, inspection.kind),
            "recommendations": list(inspection.recommendations.select_related("theme")),
            "record_changes": audit_selectors.record_changes(user=request.user, record=inspection),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def inspection_judgements(request, pk: int):
    authority = _lead_authority(request)
    inspection = _inspection(request, authority, pk)
    offer = areas_for(inspection.start_date, inspection.kind)
    form = JudgementsForm(_posted(request), inspection=inspection, offer=offer)
    if request.method == "POST" and form.is_valid():
        overall, areas, others = form.cleaned_grades()
        try:
            services.inspection_judgements_set(
                inspection=inspection,
                by=request.user,
                overall=overall,
                areas=areas,
                others=others,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            messages.success(request, "The judgements were saved")
            return redirect("plan_admin_inspection_edit", pk=pk)
    return render(
        request,
        "improvement/plan_admin/judgements.html",
        {"form": form, "inspection": inspection, "offer": offer},
        status=400 if form.is_bound and form.errors else 200,
    )


# kind in the URL -> (model, how to scope the queryset, the page to go back to)
DELETABLE = {
    **{kind: (model, path, "plan_admin") for kind, (model, _, _, _, path) in KINDS.items()},
    "inspections": (Inspection, "authority", "plan_admin"),
    "actions": (Action, "authority", "action_list"),
    "values": (MeasureValue, "measure__authority", "plan_admin"),
}


@login_required
@require_http_methods(["GET", "POST"])
def record_delete(request, kind: str, pk: int):
    authority = _lead_authority(request)
    if kind not in DELETABLE:
        raise Http404("No such kind of record")
    model, path, back = DELETABLE[kind]
    record = get_object_or_404(_scoped(model, path, authority), pk=pk)
    effects = audit_selectors.deletion_effects(record)
    if effects.refusal:
        return render(request, "improvement/refused_delete.html", {"reason": effects.refusal}, status=409)
    form = DeleteForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        label = f"{record._meta.verbose_name} '{record}'"
        try:
            services.plan_record_delete(
                record=record, by=request.user, authority=authority, reason=form.cleaned_data["reason"]
            )
        except services.DeletionRefused as refused:
            return render(request, "improvement/refused_delete.html", {"reason": str(refused)}, status=409)
        messages.success(request, f"The {label} was deleted")
        if kind == "values":
            return redirect("plan_admin_measure_values", pk=record.measure_id)
        return redirect(back)
    return render(
        request,
        "improvement/plan_admin/delete.html",
        {
            "form": form,
            "record": record,
            "noun": record._meta.verbose_name,
            "effects": effects,
            "back_url": _edit_url(kind, record),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _edit_url(kind: str, record) -> str:
    if kind == "inspections":
        return reverse("plan_admin_inspection_edit", args=[record.pk])
    if kind == "actions":
        return reverse("action_edit", args=[record.pk])
    if kind == "values":
        return reverse("plan_admin_measure_values", args=[record.measure_id])
    return reverse("plan_admin_edit", args=[kind, record.pk])


@login_required
@require_http_methods(["GET", "POST"])
def value_edit(request, pk: int):
    authority = _lead_authority(request)
    value = get_object_or_404(
        MeasureValue.objects.filter(measure__authority=authority).select_related("measure"), pk=pk
    )
    initial = {"date": value.date, "value": value.value}
    form = MeasureValueForm(_posted(request), initial=initial)
    form.fields["reason"] = reason_field()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.measure_value_change(
            value=value, by=request.user, on=data["date"], number=data["value"], reason=data["reason"]
        )
        messages.success(request, "The value was changed")
        return redirect("plan_admin_measure_values", pk=value.measure_id)
    return render(
        request,
        "improvement/plan_admin/form.html",
        {
            "form": form,
            "heading": f"Change a value of {value.measure.name}",
            "button": "Save changes",
            "back": "plan_admin",
            "record": value,
            "delete_url": reverse("plan_admin_delete", args=["values", value.pk]),
            "record_changes": audit_selectors.record_changes(user=request.user, record=value.measure),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def authority_settings(request):
    """The council's reminder policy and its committee meetings (Manage plan > Authority settings)."""
    authority = _settings_lead_authority(request)
    today = timezone.localdate()
    which = request.POST.get("form") if request.method == "POST" else None
    initial = {name: getattr(authority, name) for name in settings_services.POLICY_FIELDS}
    initial["reminder_days_before"] = initial["reminder_days_before"].replace(",", ", ")
    policy_form = ReminderPolicyForm(request.POST if which == "policy" else None, initial=initial)
    meeting_form = MeetingForm(request.POST if which == "meeting" else None, prefix="meeting")
    if which == "policy" and policy_form.is_valid():
        changed = settings_services.authority_settings_update(
            authority=authority, by=request.user, reason="Authority settings page", **policy_form.cleaned_data
        )
        messages.success(request, "The reminder settings were saved" if changed else "Nothing changed")
        return redirect("authority_settings")
    if which == "meeting" and meeting_form.is_valid():
        try:
            meeting = settings_services.meeting_add(
                authority=authority,
                by=request.user,
                committee=meeting_form.cleaned_data["committee"],
                on=meeting_form.cleaned_data["date"],
            )
        except ValidationError as error:
            meeting_form.add_error("date", error.messages[0])
        else:
            messages.success(request, f"The meeting was added: {meeting}")
            return redirect("authority_settings")
    bound = policy_form if which == "policy" else meeting_form if which == "meeting" else None
    return render(
        request,
        "improvement/plan_admin/settings.html",
        {
            "page": settings_selectors.authority_settings_page(authority=authority, today=today),
            "policy_form": policy_form,
            "meeting_form": meeting_form,
            "error_form": bound if bound is not None and bound.errors else None,
        },
        status=400 if bound is not None and bound.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_delete(request, pk: int):
    authority = _lead_authority(request)
    document = get_object_or_404(_scoped(SourceDocument, "authority", authority), pk=pk)
    facts = document_facts(document=document)
    form = DocumentDeleteForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        done = document_services.document_delete(
            document=document, by=request.user, facts=form.cleaned_data["facts"], reason=form.cleaned_data["reason"]
        )
        messages.success(
            request,
            f"The document {document.filename} was deleted: {done['removed']} of its records removed, "
            f"{done['kept']} kept",
        )
        return redirect("import_upload")
    return render(
        request,
        "improvement/plan_admin/document_delete.html",
        {"form": form, "document": document, "facts": facts},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_http_methods(["POST"])
def meeting_remove(request, pk: int):
    authority = _settings_lead_authority(request)
    meeting = get_object_or_404(Meeting.objects.filter(authority=authority), pk=pk)
    try:
        settings_services.meeting_remove(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"The meeting was removed: {meeting}")
    return redirect("authority_settings")


@login_required
@require_http_methods(["GET", "POST"])
def plan_public(request, pk: int):
    """Switch the plan's public page on or off and choose the measures it shows."""
    authority = _lead_authority(request)
    plan = get_object_or_404(_scoped(ImprovementPlan, "authority", authority), pk=pk)
    current = public_selectors.public_view_settings(plan=plan)
    form = PublicViewForm(
        request.POST or None,
        authority=authority,
        initial={"published": current["published"], "measures": current["measure_ids"]},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = publication_services.public_view_set(
            plan=plan,
            by=request.user,
            published=data["published"],
            measures=list(data["measures"]),
            reason=data["reason"],
        )
        if done is None:
            messages.success(request, "Nothing changed")
        elif done.published:
            messages.success(request, "The plan's public page is on")
        else:
            messages.success(request, "The plan's public page is off")
        return redirect("plan_admin_public", pk=pk)
    return render(
        request,
        "improvement/plan_admin/public.html",
        {"plan": plan, "form": form, **current},
        status=400 if form.is_bound and form.errors else 200,
    )
