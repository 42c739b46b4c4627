"""The improvement lead's plan pages: plans, themes, recommendations, actions, owners, measures and values.

GOV.UK forms for the records a lead keeps up to date; the Django admin remains for everything else.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
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
from improvement.forms.settings import MeetingForm, ReminderPolicyForm
from improvement.models import Action, ImprovementPlan, Measure, Meeting, Owner, Recommendation, Theme
from improvement.selectors import audit as audit_selectors
from improvement.selectors import settings as settings_selectors
from improvement.selectors.actions import measures_with_latest
from improvement.services import actions as action_services
from improvement.services import authority_settings as settings_services
from improvement.services import plan_admin as services

# kind in the URL -> (model, form, singular, plural, how to scope the queryset)
KINDS = {
    "plans": (ImprovementPlan, PlanForm, "plan", "Plans", "authority"),
    "themes": (Theme, ThemeForm, "theme", "Themes", "plan__authority"),
    "recommendations": (Recommendation, RecommendationForm, "recommendation", "Recommendations", "authority"),
    "owners": (Owner, OwnerForm, "owner", "Owners", "authority"),
    "measures": (Measure, MeasureForm, "measure", "Measures", "authority"),
}


def _lead_authority(request):
    user = request.user
    if not (permissions.is_improvement_lead(user) and user.authority_id):
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
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_create(request, kind: str):
    authority = _lead_authority(request)
    model, form_class, singular, plural, _ = _kind(kind)
    form = form_class(request.POST or None, authority=authority)
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
    form = form_class(request.POST or None, instance=record, authority=authority)
    if request.method == "POST" and form.is_valid():
        services.plan_record_save(form=form, by=request.user, authority=authority)
        messages.success(request, f"The {singular} was saved")
        return redirect("plan_admin")
    return render(
        request,
        "improvement/plan_admin/form.html",
        {
            "form": form,
            "heading": f"Change {singular}: {record}",
            "button": "Save changes",
            "back": "plan_admin",
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


def _settings_lead_authority(request):
    user = request.user
    if not (permissions.is_improvement_lead(user) and user.authority_id):
        raise PermissionDenied(settings_services.ONLY_LEADS)
    return user.authority


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
