"""Ofsted outcomes import (superuser only) and the frameworks and themes in the admin (reference data
shared by every council: only a superuser sees or changes it)."""

from improvement import models

SUPERUSER_ONLY_ADMIN = ("admin-login 403 403 403 403 ok", "admin-login 403 403 403 403 ok")

ROWS: dict[str, tuple[str, str]] = {
    # an empty POST is an upload form with its error (no file): 400, as every upload answers
    "ofsted_outcomes": ("login 403 403 403 403 ok", "login 403 403 403 403 400"),
    # an empty confirm holds no file: back to the upload page
    "ofsted_outcomes_confirm": ("login 405 405 405 405 405", "login 403 403 403 403 redirect"),
    **{
        f"admin:improvement_{model}_{view}": SUPERUSER_ONLY_ADMIN
        for model in ("framework", "inspectiontheme")
        for view in ("changelist", "add", "change", "delete", "history")
    },
}


def fill(short, url, ours, objects):
    for model, name in ((models.Framework, "framework"), (models.InspectionTheme, "inspectiontheme")):
        if short.startswith(f"improvement_{name}_") and "<path:object_id>" in url:
            return url.replace("<path:object_id>", str(model.objects.first().pk))
    return None
