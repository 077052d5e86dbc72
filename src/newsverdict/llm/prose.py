"""The LLM prose writer: prompt, structured output, grounding check, cache and fallback to embedded prose."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Protocol

from pydantic import BaseModel, Field, ValidationError

from newsverdict.card.grounding import ungrounded
from newsverdict.errors import LLMError
from newsverdict.llm.backends import Backend, make_backend
from newsverdict.llm.config import LLMConfig
from newsverdict.models import CleanArticle, Prose, Scores, Signal

PROMPT_VERSION = "1"


class LLMOutput(BaseModel):
    analysis: str = Field(min_length=20, max_length=1500)
    summary: str = Field(min_length=20, max_length=1500)
    key_points: list[str] = Field(min_length=3, max_length=3)
    neutral_headline: str = Field(default="", max_length=200)


#: The schema sent to the backend for constrained decoding. Lengths are checked by LLMOutput
#: afterwards: length bounds in a grammar multiply its rules (llama.cpp refuses, or crashes).
WIRE_SCHEMA = {
    "type": "object",
    "properties": {
        "analysis": {"type": "string"},
        "summary": {"type": "string"},
        "key_points": {"type": "array", "items": {"type": "string"}, "minItems": 3, "maxItems": 3},
        "neutral_headline": {"type": "string"},
    },
    "required": ["analysis", "summary", "key_points", "neutral_headline"],
    "additionalProperties": False,
}


class Cache(Protocol):
    def get(self, key: str) -> str | None: ...
    def put(self, key: str, backend: str, model: str, value: str) -> None: ...


@dataclass
class LLMReport:
    fields: dict[str, str] = field(default_factory=dict)  # field -> "llm" | reason it was replaced
    seconds: float = 0.0
    tokens: int = 0
    attempts: int = 0
    cached: bool = False
    raw: str = ""


SYSTEM = (
    "You are a careful news editor. You explain a verdict that was already measured: you never change "
    "the scores, never add facts, numbers or names that are not in the article, and you write plainly. "
    "Answer with one JSON object only."
)


def build_messages(cleaned: CleanArticle, signals: list[Signal], scores: Scores, context_words: int,
                   extra_instruction: str = "") -> list[dict]:
    words = cleaned.text.split()
    article = " ".join(words[:context_words]) + (" …" if len(words) > context_words else "")
    top = sorted(signals, key=lambda s: -abs(s.contribution))[:6]
    measured = "\n".join(
        f"- {s.name} ({s.kind}): {s.value:.2f}; evidence: "
        + "; ".join(e.text for e in s.evidence[:3] if e.sentence is not None) for s in top)
    task = (
        f"Headline: {cleaned.title or '(none)'}\n\nArticle:\n{article}\n\n"
        f"Measured verdict (fixed, do not change): impact {scores.impact}/10, hype {scores.hype}/10 "
        f"({scores.hype_level}), {scores.placement}.\nStrongest signals:\n{measured}\n\n"
        "Write JSON with: \"analysis\" (2-4 sentences: the concrete development, the main driver of hype, "
        "why the impact score is what it is), \"summary\" (one paragraph, at most 120 words), \"key_points\" "
        "(exactly 3 distinct points, each at most 30 words), \"neutral_headline\" (a sober rewrite of the "
        "headline, or empty). Use only facts, numbers and names from the article."
    )
    if extra_instruction:
        task += "\n" + extra_instruction
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": task}]


class LLMProse:
    """Writes prose with a backend, checks it, caches it; falls back field by field."""

    def __init__(self, config: LLMConfig, cache: Cache | None = None, backend: Backend | None = None,
                 extra_instruction: str = ""):
        self.config = config
        self.backend = backend or make_backend(config)
        if self.backend is None:
            raise LLMError("LLM backend is 'none'")
        self.cache = cache
        self.extra_instruction = extra_instruction
        self.semaphore = threading.BoundedSemaphore(max(1, config.concurrency))
        self.last_report = LLMReport()

    @property
    def label(self) -> str:
        return f"llm:{self.backend.name}/{self.backend.model}"

    def cache_key(self, messages: list[dict]) -> str:
        # the server is part of the key: the same model name on two servers can be two different models
        server = getattr(self.backend, "base_url", "")
        payload = json.dumps([self.backend.name, self.backend.model, server, PROMPT_VERSION, messages],
                             sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()

    def generate(self, messages: list[dict]) -> tuple[LLMOutput | None, LLMReport]:
        report = LLMReport()
        key = self.cache_key(messages)
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                report.cached = True
                report.raw = hit
                return LLMOutput.model_validate_json(hit), report
        schema = WIRE_SCHEMA
        start = time.perf_counter()
        last_error = ""
        for attempt in range(1, self.config.max_retries + 2):
            report.attempts = attempt
            with self.semaphore:
                text, tokens = self.backend.complete(messages, schema, attempt)
            report.tokens += tokens
            report.raw = text
            try:
                output = LLMOutput.model_validate_json(_json_object(text))
            except (ValidationError, ValueError) as exc:
                last_error = f"invalid output ({type(exc).__name__})"
                continue
            report.seconds = time.perf_counter() - start
            if self.cache is not None:
                self.cache.put(key, self.backend.name, self.backend.model, output.model_dump_json())
            return output, report
        report.seconds = time.perf_counter() - start
        report.fields = {"error": last_error}
        return None, report

    def refine(self, cleaned: CleanArticle, signals: list[Signal], scores: Scores,
               embedded: Prose) -> tuple[Prose, dict[str, str], str]:
        """(prose, origin of each field, neutral headline or "")."""
        messages = build_messages(cleaned, signals, scores, self.config.context_words, self.extra_instruction)
        output, report = self.generate(messages)
        self.last_report = report
        origin = {"analysis": "embedded", "summary": "embedded", "key_points": "embedded"}
        if output is None:
            reason = report.fields.get("error", "no valid output")
            return embedded, {k: f"embedded ({self.label}: {reason} after {report.attempts} tries)"
                              for k in origin}, ""
        source = "\n".join([cleaned.title, cleaned.text])
        allowed_numbers = {float(scores.impact), float(scores.hype), 10.0, 1.0, 2.0, 3.0, 4.0, 120.0, 30.0}
        allowed_words = {s.name for s in signals} | {scores.hype_level}
        fields = {"analysis": output.analysis, "summary": output.summary,
                  "key_points": "\n".join(output.key_points)}
        chosen = {"analysis": embedded.analysis, "summary": embedded.summary, "key_points": embedded.key_points}
        for name, text in fields.items():
            missing = ungrounded(text, source, allowed_numbers=allowed_numbers, allowed_words=allowed_words)
            misfit = _misfit(name, output)
            if missing:
                origin[name] = f"embedded ({self.label} failed grounding: {', '.join(missing[:5])})"
            elif misfit:
                origin[name] = f"embedded ({self.label} output did not fit the card: {misfit})"
            else:
                chosen[name] = output.key_points if name == "key_points" else text.strip()
                origin[name] = self.label + (" (cached)" if report.cached else "")
        headline = output.neutral_headline.strip()
        if headline and ungrounded(headline, source, allowed_words=allowed_words):
            headline = ""
        note = embedded.key_points_note if chosen["key_points"] is embedded.key_points else ""
        prose = Prose(analysis=chosen["analysis"], summary=chosen["summary"], key_points=chosen["key_points"],
                      key_points_note=note)
        report.fields = origin
        return prose, origin, headline


def _misfit(name: str, output: LLMOutput) -> str:
    """Why a field does not fit the card's rules (lengths, distinct points), or ""."""
    if name == "key_points":
        points = [p.strip() for p in output.key_points]
        if len({p.lower() for p in points}) < 3:
            return "key points repeat"
        if any(not 4 <= len(p.split()) <= 30 for p in points):
            return "each key point must have 4 to 30 words"
        return ""
    text = output.analysis if name == "analysis" else output.summary
    words = len(text.split())
    limit = 120 if name == "summary" else 110
    if not 15 <= words <= limit:
        return f"{words} words, not 15 to {limit}"
    return ""


def _json_object(text: str) -> str:
    """The JSON object in a reply (models sometimes wrap it in prose or code fences)."""
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        raise ValueError("no JSON object in the reply")
    return text[start : end + 1]
