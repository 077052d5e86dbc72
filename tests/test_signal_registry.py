"""The signal registry is the one list of signals: the card, the legend and the docs read it."""

from conftest import POLICY

from newsverdict.card.clean import clean
from newsverdict.card.registry import FAMILY_BY_KEY, HYPE_PIPELINE, IMPACT_PIPELINE, pipeline, registered
from newsverdict.card.signals import coverage_volume, measure
from newsverdict.models import Article


def test_every_signal_on_the_card_is_registered_with_what_it_measures_and_cites():
    card_signals = measure(clean(Article(text=POLICY)))
    specs = registered()
    assert [s.name for s in card_signals] == list(IMPACT_PIPELINE + HYPE_PIPELINE)
    for measured in card_signals:
        spec = specs[measured.name]
        assert spec.kind == measured.kind
        assert FAMILY_BY_KEY[spec.family].kind == spec.kind
        assert spec.plain_name and spec.measures and spec.evidence
    assert coverage_volume(3, 1, 2, 5.0).name in specs


def test_pipeline_lists_each_kind_in_card_order():
    assert [s.name for s in pipeline("impact")] == list(IMPACT_PIPELINE)
    assert all(s.kind == "hype" for s in pipeline("hype"))
    assert {s.name for s in registered().values() if s.level == "story"} == {"coverage_volume"}
