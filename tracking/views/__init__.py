"""The read side: queries that return plain data (DataFrames, dicts) for pages, exports and the CLI."""
