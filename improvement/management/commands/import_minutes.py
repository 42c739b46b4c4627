"""`manage.py import_minutes PATH...`: read committee minutes and fill the tracker.

Paths may be files, folders or globs. Metadata the text lacks comes from a
`manifest.toml` beside the files, or from --authority, --committee and --meeting-date.
`--dry-run --json` prints what was found (the extraction contract) and writes nothing.
"""

import glob
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from django.core.management import BaseCommand, CommandError
from tqdm import tqdm

from improvement import extraction
from improvement.selectors.documents import counted
from improvement.services.importing.documents import authority_get_or_create, document_import
from improvement.services.importing.preview import KINDS, document_preview, failure_contract, preview_contract
from improvement.services.importing.writer import ImportRefused

SUPPORTED = {".txt", ".md", ".text", ".html", ".htm", ".docx", ".pdf"}


class Command(BaseCommand):
    help = "Import committee minutes (text, ModernGov HTML, .docx, text PDF) into the tracker."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or globs")
        parser.add_argument("--authority", help="council the minutes belong to (overrides the manifest)")
        parser.add_argument("--committee", help="committee name, where the text and manifest lack it")
        parser.add_argument("--meeting-date", type=_iso_date, help="meeting date, YYYY-MM-DD")
        parser.add_argument("--dry-run", action="store_true", help="show what would be imported; save nothing")
        parser.add_argument("--json", action="store_true", help="print the preview as JSON (with --dry-run)")

    def handle(self, *args, **options):
        files, problems = _collect(options["paths"])
        results: list[dict] = []
        tally = Counter()
        created = Counter()
        flagged = 0
        quiet = options["json"] or options["verbosity"] == 0
        bar = tqdm(total=len(files), unit="file", file=sys.stderr, disable=quiet or len(files) < 5, leave=False)
        for path, reason in problems:
            self._fail(path, reason, tally, results)
        manifests: dict[Path, dict] = {}
        for path in files:
            bar.update(1)
            meta = dict(_manifest_for(path.parent, manifests, problems_out=(tally, results, self)).get(path.name, {}))
            for key in ("authority", "committee", "meeting_date"):
                if options.get(key):
                    meta[key] = options[key]
            try:
                preview = document_preview(
                    data=path.read_bytes(),  # refused past extraction's size limit, like an upload
                    filename=path.name,
                    authority_name=meta.get("authority"),
                    committee=meta.get("committee"),
                    meeting_date=_as_date(meta.get("meeting_date")),
                    kind=_kind(meta.get("kind")),
                )
            except extraction.InputError as exc:
                self._fail(path, str(exc), tally, results)
                continue
            except OSError as exc:
                self._fail(path, f"cannot be read ({exc.strerror or exc})", tally, results)
                continue
            flagged += len(preview.privacy_flags)
            if options["dry_run"]:
                results.append(preview_contract(preview=preview))
                tally["previewed"] += 1
                if not options["json"] and options["verbosity"]:
                    self._describe(preview)
                continue
            if not meta.get("authority"):
                # The council the text names is shown in a dry run but never trusted to create one.
                named = preview.authority_name
                hint = f' (the text names "{named}": add --authority "{named}" if that is right)' if named else ""
                self._fail(
                    path, f"no authority: give --authority or list the file in manifest.toml{hint}", tally, results
                )
                continue
            authority = authority_get_or_create(name=meta["authority"])
            try:
                outcome = document_import(preview=preview, authority=authority)
            except ImportRefused as exc:
                self._fail(path, str(exc), tally, results)
                continue
            tally[outcome.status] += 1
            created.update(outcome.created)
            if options["verbosity"] > 1:
                self.stdout.write(f"{path.name}: {outcome.status}")
        bar.close()
        if options["json"]:
            self.stdout.write(json.dumps({"documents": results}, ensure_ascii=False, indent=1))
        elif options["verbosity"]:
            self._summary(tally, created, flagged, options["dry_run"])
        if tally["failed"]:
            raise CommandError(f"{tally['failed']} file(s) failed", returncode=1)

    def _fail(self, path, reason, tally, results):
        tally["failed"] += 1
        self.stderr.write(f"{path}: {reason}")
        results.append(failure_contract(source=str(Path(path).name), reason=reason))

    def _describe(self, preview):
        counts = ", ".join(f"{len(preview.fact_list(k))} {k}" for k in KINDS)
        self.stdout.write(f"{preview.filename}: would import {counts}")
        for flag in preview.privacy_flags:
            self.stdout.write(
                f"  looks like personal data ({flag['kind']}) at characters {flag['start']}-{flag['end']}"
            )

    def _summary(self, tally, created, flagged, dry_run):
        if dry_run:
            self.stdout.write(f"Previewed {tally['previewed']}, failed {tally['failed']}. Nothing was saved.")
        else:
            self.stdout.write(
                f"Imported {tally['imported']}, unchanged {tally['unchanged']}, failed {tally['failed']}."
            )
            if created:
                self.stdout.write("Created: " + ", ".join(counted(n, kind) for kind, n in sorted(created.items())))
        if flagged:
            self.stdout.write(f"Personal data flagged and redacted: {flagged} place(s).")


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--meeting-date {value!r} is not a date like 2024-03-14") from None


def _as_date(value):
    if value is None or isinstance(value, date):
        return value
    return _iso_date(str(value))


def _kind(value):
    if not value:
        return None
    return str(value).strip().lower().replace(" ", "_")


def _collect(patterns):
    """Expand files, folders and globs; report paths that give nothing."""
    files, problems, seen = [], [], set()
    for pattern in patterns:
        matches = [Path(p) for p in sorted(glob.glob(pattern))] if any(c in pattern for c in "*?[") else [Path(pattern)]
        if not matches:
            problems.append((pattern, "no such file or folder"))
            continue
        for path in matches:
            if path.is_dir():
                found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
                if not found:
                    problems.append((path, "the folder has no text, HTML, .docx or PDF files"))
                candidates = found
            elif path.exists():
                candidates = [path]
            else:
                problems.append((path, "no such file or folder"))
                continue
            for p in candidates:
                if p.resolve() not in seen:
                    seen.add(p.resolve())
                    files.append(p)
    return files, problems


def _manifest_for(folder: Path, cache: dict, problems_out):
    if folder not in cache:
        manifest = folder / "manifest.toml"
        if not manifest.exists():
            cache[folder] = {}
        else:
            tally, results, command = problems_out
            try:
                cache[folder] = extraction.load_manifest(manifest)
            except (extraction.InputError, ValueError) as exc:
                command._fail(manifest, f"manifest cannot be read: {exc}", tally, results)
                cache[folder] = {}
            for name in cache[folder]:
                if not (folder / name).exists():
                    command._fail(manifest, f"names {name}, which is not in {folder}", tally, results)
    return cache[folder]
