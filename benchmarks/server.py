"""Databases, the production-style server (gunicorn, DEBUG off, manifest static) and a Celery worker."""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess  # nosec B404 - runs this project's own commands
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
STATIC_ROOT = Path(tempfile.gettempdir()) / f"bench-static-{os.getuid()}"


def database_url(name: str) -> str:
    return f"{PG}/{name}"


def database_recreate(name: str, *, template: str | None = None) -> None:
    """An empty database `name`, or a copy of `template` (a benchmark database nobody is connected to)."""
    assert name.startswith("bench_"), name  # noqa: S101 - never anything but a benchmark database
    assert template is None or template.startswith("bench_"), template  # noqa: S101
    copy = f' TEMPLATE "{template}"' if template else ""
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"{copy}')


def database_drop(name: str) -> None:
    assert name.startswith("bench_"), name  # noqa: S101
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_counts(name: str) -> tuple[int, int] | None:
    """(councils, actions) in a benchmark database, or None when it does not exist."""
    try:
        conn = psycopg2.connect(database_url(name))
    except psycopg2.OperationalError:
        return None
    try:
        with conn.cursor() as cursor:
            cursor.execute(  # generate_demo's councils, not those the import benchmark made
                "SELECT count(DISTINCT a.id), count(x.id) FROM improvement_authority a "
                "LEFT JOIN improvement_action x ON x.authority_id = a.id WHERE a.slug NOT LIKE 'bench-%'"
            )
            return tuple(cursor.fetchone())
    except psycopg2.Error:
        return None
    finally:
        conn.close()


def database_analyze(name: str) -> None:
    """What autovacuum does soon after a bulk load: without statistics the planner guesses the tables are tiny."""
    conn = psycopg2.connect(database_url(name))
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute("ANALYZE")
    finally:
        conn.close()


def _admin(*statements: str) -> None:
    conn = psycopg2.connect(database_url("postgres"))
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    finally:
        conn.close()


def environment(db: str, **extra) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        SECRET_KEY=env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(40),
        DATABASE_URL=database_url(db),
        CELERY_BROKER_URL=REDIS,
        STATIC_ROOT=str(STATIC_ROOT),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        EMAIL_URL="consolemail://",
        BENCHMARK="1",
        LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    env.pop("STATIC_MANIFEST", None)
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    env.update(extra)
    return env


def run(args: list[str], env: dict, *, capture: bool = False, timeout: float = 1800) -> str:
    done = subprocess.run(  # nosec B603
        args, cwd=ROOT, env=env, check=False, timeout=timeout, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        )
    return done.stdout if capture else ""


def manage(env: dict, *args: str, capture: bool = False) -> str:
    return run([PY, "manage.py", *args], env, capture=capture)


def python_json(env: dict, module: str, *args: str, timeout: float = 1800) -> dict:
    """Run ``python -m module`` in the benchmark's environment; its last stdout line is JSON."""
    out = run([PY, "-m", module, *args], env, capture=True, timeout=timeout)
    return json.loads(out.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def peak_rss_mb(pid: int) -> float | None:
    """VmHWM: the most resident memory the process has held since it started."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class PeakMemory:
    """Samples the peak RSS of a process's children (gunicorn's workers) twice a second, so a worker
    killed by gunicorn's timeout and replaced still counts."""

    def __init__(self, parent: int):
        import threading

        self.parent = parent
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            self.sample()

    def sample(self) -> None:
        for pid in children(self.parent):
            rss = peak_rss_mb(pid)
            if rss is not None:
                self.peaks[pid] = max(rss, self.peaks.get(pid, 0))

    def stop(self) -> float | None:
        self._stop.set()
        self._thread.join(2)
        self.sample()
        return round(max(self.peaks.values()), 1) if self.peaks else None


def _wait_for(port: int, path: str, seconds: float = 60) -> None:
    from benchmarks.client import Client

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if Client("127.0.0.1", port, timeout=5).get(path).status < 500:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the server did not answer {path} on port {port}")


def stop(proc: subprocess.Popen, seconds: float = 30) -> None:
    """Ask a process to stop (SIGTERM, as a deployment does), and kill it if it has not within ``seconds``."""
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def gunicorn(env: dict, *, workers: int = 2, threads: int = 1, log: Path):
    """gunicorn as the compose `web` service runs it; yields (port, master pid)."""
    port = free_port()
    args = [
        str(Path(PY).with_name("gunicorn")),
        "tracker.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--log-level",
        "warning",
    ]
    with open(log, "ab") as out:
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)  # nosec B603
    try:
        _wait_for(port, "/health/")
        yield port, proc.pid
    finally:
        stop(proc)


@contextmanager
def celery_worker(env: dict, *, log: Path):
    """One worker process (solo pool), as the compose `worker` service would run one slot of it."""
    args = [str(Path(PY).with_name("celery")), "-A", "tracker", "worker", "--pool", "solo", "--loglevel", "WARNING"]
    with open(log, "ab") as out:
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)  # nosec B603
    try:
        time.sleep(3)
        yield proc.pid
    finally:
        stop(proc)


def redis_flush() -> None:
    import redis

    client = redis.Redis.from_url(REDIS)
    client.flushdb()
    client.close()
