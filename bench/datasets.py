"""Read the evaluation data where it lies, and split it reproducibly.

Files follow ``../shared/data/README.md``; any directory holding files of the
same names and format works (the harness is also run on held-out data).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "dev"
SPLIT_SEED = "newsverdict-2026"


def read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def load(data_dir: Path, name: str) -> list[dict] | None:
    path = Path(data_dir) / f"{name}.jsonl"
    return list(read_jsonl(path)) if path.exists() else None


def part(key: str, *, train: float = 0.8, seed: str = SPLIT_SEED) -> str:
    """'train' or 'val' for an item, decided by a seeded hash of its key (stable across runs)."""
    digest = hashlib.sha256(f"{seed}:{key}".encode()).digest()
    return "train" if int.from_bytes(digest[:8], "big") / 2**64 < train else "val"


def split(rows: list[dict], key: str, *, train: float = 0.8) -> tuple[list[dict], list[dict]]:
    tr = [r for r in rows if part(str(r[key]), train=train) == "train"]
    va = [r for r in rows if part(str(r[key]), train=train) != "train"]
    return tr, va
