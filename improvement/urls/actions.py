from django.urls import path

from improvement.views import actions, plan_admin

urlpatterns = [
    path("my-actions/", actions.my_actions, name="my_actions"),
    path("actions/", actions.action_list, name="action_list"),
    path("actions/spreadsheet.xlsx", actions.actions_xlsx_download, name="actions_xlsx_download"),
    path("actions/upload/", actions.actions_xlsx_upload, name="actions_xlsx_upload"),
    path("actions/new/", plan_admin.action_create, name="action_create"),
    path("actions/<int:pk>/", actions.action_detail, name="action_detail"),
    path("actions/<int:pk>/update/", actions.action_update, name="action_update"),
    path("actions/<int:pk>/sign-off/", actions.action_sign_off, name="action_sign_off"),
    path("actions/<int:pk>/edit/", actions.action_edit, name="action_edit"),
    path("manage/", plan_admin.index, name="plan_admin"),
    path("manage/inspections/new/", plan_admin.inspection_create, name="plan_admin_inspection_create"),
    path("manage/inspections/<int:pk>/", plan_admin.inspection_edit, name="plan_admin_inspection_edit"),
    path(
        "manage/inspections/<int:pk>/judgements/",
        plan_admin.inspection_judgements,
        name="plan_admin_inspection_judgements",
    ),
    path("manage/documents/<int:pk>/delete/", plan_admin.document_delete, name="plan_admin_document_delete"),
    path("manage/values/<int:pk>/", plan_admin.value_edit, name="plan_admin_value_edit"),
    path("manage/<str:kind>/<int:pk>/delete/", plan_admin.record_delete, name="plan_admin_delete"),
    path("manage/settings/", plan_admin.authority_settings, name="authority_settings"),
    path("manage/settings/meetings/<int:pk>/remove/", plan_admin.meeting_remove, name="meeting_remove"),
    path("manage/plans/<int:pk>/public/", plan_admin.plan_public, name="plan_admin_public"),
    path("manage/<str:kind>/new/", plan_admin.record_create, name="plan_admin_create"),
    path("manage/<str:kind>/<int:pk>/", plan_admin.record_edit, name="plan_admin_edit"),
    path("manage/measures/<int:pk>/values/", plan_admin.measure_values, name="plan_admin_measure_values"),
]
