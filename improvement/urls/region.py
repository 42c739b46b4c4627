from django.urls import path

from improvement.views import region

urlpatterns = [
    path("region/", region.region_overview, name="region_overview"),
]
