"""MkDocs hook: make the built site ready for a static host (sitegen.static_host).

Checks that site_src/_headers sends the pages' Content-Security-Policy (mkdocs.yml extra.csp)
with its one header-only addition, and leaves the generated pages' Jinja templates
(overrides/generated/*.j2) out of the site.
"""

from __future__ import annotations

from pathlib import Path

from hook_support import reported
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from sitegen.static_host import check_headers, check_published, is_build_only


@reported
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    check_headers(config.extra.get("csp"), Path(config.docs_dir))
    return config


@reported
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in list(files):
        if is_build_only(file.src_uri):
            files.remove(file)
    check_published(files.src_uris)
    return files
