"""copydesk for Python: quotations, their speakers and glossary entities in news articles.

Each result is the record that ``copydesk check --format json`` prints for the same article
(without ``path``, which a text has none of): ``quotes``, ``mentions``, ``diagnostics`` and
``glossary_diagnostics``, byte offsets into the UTF-8 text. See docs/archive.md for Spark,
Dask and Ray.

A glossary is TOML text (``str``), a file (``os.PathLike``, such as ``pathlib.Path``), or a
list of those, nearest first (an entity id in an earlier one wins), as ``check`` merges the
glossary files that apply to an article. No file named in an article's front matter is read.
"""

from __future__ import annotations

import json
import os
from typing import Iterable, List, Sequence, Union

from . import _copydesk
from ._copydesk import GlossaryError

__all__ = ["Analyzer", "GlossaryError", "analyze", "analyze_batch", "analyze_json", "__version__"]
__version__ = _copydesk.__version__

Glossary = Union[None, str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]]]


def _glossary_files(glossary: Glossary) -> List[tuple]:
    """The (kind, label, value) triples the Rust analyzer reads, nearest first."""
    if glossary is None:
        return []
    if isinstance(glossary, (str, os.PathLike)):
        items = [glossary]
    elif isinstance(glossary, (list, tuple)):
        items = list(glossary)
    else:
        items = [glossary]
    files = []
    for at, item in enumerate(items):
        label = "glossary" if at == 0 else f"glossary[{at}]"
        if isinstance(item, os.PathLike):
            files.append(("path", label, os.fspath(item)))
        elif isinstance(item, str):
            files.append(("text", label, item))
        else:
            raise TypeError(
                "glossary must be TOML text (str), a file (os.PathLike) or a list of those, "
                f"not {type(item).__name__}"
            )
    return files


def _place(problem: dict) -> str:
    return (
        f"{problem['path']}:{problem['line']}:{problem['column']}: "
        f"{problem['severity']}[{problem['code']}] {problem['message']}"
    )


class Analyzer:
    """One glossary, parsed and indexed once, for many texts.

    ``strict`` (the default) raises :class:`GlossaryError` when a glossary has a problem of
    severity ``error`` (a TOML syntax error, an entity without a name, an unknown kind…),
    rather than checking an archive against a glossary that half loaded. With
    ``strict=False`` such a glossary loads what it can, as ``check`` does, and every record
    lists its problems in ``glossary_diagnostics``; warnings are always listed there.
    """

    def __init__(self, glossary: Glossary = None, *, strict: bool = True):
        self._native = _copydesk.Analyzer(_glossary_files(glossary))
        #: The problems inside the glossary files, as ``glossary_diagnostics`` entries.
        self.glossary_diagnostics: List[dict] = json.loads(self._native.problems_json())
        errors = [p for p in self.glossary_diagnostics if p["severity"] == "error"]
        if strict and errors:
            message = "the glossary has errors:\n" + "\n".join("  " + _place(p) for p in errors)
            hint = isinstance(glossary, str) and "\n" not in glossary and glossary.endswith(".toml")
            if hint:
                message += "\n(a str is TOML text; to read the file, pass pathlib.Path(%r))" % glossary
            error = GlossaryError(message)
            error.diagnostics = errors
            raise error

    def analyze_json(self, text: str, format: str = "md") -> str:
        """The record of ``text`` as one line of JSON, exactly as ``check`` prints it (less ``path``)."""
        return self._native.analyze_json(text, format)

    def analyze(self, text: str, format: str = "md") -> dict:
        """The record of ``text`` (``format`` "md" for Markdown, "txt" for plain text)."""
        return json.loads(self._native.analyze_json(text, format))

    def analyze_batch_json(self, texts: Iterable[str], format: str = "md", threads: int = 1) -> List[str]:
        """The records of ``texts`` as JSON lines, in order. See :meth:`analyze_batch`."""
        if isinstance(texts, str):
            raise TypeError("texts must be a list of str, not one str")
        if threads < 0:
            raise ValueError("threads must be 0 (one per core) or more")
        return self._native.analyze_batch_json(list(texts), format, threads)

    def analyze_batch(self, texts: Iterable[str], format: str = "md", threads: int = 1) -> List[dict]:
        """The records of ``texts``, in order, with the GIL released while they are analysed.

        ``threads=1`` (the default) analyses on the calling thread and starts none, which is
        what a forked worker (Spark's Python workers, a PyTorch DataLoader's) needs; ``threads=N``
        spreads the texts over N threads started for this call and joined before it returns;
        ``threads=0`` uses one per core.
        """
        return [json.loads(line) for line in self.analyze_batch_json(texts, format, threads)]


def analyze(text: str, glossary: Glossary = None, format: str = "md", *, strict: bool = True) -> dict:
    """The record ``copydesk check --format json`` prints for ``text``, without ``path``.

    For many texts with one glossary, an :class:`Analyzer` indexes the glossary once.
    """
    return Analyzer(glossary, strict=strict).analyze(text, format)


def analyze_json(text: str, glossary: Glossary = None, format: str = "md", *, strict: bool = True) -> str:
    """:func:`analyze`'s record as one line of JSON."""
    return Analyzer(glossary, strict=strict).analyze_json(text, format)


def analyze_batch(
    texts: Iterable[str],
    glossary: Glossary = None,
    format: str = "md",
    threads: int = 1,
    *,
    strict: bool = True,
) -> List[dict]:
    """:meth:`Analyzer.analyze_batch` with a glossary indexed for this call."""
    return Analyzer(glossary, strict=strict).analyze_batch(texts, format, threads)
