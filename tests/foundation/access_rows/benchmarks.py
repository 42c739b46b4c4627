"""`make bench`'s floor page: not found for anyone unless settings.BENCHMARK is on."""

ROWS: dict[str, tuple[str, str]] = {
    "benchmark_floor": ("404 404 404 404 404 404", "404 404 404 404 404 404"),
}
