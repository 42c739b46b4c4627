"""`make bench`, `make bench-quick` and `make bench-load`: measured from outside, as production serves.

For each size it builds a database with ``manage.py generate_demo`` (``bench_<size>``), collects
the static files with the manifest, starts gunicorn (DEBUG off, ``BENCHMARK=1`` for the floor page
and the X-Queries header) and one Celery worker, and asks for every page over HTTP from this
process. Then, in a process of their own against the same database: the reminder sweep against
its single-statement bound and the send rate to a loopback SMTP server, and (once) the import's
write ratio. Writes bench/results.json and prints a markdown table.

    python -m benchmarks                 # small (5 x 200) and full (50 x 2,000)
    python -m benchmarks --quick         # small only
    python -m benchmarks --sizes tiny    # what tests/benchmarks runs
    python -m benchmarks --load          # 50 readers, 5 writers, 60 s (small data unless --sizes)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks import pages, report, server

SIZES = {
    "tiny": (2, 20),
    "small": (5, 200),
    "full": (50, 2000),
}
IMPORT_DOCUMENTS = {"tiny": 20, "small": 300, "full": 300}
OUT = server.ROOT / "bench" / "results.json"


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


SCHEMA_DB = f"bench_schema{os.environ.get('BENCH_DB_TAG', '')}"
_migrated: list[str] = []


def schema() -> str:
    """An empty database with every migration applied, made once a run: each size starts as a copy of it
    (a second or so) instead of migrating again (20 s and more)."""
    if not _migrated:
        server.database_recreate(SCHEMA_DB)
        server.manage(server.environment(SCHEMA_DB), "migrate", "--noinput", "-v0")
        _migrated.append(SCHEMA_DB)
    return SCHEMA_DB


def schema_drop() -> None:
    if _migrated:
        server.database_drop(_migrated.pop())


def build(size: str, *, reuse: bool = False) -> tuple[str, dict, dict]:
    """The size's database from generate_demo; with ``reuse``, one kept (--keep) with the same counts."""
    councils, actions = SIZES[size]
    db = f"bench_{size}{os.environ.get('BENCH_DB_TAG', '')}"
    env = server.environment(db)
    if reuse and server.database_counts(db) == (councils, councils * actions):
        log(f"{size}: reusing the kept database {db}")
        server.database_analyze(db)
        return db, env, {"fixture": server.python_json(env, "benchmarks.prepare"), "reused": True}
    started = time.perf_counter()
    server.database_recreate(db, template=schema())
    migrated = time.perf_counter()
    server.manage(env, "generate_demo", "--authorities", str(councils), "--actions-per-authority", str(actions), "-v0")
    generated = time.perf_counter()
    server.database_analyze(db)
    fixture = server.python_json(env, "benchmarks.prepare")
    return (
        db,
        env,
        {
            "fixture": fixture,
            "migrate_seconds": round(migrated - started, 1),
            "generate_demo_seconds": round(generated - migrated, 1),
            "analyse_and_prepare_seconds": round(time.perf_counter() - generated, 1),
        },
    )


@contextmanager
def phase(result: dict, name: str) -> Iterator[None]:
    """How long a phase of the run took (wall clock), in ``result["phase_seconds"]``: what makes `make bench` slow."""
    started = time.perf_counter()
    try:
        yield
    finally:
        result.setdefault("phase_seconds", {})[name] = round(time.perf_counter() - started, 1)


_collected: list[bool] = []


def static_collect(env: dict) -> None:
    """collectstatic with the manifest, once a run: every size serves the same files from the same folder."""
    if _collected:
        return
    log("collecting static files (manifest)")
    server.manage(env, "collectstatic", "--noinput", "-v0")
    _collected.append(True)


def _step(env: dict, module: str, *args: str) -> dict:
    """A benchmark in a process of its own; its failure is recorded, and the others still run."""
    try:
        return server.python_json(env, module, *args)
    except (RuntimeError, ValueError, OSError) as error:
        log(f"{module} failed: {str(error)[-500:]}")
        return {"error": str(error)[-2000:]}


