"""Manage plan's inspections and visits, measure values, deleting a record or an imported document
with a reason (#12).

Only the council's improvement lead; another council's lead does not find our records (404).
An empty POST is a form with errors (400): no kind for a new one, no reason for a change or a deletion."""

from improvement import models

ROWS: dict[str, tuple[str, str]] = {
    "plan_admin_inspection_create": ("login 403 ok 403 ok 403", "login 403 400 403 400 403"),
    "plan_admin_inspection_edit": ("login 403 ok 403 404 403", "login 403 400 403 404 403"),
    "plan_admin_inspection_judgements": ("login 403 ok 403 404 403", "login 403 400 403 404 403"),
    "plan_admin_delete": ("login 403 ok 403 404 403", "login 403 400 403 404 403"),
    "plan_admin_value_edit": ("login 403 ok 403 404 403", "login 403 400 403 404 403"),
    "plan_admin_document_delete": ("login 403 ok 403 404 403", "login 403 400 403 404 403"),
}


def _inspection(ours):
    inspection = models.Inspection.objects.filter(authority=ours).first()
    if inspection is None:
        inspection = models.Inspection.objects.create(authority=ours, kind="monitoring_visit")
    return inspection


def fill(short, url, ours, objects):
    if short in ("plan_admin_inspection_edit", "plan_admin_inspection_judgements"):
        return url.replace("<int:pk>", str(_inspection(ours).pk))
    if short == "plan_admin_delete":
        return url.replace("<str:kind>", "inspections").replace("<int:pk>", str(_inspection(ours).pk))
    if short == "plan_admin_value_edit":
        value = models.MeasureValue.objects.filter(measure__authority=ours).first()
        return url.replace("<int:pk>", str(value.pk))
    if short == "plan_admin_document_delete":
        return url.replace("<int:pk>", str(objects["document"].pk))
    return None
