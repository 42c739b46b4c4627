"""The lead's benchmarks page: upload a published table, say which column is which measure, check
what it sets, save."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST

from improvement import permissions
from improvement.forms.benchmarks import BenchmarkMappingForm, BenchmarkUploadForm
from improvement.models import Measure
from improvement.services.benchmarks import (
    BenchmarkError,
    BenchmarksRefused,
    benchmarks_held,
    benchmarks_hold,
    benchmarks_import,
    benchmarks_preview,
)

TEMPLATE = "improvement/benchmarks/benchmarks.html"


def _authority(request):
    user = request.user
    if not permissions.leads_a_council(user):
        raise PermissionDenied("Only an improvement lead can import benchmarks")
    return user.authority


def _mapping_form(authority, plan, token, data=None):
    measures = Measure.objects.filter(authority=authority).order_by("name")
    return BenchmarkMappingForm(
        data,
        columns=plan.indicators,
        measures=measures,
        initial=BenchmarkMappingForm.initial_for(plan.indicators, plan.mapping, plan.year_end, token),
    )


@login_required
@require_http_methods(["GET", "POST"])
def benchmarks_upload(request):
    authority = _authority(request)
    form = BenchmarkUploadForm(request.POST, request.FILES) if request.method == "POST" else BenchmarkUploadForm()
    context = {"authority": authority, "upload_form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            plan = benchmarks_preview(authority=authority, data=data)
        except BenchmarkError as exc:
            form.add_error("file", f"{upload.name} {exc}")
        else:
            token = benchmarks_hold(user=request.user, data=data, filename=upload.name)
            context.update(plan=plan, filename=upload.name, mapping_form=_mapping_form(authority, plan, token))
    status = 400 if form.is_bound and form.errors else 200
    return render(request, TEMPLATE, context, status=status)


@login_required
@require_POST
def benchmarks_check(request):
    authority = _authority(request)
    held = benchmarks_held(user=request.user, token=request.POST.get("token", ""))
    if held is None:
        form = BenchmarkUploadForm()
        form.errors["file"] = form.error_class(
            ["That upload is no longer held (they are kept for an hour): upload it again"]
        )
        return render(request, TEMPLATE, {"authority": authority, "upload_form": form}, status=400)
    filename, data = held
    first = benchmarks_preview(authority=authority, data=data)
    mapping_form = _mapping_form(authority, first, request.POST["token"], request.POST)
    context = {"authority": authority, "filename": filename, "mapping_form": mapping_form, "plan": first}
    if not mapping_form.is_valid():
        return render(request, TEMPLATE, context, status=400)
    mapping, year_end = mapping_form.mapping(), mapping_form.cleaned_data["year_end"]
    if "save" in request.POST:
        try:
            saved = benchmarks_import(
                authority=authority, data=data, by=request.user, mapping=mapping, year_end=year_end
            )
        except BenchmarksRefused as refused:
            context["plan"] = refused.plan
            return render(request, TEMPLATE, context, status=400)
        benchmarks_held(user=request.user, token=request.POST["token"], forget=True)
        return render(
            request,
            TEMPLATE,
            {"authority": authority, "saved": saved, "filename": filename, "upload_form": BenchmarkUploadForm()},
        )
    context["plan"] = benchmarks_preview(authority=authority, data=data, mapping=mapping, year_end=year_end)
    context["checked"] = True
    return render(request, TEMPLATE, context)
