"""Import throughput on 1,000 generated minutes-like documents, against the storage floor.

The floor is merely storing the same texts as SourceDocuments (hash + one insert each);
the import adds reading, extraction and writing the facts. Both run on PostgreSQL.
"""

import hashlib
import random
import time

from django.db import transaction

from improvement.models import Authority, SourceDocument
from improvement.services.importing import document_import, document_preview

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


def run(count: int = 1000) -> None:
    rng = random.Random(7)
    docs = [_document(n, rng) for n in range(count)]
    floor_authority = Authority.objects.create(name="Floor Council", slug="floor")
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

    authority = Authority.objects.create(name="Bench Council", slug="bench")
    started = time.perf_counter()
    extract_time = 0.0
    facts = 0
    for n, data in enumerate(docs):
        t0 = time.perf_counter()
        preview = document_preview(data=data, filename=f"doc{n}.txt", authority_name=authority.name)
        extract_time += time.perf_counter() - t0
        outcome = document_import(preview=preview, authority=authority)
        facts += sum(outcome.created.values())
    full = time.perf_counter() - started
    print(f"   storing only:  {count / floor:8.1f} documents/s ({floor:.2f} s for {count})")
    print(f"   full import:   {count / full:8.1f} documents/s ({full:.2f} s; extraction {extract_time:.2f} s)")
    print(f"   facts created: {facts} ({facts / count:.1f} per document)")
    print(
        f"   ratio to the storage floor: {full / floor:.1f}x for the whole import (reading and extraction alone: "
        f"{extract_time / floor:.1f}x; writing the facts: {(full - extract_time) / floor:.1f}x)"
    )
