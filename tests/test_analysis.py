"""The card's analysis, read as an editor would (issue 9 item 4, analysis10): every clause true of the article.

Each fixture is our own text, shaped like a card the second editor rejected (/work/coord/READ_editor_44.md).
"""

from __future__ import annotations

import re

from newsverdict.card.analysis import _actors, _main_clause, analyze_prose
from newsverdict.card.pipeline import analyze, run
from newsverdict.models import Evidence

GREECE = ("Greece has denied that it will fail to repay a loan of 300 million euros to the International Monetary Fund "
          "on Thursday. Sources close to the ruling Syriza party said the government was putting wages and pensions "
          "first. The finance minister said the country will make the payment on time. The IMF said it expected the "
          "payment. Greece has repaid every loan so far, the minister said. Markets fell on the news in Athens. "
          "Analysts said the country had little cash left. The government meets lenders next week.")
POLL = ("Pollsters Ipsos Mori asked voters in Scotland to rank a range of policies for the next government. "
        "Ipsos Mori surveyed more than 1,000 adults between 19 and 25 March. Many of those questioned favoured more "
        "powers for the Scottish Parliament over whether there should be another referendum on independence. "
        "Giving Holyrood control of welfare scored 7.1 out of 10. A second independence referendum scored lowest. "
        "The findings will be studied by all the parties before the election campaign.")
HIRE = ("The Philadelphia Sixers sacked coach Jim O'Brien, who had been under fire all season, and hired Mo Cheeks "
        "on Tuesday. Cheeks played for the Sixers in the 1980s as their point guard. He is expected to work closely "
        "with the team's star players. The club said the decision was made after a long review. Fans reacted "
        "warmly to the news on Tuesday night. Cheeks will be introduced at a press conference on Wednesday.")
FORD = ("A Texas man was arrested on Monday after police said he stole a Ford Raptor pickup from a dealership in "
        "Austin and crashed it into a shop window. Officers found the man, 34, asleep in the truck. He was charged "
        "with theft and criminal damage worth $60,000, police said. The dealership said the truck was worth $70,000. "
        "No one was hurt. The man will appear in court on Friday.")
EGYPT = ("Internet services in Egypt were disrupted on Friday after two undersea cables were cut in the Mediterranean, "
         "the country's telecoms regulator said. Up to 80 percent of Internet services in Egypt were cut, an official "
         "source said. The communications minister ordered an emergency team to oversee repairs. Egypt is also "
         "switching traffic to backup routes. Services in Egypt are expected to improve within 12 hours. Millions of "
         "users in Egypt and the Gulf were affected, and banks in Egypt closed their online services.")


def _clause(analysis: str, name: str) -> str:
    m = re.search(rf"{name} \(([^)]*)\)", analysis)
    return m.group(1) if m else ""


def test_a_word_qualifying_a_name_is_no_action_and_a_bare_title_no_actor():
    # "the ruling Syriza party" is who, not what was done; "minister" and "government" say nobody's
    analysis = analyze(GREECE).analysis
    assert "ruling" not in _clause(analysis, "what was done")
    actors = _clause(analysis, "who is involved")
    assert "Greece" in actors
    assert not {"minister", "government"} & {a.strip().lower() for a in actors.split(",")}


def test_a_poll_is_a_poll_its_sample_no_stake_and_its_question_not_done():
    analysis = analyze(POLL).analysis
    assert "poll or survey" in analysis and "law or policy" not in analysis
    assert "1,000 adults" not in analysis  # how many were asked is the method, not what is at stake
    assert "referendum" not in _clause(analysis, "what was done")  # asked about, not held
    assert "Parliament" not in _clause(analysis, "who is involved") or "Scottish" not in analysis.split("(")[0]


def test_under_fire_is_no_disaster_and_the_low_score_is_said_against_the_rubric():
    analysis = analyze(HIRE).analysis
    assert "disaster" not in analysis
    assert "reports few figures, actors or consequential actions" not in analysis
    assert "rubric's band for minor sports news" in analysis


def test_a_company_in_a_product_name_is_no_actor():
    done = run(FORD)
    assert "Ford" not in _actors(done.cleaned, done.signals, "")


def test_official_as_an_adjective_confirms_nothing_and_a_regulator_is_no_action():
    analysis = analyze(EGYPT).analysis
    assert "“official”" not in analysis  # "an official source said"
    assert "regulator" not in _clause(analysis, "what was done")
    assert "law or policy" not in analysis
    assert "Egypt" in _clause(analysis, "who is involved")


