"""The committee pack's downloads: read by every signed-in role of the council, like the PDF."""

ROWS: dict[str, tuple[str, str]] = {
    "committee_pack_docx": ("login ok ok ok ok ok", "405 405 405 405 405 405"),
}
