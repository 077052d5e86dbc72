"""The folder layout is the plan: each package imports only the packages upstream of it.

    card (pure: text -> clean -> signals -> scores -> prose)   <- models, errors
    sources (files, pages, URLs, feeds, corpora)               <- card.text
    llm (prose backends)                                       <- card
    stories (store, repeats, clusters, story cards, ingest)    <- card, sources, llm
    render (text, Markdown, JSON, HTML, feeds)                 <- card.registry, card.scoring
    web, batch, mail, watch, cli                               <- everything above; never each other's insides
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "newsverdict"
BASE = {"newsverdict", "newsverdict.models", "newsverdict.errors", "newsverdict.config"}
ALLOWED = {
    "card": {"newsverdict.card"},
    "sources": {"newsverdict.sources", "newsverdict.card.text"},
    "llm": {"newsverdict.llm", "newsverdict.card"},
    "stories": {"newsverdict.stories", "newsverdict.card", "newsverdict.sources", "newsverdict.llm"},
    "render": {"newsverdict.render", "newsverdict.card.registry", "newsverdict.card.scoring"},
    "web": {"newsverdict.web", "newsverdict.card", "newsverdict.sources", "newsverdict.llm",
            "newsverdict.stories", "newsverdict.render"},
    "batch": {"newsverdict.batch", "newsverdict.card", "newsverdict.sources", "newsverdict.stories",
              "newsverdict.render"},
}
#: the one edge that crosses the flow: analyze("plain text") reads the text as a file would be read
EXCEPTIONS = {("card/pipeline.py", "newsverdict.sources.extract")}


def _runtime_nodes(tree: ast.AST):
    """Every node except those under ``if TYPE_CHECKING:`` (annotations only, never imported at run time)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            continue
        yield node
        yield from _runtime_nodes(node)


def _imports(path: Path) -> set[str]:
    names = set()
    for node in _runtime_nodes(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return {n for n in names if n == "newsverdict" or n.startswith("newsverdict.")}


def _allowed(module: str, allowed: set[str]) -> bool:
    return module in BASE or any(module == a or module.startswith(a + ".") for a in allowed)


def test_each_package_imports_only_what_is_upstream_of_it():
    wrong = []
    for package, allowed in ALLOWED.items():
        for path in sorted((SRC / package).rglob("*.py")):
            rel = str(path.relative_to(SRC))
            for module in _imports(path):
                if not _allowed(module, allowed) and (rel, module) not in EXCEPTIONS:
                    wrong.append(f"{rel} imports {module}")
    assert wrong == []


#: the batch's scratch spill: its own temporary SQLite file beside the output, never the store
SCRATCH_SQL = {"batch/fold.py", "batch/run.py"}


def test_no_sql_outside_the_store():
    sql = re.compile(r"\.execute(?:many)?\(|\b(?:SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b")
    outside = [rel for p in SRC.rglob("*.py") if (rel := str(p.relative_to(SRC))) != "stories/store.py"
               and rel not in SCRATCH_SQL and sql.search(p.read_text())]
    assert outside == []


def test_no_function_over_sixty_lines():
    long = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno - node.lineno >= 60:
                long.append(f"{path.relative_to(SRC)}:{node.lineno} {node.name}")
    assert long == []