def test_a_long_development_is_told_by_its_main_clause():
    long = ("Spain's 2-0 defeat by Holland on Tuesday brought back bitter memories of their disastrous 2014 World "
            "Cup, but coach Vicente del Bosque will not be too worried about a third straight friendly defeat, "
            "insists Gerard Pique")
    assert _main_clause(long) == ("Spain's 2-0 defeat by Holland on Tuesday brought back bitter memories of their "
                                  "disastrous 2014 World Cup")
    short = "Greece denies it will miss an IMF repayment, officials say"
    assert _main_clause(short) == short
    # "not only ..., but ...": the second half is the news, so it is never cut; only the fronted scene before
    # the subject goes (prose11)
    both = ("Striking another blow against the pirates off the Horn of Africa, an Indian Navy warship not only "
            "repulsed an attack on a merchant vessel in the Gulf of Aden, but nabbed 23 Somali and Yemeni sea brigands")
    assert _main_clause(both) == ("An Indian Navy warship not only repulsed an attack on a merchant vessel in the "
                                  "Gulf of Aden, but nabbed 23 Somali and Yemeni sea brigands")


def _with_clickbait(done, headline: str, words: list[str]):
    """The run's signals with the clickbait signal strong and its evidence as given, hype moderate."""
    evidence = [Evidence(text=headline), *(Evidence(text=w) for w in words)]
    signals = [s.model_copy(update={"value": 0.9, "contribution": 2.0, "evidence": evidence})
               if s.name == "clickbait_headline" else s for s in done.signals]
    return signals, done.scores.model_copy(update={"hype": 6, "hype_level": "moderate"})


def test_a_plain_headline_is_not_blamed_as_clickbait_and_a_baited_one_shows_why():
    text = ("People who have never been divorced can expect a retirement income 13% higher than a colleague. "
            "The cost of divorce can wreck retirement, according to research for an insurer. The debt of a divorced "
            "retiree averages £22,100, the report said. Nearly one in five divorced people will retire on less than "
            "£9,500. Researchers said the effects last for years. The survey asked 7,687 people about their plans.")
    done = run(text)
    plain = "People who have never been divorced can expect a retirement income 13% higher"
    signals, scores = _with_clickbait(done, plain, ["never", "colleague", "retirement"])
    assert "clickbait" not in analyze_prose(done.cleaned, signals, scores, plain)
    baited = "WATCH: Divorce Will DESTROY Your Retirement!"
    signals, scores = _with_clickbait(done, baited, ["WATCH:", "DESTROY", "your"])
    analysis = analyze_prose(done.cleaned, signals, scores, plain)
    assert "clickbait-style headline (“WATCH:”" in analysis and "an exclamation mark" in analysis


def test_the_analysis_varies_with_the_kind_of_event():
    # ten cards should not read as one template: the rubric's example for each kind is named
    kinds = {analyze(t).analysis.split("/10", 1)[1][:80] for t in (GREECE, POLL, HIRE, FORD, EGYPT)}
    assert len(kinds) >= 4


def test_a_title_with_its_nationality_names_an_actor():
    text = ("The Indian navy said on Saturday it had captured 23 pirates who attacked a merchant ship off Somalia, "
            "the largest seizure of its kind. The Indian navy sent a helicopter with marine commandos. The "
            "pirates were handed over to the authorities. Shipping firms say attacks cost them $100 million a year. "
            "More than 20 warships patrol the area. The pirates will face trial, officials said.")
    done = run(text)
    actors = _actors(done.cleaned, done.signals, "")
    assert "Indian navy" in actors
    assert "Somalia" not in actors  # where it happened, not who acted


def test_a_question_the_story_reports_does_not_make_an_opinion_piece():
    from newsverdict.card.voice import is_opinion

    text = ("W. Mark Felt, the FBI official who was Deep Throat, has died at 95, his family said on Thursday. "
            "We learned of his death this morning from his grandson. Felt was the bureau's number two in 1972. "
            "His disclosure in 2005 provoked a national debate: Was he a hero or a traitor? He had denied the role "
            "for three decades. He is survived by his son and three grandchildren. A private funeral is planned.")
    assert not is_opinion(run(text).cleaned)


