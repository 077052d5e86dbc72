"""Which formats each kind of output has, and the one function that writes each.

The CLI's ``--format`` choices and the web's digest formats are read from here, so a command
offers only formats that have a writer, and a writer is never asked for a format it does not
write: an unknown one is refused with the list of those there are, never answered in another.

Kinds, and the arguments every writer of that kind takes:

- ``card``: the cards of ``analyze`` — ``(cards, *, explain)``
- ``story``: one story with its coverage and sources — ``(story, *, explain)``
- ``stories``: the ranked list of stories — ``(stories)``
- ``digest``: the top stories with cards, outlets and the chart — ``(stories, *, title, since, base_url,
  feed_url, now)``

Writers are named, not imported, so that reading the choices (``newsverdict --help``) stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from newsverdict.errors import InputError


@dataclass(frozen=True)
class OutputFormat:
    name: str
    media_type: str
    #: "module:function" in newsverdict.render
    writer: str

    def write(self, *args: Any, **options: Any) -> str:
        module, function = self.writer.split(":")
        return getattr(import_module(f"newsverdict.render.{module}"), function)(*args, **options)


def _kind(*formats: tuple[str, str, str]) -> dict[str, OutputFormat]:
    return {name: OutputFormat(name, media_type, writer) for name, media_type, writer in formats}


#: kind -> format name -> format, in the order the CLI offers them.
OUTPUTS: dict[str, dict[str, OutputFormat]] = {
    "card": _kind(
        ("text", "text/plain", "text:cards_text"),
        ("markdown", "text/markdown", "markdown:cards_markdown"),
        ("json", "application/json", "data:cards_json"),
        ("jsonl", "application/jsonl", "data:cards_jsonl"),
        ("html", "text/html", "html:cards_html"),
    ),
    "story": _kind(
        ("text", "text/plain", "text:story_to_text"),
        ("markdown", "text/markdown", "markdown:story_markdown"),
        ("json", "application/json", "data:story_json"),
        ("jsonl", "application/jsonl", "data:story_jsonl"),
        ("html", "text/html", "html:story_html"),
    ),
    "stories": _kind(
        ("text", "text/plain", "text:stories_table"),
        ("json", "application/json", "data:stories_json"),
        ("jsonl", "application/jsonl", "data:stories_jsonl"),
    ),
    "digest": _kind(
        ("json", "application/json", "data:digest_json"),
        ("markdown", "text/markdown", "markdown:digest_markdown"),
        ("html", "text/html", "html:digest_html"),
        ("text", "text/plain", "text:digest_text"),
        ("atom", "application/atom+xml", "feeds:to_atom"),
        ("jsonfeed", "application/feed+json", "feeds:to_jsonfeed"),
    ),
}

#: Digest format by the suffix of the file it is written to (``watch --output``).
DIGEST_SUFFIXES = {".html": "html", ".htm": "html", ".atom": "atom", ".xml": "atom", ".json": "jsonfeed",
                   ".md": "markdown", ".txt": "text"}


def formats(kind: str) -> tuple[str, ...]:
    """The format names of one kind of output: ``formats("stories") == ("text", "json", "jsonl")``."""
    return tuple(OUTPUTS[kind])


def output_format(kind: str, name: str) -> OutputFormat:
    """The format, or a clear error naming the ones there are."""
    try:
        return OUTPUTS[kind][name]
    except KeyError:
        raise InputError(f"{kind} output has no format {name!r}; use one of: {', '.join(OUTPUTS[kind])}") from None


def write(kind: str, name: str, subject: Any, **options: Any) -> str:
    """One kind of output in one format: ``write("stories", "json", stories)``."""
    return output_format(kind, name).write(subject, **options)
