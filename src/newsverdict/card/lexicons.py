"""Curated word lists behind the signals.

Written for newsverdict; each list says what it detects. Multi-word entries are
matched as phrases. Keep entries lower case. Changing a list changes scores:
re-run ``python -m bench.quality`` and ``scripts/fit_weights.py`` after editing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import cache


def _words(block: str) -> frozenset[str]:
    return frozenset(w.strip() for w in block.replace("\n", ",").split(",") if w.strip())


# --- hype -------------------------------------------------------------------

#: Sensational, loaded or emotional words: the vocabulary of outrage and awe.
SENSATIONAL = _words("""
shocking, shock, shocked, stunning, stunned, stuns, astonishing, astounding, jaw-dropping,
mind-blowing, unbelievable, incredible, incredibly, insane, crazy, epic, bombshell, explosive,
blockbuster, sensational, slams, slammed, blasts, blasted, rips, ripped into, destroys, destroyed,
obliterates, annihilates, eviscerates, torches, humiliates, humiliated, humiliating, meltdown,
freak out, freaks out, outrage, outraged, outrageous, furious, fury, rage, raging, livid,
chaos, chaotic, mayhem, carnage, nightmare, horrifying, horrific, horror, terrifying, terrified,
terror, panic, frenzy, hysteria, scandal, scandalous, disgrace, disgraceful, disgusting, vile,
evil, wicked, sick, twisted, insidious, sinister, nefarious, despicable, shameful, shameless,
traitor, treason, treasonous, tyranny, tyrant, regime, thugs, thug, mob, radical, radicals,
extremist, lunatic, idiot, idiotic, moron, pathetic, ridiculous, absurd, hoax, fake news, witch hunt,
cover-up, coverup, conspiracy, deep state, propaganda, brainwashed, puppet, crooked, corrupt,
catastrophe, catastrophic, apocalypse, apocalyptic, doomsday, armageddon, bloodbath, massacre,
slaughter, savage, savagely, brutal, brutally, vicious, heinous, atrocity, atrocities, monstrous,
monster, killer, deadly, lethal, terrifying, alarming, alarm, dire, grim, devastating, devastated,
crushing, crushed, crushes, soaring, soars, skyrocketing, skyrockets, plummeting, plummets, plunges,
tanking, tanks, explodes, exploding, erupts, erupted, firestorm, uproar, backlash, fiasco, debacle,
disaster, disastrous, mess, crisis, emergency, threat, threatens, menace, invasion, invaded,
flood of, surge, flooding, swarm, onslaught, war on, assault on, attack on, under attack, heartbreaking,
heartwarming, tearful, tears, sobbing, emotional, miracle, miraculous, amazing, awesome, wow,
breathtaking, spectacular, gorgeous, adorable, hilarious, epic fail, genius, legendary, iconic,
must-see, must-read, viral, goes viral, sparks, fuels, fans the flames, secret, secretly, exposed,
exposes, revealed, reveals, leaked, bizarre, weird, creepy, freaky, dramatic, drama, explosive,
damning, scathing, bombard, blistering, fiery, fierce, fiercely, bitter, bitterly, slam dunk,
game-changer, game changer, earth-shattering, groundbreaking, revolutionary, unthinkable
""")

#: Words that pump up whatever follows them.
INTENSIFIERS = _words("""
very, extremely, absolutely, totally, utterly, completely, incredibly, unbelievably, insanely,
seriously, literally, truly, really, so much, way too, hugely, massively, enormously, tremendously,
wildly, deeply, highly, super, ultra, mega, major, massive, huge, enormous, gigantic, colossal,
tremendous, staggering, whopping, mammoth, monumental, sheer, outright, downright, definitely
""")

#: Superlatives and absolutes: claims of extremes.
SUPERLATIVES = _words("""
biggest, largest, greatest, worst, best, highest, lowest, fastest, strongest, weakest, deadliest,
richest, poorest, oldest, youngest, smartest, dumbest, hottest, coldest, longest, shortest,
most, least, ever, never, always, everyone, everybody, nobody, no one, nothing, everything,
all-time, of all time, unprecedented, historic, record-breaking, record, once-in-a-generation,
once in a lifetime, ultimate, perfect, total, entire, forever, undeniable, unquestionable,
first-ever, never-before-seen, like never before, beyond belief, number one, no.1
""")

#: Speculation and hedging: claims about what might be, not what is.
HEDGES = _words("""
could, may, might, would, possibly, perhaps, maybe, likely, unlikely, probably, potentially,
potential, reportedly, allegedly, alleged, rumoured, rumored, rumour, rumor, rumours, rumors,
speculation, speculate, speculated, is expected to, are expected to, is set to, are set to,
is poised to, are poised to, is seen as, are seen as, is believed to, are believed to,
is thought to, are thought to, is said to, are said to, appears to, appear to, seems to, seem to,
suggests, suggested, is likely to, are likely to, could be, may be, might be, would be,
if confirmed, in talks, considering, weighing, mulling, eyeing, plans to, aims to, hopes to,
proposed, proposal, predicted, predicts, forecast, forecasts, projected, estimates, estimated,
what if, is rumoured to, fears that, feared, warns, warned, warning
""")

#: A source named for what a sentence says: "said", "according to", "told", "confirmed" (any subject: a
#: named official and "sources said" both attribute; unnamed sources are `anonymous_sourcing`'s business).
ATTRIBUTION_VERBS = re.compile(r"\b(?:said|says|saying|according to|told|tells|reported|reports|stated|states|"
                               r"announced|added|confirmed|explained|wrote|testified|quoted)\b", re.I)

#: Anonymous or vague sourcing.
ANONYMOUS_SOURCING = (
    r"\b(?:according to |said |says )?(?:unnamed |anonymous |senior |two |three |several |multiple |some )?"
    r"(?:sources?|insiders?|officials?) (?:said|say|says|told|familiar|close to|who spoke|with knowledge)\b",
    r"\b(?:according to|citing) (?:unnamed |anonymous |people |sources|a source|one source|insiders)",
    r"\bon (?:the )?condition of anonymity\b",
    r"\b(?:declined|asked not) to be (?:named|identified)\b",
    r"\bpeople (?:familiar|close) (?:with|to)\b",
    r"\bsources? (?:close to|familiar with|with knowledge)\b",
    r"\b(?:it is|it's|it was) (?:rumou?red|said|understood|believed|claimed) that\b",
    r"\b(?:some|many) (?:people|experts|critics|observers) (?:say|believe|think|claim|fear)\b",
    r"\b(?:reports|rumou?rs) (?:say|suggest|claim)\b",
    r"\ban? (?:insider|source) (?:said|says|told|claims)\b",
)

#: Partisan labels and name-calling: framing that tells the reader what to think of someone.
PARTISAN = _words("""
leftist, leftists, left-wing, far-left, radical left, right-wing, far-right, alt-right, libtard,
libtards, snowflake, snowflakes, globalist, globalists, elites, elitist, establishment, mainstream media,
msm, fake news, deep state, regime, cabal, sheeple, woke, marxist, marxists, communist, communists,
socialist, socialists, fascist, fascists, nazi, nazis, traitor, traitors, treasonous, un-american,
anti-american, patriots, illegal aliens, illegals, invaders, open borders, jihadi, jihadis, jihadist,
islamist, islamists, infidel, infidels, crooked, lying, liar, liars, hypocrite, hypocrites, hypocrisy,
shill, shills, puppet, puppets, stooge, thugs, corrupt, propaganda, indoctrination, brainwashing,
agenda, sham, witch hunt, hoax, smear, smears, cover-up, so-called, apologists, enemies of, enemy of the people
""")

#: Clickbait headline forms (used as evidence beside the trained headline model).
CLICKBAIT_PATTERNS = (
    (r"^\d+\s+(?:things|ways|reasons|times|signs|photos|pictures|facts|people|tips|tricks|secrets)\b", "listicle"),
    (r"\byou won'?t believe\b", "you won't believe"),
    (r"\bwhat happen(?:s|ed) next\b", "what happens next"),
    (r"\b(?:this|these|here'?s|here is) (?:is )?(?:why|how|what)\b", "teaser"),
    (r"\bwill (?:blow your mind|make you|leave you)\b", "promise of emotion"),
    (r"\b(?:shocking|stunning|unbelievable|insane|jaw-dropping)\b", "sensational word"),
    (r"\?\s*$", "question headline"),
    (r"!", "exclamation mark"),
    (r"\b[A-Z]{4,}\b", "all-caps word"),
    (r"^(?:why|how|what|who|when|can|should|is|are|do|does)\b", "question form"),
    (r"\b(?:you|your|you'?re|you'?ll)\b", "addresses the reader"),
)

#: Persuasion techniques the rubric names (PTC's categories), each a phrase pattern.
PERSUASION_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(body, re.I)) for label, body in (
        ("insinuation/doubt", r"\b(?:raises? (?:serious |troubling |more )?questions|what (?:are|is) (?:they|he|she) "
                              r"hiding|coincidence\?|one has to wonder|makes? you wonder|just asking|so-called|"
                              r"supposedly|allegedly|questionable|dubious|suspicious(?:ly)?|cover[- ]?up|"
                              r"(?:the )?official (?:story|narrative|version)|mainstream media|we(?:'re| are) "
                              r"(?:told|supposed to believe)|if you (?:are to )?believe)\b"),
        ("appeal to fear", r"\b(?:threat to (?:our|your|the nation|america|democracy|national security)|(?:could|"
                           r"will|may) (?:kill|destroy|wipe out|devastate)|deadly threat|danger to|dangerous|"
                           r"fear(?:s|ful)? (?:of|that)|terrify|terrifying|existential (?:threat|crisis)|"
                           r"ticking time bomb|before it'?s too late|under (?:siege|attack)|invasion|invaders?|"
                           r"flood(?:ing|ed)? (?:in|into|across)|time is running out)\b"),
        ("flag-waving", r"\b(?:patriots?|patriotic|un-?american|our (?:great )?(?:nation|country|republic|"
                        r"freedoms?|way of life|values|troops|heritage)|the american people|real americans|"
                        r"national pride|make america|god bless|our borders|sovereignty)\b"),
        ("name-calling", r"\b(?:libtards?|snowflakes?|globalists?|leftists?|far-left|far-right|alt-right|"
                         r"radical (?:left|right|islam\w*)|traitors?|treasonous|thugs?|crooked|lying|liars?|"
                         r"hypocrites?|puppets?|stooges?|shills?|tyrants?|regime|cabal|sheeple|"
                         r"(?:temper )?tantrums?|hysteri(?:a|cal)|lunatics?|idiots?|morons?|clowns?|"
                         r"(?:enemy|enemies) of the people|deep state|fake news|witch hunt|hoax)\b"),
        ("speculation as fact", r"\b(?:(?:it is|it's) (?:clear|obvious|certain|undeniable) that|there is no "
                                r"doubt|without (?:a )?doubt|make no mistake|the truth is|everyone knows|"
                                r"no one can deny|undoubtedly|clearly (?:shows|proves)|proves? that)\b"),
    )
)

#: Tabloid caption labels that open a headline: "Shock:", "Horror:", "Slain in cold blood".
CAPTION_LABEL = re.compile(r"^\s*(?:shock(?:ing)?|horror|revealed|exclusive|breaking|watch|pictured|tragedy|"
                           r"outrage|fury|bombshell|busted|exposed|caught|disgrace|terror|chilling|slain|"
                           r"evil|sick|monster)\s*[:!-]|\b(?:in cold blood|sick(?:ening)? (?:attack|twist)|"
                           r"you won'?t believe|must see|goes viral)\b", re.I)

# --- impact -----------------------------------------------------------------

#: Actions that change things, with a weight for how much (1.0 = of national weight).
ACTIONS_HIGH: dict[str, float] = {
    # law and state power
    "law": 0.8, "legislation": 0.9, "bill": 0.5, "passed": 0.6, "enacted": 0.9, "signed into law": 1.0,
    "regulation": 0.8, "regulations": 0.8, "regulators": 0.6, "regulator": 0.6, "rule": 0.4, "rules": 0.4,
    "ban": 0.8, "banned": 0.8, "bans": 0.8, "sanction": 0.9, "sanctions": 0.9, "tariff": 0.8,
    "tariffs": 0.8, "export controls": 0.9, "embargo": 0.9, "treaty": 1.0, "accord": 0.8,
    "executive order": 0.9, "decree": 0.8, "constitution": 0.9, "constitutional": 0.8,
    "approved": 0.6, "approval": 0.6, "approves": 0.6, "authorised": 0.6, "authorized": 0.6,
    "ruling": 0.8, "ruled": 0.7, "verdict": 0.7, "convicted": 0.6, "sentenced": 0.6,
    "supreme court": 1.0, "indicted": 0.6, "charged": 0.4, "lawsuit": 0.5, "settlement": 0.5,
    "election": 0.9, "elected": 0.9, "referendum": 1.0, "impeachment": 0.9, "impeached": 0.9,
    "resigned": 0.6, "resignation": 0.6, "coup": 1.0, "nominated": 0.4, "appointed": 0.4,
    # money and business
    "deal": 0.6, "merger": 0.8, "acquisition": 0.8, "acquire": 0.7, "acquired": 0.7, "takeover": 0.8,
    "investment": 0.5, "invest": 0.4, "funding": 0.4, "bailout": 0.9, "bankruptcy": 0.8, "bankrupt": 0.8,
    "layoffs": 0.6, "job cuts": 0.6, "recession": 1.0, "inflation": 0.7, "interest rate": 0.9,
    "interest rates": 0.9, "stock market": 0.6, "imports": 0.6, "exports": 0.6, "import": 0.5, "export": 0.5,
    "launch": 0.4, "launched": 0.4, "recall": 0.6, "strike": 0.5, "shutdown": 0.7,
    # conflict, disaster, health
    "war": 1.0, "invasion": 1.0, "invaded": 1.0, "ceasefire": 1.0, "airstrike": 0.9, "airstrikes": 0.9,
    "missile": 0.8, "troops": 0.8, "military": 0.6, "attack": 0.6, "bombing": 0.9, "terrorist": 0.8,
    "earthquake": 0.9, "hurricane": 0.9, "tsunami": 1.0, "flood": 0.7, "floods": 0.7, "wildfire": 0.7,
    "eruption": 0.8, "famine": 1.0, "drought": 0.7, "explosion": 0.6, "crash": 0.5,
    "death toll": 1.0, "killed": 0.7, "dead": 0.6, "died": 0.5, "deaths": 0.7, "casualties": 0.8,
    "injured": 0.4, "evacuated": 0.7, "displaced": 0.8, "refugees": 0.8,
    "pandemic": 1.0, "epidemic": 0.9, "outbreak": 0.8, "vaccine": 0.7, "virus": 0.6,
    "climate change": 0.7, "emissions": 0.6, "breakthrough": 0.5, "discovery": 0.4,
    # coercion and violence by states and armed groups, and their counterparts in aid and diplomacy
    "military force": 1.0, "weapons of mass destruction": 1.0, "wmd": 1.0, "martial law": 1.0,
    "state of emergency": 0.9, "genocide": 1.0, "ethnic cleansing": 1.0, "mass killings": 1.0,
    "assassinate": 0.9, "assassinated": 0.9, "assassination": 0.9, "occupy": 0.8, "occupied": 0.8,
    "occupation": 0.8, "blockade": 0.9, "violence": 0.7, "violent": 0.6, "riot": 0.6, "riots": 0.6,
    "repression": 0.7, "curfew": 0.6, "torture": 0.8, "hostage": 0.8, "hostages": 0.8, "abducted": 0.7,
    "kidnapped": 0.7, "peacekeepers": 0.8, "humanitarian aid": 0.6, "military aid": 0.7,
    "diplomatic relations": 0.6, "boycott": 0.5, "expelled": 0.5,
    "strategic": 0.5, "policy": 0.5, "reform": 0.7, "budget": 0.6, "subsidies": 0.6,
    # reversals and races between powers: the rubric's strategic shifts
    "shift in stance": 1.0, "policy shift": 0.9, "reverses course": 0.9, "reversed course": 0.9, "u-turn": 0.8,
    "change of course": 0.8, "green light": 0.6, "cleared the way": 0.6, "trade war": 1.0, "arms race": 1.0,
    "technology race": 0.9, "tech race": 0.9, "ai race": 0.9, "export ban": 0.9, "export restrictions": 0.9,
    "nuclear": 0.8, "overturns": 0.7, "overturned": 0.7, "rescinded": 0.7, "repeal": 0.8, "repealed": 0.8,
}

#: A strategic shift between powers or across an industry, the rubric's 8: "strategic", a shift in a
#: government's stance, reversals, races and trade wars between powers, export controls, tariffs, sanctions.
#: These words are in ACTIONS_HIGH too, where they drown among the other keywords (action_type saturates on
#: any consequential story); the `strategic_shift` signal gives them a weight of their own.
STRATEGIC_SHIFT = re.compile(
    r"\b(?:strategic|shift in (?:[\w-]+(?:'s|’s)? ){0,2}(?:stance|policy|position|strategy)|policy shift|"
    r"revers(?:es|ed|ing) (?:its |their |the )?(?:course|stance|policy|position|ban)|u-turn|change of course|"
    r"(?:ai|arms|space|tech|technology|chip) race|(?:trade|tech|technology|currency|chip) war|geopolitic(?:al|s)|"
    r"superpowers?|export (?:controls?|bans?|restrictions)|tariffs?|sanctions)\b", re.I)

#: A national rule changed, the rubric's "national law" (6-7): a sentence of the lead that names a rule (a
#: regulation, a law, an Act, a policy, standards), a change to it (issued, overturned, repealed, tightened,
#: "changes to", "new rules") and a national actor (an administration, a department, a government, a
#: parliament, an agency). All three in one sentence: "rules" alone is in every sports report, "federal" in
#: every court report. The common nouns in any case (headlines are often in Title Case: "Overturns Rule"), an
#: Act by its capitalised name ("Endangered Species Act"), not a verb after a modal ("Secretaries Must Act").
#: Read from the largest impact errors on dev: the Endangered Species Act rule changes (ECB+ topic 9, rated
#: 5-6) scored 2.5-3.5, as their figures are none and their keywords common. "Regime change" is not a change
#: to a rule, and "national security" (a think-tank, an adviser) names no rule-maker: a think-tank's "regime
#: change" plan for Iran (rated 3.7) read as a national rule changed (scores9).
RULE_NOUN = re.compile(r"\b(?:(?i:rules?|regulations?|regulatory|laws?|legislation|policy|policies|standards?|"
                       r"guidelines?)|(?:[A-Z][a-z]+ )+(?<!Must )(?<!Should )(?<!Will )(?<!To )Act)\b")
RULE_CHANGE = re.compile(r"\b(?<!regime )(?:overturn\w*|revers\w*|rescind\w*|repeal\w*|"
                         r"(?:issu|adopt|finaliz|finalis|impos|"
                         r"introduc|tighten|loosen|weaken|strengthen|chang|amend|scrap|abolish|approv|enact|pass|sign|"
                         r"announc)(?:e|es|ed|ing|s)?|changes to|new (?:rules?|regulations?|law|standards?))\b", re.I)
NATIONAL_RULER = re.compile(r"\b(?:federal|national(?! security)|administration|government|president|congress|"
                            r"parliament|ministry|"
                            r"minister|department|agency|secretary|white house|cabinet|senate|EPA|FDA|EU|"
                            r"European Union|Commission)\b", re.I)

#: Content that changes little: opinion, rumour, lifestyle, gossip, previews.
ACTIONS_LOW: dict[str, float] = {
    "gossip": 1.0, "celebrity": 0.8, "celebrities": 0.8, "rumour": 0.6, "rumor": 0.6, "rumours": 0.6,
    "rumors": 0.6, "red carpet": 1.0, "outfit": 0.8, "dress": 0.5, "wardrobe": 0.8, "fashion": 0.6,
    "instagram": 0.7, "selfie": 0.9, "fans": 0.5, "dating": 0.9, "romance": 0.7, "boyfriend": 0.8,
    "girlfriend": 0.8, "split": 0.3, "breakup": 0.8, "engaged": 0.5, "wedding": 0.5, "pregnant": 0.5,
    "tips": 0.8, "recipe": 1.0, "diet": 0.6, "horoscope": 1.0, "quiz": 1.0, "review": 0.4,
    "preview": 0.7, "trailer": 0.8, "teaser": 0.8, "episode": 0.6, "season finale": 0.8,
    "opinion": 0.6, "column": 0.5, "i think": 0.6, "in my view": 0.7, "we need to": 0.4,
    "reality star": 1.0, "reality show": 1.0, "tv show": 0.6, "pop star": 0.8, "singer": 0.5,
    "rapper": 0.5, "actress": 0.5, "actor": 0.4, "hollywood": 0.5, "kardashian": 1.0,
    "viral video": 0.9, "went viral": 0.8, "goes viral": 0.8, "meme": 0.9, "tweeted": 0.3,
    "spotted": 0.7, "paparazzi": 1.0, "lookalike": 1.0, "cute": 0.8, "adorable": 0.8,
    # sport and entertainment results: followed closely, changing little
    "match": 0.5, "game": 0.4, "season": 0.4, "coach": 0.6, "goal": 0.4, "goals": 0.5, "cup": 0.4,
    "tournament": 0.6, "league": 0.5, "championship": 0.5, "semi-final": 0.8, "quarter-final": 0.8,
    "final": 0.2, "player": 0.5, "players": 0.5, "team": 0.3, "scored": 0.6, "striker": 0.8,
    "midfielder": 0.8, "quarterback": 0.8, "innings": 0.8, "wicket": 0.8, "touchdown": 0.8,
    "title": 0.2, "fantasy": 0.7, "premiere": 0.6, "album": 0.6, "box office": 0.6, "film": 0.3,
    "movie": 0.4, "concert": 0.5, "festival": 0.4, "obituary": 0.6, "birthday": 0.6,
}

#: National and international actors: states, their organs, global bodies.
INSTITUTIONS = _words("""
government, governments, ministry, minister, ministers, prime minister, president, parliament,
congress, senate, house of representatives, white house, kremlin, downing street, pentagon,
state department, supreme court, high court, constitutional court, central bank, federal reserve,
european central bank, european commission, european union, united nations, security council,
nato, world health organization, who, imf, world bank, wto, opec, g7, g20, regulators, regulator,
commission, cabinet, chancellor, beijing, washington, moscow, brussels, treasury, fda, sec, ftc,
department of justice, justice department, federal government, national guard, army, military,
navy, air force, lawmakers, legislature, authorities
""")

#: Local actors: real but smaller reach.
LOCAL_ACTORS = _words("""
police, sheriff, mayor, city council, county, school board, local council, fire department,
district attorney, town, village, neighbourhood, neighborhood, hospital, university, club, coach
""")

#: Large companies whose decisions move markets (a short, curated list).
LARGE_COMPANIES = _words("""
apple, google, alphabet, microsoft, amazon, meta, facebook, nvidia, tesla, openai, intel, amd,
tsmc, samsung, sony, toyota, volkswagen, bmw, mercedes-benz, ford, general motors, boeing, airbus,
exxonmobil, exxon, chevron, shell, bp, aramco, saudi aramco, gazprom, jpmorgan, goldman sachs,
morgan stanley, citigroup, bank of america, hsbc, barclays, blackrock, berkshire hathaway,
walmart, costco, pfizer, moderna, johnson & johnson, astrazeneca, novartis, roche, merck,
alibaba, tencent, bytedance, tiktok, huawei, baidu, xiaomi, byd, foxconn, netflix, disney,
oracle, ibm, cisco, qualcomm, broadcom, arm, asml, siemens, nestle, unilever, visa, mastercard,
paypal, uber, twitter, x corp, spacex, anthropic, deepmind
""")

COUNTRIES = _words("""
afghanistan, albania, algeria, angola, argentina, armenia, australia, austria, azerbaijan,
bahrain, bangladesh, belarus, belgium, bolivia, bosnia, brazil, bulgaria, burma, cambodia,
cameroon, canada, chad, chile, china, colombia, congo, croatia, cuba, cyprus, czech republic,
denmark, ecuador, egypt, eritrea, estonia, ethiopia, finland, france, georgia, germany, ghana,
greece, guatemala, haiti, honduras, hong kong, hungary, iceland, india, indonesia, iran, iraq,
ireland, israel, italy, ivory coast, jamaica, japan, jordan, kazakhstan, kenya, korea, north korea,
south korea, kosovo, kuwait, laos, latvia, lebanon, libya, lithuania, luxembourg, madagascar,
malaysia, mali, mexico, moldova, mongolia, morocco, mozambique, myanmar, nepal, netherlands,
new zealand, nicaragua, niger, nigeria, norway, oman, pakistan, palestine, gaza, panama,
paraguay, peru, philippines, poland, portugal, qatar, romania, russia, rwanda, saudi arabia,
senegal, serbia, singapore, slovakia, slovenia, somalia, south africa, south sudan, spain,
sri lanka, sudan, sweden, switzerland, syria, taiwan, tanzania, thailand, tunisia, turkey,
uganda, ukraine, united arab emirates, uae, united kingdom, uk, britain, great britain, england,
scotland, wales, united states, u.s., us, usa, america, uruguay, uzbekistan, venezuela,
vietnam, yemen, zambia, zimbabwe, european union, eu
""")

#: Words that widen the reach of an event.
SCOPE_WORDS = _words("""
nationwide, national, nationally, global, globally, worldwide, international, internationally,
across the country, across the world, around the world, countries, nations, continent, region,
regional, industry, industries, sector, sectors, economy, economies, markets, market, millions,
billions, population, citizens, consumers, households, workers, everyone in, all americans,
public health, supply chain, supply chains, federal, state-wide, statewide, industry-wide, tech giants,
across borders, superpowers, world's largest, world's biggest
""")

#: Lasting consequences versus passing ones.
DURABLE = _words("""
long-term, long term, permanent, permanently, lasting, for years, for decades, decades, generation,
generations, future, structural, fundamental, irreversible, strategic, shift, turning point,
landmark, precedent, reform, overhaul, new era, for good, law, treaty, constitution, infrastructure,
transformation, transform, reshape, reshapes
""")
FLEETING = _words("""
temporary, temporarily, one-off, one off, short-lived, brief, briefly, this weekend, tonight,
today only, for now, for the time being, momentary, passing, fleeting, seasonal, a day after,
minor, small, slight, slightly
""")

#: Done and confirmed versus expected or rumoured (hedges come from HEDGES).
CONFIRMED = _words("""
approved, signed, passed, enacted, announced, confirmed, ruled, completed, agreed, concluded,
officially, official, formally, granted, cleared, issued, imposed, adopted, ratified, finalised,
finalized, voted, won, killed, died, sentenced, convicted, released, launched, acquired,
closed, ordered, declared, said in a statement, told reporters, data showed, figures showed,
according to official, published
""")

#: A new development versus a recycled one.
NOVEL = _words("""
first, first-ever, for the first time, new, newly, unprecedented, breakthrough, reverses,
reversal, shift, change of course, u-turn, latest, just, announced, unveiled
""")
RECYCLED = _words("""
again, once more, yet another, continues, continued, still, as usual, annual, every year,
routine, ongoing, repeated, reiterated, reiterates, renewed calls, recap, look back, anniversary
""")

#: Hype words that also name real events ("a deadly earthquake" that killed 300 is news): the
#: sensational signal never counts them.
EVENT_WORDS = frozenset({"disaster", "crisis", "emergency", "threat", "invasion", "deadly", "lethal",
                         "massacre", "surge", "record", "historic", "war on", "attack on"})


def _trie_body(entries: Iterable[str]) -> str:
    """The entries as one regex trie: "ab(?:c|d(?:e)?)" for {"abc", "abd", "abde"}.

    Python's ``re`` tries every branch of a flat alternation at every position of the text; a trie
    shares the prefixes, so a position is ruled out after a character or two (the lexicon scans were
    the largest cost of the signals stage). Greedy optional tails try the longest entry first and
    fall back to shorter ones, so each match is the one a longest-first alternation gives.
    """
    trie: dict = {}
    for entry in entries:
        node = trie
        for ch in entry.lower():  # the pattern is case-insensitive
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


#: A run of word characters: a phrase of a word list starts where one starts, and ends its first word with it.
_WORD_RUN = re.compile(r"\w+")
#: The letters that ``re`` equates with an ASCII letter when ignoring case but ``str.lower`` does not ('İ', 'ı',
#: 'ſ' with 'i' and 's': checked over every code point). A text holding one is scanned the plain way.
_FOLD_ODD = re.compile("[\u0130\u0131\u017f]")
#: The phrase patterns (ASCII word lists whose entries start with a word character), each with the first words of
#: its entries, lower-cased: "shock", "mercedes" (of "mercedes-benz"), "u" (of "u.s."), "world" (of "world's largest").
_FIRST_WORDS: dict[re.Pattern[str], frozenset[str]] = {}


class PhraseIndex:
    """The matches of any phrase pattern in one text, found by trying the pattern only where one of its entries'
    first words stands, instead of letting ``re`` try every position of the text.

    The same matches as ``pattern.finditer(text)``, in the same order: a phrase pattern can only match where a
    run of word characters starts (its look-behind forbids a word character before), and only where that whole
    run is, ignoring case, the first word of one of its entries (after an entry's first word comes either a
    non-word character of the entry or, at the entry's end, the look-ahead that forbids a word character). So
    ``pattern.match`` at those positions, left to right and skipping any inside the previous match, finds what
    ``finditer`` finds. One index of the text's words serves the ~20 word lists a card scans (the scans were
    ~5 ms of an 800-word card; this way ~1 ms).
    """

    def __init__(self, text: str):
        self.text = text
        self.usable = not _FOLD_ODD.search(text)
        self.words: dict[str, list[int]] = {}
        self._sorted: list[str] | None = None
        if self.usable:
            for m in _WORD_RUN.finditer(text):
                self.words.setdefault(m.group(0).lower(), []).append(m.start())

    def finditer(self, pattern: re.Pattern[str]) -> Iterable[re.Match[str]]:
        """``pattern.finditer(self.text)``, faster for a phrase pattern or a pattern whose matches start a word
        with one of a few known letters (``word_prefixes``)."""
        if not self.usable:
            return pattern.finditer(self.text)
        words = self.words
        first = _FIRST_WORDS.get(pattern)
        if first is not None:
            starts = sorted([at for word in first & words.keys() for at in words[word]])
        else:
            prefixes = word_prefixes(pattern)
            if prefixes is None:
                return pattern.finditer(self.text)
            starts = sorted([at for word in self._starting_with(prefixes) for at in words[word]])
        found = []
        end = 0
        text, match = self.text, pattern.match
        for at in starts:
            if at >= end and (m := match(text, at)):
                found.append(m)
                end = m.end()
        return found

    def _starting_with(self, prefixes: tuple[str, ...]) -> set[str]:
        """The text's words (lower-cased) that start with one of ``prefixes``."""
        if self._sorted is None:
            self._sorted = sorted(self.words)
        ordered, n = self._sorted, len(self._sorted)
        found: set[str] = set()
        for prefix in prefixes:
            i = bisect_left(ordered, prefix)
            while i < n and ordered[i].startswith(prefix):
                found.add(ordered[i])
                i += 1
        return found