def test_a_title_names_its_holder_and_a_stamp_leaves_the_development():
    text = ("President Barack Obama signed an order on Thursday that bars federal contractors from asking about "
            "criminal records. The order covers about 2 million workers. The White House said the order takes "
            "effect next year. Business groups said the rule would add costs. Obama said the change was overdue. "
            "Congress did not vote on the order.")
    done = run(text)
    assert "President Barack Obama" in _actors(done.cleaned, done.signals, "")
    assert _main_clause("UN consults Turkmenistan on electoral processes 2 October 2013, 15:39 (GMT+05:00)") == \
        "UN consults Turkmenistan on electoral processes"
    # a date the sentence needs stays
    dated = "Paramedics were called to a sudden death at a bar in Dungiven at 06:00 BST on 6 October 2014"
    assert _main_clause(dated) == dated


def test_a_speakers_words_over_several_sentences_are_no_loaded_language_of_the_writer():
    from newsverdict.card.analysis import _inside_a_quotation

    text = ("Scotland beat Iceland 2-0 on Friday to reach the finals. Striker Jane Ross scored both goals. "
            "\"It was a huge night for us. It was mind-blowing, completely mind-blowing,\" she said. "
            "The team now play Portugal in April. The shocking defeat left Iceland out of the running.")
    done = run(text)
    for word, inside in (("mind-blowing", True), ("huge", True), ("shocking", False)):
        at = done.cleaned.text.find(word)
        index = next(i for i, s in enumerate(done.cleaned.sentences) if s.start <= at < s.end)
        evidence = Evidence(text=word, sentence=index, start=at, end=at + len(word))
        assert _inside_a_quotation(done.cleaned, evidence) is inside, word


# --- lead, after reading 31 cards of the merged tree (seed 21) --------------------------------------------------

PATCH = ("Microsoft rushed out an emergency patch for Internet Explorer on Tuesday after attackers exploited a flaw in "
         "the browser. The company said the flaw would allow a hacker to launch an attack if a person visits a "
         "website that contains malicious code. Microsoft said there were only reports of a limited number of "
         "targeted attacks. A full security update is expected to be released next month, the company said. "
         "Users were advised to set their security settings to high until then.")


def test_what_may_happen_is_neither_done_nor_proposed():
    # "would allow a hacker to launch an attack" is what the flaw makes possible, not a proposal and not an act;
    # "is expected to be released" confirms nothing
    analysis = analyze(PATCH).analysis
    assert "launch" not in _clause(analysis, "what is proposed or asked about")
    assert "launch" not in _clause(analysis, "what was done")
    assert "“released”" not in analysis


def test_a_figure_is_quoted_whole():
    text = ("Tens of thousands of union members marched on parliament in Athens on Wednesday as a general strike shut "
            "schools and airports across Greece. Police fired tear gas at protesters who threw stones. Three people "
            "died when a bank was set on fire, the police said. The government said the budget cuts were vital. "
            "Parliament votes on the cuts on Thursday, and the unions have called another strike for next week.")
    analysis = analyze(text).analysis
    assert "of union”" not in analysis


LOUD = ("The corrupt elites in Washington are lying to you again, and they think you are too stupid to notice. "
        "Every single day they destroy another piece of this once great nation while the fake news media cheers. "
        "They want your guns, your money and your children, and they will stop at nothing to get them. "
        "Wake up before it is too late, because the traitors are already inside the gates. "
        "Nobody in the swamp will ever tell you the truth about what they have done to your country. "
        "This is the most shameful betrayal in our history, and the cowards responsible must be exposed. "
        "Share this with everyone you know before they shut us down for telling the truth.")


def test_a_loud_score_is_given_reasons_a_reader_can_check_each_named_once():
    # the word model's topic words are no reason to give; the next drivers with evidence are named instead
    card = analyze(LOUD, title="SHOCK: Traitors Are Selling Out America!")
    assert card.hype_level in {"high", "extreme"}
    hype = card.analysis[card.analysis.index("(" + str(card.hype) + "/10)"):]
    assert "driven by" in hype or "because of" in hype
    assert hype.count("SHOCK:") == 1


def test_a_long_developments_fronted_background_clause_gives_way_to_the_news():
    # prose11: the development names what happened, not the scene set before it
    fronted = ("Even as the harbour board on Friday named a new chair for its annual regatta at Dunmore, the threat of "
               "a ferry workers' strike was casting a long shadow over whether the crossing would run next month")
    assert _main_clause(fronted) == ("The threat of a ferry workers' strike was casting a long shadow over whether the "
                                     "crossing would run next month")
    # a company's name ending in -ing is the subject, not a fronted participle
    boeing = ("Boeing said on Tuesday that it would cut 500 jobs at its plant near Seattle and move the work to South "
              "Carolina by the end of next year")
    assert _main_clause(boeing).startswith("Boeing said on Tuesday")


