"""Batch processing of large inputs (a day of crawled news) on a process pool or a Ray cluster.

``run_batch`` reads WARC, JSONL and Parquet inputs and writes Parquet tables of
articles, cards and stories plus the digest; ``load_into_store`` puts a
finished batch into the local SQLite store. Needs the ``batch`` extra
(pyarrow, fastwarc); ``--engine ray`` needs the ``ray`` extra. See docs/batch.md.
"""

from newsverdict.batch.load import load_into_store
from newsverdict.batch.run import BatchOptions, BatchReport, run_batch

__all__ = ["BatchOptions", "BatchReport", "load_into_store", "run_batch"]
