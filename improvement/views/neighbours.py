"""The superuser's statistical-neighbours page: upload the DfE's model, see what it changes, confirm.
The same service as `manage.py import_statistical_neighbours`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from improvement import permissions
from improvement.forms.neighbours import NeighboursUploadForm
from improvement.services.neighbours import NeighboursError, neighbours_import
from improvement.services.uploads import upload_held, upload_hold

TEMPLATE = "improvement/ofsted/neighbours.html"
KIND = "neighbours"


def _superuser_only(request):
    if not permissions.can_import_ofsted_outcomes(request.user):
        raise PermissionDenied("Only a superuser can import the statistical neighbours of every council.")


@login_required
@require_http_methods(["GET", "POST"])
def neighbours_upload(request):
    _superuser_only(request)
    form = NeighboursUploadForm(request.POST, request.FILES) if request.method == "POST" else NeighboursUploadForm()
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            result = neighbours_import(data=data, dry_run=True)
        except NeighboursError as exc:
            form.add_error("file", f"{upload.name} {exc}")
        else:
            token = upload_hold(user=request.user, kind=KIND, data=data, filename=upload.name)
            context.update(result=result, token=token, filename=upload.name)
    return render(request, TEMPLATE, context, status=400 if form.is_bound and form.errors else 200)


@login_required
@require_POST
def neighbours_confirm(request):
    _superuser_only(request)
    held = upload_held(user=request.user, kind=KIND, token=request.POST.get("token", ""), forget=True)
    if held is None:
        messages.error(request, "That upload is no longer held (they are kept for an hour): upload the file again.")
        return redirect("statistical_neighbours")
    filename, data = held
    try:
        result = neighbours_import(data=data)
    except NeighboursError as exc:
        form = NeighboursUploadForm()
        form.errors["file"] = form.error_class([f"{filename} {exc}"])
        return render(request, TEMPLATE, {"form": form}, status=400)
    return render(request, TEMPLATE, {"form": NeighboursUploadForm(), "saved": result, "filename": filename})
