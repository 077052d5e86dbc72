"""The pipeline hands back what it computed, so nothing is cleaned twice."""

from conftest import GOSSIP, POLICY

import newsverdict.card.clean as clean_module
from newsverdict.card.pipeline import analyze, run
from newsverdict.sources.corpus import RawItem
from newsverdict.stories.ingest import ingest_items
from newsverdict.stories.store import Store


def test_run_keeps_every_stage_and_gives_the_same_card_as_analyze():
    result = run(POLICY)
    assert result.verdict == analyze(POLICY)
    assert result.cleaned.word_count == result.verdict.cleaning.words
    assert [s.name for s in result.signals] == [s.name for s in result.verdict.signals]
    assert result.scores.impact == result.verdict.impact


def test_ingest_cleans_each_article_once(tmp_path, monkeypatch):
    calls = []
    real_clean = clean_module.clean

    def counting_clean(article, *args, **kwargs):
        calls.append(article.origin)
        return real_clean(article, *args, **kwargs)

    monkeypatch.setattr("newsverdict.stories.ingest.clean", counting_clean)
    monkeypatch.setattr("newsverdict.card.pipeline.clean", counting_clean)
    items = [RawItem(origin="a", text=POLICY, source="One"), RawItem(origin="b", text=GOSSIP, source="Two")]
    with Store(tmp_path / "nv.db") as store:
        report = ingest_items(store, items)
    assert report.added == 2
    # each story card reads its articles' joined text ("story N"): that is a different text, cleaned once too
    article_cleanings = [origin for origin in calls if not origin.startswith("story ")]
    assert sorted(article_cleanings) == ["a", "b"]
