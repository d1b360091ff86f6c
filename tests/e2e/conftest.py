"""A real browser (Debian's Chromium through Playwright) against the app served on 127.0.0.1.

Screenshots of each step go to test-artifacts/journeys/ (git-ignored) for people to look at.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest



ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts" / "journeys"
EDITOR_PASSWORD = "editor password 1"
OFFICER_PASSWORD = "officer password 1"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(url: str, process: subprocess.Popen, output, *, seconds: float) -> None:
    """Wait for `process` to answer at `url`; fail with the end of its `output` if it stops or takes too long."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                said = output.read()
                said = said.decode(errors="replace") if isinstance(said, bytes) else said
                pytest.fail("the app did not start: " + said[-2000:])
            time.sleep(0.2)


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """`tracker serve` and `tracker worker` on a fresh instance with two users, as the README's run command sets
    them up."""
    instance = tmp_path_factory.mktemp("e2e-instance")
    env = {**os.environ, "TRACKER_INSTANCE": str(instance)}
    env.pop("TRACKER_DATABASE_URL", None)
    tracker = [sys.executable, "-m", "tracker.cli"]
    subprocess.run([*tracker, "db", "upgrade"], env=env, check=True, capture_output=True)
    for name, role, password in (("dora", "editor", EDITOR_PASSWORD), ("otto", "officer", OFFICER_PASSWORD)):
        subprocess.run([*tracker, "users", "add", name, "--role", role], input=password + "\n", text=True, env=env,
                       check=True, capture_output=True)
    port = _free_port()
    server = subprocess.Popen([*tracker, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    # and, as scripts/serve.sh does, one worker beside it for the minutes editors add
    worker = subprocess.Popen([*tracker, "worker", "--poll", "0.2"], env={**env, "TRACKER_INGEST_NICE": "0"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    wait_until_serving(url, server, server.stderr, seconds=30)
    yield {"url": url, "env": env, "instance": instance}
    for process in (server, worker):
        process.terminate()
    for process in (server, worker):
        process.wait(60)
    server.stderr.close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed at /usr/bin/chromium; .ci/run installs it from Debian")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    if call.when == "call":
        item.journey_failed = outcome.get_result().failed


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    if getattr(request.node, "journey_failed", False):  # what the browser showed when the journey broke
        folder = ARTIFACTS / request.node.name
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / "failed.png"), full_page=True)
    context.close()


@pytest.fixture
def snap(request, page):
    """snap("03-review") saves a full-page screenshot of `page` (or of `on`, another tab) as a test artefact;
    full_page=False keeps only what is in the window, to show where the browser landed."""
    folder = ARTIFACTS / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)

    def take(step: str, *, on=None, full_page: bool = True):
        (on or page).screenshot(path=str(folder / f"{step}.png"), full_page=full_page)

    take.folder = folder
    return take
