"""Sentence splitting, furniture removal and the near-duplicate check, including pathological input."""

from __future__ import annotations

import random
import time

import pytest

from newsverdict.card.clean import clean, clean_title, is_furniture_sentence, strip_inline_furniture
from newsverdict.card.text import normalize, split_sentences
from newsverdict.models import Article

FILLER = ("The authorities gave no further details of what happened next. Residents were told to stay away "
          "from the area until the investigation was over, and schools stayed open as usual.")


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("A 4.6 magnitude quake hit. No one was hurt.", ["A 4.6 magnitude quake hit.", "No one was hurt."]),
    ("Army Spc. John Reed, 22, died. Dr. Lee said so.", ["Army Spc. John Reed, 22, died.", "Dr. Lee said so."]),
    ("Vancouver police Const. Tim Fanning told reporters. Cllr. Ann Ray agreed.",
     ["Vancouver police Const. Tim Fanning told reporters.", "Cllr. Ann Ray agreed."]),
    ("It ran until 2019.Short-format videos came later.", ["It ran until 2019.", "Short-format videos came later."]),
    ("He lives in the U.S. The firm agreed.", ["He lives in the U.S.", "The firm agreed."]),
    ("Frederick C. LaRue died on Jan. 5 at 5 p.m. Friday.", ["Frederick C. LaRue died on Jan. 5 at 5 p.m. Friday."]),
    ('He read a report titled "Putin. War" on Monday. Then he left.',
     ['He read a report titled "Putin. War" on Monday.', "Then he left."]),
    ('"We will win," he said. "Why?" she asked. It ended.', ['"We will win," he said.', '"Why?" she asked.',
                                                              "It ended."]),
    ('It was over, a spokesman said."Detectives are on it."', ["It was over, a spokesman said.",
                                                              '"Detectives are on it."']),
    ("The deal cost £1. 7 million at 4. 30am. Next.", ["The deal cost £1. 7 million at 4. 30am.", "Next."]),
])
def test_sentence_boundaries_of_news_text(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize("text", ["x" + "." * 60_000 + "!" * 200_000, "a. " * 100_000, '"' + "Ab. " * 50_000,
                                  "x." * 100_000])
def test_splitting_is_linear_on_pathological_punctuation(text):
    start = time.perf_counter()
    split_sentences(text)
    assert time.perf_counter() - start < 2.0  # generous: quadratic took 12.7 s on 30k dots


def test_near_duplicate_check_is_subquadratic_and_still_drops_near_repeats():
    rng = random.Random(1)
    vocab = [f"w{i}" for i in range(3000)]
    paras = [" ".join(rng.choice(vocab) for _ in range(20)) + " the end of it." for _ in range(8000)]
    start = time.perf_counter()
    cleaned = clean(Article(text="\n\n".join(paras)), check_language=False)
    assert time.perf_counter() - start < 20.0  # all-pairs took 26 s (and minutes under load)
    assert cleaned.repeats_dropped == 0
    edited = paras[:30] + [p.replace(" ", " also ", 1) for p in paras[:30]]
    assert clean(Article(text="\n\n".join(edited)), check_language=False).repeats_dropped == 30


@pytest.mark.parametrize("text, expected", [
    ("(CNN)Sofia Vergara's ex-fiance spoke out.", "Sofia Vergara's ex-fiance spoke out."),
    ("Share this withEmailFacebookTwitterPinterestWhatsAppLinkedinCopy this linkLandlords need a licence.",
     "Landlords need a licence."),
    ("By . Daily Mail Reporter . PUBLISHED: . 12:34 EST, 5 May 2014 . | . UPDATED: . 13:00 EST, 5 May 2014 . "
     "A man was arrested.", "A man was arrested."),
    ("MADRID (Reuters) - Spain's parliament voted.", "Spain's parliament voted."),
    ("He said. Scroll down for video In a new tutorial she did it.", "He said. In a new tutorial she did it."),
])
def test_inline_furniture_is_removed(text, expected):
    assert strip_inline_furniture(text)[0] == expected


@pytest.mark.parametrize("sentence, furniture", [
    ("Down: RBS reported a loss for the seventh year in a row on Thursday", True),
    ("Ramsey, pictured, said the club was 'in good hands'", True),
    ("Read more: Bank bosses face questions from MPs", True),
    ("Take our poll - story continues below", True),
    ("Police said: The man fled on foot.", False),
    ("The crash killed 12 people on the motorway.", False),
])
def test_captions_teasers_and_widgets_are_furniture(sentence, furniture):
    assert is_furniture_sentence(sentence) is furniture


def test_mojibake_and_ptb_quotes_are_repaired():
    assert normalize("a licence can cost Â£1,000") == "a licence can cost £1,000"
    assert normalize("he said `` it is over '' .") == 'he said "it is over" .'


@pytest.mark.parametrize("title, kept", [
    ("16 September 2013 Last updated at 12: 42 GMT", ""),
    ("Posted on March 09, 2013", ""),
    ("Share this withEmailFacebookTwitterPinterestWhatsAppLinkedinCopy this link", ""),
    ("Staffers working for the candidate are caught on camera…", ""),
    ("Quake shakes southern Iran, damages buildings", "Quake shakes southern Iran, damages buildings"),
])
def test_titles_that_are_stamps_share_bars_or_teasers_give_way_to_the_lead(title, kept):
    assert clean_title(title) == kept


def test_a_title_run_into_the_lead_becomes_the_title():
    text = ("Man charged in fatal Bloomington hit and run The man police say is behind a fatal hit and run outside "
            "a store in Bloomington now faces a murder charge. The county attorney's office filed the charges on "
            "Friday, including one count of third-degree murder, according to the complaint filed in court.")
    cleaned = clean(Article(text=text))
    assert cleaned.title == "Man charged in fatal Bloomington hit and run"
    assert cleaned.sentences[0].text.startswith("The man police say")
    assert clean(Article(text="He joined The Beatles in 1962. " * 10)).title == ""


@pytest.mark.parametrize(("text", "title", "lead"), [
    ("Colts clinch playoff berth with win over Chiefs December 23, 2012 Going into week 16, the Colts controlled "
     "their own destiny of making it to the post-season after a long year.",
     "Colts clinch playoff berth with win over Chiefs", "Going into week 16"),
    ("Singer checks into rehab clinic 12:52 p.m. EDT May 2, 2013 She checked in today, her lawyer told reporters "
     "outside the court on Thursday.", "Singer checks into rehab clinic", "She checked in today"),
    ("November 28th, 2005, 09:11 GMT 5.9 Earthquake Jolts Coastal Province A 5.9 magnitude earthquake has leveled "
     "seven villages in the southern area, killing 10 people, officials said.",
     "5.9 Earthquake Jolts Coastal Province", "A 5.9 magnitude earthquake"),
    ("Harbour vigil ends in violence Violence reignited in the port city following vigils for the teenager killed "
     "by police a week ago, witnesses said.", "Harbour vigil ends in violence", "Violence reignited"),
    ("Jewellery heist hits capital again Four men rammed their car into an up-market jewellery store in the "
     "centre today, smashing the shop window.", "Jewellery heist hits capital again", "Four men rammed"),
])
def test_a_title_glued_to_its_date_or_lead_is_the_title_not_the_first_sentence(text, title, lead):
    cleaned = clean(Article(text=text + " " + FILLER))
    assert cleaned.title == title
    assert cleaned.sentences[0].text.startswith(lead)


@pytest.mark.parametrize("text", [
    "Avon and Somerset Police closed the Lower Bristol Road after the crash at 03:00 GMT on the first day of the week.",
    "Ricochet killed Greek teenager INITIAL results from the post-mortem on a 15-year-old Greek boy show he died "
    "from a bullet ricochet.",
    "Police in the capital said on Monday that Police officers had arrested three men after the riots in the centre.",
])
def test_names_inside_a_lead_are_not_taken_for_a_glued_title(text):
    cleaned = clean(Article(text=text + " " + FILLER))
    assert cleaned.title == ""
    assert cleaned.sentences[0].text.startswith(text.split()[0])


def test_numbers_split_by_a_tokeniser_are_joined_again():
    text = normalize("November 28th, 2005, 09: 11 GMT A 5. 9 magnitude quake hit Qeshm, a 1, 500-square-kilometer "
                     "island, and jewels worth £1. 7 million went at 4. 30am. He named 3, 4 and 5.")
    assert "09:11 GMT" in text and "5.9 magnitude" in text and "1,500-square" in text
    assert "£1.7 million" in text and "4.30am" in text
    assert "3, 4 and 5" in text  # a list of small numbers is not one number


def test_a_bare_stamp_with_an_ordinal_day_is_furniture():
    cleaned, removed = strip_inline_furniture("November 28th, 2005, 09:11 GMT Police said the road was closed.")
    assert cleaned == "Police said the road was closed." and removed >= 1


def test_donation_appeals_are_furniture():
    assert is_furniture_sentence("Please help support us with cryptocurrency donations.")


def test_a_poll_widget_inside_a_paragraph_goes_with_its_answers():
    text = ("The minister said the plan would be published next week, officials said on Monday. "
            "take our poll - story continues below Will the plan pass the parliament this year? "
            "* Yes, it will pass. No, it will not pass. Email * This field is for validation purposes and should "
            "be left unchanged. Completing this poll grants you access to updates free of charge. You may opt out "
            "at anytime. The plan would cut the number of regional offices from twelve to four by the end of the "
            "decade, according to a draft seen by reporters.\n\n" + FILLER)
    cleaned = clean(Article(text=text))
    body = " ".join(s.text for s in cleaned.sentences)
    assert "will not pass" not in body and "opt out" not in body and "Completing this poll" not in body
    assert "The plan would cut the number of regional offices" in body


def test_a_share_counter_is_furniture():
    assert strip_inline_furniture("Troops arrive at the border. 2.3k SHARES Facebook Twitter Sharp wire is up.")[0] == (
        "Troops arrive at the border. Sharp wire is up.")


def test_the_first_line_is_the_title_when_the_given_title_is_furniture():
    text = ("The Minister Is Now Openly Attacking The Auditors For “Lies”\n\n"
            "The minister attacked the auditors' report on Thursday, calling its findings lies, in a speech to "
            "party members in the capital. " + FILLER)
    cleaned = clean(Article(text=text, title="Shock!"))
    assert cleaned.title == "The Minister Is Now Openly Attacking The Auditors For “Lies”"
    assert cleaned.sentences[0].text.startswith("The minister attacked")


def test_a_caption_run_into_the_text_is_cut_off_and_a_lead_standfirst_keeps_its_stop():
    text = ("Voters would rather have a vote on the EU than another independence vote, a survey has revealed. "
            "The idea was ranked 19th on a list of 23 policies presented to voters. "
            "The First Minister refused to rule out a second vote. "
            "The First Minister was campaigning in Aberdeen today ahead of a TV debate tonight When questioned on "
            "the issue, she insisted a victory would not trigger another referendum. " + FILLER)
    sentences = [s.text for s in clean(Article(text=text)).sentences]
    assert "When questioned on the issue, she insisted a victory would not trigger another referendum." in sentences
    assert "The First Minister was campaigning in Aberdeen today ahead of a TV debate tonight" in sentences
    lead = ("They are a stunning visualisation of art. A programmer has created these stunning graphs to reveal the "
            "dominant colour of artworks through history They show orange has always been the most popular colour. ")
    sentences = [s.text for s in clean(Article(text=lead + FILLER)).sentences]
    assert sentences[1].endswith("through history.")


def test_detokenised_quotes_initials_and_decimals_are_put_back():
    text = normalize("Director Gary Ross will not direct ‘ Hunger Games ’ sequel. Her 'party girl ' reputation "
                     "and the Academy Awards ' date. He lied to the U. S. Department, A. J. Smith said at 4: 30 a. m. "
                     "(14. 1 rating / 33 share). She had a. 357 caliber revolver. He hit. 308 with 33 homers. "
                     "He pulled out a. 357 revolver. "
                     "“ I heard one employee screaming, ” Larson said. You whip ’em up.")
    for kept in ("‘Hunger Games’", "'party girl' reputation", "Academy Awards' date", "U.S. Department",
                 "A.J. Smith", "4:30 a.m.", "(14.1 rating", "a .357 caliber", "a .357 revolver", "hit .308 with",
                 "“I heard one employee screaming,” Larson", "You whip ’em up."):
        assert kept in text, (kept, text)
    # ordinary text is left alone: two sentences, the second opening on a figure
    assert normalize("The vote was 52 to 48. 12 members abstained.") == "The vote was 52 to 48. 12 members abstained."
    assert len(split_sentences(normalize("He hit. 308 with 33 homers. He also won."))) == 2


def test_msgr_is_a_title_before_a_name():
    text = "He met Msgr. Carlo Vigano in Rome on Friday. It went well."
    assert [text[a:b] for a, b in split_sentences(text)] == ["He met Msgr. Carlo Vigano in Rome on Friday.",
                                                              "It went well."]


def test_a_dateline_with_any_outlet_in_brackets_is_furniture():
    text, removed = strip_inline_furniture("LAS VEGAS (INTELLIHUB) — The Las Vegas police said the gunman acted alone.")
    assert text == "The Las Vegas police said the gunman acted alone." and removed == 1


def test_a_dash_split_in_two_by_a_tokenised_corpus_is_one_dash_again():
    # ECB+ writes the "--" dash as "- -": a card must not quote "Friday- - a blow"
    assert normalize("The club lost its keeper on Friday- - a blow before the final.") == (
        "The club lost its keeper on Friday — a blow before the final.")
    assert normalize("The clerk- - Jo Bell- - was hurt.") == "The clerk — Jo Bell — was hurt."
    # a hyphenated word and a spaced hyphen stay as they are
    assert normalize("A well-known shop - the oldest in town.") == "A well-known shop - the oldest in town."


# --- prose10 (issue 9, round 8) -----------------------------------------------------------------------------

def test_a_name_glued_to_the_next_word_is_split_and_a_spaced_closing_quote_joined():
    text = normalize("Police named the victim as Ann Larkin. Police said Larkinwas in the crosswalk at 7 p.m.")
    assert "Larkin was in the crosswalk" in text
    # a word that only looks glued is left alone: "Travis" is no "Trav is"
    assert "Travis" in normalize("Travis drove home. Trav is a nickname.")
    assert normalize('He left the sequel to "The Hunger Games. "\nRoss said no.') == (
        'He left the sequel to "The Hunger Games."\nRoss said no.')


def test_a_dateline_with_a_state_and_a_station_is_furniture():
    text, _ = strip_inline_furniture("TRAVIS AIR FORCE BASE, Calif. (KGO) — A man who drove into the base was named.")
    assert text.startswith("A man who drove into the base")


def test_a_stray_quote_before_a_reporters_sentence_is_dropped():
    text = normalize('"A man suspected of shooting three people at an office was arrested after a chase, police said.'
                     '\nHe was held overnight.')
    assert text.startswith("A man suspected")
    # a real quotation keeps its marks
    assert normalize('"We will rebuild the hall," the mayor said.').startswith('"We will')


def test_a_first_line_broken_inside_its_sentence_is_no_title():
    from newsverdict.sources.extract import from_text

    text = ("Frank Miller reports that the Harbour Sox\nhave made an offer for the pitcher Tom Rael, the biggest yet "
            "for the club's owners this winter. " + FILLER + " " + FILLER)
    cleaned = clean(from_text(text))
    assert cleaned.title == ""
    assert cleaned.sentences[0].text.startswith("Frank Miller reports that the Harbour Sox have made an offer")


def test_a_bracketed_average_and_a_dateline_with_its_state_are_clean():
    assert "a mark of 182-158 (.535), including" in normalize("a mark of 182-158 (. 535), including two titles")
    text, _ = strip_inline_furniture("KALAMAZOO, Mich. – Deportation officers arrested 16 people in a raid.")
    assert text.startswith("Deportation officers arrested")


# --- lead: furniture a seed-91 read still found ---

def test_upper_case_posted_stamp_leaves_no_word_in_the_headline() -> None:
    from newsverdict.card.pipeline import analyze

    card = analyze("Murder trial ordered for woman accused in Kraft plant shootings POSTED: December 08, 2010 "
                   "Yvonne Hiller was sure that someone was poisoning her, but no one believed her. A judge on "
                   "Tuesday ordered Hiller to stand trial for murder in the killing of two coworkers at the plant, "
                   "where she had worked for 15 years. She accused coworkers of spraying her with chemicals.")
    assert "POSTED" not in card.headline and "POSTED" not in card.summary


def test_photo_credits_left_in_a_row_are_removed() -> None:
    from newsverdict.card.clean import strip_inline_furniture

    text, removed = strip_inline_furniture("Officers answered a 911 call. Reuters Reuters In the next call, she "
                                           "pleads for help.")
    assert text == "Officers answered a 911 call. In the next call, she pleads for help." and removed == 1
    assert strip_inline_furniture("Reuters reported it first. AP said so too.")[1] == 0
