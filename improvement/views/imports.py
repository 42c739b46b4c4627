"""The improvement lead's import pages: upload, review what was found, confirm; and the document page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from improvement import extraction, permissions
from improvement.forms.imports import UploadForm, confirm_choices
from improvement.models import ImportDraft, SourceDocument
from improvement.selectors import documents as selectors
from improvement.services.importing.documents import document_imported_before, saved_starts
from improvement.services.importing.drafts import (
    draft_confirm,
    draft_discard,
    draft_for_document,
    draft_preview,
    drafts_create,
)
from improvement.services.importing.preview import KINDS
from improvement.services.importing.writer import ImportRefused


def _lead_only(request):
    if not permissions.can_import(request.user) or request.user.authority_id is None:
        raise PermissionDenied("Only an improvement lead can import minutes.")


@login_required
def upload(request):
    _lead_only(request)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        try:
            drafts = drafts_create(
                by=request.user,
                files=form.cleaned_data["files"],
                committee=form.cleaned_data["committee"],
                meeting_date=form.cleaned_data["meeting_date"],
            )
        except ImportRefused as exc:
            form.add_error("files", str(exc))
        else:
            return redirect("import_review", pk=drafts[0].pk)
    return render(
        request,
        "improvement/imports/upload.html",
        {
            "form": form,
            "drafts": selectors.drafts_for_user(user=request.user),
            "documents": selectors.documents_for_user(user=request.user)[:50],
        },
    )


def _draft(request, pk) -> ImportDraft:
    _lead_only(request)
    return get_object_or_404(selectors.drafts_for_user(user=request.user).defer(None), pk=pk)


@login_required
def review(request, pk):
    draft = _draft(request, pk)
    context = {"draft": draft, "kinds": KINDS}
    try:
        preview = draft_preview(draft=draft)
    except extraction.InputError as exc:
        # A file that cannot be read is not kept: its bytes go now, with the reason shown once.
        context.update(error=str(exc), filename=draft.filename)
        draft_discard(draft=draft)
        return render(request, "improvement/imports/review.html", context, status=200)
    saved = saved_starts(draft.document) if draft.document_id else {}
    context.update(
        preview=preview,
        segments=selectors.preview_segments(preview=preview),
        groups=[
            (kind, selectors.LABELS[kind], selectors.review_items(preview=preview, kind=kind, saved=saved))
            for kind in KINDS
        ],
        again=draft.document,
        already=None
        if draft.document_id
        else document_imported_before(authority_id=draft.authority_id, sha256=preview.sha256),
        next_draft=selectors.drafts_for_user(user=request.user).filter(pk__gt=draft.pk).first(),
    )
    return render(request, "improvement/imports/review.html", context)


@login_required
@require_POST
def confirm(request, pk):
    draft = _draft(request, pk)
    try:
        preview = draft_preview(draft=draft)
    except extraction.InputError as exc:
        messages.error(request, f"{draft.filename}: {exc}")
        return redirect("import_review", pk=draft.pk)
    choices = confirm_choices(request.POST, actions=preview.fact_list("actions"))
    if choices.errors:
        for error in choices.errors:
            messages.error(request, error)
        return redirect("import_review", pk=draft.pk)
    try:
        outcome = draft_confirm(
            draft=draft, preview=preview, by=request.user, keep=choices.keep, corrections=choices.corrections
        )
    except ImportRefused as exc:
        messages.error(request, f"{draft.filename} was not imported: {exc}")
        return redirect("import_review", pk=draft.pk)
    if outcome.status == "unchanged":
        messages.info(request, f"{draft.filename}: nothing new to save; nothing changed.")
    else:
        made = ", ".join(f"{n} {kind}" for kind, n in sorted(outcome.created.items())) or "no facts"
        messages.success(request, f"{draft.filename} imported: {made}.")
    following = selectors.drafts_for_user(user=request.user).first()
    if following:
        return redirect("import_review", pk=following.pk)
    return redirect("document_detail", pk=outcome.document.pk)


@login_required
@require_POST
def review_again(request, pk):
    """Open an imported document for review again: tick facts left out the first time and save them."""
    _lead_only(request)
    document = get_object_or_404(permissions.scope_to_user(SourceDocument.objects.all(), request.user), pk=pk)
    draft = draft_for_document(document=document, by=request.user)
    return redirect("import_review", pk=draft.pk)


@login_required
@require_POST
def discard(request, pk):
    draft = _draft(request, pk)
    draft_discard(draft=draft)
    messages.info(request, f"{draft.filename} was discarded; nothing was saved.")
    return redirect("import_upload")


@login_required
def document_detail(request, pk):
    document = get_object_or_404(permissions.scope_to_user(SourceDocument.objects.all(), request.user), pk=pk)
    records = selectors.document_records(document=document)
    return render(
        request,
        "improvement/imports/document.html",
        {
            "document": document,
            "records": records,
            "segments": selectors.document_segments(document=document, records=records),
            "can_review_again": permissions.can_import(request.user)
            and request.user.authority_id == document.authority_id,
        },
    )
