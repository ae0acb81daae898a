"""The one error a reader reports: a bad file, line or item, named so a user can find it."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """One bad input. `str(err)` is one line: `PATH[:LINE]: reason`.

    Readers yield these instead of raising, so one bad file never stops a batch.
    """

    def __init__(self, path: str | Path, reason: str, line: int | None = None) -> None:
        # args mirror the signature so the error pickles across worker processes
        super().__init__(str(path), reason, line)
        self.path = str(path)
        self.reason = " ".join(reason.split())  # always one line
        self.line = line

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"

    def __repr__(self) -> str:
        return f"InputError({str(self)!r})"
