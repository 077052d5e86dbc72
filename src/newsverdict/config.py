"""The user's config file (TOML): its [llm] table configures the prose backend, its [email] table the digest's
delivery. One path for both, in the platform's config directory (commands that read it take ``--config``)."""

from __future__ import annotations

from pathlib import Path


def config_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("newsverdict", appauthor=False)) / "config.toml"
