"""LLM prose without a model: a scripted backend shows the contract (grounding, retries, cache, fallback)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, POLICY

import newsverdict
from newsverdict.card.grounding import ungrounded
from newsverdict.card.pipeline import analyze
from newsverdict.errors import LLMError
from newsverdict.llm import LLMConfig, LLMProse, load_config, verify_sha256

GOOD = {
    "analysis": "The national parliament approved a law raising the minimum wage by 12%, covering 6 million "
                "workers. Its impact reflects a confirmed national law with large figures.",
    "summary": "Parliament approved a minimum wage rise of 12% from January for 6 million workers, costing "
               "employers $9.4 billion a year; the law also indexes the wage to inflation.",
    "key_points": ["The minimum wage rises by 12% from January.", "About 6 million workers are covered.",
                   "Employers face costs of $9.4 billion a year."],
    "neutral_headline": "Parliament approves 12% minimum wage rise",
}


class ScriptedBackend:
    name = "scripted"
    model = "test-model"

    def __init__(self, *replies: str):
        self.replies = list(replies)
        self.calls = 0

    def complete(self, messages, schema, attempt=1):
        self.calls += 1
        assert "impact" in messages[1]["content"]  # the measured verdict is in the prompt
        return self.replies[min(self.calls - 1, len(self.replies) - 1)], 42


class DictCache:
    def __init__(self):
        self.data = {}

    def get(self, key):
        return self.data.get(key)

    def put(self, key, backend, model, value):
        self.data[key] = value


def writer(*replies: str, cache=None, retries: int = 2) -> tuple[LLMProse, ScriptedBackend]:
    backend = ScriptedBackend(*replies)
    return LLMProse(LLMConfig(backend="openai", max_retries=retries), cache=cache, backend=backend), backend


def test_grounded_output_is_used_and_the_score_is_unchanged():
    llm, _ = writer(json.dumps(GOOD))
    embedded = newsverdict.analyze(POLICY)
    card = analyze(POLICY, llm=llm)
    assert card.summary == GOOD["summary"] and card.key_points == GOOD["key_points"]
    assert card.prose_origin == dict.fromkeys(["analysis", "summary", "key_points"], "llm:scripted/test-model")
    assert (card.impact, card.hype, card.signals) == (embedded.impact, embedded.hype, embedded.signals)
    assert card.neutral_headline == GOOD["neutral_headline"]


def test_invented_numbers_and_names_are_caught_and_replaced():
    invented = dict(GOOD, summary=GOOD["summary"] + " Reuters said 57 firms would close, according to Dr. Zorblat.",
                    key_points=[*GOOD["key_points"][:2], "The cost will reach $14 billion by 2030."])
    llm, _ = writer(json.dumps(invented))
    embedded = newsverdict.analyze(POLICY)
    card = analyze(POLICY, llm=llm)
    assert card.analysis == GOOD["analysis"]  # grounded: kept
    assert card.summary == embedded.summary  # invented: replaced
    assert card.key_points == embedded.key_points
    assert "failed grounding" in card.prose_origin["summary"]
    for word in ("57", "Reuters", "Zorblat"):
        assert word in card.prose_origin["summary"]
    assert "14 billion" in card.prose_origin["key_points"] and "2030" in card.prose_origin["key_points"]


def test_invalid_output_is_retried_then_falls_back():
    llm, backend = writer("not json at all", json.dumps(GOOD))
    card = analyze(POLICY, llm=llm)
    assert backend.calls == 2 and card.summary == GOOD["summary"]
    llm, backend = writer('{"analysis": "too short"}', retries=2)
    card = analyze(POLICY, llm=llm)
    assert backend.calls == 3
    assert card.summary == newsverdict.analyze(POLICY).summary
    assert "invalid output" in card.prose_origin["summary"] and "after 3 tries" in card.prose_origin["summary"]


def test_results_are_cached_by_input():
    cache = DictCache()
    llm, backend = writer(json.dumps(GOOD), cache=cache)
    analyze(POLICY, llm=llm)
    card = analyze(POLICY, llm=llm)
    assert backend.calls == 1
    assert card.prose_origin["summary"].endswith("(cached)")
    assert len(cache.data) == 1


def test_numbers_are_compared_by_value():
    source = "Sales reached $2.1 billion, up 12% from 1,500 million a year earlier."
    assert ungrounded("Sales hit 2.1bn dollars, up 12 percent, from $1.5 billion.", source) == []
    assert ungrounded("Sales hit $2.5 billion.", source) == ["$2.5 billion"]


def test_server_down_still_gives_the_embedded_card_and_a_warning(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSVERDICT_LLM", "openai")
    monkeypatch.setenv("NEWSVERDICT_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("NEWSVERDICT_LLM_TIMEOUT", "3")
    result = cli("analyze", "-f", "json", "--db", str(tmp_path / "nv.db"), str(EXAMPLES / "eu-battery-law.md"))
    assert result.returncode == 0
    card = json.loads(result.stdout)
    assert card["impact"] >= 1 and "does not answer" in card["prose_origin"]["summary"]
    assert "warning" in result.stderr.decode() and "embedded prose used" in result.stderr.decode()


def test_config_file_env_and_flag(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text('[llm]\nbackend = "openai"\nmodel = "small"\nbase_url = "http://127.0.0.1:8080/v1"\n')
    assert load_config(path, env={}).model == "small"
    assert load_config(path, env={"NEWSVERDICT_LLM_MODEL": "big"}).model == "big"
    assert load_config(path, env={}, backend="none").backend == "none"
    path.write_text('[llm]\nbackend = "openai"\napi_key = "sk-secret"\n')
    with pytest.raises(LLMError, match="do not put API keys"):
        load_config(path, env={})
    with pytest.raises(LLMError, match="unknown LLM backend"):
        load_config(tmp_path / "missing.toml", env={}, backend="magic")


def test_user_supplied_gguf_is_checked(tmp_path: Path):
    from newsverdict.llm import GGUFBackend

    fake = tmp_path / "model.gguf"
    fake.write_bytes(b"not a model")
    with pytest.raises(LLMError, match="not a GGUF model file"):
        GGUFBackend(LLMConfig(backend="gguf", gguf_path=str(fake)))
    with pytest.raises(LLMError, match="no such GGUF file"):
        GGUFBackend(LLMConfig(backend="gguf", gguf_path=str(tmp_path / "absent.gguf")))
    with pytest.raises(LLMError, match="sha256 mismatch"):
        verify_sha256(fake, "AAAA")


def test_llm_check_with_no_backend(cli):
    out = cli("llm", "check")
    assert out.returncode == 0 and '"backend": "none"' in out.stdout.decode()
