"""Browser tests: Playwright driving Debian's headless Chromium against the live server.

Playwright cannot download its own browser here, so every launch names /usr/bin/chromium.
`assert_accessible(page)` runs axe-core (installed from npm at set-up) in the page and
fails on any WCAG 2.0/2.1/2.2 A or AA violation.
"""

import json
import shutil
from pathlib import Path

import pytest

from tests.factories import PASSWORD

AXE = Path(__file__).resolve().parents[2] / "static" / "vendor" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: apt-get install chromium (the CI script does this)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(autouse=True)
def _browser_tests_use_the_live_server(request):
    request.node.add_marker(pytest.mark.browser)


def sign_in(page, live_server, user, password=PASSWORD):
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def assert_accessible(page):
    """No WCAG 2.2 A or AA violation on the page as it stands."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    problems = [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
    assert not problems, f"axe-core found WCAG problems on {page.url}:\n" + json.dumps(problems, indent=1)
