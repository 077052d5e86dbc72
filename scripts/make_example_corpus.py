"""Write the example corpus in examples/corpus/ (invented outlets and events, our own text).

    python -m scripts.make_example_corpus

articles.jsonl: one article per line (url, source, title, published, text or html).
wire.xml: an RSS 2.0 feed of a wire service with full text in content:encoded.
Several events are covered by several outlets; some items are syndicated copies
(same text, another outlet), light rewrites, or the same URL with tracking
parameters, so de-duplication and story clustering have work to do.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

OUT = Path(__file__).resolve().parents[1] / "examples" / "corpus"

EVENTS = {
    "quake": (
        "Magnitude 6.8 earthquake strikes northern Veloria, killing at least 42",
        "A magnitude 6.8 earthquake struck the mountainous north of Veloria early on Monday, killing at least "
        "42 people and injuring more than 300, the country's civil protection agency said.\n\n"
        "The quake hit at 4:12 a.m. local time at a depth of 14 kilometres near the town of Ostrava Vale, "
        "according to the national seismological institute. About 1,800 buildings were damaged and 12,000 "
        "residents spent the night in emergency shelters.\n\n"
        "The interior ministry deployed 2,500 rescue workers and army engineers to clear blocked mountain roads. "
        "Neighbouring Karesh and Dunmore sent search teams with dogs.\n\n"
        "Prime Minister Lena Havel declared a state of emergency in three provinces and said the government "
        "would release 150 million dollars for reconstruction.",
    ),
    "rates": (
        "Central bank of Marlow raises interest rates to 5.25% to fight inflation",
        "The Bank of Marlow raised its benchmark interest rate by half a percentage point to 5.25% on Thursday, "
        "its fourth increase this year, as inflation stayed at 7.1%.\n\n"
        "The rate committee voted seven to two for the rise. Governor Tomas Reyes said in a statement that "
        "price growth in services and housing remained too high and that further increases were possible.\n\n"
        "The decision will raise monthly payments for about 2.4 million households with variable-rate "
        "mortgages, the national statistics office estimated. The Marlow crown gained 0.8% against the euro "
        "after the announcement.\n\n"
        "Business groups said the increase would weigh on investment, while unions asked the government to "
        "extend energy subsidies for low-income families.",
    ),
    "chips": (
        "Arden approves $12 billion chip plant subsidy package",
        "The parliament of Arden on Wednesday approved a subsidy package worth $12 billion to attract "
        "semiconductor factories, the largest industrial support programme in the country's history.\n\n"
        "The law passed by 211 votes to 140. It offers grants covering up to 40% of construction costs for "
        "plants that produce advanced chips and commits the companies to keep production in Arden for at "
        "least 15 years.\n\n"
        "The industry ministry said two manufacturers, including Korvex Semiconductor, had already applied "
        "and that the first plant could employ 3,000 people by 2029.\n\n"
        "Opposition lawmakers criticised the cost, saying the money would be better spent on training "
        "engineers. The package now goes to the president, who is expected to sign it next week.",
    ),
    "strike": (
        "Rail workers in Tessaly begin 48-hour strike over pensions",
        "Rail workers across Tessaly walked out on Tuesday at the start of a 48-hour strike over plans to raise "
        "their retirement age, halting most intercity and commuter trains.\n\n"
        "The national rail operator said only 15% of services were running. About 600,000 commuters use the "
        "network on a normal weekday.\n\n"
        "The transport ministry said talks with the three rail unions would resume on Friday. The reform, "
        "which has not yet been voted on, would raise the retirement age for train drivers from 57 to 60.\n\n"
        "Union leaders said further strikes were planned for next month if the government did not withdraw "
        "the proposal.",
    ),
    "gossip": (
        "You Won't Believe What Pop Icon Mira Solenne Wore To The Gala!!!",
        "Fans are absolutely losing it after pop icon Mira Solenne stunned everyone at last night's glitzy "
        "charity gala in a jaw-dropping gown that insiders say could be the most talked-about look of the year!\n\n"
        "Sources close to the singer reportedly claim the dress took 600 hours to make, and one insider, who "
        "asked not to be named, said she was 'totally thrilled' with the insane reaction online.\n\n"
        "Is this the boldest outfit ever? Fans on social media are convinced it might even spark a new trend. "
        "Stay tuned, because this incredible fashion moment is far from over!",
    ),
    "football": (
        "Harbour City beat Northgate 2-1 to reach cup semi-final",
        "Harbour City reached the semi-final of the national cup on Saturday after a 2-1 win over Northgate, "
        "with a late header from defender Sam Okoro.\n\n"
        "Northgate had taken the lead through a penalty before half-time, but City's coach made two changes "
        "at the break and the team equalised ten minutes later.\n\n"
        "City will play the winner of Sunday's match between Riverside and Eastbury in the semi-final next "
        "month. Tickets go on sale on Wednesday.",
    ),
    "study": (
        "Study links daily walking to lower risk of heart disease",
        "Adults who walked at least 7,000 steps a day had a lower risk of heart disease over ten years than "
        "those who walked fewer than 4,000, according to a study of 5,200 people published on Tuesday.\n\n"
        "The researchers from the University of Ardenne followed participants aged 45 to 75. They found an "
        "association, not proof that walking prevents disease, and said people who walk more may differ in "
        "other ways.\n\n"
        "Heart specialists not involved in the study said the findings matched earlier research and that "
        "the results supported current advice to stay active.",
    ),
    "recall": (
        "Carmaker Vessen recalls 310,000 cars over faulty brake sensor",
        "Vessen Motors is recalling about 310,000 cars in eleven countries because a faulty brake sensor can "
        "switch off emergency braking, the company said on Wednesday.\n\n"
        "The recall covers three compact models built between 2023 and 2025. Vessen said it knew of 14 minor "
        "collisions linked to the fault and no injuries. Owners will be contacted by letter and the repair, a "
        "software update and a new sensor, takes about an hour.\n\n"
        "The national transport safety authority said it had opened its own review of the sensor's supplier, "
        "which also sells parts to two other manufacturers. Vessen shares fell 3% in morning trading.",
    ),
    "ruling": (
        "Supreme Court of Marlow strikes down surveillance law",
        "The Supreme Court of Marlow ruled on Friday that a 2024 law allowing police to collect the location "
        "data of mobile phone users without a warrant violates the constitution.\n\n"
        "In a seven-to-two decision, the judges said the law gave authorities powers that were too broad and "
        "lacked independent oversight. Police must stop using the powers within 30 days and delete data "
        "collected under them.\n\n"
        "The interior ministry said it would draft a new bill with judicial approval for each request. Civil "
        "liberties groups, which brought the case on behalf of about 4 million subscribers, called the "
        "ruling a landmark for privacy.",
    ),
    "election": (
        "Tessaly votes: opposition wins regional election in Varno",
        "The opposition Green Alliance won the regional election in Varno on Sunday with 38% of the vote, "
        "ending twenty years of government by the Civic Party in the region, official results showed.\n\n"
        "Turnout was 61%, up from 54% at the last vote. The Civic Party came second with 29%. The new regional "
        "assembly, which controls transport, schools and hospitals for 2.1 million people, meets next month "
        "to elect a president.\n\n"
        "Green Alliance leader Ana Duval said her first priority would be regional rail. National party "
        "leaders said the result would not change the balance in the national parliament.",
    ),
}

OUTLETS = ["Northern Ledger", "Capital Post", "Daily Meridian", "Coastline Times", "Valley Courier"]


def rewrite_lead(text: str, lead: str) -> str:
    """A light rewrite: a new first paragraph, the rest kept."""
    return lead + "\n\n" + text.split("\n\n", 1)[1]


def when(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=UTC)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    items = []

    def add(event: str, outlet: str, slug: str, dt: datetime, *, title: str | None = None, text: str | None = None,
            url_suffix: str = "", as_html: bool = False) -> None:
        base_title, base_text = EVENTS[event]
        title = title or base_title
        text = text or base_text
        host = outlet.lower().replace(" ", "")
        item = {"url": f"https://www.{host}.example/news/{slug}{url_suffix}", "source": outlet, "title": title,
                "published": dt.isoformat()}
        if as_html:
            paras = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n"))
            item["html"] = (f"<html><head><title>{escape(title)} | {outlet}</title>"
                            f"<meta property='og:site_name' content='{outlet}'></head><body>"
                            f"<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
                            f"<article><h1>{escape(title)}</h1>{paras}</article>"
                            f"<footer>© 2026 {outlet}. All rights reserved.</footer></body></html>")
        else:
            item["text"] = text
        items.append(item)

    # Earthquake: original, syndicated copy, light rewrite, HTML page, sensational take
    add("quake", "Northern Ledger", "veloria-quake", when(16, 6))
    add("quake", "Valley Courier", "wire-veloria-quake", when(16, 7))  # syndicated: same text
    add("quake", "Capital Post", "quake-veloria-42-dead", when(16, 8), title="Deadly quake in Veloria: 42 dead",
        text=rewrite_lead(EVENTS["quake"][1], "At least 42 people died when a strong earthquake of magnitude 6.8 "
                          "hit northern Veloria before dawn on Monday, officials said, with more than 300 injured."))
    add("quake", "Daily Meridian", "veloria-earthquake", when(16, 9), as_html=True)
    add("quake", "Coastline Times", "terror-veloria", when(16, 10),
        title="TERROR as monster quake flattens Veloria towns - is a bigger one coming?",
        text=rewrite_lead(EVENTS["quake"][1], "Terrified families fled into the freezing night as a monster "
                          "magnitude 6.8 earthquake tore through northern Veloria, killing at least 42 people in "
                          "scenes of absolute devastation, and experts warn an even bigger quake could follow."))
    # Interest rates: original + copy under a tracking-parameter URL (same article) + rewrite
    add("rates", "Capital Post", "marlow-rates", when(18, 13))
    add("rates", "Capital Post", "marlow-rates", when(18, 13), url_suffix="?utm_source=twitter&utm_medium=social")
    add("rates", "Northern Ledger", "bank-of-marlow-hike", when(18, 14),
        title="Bank of Marlow lifts rates for fourth time this year",
        text=rewrite_lead(EVENTS["rates"][1], "Marlow's central bank increased borrowing costs for the fourth time "
                          "this year on Thursday, lifting its main rate by 0.5 points to 5.25% with inflation "
                          "still at 7.1%."))
    # Chip subsidies: two outlets + syndicated copy
    add("chips", "Daily Meridian", "arden-chip-subsidy", when(19, 11))
    add("chips", "Coastline Times", "arden-chips-law", when(19, 12),
        title="Arden lawmakers back $12bn plan to lure chipmakers",
        text=rewrite_lead(EVENTS["chips"][1], "Lawmakers in Arden voted on Wednesday for a $12 billion package of "
                          "subsidies meant to bring advanced semiconductor factories to the country."))
    add("chips", "Valley Courier", "wire-arden-chips", when(19, 13))
    # Strike: two outlets
    add("strike", "Northern Ledger", "tessaly-rail-strike", when(17, 8))
    add("strike", "Capital Post", "tessaly-trains-halted", when(17, 9),
        title="Trains halted as Tessaly rail strike begins",
        text=rewrite_lead(EVENTS["strike"][1], "Most trains in Tessaly stood still on Tuesday as rail staff began "
                          "a two-day strike against a plan to raise their retirement age."))
    # Single-outlet stories
    add("gossip", "Coastline Times", "mira-solenne-gala", when(19, 22))
    add("football", "Valley Courier", "harbour-city-cup", when(15, 18))
    add("study", "Daily Meridian", "walking-heart-study", when(18, 7))
    # Recall: original, syndicated copy, sensational rewrite
    add("recall", "Capital Post", "vessen-recall", when(18, 10))
    add("recall", "Valley Courier", "wire-vessen-recall", when(18, 11))
    add("recall", "Coastline Times", "vessen-brake-scare", when(18, 12),
        title="DEATH TRAP? Shock recall as Vessen brakes fail - is YOUR car affected?",
        text=rewrite_lead(EVENTS["recall"][1], "Terrified drivers are scrambling to check their cars after a "
                          "shock recall revealed that a faulty sensor could switch off emergency braking in "
                          "310,000 Vessen cars, in what critics call an absolute scandal."))
    # Court ruling: two outlets, one as an HTML page
    add("ruling", "Northern Ledger", "marlow-court-surveillance", when(19, 9))
    add("ruling", "Daily Meridian", "supreme-court-location-data", when(19, 10), as_html=True,
        title="Marlow's top court rules warrantless phone tracking unconstitutional",
        text=rewrite_lead(EVENTS["ruling"][1], "Police in Marlow may no longer collect phone users' location "
                          "data without a warrant, the Supreme Court decided on Friday, striking down a 2024 law "
                          "by seven votes to two."))
    # Regional election: two outlets
    add("election", "Valley Courier", "varno-election", when(16, 21))
    add("election", "Northern Ledger", "green-alliance-varno", when(16, 23),
        title="Green Alliance ends Civic Party's 20-year rule in Varno",
        text=rewrite_lead(EVENTS["election"][1], "The Civic Party lost control of the Varno region for the first "
                          "time in twenty years on Sunday as the Green Alliance took 38% of the vote."))

    with (OUT / "articles.jsonl").open("w", encoding="utf-8") as handle:
        for item in items:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")

    # The wire service's feed: four items, two of them also in articles.jsonl under the same URL
    wire = [("strike", "tessaly-rail-strike", "Northern Ledger", when(17, 8)),
            ("study", "walking-heart-study", "Daily Meridian", when(18, 7)),
            ("rates", "marlow-rates-wire", "Wire", when(18, 15)),
            ("quake", "veloria-aid", "Wire", when(17, 12))]
    entries = []
    for event, slug, outlet, dt in wire:
        title, text = EVENTS[event]
        if slug == "veloria-aid":
            title = "Aid flights reach Veloria as quake death toll rises to 57"
            text = rewrite_lead(text, "The death toll from Monday's magnitude 6.8 earthquake in northern Veloria "
                                "rose to 57 on Tuesday as the first international aid flights landed, the civil "
                                "protection agency said.")
        host = outlet.lower().replace(" ", "")
        link = f"https://www.{host}.example/news/{slug}"
        body = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n"))
        entries.append(
            f"    <item>\n      <title>{escape(title)}</title>\n      <link>{link}</link>\n"
            f"      <guid>{link}</guid>\n      <pubDate>{format_datetime(dt)}</pubDate>\n"
            f"      <description>{escape(text.split(chr(10))[0])}</description>\n"
            f"      <content:encoded><![CDATA[{body}]]></content:encoded>\n    </item>"
        )
    (OUT / "wire.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">\n  <channel>\n'
        "    <title>Example Wire</title>\n    <link>https://www.wire.example/</link>\n"
        "    <description>An invented wire service for the newsverdict examples</description>\n"
        + "\n".join(entries) + "\n  </channel>\n</rss>\n", encoding="utf-8")
    (OUT / "feeds.opml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head><title>Example feeds</title></head>\n'
        '  <body>\n    <outline text="Example Wire" type="rss" xmlUrl="wire.xml"/>\n  </body>\n</opml>\n',
        encoding="utf-8")
    print(f"wrote {len(items)} articles and {len(entries)} feed items to {OUT}")


if __name__ == "__main__":
    main()
