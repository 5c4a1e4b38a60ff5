"""A real headless Chromium (Debian's `chromium`), driven over the DevTools protocol
on a pipe: no driver download, no extra Python package.

    with Browser() as browser:
        page = browser.open(path, ready="document.body.dataset.rendered !== 'no'")
        page.evaluate("document.title"); page.console_errors; page.requests

Chromium reads protocol messages on file descriptor 3 and writes them on 4, each a
JSON object ended by a NUL byte (``--remote-debugging-pipe``).
"""
from __future__ import annotations

import base64
import fcntl
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                  "--remote-debugging-pipe"]
INSTALL_HINT = "install Debian's chromium: apt-get install -y chromium"
#: set (to 1) where the renderers must be there: CI (.ci/run) never skips these tests
REQUIRE = "ORGCHECK_REQUIRE_BROWSER"


def need(found: object, missing: str) -> None:
    """A test that needs an external renderer (chromium, the Mermaid bundle) is skipped
    without it, with the reason in pytest's summary, on a machine that lacks it; where
    ORGCHECK_REQUIRE_BROWSER=1 (CI) it fails instead."""
    if found:
        return
    import pytest

    if os.environ.get(REQUIRE, "") not in ("", "0"):
        pytest.fail(f"{missing} ({REQUIRE} is set: the browser tests are required here)", pytrace=False)
    pytest.skip(f"{missing}; set {REQUIRE}=1 to make this a failure")


def chromium_path() -> str:
    """The browser binary; without one the test is skipped, or fails where required."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    need(found, f"needs a headless chromium and found none on PATH: {INSTALL_HINT}")
    return found  # type: ignore[return-value]


class ProtocolError(Exception):
    pass


class Page:
    """One tab, with what it logged and requested since it opened."""

    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session
        self.console: list[tuple[str, str]] = []  # (level, text)
        self.exceptions: list[str] = []
        self.requests: list[str] = []

    def send(self, method: str, params: dict | None = None, timeout: float = 60) -> dict:
        return self.browser.send(method, params, self.session, timeout)

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise ProtocolError(f"{expression!r} raised {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not self.evaluate(f"Boolean({expression})"):
            if time.monotonic() > deadline:
                raise AssertionError(f"page never got to: {expression}")
            time.sleep(0.05)

    @property
    def console_errors(self) -> list[str]:
        return [text for level, text in self.console if level in ("error", "assert")] + self.exceptions

    def screenshot(self, path: Path, selector: str | None = None, width: int = 1280) -> None:
        """A PNG of the page, or of the element ``selector`` (the whole of it)."""
        self.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1,
                                                         "mobile": False})
        params: dict[str, Any] = {"format": "png", "captureBeyondViewport": True}
        if selector:
            box = self.evaluate(f"(() => {{ const r = document.querySelector({json.dumps(selector)})"
                                 ".getBoundingClientRect(); "
                                 "return [r.left + scrollX, r.top + scrollY, r.width, r.height]; })()")
            params["clip"] = {"x": box[0], "y": box[1], "width": box[2], "height": box[3], "scale": 1}
        data = self.send("Page.captureScreenshot", params)["data"]
        Path(path).write_bytes(base64.b64decode(data))


class Browser:
    def __init__(self) -> None:
        self.binary = chromium_path()
        self._ids = 0
        self._responses: dict[int, dict] = {}
        self._events: queue.Queue[dict] = queue.Queue()
        self._lock = threading.Condition()
        self.pages: dict[str, Page] = {}

    def __enter__(self) -> Browser:
        self._profile = tempfile.mkdtemp(prefix="orgcheck-chromium-")
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def wire() -> None:  # in the child: our pipe ends become its fds 3 and 4
            a = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.process = subprocess.Popen(
            [self.binary, *CHROMIUM_FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire, close_fds=False)  # keep 3 and 4 (other fds leak harmlessly)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        try:
            self.send("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._to_chrome, self._from_chrome):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self._profile, ignore_errors=True)

    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = os.read(self._from_chrome, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                with self._lock:
                    self._responses[-1] = {"closed": True}
                    self._lock.notify_all()
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "id" in message:
                    with self._lock:
                        self._responses[message["id"]] = message
                        self._lock.notify_all()
                else:
                    self._on_event(message)

    def _on_event(self, message: dict) -> None:
        page = self.pages.get(message.get("sessionId", ""))
        if page is None:
            return
        method, params = message["method"], message.get("params", {})
        if method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            page.console.append((params.get("type", ""), text))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            page.exceptions.append(details.get("exception", {}).get("description") or details.get("text", ""))
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            page.console.append((entry.get("level", ""), entry.get("text", "")))
        elif method == "Network.requestWillBeSent":
            page.requests.append(params.get("request", {}).get("url", ""))

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 60) -> dict:
        with self._lock:
            self._ids += 1
            ident = self._ids
        message: dict[str, Any] = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        with self._lock:
            while ident not in self._responses:
                if -1 in self._responses:
                    raise ProtocolError(f"chromium exited while answering {method}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise ProtocolError(f"no answer to {method} in {timeout}s")
                self._lock.wait(left)
            answer = self._responses.pop(ident)
        if "error" in answer:
            raise ProtocolError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    def open(self, path: Path, ready: str | None = None, timeout: float = 60) -> Page:
        """Open a local file in a new tab; wait for its load event and for ``ready``."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session)
        self.pages[session] = page
        for domain in ("Page", "Runtime", "Log", "Network"):
            page.send(f"{domain}.enable")
        url = Path(path).resolve().as_uri()
        page.send("Page.navigate", {"url": url})
        page.wait_for("document.readyState === 'complete' && location.href !== 'about:blank'", timeout)
        if ready:
            page.wait_for(ready, timeout)
        return page
