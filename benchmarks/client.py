"""A small HTTP/1.1 client for the benchmarks: keep-alive, its own cookies, sign-in through the form.

The server runs as in production (DEBUG off, secure cookies); the client stands where the TLS
proxy would and says so with X-Forwarded-Proto, so cookies marked Secure still come back.
"""

from __future__ import annotations

import http.client
import re
import time
from dataclasses import dataclass
from urllib.parse import urlencode

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Response:
    status: int
    body: bytes
    headers: dict[str, str]
    seconds: float

    @property
    def queries(self) -> int | None:
        value = self.headers.get("x-queries")
        return int(value) if value is not None else None

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Client:
    def __init__(self, host: str, port: int, timeout: float = 120):
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies: dict[str, str] = {}
        self._conn: http.client.HTTPConnection | None = None

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def request(self, method: str, path: str, form: dict | None = None, headers: dict | None = None) -> Response:
        sent = {
            "Host": f"{self.host}:{self.port}",
            "X-Forwarded-Proto": "https",
            "Referer": f"https://{self.host}:{self.port}{path}",
            **(headers or {}),
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            if "csrftoken" in self.cookies:
                sent["X-CSRFToken"] = self.cookies["csrftoken"]
        for attempt in (1, 2):  # a kept-alive connection the server has closed: reconnect once
            try:
                started = time.perf_counter()
                conn = self._connection()
                conn.request(method, path, body=body, headers=sent)
                raw = conn.getresponse()
                data = raw.read()
                seconds = time.perf_counter() - started
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt == 2:
                    raise
        for name, value in raw.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, val = pair.partition("=")
                if val and "max-age=0" not in value.lower():
                    self.cookies[key.strip()] = val.strip().strip('"')
                else:
                    self.cookies.pop(key.strip(), None)
        if raw.getheader("Connection", "").lower() == "close":
            self.close()
        return Response(raw.status, data, {k.lower(): v for k, v in raw.getheaders()}, seconds)

    def get(self, path: str, **kw) -> Response:
        return self.request("GET", path, **kw)

    def post(self, path: str, form: dict, **kw) -> Response:
        return self.request("POST", path, form=form, **kw)

    def sign_in(self, username: str, password: str, path: str = "/sign-in/") -> None:
        page = self.get(path)
        token = CSRF_FIELD.search(page.text())
        if page.status != 200 or token is None:
            raise RuntimeError(f"no sign-in form at {path}: HTTP {page.status}")
        done = self.post(path, {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password})
        if done.status != 302:
            raise RuntimeError(f"signing in as {username} failed: HTTP {done.status}")


def csrf_token(page: Response) -> str:
    found = CSRF_FIELD.search(page.text())
    if found is None:
        raise RuntimeError("no CSRF token on the page")
    return found.group(1)
