"""Errors a user can act on. Each carries one line that the CLI prints as is."""

from __future__ import annotations


class NewsverdictError(Exception):
    """Base class for every error the CLI reports as a one-line message."""


class InputError(NewsverdictError):
    """The input cannot be turned into a verdict (empty, binary, too big, not English...)."""


class FetchError(InputError):
    """A URL could not be fetched (timeout, HTTP error, too large)."""
