"""The improvement lead's import pages: upload, review what was found, confirm; and the document page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.views.decorators.http import require_POST

from improvement import extraction, permissions
from improvement.forms.imports import AddFactForm, UploadForm
from improvement.forms.review import DocumentForm, fact_form, reviewed
from improvement.models import ImportDraft, SourceDocument
from improvement.selectors import documents as selectors
from improvement.services.importing.documents import (
    added_quote,
    document_imported_before,
    reviewed_facts,
    saved_starts,
)
from improvement.services.importing.drafts import (
    draft_confirm,
    draft_discard,
    draft_fact_add,
    draft_for_document,
    draft_preview,
    draft_review_save,
    drafts_create,
)
from improvement.services.importing.preview import KINDS
from improvement.services.importing.writer import ImportRefused, merge_notices


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


def _data(draft: ImportDraft) -> MultiValueDict | None:
    """What the reviewer typed last time, kept on the draft."""
    stored = (draft.review or {}).get("data")
    return MultiValueDict(stored) if stored else None


def _review_page(request, draft: ImportDraft, *, data=None, status=200):
    """The review page for a draft, its forms bound to `data` (what the reviewer typed) when given.

    Returns (response, preview, forms, reviewed)."""
    context = {"draft": draft, "kinds": KINDS}
    try:
        preview = draft_preview(draft=draft)
    except extraction.InputError as exc:
        # A file that cannot be read is not kept: its bytes go now, with the reason shown once.
        context.update(error=str(exc), filename=draft.filename)
        draft_discard(draft=draft)
        return render(request, "improvement/imports/review.html", context, status=200), None, None, None
    added = (draft.review or {}).get("added") or []
    saved = saved_starts(draft.document) if draft.document_id else {}
    choices = selectors.review_choices(authority_id=draft.authority_id, preview=preview, added=added)
    groups, forms = [], {}
    for kind in KINDS:
        items = selectors.review_items(preview=preview, kind=kind, saved=saved, added=added)
        forms[kind] = [None] * len(items)
        for item in items:
            if item["saved"]:
                continue
            prefix = f"{kind}-{item['index']}"
            bound = data if data is not None and any(key.startswith(prefix + "-") for key in data) else None
            item["form"] = fact_form(
                kind, item["index"], item, data=bound, choices=choices, meeting_date=preview.meeting_date
            )
            forms[kind][item["index"]] = item["form"]
        groups.append((kind, selectors.LABELS[kind], items))
    document_form = None
    if not draft.document_id:
        initial = {"meeting_date": preview.meeting_date, "committee": preview.committee, "kind": preview.kind}
        bound = data if data is not None and any(key.startswith("document-") for key in data) else None
        document_form = DocumentForm(data=bound, prefix="document", initial=initial)
    choices_made = reviewed(data=data if data is not None else QueryDict(), facts=forms, document=document_form)
    if data is None:  # the first look: everything found is ticked (on a second review, nothing)
        choices_made.keep = {kind: set() if draft.document_id else set(range(len(forms[kind]))) for kind in KINDS}
    facts = reviewed_facts(preview=preview, corrections=choices_made.corrections, added=added)
    notices = merge_notices(authority=draft.authority, facts=facts, extras=choices_made.extras)
    problems = []
    for kind, label, items in groups:
        for item in items:
            item["notice"] = notices.get((kind, item["index"]))
            if (kind, item["index"]) in choices_made.corrections:
                selectors.describe(kind, item, choices_made.corrections[(kind, item["index"])])
                item["corrected"] = True
            item["kept"] = item["index"] in choices_made.keep[kind]
            form = item.get("form")
            if form is not None and form.is_bound and item["kept"] and form.errors:
                for name, errors in form.errors.items():
                    field_id = form[name].auto_id if name in form.fields else ""
                    if name in form.fields and getattr(form.fields[name].widget, "input_type", "") in (
                        "radio",
                        "checkbox",
                    ):
                        field_id += "_0"
                    problems.extend((f"{label} {item['index'] + 1}", field_id, error) for error in errors)
    if document_form is not None and document_form.is_bound and document_form.errors:
        for name, errors in document_form.errors.items():
            problems.extend(("The document", document_form[name].auto_id, error) for error in errors)
    context.update(
        preview=preview,
        paragraphs=selectors.text_paragraphs(text=preview.text, segments=selectors.preview_segments(preview=preview)),
        groups=groups,
        document_form=document_form,
        document_kind=SourceDocument.Kind(preview.kind).label,
        problems=problems,
        again=draft.document,
        already=None
        if draft.document_id
        else document_imported_before(authority_id=draft.authority_id, sha256=preview.sha256),
        next_draft=selectors.drafts_for_user(user=request.user).filter(pk__gt=draft.pk).first(),
    )
    response = render(request, "improvement/imports/review.html", context, status=status)
    return response, preview, forms, choices_made


@login_required
def review(request, pk):
    draft = _draft(request, pk)
    response, *_ = _review_page(request, draft, data=_data(draft))
    return response


@login_required
@require_POST
def confirm(request, pk):
    draft = _draft(request, pk)
    data = request.POST.copy()
    data.pop("csrfmiddlewaretoken", None)
    draft_review_save(draft=draft, data={key: data.getlist(key) for key in data if key not in ("add_from", "stay")})
    if request.POST.get("add_from"):
        start, _, end = request.POST["add_from"].partition("-")
        return redirect(f"{reverse('import_add', args=[draft.pk])}?start={start}&end={end}")
    if request.POST.get("stay"):
        messages.info(request, "Your changes are kept. Nothing is saved to the plan until you save the ticked facts.")
        return redirect("import_review", pk=draft.pk)
    response, preview, forms, choices = _review_page(request, draft, data=data)
    if preview is None:
        return response
    if not choices.valid:
        return response
    try:
        outcome = draft_confirm(
            draft=draft,
            preview=preview,
            by=request.user,
            keep=choices.keep,
            corrections=choices.corrections,
            extras=choices.extras,
            meta=choices.meta,
        )
    except ImportRefused as exc:
        messages.error(request, f"{draft.filename} was not imported: {exc}")
        return redirect("import_review", pk=draft.pk)
    if outcome.status == "unchanged" and not outcome.report:
        messages.info(request, f"{draft.filename}: this file was imported before; nothing changed.")
    else:
        request.session[f"import-report-{outcome.document.pk}"] = selectors.import_report(outcome=outcome)
    return redirect("document_detail", pk=outcome.document.pk)


@login_required
def add_fact(request, pk):
    """Add a fact the importer missed, quoting one paragraph of the text (or words from it)."""
    draft = _draft(request, pk)
    try:
        preview = draft_preview(draft=draft)
    except extraction.InputError:
        return redirect("import_review", pk=draft.pk)
    source = request.POST if request.method == "POST" else request.GET
    try:
        start, end = int(source.get("start", "")), int(source.get("end", ""))
    except ValueError:
        start = end = -1
    if not 0 <= start < end <= len(preview.text):  # no paragraph chosen: choose one on the review page
        return redirect("import_review", pk=draft.pk)
    form = AddFactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        span = added_quote(text=preview.text, start=start, end=end, words=form.cleaned_data["words"])
        if span is None:
            form.add_error("words", "Enter words that appear in the paragraph, exactly as they are written")
        else:
            kind = form.cleaned_data["kind"]
            index = draft_fact_add(
                draft=draft, kind=kind, start=span[0], end=span[1], found=len(preview.fact_list(kind))
            )
            label = selectors.LABELS[kind].lower()
            messages.success(request, f"The {label} is added below. Fill in its details, then save.")
            return redirect(f"{reverse('import_review', args=[draft.pk])}#fact-{kind}-{index}")
    return render(
        request,
        "improvement/imports/add_fact.html",
        {"draft": draft, "form": form, "quote": preview.text[start:end].strip(), "start": start, "end": end},
    )


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
    report = request.session.pop(f"import-report-{document.pk}", None)
    return render(
        request,
        "improvement/imports/document.html",
        {
            "document": document,
            "records": records,
            "segments": selectors.document_segments(document=document, records=records),
            "report": report,
            "waiting": selectors.drafts_for_user(user=request.user).first() if report else None,
            "can_review_again": permissions.can_import(request.user)
            and request.user.authority_id == document.authority_id,
        },
    )
