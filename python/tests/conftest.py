"""Shared fixtures: the repository, the release binary to compare against, PolNeAR."""

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def copydesk_bin() -> Path:
    """The CLI the module must agree with: $COPYDESK_BIN, else target/release/copydesk."""
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    path = Path(os.environ.get("COPYDESK_BIN", target / "release" / "copydesk"))
    if not path.is_file():
        pytest.fail(f"{path} not found: run `cargo build --release --locked` first")
    return path


def cli_records(copydesk_bin, paths, cwd, *extra):
    """`check --format json` over `paths`, as {path: record without path}."""
    proc = subprocess.run(
        [str(copydesk_bin), "check", "--format", "json", *extra, *map(str, paths)],
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    assert proc.returncode in (0, 1), proc.stderr
    records = {}
    for line in proc.stdout.splitlines():
        record = json.loads(line)
        records[record.pop("path")] = record
    return records


def polnear(split: str):
    """PolNeAR's articles of `split` ({id, text}), or a skip where ../shared is missing."""
    path = SHARED / "corpus" / "polnear" / f"{split}.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not found: the corpus is not shipped with the repository")
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]
