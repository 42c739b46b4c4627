"""Benchmarks from published figures (a council's lead), the statistical-neighbour model (superusers), and
`make bench`'s floor page: not found for anyone unless settings.BENCHMARK is on."""

ROWS: dict[str, tuple[str, str]] = {
    # an empty upload is a GOV.UK error on the file field
    "benchmarks": ("login 403 ok 403 ok 403", "login 403 400 403 400 403"),
    # an empty check holds no upload: the lead is asked to upload it again
    "benchmarks_check": ("login 405 405 405 405 405", "login 403 400 403 400 403"),
    "statistical_neighbours": ("login 403 403 403 403 ok", "login 403 403 403 403 400"),
    # an empty confirm holds no file: back to the upload page
    "statistical_neighbours_confirm": ("login 405 405 405 405 405", "login 403 403 403 403 redirect"),
    "benchmark_floor": ("404 404 404 404 404 404", "404 404 404 404 404 404"),
}
