"""The review page's own pages (#12): adding a fact the importer missed, from a paragraph of the text.

Only the improvement lead who uploaded the draft reaches it; without a paragraph chosen it goes back
to the review page. Other roles are refused and another council's lead does not find the draft."""

ROWS: dict[str, tuple[str, str]] = {
    "import_add": ("login 403 redirect 403 404 403", "login 403 redirect 403 404 403"),
}


def fill(short, url, ours, objects):
    if short == "import_add":
        return url.replace("<int:pk>", str(objects["draft"].pk))
    return None
