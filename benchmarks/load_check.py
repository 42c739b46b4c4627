"""After the load test, inside Django: every accepted update in the history exactly once, nothing else.

``python -m benchmarks.load_check notes.json``; prints one JSON line {"ok": bool, "detail": str}.
"""

import json
import os
import sys
from collections import Counter

import django


def main(path: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    django.setup()
    from improvement.models import ProgressUpdate

    notes = json.loads(open(path).read())
    accepted, attempted = set(notes["accepted"]), set(notes["attempted"])
    stored = Counter(ProgressUpdate.objects.filter(note__startswith="load test ").values_list("note", flat=True))
    missing = [n for n in accepted if stored[n] == 0]
    twice = [n for n, c in stored.items() if c > 1]
    unknown = [n for n in stored if n not in attempted]
    unanswered = [n for n in stored if n in attempted and n not in accepted]  # saved, answer lost or refused
    ok = not missing and not twice and not unknown and not unanswered
    detail = (
        f"{len(accepted)} accepted, {sum(stored.values())} stored; {len(missing)} missing, "
        f"{len(twice)} stored twice, {len(unanswered)} stored without an accepted answer, {len(unknown)} unknown"
    )
    print(json.dumps({"ok": ok, "detail": detail}))


if __name__ == "__main__":
    main(sys.argv[1])
