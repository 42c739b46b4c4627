from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny

from improvement.api import docs, views

READ = {"get": "list"}
ONE = {"get": "retrieve"}
ENDPOINTS = [
    ("plans", "plan", views.PlanViewSet),
    ("themes", "theme", views.ThemeViewSet),
    ("recommendations", "recommendation", views.RecommendationViewSet),
    ("actions", "action", views.ActionViewSet),
    ("progress-updates", "progress_update", views.ProgressUpdateViewSet),
    ("measures", "measure", views.MeasureViewSet),
    ("inspections", "inspection", views.InspectionViewSet),
    ("documents", "document", views.DocumentViewSet),
]

urlpatterns = [
    path("api/", docs.api_docs, name="api_docs"),
    path(
        "api/schema/",
        SpectacularAPIView.as_view(permission_classes=[AllowAny], authentication_classes=[]),
        name="api_schema",
    ),
]
for plural, single, viewset in ENDPOINTS:
    urlpatterns += [
        path(f"api/v1/{plural}/", viewset.as_view(READ), name=f"api_{single}_list"),
        path(f"api/v1/{plural}/<int:pk>/", viewset.as_view(ONE), name=f"api_{single}_detail"),
    ]
# Any other address under the API (an id that is not a number, a misspelt endpoint) is a JSON 404.
urlpatterns.append(path("api/v1/<path:rest>", views.not_found, name="api_not_found"))
