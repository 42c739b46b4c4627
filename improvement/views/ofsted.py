"""The superuser's Ofsted outcomes page: upload the statistics file, see what it changes, confirm."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from improvement import permissions
from improvement.forms.ofsted import OutcomesUploadForm
from improvement.services.ofsted_outcomes import (
    OutcomesError,
    outcomes_import,
    outcomes_preview,
)
from improvement.services.uploads import upload_held, upload_hold

TEMPLATE = "improvement/ofsted/outcomes.html"
KIND = "ofsted-outcomes"


def _superuser_only(request):
    if not permissions.can_import_ofsted_outcomes(request.user):
        raise PermissionDenied("Only a superuser can import Ofsted's outcomes for every council.")


@login_required
def outcomes_upload(request):
    _superuser_only(request)
    form = OutcomesUploadForm(request.POST, request.FILES) if request.method == "POST" else OutcomesUploadForm()
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            plan = outcomes_preview(data=data, filename=upload.name)
        except OutcomesError as exc:
            form.add_error("file", f"{upload.name} {exc}")
        else:
            token = upload_hold(user=request.user, kind=KIND, data=data, filename=upload.name)
            context.update(plan=plan, token=token)
    return render(request, TEMPLATE, context, status=400 if form.is_bound and form.errors else 200)


@login_required
@require_POST
def outcomes_confirm(request):
    _superuser_only(request)
    held = upload_held(user=request.user, kind=KIND, token=request.POST.get("token", ""), forget=True)
    if held is None:
        messages.error(request, "That upload is no longer held (they are kept for an hour): upload the file again.")
        return redirect("ofsted_outcomes")
    filename, data = held
    try:
        plan = outcomes_import(data=data, filename=filename)
    except OutcomesError as exc:
        form = OutcomesUploadForm()
        form.errors["file"] = form.error_class([f"{filename} {exc}"])
        return render(request, TEMPLATE, {"form": form}, status=400)
    return render(request, TEMPLATE, {"form": OutcomesUploadForm(), "saved": plan})
