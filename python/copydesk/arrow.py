"""Arrow columns in, Arrow columns out: copydesk for Spark's ``mapInArrow`` (and any Arrow engine).

``pyarrow`` is imported when these functions run, not when copydesk is: install it with
``pip install pyarrow`` (or ``./python[arrow]``).

    from copydesk.arrow import map_batches, spark_schema
    out = df.select("id", "text").mapInArrow(map_batches, spark_schema())

Each text becomes the record of ``copydesk check --format json`` (without ``path``), as a
JSON string (``output="json"``, the default: exactly the CLI's line) or as an Arrow struct
(``output="struct"``, of :func:`record_type`; the ``nested`` and ``related`` lists the CLI
leaves out when empty are null there). A null text gives a null record.
"""

from __future__ import annotations

import functools
from typing import Iterable, Iterator, Optional, Sequence

from . import Analyzer, Glossary

__all__ = ["analyze_array", "map_batches", "record_type", "spark_schema"]


def _pa():
    try:
        import pyarrow
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("copydesk.arrow needs pyarrow: pip install pyarrow") from error
    return pyarrow


@functools.lru_cache(maxsize=None)
def record_type():
    """The Arrow struct type of a record (the schema of ../shared/eval/README.md)."""
    pa = _pa()
    i64, s = pa.int64(), pa.string()
    span = pa.struct([("start", i64), ("end", i64), ("text", s)])
    nested = pa.struct([("start", i64), ("end", i64), ("speaker", span), ("cue", span), ("rule", s)])
    quote = pa.struct(
        [
            ("start", i64),
            ("end", i64),
            ("kind", s),
            ("attributed", pa.bool_()),
            ("speaker", span),
            ("entity", s),
            ("name", s),
            ("cue", span),
            ("rule", s),
            ("link", s),
            ("nested", pa.list_(nested)),
        ]
    )
    mention = pa.struct([("start", i64), ("end", i64), ("text", s), ("entity", s)])
    related = pa.struct([("message", s), ("start", i64), ("end", i64), ("line", i64), ("column", i64)])
    diagnostic_fields = [
        ("code", s),
        ("severity", s),
        ("message", s),
        ("start", i64),
        ("end", i64),
        ("line", i64),
        ("column", i64),
        ("related", pa.list_(related)),
    ]
    return pa.struct(
        [
            ("quotes", pa.list_(quote)),
            ("mentions", pa.list_(mention)),
            ("diagnostics", pa.list_(pa.struct(diagnostic_fields))),
            ("glossary_diagnostics", pa.list_(pa.struct([("path", s)] + diagnostic_fields))),
        ]
    )


def analyze_array(
    texts,
    glossary: Glossary = None,
    format: str = "md",
    *,
    analyzer: Optional[Analyzer] = None,
    output: str = "json",
    threads: int = 1,
):
    """The records of a pyarrow string array (or chunked array), in order, as a pyarrow array:
    strings of JSON for ``output="json"``, structs of :func:`record_type` for ``"struct"``."""
    pa = _pa()
    if output not in ("json", "struct"):
        raise ValueError('output must be "json" or "struct"')
    analyzer = analyzer or Analyzer(glossary)
    if isinstance(texts, pa.ChunkedArray):
        texts = texts.combine_chunks()
    values = texts.to_pylist()
    present = [text for text in values if text is not None]
    lines = iter(analyzer.analyze_batch_json(present, format, threads))
    records = [None if text is None else next(lines) for text in values]
    if output == "json":
        return pa.array(records, type=pa.string())
    import json

    return pa.array([None if line is None else json.loads(line) for line in records], type=record_type())


def map_batches(
    batches: Iterable,
    *,
    text_column: str = "text",
    keep: Sequence[str] = ("id",),
    output_column: str = "copydesk",
    output: str = "json",
    glossary: Glossary = None,
    format: str = "md",
    threads: int = 1,
) -> Iterator:
    """For ``DataFrame.mapInArrow``: each record batch's ``keep`` columns, then ``output_column``
    with the record of each ``text_column`` value. The glossary is indexed once per call, that
    is once per Spark partition; with ``functools.partial`` set the keyword arguments."""
    pa = _pa()
    analyzer = Analyzer(glossary)
    for batch in batches:
        texts = batch.column(batch.schema.get_field_index(text_column))
        records = analyze_array(texts, format=format, analyzer=analyzer, output=output, threads=threads)
        columns = [batch.column(batch.schema.get_field_index(name)) for name in keep]
        yield pa.RecordBatch.from_arrays(columns + [records], names=list(keep) + [output_column])


def spark_schema(keep: str = "id string", output_column: str = "copydesk", output: str = "json") -> str:
    """The DDL schema of :func:`map_batches`' output for ``mapInArrow``: ``keep`` (the DDL of the
    kept columns) then the record column."""
    record = "string" if output == "json" else _ddl(record_type())
    return f"{keep}, {output_column} {record}" if keep else f"{output_column} {record}"


def _ddl(data_type) -> str:
    pa = _pa()
    if pa.types.is_struct(data_type):
        fields = ", ".join(f"`{field.name}`: {_ddl(field.type)}" for field in data_type)
        return f"struct<{fields}>"
    if pa.types.is_list(data_type):
        return f"array<{_ddl(data_type.value_type)}>"
    if pa.types.is_int64(data_type):
        return "bigint"
    if pa.types.is_boolean(data_type):
        return "boolean"
    if pa.types.is_string(data_type):
        return "string"
    raise TypeError(f"no Spark type for {data_type}")
