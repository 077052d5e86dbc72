"""The verdict card, as a user of the Python API sees it."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES, GOSSIP, POLICY

import newsverdict
from newsverdict.errors import InputError
from newsverdict.render import to_json


def test_card_has_all_parts_and_they_are_sane():
    card = newsverdict.analyze(POLICY)
    assert card.headline.startswith("Parliament approves national minimum wage")
    assert 1 <= card.impact <= 10 and 1 <= card.hype <= 10
    assert card.hype_level in {"low", "moderate", "high", "extreme"}
    assert card.placement
    sentences = [s for s in card.analysis.split(". ") if s]
    assert 2 <= len(sentences) <= 4
    assert "minimum wage" in card.analysis  # names the concrete development
    assert len(card.summary.split()) <= 130
    assert len(card.key_points) == 3
    assert len(set(card.key_points)) == 3
    assert all(len(p.split()) <= 31 for p in card.key_points)
    assert {s.kind for s in card.signals} == {"impact", "hype"}
    for signal in card.signals:
        assert 0.0 <= signal.value <= 1.0
        assert signal.description


def test_policy_report_outscores_gossip_on_impact_and_gossip_is_louder():
    policy = newsverdict.analyze(POLICY)
    gossip = newsverdict.analyze(GOSSIP)
    assert policy.impact >= gossip.impact + 3
    assert gossip.hype >= policy.hype + 3
    assert policy.hype_level == "low"
    assert gossip.hype_level in {"high", "extreme"}
    assert gossip.placement == "more noise than substance"
    assert policy.placement == "substance outweighs the noise"


def test_evidence_names_the_figures_and_words_behind_the_signals():
    card = newsverdict.analyze(POLICY)
    magnitude = next(s for s in card.signals if s.name == "magnitude")
    texts = " ".join(e.text for e in magnitude.evidence)
    assert "$9.4 billion" in texts and "6 million workers" in texts
    gossip = newsverdict.analyze(GOSSIP)
    anonymous = next(s for s in gossip.signals if s.name == "anonymous_sourcing")
    assert any("anonymity" in e.text for e in anonymous.evidence)
    speculation = next(s for s in gossip.signals if s.name == "speculation")
    assert {"could", "might"} & {e.text.lower() for e in speculation.evidence}


def test_evidence_offsets_point_into_the_cleaned_text():
    from newsverdict.card.clean import clean
    from newsverdict.sources.extract import from_text

    cleaned = clean(from_text(POLICY))
    card = newsverdict.analyze(POLICY)
    for signal in card.signals:
        for ev in signal.evidence:
            if ev.start is not None:
                assert cleaned.text[ev.start : ev.end] == ev.text


def test_same_input_same_card_byte_for_byte():
    first = to_json(newsverdict.analyze(POLICY))
    second = to_json(newsverdict.analyze(POLICY))
    assert first == second
    assert json.loads(first)["schema_version"] == "1.0"


def test_repeated_paragraphs_are_dropped_and_counted():
    base = POLICY.split("\n\n")
    doubled = "\n\n".join(base + base[1:3])
    card = newsverdict.analyze(doubled)
    assert card.cleaning.repeats_dropped == 2
    assert card.cleaning.paragraphs == len(base) - 1  # the title line is not a paragraph
    assert "the page repeats 2 paragraphs; each counted once" in card.analysis
    # scoring runs over the de-duplicated text: same impact as the clean version
    assert card.impact == newsverdict.analyze(POLICY).impact


def test_near_duplicate_paragraphs_count_as_repeats():
    paras = POLICY.split("\n\n")
    edited = paras[1].replace("on Thursday", "on Thursday evening")
    card = newsverdict.analyze("\n\n".join([*paras, edited]))
    assert card.cleaning.repeats_dropped == 1


def test_examples_give_sane_cards():
    law = newsverdict.analyze(newsverdict.Article(text=(EXAMPLES / "eu-battery-law.md").read_text()))
    assert law.impact >= 5
    assert law.hype_level == "low"


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty"),
        ("   \n\t  ", "empty"),
        ("Too short to judge. Only a handful of words here.", "too short to judge"),
    ],
)
def test_unjudgeable_text_raises_input_error(text, message):
    with pytest.raises(InputError, match=message):
        newsverdict.analyze(text)


def test_non_english_text_is_refused_with_the_language_named():
    spanish = (
        "El gobierno aprobó el martes una ley que obliga a todas las empresas del país a publicar sus "
        "emisiones de carbono cada año. La norma, que según el ministerio afectará a más de diez mil "
        "compañías, entrará en vigor en enero y prevé multas para quienes no cumplan con los plazos. "
        "Los sindicatos y las asociaciones empresariales dijeron que estudiarán el texto con atención."
    )
    with pytest.raises(InputError, match="Spanish; only English is scored"):
        newsverdict.analyze(spanish)
