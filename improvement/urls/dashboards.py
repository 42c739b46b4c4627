from django.urls import path

from improvement.views import dashboards, exports

urlpatterns = [
    path("dashboard/", dashboards.plan_dashboard, name="plan_dashboard"),
    path("recommendations/", dashboards.recommendations_coverage, name="recommendations_coverage"),
    path("measures/", dashboards.measures, name="measures"),
    path("measures/<int:pk>/", dashboards.measure_detail, name="measure_detail"),
    path("changes/", dashboards.changes_since, name="changes_since"),
    path("inspections/", dashboards.inspection_journey, name="inspection_journey"),
    path("pack/", exports.committee_pack, name="committee_pack"),
    path("pack/committee-pack.pdf", exports.committee_pack_pdf, name="committee_pack_pdf"),
    path("pack/committee-pack.docx", exports.committee_pack_docx, name="committee_pack_docx"),
    path("pack/pdf/", exports.committee_pack_pdf_status, name="committee_pack_pdf_status"),
    path("exports/actions.xlsx", exports.actions_export_xlsx, name="actions_export_xlsx"),
    path("exports/actions.csv", exports.actions_export_csv, name="actions_export_csv"),
]
