"""The strict build: every page of the site map exists, nothing generated is committed, and
every page carries the security policy with nothing that could load from another origin."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from site_helpers import html_pages

pytestmark = pytest.mark.site

GENERATED = (
    "scale/index.md",
    "scale/scoring.md",
    "centres/index.md",
    "centres/faq.md",
    "centres/visiting.md",
    "reviews/index.md",
    "growth.md",
)


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml as a build with no environment variables set would see it."""


def _env_default(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV [NAME, default]` without NAME set: the default; `!ENV NAME`: nothing."""
    if isinstance(node, yaml.ScalarNode):
        return None
    assert isinstance(node, yaml.SequenceNode)
    return loader.construct_object(node.value[-1])


_Loader.add_constructor("!ENV", _env_default)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def mkdocs_config(root: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.load((root / "mkdocs.yml").read_text(), Loader=_Loader)
    return loaded


def built_path(site: Path, source: str) -> Path:
    """Where MkDocs (use_directory_urls) writes the page for a Markdown source path."""
    stem = source[: -len(".md")]
    if stem.endswith("index"):
        return site / stem[: -len("index")] / "index.html"
    return site / stem / "index.html"


def test_every_generated_page_is_built(built_site: Path, scale_yaml: dict[str, Any]) -> None:
    sources = [*GENERATED, *(f"scale/items/{item['id']}.md" for item in scale_yaml["items"])]
    missing = [s for s in sources if not built_path(built_site, s).is_file()]
    assert missing == []
    assert len(scale_yaml["items"]) == 25


def test_generated_pages_are_not_committed(root: Path) -> None:
    """Generated Markdown lives only in the build; a committed copy would go stale."""
    tracked = subprocess.run(
        ["git", "ls-files", "site_src"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.split()
    clashes = [p for p in tracked if p.removeprefix("site_src/") in GENERATED]
    clashes += [p for p in tracked if p.startswith("site_src/scale/")]
    assert clashes == []


def test_build_sources_stay_out_of_the_site(built_site: Path) -> None:
    leaked = [
        p.relative_to(built_site).as_posix()
        for p in built_site.rglob("*")
        if p.suffix in (".j2", ".py", ".pyc") or "hooks" in p.relative_to(built_site).parts
    ]
    assert leaked == []


def test_config_keeps_every_request_on_the_site(root: Path) -> None:
    config = mkdocs_config(root)
    assert config["theme"]["font"] is False
    assert "repo_url" not in config
    assert "analytics" not in config.get("extra", {})
    # No default address: only whoever deploys gives one (IPS_SITE_URL; test_site_url.py).
    assert config["site_url"] is None
    assert config["docs_dir"] == "site_src"
    assert config["theme"]["custom_dir"] == "overrides"
    for check in ("omitted_files", "not_found", "absolute_links"):
        assert config["validation"]["nav"][check] == "warn"
    for check in ("not_found", "anchors", "absolute_links", "unrecognized_links"):
        assert config["validation"]["links"][check] == "warn"


def _meta(page_html: str, attribute: str, value: str) -> str | None:
    for tag in re.findall(r"<meta\b[^>]*>", page_html):
        if f'{attribute}="{value}"' in tag:
            found = re.search(r'content="([^"]*)"', tag)
            return None if found is None else found.group(1).replace("&#39;", "'")
    return None


def test_every_page_declares_the_policy_first(built_site: Path, root: Path) -> None:
    policy = " ".join(mkdocs_config(root)["extra"]["csp"].split())
    for page in html_pages(built_site):
        source = page.read_text(encoding="utf-8")
        name = page.relative_to(built_site)
        assert _meta(source, "http-equiv", "Content-Security-Policy") == policy, name
        assert _meta(source, "name", "referrer") == "no-referrer", name
        head = source[: source.index("</head>")]
        first_resource = min(
            (i for i in (head.find("<script"), head.find("<link")) if i >= 0), default=len(head)
        )
        assert head.find("Content-Security-Policy") < first_resource, name


def test_policy_forbids_other_origins_and_inline_code(root: Path) -> None:
    directives = {
        d.split()[0]: d.split()[1:]
        for d in mkdocs_config(root)["extra"]["csp"].split(";")
        if d.strip()
    }
    for name in ("default-src", "script-src", "connect-src", "style-src", "font-src"):
        assert directives[name][0] == "'self'", name
        assert "'unsafe-inline'" not in directives[name], name
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["object-src"] == ["'none'"]
    for sources in directives.values():
        assert not any(s.startswith(("http:", "https:", "*")) or "." in s for s in sources)


def test_headers_file_is_published_with_the_same_policy(built_site: Path, root: Path) -> None:
    published = (built_site / "_headers").read_text(encoding="utf-8")
    assert published == (root / "site_src" / "_headers").read_text(encoding="utf-8")
    headers = dict(
        line.strip().split(": ", 1)
        for line in published.splitlines()
        if line.startswith("  ") and ": " in line
    )
    page = " ".join(mkdocs_config(root)["extra"]["csp"].split())
    assert "script-src 'self' 'wasm-unsafe-eval';" in page
    assert headers["Content-Security-Policy"] == f"{page}; frame-ancestors 'none'"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "/*" in published.splitlines(), "the headers must apply to every path"


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)


def test_no_inline_script_or_style_anywhere(built_site: Path) -> None:
    """The policy blocks inline code, so any left would be broken, not merely untidy."""
    problems = []
    for page in html_pages(built_site):
        source = page.read_text(encoding="utf-8")
        name = page.relative_to(built_site).as_posix()
        problems += [f"{name}: {m}" for m in INLINE_SCRIPT.findall(source)]
        problems += [f"{name}: {m}" for m in re.findall(r"<style\b[^>]*>", source)]
        problems += [f"{name}: {m}" for m in re.findall(r"<[^>]+\sstyle=\"[^>]*>", source)]
        problems += [f"{name}: {m}" for m in re.findall(r"<[^>]+\son[a-z]+=\"[^>]*>", source)]
    assert problems == []


RESOURCE = re.compile(
    r"<(?:script|img|iframe|source|video|audio|embed)\b[^>]*\bsrc=\"([^\"]+)\""
    r"|<link\b[^>]*\bhref=\"([^\"]+)\""
)


def test_nothing_points_at_another_origin(built_site: Path) -> None:
    """Pages, stylesheets and scripts name no resource on another origin."""
    problems = []
    for page in html_pages(built_site):
        source = page.read_text(encoding="utf-8")
        for match in RESOURCE.finditer(source):
            url = match.group(1) or match.group(2)
            if re.match(r"(?i)(https?:)?//", url) and 'rel="canonical"' not in match.group(0):
                problems.append(f"{page.relative_to(built_site)}: {url}")
    for sheet in built_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", sheet.read_text(encoding="utf-8")):
            if re.match(r"(?i)(https?:)?//", url):
                problems.append(f"{sheet.relative_to(built_site)}: {url}")
        if "@import" in sheet.read_text(encoding="utf-8"):
            problems.append(f"{sheet.relative_to(built_site)}: @import")
    assert problems == []
