"""The card pipeline: one article in, its verdict card out — pure functions, no I/O.

    text -> clean -> signals (registry) -> scoring -> prose -> pipeline

``pipeline.run`` chains the stages and keeps what each computed; ``pipeline.analyze`` gives the card.
Modules here read only their packaged data (``newsverdict/data``) and import only ``newsverdict.models``,
``newsverdict.errors`` and each other, never the store, the network, the web app or the renderers.
"""
