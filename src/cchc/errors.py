"""Typed errors shared by every part of cchc.

Each error carries a Vietnamese message for people (UI, CLI) and an English one for logs.
The CLI, the API and the web pages turn them into one shape per surface.
"""

from __future__ import annotations


class CchcError(Exception):
    """Base of every error a user can cause; never shown as a traceback."""

    exit_code = 2
    http_status = 400

    def __init__(self, message_vi: str, message_en: str | None = None) -> None:
        super().__init__(message_en or message_vi)
        self.message_vi = message_vi
        self.message_en = message_en or message_vi

    def __str__(self) -> str:
        return self.message_vi

    def __reduce__(self) -> tuple:
        """Pickled whole (both messages), e.g. from a reading's child process."""
        return (type(self), (self.message_vi, self.message_en))


class CatalogError(CchcError):
    """A catalog or template file is malformed (file, entry and problem are named)."""


class NotFoundError(CchcError):
    """A unit, period, template, indicator or report does not exist."""

    http_status = 404


class InputError(CchcError):
    """A file or value given by the user cannot be read."""


class WorkflowError(CchcError):
    """A report status change that the workflow does not allow."""

    http_status = 409


class ConflictError(CchcError):
    """A write based on a version of a report that someone else has changed since (lưu trùng),
    or a workflow step another user took first. ``details`` says what is current now."""

    http_status = 409

    def __init__(
        self, message_vi: str, message_en: str | None = None, details: dict | None = None
    ) -> None:
        super().__init__(message_vi, message_en)
        self.details = details or {}

    def __reduce__(self) -> tuple:
        return (type(self), (self.message_vi, self.message_en, self.details))
