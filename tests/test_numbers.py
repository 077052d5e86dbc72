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


# --- lead: labels and scores are not counts ---

def test_scores_records_and_seasons_are_not_counts() -> None:
    """"a 43-39 record", "a 20-13 victory" and "the 2008-09 season" count nothing: the analysis once cited
    "39 record-a" as a figure at stake on a coach's firing."""
    text = ("The coach was fired despite a 43-39 record. The Colts won 20-13 in the 2008-09 season, "
            "and 40,000 fans watched.")
    counts = [f.text for f in find_figures(text) if f.kind == "count"]
    assert counts == ["40,000 fans"]


def test_labelled_numbers_are_not_counts() -> None:
    """A size, a flight, a seed or a chapter is a label: "size 24 dress" is not 24 dresses."""
    text = ("She reached a size 24 dress. The number 15 seed lost. Flight 93 passengers fought back. "
            "Officials said 24 dresses and 300 passengers were on the list.")
    counts = [f.text for f in find_figures(text) if f.kind == "count"]
    assert counts == ["24 dresses", "300 passengers"]


def test_a_sum_given_again_in_another_currency_is_one_sum() -> None:
    """"$US1 million ($1.52 million)": the card cites the sum the article states, not its conversion."""
    money = [f.text for f in find_figures("Damage was estimated at $US1 million ($1.52 million), police said. "
                                          "The club paid 57m euros (£48.6m) and then $7 million.")
             if f.kind == "money"]
    assert money == ["$US1 million", "57m euros", "$7 million"]
    assert [f.text for f in find_figures("a deal worth C$3.2 billion (US$2.9 billion)")] == ["C$3.2 billion"]
