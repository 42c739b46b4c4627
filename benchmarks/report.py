"""bench/results.json as markdown: one table of pages across the sizes, then the other figures."""

from __future__ import annotations


def _cell(row: dict | None) -> str:
    if row is None:
        return "–"
    if row.get("status") != 200:
        return f"**HTTP {row.get('status')}**"
    timing = f"{row['median_ms']:.0f} / {row['p95_ms']:.0f} ms"
    if "first_ms" in row:
        timing += f" (first {row['first_ms']:.0f} ms)"
    return f"{timing}, {row.get('ratio', 0):.1f}×, {row['queries']} q, {_size(row['bytes'])}"


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} B"


def _label(size: str, data: dict) -> str:
    return f"{size}: {data['councils']} × {data['actions_per_council']:,}"


def markdown(results: dict) -> str:
    sizes = results["sizes"]
    names = list(sizes)
    lines = [
        "Median / p95 (the first request, before any cache holds the page), ratio of the median to the floor,"
        " queries, response size.",
        "",
        "| page | " + " | ".join(_label(s, sizes[s]) for s in names) + " |",
        "| --- | " + " | ".join("---" for _ in names) + " |",
    ]
    labels = []
    for s in names:
        for label in sizes[s].get("pages", {}):
            if label not in labels:
                labels.append(label)
    for label in labels:
        lines.append(f"| {label} | " + " | ".join(_cell(sizes[s].get("pages", {}).get(label)) for s in names) + " |")
    pdf_cells = []
    for s in names:
        pdf = sizes[s].get("pack_pdf") or {}
        if pdf.get("status") == 200:
            pdf_cells.append(
                f"ready in {pdf['ready_seconds']:.1f} s (worker), download {pdf['download_ms']:.0f} ms, "
                f"{pdf['queries']} q, {_size(pdf['bytes'])}"
            )
        else:
            pdf_cells.append(f"**failed** {pdf.get('error', '')}")
    lines.append("| committee pack PDF | " + " | ".join(pdf_cells) + " |")

    def row(title, fn):
        cells = []
        for s in names:
            try:
                cells.append(fn(sizes[s]))
            except (KeyError, TypeError, ZeroDivisionError):
                cells.append("–")
        lines.append(f"| {title} | " + " | ".join(cells) + " |")

    row(
        "generate_demo",
        lambda d: "kept database (--reuse)" if d.get("reused") else f"{d['generate_demo_seconds']:.1f} s",
    )
    row(
        "reminder sweep (first of the day)",
        lambda d: (
            f"{d['reminders']['sweep_seconds']:.2f} s, {d['reminders']['sweep_queries']} q, "
            f"{d['reminders']['claimed']:,} claimed, {d['reminders']['digests']:,} digests"
        ),
    )
    row(
        "single-statement bound",
        lambda d: f"{d['reminders']['bound_seconds']:.2f} s for {d['reminders']['bound_rows']:,} rows",
    )
    row("sweep ÷ bound (per claim)", lambda d: f"{d['reminders']['ratio_to_bound']:.1f}×")
    row(
        "sweep again the same day",
        lambda d: f"{d['reminders']['same_day_seconds']:.2f} s, {d['reminders']['same_day_queries']} q",
    )
    row(
        "send to loopback SMTP",
        lambda d: (
            f"{d['reminders']['emails_per_second']:.0f} emails/s ({d['reminders']['sent']} sent, "
            f"{d['reminders']['actions_per_email']:.0f} actions each, "
            f"{d['reminders']['smtp_connections']} connections, "
            f"{d['reminders']['send_queries_per_batch']:.0f} q per batch "
            f"of {d['reminders']['batch']})"
        ),
    )
    row(
        "send through the Celery worker",
        lambda d: (
            f"{d['reminders']['worker_emails_per_second']:.0f} emails/s ({d['reminders']['worker_processes']} "
            f"processes, as in docker-compose.yml; {d['reminders']['worker_sent']} sent, "
            f"{d['reminders']['worker_smtp_received']} received, "
            f"{d['reminders']['worker_smtp_connections']} connections)"
        ),
    )
    row(
        "import writes ÷ storing the texts",
        lambda d: (
            f"{d['import']['write_ratio']:.1f}× ({d['import']['documents']} documents, "
            f"{d['import']['queries_per_document']:.0f} q per document)"
        ),
    )
    row(
        "peak RSS, web worker (after pack and exports)",
        lambda d: (
            f"{d['memory']['web_worker_peak_rss_mb']:.0f} MB"
            + (
                f" ({d['memory']['web_workers_seen'] - 2} worker(s) killed by gunicorn's timeout)"
                if d["memory"].get("web_workers_seen", 2) > 2
                else ""
            )
        ),
    )
    row("peak RSS, Celery worker (after the pack PDF)", lambda d: f"{d['memory']['celery_worker_peak_rss_mb']:.0f} MB")
    m = results["machine"]
    lines += [
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory']}, {m['system']}, Python {m['python']}; "
        f"load average at the start {m['load_average']}. Run {results.get('started', '')}, "
        f"{results.get('seconds', 0):.0f} s in all.",
    ]
    return "\n".join(lines)


def load_markdown(results: dict) -> str:
    load = results["load"]
    lines = [
        f"Load test ({load['size']} data): {load['readers']} readers and {load['writers']} writers "
        f"for {load['seconds']} s, {load['server']}",
        "",
        "| | requests | per second | p50 | p95 | errors |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for kind in ("read", "write"):
        k = load[kind]
        lines.append(
            f"| {kind}s | {k['requests']:,} | {k['per_second']:.1f} | {k['p50_ms']:.0f} ms "
            f"| {k['p95_ms']:.0f} ms | {k['errors']} |"
        )
    lines += [
        "",
        f"Accepted updates: {load['accepted']:,}; in the history exactly once: "
        f"{'yes' if load['history_ok'] else 'NO'} ({load['history_detail']}). "
        f"Conflicts answered 409: {load['conflicts']}.",
    ]
    return "\n".join(lines)
