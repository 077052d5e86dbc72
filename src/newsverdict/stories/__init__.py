"""Stories: many outlets' articles kept in SQLite, folded into repeats and grouped into stories.

``store`` (all SQL lives there), ``repeats`` (canonical URLs, fingerprints, MinHash), ``cluster``
(grouping in time order), ``cards`` (a story's card), ``feed_items`` (the stored feeds' items),
``ingest`` (items -> stored articles -> stories, with story ids kept stable). May import the card
pipeline and sources; never the web app, the CLI or the renderers.
"""
