"""A plan's public pages (anyone may read them; nothing there takes a POST) and the lead's page that
switches them on. The matrix's plan is published for these rows; tests/public covers an unpublished one (404)."""

from improvement import models

PUBLIC_READ = ("ok ok ok ok ok ok", "405 405 405 405 405 405")

ROWS: dict[str, tuple[str, str]] = {
    "public_council": PUBLIC_READ,
    "public_plan": PUBLIC_READ,
    "public_measures": PUBLIC_READ,
    "public_inspections": PUBLIC_READ,
    "public_actions_csv": PUBLIC_READ,
    "public_measures_csv": PUBLIC_READ,
    "public_plan_json": PUBLIC_READ,
    # an empty POST holds no form: the page is shown again and nothing changes
    "plan_admin_public": ("login 403 ok 403 404 403", "login 403 ok 403 404 403"),
}


def _published_plan(ours):
    plan = models.ImprovementPlan.objects.filter(authority=ours).order_by("pk").first()
    models.PublicView.objects.update_or_create(plan=plan, defaults={"published": True})
    return plan


def fill(short, url, ours, objects):
    if short.startswith("public_"):
        plan = _published_plan(ours)
        return url.replace("<slug:authority>", ours.slug).replace("<int:pk>", str(plan.pk))
    if short == "plan_admin_public":
        return url.replace("<int:pk>", str(_published_plan(ours).pk))
    return None
