"""The improvement lead's import pages: upload, review what was found, confirm; and the document page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from improvement import extraction, permissions
from improvement.forms.dates import parse_date_text, slash_date
from improvement.forms.imports import UploadForm
from improvement.models import ImportDraft, SourceDocument
from improvement.selectors import documents as selectors
from improvement.services.importing import (
    KINDS,
    ImportRefused,
    document_import,
    document_preview,
    document_reimport,
    saved_starts,
    text_preview,
)


def _lead_only(request):
    if not permissions.can_import(request.user) or request.user.authority_id is None:
        raise PermissionDenied("Only an improvement lead can import minutes.")


@login_required
def upload(request):
    _lead_only(request)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        drafts = [
            ImportDraft.objects.create(
                authority_id=request.user.authority_id,
                uploaded_by=request.user,
                filename=f.name[:255],
                data=f.read(),
                committee=form.cleaned_data["committee"],
                meeting_date=form.cleaned_data["meeting_date"],
            )
            for f in form.cleaned_data["files"]
        ]
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


def _preview(draft):
    if draft.document_id:  # a second review works on the stored text, so every offset stays true
        document = draft.document
        return text_preview(
            text=document.text, sha256=document.sha256, filename=document.filename,
            authority_name=draft.authority.name, committee=draft.committee or None,
            meeting_date=draft.meeting_date, kind=document.kind,
        )
    return document_preview(
        data=bytes(draft.data),
        filename=draft.filename,
        authority_name=draft.authority.name,
        committee=draft.committee or None,
        meeting_date=draft.meeting_date,
    )


@login_required
def review(request, pk):
    draft = _draft(request, pk)
    context = {"draft": draft, "kinds": KINDS}
    try:
        preview = _preview(draft)
    except extraction.InputError as exc:
        context["error"] = str(exc)
        return render(request, "improvement/imports/review.html", context, status=200)
    saved = saved_starts(draft.document) if draft.document_id else {}
    context.update(
        preview=preview,
        segments=selectors.preview_segments(preview=preview),
        groups=[
            (kind, selectors.LABELS[kind],
             [{**item, "saved": bool(item.get("span")) and item["span"][0] in saved.get(kind, ())}
              for item in preview.fact_list(kind)])
            for kind in KINDS
        ],
        again=draft.document,
        already=None if draft.document_id else
        SourceDocument.objects.filter(authority_id=draft.authority_id, sha256=preview.sha256).first(),
        next_draft=selectors.drafts_for_user(user=request.user).filter(pk__gt=draft.pk).first(),
    )
    return render(request, "improvement/imports/review.html", context)


@login_required
@require_POST
def confirm(request, pk):
    draft = _draft(request, pk)
    try:
        preview = _preview(draft)
    except extraction.InputError as exc:
        messages.error(request, f"{draft.filename}: {exc}")
        return redirect("import_review", pk=draft.pk)
    keep = {kind: set() for kind in KINDS}
    for value in request.POST.getlist("keep"):
        kind, _, index = value.partition(":")
        if kind in keep and index.isdigit():
            keep[kind].add(int(index))
    corrections, errors = {}, []
    for index in keep["actions"]:
        fix = {}
        owner = request.POST.get(f"owner-actions-{index}", "").strip()
        if owner:
            fix["owner"] = owner
        due = request.POST.get(f"due-actions-{index}", "").strip()
        found = (preview.fact_list("actions")[index] if index < len(preview.fact_list("actions")) else {}).get("due")
        if due and due != slash_date(found):
            parsed = parse_date_text(due)
            if parsed is None:
                errors.append(f"Action {index + 1}: the due date must be a real date, for example 31/3/2026")
            else:
                fix["due"] = parsed.isoformat()
        corrections[("actions", index)] = fix
    if errors:
        for error in errors:
            messages.error(request, error)
        return redirect("import_review", pk=draft.pk)
    try:
        if draft.document_id:
            outcome = document_reimport(
                preview=preview, document=draft.document, imported_by=request.user, keep=keep, corrections=corrections
            )
        else:
            outcome = document_import(
                preview=preview, authority=draft.authority, imported_by=request.user, keep=keep, corrections=corrections
            )
    except ImportRefused as exc:
        messages.error(request, f"{draft.filename} was not imported: {exc}")
        return redirect("import_review", pk=draft.pk)
    draft.delete()
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
    document = get_object_or_404(
        permissions.scope_to_user(SourceDocument.objects.all(), request.user), pk=pk
    )
    draft = ImportDraft.objects.create(
        authority_id=document.authority_id,
        uploaded_by=request.user,
        filename=document.filename,
        data=document.text.encode("utf-8"),
        committee=document.committee,
        meeting_date=document.meeting_date,
        document=document,
    )
    return redirect("import_review", pk=draft.pk)


@login_required
@require_POST
def discard(request, pk):
    draft = _draft(request, pk)
    draft.delete()
    messages.info(request, f"{draft.filename} was discarded; nothing was saved.")
    return redirect("import_upload")


@login_required
def document_detail(request, pk):
    document = get_object_or_404(permissions.scope_to_user(SourceDocument.objects.all(), request.user), pk=pk)
    records = selectors.document_records(document=document)
    return render(
        request,
        "improvement/imports/document.html",
        {"document": document, "records": records, "segments": selectors.document_segments(document=document, records=records),
         "can_review_again": permissions.can_import(request.user) and request.user.authority_id == document.authority_id},
    )
