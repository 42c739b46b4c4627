"""`make bench`: run every benchmark module (each has a `run()` that prints its figures).

Benchmarks run on the real PostgreSQL in a database of their own (tracker_bench),
created and dropped here; they are never part of `make test`.
"""

import importlib
import os
import pkgutil
import sys
import time

import benchmarks


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("STATIC_MANIFEST", "0")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tracker_bench"
    )
    import django
    from django.test.utils import get_runner  # noqa: F401

    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    wanted = set(argv[1:])
    names = [m.name for m in pkgutil.iter_modules(benchmarks.__path__) if not m.name.startswith("_")]
    config = setup_databases(verbosity=0, interactive=False, keepdb=False)
    try:
        for name in sorted(names):
            if wanted and name not in wanted:
                continue
            module = importlib.import_module(f"benchmarks.{name}")
            print(f"== {name}", flush=True)
            started = time.perf_counter()
            module.run()
            print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    finally:
        connection.close()
        teardown_databases(config, verbosity=0)


if __name__ == "__main__":
    main(sys.argv)
