"""`make bench-load`: 50 readers and 5 writers for 60 s against gunicorn on loopback, from threads here.

Readers go round the everyday pages; writers post progress updates to actions of their own
(each note unique), reloading the action page for its version first, as a browser does.
Afterwards a Django process checks that every update the server accepted (a redirect) is in
the action's history exactly once, and that nothing else was written.
"""

from __future__ import annotations

import json
import random
import statistics
import threading
import time
import uuid
from pathlib import Path

from benchmarks import server
from benchmarks.client import Client, csrf_token
from benchmarks.pages import percentile

READERS, WRITERS = 50, 5
VERSION = 'name="version" value="'


def _reader_paths(fixture: dict) -> list[str]:
    action = fixture["action"]
    return [
        "/dashboard/",
        "/actions/",
        f"/actions/{action}/",
        "/my-actions/",
        "/measures/",
        "/changes/",
        "/inspections/",
    ]


def run(env: dict, fixture: dict, *, seconds: int = 60, workdir: Path) -> dict:
    stop = threading.Event()
    lock = threading.Lock()
    reads: list[float] = []
    writes: list[float] = []
    errors: list[str] = []
    accepted: list[str] = []
    attempted: list[str] = []
    conflicts = [0]

    def error(message: str) -> None:
        with lock:
            if len(errors) < 50:
                errors.append(message)
            else:
                errors.append("")  # counted, not kept

    sessions: dict[str, dict] = {}  # signed in before the clock starts: a password check is slow on purpose

    def reader(n: int, port: int) -> None:
        rng = random.Random(n)
        client = Client("127.0.0.1", port)
        client.cookies = dict(sessions["lead"])  # the readers share one signed-in session
        paths = _reader_paths(fixture)
        while not stop.is_set():
            path = rng.choice(paths)
            try:
                response = client.get(path)
            except Exception as e:  # noqa: BLE001
                error(f"GET {path}: {e!r}")
                client.close()
                continue
            if response.status != 200:
                error(f"GET {path}: HTTP {response.status}")
            else:
                with lock:
                    reads.append(response.seconds * 1000)
        client.close()

    def writer(n: int, port: int) -> None:
        rng = random.Random(100 + n)
        mine = fixture["writer_actions"][n::WRITERS] or fixture["writer_actions"]
        client = Client("127.0.0.1", port)
        client.cookies = dict(sessions[fixture["users"]["writers"][n]])
        while not stop.is_set():
            pk = rng.choice(mine)
            note = f"load test {n} {uuid.uuid4().hex}"
            try:
                page = client.get(f"/actions/{pk}/")
                text = page.text()
                version = text.split(VERSION, 1)[1].split('"', 1)[0]
                form = {
                    "csrfmiddlewaretoken": csrf_token(page),
                    "version": version,
                    "status": "on_track",
                    "progress": str(rng.randint(1, 90)),
                    "note": note,
                    "evidence_url": "",
                }
                with lock:
                    attempted.append(note)
                response = client.post(f"/actions/{pk}/update/", form)
            except Exception as e:  # noqa: BLE001
                error(f"update {pk}: {e!r}")
                client.close()
                continue
            if response.status == 302:
                with lock:
                    accepted.append(note)
                    writes.append(response.seconds * 1000)
            elif response.status == 409:
                with lock:
                    conflicts[0] += 1
            else:
                error(f"POST /actions/{pk}/update/: HTTP {response.status}")
        client.close()

    with server.gunicorn(env, workers=2, threads=4, log=workdir / "gunicorn-load.log") as (port, _master):
        for username in [fixture["users"]["lead"], *fixture["users"]["writers"]]:
            signer = Client("127.0.0.1", port)
            signer.sign_in(username, fixture["password"])
            sessions["lead" if username == fixture["users"]["lead"] else username] = signer.cookies
            signer.close()
        threads = [threading.Thread(target=reader, args=(n, port)) for n in range(READERS)]
        threads += [threading.Thread(target=writer, args=(n, port)) for n in range(WRITERS)]
        for t in threads:
            t.start()
        started = time.perf_counter()
        time.sleep(seconds)
        stop.set()
        for t in threads:
            t.join(180)
        elapsed = time.perf_counter() - started

    notes_file = workdir / "load-notes.json"
    notes_file.write_text(json.dumps({"accepted": accepted, "attempted": attempted}))
    check = server.python_json(env, "benchmarks.load_check", str(notes_file))

    def summary(timings: list[float], errs: int) -> dict:
        return {
            "requests": len(timings),
            "per_second": round(len(timings) / elapsed, 1),
            "p50_ms": round(statistics.median(timings), 1) if timings else 0,
            "p95_ms": round(percentile(timings, 0.95), 1) if timings else 0,
            "errors": errs,
        }

    read_errors = sum(1 for e in errors if e.startswith("GET"))
    return {
        "readers": READERS,
        "writers": WRITERS,
        "seconds": round(elapsed, 1),
        "server": "gunicorn, 2 workers x 4 threads",
        "read": summary(reads, read_errors),
        "write": summary(writes, len(errors) - read_errors),
        "errors": len(errors),
        "error_samples": [e for e in errors if e][:10],
        "accepted": len(accepted),
        "conflicts": conflicts[0],
        "history_ok": check["ok"],
        "history_detail": check["detail"],
    }
