"""`python -m improvement.extraction.cli FILE...`: the contract JSON, without Django.

Used to score extraction on its own; `manage.py import_minutes --dry-run --json` gives
the same output through the import service."""

import json
import sys
from pathlib import Path

from . import InputError, extract, load_manifest, read_document


def main(argv: list[str]) -> int:
    documents = []
    manifests: dict[Path, dict] = {}
    for name in argv:
        path = Path(name)
        folder = path.parent
        if folder not in manifests:
            manifests[folder] = load_manifest(folder) if (folder / "manifest.toml").exists() else {}
        meta = manifests[folder].get(path.name, {})
        try:
            text, _ = read_document(path)
        except InputError as exc:
            documents.append({"source": path.name, "errors": [str(exc)]})
            continue
        facts = extract(
            text,
            source=path.name,
            meeting_date=meta.get("meeting_date"),
            committee=meta.get("committee"),
            authority=meta.get("authority"),
        )
        documents.append(facts.to_contract())
    json.dump({"documents": documents}, sys.stdout, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
