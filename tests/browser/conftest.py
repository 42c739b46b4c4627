"""Browser tests: Playwright driving Debian's headless Chromium against the live server.

Playwright cannot download its own browser here, so every launch names /usr/bin/chromium.
`assert_accessible(page)` runs axe-core (installed from npm at set-up) in the page and
fails on any WCAG 2.0/2.1/2.2 A or AA violation.
"""

import json
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.factories import PASSWORD

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


CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline"));
});
"""


@pytest.fixture
def context(context):
    """Every page records Content-Security-Policy violations, which assert_accessible reports."""
    context.add_init_script(CSP_WATCH)
    return context


def sign_in(page, live_server, user, password=PASSWORD):
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def assert_accessible(page):
    """No WCAG 2.2 A or AA violation and no Content-Security-Policy violation on the page as it stands."""
    blocked = page.evaluate("window.__cspViolations || []")
    assert not blocked, f"the Content-Security-Policy blocked something on {page.url}: {blocked}"
    # Loaded from this site, as a script the policy allows (an inline copy would be refused).
    page.add_script_tag(url=urljoin(page.url, "/static/vendor/axe.min.js"))
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    problems = [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]
    ]
    assert not problems, f"axe-core found WCAG problems on {page.url}:\n" + json.dumps(problems, indent=1)
