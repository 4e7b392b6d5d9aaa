"""copydesk.arrow: Arrow string columns to record columns, for mapInArrow (issue 17, item 4)."""

import json

import pytest

import copydesk

pa = pytest.importorskip("pyarrow")
from copydesk import arrow  # noqa: E402

GLOSSARY = '[ada]\nname = "Ada Okafor"\n'
TEXTS = ["“We will reopen the pool,” Ada Okafor said.\n", None, "“Unsaid.”\n", ""]


def test_a_string_column_becomes_the_json_lines_of_check():
    out = arrow.analyze_array(pa.chunked_array([TEXTS[:2], TEXTS[2:]]), GLOSSARY)
    assert out.type == pa.string()
    expected = [None if t is None else copydesk.analyze_json(t, GLOSSARY) for t in TEXTS]
    assert out.to_pylist() == expected


def test_a_string_column_becomes_a_struct_column():
    out = arrow.analyze_array(pa.array(TEXTS), GLOSSARY, output="struct", threads=2)
    assert out.type == arrow.record_type()
    got = out.to_pylist()
    assert got[1] is None
    first = copydesk.analyze(TEXTS[0], GLOSSARY)
    assert got[0]["quotes"][0]["speaker"] == first["quotes"][0]["speaker"]
    assert got[0]["quotes"][0]["entity"] == "ada"
    # The CLI leaves empty `nested` and `related` out; the struct has them null.
    assert got[0]["quotes"][0]["nested"] is None
    assert [d["code"] for d in got[2]["diagnostics"]] == [d["code"] for d in copydesk.analyze(TEXTS[2])["diagnostics"]]


def test_map_batches_keeps_the_id_and_adds_the_record():
    batch = pa.RecordBatch.from_pydict({"id": ["a", "b", "c", "d"], "text": TEXTS, "other": [1, 2, 3, 4]})
    out = list(arrow.map_batches(iter([batch, batch.slice(0, 1)]), glossary=GLOSSARY, format="txt"))
    assert [b.schema.names for b in out] == [["id", "copydesk"], ["id", "copydesk"]]
    assert out[0].column(0).to_pylist() == ["a", "b", "c", "d"]
    assert json.loads(out[1].column(1)[0].as_py()) == copydesk.analyze(TEXTS[0], GLOSSARY, format="txt")


def test_spark_schemas():
    assert arrow.spark_schema() == "id string, copydesk string"
    ddl = arrow.spark_schema(keep="", output="struct")
    assert ddl.startswith("copydesk struct<`quotes`: array<struct<`start`: bigint")
    assert "`attributed`: boolean" in ddl
