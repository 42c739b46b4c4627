from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Improvement tracker administration"
admin.site.site_title = "Improvement tracker"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("improvement.urls")),
]
