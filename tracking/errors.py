"""Errors whose message is meant for the user (Vietnamese, one line, names the field)."""


class TrackingError(Exception):
    """A refusal the user can act on. The CLI prints it as one line; pages show it with st.error."""


class InvalidInput(TrackingError):
    def __init__(self, field: str, reason: str):
        self.field = field
        self.reason = reason
        super().__init__(f"Trường '{field}': {reason}")


class DataFileError(TrackingError):
    """A plan or units file that does not validate: every problem is listed, not only the first."""

    def __init__(self, path: str, problems: list[str]):
        self.path = path
        self.problems = problems
        super().__init__(f"Tệp {path} không hợp lệ: " + "; ".join(problems))
