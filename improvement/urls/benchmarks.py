from django.urls import path

from improvement.views import benchmarks, neighbours

urlpatterns = [
    path("benchmarks/", benchmarks.benchmarks_upload, name="benchmarks"),
    path("benchmarks/check/", benchmarks.benchmarks_check, name="benchmarks_check"),
    path("statistical-neighbours/", neighbours.neighbours_upload, name="statistical_neighbours"),
    path("statistical-neighbours/confirm/", neighbours.neighbours_confirm, name="statistical_neighbours_confirm"),
]
