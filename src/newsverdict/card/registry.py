"""The signal registry: every signal the card measures, registered once with what a reader needs to know.

A signal is a function of one cleaned article (or, for ``coverage_volume``, of a story's coverage)
that returns a value in 0..1 with evidence. It registers itself where it is defined::

    @signal("magnitude", kind="impact", family="stakes", plain_name="Size of the figures",
            measures="the largest figures of the event, on a log scale",
            evidence="the figures, with the sentence each comes from")
    def magnitude(doc: Doc) -> Signal: ...

and the pipeline runs the names listed in ``IMPACT_PIPELINE`` and ``HYPE_PIPELINE`` (the order of the
card's ``signals``). The docs (``docs/signals.md``), the web app's legend and evidence views, and the
CLI's ``--explain`` read names, families and meanings from here. Weights live in ``scoring.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Kind = Literal["impact", "hype"]


@dataclass(frozen=True)
class Family:
    """A group of signals shown together, one colour each (classes ``fam-<key>`` in style.css)."""

    key: str
    label: str
    kind: Kind
    meaning: str


FAMILIES: tuple[Family, ...] = (
    Family("stakes", "What is at stake", "impact", "figures, casualties, how many people or places it reaches"),
    Family("actors", "Who acts and what happened", "impact", "governments, courts, companies; laws, rulings, deals"),
    Family("lasting", "Lasting and settled", "impact", "done and confirmed, new, or meant to last"),
    Family("loud", "Loud words", "hype", "sensational words, superlatives"),
    Family("framing", "Framing and headline", "hype", "capitals, exclamation marks, scare quotes, clickbait"),
    Family("guesswork", "Guesswork", "hype", "speculation and unnamed sources"),
    Family("echo", "Echo", "hype", "claims repeated, many copies of the same story"),
)
FAMILY_BY_KEY = {f.key: f for f in FAMILIES}


@dataclass(frozen=True)
class SignalSpec:
    name: str
    kind: Kind
    family: str
    plain_name: str
    measures: str
    evidence: str
    compute: Callable
    level: Literal["article", "story"] = "article"


SIGNALS: dict[str, SignalSpec] = {}

#: the order of the card's signals: impact first, then hype
IMPACT_PIPELINE = ("magnitude", "actors", "action_type", "scope", "durability", "certainty", "novelty",
                   "strategic_shift", "rule_change", "impact_words")
HYPE_PIPELINE = ("sensational_language", "framing", "persuasion", "superlatives", "clickbait_headline",
                 "headline_loudness", "headline_label", "speculation", "anonymous_sourcing", "attribution",
                 "repetition", "propaganda_techniques", "tone_loaded", "tone_unverified", "tone_not_sober",
                 "hype_words")


def signal(name: str, *, kind: Kind, family: str, plain_name: str, measures: str, evidence: str,
           level: Literal["article", "story"] = "article") -> Callable[[Callable], Callable]:
    """Register the decorated function as the signal ``name``."""
    if family not in FAMILY_BY_KEY or FAMILY_BY_KEY[family].kind != kind:
        raise ValueError(f"signal {name}: family {family!r} is not a {kind} family")

    def register(fn: Callable) -> Callable:
        if name in SIGNALS and SIGNALS[name].compute is not fn:
            raise ValueError(f"signal {name} is registered twice")
        SIGNALS[name] = SignalSpec(name, kind, family, plain_name, measures, evidence, fn, level)
        return fn

    return register


def registered() -> dict[str, SignalSpec]:
    """Every registered signal (importing the signals stage registers them)."""
    import newsverdict.card.signals  # noqa: F401 - registers the signals

    return SIGNALS


def pipeline(kind: Kind) -> tuple[SignalSpec, ...]:
    """The article-level signals of one kind, in the card's order."""
    specs = registered()
    return tuple(specs[name] for name in (IMPACT_PIPELINE if kind == "impact" else HYPE_PIPELINE))


def spec_of(name: str, kind: str = "hype") -> tuple[str, Family]:
    """(plain name, family) of a signal; a name not registered (an old stored card) still reads well."""
    spec = registered().get(name)
    if spec is not None:
        return spec.plain_name, FAMILY_BY_KEY[spec.family]
    return name.replace("_", " ").capitalize(), FAMILY_BY_KEY["actors" if kind == "impact" else "loud"]
