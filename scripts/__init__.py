"""Maintenance scripts: rebuild the shipped data files, tune, hash outputs. Run from the repository root as
``python -m scripts.NAME`` (e.g. ``python -m scripts.fit_weights --help``), so that ``bench`` and ``scripts``
import as packages."""
