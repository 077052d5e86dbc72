"""One number table: the card's figures and the LLM grounding check read numbers the same way."""

from newsverdict.card.grounding import ungrounded
from newsverdict.card.numbers import find_figures

SOURCE = "The fund lent 40 mln euros to thirty towns; the group owes 2 tr yen."


def test_scale_and_number_words_mean_the_same_to_figures_and_grounding():
    amounts = {f.text: f.amount for f in find_figures(SOURCE)}
    assert amounts == {"40 mln euros": 40e6, "thirty towns": 30, "2 tr yen": 2e12}
    # what the figures read, a summary may write in other words without failing grounding
    assert ungrounded("It lent 40 million euros to 30 towns and owes 2 trillion yen.", SOURCE) == []
    assert ungrounded("It lent 50 million euros.", SOURCE) == ["50 million"]


def test_model_numbers_adverbs_and_units_are_not_counts():
    text = ("Gunmen with AK-47 assault rifles sailed 150 nautical miles; seven AK-47s were found. "
            "The firm will cut 1,200 jobs.")
    assert [f.text for f in find_figures(text)] == ["1,200 jobs"]
