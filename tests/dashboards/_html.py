"""Helpers for reading pages in tests."""


def body(response) -> str:
    """The page after the last form (the filters), so option lists do not count as content."""
    html = response.content.decode()
    return html[html.rindex("</form>") :] if "</form>" in html else html
