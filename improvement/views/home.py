from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from improvement import permissions
from improvement.selectors import health as health_selectors


def home(request):
    """Send each role to the page it starts from; show a welcome to visitors."""
    if request.user.is_authenticated:
        start = {
            "Manager": "my_actions",
            "Improvement lead": "plan_dashboard",
            "Scrutiny member": "plan_dashboard",
            "Regional adviser": "region_overview",
        }.get(permissions.role_of(request.user))
        if start:
            try:
                return redirect(reverse(start))
            except NoReverseMatch:
                pass
    return render(request, "improvement/home.html")


def health(request):
    """For load balancers and the docker healthcheck: 200 only when the database, the broker
    and the static files all answer; 503 naming what failed otherwise."""
    failing = health_selectors.problems()
    if failing:
        return JsonResponse({"status": "unavailable", "problems": failing}, status=503)
    return JsonResponse({"status": "ok"})


@login_required
def _floor(request):
    return HttpResponse("ok", content_type="text/plain")


def benchmark_floor(request):
    """`make bench`'s floor: a signed-in request through every middleware that touches no plan.
    Not found unless settings.BENCHMARK is on, so no deployment has it."""
    if not settings.BENCHMARK:
        raise Http404
    return _floor(request)