#: ``word_prefixes`` of the patterns seen so far (None: the pattern cannot be indexed); bounded, as a caller could
#: hand over patterns made at run time.
_PREFIXES: dict[re.Pattern[str], tuple[str, ...] | None] = {}
#: Most prefixes a pattern may have before indexing it stops paying (the alternatives multiply).
_MAX_PREFIXES = 400


def word_prefixes(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case ASCII letters that every match of ``pattern`` starts with, read from the parsed pattern, when
    the pattern opens with ``\\b``: then a match starts a run of word characters whose lower-case form starts
    with one of them, and ``PhraseIndex`` need try the pattern only there. None when that cannot be shown.

    Hand-written patterns ("\\b(?:raises? (?:serious )?questions|so-called|...)") have no entry list to take
    first words from; their alternatives are walked instead. Each prefix is the literal word characters an
    alternative opens with, cut at the first thing that is not one (a class, a non-word character, a repeat):
    a shorter prefix only lets more positions be tried, never fewer, so the matches are ``finditer``'s. An
    alternative that may open with something else (a class, a non-word character) gives no prefix, and the
    pattern is scanned the plain way.
    """
    if pattern in _PREFIXES:
        return _PREFIXES[pattern]
    prefixes = None
    if isinstance(pattern.pattern, str) and not pattern.flags & re.ASCII:
        try:
            prefixes = _derive_prefixes(pattern)
        except Exception:  # an internal parser's surprise means "scan the plain way", never a wrong match
            prefixes = None
    if len(_PREFIXES) < 4096:
        _PREFIXES[pattern] = prefixes
    return prefixes


def _derive_prefixes(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    parsed = list(_parser.parse(pattern.pattern, pattern.flags))
    # a leading \b before a word character: the character before the match is not a word character, so the
    # match starts where a run of word characters does (the index's keys)
    if not parsed or parsed[0] != (sre.AT, sre.AT_BOUNDARY):
        return None

    def sequence(items) -> set[tuple[str, bool]] | None:
        # (prefix so far, whether it may still grow) for every way through the items
        states = {("", True)}
        for op, av in items:
            options = item(op, av)
            if options is None:
                return None
            states = {(p + q, grows) for p, open_ in states for q, grows in (options if open_ else [("", False)])}
            if len(states) > _MAX_PREFIXES:
                return None
        return states

    def item(op, av) -> set[tuple[str, bool]] | None:
        if op is sre.LITERAL:
            ch = chr(av)
            return {(ch.lower(), True)} if ch.isascii() and (ch.isalnum() or ch == "_") else {("", False)}
        if op is sre.BRANCH:
            out: set[tuple[str, bool]] = set()
            for alternative in av[1]:
                found = sequence(alternative)
                if found is None:
                    return None
                out |= found
            return out
        if op is sre.SUBPATTERN:
            return sequence(av[-1])
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, body = av
            found = sequence(body)
            if found is None:
                return None
            if low == 0 and high == 1:  # optional: present or not
                return found | {("", True)}
            once = {(p, False) for p, _ in found}  # the first repetition's prefix, cut there
            return once | {("", True)} if low == 0 else once
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):  # consume nothing
            return {("", True)}
        return {("", False)}  # a class, any character, a back-reference...: the prefix ends here

    states = sequence(parsed[1:])
    if states is None:
        return None
    prefixes = {p for p, _ in states}
    if "" in prefixes:
        return None
    # a prefix that starts with a shorter one adds no position
    kept = sorted(p for p in prefixes if not any(p != q and p.startswith(q) for q in prefixes))
    return tuple(kept)


@cache
def phrase_pattern(entries: frozenset[str] | tuple[str, ...]) -> re.Pattern[str]:
    """One compiled, case-insensitive, word-bounded pattern for a word list; the longest entry wins."""
    # "won't" is not "won", "don't" not "don": a word followed by an apostrophe and letters is another word.
    # A leading \b changes nothing when every entry starts with a word character, but lets re skip
    # the positions inside words before it evaluates the look-behind (a third faster).
    edge = r"\b" if all(re.match(r"\w", e) for e in entries) else ""
    pattern = re.compile(rf"{edge}(?<![\w-])(?:{_trie_body(entries)})(?![\w-]|['’]\w)", re.I)
    if edge and all(e.isascii() for e in entries):
        _FIRST_WORDS[pattern] = frozenset(_WORD_RUN.match(e.lower()).group(0) for e in entries)  # type: ignore[union-attr]
    return pattern


def flat_phrase_pattern(entries: frozenset[str] | tuple[str, ...]) -> re.Pattern[str]:
    """``phrase_pattern`` as a flat longest-first alternation: the reference the trie is tested against."""
    body = "|".join(re.escape(e) for e in sorted(entries, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-]|['’]\w)", re.I)
