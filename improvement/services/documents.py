"""Deleting an imported document, and what becomes of the records it gave (#12)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from improvement import permissions
from improvement.models import SourceDocument, User
from improvement.selectors.documents import document_facts
from improvement.services.audit import audit_context, audit_updated

KEEP = "keep"
REMOVE_UNTOUCHED = "remove_untouched"
UNLINKED = {"source_document": None, "source_quote": "", "source_start": None, "source_end": None}


def document_delete(*, document: SourceDocument, by: User, facts: str, reason: str) -> dict[str, int]:
    """Delete the document, by the lead, with the reason; its records are kept, unlinked from the
    quote (``facts="keep"``), or those nobody has touched since are removed and the rest kept
    unlinked (``"remove_untouched"``). Returns {"kept": n, "removed": n}. One transaction."""
    if not permissions.can_lead(by, document.authority) or not permissions.is_improvement_lead(by):
        raise PermissionDenied("Only the council's improvement lead can delete an imported document")
    if facts not in (KEEP, REMOVE_UNTOUCHED):
        raise ValueError(f"unknown choice for the document's facts: {facts!r}")
    with transaction.atomic(), audit_context(by, reason):
        found = document_facts(document=document)
        remove = found.untouched if facts == REMOVE_UNTOUCHED else []
        keep = found.touched if facts == REMOVE_UNTOUCHED else found.all
        for record in remove:  # dependants first (document_facts' order), each deletion audited
            if type(record).objects.filter(pk=record.pk).exists():  # not gone with another already
                record.delete()
        for record in keep:
            type(record).objects.filter(pk=record.pk).update(**UNLINKED)
            audit_updated(record, {"source_document": (document.filename, None)})
        document.delete()
    return {"kept": len(keep), "removed": len(remove)}
