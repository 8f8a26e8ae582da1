"""The columns of an import file, and the state labels an official may type instead of the codes."""
from tracking.services.validation import STATE_LABELS

COLUMNS = ("unit_code", "requirement_code", "period", "state", "date", "percent", "evidence", "note")
INFO_SUFFIX = "(tham khảo)"  # template columns that help the reader and are ignored on import
STATES_BY_LABEL = {label: code for code, label in STATE_LABELS.items()}
# A template row where none of these is filled was left untouched: it is skipped, not refused.
PROGRESS_COLUMNS = ("state", "date", "percent", "evidence", "note")
