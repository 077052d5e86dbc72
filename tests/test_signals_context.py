"""Signals read context: background figures, lists, questions, keywords in trades, acronyms, quotes."""

from __future__ import annotations

import pytest

from newsverdict.card.clean import clean
from newsverdict.card.numbers import find_figures
from newsverdict.card.signals import measure
from newsverdict.models import Article


def _signals(text: str, title: str = "") -> dict:
    return {s.name: s for s in measure(clean(Article(text=text, title=title), min_words=1, check_language=False))}


def _evidence_texts(signal) -> list[str]:
    return [e.text for e in signal.evidence]


def test_a_background_death_toll_is_not_the_event():
    text = ("A magnitude 5.1 aftershock shook the coast of Velmar on Tuesday, officials said. "
            "There were no reports of damage or injuries.\n\n"
            "Residents said the shaking lasted a few seconds. "
            "In 2004, a tsunami in the region killed 220,000 people across the ocean's shores.")
    sig = _signals(text)
    cited = " ".join(_evidence_texts(sig["magnitude"]))
    assert "220,000" not in cited
    assert "background" in cited  # the reader is told a figure was left out
    assert sig["magnitude"].value < 0.2


def test_since_and_last_year_mark_background():
    text = ("The council approved a new budget on Monday. It takes effect in June.\n\n"
            "Since 1976 the town has lost 4,000 jobs. Last year a flood displaced 9,000 residents.")
    cited = " ".join(_evidence_texts(_signals(text)["magnitude"]))
    assert "4,000" not in cited and "9,000" not in cited


def test_countries_in_a_list_are_not_countries_in_scope():
    text = ("Police in Tarnow arrested eleven people on Friday after a raid on a warehouse. "
            "The suspects are citizens of France, Germany, Italy, Spain, Poland, Romania and Greece, police said.")
    scope = _signals(text)["scope"]
    assert not any("germany" in e.text.lower() or "greece" in e.text.lower() for e in scope.evidence)
    assert "more in lists" in " ".join(e.note for e in scope.evidence)


def test_keywords_in_trades_questions_and_polls_do_not_count():
    text = ("Jane Smith, a law professor at the university, gave a talk on Tuesday about her new book.\n\n"
            "Quiz: which company filed for bankruptcy in the famous case? "
            "Poll: Do you think the Supreme Court should hear the case?")
    action = _signals(text)["action_type"]
    cited = {e.text.lower() for e in action.evidence if e.direction == "raises"}
    assert not cited & {"law", "bankruptcy", "supreme court"}


def test_ended_speculation_is_not_uncertainty():
    text = ("Chipmaker Ardent agreed to buy Lumos for $5.4 billion on Monday, ending months of speculation "
            "about the company's future. Both boards approved the deal.")
    sig = _signals(text)
    assert not any(e.text.lower() == "speculation" for e in sig["certainty"].evidence)
    assert not any(e.text.lower() == "speculation" for e in sig["speculation"].evidence)


def test_revenue_does_not_size_a_small_acquisition():
    text = ("Hewlord, which had annual revenue of $100.5 billion last quarter, said on Wednesday it would buy "
            "Tesseract, a software firm with 350 employees, for an undisclosed sum.")
    money = [e for e in _signals(text)["magnitude"].evidence if "100.5" in e.text]
    assert money and "sizes an actor" in money[0].note


def test_dates_model_numbers_and_addresses_are_not_figures():
    figures = {f.text for f in find_figures(
        "On March 12 police said the Boeing 747 jets and iPhone 5 users met at 350 Fifth Avenue.")}
    assert not figures
    killed = find_figures("The blast tore through the market, killing 170, police said.")
    assert [(f.kind, f.amount) for f in killed] == [("casualties", 170.0)]


def test_acronyms_tickers_datelines_and_attributed_quotes_are_not_shouting():
    text = ("WASHINGTON (Reuters) - NASDAQ-listed Qorvix (QRVX) said FEMA and the NAACP backed the plan. "
            "\"Get out now!\" the officer shouted. The USGS said the quake was shallow.")
    framing = _signals(text)["framing"]
    assert not [e for e in framing.evidence if e.note == "all caps"]
    assert not [e for e in framing.evidence if e.note == "exclamation"]


