"""The columns of an import file."""
COLUMNS = ("unit_code", "requirement_code", "period", "state", "date", "percent", "evidence", "note")
INFO_SUFFIX = "(tham khảo)"  # template columns that help the reader and are ignored on import
# A template row where none of these is filled was left untouched: it is skipped, not refused.
PROGRESS_COLUMNS = ("state", "date", "percent", "evidence", "note")
