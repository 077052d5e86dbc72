"""Property test of the text pipeline on hostile shapes: its cost grows linearly with the input.

Hypothesis draws a shape (a run of sentence punctuation, initials, abbreviations, quotes,
brackets, figures, markup, or random punctuation-heavy text) and the pipeline is timed on it at
two sizes, four times apart. A linear stage costs about 4 times more on the larger input, a
quadratic one 16 times: the test allows 8. The per-MB cost is bounded too, generously, so that
a slow or busy machine does not fail it; bench/pathological.py records the real figures.
"""

from __future__ import annotations

import contextlib
import time

from conftest import POLICY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsverdict.card.clean import clean
from newsverdict.card.pipeline import analyze
from newsverdict.errors import InputError
from newsverdict.sources.extract import from_text

UNITS = [".", "!", "?", "…", "?!", "!!!", ".\"", "x. ", "Mr. ", "U.S. ", "A. B. ", "e.g. ", "“", "”", "\"'",
         "((", "[[", "$1,000,000 ", "12% ", "3,000 ", "—", "<p>", "a", "ALL CAPS ", " ", "\n", "\n\n", "!? ",
         "\"Shocking!\" ", "'quote' "]
#: Far above what any stage costs today on a busy machine, far below what a quadratic stage costs at 1 MB.
MAX_SECONDS_PER_MB = 600.0

shapes = st.one_of(
    st.sampled_from(UNITS),
    st.lists(st.sampled_from(UNITS), min_size=2, max_size=4).map("".join),
    st.text(alphabet=".!?…\"'“”’()[]-—,;: aZ\n$%0", min_size=1, max_size=12),
)


def _cost(run, payload: str) -> float:
    started = time.perf_counter()
    with contextlib.suppress(InputError):  # refusing the input is a fine outcome; hanging is not
        run(payload)
    return time.perf_counter() - started


def _body(unit: str, size: int) -> str:
    return POLICY + "\n\nThe vote was close" + unit * max(1, size // len(unit)) + " and the law passed."


def _check(run, unit: str, size: int) -> None:
    _cost(run, _body(unit, size // 4))  # warm up
    small = max(_cost(run, _body(unit, size)), 0.02)
    large_input = _body(unit, 4 * size)
    large = _cost(run, large_input)
    assert large / small < 8, f"{unit!r}: {small:.2f} s -> {large:.2f} s for 4x the text"
    assert large / (len(large_input.encode()) / 1e6) < MAX_SECONDS_PER_MB


@settings(max_examples=10, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(unit=shapes)
def test_cleaning_and_sentence_splitting_are_linear_on_hostile_text(unit):
    _check(lambda text: clean(from_text(text, origin="fuzz"), check_language=False), unit, 8_000)


@settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(unit=shapes)
def test_the_whole_analysis_is_linear_on_hostile_text(unit):
    _check(lambda text: analyze(from_text(text, origin="fuzz")), unit, 3_000)
