"""`make run`: serve the site with a Celery worker and beat beside it; Ctrl-C stops all three.

Embedded defaults (SQLite, kombu's filesystem broker, email to the console) come from
tracker/settings.py; this script only starts and stops processes.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def main() -> int:
    env = {**os.environ, "DEBUG": os.environ.get("DEBUG", "1")}
    (ROOT / "var" / "broker" / "out").mkdir(parents=True, exist_ok=True)
    (ROOT / "var" / "broker" / "processed").mkdir(parents=True, exist_ok=True)
    port = os.environ.get("PORT", "8000")
    commands = {
        "web": [PY, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        "worker": [PY, "-m", "celery", "-A", "tracker", "worker", "--loglevel=INFO", "--concurrency=1", "--pool=solo"],
        "beat": [PY, "-m", "celery", "-A", "tracker", "beat", "--loglevel=INFO"],
    }
    procs = {name: subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True) for name, cmd in commands.items()}
    print(f"Serving on http://127.0.0.1:{port}/ with a Celery worker and beat. Press Ctrl-C to stop.", flush=True)

    def stop(*_):
        for proc in procs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.time() + 10
        for proc in procs.values():
            try:
                proc.wait(max(0.1, deadline - time.time()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        raise SystemExit(0)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while True:
        for name, proc in procs.items():
            if proc.poll() is not None:
                print(f"{name} stopped (exit {proc.returncode}); stopping the others.", file=sys.stderr, flush=True)
                stop()
        time.sleep(0.5)


if __name__ == "__main__":
    main()
