"""Import throughput on generated minutes-like documents, against the storage floor.

Run inside Django against a benchmark database (``python -m benchmarks.importing [count]``).
The floor is merely storing the same texts as SourceDocuments (hash + one insert each);
the import adds reading, extraction and writing the facts. The write ratio is the import's
time less its reading and extraction, over the floor. Prints one JSON line.
"""

import hashlib
import json
import os
import random
import sys
import time

import django

ROLES = [
    "Director of Children's Services",
    "Head of Service, Children in Care",
    "Assistant Director, Safeguarding",
    "Principal Social Worker",
    "Head of Quality Assurance",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "September", "October", "November"]


def _document(n: int, rng: random.Random) -> bytes:
    role = rng.choice(ROLES)
    month = rng.choice(MONTHS)
    paragraphs = (
        [
            f"CHILDREN AND YOUNG PEOPLE'S SCRUTINY COMMITTEE - {rng.randint(1, 28)} {month.upper()} 2023",
            f"Agenda item {n % 40 + 1}: Improvement plan progress",
            "Minutes:",
            f"The {role} introduced the report on progress against the Ofsted improvement plan.",
            f"Members were advised that the {rng.choice(['second', 'third', 'fourth'])} monitoring visit would take "
            f"place on {rng.randint(1, 20)} and {rng.randint(21, 28)} {month} and would focus on care leavers.",
            f"In response to a question, the {role} confirmed that {rng.randint(20, 90)}% of case files audited were "
            f"judged good, and that agency staff made up {rng.randint(5, 30)}% of the workforce.",
            f"Social workers currently held approximately {rng.randint(12, 25)} cases each.",
            f"The {role} confirmed that she would circulate the audit report to Members by 31 {month} 2023.",
            "Councillor Smith asked about sickness absence; officers agreed to report back to the next meeting.",
        ]
        + [
            "Members discussed the recruitment campaign, the quality of supervision and the voice of the child "
            "in plans, noting progress and the areas still to improve."
            for _ in range(rng.randint(3, 8))
        ]
        + ["RESOLVED: (1) That the report be noted. (2) That the Committee endorse the revised plan."]
    )
    return ("\n\n".join(paragraphs) + f"\n\nDocument reference {n}.\n").encode("utf-8")


def run(count: int) -> dict:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from improvement.models import Authority, SourceDocument
    from improvement.services.importing import document_import, document_preview

    rng = random.Random(7)
    docs = [_document(n, rng) for n in range(count)]
    run_id = f"{os.getpid()}-{int(time.time())}"  # councils of this run's own: a kept database imports afresh
    floor_authority = Authority.objects.create(name=f"Bench Floor {run_id}", slug=f"bench-floor-{run_id}")
    started = time.perf_counter()
    for n, data in enumerate(docs):
        with transaction.atomic():
            SourceDocument.objects.create(
                authority=floor_authority,
                filename=f"doc{n}.txt",
                sha256=hashlib.sha256(data).hexdigest(),
                text=data.decode("utf-8"),
            )
    floor = time.perf_counter() - started

    authority = Authority.objects.create(name=f"Bench Import {run_id}", slug=f"bench-import-{run_id}")
    extract_time = 0.0
    write_time = 0.0
    facts = 0
    with CaptureQueriesContext(connection) as captured:
        for n, data in enumerate(docs):
            t0 = time.perf_counter()
            preview = document_preview(data=data, filename=f"doc{n}.txt", authority_name=authority.name)
            t1 = time.perf_counter()
            outcome = document_import(preview=preview, authority=authority)
            write_time += time.perf_counter() - t1
            extract_time += t1 - t0
            facts += sum(outcome.created.values())
    return {
        "documents": count,
        "floor_seconds": round(floor, 3),
        "extract_seconds": round(extract_time, 3),
        "write_seconds": round(write_time, 3),
        "facts_per_document": round(facts / count, 1),
        "queries_per_document": round(len(captured) / count, 1),
        "write_ratio": round(write_time / floor, 2),
        "whole_ratio": round((write_time + extract_time) / floor, 2),
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    django.setup()
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 300)))