def measure_size(size: str, *, imports: bool, workdir: Path, keep: bool, reuse: bool, checkpoint) -> dict:
    """Every figure for one size, into ``checkpoint.result``; ``checkpoint()`` saves what is there so far."""
    councils, actions = SIZES[size]
    log(f"{size}: building {councils} councils x {actions:,} actions with generate_demo")
    result = checkpoint.result
    with phase(result, "build"):
        db, env, built = build(size, reuse=reuse)
    fixture = built.pop("fixture")
    result.update({"councils": councils, "actions_per_council": actions, "actions": fixture["actions"], **built})
    log(f"{size}: built in {built.get('generate_demo_seconds', '(kept)')} s")
    with phase(result, "static files"):
        static_collect(env)
    server.redis_flush()
    try:
        with (
            server.gunicorn(env, log=workdir / f"gunicorn-{size}.log") as (port, master),
            server.celery_worker(env, log=workdir / f"celery-{size}.log") as worker,
        ):
            memory = server.PeakMemory(master)
            log(f"{size}: serving on 127.0.0.1:{port}; measuring pages")
            with phase(result, "pages"):
                result["pages"] = pages.run(port, fixture, budget=1.0 if size == "tiny" else pages.BUDGET)
            checkpoint()
            log(f"{size}: committee pack PDF through the worker")
            from benchmarks.client import Client

            pdf_client = Client("127.0.0.1", port)
            pdf_client.sign_in(fixture["users"]["lead"], fixture["password"])
            with phase(result, "pack PDF"):
                result["pack_pdf"] = pages.pack_pdf(pdf_client)
            pdf_client.close()
            result["memory"] = {
                "web_worker_peak_rss_mb": memory.stop(),
                "web_workers_seen": len(memory.peaks),  # more than 2: gunicorn replaced a worker it killed
                "celery_worker_peak_rss_mb": server.peak_rss_mb(worker),
            }
        checkpoint()
        log(f"{size}: reminder sweep and send rate")
        with phase(result, "reminders"):
            result["reminders"] = _step(env, "benchmarks.reminders")
        checkpoint()
        if imports:
            log(f"{size}: import write ratio")
            with phase(result, "import"):
                result["import"] = _step(env, "benchmarks.importing", str(IMPORT_DOCUMENTS[size]))
    finally:
        server.redis_flush()
        if not keep:
            server.database_drop(db)
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="the small size only")
    parser.add_argument("--sizes", help="comma-separated: tiny, small, full")
    parser.add_argument("--load", action="store_true", help="the load test instead of the benchmarks")
    parser.add_argument("--seconds", type=int, default=60, help="load test length")
    parser.add_argument("--out", default=str(OUT))
    parser.add_argument("--keep", action="store_true", help="keep the bench_ databases afterwards")
    parser.add_argument(
        "--reuse", action="store_true", help="use a database kept by --keep instead of building it (implies --keep)"
    )
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    workdir = out.parent / "logs"
    workdir.mkdir(exist_ok=True)
    started = time.perf_counter()

    if args.load:
        from benchmarks import load

        size = (args.sizes or "small").split(",")[0]
        log(f"load: building {size}")
        db, env, built = build(size, reuse=args.reuse)
        static_collect(env)
        try:
            results = {
                "machine": machine(),
                "load": load.run(env, built["fixture"], seconds=args.seconds, workdir=workdir),
            }
        finally:
            if not (args.keep or args.reuse):
                server.database_drop(db)
        results["load"]["size"] = size
        path = out.with_name("load.json")
        path.write_text(json.dumps(results, indent=2))
        print(report.load_markdown(results))
        return 0 if results["load"]["errors"] == 0 and results["load"]["history_ok"] else 1

    sizes = args.sizes.split(",") if args.sizes else (["small"] if args.quick else ["small", "full"])
    results = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "sizes": {}}
    for n, size in enumerate(sizes):
        results["sizes"][size] = {}

        def checkpoint():  # what is measured so far is on disk, whatever happens next
            out.write_text(json.dumps(results, indent=2))

        checkpoint.result = results["sizes"][size]
        measure_size(
            size,
            imports=n == 0,
            workdir=workdir,
            keep=args.keep or args.reuse,
            reuse=args.reuse,
            checkpoint=checkpoint,
        )
    results["seconds"] = round(time.perf_counter() - started, 1)
    out.write_text(json.dumps(results, indent=2))
    print(report.markdown(results))
    log(f"wrote {out} in {results['seconds']} s")
    return 0


if __name__ == "__main__":
    try:
        code = main(sys.argv[1:])
    finally:
        schema_drop()
    sys.exit(code)
