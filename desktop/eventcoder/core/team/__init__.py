"""Team coding: several annotators' codings compared (agreement), merged (merge, package) and adjudicated into
one curated layer (curation). Headless; the window's adjudication view and the CLI call these."""
