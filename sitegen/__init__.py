"""The site's generation as plain, typed functions that know nothing of the site generator.

MkDocs calls them through thin adapters in overrides/hooks/ (one per hook, each turning MkDocs
objects into plain values). Moving to another generator means writing new adapters over these
functions, not rewriting them. Nothing here imports MkDocs (tests/sitegen/test_sitegen_layout.py
checks it), and this package is not part of the scorer wheel.

- scale_pages, rule_rows, improve: the scale's pages, the item pages' place in the navigation and
  their "How to improve" figures;
- content_pages, content_schemas, schema: the Centres, FAQ, review and growth pages, with their
  YAML checked file and line;
- runtime, wheel, service_worker: what the pages that score ship (the Pyodide runtime, the
  scorer wheel, scale.json, versioned imports) and the service worker's list;
- tools, team: what the planning tools' and the team and progress pages' templates get;
- static_host, accessibility: the static host's headers and fixes to the theme's markup;
- templates, project, errors: shared by the above.
"""
