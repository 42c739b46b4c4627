from django.urls import path

from improvement.views import ofsted

urlpatterns = [
    path("ofsted-outcomes/", ofsted.outcomes_upload, name="ofsted_outcomes"),
    path("ofsted-outcomes/confirm/", ofsted.outcomes_confirm, name="ofsted_outcomes_confirm"),
]
