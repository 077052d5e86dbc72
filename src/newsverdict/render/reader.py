"""Reader-facing wording shared by the web pages, the digest and its feeds (pure: no I/O).

The one home for how things are *named to a reader*: outlets by site name,
times in words, signals in plain language grouped into colour families, and the
legend that explains what the scores mean (built from the thresholds in
``scoring`` so the two never disagree).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlparse

from newsverdict.card.scoring import HYPE_LEVELS, PLACEMENT_MARGIN

# --- outlets -----------------------------------------------------------------------

#: Second-level labels under which a registrable name sits one label deeper (bbc.co.uk, abc.net.au).
_SECOND_LEVEL = {"co", "com", "net", "org", "gov", "ac", "edu"}


def outlet_name(source: str, url: str = "") -> str:
    """The outlet as a reader knows it: the site name when stored, else the site's domain without 'www.'.

    Feeds and pages usually give a site name ("Northern Ledger"); when only a host
    is known ("www.bbc.co.uk") the reader still gets a readable name ("bbc.co.uk"),
    never "?".
    """
    name = (source or "").strip()
    if name and not _looks_like_host(name):
        return name
    host = name or (urlparse(url).hostname or "" if url else "")
    host = host.lower().removeprefix("www.").removeprefix("m.").removeprefix("amp.")
    return host or "unknown outlet"


def _looks_like_host(name: str) -> bool:
    return " " not in name and "." in name and name.lower() == name


# --- times ---------------------------------------------------------------------------


def readable_time(ts: float | None, *, with_year: bool = True) -> str:
    """'Mon 16 Nov 2026, 06:00 UTC' (UTC: a server-rendered page cannot know the reader's zone)."""
    if ts is None:
        return "undated"
    dt = datetime.fromtimestamp(ts, UTC)
    day = f"{dt:%a} {dt.day} {dt:%b}" + (f" {dt.year}" if with_year else "")
    return f"{day}, {dt:%H:%M} UTC"


def iso_to_ts(value: str) -> float | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).timestamp()


def _duration(minutes: float) -> str:
    """'45 min', '5 h', '3 days': the unit a reader would use for that span."""
    if minutes < 60:
        return f"{int(minutes)} min"
    if minutes < 48 * 60:
        return f"{int(minutes / 60)} h"
    return f"{int(minutes / 1440)} days"


def age(now: float, ts: float | None) -> str:
    """'35 min ago', '5 h ago', '3 days ago'."""
    if ts is None:
        return "undated"
    if ts > now:
        return "just now"
    return f"{_duration((now - ts) / 60)} ago"


def gap_after(first: float | None, ts: float | None) -> str:
    """How long after the first report: 'first', '+45 min', '+3 h', '+2 days'."""
    if first is None or ts is None:
        return ""
    minutes = (ts - first) / 60
    return "first" if minutes < 1 else f"+{_duration(minutes)}"


# --- signals in plain words -----------------------------------------------------------


@dataclass(frozen=True)
class Family:
    key: str
    label: str
    kind: str
    meaning: str


#: Signal families: one colour each in the evidence views (classes ``fam-<key>`` in style.css).
FAMILIES: tuple[Family, ...] = (
    Family("stakes", "What is at stake", "impact", "figures, casualties, how many people or places it reaches"),
    Family("actors", "Who acts and what happened", "impact", "governments, courts, companies; laws, rulings, deals"),
    Family("lasting", "Lasting and settled", "impact", "done and confirmed, new, or meant to last"),
    Family("loud", "Loud words", "hype", "sensational words, superlatives"),
    Family("framing", "Framing and headline", "hype", "capitals, exclamation marks, scare quotes, clickbait"),
    Family("guesswork", "Guesswork", "hype", "speculation and unnamed sources"),
    Family("echo", "Echo", "hype", "claims repeated, many copies of the same story"),
)
_FAMILY_BY_KEY = {f.key: f for f in FAMILIES}

#: signal name -> (plain name, family key)
PLAIN_SIGNALS: dict[str, tuple[str, str]] = {
    "magnitude": ("Size of the figures", "stakes"),
    "scope": ("How far it reaches", "stakes"),
    "actors": ("Who is involved", "actors"),
    "action_type": ("What kind of event", "actors"),
    "durability": ("How lasting", "lasting"),
    "certainty": ("How settled", "lasting"),
    "novelty": ("What is new", "lasting"),
    "sensational_language": ("Sensational words", "loud"),
    "superlatives": ("Superlatives", "loud"),
    "framing": ("Loaded framing", "framing"),
    "clickbait_headline": ("Clickbait headline", "framing"),
    "speculation": ("Speculation", "guesswork"),
    "anonymous_sourcing": ("Unnamed sources", "guesswork"),
    "repetition": ("Repeated claims", "echo"),
    "coverage_volume": ("Volume of coverage", "echo"),
}


def plain_signal(name: str, kind: str = "hype") -> tuple[str, Family]:
    """(plain name, family) of a signal; a signal not listed here still gets a readable name and a family."""
    if name in PLAIN_SIGNALS:
        label, key = PLAIN_SIGNALS[name]
        return label, _FAMILY_BY_KEY[key]
    return name.replace("_", " ").capitalize(), _FAMILY_BY_KEY["actors" if kind == "impact" else "loud"]


# --- the legend --------------------------------------------------------------------------


def hype_levels() -> list[tuple[str, str]]:
    """[('low', '1-3'), ('moderate', '4-5'), ...] from the thresholds in scoring."""
    out, low = [], 1
    for bound, word in HYPE_LEVELS:
        out.append((word, f"{low}–{bound}"))
        low = bound + 1
    return out


def placement_rule() -> str:
    return (f"impact at least {PLACEMENT_MARGIN} above hype: substance outweighs the noise; "
            f"hype at least {PLACEMENT_MARGIN} above impact: more noise than substance; otherwise proportionate")


