"""A PySpark job in local mode over PolNeAR train gives, article for article, the record
`copydesk check --format json` gives the same article as a file (issue 17, item 5).

Skipped where ../shared is missing; where pyspark or Java is missing it is skipped too, unless
COPYDESK_REQUIRE_SPARK=1 (scripts/test sets it after installing both), where it fails.
"""

import functools
import json
import os
import shutil
import sys

import pytest

from conftest import SHARED, cli_records, polnear


def require(what: str):
    if os.environ.get("COPYDESK_REQUIRE_SPARK") == "1":
        pytest.fail(f"{what} is missing; scripts/test installs it")
    pytest.skip(f"{what} is missing")


def test_a_spark_job_over_polnear_train_equals_check(copydesk_bin, tmp_path):
    articles = polnear("train")
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        require("pyspark")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        require("java (Debian: openjdk-17-jre-headless)")
    from copydesk.arrow import map_batches, spark_schema

    # The CLI, file for file, as score.py runs it: one .txt per article.
    texts = tmp_path / "texts"
    texts.mkdir()
    for article in articles:
        (texts / f"{article['id']}.txt").write_text(article["text"], encoding="utf-8")
    expected = cli_records(copydesk_bin, sorted(texts.iterdir()), texts, "--root", str(texts))

    # Spark's Python workers run this interpreter, where copydesk is installed; the driver
    # listens on the loopback address only.
    os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("copydesk-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.memory", "1g")
        .config("spark.local.dir", str(tmp_path / "spark"))
        .getOrCreate()
    )
    try:
        frame = spark.read.json(str(SHARED / "corpus" / "polnear" / "train.jsonl")).select("id", "text")
        # Four partitions on two cores: each task's worker indexes the glossary itself.
        job = frame.repartition(4).mapInArrow(functools.partial(map_batches, format="txt"), spark_schema())
        rows = job.collect()
        partitions = job.rdd.getNumPartitions()
    finally:
        spark.stop()

    assert partitions == 4
    assert len(rows) == len(articles) == len(expected)
    got = {row["id"]: json.loads(row["copydesk"]) for row in rows}
    differ = [a["id"] for a in articles if got.get(a["id"]) != expected[str(texts / f"{a['id']}.txt")]]
    assert not differ, f"{len(differ)} of {len(articles)} articles differ, first {differ[:3]}"
    assert sum(len(record["quotes"]) for record in got.values()) > 1000, "the job found the corpus's quotations"
