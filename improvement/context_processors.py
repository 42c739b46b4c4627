from django.conf import settings
from django.urls import NoReverseMatch, reverse

from . import permissions

# (url name, label, roles that see it; None = every signed-in user). The lead's management pages
# (Manage plan, Authority settings, Import minutes, Audit log) are one "Manage" item with its own
# sub-navigation (MANAGE_NAVIGATION), so the menu fits one row for every role.
NAVIGATION = [
    ("region_overview", "Councils", {"Regional adviser"}),
    ("my_actions", "My actions", {"Manager"}),  # a lead's are linked from All actions
    ("action_list", "All actions", {"Improvement lead", "Scrutiny member"}),
    ("plan_dashboard", "Dashboard", None),
    ("recommendations_coverage", "Recommendations", None),
    ("measures", "Measures", None),
    ("changes_since", "Since last committee", None),
    ("inspection_journey", "Inspections", None),
    ("plan_admin", "Manage", {"Improvement lead"}),
]
MANAGE_NAVIGATION = [
    ("plan_admin", "Plan records"),
    ("authority_settings", "Authority settings"),
    ("import_upload", "Import minutes"),
    ("audit_log", "Audit log"),
    ("admin:index", "Admin"),
]
# Paths under "Manage" besides /manage/ itself: the item is current on them too.
MANAGE_PREFIXES = ("/manage/", "/imports/", "/audit/")


def _manage_items(request) -> list[dict]:
    items = []
    for name, label in MANAGE_NAVIGATION:
        if name == "admin:index" and not request.user.is_staff:
            continue
        url = reverse(name)
        if name == "plan_admin":
            active = request.path.startswith(url) and not request.path.startswith(reverse("authority_settings"))
        else:
            active = request.path.startswith(url)
        items.append({"url": url, "label": label, "active": active})
    return items


def navigation(request):
    user = getattr(request, "user", None)
    items = []
    manage_items = []
    role = None
    if user is not None and user.is_authenticated:
        role = permissions.role_of(user)
        leads = permissions.leads_a_council(user)
        for name, label, allowed in NAVIGATION:
            if allowed is not None and role not in allowed and not user.is_superuser:
                continue
            if name == "plan_admin" and not leads:
                name = "admin:index"  # a superuser with no council manages in the admin
            try:
                url = reverse(name)
            except NoReverseMatch:
                continue
            active = request.path.startswith(url) and url != "/"
            if name == "plan_admin":
                active = request.path.startswith(MANAGE_PREFIXES)
            items.append({"url": url, "label": label, "active": active})
        if leads and any(i["active"] for i in items if i["label"] == "Manage"):
            manage_items = _manage_items(request)
    return {
        "service_name": getattr(settings, "SERVICE_NAME", "Children's services improvement tracker"),
        "nav_items": items,
        "manage_items": manage_items,
        "user_role": role,
    }
