"""Every error newsverdict reports, in one hierarchy.

Each error carries one line a user can act on; the CLI prints it as is and exits with the class's
``exit_code``, the web app answers with its ``http_status``. Faults of the machine or of a server
we depend on are not the client's fault, so they are 5xx, never 422::

    NewsverdictError            exit 1   HTTP 500   anything below, or a fault with no better class
    ├── InputError              exit 2   HTTP 422   the input cannot be judged (empty, binary, too big, not English)
    │   └── FetchError          exit 4   HTTP 502   a URL could not be fetched (timeout, HTTP error, too large)
    │       └── BadUrl          exit 2   HTTP 422   not a valid http(s) URL, a host that does not resolve,
    │                                              or an address the URL policy does not fetch
    ├── StoreError              exit 3   HTTP 503   the database cannot be opened or written, or is from a newer release
    ├── LLMError                exit 5   HTTP 502   the LLM backend is not configured, not installed, or does not answer
    ├── MailError               exit 6   HTTP 502   the e-mail settings are wrong or the SMTP server refused the digest
    └── EngineError             exit 7   HTTP 503   a batch engine cannot start (Ray missing, cluster unreachable)

Exit codes the CLI uses besides these: 0 done, 1 a batch where some inputs were skipped, 70 an
internal error (a bug: run again with NEWSVERDICT_DEBUG=1 for the traceback), 130 interrupted.
``FetchError`` stays an ``InputError``: code that skips unreadable inputs skips unfetchable URLs too.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130


class NewsverdictError(Exception):
    """Base class for every error the CLI reports as a one-line message."""

    exit_code: int = 1
    http_status: int = 500


class InputError(NewsverdictError):
    """The input cannot be turned into a verdict (empty, binary, too big, not English...)."""

    exit_code = 2
    http_status = 422


class FetchError(InputError):
    """A URL could not be fetched (timeout, HTTP error, too large, host not found)."""

    exit_code = 4
    http_status = 502


class BadUrl(FetchError):
    """Not a valid http(s) URL, a host name that does not resolve, or an address the URL policy does not
    fetch: the client's to correct, so 422, not a gateway fault."""

    exit_code = 2
    http_status = 422


class StoreError(NewsverdictError):
    """The database cannot be opened or written, or is from a newer newsverdict."""

    exit_code = 3
    http_status = 503


class LLMError(NewsverdictError):
    """The LLM backend is not configured, not installed, or does not answer."""

    exit_code = 5
    http_status = 502


class MailError(NewsverdictError):
    """The e-mail settings are wrong, or the SMTP server refused the digest."""

    exit_code = 6
    http_status = 502


class EngineError(NewsverdictError):
    """A batch engine cannot start (Ray not installed, cluster unreachable)."""

    exit_code = 7
    http_status = 503


class BatchInterrupted(Exception):
    """Raised by the batch's test hook ``interrupt_after_shards``, as if the run were killed."""
