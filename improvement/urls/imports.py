from django.urls import path

from improvement.views import imports

urlpatterns = [
    path("imports/", imports.upload, name="import_upload"),
    path("imports/<int:pk>/", imports.review, name="import_review"),
    path("imports/<int:pk>/confirm/", imports.confirm, name="import_confirm"),
    path("imports/<int:pk>/add/", imports.add_fact, name="import_add"),
    path("imports/<int:pk>/discard/", imports.discard, name="import_discard"),
    path("documents/<int:pk>/", imports.document_detail, name="document_detail"),
    path("documents/<int:pk>/review-again/", imports.review_again, name="document_review_again"),
]
