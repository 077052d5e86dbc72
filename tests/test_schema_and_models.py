"""The shipped data files: the card's JSON Schema, the headline model, the weights."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
from conftest import POLICY

import newsverdict
from newsverdict.card.headline import HeadlineModel, default_model
from newsverdict.card.scoring import load_weights
from newsverdict.render import to_json
from scripts.write_schema import schema_text


def test_shipped_schema_matches_the_model_and_validates_a_card():
    shipped = resources.files("newsverdict.schema").joinpath("verdict.schema.json").read_text()
    assert shipped == schema_text(), "run: python -m scripts.write_schema"
    jsonschema.validate(json.loads(to_json(newsverdict.analyze(POLICY))), json.loads(shipped))


def test_headline_model_separates_clickbait_from_news():
    model = default_model()
    assert model.score("You Won't Believe What This Dog Did Next!") > 0.6
    assert model.score("Central bank raises interest rates by a quarter point") < 0.3
    assert model.style("21 Things Only Cat Owners Understand") > 0.9


def test_headline_model_round_trips_through_a_file(tmp_path: Path):
    model = HeadlineModel({"w:shock": 2.0}, -1.0, {"note": "test"})
    path = tmp_path / "model.json.gz"
    model.save(path)
    loaded = HeadlineModel.load(path)
    assert loaded.score("shock") == model.score("shock")
    assert 0.7 < loaded.score("shock") < 0.8


def test_headline_model_counts_a_feature_once_as_it_was_trained():
    # trained on feature presence: a word said three times is not three times the clickbait
    model = HeadlineModel({"w:shock": 2.0, "c:sho": 0.5}, -1.0)
    assert model.score("Shock shock SHOCK") == model.score("Shock") > model.score("News")


def test_custom_weights_change_the_score(tmp_path: Path):
    path = tmp_path / "weights.json"
    path.write_text(json.dumps({
        "impact": {"intercept": 10.0, "weights": {}},
        "hype": {"intercept": 1.0, "weights": {}},
    }))
    weights = load_weights(path)
    from newsverdict.card.pipeline import analyze

    card = analyze(POLICY, weights=weights)
    assert card.impact == 10 and card.hype == 1
