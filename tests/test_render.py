"""Renderings as a reader gets them: one card partial and one stylesheet for every HTML card,
standalone files that open offline, and formats that are either written as asked or refused."""

from __future__ import annotations

import json
import re

import pytest
from conftest import GOSSIP, POLICY
from typer.testing import CliRunner

import newsverdict
from newsverdict.cli import DigestFormat, Format, StoriesFormat, StoryFormat, app
from newsverdict.errors import InputError
from newsverdict.models import StoryVerdict
from newsverdict.render import DIGEST_MEDIA_TYPES, TEMPLATE_DIR, digest, formats, render, render_stories, render_story
from newsverdict.render.formats import OUTPUTS, write


def _story(card, story_id: int, *, title: str = "", url: str = "https://news.example/a") -> StoryVerdict:
    sources = [{"article_id": story_id * 10, "source": "Northern Ledger", "title": title or card.headline, "url": url,
                "published": "2026-11-16T06:00:00+00:00"},
               {"article_id": story_id * 10 + 1, "source": "www.coastline.example", "title": "A copy", "url": url,
                "published": "2026-11-16T08:00:00+00:00", "repeat_of": story_id * 10}]
    coverage = {"outlets": 1, "articles": 2, "repeats": 1, "first_ts": 1_763_272_800.0, "last_ts": 1_763_280_000.0}
    return StoryVerdict.model_validate({**card.model_dump(), "story_id": story_id, "coverage": coverage,
                                        "sources": sources})


@pytest.fixture(scope="module")
def cards():
    return [newsverdict.analyze(POLICY), newsverdict.analyze(GOSSIP)]


@pytest.fixture(scope="module")
def stories(cards):
    return [_story(card, rank) for rank, card in enumerate(cards, 1)]


def _card_blocks(page: str) -> list[str]:
    """What the card partial writes for each card: analysis, summary, key points, the evidence."""
    return re.findall(r'<p class="analysis">.*?</details>', page, flags=re.S)


def test_every_html_rendering_of_a_card_comes_from_the_one_partial(cards, stories):
    card_page = render(cards, "html")
    story_page = render_story(stories[0], "html")
    digest_page = digest(stories, "html", now=0)
    assert len(_card_blocks(card_page)) == 2 and len(_card_blocks(story_page)) == 1
    assert len(_card_blocks(digest_page)) == 2
    # the same card reads the same in the card file, the story file and the digest (headings one level down)
    def same(block: str) -> str:
        return re.sub(r"<(/?)h\d>", r"<\1h>", block)

    assert same(_card_blocks(card_page)[0]) == same(_card_blocks(story_page)[0]) == same(_card_blocks(digest_page)[0])
    for page in (card_page, story_page, digest_page):
        assert 'class="score"' in page and 'data-testid="impact"' in page and 'class="placement"' in page


def test_standalone_pages_carry_the_one_stylesheet_and_open_offline(cards, stories):
    css = TEMPLATE_DIR.joinpath("style.css").read_text()
    for page in (render(cards, "html"), render_story(stories[0], "html"), digest(stories, "html", now=0)):
        assert page.count("<style>") == 1 and css in page
        assert "<link" not in page and "src=" not in page and "<script" not in page
        assert not re.search(r'href="/', page), "a link to a server path breaks when the file is opened offline"
        assert "default-src 'none'" in page  # CSP: nothing is fetched


def test_digest_links_into_the_web_app_only_when_its_address_is_given(stories):
    offline = digest(stories, "html", now=0)
    assert 'href="#story-1"' in offline and 'href="#index"' in offline and "/about" not in offline
    online = digest(stories, "html", base_url="http://127.0.0.1:8000", now=0)
    assert 'href="http://127.0.0.1:8000/about#impact"' in online
    assert 'href="http://127.0.0.1:8000/story/2"' in online


def test_html_escapes_everything_from_the_article(cards):
    hostile = _story(cards[0], 7, title='<img src=x onerror="alert(1)">', url="javascript:alert(1)")
    for page in (render_story(hostile, "html"), digest([hostile], "html", now=0)):
        assert "<img" not in page and "&lt;img src=x" in page
        assert "javascript:" not in page  # not a link a reader can follow


def test_explain_adds_every_signal_with_its_weight_to_the_html_card(cards):
    plain, explained = render(cards[:1], "html"), render(cards[:1], "html", explain=True)
    assert "× " not in plain
    for signal in cards[0].signals:
        assert f"<b>{signal.name}</b> ({signal.kind}): {signal.value:.2f} × {signal.weight:+.2f}" in explained


def test_the_cli_offers_exactly_the_registered_formats():
    assert [f.value for f in Format] == list(formats("card"))
    assert [f.value for f in StoryFormat] == list(formats("story"))
    assert [f.value for f in StoriesFormat] == list(formats("stories")) == ["text", "json", "jsonl"]
    assert [f.value for f in DigestFormat] == list(formats("digest")) == list(DIGEST_MEDIA_TYPES)


@pytest.mark.parametrize("kind", sorted(OUTPUTS))
def test_every_registered_format_writes_its_kind(kind, cards, stories):
    subject, options = {"card": (cards, {"explain": False}), "story": (stories[0], {"explain": True}),
                        "stories": (stories, {}), "digest": (stories, {"title": "t", "now": 0})}[kind]
    for name in formats(kind):
        out = write(kind, name, subject, **options)
        assert out.strip(), f"{kind} -f {name} wrote nothing"
        if name == "json":
            json.loads(out)
        if name == "jsonl":
            assert all(json.loads(line) for line in out.splitlines())
        if name == "html":
            assert out.startswith("<!doctype html>")


def test_a_format_a_kind_does_not_have_is_refused_not_answered_in_another(stories):
    with pytest.raises(InputError, match="use one of: text, json, jsonl"):
        render_stories(stories, "markdown")
    with pytest.raises(InputError, match="no format 'jsonl'"):
        digest(stories, "jsonl")


def test_stories_json_is_one_json_array_and_jsonl_one_story_a_line(stories):
    assert [s["story_id"] for s in json.loads(render_stories(stories, "json"))] == [1, 2]
    assert [json.loads(line)["story_id"] for line in render_stories(stories, "jsonl").splitlines()] == [1, 2]
    assert len(render_story(stories[0], "jsonl").splitlines()) == 1


def test_the_cli_refuses_a_story_list_in_markdown(tmp_path):
    result = CliRunner().invoke(app, ["stories", "--format", "markdown", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2 and "markdown" in result.output
