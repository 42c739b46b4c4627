"""URL map. Each area of the app keeps its own module so pages can grow side by side."""

from django.urls import include, path

from improvement.views import home

urlpatterns = [
    path("", home.home, name="home"),
    path("health/", home.health, name="health"),
    path("benchmark-floor/", home.benchmark_floor, name="benchmark_floor"),
    path("", include("improvement.urls.accounts")),
    path("", include("improvement.urls.actions")),
    path("", include("improvement.urls.dashboards")),
    path("", include("improvement.urls.imports")),
    path("", include("improvement.urls.audit")),
    path("", include("improvement.urls.region")),
    path("", include("improvement.urls.ofsted")),
    path("", include("improvement.urls.public")),
    path("", include("improvement.urls.benchmarks")),
    path("", include("improvement.urls.api")),
]
