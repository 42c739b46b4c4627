from django.urls import path

from improvement.views import public

urlpatterns = [
    path("public/<slug:authority>/", public.council, name="public_council"),
    path("public/<slug:authority>/plans/<int:pk>/", public.plan, name="public_plan"),
    path("public/<slug:authority>/plans/<int:pk>/measures/", public.measures, name="public_measures"),
    path("public/<slug:authority>/plans/<int:pk>/inspections/", public.inspections, name="public_inspections"),
    path("public/<slug:authority>/plans/<int:pk>/actions.csv", public.actions_csv, name="public_actions_csv"),
    path("public/<slug:authority>/plans/<int:pk>/measures.csv", public.measures_csv, name="public_measures_csv"),
    path("public/<slug:authority>/plans/<int:pk>/plan.json", public.plan_json, name="public_plan_json"),
]
