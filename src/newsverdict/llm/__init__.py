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

from newsverdict.llm.backends import GGUFBackend, OpenAIBackend, check, make_backend, smollm2_path, verify_sha256
from newsverdict.llm.config import BACKENDS, LLMConfig, load_config
from newsverdict.llm.prose import LLMOutput, LLMProse

__all__ = ["BACKENDS", "GGUFBackend", "LLMConfig", "LLMOutput", "LLMProse", "OpenAIBackend", "check", "load_config",
           "make_backend", "smollm2_path", "verify_sha256"]
