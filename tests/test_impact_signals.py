# --- scores10: the impact word model reads kinds of events, not names ---
"""The impact word model reads stems and leaves names out: what it learns is the kind of event."""

from __future__ import annotations

import pytest

from newsverdict.card.clean import clean
from newsverdict.card.signals import measure
from newsverdict.card.wordmodel import WordModel, analyze, default_models
from newsverdict.models import Article

RATED = [  # (text, impact) written for these tests: kinds of events in invented places
    ("Rioters clashed with police in Kavar as protests against the government spread.", 6.0),
    ("The riots broke out in Dunmore after protesters marched on the government offices.", 6.0),
    ("The protest organisers in Selby said rioting spread to three cities and the government fell.", 6.0),
    ("The singer Jaxie Lorne showed off a new hairstyle to her fans at a party.", 1.0),
    ("Fans of the singer Mira Bell loved her new hairstyle at the party.", 1.0),
    ("A new hairstyle for the singer Tom Alder delighted fans at a party.", 1.0),
]
GROUPS = ["kavar", "dunmore", "selby", "lorne", "bell", "alder"]


def _fit() -> WordModel:
    np = pytest.importorskip("numpy")
    pytest.importorskip("sklearn")
    pytest.importorskip("nltk")
    from bench.fit import fit_word_model

    texts = [t for t, _ in RATED]
    return fit_word_model(texts, np.array([y for _, y in RATED]), groups=GROUPS,
                          reading={"lead": 5, "min_events": 2})


def test_a_word_model_with_a_word_table_learns_no_names_and_reads_inflections_as_one_word():
    model = _fit()
    learnt = {w for term in model.coef for w in term.split()}
    # names of the rated texts (places, people) are never features, whatever their rating
    assert not learnt & {"kavar", "dunmore", "selby", "jaxie", "lorne", "mira", "bell", "alder"}
    # "riots", "rioting" and "rioters" are one feature; so are "protests", "protesters" and "protest"
    assert model.norm["riots"] == model.norm["rioting"] and model.norm["protests"] == model.norm["protest"]
    # the same event in a place it never saw reads as the same kind of event
    a = model.predict("Riots spread in Kavar as protesters marched on the government.")
    b = model.predict("Riots spread in Ostrava as protesters marched on the government.")
    assert a == pytest.approx(b) and a > model.predict("Fans loved the singer's new hairstyle at a party.")
    again = WordModel.from_dict(model.to_dict())
    assert again.predict("rioting in Selby") == pytest.approx(model.predict("rioting in Selby"))


def test_a_name_the_table_never_saw_does_not_join_words_it_stood_between():
    norm = {"the": "the", "government": "govern", "fell": "fell"}
    # "Ostrava" is written capitalised only: a name, left out, so "the government" is read as one term
    assert "the govern" in analyze("the Ostrava government fell", norm)
    # a word the text also writes in lower case is a word, kept
    assert "ostrava" in analyze("Ostrava said ostrava", norm)


def test_the_word_models_evidence_quotes_the_words_as_the_article_writes_them():
    model = _fit()
    assert model.find("riot", "Rioting spread. Riots continued.") == (0, 7, "Rioting")
    # a two-word term is found across a name the model skips
    norm = {"the": "the", "government": "govern"}
    table = WordModel({"the govern": 1.0}, {"the govern": 1.0}, 0.0, norm=norm)
    text = "Crowds marched on the Ostrava government."
    start, end, shown = table.find("the govern", text)
    assert shown == "the Ostrava government" == text[start:end]


def test_the_shipped_impact_model_cites_words_of_the_article_and_knows_no_place_names():
    model = default_models()["impact"]
    learnt = {w for term in model.coef for w in term.split()}
    assert not learnt & {"athens", "greek", "greece", "turkmenistan", "khashoggi"}
    text = ("Riots spread across the capital of Kavar on Tuesday as protesters clashed with police after the "
            "government approved deep cuts to pensions, officials said. Three people were killed in the clashes, "
            "and the unions called a general strike for Thursday.")
    cleaned = clean(Article(text=text))
    words = next(s for s in measure(cleaned) if s.name == "impact_words")
    cited = [e for e in words.evidence if e.start is not None]
    assert cited
    for e in cited:
        assert cleaned.text[e.start:e.end] == e.text