def test_shouting_and_caption_labels_are_seen():
    sig = _signals("Patients are ESCAPING from the ward, and nobody is telling you the truth about it. "
                   "The official story is a cover-up, they say.",
                   title="Shock: Black Death Patients Are ESCAPING")
    assert any(e.text == "ESCAPING" and e.note == "all caps" for e in sig["framing"].evidence)
    notes = " ".join(e.note for e in sig["persuasion"].evidence)
    assert "caption label" in notes and "insinuation" in notes


def test_word_models_cite_words_of_the_article():
    text = ("The national parliament passed a law on Thursday that raises the pension age for 30 million workers. "
            "The president signed it into law the same day.")
    sig = _signals(text)
    for name in ("impact_words", "hype_words"):
        assert sig[name].evidence
        for e in sig[name].evidence:
            assert e.text.lower() in text.lower()
            assert not any(c.isdigit() for c in e.text)


def test_headline_clickbait_is_carried_by_content():
    body = "Doctors at the regional hospital said on Monday that two patients had left the isolation ward."
    shock = _signals(body, title="Shock: Black Death Patients Are ESCAPING From Hospital")["clickbait_headline"]
    assert shock.value >= 0.75
    site = _signals(body, title="The Daily Herald")["clickbait_headline"]
    assert "lead (no headline)" in site.evidence[0].note  # a site name is not judged as the headline
    sober = _signals(body, title="Two patients leave isolation ward, hospital says")["clickbait_headline"]
    assert sober.value < shock.value


def test_function_words_carry_no_weight_of_their_own():
    from newsverdict.card.headline import FUNCTION_WORDS, default_model, features

    assert "w:the" not in features("The vote")
    assert not any(f"w:{w}" in default_model().weights for w in FUNCTION_WORDS)


def test_the_pure_python_word_model_matches_scikit_learn():
    import numpy as np
    import pytest

    pytest.importorskip("sklearn")
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import Ridge

    from bench.fit import fit_word_model
    from newsverdict.card.wordmodel import TOKEN_PATTERN

    texts = ["parliament passed the pension law", "the pop star split from her boyfriend",
             "the court ruled the pension law lawful", "fans lose their minds over the pop star",
             "parliament and court clash over law", "star and fans at the premiere"]
    y = np.array([7.0, 1.0, 6.0, 1.0, 5.0, 2.0])
    ours = fit_word_model(texts, y, alpha=0.5)
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, token_pattern=TOKEN_PATTERN)
    ref = Ridge(alpha=0.5).fit(vec.fit_transform(texts), y)
    probe = ["the pension law passed parliament in 2024", "pop star fans"]
    assert [ours.predict(t) for t in probe] == pytest.approx(list(ref.predict(vec.transform(probe))), abs=1e-9)


def test_a_log_word_model_multiplies_the_rating_and_its_terms_add_up_on_the_card():
    import math

    import numpy as np
    import pytest

    pytest.importorskip("sklearn")
    from bench.fit import fit_word_model
    from newsverdict.card.wordmodel import WordModel

    texts = ["shocking outrage as elites betray the nation", "council approves budget for roads",
             "outrage over shocking betrayal by elites", "council publishes road budget figures",
             "the nation betrayed in shocking outrage", "roads budget approved by the council"]
    y = np.array([9.0, 1.0, 8.0, 2.0, 9.0, 1.0])
    model = fit_word_model(texts, y, target="log")
    loud, sober = "shocking outrage by the elites", "council roads budget"
    score, contrib = model.contributions(loud)
    # the rating is exp of the linear score; each term scales it by exp(contribution)
    assert model.rating(score) == pytest.approx(math.exp(model.intercept + sum(c for _, c in contrib)))
    assert model.rating(score) > 5 > model.rating(model.predict(sober))
    assert model.describe(contrib[0][1]).startswith("\u00d7")
    # the signal value is log10 of the rating: linear in the terms, 0 at a rating of 1, 1 at 10
    assert model.signal_value(math.log(10.0)) == 1.0 and model.signal_value(0.0) == 0.0
    assert model.signal_value(score) == pytest.approx(math.log10(model.rating(score)))
    again = WordModel.from_dict(model.to_dict())
    assert again.target == "log" and again.predict(loud) == pytest.approx(score)


