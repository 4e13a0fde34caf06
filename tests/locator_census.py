"""Counts the browser test functions by how they find what they act on and read: by role,
label or text as a person does, by CSS selectors, by both, or by neither (those that only call
the page's JavaScript API).

usage: python tests/locator_census.py [GIT-REVISION]   (default: the working tree)

A CSS selector that carries a comment on its own line or at its end is counted as explained.
Helpers of the test modules that locate by role (`rating`, `interview_field`, ...) count as role
lookups where a test calls them.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    [
        *ROOT.glob("tests/browser/test_browser*.py"),
        ROOT / "tests/browser/test_engines.py",
        ROOT / "tests/site/test_browser.py",
        ROOT / "tests/tools/test_tools_browser.py",
        ROOT / "tests/tools/test_tools_people.py",
    ]
)
ROLE = re.compile(r"\.get_by_(role|label|text|placeholder|title|alt_text)\(")
# Selector strings given to Playwright's CSS-taking methods: the page's own (page.click("#x"))
# and any .locator("...") or selector query; a locator's .fill("text") takes no selector.
CSS_CALL = re.compile(
    r"(\b(page|shared)\.(click|fill|check|uncheck|select_option|inner_text|text_content|"
    r"input_value|is_visible|is_hidden|is_checked|get_attribute|set_input_files|"
    r"dispatch_event|press|type|focus|hover)|\.(locator|wait_for_selector|query_selector|"
    r"query_selector_all|eval_on_selector|eval_on_selector_all))\(\s*f?[\"']"
)
CSS_TAB = re.compile(r"\btab_to\(\s*page,\s*f?[\"']")


def source(path: Path, revision: str | None) -> str | None:
    if revision is None:
        return path.read_text(encoding="utf-8") if path.exists() else None
    shown = subprocess.run(
        ["git", "show", f"{revision}:{path.relative_to(ROOT).as_posix()}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return shown.stdout if shown.returncode == 0 else None


def role_helpers(tree: ast.Module, text: str) -> set[str]:
    """Module-level functions whose body finds things by role (used by the tests)."""
    found = set()
    for node in tree.body:
        if (
            isinstance(node, ast.FunctionDef)
            and not node.name.startswith("test_")
            and ROLE.search(ast.get_source_segment(text, node) or "")
        ):
            found.add(node.name)
    return found


def kind(body: str, helpers: set[str]) -> str:
    css = bool(CSS_CALL.search(body) or CSS_TAB.search(body))
    role = bool(ROLE.search(body)) or any(re.search(rf"\b{h}\(", body) for h in helpers)
    role = role or bool(re.search(r"\b(rating|note|total|answered|results|summary)\(", body))
    return {(True, True): "mixed", (True, False): "CSS only", (False, True): "roles only"}.get(
        (css, role), "neither (JavaScript API only)"
    )


def missing_lines(text: str) -> list[str]:
    """Lines with a CSS selector and no comment on that line or the line above."""
    lines = text.splitlines()
    found = []
    for number, line in enumerate(lines):
        if CSS_CALL.search(line) or CSS_TAB.search(line):
            above = lines[number - 1].strip() if number else ""
            if "#" not in line.split('"')[-1] and not above.startswith("#"):
                found.append(f"{number + 1}: {line.strip()}")
    return found


def uncommented_css(text: str) -> int:
    return len(missing_lines(text))


def main() -> None:
    given = [a for a in sys.argv[1:] if a != "-v"]
    revision = given[0] if given else None
    totals: Counter[str] = Counter()
    uncommented = 0
    for path in FILES:
        text = source(path, revision)
        if text is None:
            continue
        tree = ast.parse(text)
        helpers = role_helpers(tree, text)
        counts: Counter[str] = Counter()
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                counts[kind(ast.get_source_segment(text, node) or "", helpers)] += 1
        missing = uncommented_css(text)
        uncommented += missing
        totals.update(counts)
        line = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
        print(f"{path.relative_to(ROOT)}: {line}; CSS lines without a comment: {missing}")
        if "-v" in sys.argv:
            for where in missing_lines(text):
                print("   ", where)
    print("total:", ", ".join(f"{k}: {v}" for k, v in sorted(totals.items())))
    print("CSS selector lines without a comment:", uncommented)


if __name__ == "__main__":
    main()
