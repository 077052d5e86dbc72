"""newsverdict: read the news and tell what really matters.

    >>> import newsverdict
    >>> card = newsverdict.analyze(text)          # doctest: +SKIP
    >>> card.impact, card.hype_level, card.key_points

The public API is ``analyze``, the ``Verdict`` card model and ``Article``;
heavy modules are imported on first use so that ``import newsverdict`` is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from newsverdict.card.pipeline import analyze
    from newsverdict.errors import InputError, NewsverdictError
    from newsverdict.models import Article, Verdict

__all__ = ["Article", "InputError", "NewsverdictError", "Verdict", "__version__", "analyze"]

_LAZY = {
    "analyze": ("card.pipeline", "analyze"),
    "Verdict": ("models", "Verdict"),
    "Article": ("models", "Article"),
    "InputError": ("errors", "InputError"),
    "NewsverdictError": ("errors", "NewsverdictError"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(f".{module}", __name__), attr)
    raise AttributeError(f"module 'newsverdict' has no attribute {name!r}")
