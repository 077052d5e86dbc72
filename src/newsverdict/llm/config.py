"""The LLM settings: the config file's [llm] table, then the environment variables in ``_ENV``, then --llm."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from newsverdict.config import config_path
from newsverdict.errors import LLMError

BACKENDS = ("none", "openai", "gguf")


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
