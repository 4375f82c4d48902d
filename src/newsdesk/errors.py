"""Errors a user can act on: each names the input, the line or record, and what was expected."""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base class. The CLI prints ``str(err)`` on one line and exits with status 2."""

    def __init__(self, message: str, *, source: str | None = None, where: str | None = None):
        self.message = message
        self.source = source
        self.where = where
        super().__init__(self.format())

    def format(self) -> str:
        prefix = ""
        if self.source:
            prefix = self.source
            if self.where:
                prefix += f", {self.where}"
            prefix += ": "
        return prefix + self.message


class InputError(NewsdeskError):
    """An input that cannot be read: missing, empty, binary, undecodable, malformed."""


class RecordError(NewsdeskError):
    """One record of an input is bad; the rest of the input is still processed."""


class StoreError(NewsdeskError):
    """The store cannot be opened or written."""


class PipelineError(NewsdeskError):
    """The stages cannot run in the order given (a stage needs what no earlier stage assigns)."""
