"""The tests are isolated from the machine they run on (the autouse ``isolated_home`` in conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from newsverdict.config import config_path
from newsverdict.stories.store import default_db_path


def test_config_and_data_directories_are_in_a_temporary_home(isolated_home: Path):
    assert config_path().is_relative_to(isolated_home)
    assert default_db_path().is_relative_to(isolated_home)
    assert not [name for name in os.environ if name.startswith("NEWSVERDICT_") or name == "RAY_ADDRESS"]


def test_a_developers_broken_config_and_variables_do_not_reach_the_tests(tmp_path: Path):
    """A home with a broken ~/.config/newsverdict/config.toml and NEWSVERDICT_* variables that break every
    command: before the autouse fixture these tests failed on such a machine; now they pass."""
    home = tmp_path / "developer"
    config = home / ".config" / "newsverdict"
    config.mkdir(parents=True)
    (config / "config.toml").write_text('[llm\nbackend = "openai"\napi_key = "sk-never-here"\n')
    data = home / ".local" / "share" / "newsverdict"
    data.mkdir(parents=True)
    (data / "newsverdict.db").write_bytes(b"not a database")
    env = {name: value for name, value in os.environ.items() if not name.startswith(("NEWSVERDICT_", "XDG_"))}
    env.update(HOME=str(home), NEWSVERDICT_LLM="magic", NEWSVERDICT_LLM_TIMEOUT="soon",
               NEWSVERDICT_DB=str(home / "nowhere" / "nv.db"), NEWSVERDICT_ALLOW_PRIVATE_URLS="1",
               RAY_ADDRESS="127.0.0.1:1")
    chosen = ["tests/test_cli.py::test_analyze_a_markdown_file_prints_the_card",
              "tests/test_cli.py::test_json_output_is_identical_across_runs",
              "tests/test_llm.py::test_llm_check_with_no_backend",
              "tests/test_redteam.py::test_cli_refuses_private_addresses_by_default",
              "tests/test_isolation.py::test_config_and_data_directories_are_in_a_temporary_home"]
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:cov", *chosen],
                            cwd=ROOT, env=env, capture_output=True, timeout=300)
    assert result.returncode == 0, result.stdout.decode()[-3000:]
    assert b"5 passed" in result.stdout
