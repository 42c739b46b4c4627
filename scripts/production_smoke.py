"""Fetch a production-configured tracker as a browser behind a TLS proxy would.

    python scripts/production_smoke.py http://127.0.0.1:8766 USERNAME PASSWORD

Signs in, fetches the page it lands on, the hashed stylesheet that page links to, and
/health/ (over plain HTTP, as a container healthcheck does). Prints one line per check
and exits 1 on the first failure. Standard library only: it runs before anything is installed
in a container.
"""

from __future__ import annotations

import http.client
import json
import re
import sys
from urllib.parse import urlencode, urljoin, urlsplit

PROXY = {"X-Forwarded-Proto": "https"}  # what the TLS-terminating proxy adds


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None, proxy: bool = True):
        parts = urlsplit(urljoin(self.base, path))
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        headers = dict(PROXY) if proxy else {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://{parts.netloc}{parts.path}"
            headers["Origin"] = f"https://{parts.netloc}"
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request(method, target, body=data, headers=headers)
        response = conn.getresponse()
        content = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return response.status, dict((k.lower(), v) for k, v in response.getheaders()), content


def fail(message: str) -> None:
    print(f"production smoke: FAILED: {message}")
    sys.exit(1)


def main(base: str, username: str, password: str) -> None:
    browser = Browser(base)
    status, _, page = browser.request("GET", "/sign-in/")
    if status != 200:
        fail(f"sign-in page answered {status}")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not token:
        fail("sign-in page has no CSRF token")
    status, headers, _ = browser.request(
        "POST",
        "/sign-in/",
        {"csrfmiddlewaretoken": token.group(1).decode(), "username": username, "password": password},
    )
    if status != 302:
        fail(f"signing in answered {status}, not a redirect")
    landing = headers["location"]
    while True:
        status, headers, page = browser.request("GET", landing)
        if status in (301, 302):
            landing = headers["location"]
            continue
        break
    if status != 200 or b"Sign out" not in page:
        fail(f"signed-in page {landing} answered {status}")
    print(f"production smoke: signed in, {landing} answered 200")
    sheet = re.search(rb'href="(/static/vendor/govuk/govuk-frontend\.min\.[0-9a-f]{12}\.css)"', page)
    if not sheet:
        fail("the page does not link the hashed GOV.UK stylesheet (is the manifest storage on?)")
    status, headers, _ = browser.request("GET", sheet.group(1).decode())
    if status != 200 or "text/css" not in headers.get("content-type", ""):
        fail(f"stylesheet {sheet.group(1).decode()} answered {status}")
    print(f"production smoke: {sheet.group(1).decode()} answered 200")
    status, _, body = browser.request("GET", "/health/", proxy=False)
    if status != 200 or json.loads(body).get("status") != "ok":
        fail(f"/health/ answered {status}: {body[:300]!r}")
    print("production smoke: /health/ answered 200")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
