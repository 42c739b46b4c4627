"""The committee pack over a 60-action and a 2,000-action plan: HTML, PDF and Word document.

Each size is filled with `generate_demo`'s data; the pack's HTML is rendered as the request
does (the view's context and template), then laid out as a PDF as the Celery task does
(`exports.pack_pdf`), and written as a Word document. The PDF is laid out in a forked child
so its peak memory (maximum resident set size) is its own. Targets (issue 14/15):
60 actions within 1.5 s, 2,000 actions under 10 s and 300 MB.
"""

import io
import os
import resource
import time

import pikepdf
from django.test import RequestFactory

from improvement.models import Authority
from improvement.services.demo_data import demo_authority_fill
from tests.factories import UserFactory

SIZES = (60, 2000)


def _in_child(work):
    """Run `work()` (no database) in a forked process: (seconds, CPU seconds, peak RSS in MB, result size in bytes).

    The CPU seconds are the child's own: on a shared machine the wall time also counts waiting for a core."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read)  # `work` must not use the database: the parent's connection is not the child's
        started, cpu = time.perf_counter(), time.process_time()
        size = len(work())
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        os.write(write, f"{seconds} {cpu} {peak} {size}".encode())
        os._exit(0)
    os.close(write)
    answer = os.read(read, 200).decode()
    os.waitpid(pid, 0)
    seconds, cpu, peak, size = answer.split()
    return float(seconds), float(cpu), float(peak), int(size)


def run():
    from improvement.views import exports as views

    factory = RequestFactory()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        "| actions | HTML (s) | HTML (KB) | PDF (s) | PDF CPU (s) | PDF peak (MB) | PDF (KB) | pages | DOCX (s) "
        "| DOCX (KB) |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for n in SIZES:
        authority = Authority.objects.create(name=f"Pack Bench {n}", slug=f"pack-bench-{n}")
        demo_authority_fill(authority=authority, actions=n, seed=1)
        user = UserFactory(authority=authority, role="Scrutiny member", username=f"pack-bench-{n}")
        request = factory.get("/pack/", HTTP_HOST="localhost")
        request.user = user
        request.session = {}
        started = time.perf_counter()
        html = views._pack_pdf_html(request)
        html_seconds = time.perf_counter() - started
        from improvement.services import exports

        def pdf(html=html):
            return exports.pack_pdf(html=html, base_url="http://localhost/", title="bench")

        pdf_seconds, pdf_cpu, pdf_peak, pdf_size = _in_child(pdf)
        with pikepdf.open(io.BytesIO(pdf())) as document:
            pages = len(document.pages)
        started = time.perf_counter()
        docx_size = len(views._pack_docx_bytes(request))  # reads the database: in this process
        docx_seconds = time.perf_counter() - started
        print(
            f"| {n:,} | {html_seconds:.2f} | {len(html) / 1024:.0f} | {pdf_seconds:.2f} | {pdf_cpu:.2f} | "
            f"{pdf_peak:.0f} | {pdf_size / 1024:.0f} | {pages} | {docx_seconds:.2f} | {docx_size / 1024:.0f} |",
            flush=True,
        )
