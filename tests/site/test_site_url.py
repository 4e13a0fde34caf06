"""The public address comes from whoever deploys (IPS_SITE_URL): with it, every page's canonical
link and the sitemap point at that address; without it, there is none of either and no made-up
host anywhere in the site."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from site_helpers import html_pages, page_url

pytestmark = pytest.mark.site

ADDRESS = "https://fidelity.example.nhs.uk/ips/"
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)"')
# The address mkdocs.yml used to fall back to: nothing may name it any more.
PLACEHOLDER = "ips-fidelity.example"


def text_files(site: Path) -> list[Path]:
    suffixes = {".html", ".xml", ".js", ".json", ".txt", ".css"}
    return [p for p in site.rglob("*") if p.is_file() and p.suffix in suffixes]


def sitemap_locations(site: Path) -> list[str]:
    return re.findall(r"<loc>([^<]*)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def deployed_site(root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as the Pages workflow builds it, with the public address given."""
    out = tmp_path_factory.mktemp("deployed-site")
    env = {**os.environ, "IPS_SITE_URL": ADDRESS, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", "-d", str(out)],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    return out


def test_without_an_address_there_is_no_canonical_link_and_no_placeholder(
    built_site: Path, pages: list[Path]
) -> None:
    assert not [p for p in pages if CANONICAL.search(p.read_text(encoding="utf-8"))]
    assert sitemap_locations(built_site) == []
    named = [
        p.relative_to(built_site).as_posix()
        for p in text_files(built_site)
        if PLACEHOLDER in p.read_text(encoding="utf-8", errors="replace")
    ]
    assert named == []


def test_with_an_address_every_page_is_canonical_at_it(deployed_site: Path) -> None:
    pages = [p for p in html_pages(deployed_site) if p.name == "index.html"]
    assert len(pages) > 30
    for page in pages:
        found = CANONICAL.findall(page.read_text(encoding="utf-8"))
        assert found == [ADDRESS + page_url(deployed_site, page)], page
    locations = sitemap_locations(deployed_site)
    assert ADDRESS in locations and f"{ADDRESS}self-assessment/" in locations
    assert all(location.startswith(ADDRESS) for location in locations)
    assert not [
        p for p in text_files(deployed_site) if PLACEHOLDER in p.read_text(errors="replace")
    ]
