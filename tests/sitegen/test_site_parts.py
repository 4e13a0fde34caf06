"""The smaller parts of the generation without MkDocs: the static host's headers, the fixes to
the theme's markup, the planning tools' rules and context, and the build date."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest

from sitegen.accessibility import fix_page, fix_template
from sitegen.errors import BuildError
from sitegen.project import BUILD_DATE_VARIABLE, build_date
from sitegen.runtime import Runtime
from sitegen.static_host import check_headers, check_published, header_policy, is_build_only
from sitegen.tools import (
    MARKER,
    check_marker,
    is_tool_page,
    load_planning,
    tool_context,
    write_planning,
)

POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"


def test_header_policy_adds_only_header_directives() -> None:
    assert header_policy(POLICY) == (
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
        "frame-ancestors 'none'"
    )


def test_the_headers_file_must_send_the_pages_policy(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match=r"extra\.csp .* is missing"):
        check_headers(None, tmp_path)
    with pytest.raises(BuildError, match="missing"):
        check_headers(POLICY, tmp_path)
    headers = tmp_path / "_headers"
    headers.write_text(f"/*\n  Content-Security-Policy: {POLICY}\n", encoding="utf-8")
    with pytest.raises(BuildError, match="frame-ancestors 'none' added"):
        check_headers(POLICY, tmp_path)
    headers.write_text(f"/*\n  Content-Security-Policy: {header_policy(POLICY)}\n")
    check_headers("  " + POLICY.replace("; ", ";\n  "), tmp_path)  # spacing does not matter


def test_templates_stay_out_and_headers_are_published() -> None:
    assert is_build_only("generated/item.md.j2") and not is_build_only("index.md")
    check_published(["index.md", "_headers"])
    with pytest.raises(BuildError, match="_headers is not among"):
        check_published(["index.md"])


def test_checkboxes_lose_autocomplete_and_a_lone_toc_label_its_for() -> None:
    toggle = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
    page = toggle + 'autocomplete="off"><label class="md-nav__title" for="__toc">Contents</label>'
    fixed, count = fix_page(page)
    assert count == 1 and "autocomplete" not in fixed
    assert '<label class="md-nav__title">Contents</label>' in fixed
    with_toc = page + '<input class="md-toggle" type="checkbox" id="__toc">'
    assert 'for="__toc"' in fix_page(with_toc)[0]
    assert fix_template(toggle + 'autocomplete="off">') == toggle[:-1] + ">"


def test_the_tools_rules_and_context_come_from_the_scale(root: Path, tmp_path: Path) -> None:
    planning = load_planning(root / "scale")
    runtime = Runtime(wheel_name="w-py3-none-any.whl", version="abc")
    context = tool_context(planning, runtime)
    assert context["version"] == f"abc-{planning.version}"
    assert context["planning"] == f"assets/tools/planning.json?v={planning.version}"
    assert context["wheel"] == "assets/scorer/w-py3-none-any.whl?v=abc"
    assert context["show"](2.5) == "2.5" and context["show"](3) == "3"
    write_planning(planning, tmp_path)
    assert json.loads((tmp_path / "assets/tools/planning.json").read_bytes()) == json.loads(
        planning.json
    )
    assert is_tool_page("tools/timetable.html") and not is_tool_page(None)


def test_a_tool_page_marks_its_place_once() -> None:
    check_marker("tools/x.md", f"<p>Intro</p>{MARKER}")
    for html in ("<p>none</p>", MARKER * 2):
        with pytest.raises(BuildError, match=r"tools/x\.md must contain"):
            check_marker("tools/x.md", html)


def test_a_planning_mistake_names_the_file(root: Path, tmp_path: Path) -> None:
    scale = tmp_path / "scale"
    shutil.copytree(root / "scale", scale)
    (scale / "planning.yaml").write_text("nothing: here\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"planning data in scale/ is not valid: .*planning"):
        load_planning(scale)


def test_the_build_date_can_be_pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BUILD_DATE_VARIABLE, "2027-05-05")
    assert build_date() == datetime.date(2027, 5, 5)
    monkeypatch.setenv(BUILD_DATE_VARIABLE, "5 May 2027")
    with pytest.raises(BuildError, match="is not a YYYY-MM-DD date"):
        build_date()
