"""The command line, run as a user runs it: a fresh process, real files."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES, GOSSIP, POLICY


def test_analyze_a_markdown_file_prints_the_card(cli):
    result = cli("analyze", str(EXAMPLES / "eu-battery-law.md"))
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    for part in ("IMPACT", "HYPE", "Analysis", "Summary", "Key points", "EU adopts binding battery"):
        assert part in out


def test_explain_shows_every_signal_with_weight_and_evidence(cli):
    out = cli("analyze", "--explain", str(EXAMPLES / "eu-battery-law.md")).stdout.decode()
    for name in ("magnitude", "actors", "action_type", "scope", "durability", "certainty", "novelty",
                 "sensational_language", "framing", "superlatives", "clickbait_headline", "speculation",
                 "anonymous_sourcing", "repetition"):
        assert name in out
    assert "“450 million consumers”" in out  # the €38 billion is last year's sales: background, not cited


def test_html_file_is_extracted_and_repeats_reported(cli):
    result = cli("analyze", "-f", "json", str(EXAMPLES / "port-strike.html"))
    assert result.returncode == 0, result.stderr
    card = json.loads(result.stdout)
    assert card["headline"] == "Dockworkers end nine-day strike at Rotterdam port after wage deal"
    assert card["source"] == "Harbour Ledger"
    assert card["cleaning"]["repeats_dropped"] == 2
    assert "cookies" not in card["summary"].lower()


def test_stdin_title_and_source_options(cli):
    result = cli("analyze", "-", "--title", "My headline", "--source", "Desk", "-f", "json",
                 stdin=POLICY.encode())
    card = json.loads(result.stdout)
    assert card["headline"] == "My headline" and card["source"] == "Desk"


@pytest.mark.parametrize("fmt, marker", [("markdown", "**Impact"), ("html", "<!doctype html>"),
                                          ("jsonl", '"schema_version"')])
def test_formats(cli, fmt, marker):
    out = cli("analyze", "-f", fmt, str(EXAMPLES / "celebrity-rumour.txt")).stdout.decode()
    assert marker in out


def test_html_output_escapes_article_text(cli, tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("<script>alert('x')</script> Minister resigns\n\n" + POLICY.split("\n\n", 1)[1])
    out = cli("analyze", "-f", "html", str(hostile)).stdout.decode()
    assert "<script>alert" not in out
    assert "&lt;script&gt;" in out


def test_json_output_is_identical_across_runs(cli):
    a = cli("analyze", "-f", "json", str(EXAMPLES / "eu-battery-law.md")).stdout
    b = cli("analyze", "-f", "json", str(EXAMPLES / "eu-battery-law.md")).stdout
    assert a == b


def test_output_file_is_written_and_left_intact_on_failure(cli, tmp_path):
    target = tmp_path / "card.json"
    assert cli("analyze", "-f", "json", "-o", str(target), str(EXAMPLES / "eu-battery-law.md")).returncode == 0
    before = target.read_bytes()
    assert json.loads(before)["impact"] >= 1
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = cli("analyze", "-f", "json", "-o", str(target), str(empty))
    assert result.returncode == 2
    assert target.read_bytes() == before


def test_batch_over_a_directory_skips_the_bad_file(cli, tmp_path):
    (tmp_path / "a.txt").write_text(POLICY)
    (tmp_path / "b.txt").write_text(GOSSIP)
    (tmp_path / "c.txt").write_text("   ")
    result = cli("analyze", str(tmp_path), "--format", "jsonl", "--jobs", "2")
    lines = result.stdout.decode().strip().splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["headline"][:10] for line in lines] == ["Parliament", "You Won't "]
    err = result.stderr.decode()
    assert "c.txt" in err and "empty" in err and "skipped" in err
    assert result.returncode == 1


def _one_line_error(result, *fragments: str) -> None:
    assert result.returncode == 2
    err = result.stderr.decode().strip()
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, err
    assert err.startswith("newsverdict: error:")
    for fragment in fragments:
        assert fragment in err, err
    assert result.stdout == b""


def test_missing_file(cli, tmp_path):
    _one_line_error(cli("analyze", str(tmp_path / "nope.txt")), "no such file")


def test_empty_and_whitespace_only_text(cli, tmp_path):
    (tmp_path / "e.txt").write_text("")
    (tmp_path / "w.txt").write_text(" \n\n\t ")
    _one_line_error(cli("analyze", str(tmp_path / "e.txt")), "empty")
    _one_line_error(cli("analyze", str(tmp_path / "w.txt")), "empty")
    _one_line_error(cli("analyze", "-", stdin=b""), "empty")


def test_too_short_says_the_minimum(cli, tmp_path):
    (tmp_path / "s.txt").write_text("A short note about nothing much at all, really.")
    _one_line_error(cli("analyze", str(tmp_path / "s.txt")), "too short to judge", "at least 40")


def test_binary_data(cli, tmp_path):
    (tmp_path / "b.bin").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "img.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00\xff" * 500)
    _one_line_error(cli("analyze", str(tmp_path / "b.bin")), "binary")
    _one_line_error(cli("analyze", str(tmp_path / "img.png")), "binary")


def test_other_encodings_are_detected_not_refused(cli, tmp_path):
    text = POLICY.replace("national", "national café")
    (tmp_path / "latin1.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))
    for name in ("latin1.txt", "utf16.txt"):
        result = cli("analyze", "-f", "json", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        assert "café" in json.loads(result.stdout)["summary"]


def test_page_over_the_size_cap(cli, tmp_path):
    big = tmp_path / "big.html"
    big.write_bytes(b"<html><body><p>" + b"word " * (1_100_000) + b"</p></body></html>")
    _one_line_error(cli("analyze", str(big)), "cap")


def test_html_without_an_article(cli, tmp_path):
    page = tmp_path / "nav.html"
    page.write_text("<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    _one_line_error(cli("analyze", str(page)), "no article text")


def test_malformed_html_does_not_crash(cli, tmp_path):
    page = tmp_path / "broken.html"
    page.write_text("<html><body><p>" + POLICY.split("\n\n", 1)[1].replace("\n\n", "<p><div>") + "<<<</b></i>")
    result = cli("analyze", str(page))
    assert result.returncode in (0, 2)
    assert "Traceback" not in result.stderr.decode()


def test_non_english(cli, tmp_path):
    (tmp_path / "de.txt").write_text(
        "Die Regierung hat am Dienstag ein Gesetz beschlossen, das alle Unternehmen verpflichtet, ihre "
        "Emissionen jedes Jahr zu veröffentlichen. Nach Angaben des Ministeriums sind mehr als zehntausend "
        "Firmen betroffen, und die Regeln gelten ab Januar für das ganze Land und nicht nur für die großen "
        "Konzerne, die bisher schon freiwillig berichten und die neuen Pflichten begrüßen."
    )
    _one_line_error(cli("analyze", str(tmp_path / "de.txt")), "German", "only English is scored")


def test_directory_without_articles(cli, tmp_path):
    _one_line_error(cli("analyze", str(tmp_path)), "no article files")


def test_help_and_version(cli):
    assert "analyze" in cli("--help").stdout.decode()
    assert cli("--version").stdout.decode().startswith("newsverdict ")
