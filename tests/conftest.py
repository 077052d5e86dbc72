from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

# A dry report of a major, concrete, confirmed policy decision with large figures.
POLICY = """Parliament approves national minimum wage rise for 6 million workers

The national parliament on Thursday approved a law raising the minimum wage by 12% from January, \
a change the labour ministry said would cover 6 million workers and cost employers $9.4 billion a year.

The legislation passed by 302 votes to 211 after a two-month debate and was signed by the president \
the same evening, the government said in a statement. It also indexes the wage to inflation permanently, \
ending annual negotiations between unions and employers.

The central bank said in its quarterly report that the rise would add about 0.3 percentage points to \
inflation next year. Employers' federations said they would comply with the law and asked for tax relief \
for small firms, which the finance ministry agreed to study.

The law takes effect on 1 January and applies in all 16 regions of the country."""

# Speculative celebrity gossip in breathless clickbait style.
GOSSIP = """You Won't Believe Who Was Spotted Together Last Night!!!

Fans are absolutely freaking out after shocking photos exploded online that may show reality star \
Dana Flynn with a mystery man, and insiders say it could be the most explosive romance of the year!

Sources close to the star reportedly claim the pair might be secretly dating. One insider, who spoke \
on condition of anonymity, said the stunning couple were "totally inseparable" and that things could get \
even crazier. Is this the end of her engagement? It's rumoured that she was spotted without her ring!

Nothing has been confirmed, but fans on Instagram are in a total frenzy. Could this be the most shocking \
celebrity twist ever? Stay tuned, because this incredible story is far from over!"""


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsverdict", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
    )


@pytest.fixture
def cli():
    return run_cli