def test_wont_is_not_won_and_distances_are_not_figures_at_stake():
    text = ("Three undersea cables were cut on Friday, carriers said. Millions of people won't be able to make "
            "calls for a while, and traffic must now be routed around the globe, some 1,500 kilometers further. "
            "No word yet on the cause of the damage, which engineers are still trying to locate. "
            "Repair ships are expected to reach the site next week, the operators said in a statement.")
    sig = _signals(text)
    assert "won" not in [t.lower() for t in _evidence_texts(sig["certainty"])]
    assert not any("kilomet" in t for t in _evidence_texts(sig["magnitude"]))


def test_a_confirmation_the_article_says_has_not_happened_is_not_done():
    text = ("Regulators approved the first licences on Monday, officials said. Other firms are waiting for their own "
            "licences, but the conditions attached to them have not yet been finalized and the deal is yet to be "
            "signed by the ministry.")
    sig = _signals(text)
    done = [e.text.lower() for e in sig["certainty"].evidence if e.direction == "raises"]
    pending = [e.text.lower() for e in sig["certainty"].evidence if e.note == "not yet done"]
    assert "approved" in done
    assert "finalized" not in done and "signed" not in done
    assert {"finalized", "signed"} <= set(pending)


@pytest.mark.parametrize("text, left_out", [
    # "In 2009 almost 300 people died" is a recap, whatever word follows the year; "2000 people" is a count
    ("A magnitude-4.8 quake struck north of Lucca on Tuesday, officials said. "
     "There were no immediate reports of injuries or damage.\n\n"
     "The region is prone to earthquakes. In 2009 almost 300 people died in a quake in the central region. "
     "Last May, two earthquakes in the same area left more than 20 people dead.", ("300", "20 people")),
    # the lead is dated November; the background sentence's second clause is dated February, with no year
    ("A powerful earthquake hit southern Iran on Sunday, November 27, killing 10 people and injuring 80. "
     "The tremor shook Oman as well, officials said.\n\n"
     "A major earthquake killed more than 31,000 in the city of Bam in 2003, and 600 were killed in the "
     "city of Zarand in February in an earthquake of magnitude 6.4.", ("31,000", "600")),
])
def test_dated_recaps_are_background(text, left_out):
    cited = " ".join(_evidence_texts(_signals(text)["magnitude"]))
    assert not [figure for figure in left_out if figure in cited]
    assert "background" in cited


def test_a_count_in_the_year_range_is_still_a_count():
    text = ("Rescuers reached the flooded valley on Monday, officials said. The army sent helicopters.\n\n"
            "More than 2000 people and 4,500 cattle were moved to shelters overnight as the river kept rising.")
    cited = " ".join(_evidence_texts(_signals(text)["magnitude"]))
    assert "4,500 cattle" in cited  # the sentence is not taken for a recap of the year 2000


def test_the_lexicon_trie_matches_what_a_longest_first_alternation_matches():
    from newsverdict.card.lexicons import flat_phrase_pattern, phrase_pattern

    entries = frozenset({"war", "war on", "warn", "warning", "u.s.", "won", "state of emergency", "state"})
    text = ("The U.S. warned of a war on drugs; warnings won't stop the war. A state of emergency, the state "
            "said, and a warning-light. Warn them: we won.")
    assert ([m.span() for m in phrase_pattern(entries).finditer(text)]
            == [m.span() for m in flat_phrase_pattern(entries).finditer(text)])
    assert [m.group(0) for m in phrase_pattern(entries).finditer(text)][:3] == ["U.S.", "war on", "war"]


@pytest.mark.parametrize("text", [
    "The U.S. warned of a war on drugs; warnings won't stop the war. A state of emergency, the state said, "
    "and a warning-light. Warn them: we won. WAR ON the anti-war state-of-emergency; war’s end, War.",
    "STATE OF EMERGENCY declared: the state's war on u.s. soil, a warn_ing, war2, 2war, war-on, u.s.a. wars",
    "War on drugs in İstanbul, the ſtate's war; warning in the state of emergency",  # letters re folds its own way
    "",
])
def test_the_word_index_finds_what_the_phrase_pattern_finds(text):
    from newsverdict.card.lexicons import PhraseIndex, phrase_pattern

    pattern = phrase_pattern(frozenset({"war", "war on", "warn", "warning", "u.s.", "won", "state of emergency",
                                        "state"}))
    assert ([(m.span(), m.group(0)) for m in PhraseIndex(text).finditer(pattern)]
            == [(m.span(), m.group(0)) for m in pattern.finditer(text)])


