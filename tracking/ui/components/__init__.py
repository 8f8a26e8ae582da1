"""Widgets and blocks shared by the pages; each is a function show(..., key=...) -> value."""
