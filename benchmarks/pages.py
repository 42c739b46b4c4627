"""Every page and export of issue 15's table, asked for over HTTP from this process.

Each is asked for once to warm up (its time kept as ``first_ms``: the cost before any cache
holds the page), then repeatedly (at least ``MIN_SAMPLES``, at most
``MAX_SAMPLES``, stopping once ``BUDGET`` seconds are spent) on one kept-alive connection.
The floor is ``/benchmark-floor/``: the same sign-in and middleware, no plan.
"""

from __future__ import annotations

import http.client
import json
import statistics
import time

from benchmarks.client import Client

MIN_SAMPLES, MAX_SAMPLES, BUDGET = 5, 30, 4.0


def pages(fixture: dict) -> list[tuple[str, str, str]]:
    """(label, who signs in, path)."""
    action = fixture["action"]
    return [
        ("floor (signed-in bare view)", "lead", "/benchmark-floor/"),
        ("my actions", "lead", "/my-actions/"),
        ("action list", "lead", "/actions/"),
        ("action page", "lead", f"/actions/{action}/"),
        ("plan dashboard", "lead", "/dashboard/"),
        ("measures", "lead", "/measures/"),
        ("inspections", "lead", "/inspections/"),
        ("changes since the last committee", "lead", "/changes/"),
        ("recommendations coverage", "lead", "/recommendations/"),
        ("committee pack page", "lead", "/pack/"),
        ("actions XLSX export", "lead", "/exports/actions.xlsx"),
        ("actions CSV export", "lead", "/exports/actions.csv"),
        ("admin action changelist", "lead", "/admin/improvement/action/"),
        ("region view (adviser, every council)", "adviser", "/region/"),
        ("region view (superuser)", "superuser", "/region/"),
    ]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def measure(client: Client, path: str, **kw) -> dict:
    """As `_measure`; a request the server dropped (gunicorn's timeout killing the worker) is a 500 row."""
    try:
        return _measure(client, path, **kw)
    except (OSError, http.client.HTTPException) as error:
        client.close()
        return {"path": path, "status": 500, "error": f"{type(error).__name__}: {error}"}


def _measure(client: Client, path: str, *, min_samples=MIN_SAMPLES, max_samples=MAX_SAMPLES, budget=BUDGET) -> dict:
    first = client.get(path)
    if first.status != 200:
        return {"path": path, "status": first.status, "error": first.text()[:300]}
    timings = []
    last = first
    spent = 0.0
    while len(timings) < max_samples and (len(timings) < min_samples or spent < budget):
        last = client.get(path)
        if last.status != 200:
            return {"path": path, "status": last.status, "error": last.text()[:300]}
        timings.append(last.seconds * 1000)
        spent += last.seconds
    return {
        "path": path,
        "status": 200,
        "samples": len(timings),
        # the first request: what a page costs when nothing it computed is kept yet (a fresh plan cache)
        "first_ms": round(first.seconds * 1000, 2),
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "queries": last.queries,
        "bytes": len(last.body),
    }


def pack_pdf(client: Client, *, timeout: float = 180) -> dict:
    """Ask for the committee pack PDF, follow the 'being prepared' page until the worker has built it."""
    try:
        return _pack_pdf(client, timeout=timeout)
    except (OSError, http.client.HTTPException) as error:
        client.close()
        return {"path": "/pack/committee-pack.pdf", "status": 500, "error": f"{type(error).__name__}: {error}"}


def _pack_pdf(client: Client, *, timeout: float) -> dict:
    started = time.perf_counter()
    first = client.get("/pack/committee-pack.pdf")
    polls = 0
    while True:
        state = client.get("/pack/pdf/", headers={"Accept": "application/json"})
        polls += 1
        if state.status != 200:
            return {"path": "/pack/committee-pack.pdf", "status": state.status, "error": state.text()[:300]}
        answer = json.loads(state.body)
        if answer["state"] == "ready":
            break
        if answer["state"] == "failed" or time.perf_counter() - started > timeout:
            return {"path": "/pack/committee-pack.pdf", "status": 500, "error": f"state {answer['state']}"}
        time.sleep(0.25)
    built = time.perf_counter() - started
    download = client.get("/pack/committee-pack.pdf")
    again = client.get("/pack/committee-pack.pdf")
    return {
        "path": "/pack/committee-pack.pdf",
        "status": download.status,
        "first_answer": first.status,
        "ready_seconds": round(built, 2),
        "download_ms": round(again.seconds * 1000, 2),
        "queries": again.queries,
        "bytes": len(download.body),
        "polls": polls,
        "is_pdf": download.body[:5] == b"%PDF-",
    }


def run(port: int, fixture: dict, *, budget: float = BUDGET) -> dict:
    clients: dict[str, Client] = {}

    def client_for(who: str) -> Client:
        if who not in clients:
            c = Client("127.0.0.1", port)
            c.sign_in(fixture["users"][who], fixture["password"])
            clients[who] = c
        return clients[who]

    results = {}
    for label, who, path in pages(fixture):
        results[label] = measure(client_for(who), path, budget=budget)
        results[label]["as"] = who
    floor = results["floor (signed-in bare view)"].get("median_ms")
    for row in results.values():
        if floor and row.get("median_ms") is not None:
            row["ratio"] = round(row["median_ms"] / floor, 1)
    for c in clients.values():
        c.close()
    return results
