"""Plain, typed functions that build the site's generated content (no MkDocs import)."""
