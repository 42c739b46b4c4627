from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from improvement import permissions


def home(request):
    """Send each role to the page it starts from; show a welcome to visitors."""
    if request.user.is_authenticated:
        start = {
            "Manager": "my_actions",
            "Improvement lead": "plan_dashboard",
            "Scrutiny member": "plan_dashboard",
        }.get(permissions.role_of(request.user))
        if start:
            try:
                return redirect(reverse(start))
            except NoReverseMatch:
                pass
    return render(request, "improvement/home.html")


def health(request):
    """For load balancers and the docker healthcheck: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
