"""Renderers: cards, stories and the digest as text, Markdown, JSON, HTML and feeds.

The public surface. Each format lives in its own module (``text``, ``markdown``, ``data``,
``html`` with the Jinja templates, ``feeds``, ``chart``), and ``formats`` registers which formats
each kind of output has and which function writes each. Light to import: the writers are
imported when first used.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsverdict.render.formats import OUTPUTS, formats, write

if TYPE_CHECKING:
    from newsverdict.models import StoryVerdict, Verdict

#: The web pages' templates, their partials (one card partial for every HTML card) and style.css.
TEMPLATE_DIR = Path(__file__).parent / "templates"
#: Card formats (``analyze --format``).
FORMATS = formats("card")
#: Digest formats and their media types (CLI ``digest --format`` and the web routes).
DIGEST_MEDIA_TYPES = {name: f.media_type for name, f in OUTPUTS["digest"].items()}

#: Names imported from their modules when first used.
_LAZY = {"hype_impact_svg": "chart", "CHART_CELL": "chart", "stories_table": "text", "story_to_text": "text",
         "to_text": "text", "to_markdown": "markdown", "to_json": "data"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f"newsverdict.render.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'newsverdict.render' has no attribute {name!r}")


def render(cards: Sequence[Verdict], fmt: str, *, explain: bool = False) -> str:
    """Cards in one of the card formats."""
    return write("card", fmt, cards, explain=explain)


def render_story(story: StoryVerdict, fmt: str, *, explain: bool = False) -> str:
    """One story, with its coverage and sources, in one of the story formats."""
    return write("story", fmt, story, explain=explain)


def render_stories(stories: Sequence[StoryVerdict], fmt: str) -> str:
    """The ranked list of stories in one of the story-list formats."""
    return write("stories", fmt, stories)


def digest(stories: Sequence[StoryVerdict], fmt: str, *, title: str = "newsverdict digest", since: str = "",
           base_url: str = "", feed_url: str = "", now: float | None = None) -> str:
    """Stories ranked by impact (the caller's order), each with its card, outlets and the chart.

    ``base_url`` (the web app's address, when known) makes links point at its story pages;
    without it, feed entries link to the story's first article.
    """
    return write("digest", fmt, stories, title=title, since=since, base_url=base_url, feed_url=feed_url, now=now)
