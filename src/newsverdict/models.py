"""The typed data that flows through the pipeline.

Each stage takes one of these and returns the next:
``Article`` (sources) -> ``CleanArticle`` (clean) -> ``Signal`` list (signals)
-> ``Scores`` (scores) -> ``Prose`` (prose) -> ``Verdict`` (the card).
Only ``Verdict`` is part of the JSON contract; its schema ships in
``newsverdict/schema/verdict.schema.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"


def _http_only(url: str) -> str:
    """A link a reader may follow: http(s) only; anything else (javascript:, data:, file:) becomes ""."""
    return url if url.strip().lower().startswith(("http://", "https://")) else ""


#: The URL of an article on a card: only http(s) links survive, whatever the feed said.
LinkUrl = Annotated[str, AfterValidator(_http_only)]

SignalKind = Literal["hype", "impact"]
HypeWord = Literal["low", "moderate", "high", "extreme"]


@dataclass(frozen=True)
class Article:
    """One article as read from a source, before cleaning."""

    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    published: str = ""
    #: where it came from: a path, a URL, "-" for stdin, "<text>" for the API
    origin: str = "<text>"

    def overridden(self, **fields: str) -> Article:
        """A copy with the given fields replaced where they are non-empty (--title, --source, a feed's data)."""
        from dataclasses import replace

        return replace(self, **{k: v for k, v in fields.items() if v})


@dataclass(frozen=True)
class Sentence:
    text: str
    #: index of the paragraph in ``CleanArticle.paragraphs``
    paragraph: int
    #: character offsets into ``CleanArticle.text``
    start: int
    end: int


@dataclass(frozen=True)
class CleanArticle:
    """De-duplicated, normalised text split into paragraphs and sentences."""

    article: Article
    title: str
    paragraphs: tuple[str, ...]
    sentences: tuple[Sentence, ...]
    #: paragraphs dropped because they repeated an earlier one (exactly or nearly)
    repeats_dropped: int = 0
    #: boilerplate lines dropped ("Share this", "Advertisement", ...)
    boilerplate_dropped: int = 0
    word_count: int = 0

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class StoredArticle:
    """An article as kept in the store (cleaned text), input of the stories stage."""

    id: int
    url: str
    source: str
    title: str
    text: str
    published: str
    published_ts: float | None
    duplicate_of: int | None
    story_id: int | None
    impact: int | None
    hype: int | None


class Evidence(BaseModel):
    """One piece of text that moved a signal."""

    model_config = ConfigDict(frozen=True)

    text: str = Field(description="The matched words, figure or sentence.")
    sentence: int | None = Field(
        default=None, description="Index of the sentence in the cleaned text, if any."
    )
    start: int | None = Field(default=None, description="Start offset in the cleaned text.")
    end: int | None = Field(default=None, description="End offset in the cleaned text.")
    note: str = Field(default="", description="Why it counts, e.g. 'hedge' or '$2.0e9 money'.")
    direction: Literal["raises", "lowers"] = "raises"


class Signal(BaseModel):
    """A measured property of the article, 0..1, with the text behind it."""

    name: str
    kind: SignalKind
    value: float = Field(ge=0.0, le=1.0)
    weight: float = Field(description="Weight of this signal in its score (from weights.json).")
    contribution: float = Field(description="weight * value: its share of the raw score.")
    description: str
    evidence: list[Evidence] = Field(default_factory=list)


class Scores(BaseModel):
    impact: int = Field(ge=1, le=10, description="How much the event changes things.")
    hype: int = Field(ge=1, le=10, description="How much louder the coverage is than its substance.")
    hype_level: HypeWord
    placement: str = Field(description="One line placing the story, e.g. 'proportionate'.")
    impact_raw: float = Field(description="Unrounded impact on the 1-10 scale.")
    hype_raw: float = Field(description="Unrounded hype on the 1-10 scale.")


class Prose(BaseModel):
    analysis: str
    summary: str
    key_points: list[str] = Field(max_length=3)
    #: set when the article is too thin for three key points (the card says so instead of padding)
    key_points_note: str = ""


class CleaningReport(BaseModel):
    words: int
    paragraphs: int
    sentences: int
    repeats_dropped: int = Field(description="Paragraphs dropped as exact or near repeats.")
    boilerplate_dropped: int


class Verdict(BaseModel):
    """The verdict card for one article."""

    schema_version: str = SCHEMA_VERSION
    generator: str = Field(description="newsverdict version and backend that wrote the card.")
    headline: str
    source: str = ""
    url: LinkUrl = ""
    published: str = ""
    impact: int = Field(ge=1, le=10)
    hype: int = Field(ge=1, le=10)
    hype_level: HypeWord
    placement: str
    analysis: str
    summary: str
    key_points: list[str]
    key_points_note: str = Field(
        default="", description="Set when the article has fewer than three whole statements to give as key points."
    )
    signals: list[Signal]
    scores: Scores
    cleaning: CleaningReport
    prose_origin: dict[str, str] = Field(
        default_factory=dict,
        description="Which backend wrote each prose field (analysis, summary, key_points), and why a field "
        "written by an LLM was replaced by the embedded one.",
    )
    neutral_headline: str = Field(default="", description="A sober rewrite of a sensational headline (LLM only).")


class SourceRef(BaseModel):
    """One article of a story, as listed on the story's card."""

    article_id: int
    source: str
    title: str
    url: LinkUrl = ""
    published: str = ""
    repeat_of: int | None = Field(default=None, description="Article this one repeats (syndicated copy).")


class Coverage(BaseModel):
    outlets: int = Field(description="Independent outlets (repeats not counted).")
    articles: int = Field(description="Articles, repeats included.")
    repeats: int = Field(description="Syndicated copies and light rewrites of another article.")
    first_seen: str = ""
    last_seen: str = ""
    first_ts: float | None = None
    last_ts: float | None = None
    span_hours: float = 0.0


class StoryVerdict(Verdict):
    """The verdict card of a story: one event as covered by several outlets."""

    story_id: int
    coverage: Coverage
    sources: list[SourceRef]


@dataclass(frozen=True)
class Weights:
    """Weights and thresholds, loaded from ``data/weights.json`` (see scoring.py)."""

    impact: dict[str, float]
    impact_intercept: float
    hype: dict[str, float]
    hype_intercept: float
    fitted_on: str = ""
    notes: dict[str, str] = field(default_factory=dict)
