"""The HTML pages, one module per page family (as datasette's ``views/``):

- ``stories``: the stories list with its chart (/) and one story outlet by outlet (/story/{id})
- ``outlets``: the outlet comparison (/outlets) and one outlet's articles (/outlet)
- ``analyze``: the Analyze form and its card (/analyze)
- ``feeds``: the feeds, their background ingest and its progress (/feeds, /jobs/{id})
- ``about``: how to read a verdict (/about), the API reference (/docs), the stylesheet
- ``evidence``: the evidence in plain words, shared by the story and Analyze pages
"""

from __future__ import annotations

from fastapi import APIRouter

from newsverdict.web.pages import about, analyze, feeds, outlets, stories

router = APIRouter()
for family in (stories, outlets, about, analyze, feeds):
    router.include_router(family.router)
