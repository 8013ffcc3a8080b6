"""Typed errors of newstrace.

Every failure a user can cause has a class here, so the CLI boundary can turn it into one
clear message and an exit code instead of a traceback. Library callers catch the classes.
"""

from __future__ import annotations


class NewstraceError(Exception):
    """Base of every error newstrace raises on purpose."""

    exit_code = 1


class UsageError(NewstraceError):
    """The command was asked for something it cannot mean (bad flag value, unknown id)."""

    exit_code = 2


class ConfigError(UsageError):
    """A configuration file or environment variable holds a value newstrace cannot use."""


class NotFoundError(NewstraceError):
    """A requested record (article, event...) is not in the store."""


class StoreError(NewstraceError):
    """The database cannot be opened or is not a newstrace store."""


class PipelineError(NewstraceError):
    """Stages were asked to run in an order that leaves a need unmet."""


class InputRejected(NewstraceError):
    """One input (a file, a feed item, a WARC record, a JSON line) cannot become an article.

    Carries a stable reason code so rejections can be counted and filtered by kind.
    """

    def __init__(self, input_ref: str, reason: str, message: str) -> None:
        super().__init__(f"{input_ref}: {message}")
        self.input_ref = input_ref
        self.reason = reason
        self.detail = message


class QueryTimeout(StoreError):
    """A read took longer than the time the web view allows a page (a public server must
    not let one request hold a reader)."""
