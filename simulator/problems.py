"""The error every file reader raises: one line per problem (on the ground floor, so the CLI's
guard can catch it without importing pydantic)."""


class FileProblems(Exception):
    """A file that is not valid; `lines` holds one message per problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


class Refused(Exception):
    """A valid input the model refuses to run (e.g. past the engine's posts budget): its message
    is one line, and the command exits 1."""
