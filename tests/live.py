"""Real HTTP clients against a running server, for concurrency tests and the bench.

Each :class:`LiveUser` is its own browser: its own cookies (session, CSRF), its own connection.
:func:`simultaneously` starts every call in its own thread and releases them together.
"""

import re
import threading
import time
from dataclasses import dataclass, field

import requests

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class LiveUser:
    def __init__(self, base_url: str, *, session_key: str | None = None):
        self.base_url = base_url.rstrip("/")
        self.http = requests.Session()
        if session_key:
            self.http.cookies.set("sessionid", session_key)

    @classmethod
    def logged_in(cls, base_url: str, user) -> "LiveUser":
        """A browser with ``user`` already logged in (a session made the way login makes it)."""
        from django.test import Client

        client = Client()
        client.force_login(user)
        return cls(base_url, session_key=client.cookies["sessionid"].value)

    def url(self, path: str) -> str:
        return path if path.startswith("http") else f"{self.base_url}{path}"

    def get(self, path: str) -> requests.Response:
        return self.http.get(self.url(path), timeout=120, allow_redirects=False)

    def csrf_token(self, path: str) -> str:
        """Open the page that holds the form and read its CSRF token (sets the cookie too)."""
        page = self.http.get(self.url(path), timeout=120)
        page.raise_for_status()
        match = CSRF_INPUT.search(page.text)
        assert match, f"no form with a CSRF token at {path}"
        return match.group(1)

    def post(self, path: str, data: dict, *, token: str) -> requests.Response:
        return self.http.post(
            self.url(path),
            data={**data, "csrfmiddlewaretoken": token},
            headers={"Referer": self.url(path)},
            timeout=120,
            allow_redirects=False,
        )


@dataclass
class Outcome:
    statuses: list[int | str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)

    def failed(self, ok=(200, 302)) -> list:
        return [status for status in self.statuses if status not in ok]

    def p95(self) -> float:
        ordered = sorted(self.seconds)
        return ordered[max(0, int(round(0.95 * len(ordered))) - 1)] if ordered else 0.0


def simultaneously(calls) -> Outcome:
    """Run every ``call()`` (returning a ``requests.Response``) in its own thread, all released at
    the same moment; collect status codes (or the exception's name) and durations."""
    calls = list(calls)
    barrier = threading.Barrier(len(calls))
    outcome = Outcome()
    lock = threading.Lock()

    def run(call):
        barrier.wait()
        started = time.perf_counter()
        try:
            status = call().status_code
        except Exception as error:  # a refused or timed-out connection is a failure to count
            status = type(error).__name__
        elapsed = time.perf_counter() - started
        with lock:
            outcome.statuses.append(status)
            outcome.seconds.append(elapsed)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcome
