"""The scorer's memory snapshot (issue 12), in Chromium.

A first visit loads Python the normal way and keeps a snapshot (in the site's private file
storage), taken before any answer reached Python; a later visit in the same profile starts from
it and scores exactly as CPython. Anything wrong with the snapshot (stale, damaged, described by
nothing, a restore that throws, storage refused, stalled or full, no CompressionStream) means the normal
load without a word, and the bad copy is replaced.
Timing is measured by `./dev bench`, not asserted here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from assessment_roles import note
from browser_cases import boundary_cases, example_cases
from browser_helpers import Recorder, check_recorder, open_context, wait_until
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from scorer.errors import AssessmentError
from scorer.result import score
from scorer.scale_files import default_scale

pytestmark = pytest.mark.browser

NOTE = "zq-private-note-7781"
FOLDER = "ips-runtime-snapshot"
STORE_MODULE = "/assets/assessment/snapshot-store.js"
ONE = {"items": {"caseload-size": {"evidence": {"active_clients": 72, "specialists_fte": 4}}}}


@pytest.fixture
def profile(browser: Browser, site_url: str) -> Iterator[tuple[BrowserContext, Recorder]]:
    context, recorder = open_context(browser, site_url)
    yield context, recorder
    context.close()
    check_recorder(recorder)


def visit(page: Page, url: str) -> str:
    """Open the self-assessment, wait for `ready`; how Python started ('snapshot' or 'load')."""
    page.goto(url + "self-assessment/")
    page.evaluate("() => window.ipsFidelity.ready")
    marks = page.evaluate(
        "performance.getEntriesByType('mark').map(m => m.name)"
        ".filter(n => n.startsWith('ips-scorer-ready-from-'))"
    )
    assert len(marks) == 1, marks
    return str(marks[0]).removeprefix("ips-scorer-ready-from-")


# The kept snapshot's description (about.json: key, checksum, size, length), or null.
ABOUT = """async (name) => {
  try {
    const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle(name);
    return JSON.parse(await (await (await folder.getFileHandle("about.json")).getFile()).text());
  } catch {
    return null;
  }
}"""


def stored(page: Page) -> dict[str, Any] | None:
    """The kept snapshot's description, or None."""
    return page.evaluate(ABOUT, FOLDER)  # type: ignore[no-any-return]


def folder_exists(page: Page) -> bool:
    return bool(
        page.evaluate(
            """async (name) => {
              try {
                await (await navigator.storage.getDirectory()).getDirectoryHandle(name);
                return true;
              } catch {
                return false;
              }
            }""",
            FOLDER,
        )
    )


# Whether the worker kept the snapshot it made, once it has tried (a mark for tests only).
SNAPSHOT_OUTCOME = (
    "performance.getEntriesByType('mark').map(m => m.name)"
    ".find(n => n.startsWith('ips-scorer-snapshot-'))"
)


def wait_for_snapshot(page: Page) -> dict[str, Any]:
    return wait_until(page, ABOUT, arg=FOLDER)  # type: ignore[no-any-return]


def scores_correctly(page: Page) -> None:
    result = page.evaluate("(a) => window.ipsFidelity.score(a)", ONE)
    assert result["total"] == 5 and result["answered"] == 1


def rewrite(page: Page, change: str) -> None:
    """Replace the kept snapshot: `change` is a JS function body given `bytes` (the packed
    bytes), `store` (snapshot-store.js), `about` (its description, a plain object) and `folder`
    (its directory handle), returning new bytes or nothing (then `bytes` is written back)."""
    page.evaluate(
        f"""async ([name, module]) => {{
          const store = await import(module);
          const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle(name);
          const read = async (file) => (await folder.getFileHandle(file)).getFile();
          const about = JSON.parse(await (await read("about.json")).text());
          const bytes = new Uint8Array(await (await read("memory")).arrayBuffer());
          const write = async (file, data) => {{
            const writable = await (await folder.getFileHandle(file)).createWritable();
            await writable.write(data);
            await writable.close();
          }};
          const result = await (async () => {{ {change} }})();
          await write("memory", result || bytes);
          if (await folder.getFileHandle("about.json").then(() => true, () => false)) {{
            await write("about.json", JSON.stringify(about));
          }}
        }}""",
        [FOLDER, STORE_MODULE],
    )


def contains(page: Page, text: str) -> bool:
    """Whether the kept snapshot's bytes hold `text` (ASCII, so the same in UTF-8 and in
    Python's one-byte strings), searched in the page."""
    return bool(
        page.evaluate(
            """async ([name, module, text]) => {
              const store = await import(module);
              const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle(name);
              const file = await (await folder.getFileHandle("memory")).getFile();
              const bytes = store.unpack(new Uint8Array(await file.arrayBuffer()));
              const needle = new TextEncoder().encode(text);
              outer: for (let i = bytes.indexOf(needle[0]); i !== -1; i = bytes.indexOf(needle[0], i + 1)) {
                for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
                return true;
              }
              return false;
            }""",
            [FOLDER, STORE_MODULE, text],
        )
    )


def cpython(assessment: Any) -> Any:
    try:
        return score(assessment, default_scale())
    except AssessmentError as error:
        return {"errors": [problem.to_dict() for problem in error.problems]}