# --- analysis11: every clause true of the article (issue 9 item 4; seeds 81 and 82 read next to their articles) ---

BONES = ("A gardener who thought the bones he dug up belonged to a murder victim had in fact found a Roman burial. "
         "The skeleton was uncovered in a vegetable plot near Hexham on Sunday. Archaeologists said the remains date "
         "back to the second century and were buried with two clay pots. The county museum will put the pots on show "
         "next spring. The gardener said he was relieved. Digging on the plot has stopped while the site is mapped.")
POOL = ("The town's new swimming pool opened on Monday beside the ground where the local side lifted the cup in 1998. "
        "The pool cost £4 million and was paid for by the county council and a lottery grant. Swimmers queued from "
        "seven in the morning to try the new lanes. The council said the old baths will be pulled down next year. "
        "A cafe and a gym will open in the building in the summer. Entry costs £3 for adults.")
CLIMB = ("Two climbers killed in Ben Alder falls. Rescuers recovered the body of the second climber to fall to his "
         "death on the mountain over the weekend. The man fell about 200 metres from a ridge near the summit, police "
         "said. His companion had died after a fall on Saturday morning. Both men were experienced walkers from "
         "Leeds. Mountain rescue teams said the weather had been clear.")


def test_one_word_is_no_kind_of_event_but_the_lead_can_confirm_it():
    # a murder the gardener feared, a cup named in passing: one word, and nothing in the lead says it happened
    assert "crime" not in analyze(BONES).analysis.split(". ")[0]
    assert "sports result" not in analyze(POOL).analysis
    # two climbers killed in falls: an accident (the lead says they fell), not a crime because of "killed"
    first = analyze(CLIMB.split(". ", 1)[1], title=CLIMB.split(". ", 1)[0]).analysis.split(". ")[0]
    assert "accident" in first and "crime" not in first


HOOK = ("Never before have so many managers lost their jobs so early in a hockey season. On Saturday, the Tayside "
        "Tigers fired their head coach Ray Dunne after a run of nine defeats. Dunne had been in charge for three "
        "seasons. His assistant, Mo Kerr, will take charge for the match against Fife on Sunday. The club said a "
        "permanent replacement would be named next month. Kerr spent 19 seasons with the club as a player.")


def test_the_development_is_what_happened_not_the_writers_hook_and_its_figures_come_from_the_lead():
    analysis = analyze(HOOK).analysis
    first = analysis.split(". ")[0]
    assert "fired their head coach" in first and "Never before" not in first
    assert "19 seasons" not in analysis  # another man's career, told at the end, is no stake


REWARD = ("A bomb exploded on Friday outside a bank in Dunmore, killing a police officer and injuring two passers-by. "
          "The bomb went off shortly after five in the afternoon as the bank was closing. Police closed the town "
          "centre for the night. The officer had served the town for 20 years, his chief said. Shops reopened on "
          "Saturday morning. \"We will find who did this,\" the chief said, adding that 300 officers were on the case. "
          "The bank said its staff were shaken but unhurt. The state has offered a $50,000 reward for information.")


def test_a_reward_offered_later_or_a_number_in_a_quotation_is_no_figure_at_stake():
    analysis = analyze(REWARD).analysis
    assert "$50,000" not in analysis and "300 officers" not in analysis
    assert "crime" in analysis.split(". ")[0]  # a bomb that kills: the lead says so twice


PARDON = ("The governor on Tuesday signed pardons for two brothers jailed over a barn fire on state land. The "
          "brothers, farmers from Alder County, had served three years of a five-year term. Their case had angered "
          "ranchers across the state. The governor said the sentences were too harsh. The brothers will be freed on "
          "Friday. Their lawyer thanked the governor.")
STALKER = ("A man who set up 40 Instagram accounts to send abuse to his former partner has been jailed. He sent her "
           "hundreds of messages after she ended their relationship, a court heard. The woman, from Tilsby, Kent, "
           "told the court she had changed her phone number twice. The man admitted harassment. He was jailed for "
           "18 weeks and given a restraining order. The judge said the abuse had been relentless.")


def test_a_decision_the_text_reports_is_never_said_to_be_missing_and_a_platform_is_no_actor():
    for text in (PARDON, STALKER):
        analysis = analyze(text).analysis
        assert not re.search(r"names no [^.;]*binding decisions", analysis), analysis
    analysis = analyze(STALKER).analysis
    assert "Instagram" not in analysis.split(". ", 1)[1] and "Kent" not in analysis.split(". ", 1)[1]
    assert "court case" in analysis  # jailed, and the lead's court heard it


