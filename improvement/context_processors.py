from django.conf import settings
from django.urls import NoReverseMatch, reverse

from . import permissions

# (url name, label, roles that see it; None = every signed-in user)
NAVIGATION = [
    ("region_overview", "Councils", {"Regional adviser"}),
    ("my_actions", "My actions", {"Manager", "Improvement lead"}),
    ("action_list", "All actions", {"Improvement lead", "Scrutiny member"}),
    ("plan_dashboard", "Dashboard", None),
    ("recommendations_coverage", "Recommendations", None),
    ("measures", "Measures", None),
    ("changes_since", "Since last committee", None),
    ("inspection_journey", "Inspections", None),
    ("import_upload", "Import minutes", {"Improvement lead"}),
    ("audit_log", "Audit log", {"Improvement lead"}),
    ("admin:index", "Manage plan", {"Improvement lead"}),
]


def navigation(request):
    user = getattr(request, "user", None)
    items = []
    role = None
    if user is not None and user.is_authenticated:
        role = permissions.role_of(user)
        for name, label, allowed in NAVIGATION:
            if allowed is not None and role not in allowed and not user.is_superuser:
                continue
            try:
                url = reverse(name)
            except NoReverseMatch:
                continue
            items.append({"url": url, "label": label, "active": request.path.startswith(url) and url != "/"})
    return {
        "service_name": getattr(settings, "SERVICE_NAME", "Children's services improvement tracker"),
        "nav_items": items,
        "user_role": role,
    }
