"""Files built to exhaust the importer are refused with a reason, quickly, before they are unpacked;
random text and bytes give only the documented error (InputError), never a crash."""

import io
import json
import zipfile

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from improvement.extraction import InputError, extract, read_document
from improvement.extraction.reading import MAX_PARAGRAPHS, check_zip_container


def _word_file(paragraphs: int = 1, extra_part: bytes | None = None) -> bytes:
    document = docx.Document()
    document.add_paragraph("The Committee noted the report.")
    buffer = io.BytesIO()
    document.save(buffer)
    if paragraphs <= 1 and extra_part is None:
        return buffer.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml" and paragraphs > 1:
                para = b"<w:p><w:r><w:t>Actions were reviewed.</w:t></w:r></w:p>"
                data = data.replace(b"<w:body>", b"<w:body>" + para * paragraphs, 1)
            target.writestr(item, data)
        if extra_part is not None:
            target.writestr("word/media/padding.bin", extra_part)
    return out.getvalue()


def test_a_small_word_file_that_unpacks_to_gigabytes_is_refused_before_unpacking():
    bomb = _word_file(extra_part=b"\0" * (60 * 1024 * 1024))  # 60 MB of zeros packs to about 60 KB
    assert len(bomb) < 200_000
    with pytest.raises(InputError, match=r"Word file unpacks to 61 MB; the limit is 50 MB"):
        read_document(bomb, filename="minutes.docx")


def test_a_word_file_with_too_many_paragraphs_is_refused():
    with pytest.raises(InputError, match=r"has 20,001 paragraphs; the limit is 20,000"):
        read_document(_word_file(paragraphs=MAX_PARAGRAPHS), filename="minutes.docx")


def test_a_zip_with_thousands_of_parts_is_refused_as_a_spreadsheet_too():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(2_001):
            archive.writestr(f"xl/part{n}.xml", b"")
    with pytest.raises(InputError, match=r"spreadsheet has 2,001 parts inside it; the limit is 2,000"):
        check_zip_container(out.getvalue(), "spreadsheet")


def test_an_ordinary_word_file_still_reads():
    text, _ = read_document(_word_file(), filename="minutes.docx")
    assert "The Committee noted the report." in text


def test_a_file_that_claims_to_be_a_pdf_but_is_not_is_refused_with_a_reason():
    with pytest.raises(InputError, match="this PDF cannot be read"):
        read_document(b"%PDF-1.7\n" + b"garbage " * 100, filename="minutes.pdf")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.binary(min_size=0, max_size=4096), st.sampled_from(["minutes.txt", "minutes.docx", "minutes.pdf", "page.html"])
)
def test_random_bytes_give_text_or_an_input_error(data, filename):
    try:
        text, warnings = read_document(data, filename=filename)
    except InputError as error:
        assert str(error)
    else:
        assert isinstance(text, str) and isinstance(warnings, list)
        extract(text, source=filename)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_random_text_extracts_without_crashing(text):
    contract = extract(text, source="random.txt").to_contract()
    json.dumps(contract)  # the preview can always be shown and saved
    assert set(contract) >= {"visits", "recommendations", "actions", "measures", "owners", "decisions"}


def _pdf_with_stream(content: bytes) -> bytes:
    """A one-page PDF whose page content is `content`, Flate-compressed (built with pikepdf)."""
    import zlib

    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    stream = pikepdf.Stream(pdf, zlib.compress(content, 9))
    stream["/Filter"] = pikepdf.Name("/FlateDecode")
    pdf.pages[0].Contents = pdf.make_indirect(stream)
    out = io.BytesIO()
    pdf.save(out, compress_streams=False)
    return out.getvalue()


def test_a_pdf_bomb_is_refused_before_its_streams_are_decoded():
    bomb = _pdf_with_stream(b"\0" * (80 * 1024 * 1024))  # 80 MB of zeros packs to about 80 KB
    assert len(bomb) < 300_000
    with pytest.raises(InputError, match=r"this PDF unpacks to more than 50 MB; the limit is 50 MB"):
        read_document(bomb, filename="minutes.pdf")


def test_a_pdf_with_small_streams_is_not_refused_for_its_size():
    from improvement.extraction.reading import check_pdf_streams

    check_pdf_streams(_pdf_with_stream(b"BT /F1 12 Tf 72 712 Td (The Committee noted the report.) Tj ET"))


def test_reading_stops_with_a_clear_reason_once_the_deadline_passes():
    from improvement.extraction.limits import Deadline, DocumentTooSlow

    ticks = iter(range(0, 10_000, 10))  # a clock that moves 10 seconds each time it is read
    deadline = Deadline(seconds=15, clock=lambda: next(ticks))
    text = "\n".join(f"Line {n} of a long set of minutes that goes on" for n in range(5_000)).encode()
    with pytest.raises(DocumentTooSlow, match=r"^this document took too long to read: still .* after 15 seconds"):
        read_document(text, filename="minutes.txt", deadline=deadline)
    assert issubclass(DocumentTooSlow, InputError)  # the documented error


def test_a_word_file_is_checked_against_the_deadline_paragraph_by_paragraph():
    from improvement.extraction.limits import Deadline, DocumentTooSlow

    ticks = iter([0, 0, 100, 100, 100, 100])
    with pytest.raises(DocumentTooSlow, match="reading the Word file's paragraphs"):
        read_document(_word_file(paragraphs=300), filename="m.docx", deadline=Deadline(1, clock=lambda: next(ticks)))


def test_the_default_deadline_comes_from_limits():
    from improvement.extraction.limits import MAX_SECONDS_PER_DOCUMENT, Deadline

    assert Deadline().seconds == MAX_SECONDS_PER_DOCUMENT == 60


class _Clock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_extraction_shares_the_documents_deadline_and_stops_between_finders():
    from improvement.extraction import extract
    from improvement.extraction.limits import Deadline, DocumentTooSlow

    clock = _Clock()
    deadline = Deadline(seconds=60, clock=clock)
    text, _ = read_document(b"The Head of Service would report back by 31 March 2026.", "m.txt", deadline=deadline)
    assert extract(text, deadline=deadline).actions  # within the limit: the facts come back
    clock.now = 61  # reading and extraction together have now taken longer than a minute
    with pytest.raises(DocumentTooSlow, match=r"still finding the document's meeting after 60 seconds"):
        extract(text, deadline=deadline)


def test_a_slow_finder_stops_extraction_before_the_next_one():
    from improvement.extraction import extract
    from improvement.extraction.limits import Deadline, DocumentTooSlow

    reads = iter([0, 0, 500, 500])  # made, checked after the meeting, then time jumps while visits are found
    deadline = Deadline(seconds=60, clock=lambda: next(reads))
    with pytest.raises(DocumentTooSlow, match="still finding visits and inspections after 60 seconds"):
        extract("RESOLVED: That the report be noted.", deadline=deadline)
