"""Write src/newsverdict/schema/verdict.schema.json from the Verdict model.

    python -m scripts.write_schema

tests/test_schema_and_models.py fails when the shipped file and the model disagree.
"""

from __future__ import annotations

import json
from pathlib import Path

from newsverdict.models import SCHEMA_VERSION, Verdict

OUT = Path(__file__).resolve().parents[1] / "src" / "newsverdict" / "schema" / "verdict.schema.json"


def schema_text() -> str:
    schema = Verdict.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://newsverdict.invalid/schema/verdict-{SCHEMA_VERSION}.json"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    OUT.write_text(schema_text())
    print(f"wrote {OUT}")
