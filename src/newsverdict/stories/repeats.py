"""Repeats: canonical URLs, exact fingerprints and MinHash signatures of near-duplicate texts."""

from __future__ import annotations

import hashlib
import re
from functools import cache
from urllib.parse import parse_qsl, urlencode, urlparse, urlunparse

from newsverdict.card.text import tokens

#: Word-trigram Jaccard (MinHash estimate) at or above which an article repeats an earlier one.
NEAR_DUPLICATE_THRESHOLD = 0.6
MINHASH_PERMUTATIONS = 64
#: Stored signatures are only comparable with signatures of the same scheme and seed.
MINHASH_SCHEME = "affine64"

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid|ref|ref_src|_ga|igshid|smid)$", re.I)


def canonical_url(url: str) -> str | None:
    """Lower-case scheme and host, no fragment, no tracking parameters, sorted query, no trailing slash."""
    if not url:
        return None
    parts = urlparse(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return None
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    path = parts.path.rstrip("/") or "/"
    host = parts.hostname.lower() + (f":{parts.port}" if parts.port else "")
    return urlunparse((parts.scheme.lower(), host, path, "", urlencode(query), ""))


def fingerprint(text: str) -> str:
    return hashlib.sha256(" ".join(tokens(text)).encode()).hexdigest()


@cache
def _permutations():
    """The scheme's permutations for the seed, drawn once per process: datasketch draws them again for every
    ``MinHash`` it makes (a fifth of the time of one article's signature)."""
    from datasketch import MinHash

    permutations = MinHash(num_perm=MINHASH_PERMUTATIONS, seed=1, scheme=MINHASH_SCHEME).permutations
    permutations.setflags(write=False)  # shared by every signature (datasketch shares them the same way)
    return permutations


def minhash(text: str):
    from datasketch import MinHash

    toks = tokens(text)
    mh = MinHash(num_perm=MINHASH_PERMUTATIONS, seed=1, scheme=MINHASH_SCHEME, permutations=_permutations())
    mh.update_batch([" ".join(toks[i : i + 3]).encode() for i in range(max(1, len(toks) - 2))])
    return mh


def minhash_from_bytes(blob: bytes):
    import numpy as np
    from datasketch import MinHash

    return MinHash(num_perm=MINHASH_PERMUTATIONS, seed=1, scheme=MINHASH_SCHEME,
                   hashvalues=np.frombuffer(blob, dtype=np.uint64))