def test_an_event_is_what_happened_and_a_deed_what_was_done():
    quake = ("A strong earthquake struck the island of Tessel on Sunday, injuring five people and damaging dozens of "
             "homes. The quake was felt across the region. Aftershocks continued on Monday, the governor said. "
             "Tents were sent to two villages. Schools will stay closed until Wednesday. Officials said no one died.")
    analysis = analyze(quake).analysis
    assert "what was done (earthquake" not in analysis


def test_the_bench_counts_the_false_clauses_an_editor_found():
    from bench.prose_defects import analysis_false_clauses

    article = HOOK
    hooked = ("The development: Never before have so many managers lost their jobs so early in a hockey season "
              "(sports story). Impact is 1/10, below the rubric's band for minor sports news (2–3): it cites “19 "
              "seasons”, but nothing in it reaches beyond the people involved. Hype is low (1/10).")
    found = analysis_false_clauses(hooked, article)
    assert "analysis: development is a hook, a quotation or dated background" in found
    assert "analysis: a figure from after the lead or from a quotation cited as at stake" in found
    one_word = ("The development: The town's new swimming pool opened on Monday beside the ground where the local side "
                "lifted the cup in 1998 (sports result). Impact is 2/10. Hype is low (1/10).")
    assert "analysis: event kind from one word (no second cue in the development or lead)" in \
        analysis_false_clauses(one_word, POOL)
    denied = ("The development: The governor on Tuesday signed pardons for two brothers. Impact is 3/10: it names no "
              "large sums or binding decisions. Hype is low (2/10).")
    assert "analysis: says no binding decision, yet reports one (signed, jailed)" in \
        analysis_false_clauses(denied, PARDON)
    # the card of this tree says none of these
    for text in (HOOK, POOL, PARDON):
        assert not {n for n in analysis_false_clauses(analyze(text).analysis, text) if "hook" in n or "one word" in n
                    or "binding" in n}


def test_a_quarter_is_a_business_result_and_an_example_of_another_scale_is_not_compared():
    from newsverdict.card.analysis import _rubric_comparison

    results = ("Acme Stores reported third-quarter earnings on Tuesday that topped estimates, but sales fell short and "
               "its shares dropped 4 percent. The retailer earned $1.1 billion as revenue rose 2 percent to $14 "
               "billion. Analysts had expected revenue of $14.3 billion. The company cut its forecast for the year. "
               "Its shares are still up 20 percent this year. The chief executive said it would keep investing.")
    first = analyze(results).analysis.split(". ")[0]
    assert "business deal" not in first and "acquisition" not in analyze(results).analysis
    # a vote counted by fax at 3/10 is no "election of a national leader" (6–7); at 6 it is compared with it
    assert _rubric_comparison("election", 3) == ""
    assert "national leader" in _rubric_comparison("election", 6)
    # a supermarket fire at 2/10 is no "regional disaster with some casualties" (4–5); at 3 it is one step below
    assert _rubric_comparison("disaster", 2) == ""
    assert _rubric_comparison("disaster", 3).startswith("below")


# --- lead: a model's own summary line is never quoted as the text's words ---

def test_technique_driver_quotes_a_sentence_of_the_text_or_is_not_named() -> None:
    """With no sentence past the technique model's bar, its only evidence is its own 'mean p …' line; the
    analysis must not quote that line to a reader as 'sentences built like propaganda'."""
    from newsverdict.card.analysis import _hype_drivers
    from newsverdict.card.clean import clean
    from newsverdict.models import Article, Signal

    cleaned = clean(Article(text="Police arrested 46 people on Wednesday night. Officials said the street was calm."),
                    min_words=1)
    summary_line = Evidence(text="mean p 0.47 of the 3 most technique-like of 2 sentences", note="model")
    ranked = [Signal(name="propaganda_techniques", kind="hype", value=0.47, weight=1.0, contribution=0.47,
                     description="", evidence=[summary_line])]
    drivers, _ = _hype_drivers(ranked, cleaned)
    assert not any("mean p" in d for d in drivers)
    sentence = Evidence(text="Police arrested 46 people on Wednesday night.", sentence=0, note="p=0.61")
    ranked[0] = ranked[0].model_copy(update={"evidence": [sentence, summary_line]})
    drivers, _ = _hype_drivers(ranked, cleaned)
    assert drivers and "Police arrested 46 people" in drivers[0]