def test_attribution_reads_sources_and_quotes():
    sourced = ('The ministry said on Monday that the bridge would reopen in May. "The repairs are finished," '
               'the minister told reporters. According to the transport agency, traffic will resume at dawn.')
    bare = ("The bridge will reopen in May. The repairs are finished. Traffic will resume at dawn. "
            "Drivers will be relieved.")
    a, b = _signals(sourced)["attribution"], _signals(bare)["attribution"]
    assert a.value < b.value
    assert b.value > 0.95
    notes = [e.note for e in a.evidence]
    assert any(n.startswith("attributed") for n in notes)
    assert any("direct quotes" in e.text for e in a.evidence)


def test_headline_loudness_reads_the_headline_not_the_body():
    body = "Police arrested one man after a vigil on Saturday, officials said. No one was hurt."
    loud = _signals(body, title="'War zone': Chaos and fury as shocking riot erupts")["headline_loudness"]
    calm = _signals(body, title="Police arrest one man after vigil")["headline_loudness"]
    assert loud.value > 0.5 and calm.value == 0.0
    assert all("in the headline" in e.note for e in loud.evidence)


def test_strategic_shift_counts_the_event_not_the_background_or_a_sports_rivalry():
    event = ("China cleared the way for imports of advanced AI chips, a shift in Beijing's stance amid the AI "
             "race with Washington. Regulators approved the first licences on Monday.")
    sport = ("The Yankees beat the Red Sox 5-3 on Sunday, the latest chapter of baseball's fiercest rivalry. "
             "The win lifted New York to first place.")
    past = ("The city council approved a new bus timetable on Monday. It starts in June.\n\n"
            "Last year the trade war between the two countries hit local exporters.")
    s = _signals(event)["strategic_shift"]
    assert s.value >= 0.7 and {"AI race", "shift in Beijing's stance"} <= set(_evidence_texts(s))
    assert _signals(sport)["strategic_shift"].value == 0.0
    assert _signals(past)["strategic_shift"].value == 0.0


def test_a_nickname_inside_a_name_is_not_scare_quotes():
    body = "W. Mark Felt, the FBI's number two during Watergate, died on Thursday at 95, his family said."
    named = _signals(body, title='Mark "Deep Throat" Felt dead at 95')
    assert not any("Deep Throat" in e.text for e in named["headline_loudness"].evidence)
    assert not any(e.note == "scare quotes" for e in named["framing"].evidence)
    scare = _signals(body, title="Officials call the new rules a 'reform' of the bureau")["headline_loudness"]
    assert any(e.note.startswith("scare quotes") for e in scare.evidence)


def test_a_label_before_a_colon_in_the_headline_is_seen():
    body = "The county health office said on Monday that two cases had been confirmed."
    for title in ("Conspiracy: Officials Hid The Outbreak", "Officials Warn: Epidemic Could 'Explode'"):
        label = _signals(body, title=title)["headline_label"]
        assert label.value == 1.0 and label.evidence[0].text.endswith(":")
    for title in ("Two cases confirmed in the county", "Last Updated: Monday, 28 November 2005"):
        assert _signals(body, title=title)["headline_label"].value == 0.0


def test_word_model_evidence_names_content_words():
    from newsverdict.card.headline import FUNCTION_WORDS
    from newsverdict.card.text import STOPWORDS

    text = ("The national parliament passed a law on Thursday that raises the pension age for 30 million workers. "
            "The president signed it into law the same day, and the opposition said it would fight the change.")
    for name in ("impact_words", "hype_words"):
        *words, last = _signals(text)[name].evidence
        stop = FUNCTION_WORDS | STOPWORDS
        assert words and all(any(t not in stop for t in e.text.lower().split()) for e in words)
        if "function-word" in last.note:  # the function words' share comes last, summed, in one line
            assert "together" in last.note
        else:
            assert any(t not in stop for t in last.text.lower().split())


