"""Plain HTTP requests for the benchmark: log in, and check a page before it is measured."""

from __future__ import annotations

import http.client
import re
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

HOST = "127.0.0.1"
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"')
_RESULT_COUNT = re.compile(r'class="results__count">\s*([\d\s\u00a0\u202f]+)')


@dataclass
class Page:
    status: int
    body: str
    headers: http.client.HTTPMessage

    def cookies(self) -> dict[str, str]:
        jar = SimpleCookie()
        for header in self.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        return {name: morsel.value for name, morsel in jar.items()}


def request(port: int, method: str, path: str, headers: dict[str, str] | None = None,
            body: bytes | None = None, timeout: float = 15) -> Page:
    """One request to the bench server on 127.0.0.1; redirects are not followed."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers={"Host": f"{HOST}:{port}", **(headers or {})})
        response = conn.getresponse()
        return Page(response.status, response.read().decode("utf-8", "replace"), response.headers)
    finally:
        conn.close()


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def log_in(port: int, email: str, password: str) -> dict[str, str]:
    """Log in through the allauth form like a browser: GET the form for its CSRF token and
    cookie, POST the credentials, keep the session cookie. Returns the cookies to send."""
    form = request(port, "GET", "/konto/login/")
    if form.status != 200:
        raise SystemExit(f"the login form answered {form.status}")
    cookies = form.cookies()
    match = _CSRF_INPUT.search(form.body)
    if not match or "csrftoken" not in cookies:
        raise SystemExit("the login form has no CSRF token")
    body = urlencode({"login": email, "password": password, "csrfmiddlewaretoken": match.group(1)}).encode()
    answer = request(port, "POST", "/konto/login/", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": cookie_header(cookies),
        "Referer": f"http://{HOST}:{port}/konto/login/",
    })
    cookies.update(answer.cookies())
    if answer.status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"logging in as {email} failed (HTTP {answer.status}); is the demo loaded?")
    return cookies


def result_count(body: str) -> int | None:
    """The directory's "N actors" heading, if the page has one."""
    match = _RESULT_COUNT.search(body)
    if not match:
        return None
    digits = re.sub(r"\D", "", match.group(1))
    return int(digits) if digits else None
