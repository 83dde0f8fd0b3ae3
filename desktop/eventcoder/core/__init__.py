"""The headless core: never imports Qt (a test enforces it)."""
