"""Where articles come from: files, HTML pages, URLs, feeds and corpora, read into ``Article``s.

``net`` is the one guarded HTTP layer every URL fetch goes through; ``extract`` turns a file, a page or a
URL into an article (trafilatura for HTML); ``feeds`` parses RSS/Atom/OPML; ``corpus`` reads JSONL
and directories as items. May import ``newsverdict.card.text`` (normalising), models and errors.
"""