def test_hundreds_of_thousands_is_not_a_toll_of_a_hundred():
    text = "After the hurricane, it left hundreds of thousands of people displaced and many homes destroyed."
    figures = find_figures(text)
    assert not any(f.text.startswith("left hundred") for f in figures)
    assert any(f.text.startswith("hundreds of thousands") and f.amount >= 1e5 for f in figures)


def test_a_question_headline_counts_as_a_label():
    body = "Immigration officers arrested 232 people in the Bay Area last week, the agency said."
    asked = _signals(body, title="How Many Child Rapists Did a Sanctuary City Mayor Tip Off?")["headline_label"]
    assert asked.value == 1.0 and "question" in asked.evidence[0].note


def test_a_national_rule_change_in_the_lead_is_seen_with_its_sentence():
    rule = ("The Interior Department on Tuesday overturned a rule that had let federal agencies skip reviews of "
            "projects that harm endangered wildlife. Conservation groups welcomed the decision.")
    sport = ("The league changed its offside rules before the new season, the coach said. "
             "The players trained on Monday.")
    question = ("Is the government about to scrap the rules on bin collections? "
                "Councils say they have heard nothing.")
    late = ("Rain fell across the valley on Monday. Farmers said the harvest would be late. "
            "The river rose by a metre. In other news, the ministry announced new rules for tractors.")
    s = _signals(rule)["rule_change"]
    assert s.value == 1.0 and s.evidence[0].text.startswith("The Interior Department")
    assert "overturned" in s.evidence[0].note and "Department" in s.evidence[0].note
    for text in (sport, question, late):  # no national actor; a question; not in the lead
        assert _signals(text)["rule_change"].value == 0.0


def test_a_think_tank_regime_change_plan_is_not_a_national_rule_changed():
    plan = ("A think-tank paper urges regime change in the island state. The plan, written by a national security "
            "research group, calls for a tougher policy and is being read by some officials.")
    s = _signals(plan)["rule_change"]
    assert s.value == 0.0  # "regime change" changes no rule; "national security" is no rule-maker
    enacted = ("The national government changed its visa policy on Monday, officials said. "
               "The new rules take effect in June.")
    assert _signals(enacted)["rule_change"].value == 1.0


def test_a_rule_change_in_a_title_case_headline_names_the_rule_not_a_verb():
    # the page opens with its headline, as scraped pages do (the signal reads the text's first sentences)
    body = "Scientists welcomed the decision on Tuesday. The change takes effect next month."
    s = _signals("Interior Department Overturns Rule That Cut Science Out of Wildlife Reviews. " + body)
    assert s["rule_change"].value == 1.0 and "'Rule'" in s["rule_change"].evidence[0].note
    urged = _signals("Scientists Say the Interior Secretary Must Act to Change Wildlife Reviews. " + body)
    assert urged["rule_change"].value == 0.0  # "Must Act" is a verb, not an Act: no rule is named


# --- scores11: the headline model reads sentence form and content, not function words ---


def test_a_teaser_headline_shows_the_form_that_baits_and_a_report_does_not():
    body = "The company said on Monday that it had changed the recipe of its best-selling biscuit after complaints."
    teaser = _signals(body, title="You won't believe why they changed this biscuit")["clickbait_headline"]
    report = _signals(body, title="Biscuit maker changes recipe after complaints")["clickbait_headline"]
    assert teaser.value > report.value
    cues = [e.text for e in teaser.evidence if "model feature" in e.note]
    # the card names the teaser's form ("the reader addressed", a forward reference), not "the" or "of"
    assert any(c in ("the reader addressed", "forward reference", "forward reference at the start") for c in cues)
    assert not [e for e in report.evidence if e.text in ("the reader addressed", "forward reference")]


def test_no_function_word_carries_the_headline_model_as_its_first_word():
    from newsverdict.card.headline import FUNCTION_WORDS, default_model, features

    assert not [f for f in features("The vote was close") if f.startswith("first:")]
    weights = default_model().weights
    assert not [w for w in FUNCTION_WORDS if f"first:{w}" in weights or f"w:{w}" in weights]
    assert "cue:superlative" not in features("Interest rates rise after the protest in the west")
