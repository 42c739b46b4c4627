"""The region view, the committee pack PDF's status page, and the advisers' grants in the admin.

A regional adviser's own access to every URL is tested in tests/region/test_adviser_access.py
(the matrix keeps its six columns)."""

SUPERUSER_ONLY_ADMIN = ("admin-login 403 403 403 403 ok", "admin-login 403 403 403 403 ok")

ROWS: dict[str, tuple[str, str]] = {
    "region_overview": ("login 403 403 403 403 ok", "405 405 405 405 405 405"),
    "committee_pack_pdf_status": ("login ok ok ok ok ok", "405 405 405 405 405 405"),
    "admin:improvement_advisergrant_add": SUPERUSER_ONLY_ADMIN,
    "admin:improvement_advisergrant_change": SUPERUSER_ONLY_ADMIN,
    "admin:improvement_advisergrant_changelist": SUPERUSER_ONLY_ADMIN,
    "admin:improvement_advisergrant_delete": SUPERUSER_ONLY_ADMIN,
    "admin:improvement_advisergrant_history": SUPERUSER_ONLY_ADMIN,
}


def fill(short, url, ours, objects):
    if not short.startswith("improvement_advisergrant_") or "<path:object_id>" not in url:
        return None
    from django.contrib.auth.models import Group

    from improvement import models, roles

    adviser, _ = models.User.objects.get_or_create(username="m-adviser")
    adviser.groups.add(Group.objects.get_or_create(name=roles.REGIONAL_ADVISER)[0])
    grant, _ = models.AdviserGrant.objects.get_or_create(user=adviser, authority=ours)
    return url.replace("<path:object_id>", str(grant.pk))
