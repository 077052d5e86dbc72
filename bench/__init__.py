"""Benchmarks and the quality harness (not part of the installed package)."""
