from django.urls import path

from improvement.views import audit

urlpatterns = [
    path("audit/", audit.audit_log, name="audit_log"),
]
