import pytest

from improvement.extraction import InputError, read_document


def test_utf8_with_bom_and_windows_line_ends():
    text, warnings = read_document("\ufeffMinutes:\r\nThe report was noted.".encode(), filename="a.txt")
    assert text == "Minutes:\nThe report was noted." and warnings == []


def test_windows_1252_is_read_with_a_warning():
    text, warnings = read_document("Children\u2019s services".encode("cp1252"), filename="a.txt")
    assert text == "Children\u2019s services"
    assert warnings == ["not UTF-8; read as Windows-1252 (cp1252)"]


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (bytes(range(256)) * 4, "binary"),
        (b"caf\xc3 \x81\x8d", "neither UTF-8 nor Windows-1252"),
        (b"x" * (5 * 1024 * 1024 + 1), "5 MB"),
    ],
)
def test_bad_input_names_the_problem(data, reason):
    with pytest.raises(InputError, match=reason):
        read_document(data, filename="bad.txt")


def test_moderngov_html_keeps_the_text_and_drops_the_furniture():
    html = b"""<html><head><script>var x=1;</script></head><body>
    <div id="cookie-banner">This site uses cookies. Accept</div><nav>Home | Meetings</nav>
    <div id="modgov"><h2>Agenda item</h2><h3>Ofsted monitoring visit</h3>
    <p>Minutes:</p><p>The Director of Children's Services reported progress.</p>
    <ul><li><a href="x.pdf">Report</a> pdf icon PDF 468 KB</li></ul>
    <p>RESOLVED: That the report be noted.</p></div></body></html>"""
    text, _ = read_document(html, filename="item.html")
    assert "Ofsted monitoring visit" in text and "RESOLVED: That the report be noted." in text
    assert "cookies" not in text and "var x" not in text and "PDF 468 KB" not in text


def test_docx_is_read(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Minutes:")
    document.add_paragraph("RESOLVED: That the report be noted.")
    path = tmp_path / "minutes.docx"
    document.save(path)
    text, _ = read_document(path)
    assert "That the report be noted." in text


def test_a_broken_docx_is_a_clear_error():
    with pytest.raises(InputError, match="Word file cannot be read"):
        read_document(b"PK\x03\x04 not really a zip", filename="x.docx")
