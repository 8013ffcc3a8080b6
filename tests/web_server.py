"""Helpers shared by the browser tests and scripts/screenshot.py: run `newstrace` as a
subprocess, start and stop `newstrace serve` on a free port, launch Debian's Chromium, open
watched tabs, and check security headers and served markup against the web contract.

Plain Python (no pytest) so the screenshot script can import it. The server runs as a real
subprocess, as a user would start it, so the tests see exactly what `newstrace serve` serves
(headers from the ASGI wrapper, static files, Datasette's own pages) and a crash shows up as
a test failure with the server's log instead of a hang.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import (
        Browser,
        ConsoleMessage,
        Dialog,
        Locator,
        Page,
        Playwright,
        Response,
        Route,
    )

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
# Playwright adds --headless itself. The rest keep Chromium from phoning home (updates, sync,
# safe-browsing lists): the tests must work offline and never download anything.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # a container's /dev/shm is often 64 MB, where Chromium's renderer crashes
    "--disable-dev-shm-usage",
)
START_TIMEOUT_S = 60.0
# Talk to our own server directly even when the environment sets an HTTP proxy.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    """A TCP port nobody listens on right now (the OS picks it; the small race until the
    server binds it is acceptable for tests)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def clean_env(home: Path, cache: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment of a `newstrace` subprocess: the caller's, without any NEWSTRACE_*
    setting of the developer, with HOME pointing at `home` (nothing read from or written to
    the real ~/.cache) and the gazetteer cache at `cache` when given (the tests pass the
    session's prebuilt one, so no subprocess spends 40 s building it again)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSTRACE_")}
    home.mkdir(parents=True, exist_ok=True)
    env["HOME"] = str(home)
    if cache is not None:
        env["NEWSTRACE_CACHE"] = str(cache)
    env.update(extra)
    return env


def newstrace_command() -> list[str]:
    """How to run the CLI: the interpreter running us, so the venv's newstrace is used."""
    return [sys.executable, "-m", "newstrace"]


def run_cli(args: Sequence[str | Path], env: Mapping[str, str], cwd: Path,
            timeout: float = 600.0) -> subprocess.CompletedProcess[str]:
    """Run `newstrace ARGS` to completion; raise with its output when it fails, because a
    fixture that silently produced an empty store would make every later assertion lie."""
    proc = subprocess.run([*newstrace_command(), *map(str, args)], env=dict(env), cwd=cwd,
                          capture_output=True, text=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"newstrace {' '.join(map(str, args))} exited {proc.returncode}:\n"
                           f"{proc.stdout}\n{proc.stderr}")
    return proc


@dataclass
class Server:
    """A running `newstrace serve` subprocess."""

    proc: subprocess.Popen[bytes]
    db: Path
    url: str
    """Base URL without the trailing slash, e.g. http://127.0.0.1:8123"""
    log_path: Path

    def log(self) -> str:
        """What the server printed so far (stdout and stderr together)."""
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""


def _answers(url: str) -> bool:
    """True once anything answers HTTP at url (an error status counts: it is listening)."""
    try:
        with _OPENER.open(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except (urllib.error.URLError, OSError):
        return False


def start_server(db: str | Path, env: Mapping[str, str], workdir: Path,
                 extra_args: Sequence[str] = (), timeout: float = START_TIMEOUT_S) -> Server:
    """Start `newstrace --db DB serve --port P` on a free port and wait until it answers.

    Another process may take the port between free_port() and the bind; the server then
    exits on the bind error and the start is retried on a new port (three tries). Raises
    RuntimeError with the server's log if it exits otherwise or does not answer within
    `timeout` seconds (the process is stopped first)."""
    workdir.mkdir(parents=True, exist_ok=True)
    for _ in range(3):
        server = _spawn(db, env, workdir, extra_args)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and server.proc.poll() is None:
            # The announcement comes just before the bind; alive a moment after it and
            # answering, the answer is ours, not from someone else's server holding the
            # port while ours fails to bind.
            if "newstrace: serving" in server.log() and _answers(server.url + "/"):
                time.sleep(0.5)
                if server.proc.poll() is None:
                    return server
                break
            time.sleep(0.2)
        if server.proc.poll() is None:
            stop_server(server)
            raise RuntimeError(f"newstrace serve did not answer within {timeout:.0f} s:\n"
                               f"{server.log()}")
        if "already in use" not in server.log():
            raise RuntimeError(f"newstrace serve exited {server.proc.returncode}:\n"
                               f"{server.log()}")
    raise RuntimeError(f"newstrace serve found no free port:\n{server.log()}")


def _spawn(db: str | Path, env: Mapping[str, str], workdir: Path,
           extra_args: Sequence[str]) -> Server:
    port = free_port()
    log_path = workdir / f"serve-{port}.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [*newstrace_command(), "--db", str(db), "serve", "--host", "127.0.0.1",
             "--port", str(port), *extra_args],
            env=dict(env), cwd=workdir, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    return Server(proc, Path(db), f"http://127.0.0.1:{port}", log_path)


def stop_server(server: Server) -> None:
    """Stop the server we started (by its own pid): SIGTERM, then SIGKILL after 10 s."""
    if server.proc.poll() is None:
        server.proc.terminate()
        try:
            server.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.proc.kill()
            server.proc.wait(timeout=10)


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        return (f"{CHROMIUM} not found: install Debian's package "
                "(apt-get install -y --no-install-recommends chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (pip install -e '.[dev]')"
    return None


def launch_chromium(playwright: Playwright, **options: Any) -> Browser:
    """Debian's headless Chromium under Playwright; never a Playwright browser download."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                      args=list(CHROMIUM_ARGS), **options)


def fetch(url: str, timeout: float = 30.0) -> tuple[int, dict[str, str], bytes]:
    """GET url: (status, headers with lower-case names, body); error statuses are returned,
    not raised, so tests can check the headers of a 404 too."""
    try:
        with _OPENER.open(url, timeout=timeout) as response:
            return (response.status, {k.lower(): v for k, v in response.headers.items()},
                    response.read())
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def get_json(server: Server, path: str) -> Any:
    """The server's JSON at path; it must answer 200."""
    status, _, body = fetch(server.url + path)
    if status != 200:
        raise AssertionError(f"{path}: HTTP {status}")
    return json.loads(body)


def abu_kamal_strike(server: Server) -> str:
    """The id of the Abu Kamal event reported by most articles: the dossier `make demo`
    prints and the README shows."""
    events = get_json(server, "/events.json?place=Abu%20Kamal")["events"]
    if not events:
        raise AssertionError("no event at Abu Kamal in this store")
    return str(max(events, key=lambda e: e["n_articles"])["id"])


def csp_directives(header: str) -> dict[str, list[str]]:
    """Content-Security-Policy header -> {directive: [sources]}."""
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def security_header_problems(headers: Mapping[str, str]) -> list[str]:
    """How the response headers (lower-case names) differ from the web contract: scripts and
    styles only from our origin and never inline, no plugins, no <base>, no framing, no
    sniffing, no referrer. Empty when they follow it."""
    if "content-security-policy" not in headers:
        return ["no Content-Security-Policy header"]
    csp = csp_directives(headers["content-security-policy"])
    wanted = {"default-src": "'self'", "script-src": "'self'", "style-src": "'self'",
              "object-src": "'none'", "base-uri": "'none'", "frame-ancestors": "'none'"}
    problems = [f"{name} is {csp.get(name)}, not [{value}]" for name, value in wanted.items()
                if csp.get(name) != [value]]
    for name, value in (("x-content-type-options", "nosniff"),
                        ("referrer-policy", "no-referrer")):
        if headers.get(name) != value:
            problems.append(f"{name} is {headers.get(name)!r}, not {value!r}")
    return problems


class _InlineFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script" and not values.get("src"):
            self.problems.append("inline <script>")
        self.problems += [f"<{tag} {name}=...>" for name in values
                          if name == "style" or name.startswith("on")]
        loads = values.get("src") if tag in ("script", "img") else (
            values.get("href") if tag == "link" else None)
        if loads and not loads.startswith("/") and not loads.startswith("data:"):
            self.problems.append(f"<{tag}> loads {loads}")


def inline_problems(html: str) -> list[str]:
    """What in served HTML the CSP would block (inline scripts, <style>, style= and on*=
    attributes) or what would load from another origin. Checked on the raw markup because
    the browser only reports what it blocks, and Leaflet's own style= edits are not ours."""
    finder = _InlineFinder()
    finder.feed(html)
    return finder.problems


# Reports CSP violations to the test through an exposed function; injected by Playwright
# through the DevTools protocol, so the page's CSP does not apply to it.
_CSP_LISTENER_JS = """document.addEventListener('securitypolicyviolation', e =>
  window.__ntCsp(`${e.documentURI} ${e.violatedDirective} ${e.blockedURI}`));"""


@dataclass
class Visit:
    """A browser tab on one server, with everything worth complaining about recorded."""

    page: Page
    base: str
    artifacts: Path
    csp: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    def goto(self, path: str) -> Response:
        """Open base + path; it must answer 200."""
        response = self.page.goto(self.base + path, wait_until="load")
        if response is None or response.status != 200:
            raise AssertionError(f"{path}: HTTP {response.status if response else None}")
        return response

    def assert_clean(self) -> None:
        """No CSP violation (our own JS and CSS must not be blocked), no uncaught error,
        no dialog, no broken same-origin resource, nothing fetched from elsewhere."""
        assert self.csp == [], self.csp
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs
        assert self.bad_responses == [], self.bad_responses
        assert self.external == [], self.external

    def shot(self, name: str, part: Locator | None = None) -> Path:
        """Save a screenshot as artifacts/NAME.png: the full page, or one element of it."""
        self.artifacts.mkdir(parents=True, exist_ok=True)
        path = self.artifacts / f"{name}.png"
        if part is None:
            self.page.screenshot(path=str(path), full_page=True)
        else:
            part.screenshot(path=str(path))
        return path


def open_visit(browser: Browser, server: Server, artifacts: Path,
               width: int = 1280) -> Visit:
    """A tab in a fresh context on server. Requests to any other origin are blocked and
    recorded (the view must work offline: no tiles, fonts or CDNs unless configured)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    visit = Visit(page, server.url, artifacts)

    def on_violation(report: str) -> None:
        visit.csp.append(report)

    context.expose_function("__ntCsp", on_violation)
    context.add_init_script(_CSP_LISTENER_JS)

    def on_request(route: Route) -> None:
        url = route.request.url
        if url.startswith(server.url + "/") or url.startswith("data:"):
            route.continue_()
        else:
            visit.external.append(url)
            route.abort()

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            visit.csp.append(message.text)

    def on_dialog(dialog: Dialog) -> None:
        visit.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_response(response: Response) -> None:
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            visit.bad_responses.append(f"{response.status} {response.url}")

    context.route("**/*", on_request)
    page.on("console", on_console)
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    page.on("dialog", on_dialog)
    page.on("response", on_response)
    return visit
