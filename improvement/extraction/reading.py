"""Bytes in, text out: plain text (UTF-8, or Windows-1252 with a warning), ModernGov HTML
pages, Word .docx and PDFs with a text layer. Unreadable input raises InputError naming
the problem in plain words."""

from __future__ import annotations

import io
import re
import tomllib
import zipfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .limits import Deadline, document_too_large
from .model import InputError

if TYPE_CHECKING:
    from bs4 import Tag

CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
BOILERPLATE = re.compile(
    r"^\s*(?:pdf icon\b.*|PDF\s+\d+\s*[KM]B\b.*|This site uses cookies.*|.*\bcookies?\b.*(?:accept|find out more|"
    r"settings).*|Share this page.*|Print this page.*|Skip to (?:main )?content.*|View the (?:reasons|"
    r"declarations).*|Back to top.*|Follow us on.*)$",
    re.I,
)
DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "form", "button", "svg", "iframe")
BLOCK_TAGS = (
    "p",
    "div",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "table",
    "section",
    "article",
    "blockquote",
    "dd",
    "dt",
    "td",
    "th",
)


def read_document(
    source: str | Path | bytes, filename: str | None = None, deadline: Deadline | None = None
) -> tuple[str, list[str]]:
    """Return (text, warnings) for a path or bytes; raise InputError when it cannot be read
    (DocumentTooSlow, an InputError, when reading passes `deadline`: limits.MAX_SECONDS_PER_DOCUMENT)."""
    deadline = deadline or Deadline()
    if isinstance(source, (str, Path)):
        path = Path(source)
        filename = filename or path.name
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise InputError(f"cannot be read ({exc.strerror or exc})") from None
        if too_large := document_too_large(size):
            raise InputError(too_large)
        data = path.read_bytes()
    else:
        data = bytes(source)
    filename = filename or ""
    if too_large := document_too_large(len(data)):
        raise InputError(too_large)
    if not data.strip():
        raise InputError("the file is empty")
    suffix = Path(filename).suffix.lower()
    warnings: list[str] = []
    if suffix == ".docx" or data[:2] == b"PK" and suffix not in (".txt", ".html", ".htm"):
        text = _docx(data, deadline)
    elif suffix == ".pdf" or data[:5] == b"%PDF-":
        text = _pdf(data, deadline)
    else:
        text = _decode(data, warnings)
        if suffix in (".html", ".htm") or re.match(r"\s*(?:<!doctype html|<html|<\?xml)", text[:200], re.I):
            text = _html(text)
        else:
            text = unwrap(text, deadline=deadline)
    text = _tidy(text, deadline)
    if not text.strip():
        raise InputError("no text was found in the file")
    return text, warnings


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _decode(data: bytes, warnings: list[str]) -> str:
    if b"\x00" in data[:8192]:
        raise InputError("this looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if any(b in CP1252_UNDEFINED for b in data):
            raise InputError("the text is neither UTF-8 nor Windows-1252; save it as UTF-8 and try again") from None
        text = data.decode("cp1252")
        warnings.append("not UTF-8; read as Windows-1252 (cp1252)")
    control = len(_CONTROL.findall(text, 0, 20000))
    if control > max(3, len(text[:20000]) // 100):
        raise InputError("this looks like a binary file, not text")
    return text


def _html(markup: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_furniture):
        tag.decompose()
    main = soup.select_one("#modgov, #mgContent, main, [role=main], #content") or soup.body or soup
    for listing in main.find_all(["ol", "ul"]):
        for number, item in enumerate(listing.find_all("li", recursive=False), start=1):
            item.insert(0, f"{number}. " if listing.name == "ol" else "• ")
    for row in main.find_all("tr"):
        # One table row is one line, its cells joined by " | ", so an action log reads as rows.
        cells = [" ".join(cell.get_text(" ").split()) for cell in row.find_all(["td", "th"])]
        row.replace_with("\n" + " | ".join(cells) + "\n")
    for tag in main.find_all(BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    return main.get_text()


FURNITURE = re.compile(r"cookie|breadcrumb|skip-?link|share-?(?:this|bar|links?|buttons?|page|tools)", re.I)


def _is_furniture(tag: Tag) -> bool:
    """Cookie banners, breadcrumbs and share bars, whatever the case of their id or class."""
    if tag.name in ("html", "body", "main"):
        return False
    names = " ".join([tag.get("id") or "", *(tag.get("class") or [])])
    return bool(names) and bool(FURNITURE.search(names))


# A Word or Excel file is a zip of XML parts: a small file can unpack to gigabytes ("a zip
# bomb") or hold millions of paragraphs. Refuse such files before reading them.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ZIP_PARTS = 2_000
MAX_PARAGRAPHS = 20_000
MAX_PDF_PAGES = 500
MAX_TEXT_CHARS = 5_000_000


def check_zip_container(data: bytes, what: str) -> None:
    """Refuse a .docx or .xlsx whose parts are too many or unpack too large, naming which.

    Sizes are the ones the zip declares; Python's zip reader never unpacks past them."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputError(f"this {what} cannot be read (it is not a valid file of that kind)") from None
    if len(parts) > MAX_ZIP_PARTS:
        raise InputError(f"this {what} has {len(parts):,} parts inside it; the limit is {MAX_ZIP_PARTS:,}")
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(
            f"this {what} unpacks to {unpacked / 1048576:,.0f} MB; the limit is {MAX_UNPACKED_BYTES // 1048576} MB"
        )


def check_pdf_streams(data: bytes) -> None:
    """Refuse a PDF whose streams decode to more than MAX_UNPACKED_BYTES (a "PDF bomb": a small
    file of compressed zeros), before pdfminer decodes any of them.

    Each Flate stream is inflated in chunks with a cap, so a bomb is stopped after the limit is
    reached rather than unpacked; other filters count their stored length."""
    try:
        import pikepdf

        pdf = pikepdf.open(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - not a PDF pikepdf can open: pdfminer's own error says so
        return
    total = 0
    with pdf:
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Stream):
                continue
            try:
                raw = obj.read_raw_bytes()
                filters = obj.get("/Filter")
            except Exception:  # noqa: BLE001 - a damaged stream: pdfminer will report the file
                continue
            names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters or "")]
            total += _inflated_size(raw, MAX_UNPACKED_BYTES - total) if names[:1] == ["/FlateDecode"] else len(raw)
            if total > MAX_UNPACKED_BYTES:
                raise InputError(
                    f"this PDF unpacks to more than {MAX_UNPACKED_BYTES // 1048576} MB; "
                    f"the limit is {MAX_UNPACKED_BYTES // 1048576} MB"
                )


def _inflated_size(raw: bytes, room: int) -> int:
    """How many bytes a Flate stream inflates to, counting no further than room + 1."""
    import zlib

    inflater = zlib.decompressobj()
    size, pending = 0, raw
    try:
        while pending and size <= room:
            chunk = inflater.decompress(pending, 1 << 20)
            size += len(chunk)
            pending = inflater.unconsumed_tail
            if not chunk:
                break
    except zlib.error:
        return size
    return size


def _docx(data: bytes, deadline: Deadline) -> str:
    check_zip_container(data, "Word file")
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise InputError(f"this Word file cannot be read ({type(exc).__name__})") from None
    body = document.element.body
    count = sum(1 for _ in body.iter("{*}p"))
    if count > MAX_PARAGRAPHS:
        raise InputError(f"this Word file has {count:,} paragraphs; the limit is {MAX_PARAGRAPHS:,}")
    lines = []
    for number, paragraph in enumerate(document.paragraphs):
        if number % 200 == 0:
            deadline.check("reading the Word file's paragraphs")
        lines.append(paragraph.text)
    for table in document.tables:
        for row in table.rows:
            deadline.check("reading the Word file's tables")
            lines.append(" | ".join(cell.text for cell in row.cells))
    return _bounded("\n\n".join(lines), "Word file")


def _bounded(text: str, what: str) -> str:
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"this {what} holds {len(text):,} characters of text; the limit is {MAX_TEXT_CHARS:,}")
    return text


def _pdf(data: bytes, deadline: Deadline) -> str:
    check_pdf_streams(data)
    deadline.check("reading the PDF")
    try:
        from pdfminer.high_level import extract_text
        from pdfminer.pdfpage import PDFPage

        pages = sum(1 for _ in PDFPage.get_pages(io.BytesIO(data)))
        if pages > MAX_PDF_PAGES:
            raise InputError(f"this PDF has {pages:,} pages; the limit is {MAX_PDF_PAGES:,}")
        text = _bounded(extract_text(io.BytesIO(data), maxpages=MAX_PDF_PAGES), "PDF")
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"this PDF cannot be read ({type(exc).__name__})") from None
    if len(text.strip()) < 20:
        raise InputError("this PDF has no text layer (a scan?); only PDFs with text can be imported")
    text = PAGE_FURNITURE.sub("", text.replace("\f", "\n"))
    return unwrap(text, aggressive=True, deadline=deadline)


PAGE_FURNITURE = re.compile(r"^[ \t]*(?:Page[ \t]+)?\d{1,3}(?:[ \t]+of[ \t]+\d{1,3})?[ \t]*$", re.M | re.I)
LIST_MARK = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|\([ivx]+\)|[•·\-–*▪●]|\d+\.\d+\.?)\s")
KEYWORD_LINE = re.compile(r"^\s*(?:RESOLVED|Resolved|ACTION|Action|Minutes|Decision|Present|Apologies)\b")


def unwrap(text: str, aggressive: bool = False, deadline: Deadline | None = None) -> str:
    """Join lines a PDF (or a mail client) wrapped mid-sentence, so that a sentence is one line.

    A line joins the one before when that one is long, has no closing stop and the new line
    is not a list item or a keyword line, and either starts in lower case or (PDFs, where
    every line is wrapped) the line before is near full width."""
    out: list[str] = []
    raw = text.split("\n")
    lengths = sorted(len(line.rstrip()) for line in raw if line.strip())
    full = max(30, int(0.75 * lengths[int(len(lengths) * 0.9)])) if lengths else 60
    for number, line in enumerate(raw):
        if deadline is not None and number % 500 == 0:
            deadline.check("joining wrapped lines")
        if out and line.strip() and out[-1].strip():
            prev = out[-1].rstrip()
            nxt = line.strip()
            if (
                len(prev) >= min(40, full)
                and not prev.endswith((".", ":", ";", "!", "?"))
                and not LIST_MARK.match(line)
                and not KEYWORD_LINE.match(line)
                and not prev.isupper()
            ):
                if nxt[0].islower() or (aggressive and len(prev) >= full and nxt[0].isalnum()):
                    out[-1] = prev + " " + nxt
                    continue
        out.append(line)
    return "\n".join(out)


INLINE_BOILERPLATE = re.compile(
    r"[ \t]*\bpdf icon\b[ \t]*(?:PDF[ \t]*[\d.]+[ \t]*[KM]B)?|[ \t]*\bPDF[ \t]+[\d.]+[ \t]*[KM]B\b", re.I
)


def _tidy(text: str, deadline: Deadline | None = None) -> str:
    if deadline is not None:
        deadline.check("tidying the text")
    text = INLINE_BOILERPLATE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\f", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    lines = [line for line in lines if not BOILERPLATE.match(line)]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def load_manifest(path: str | Path) -> dict[str, dict]:
    """seeds/manifest.toml: [files."name.txt"] authority, committee, meeting_date, kind."""
    path = Path(path)
    if path.is_dir():
        path = path / "manifest.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{path.name}: {exc}") from None
    out = {}
    for name, meta in (data.get("files") or {}).items():
        meta = dict(meta)
        if isinstance(meta.get("kind"), str):  # "press release" and "press_release" are one kind
            meta["kind"] = re.sub(r"[\s-]+", "_", meta["kind"].strip().lower())
        value = meta.get("meeting_date")
        if isinstance(value, str):
            try:
                meta["meeting_date"] = date.fromisoformat(value)
            except ValueError:
                raise InputError(f"{path.name}: {name}: meeting_date {value!r} is not YYYY-MM-DD") from None
        out[name] = meta
    return out