def test_second_visit_starts_from_the_snapshot_holds_no_answer_and_scores_as_cpython(
    profile: tuple[BrowserContext, Recorder], site_url: str, root: Path
) -> None:
    context, _ = profile
    page = context.new_page()
    page.goto(site_url + "self-assessment/")
    # An answer given before the scorer is ready: it must never be in the snapshot.
    note(page, 7).fill(NOTE)
    page.evaluate("() => window.ipsFidelity.ready")
    about = wait_for_snapshot(page)
    assert about["key"].startswith("pyodide-")
    assert about["size"] > 1_000_000 and about["length"] > about["size"]
    scores_correctly(page)
    assert contains(page, "caseload-size"), "the configured scale should be in the snapshot"
    assert not contains(page, NOTE), "an answer was in the snapshot"

    assert visit(page, site_url) == "snapshot"
    expect(note(page, 7)).to_have_value(NOTE)
    cases = [*example_cases(root), *boundary_cases()]
    answers = page.evaluate(
        "(cases) => Promise.all(cases.map((c) => window.ipsFidelity.score(c)))",
        [assessment for _, assessment in cases],
    )
    for (name, assessment), answer in zip(cases, answers, strict=True):
        assert answer == cpython(assessment), name
    # The site search works there too: its index waits for the scorer, then arrives.
    search_dialog = page.get_by_role("dialog", name="Search")
    expect(search_dialog).not_to_contain_text("Initializing", timeout=15_000)
    search = search_dialog.get_by_role("textbox", name="Search")
    search.click()
    search.press_sequentially("caseload", delay=30)
    expect(search_dialog).to_contain_text("matching document", timeout=15_000)
    # The tools share the worker and so the snapshot.
    page.goto(site_url + "tools/workforce/")
    marks = wait_until(
        page,
        "performance.getEntriesByType('mark').map(m => m.name)"
        ".filter(n => n.startsWith('ips-scorer-ready-from-')).join()",
    )
    assert marks == "ips-scorer-ready-from-snapshot"


BREAKAGES: dict[str, str] = {
    "stale": "about.key = about.key.replace('pyodide-', 'pyodide-0');",
    "damaged": "bytes[bytes.length - 5000] ^= 0xff;",
    "truncated": "return bytes.subarray(0, bytes.length - 4096);",
    "described by nothing": "await folder.removeEntry('about.json');",
    "restore throws": """
        const inner = store.unpack(bytes);
        inner[0] ^= 0xff; // Pyodide's own header: its magic number
        const packed = store.pack(inner);
        about.checksum = store.checksum(packed);
        about.size = packed.byteLength;
        return packed;""",
}


@pytest.mark.parametrize("breakage", list(BREAKAGES))
def test_a_bad_snapshot_falls_back_quietly_and_is_replaced(
    context: BrowserContext, site_url: str, breakage: str
) -> None:
    # A returning visitor's profile (tests/conftest.py), whose good snapshot is broken here and
    # must be replaced by the end: the next test in the profile starts from the new one.
    page = context.new_page()
    assert visit(page, site_url) == "snapshot"
    good = stored(page)
    assert good is not None
    rewrite(page, BREAKAGES[breakage])
    assert stored(page) != good or breakage in ("damaged", "truncated")

    assert visit(page, site_url) == "load"
    scores_correctly(page)
    again = wait_for_snapshot(page)
    assert again["key"] == good["key"], "the bad copy should be replaced"
    assert visit(page, site_url) == "snapshot"
    scores_correctly(page)


def worker_prelude(context: BrowserContext, prelude: str) -> None:
    """Run `prelude` at the start of the scorer's worker (Playwright's init scripts reach pages,
    not workers): the worker script is served with it prepended."""

    def handle(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=prelude + "\n" + response.text())

    context.route("**/assets/assessment/worker.js*", handle)


def no_compression(context: BrowserContext) -> None:
    context.add_init_script("delete window.CompressionStream; delete window.DecompressionStream;")
    worker_prelude(context, "delete self.CompressionStream; delete self.DecompressionStream;")


BROKEN_STORAGE: dict[str, Callable[[BrowserContext], None]] = {
    "storage refused": lambda context: worker_prelude(
        context,
        "StorageManager.prototype.getDirectory = "
        "() => Promise.reject(new DOMException('refused', 'SecurityError'));",
    ),
    # Storage that never answers: after its few seconds' budget the store goes on without it.
    "storage stalls": lambda context: worker_prelude(
        context, "StorageManager.prototype.getDirectory = () => new Promise(() => {});"
    ),
    "storage full": lambda context: worker_prelude(
        context,
        "FileSystemWritableFileStream.prototype.write = "
        "() => Promise.reject(new DOMException('full', 'QuotaExceededError'));",
    ),
    "no CompressionStream": no_compression,
}


@pytest.mark.parametrize("trouble", list(BROKEN_STORAGE))
def test_storage_trouble_means_the_normal_load(
    profile: tuple[BrowserContext, Recorder], site_url: str, trouble: str
) -> None:
    context, _ = profile
    BROKEN_STORAGE[trouble](context)
    page = context.new_page()
    first = visit(page, site_url)
    assert first == "load"
    scores_correctly(page)
    kept_or_not = wait_until(page, SNAPSHOT_OUTCOME)
    if trouble == "no CompressionStream":
        # Not needed: zero pages are left out instead of compressing.
        assert kept_or_not == "ips-scorer-snapshot-kept"
        assert visit(page, site_url) == "snapshot"
        scores_correctly(page)
    else:
        # The first visit has met the trouble both reading (nothing to read) and writing: the
        # scorer works, and nothing, not even a half-written file, is left behind.
        assert kept_or_not == "ips-scorer-snapshot-not-kept"
        assert stored(page) is None
        assert not folder_exists(page), "nothing half-written should be left behind"
