"""copydesk.analyze and friends against `copydesk check --format json` (issue 17, item 4)."""

import json
import subprocess
import threading
import time
from pathlib import Path

import pytest

import copydesk
from conftest import REPO, SHARED, cli_records, polnear

EXAMPLES = sorted(p for p in (REPO / "examples").iterdir() if p.suffix in (".md", ".txt"))
FORMATS = {".md": "md", ".txt": "txt"}
GLOSSARY = '[ada]\nname = "Ada Okafor"\naliases = ["Okafor"]\n'


def glossaries_of(copydesk_bin, article: Path):
    """The glossary files `check` loads for `article`, nearest first, from `copydesk glossaries`."""
    proc = subprocess.run(
        [str(copydesk_bin), "glossaries", str(article.relative_to(REPO))], cwd=REPO, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return [Path(line.strip().split("  ")[0]) for line in proc.stdout.splitlines() if line.startswith("  ")]


@pytest.mark.parametrize("article", EXAMPLES, ids=lambda p: p.name)
def test_analyze_equals_check_on_the_examples(copydesk_bin, article):
    expected = cli_records(copydesk_bin, [article.relative_to(REPO)], REPO)
    glossaries = glossaries_of(copydesk_bin, article)
    assert glossaries, "every example has a glossary"
    text = article.read_text(encoding="utf-8")
    got = copydesk.analyze(text, glossary=glossaries, format=FORMATS[article.suffix])
    assert got == expected[str(article.relative_to(REPO))]
    assert got["quotes"] and got["mentions"], "a comparison of empty records proves little"


def test_analyze_equals_check_on_polnear_dev(copydesk_bin, tmp_path):
    articles = polnear("dev")
    for article in articles:
        (tmp_path / f"{article['id']}.txt").write_text(article["text"], encoding="utf-8")
    expected = cli_records(copydesk_bin, sorted(tmp_path.iterdir()), tmp_path, "--root", str(tmp_path))
    analyzer = copydesk.Analyzer()
    differ = [
        article["id"]
        for article in articles
        if analyzer.analyze(article["text"], format="txt") != expected[str(tmp_path / f"{article['id']}.txt")]
    ]
    assert not differ, f"{len(differ)} of {len(articles)} articles differ, first {differ[:3]}"
    # The strings are the CLI's lines too, byte for byte, less the path.
    first = articles[0]
    assert json.loads(copydesk.analyze_json(first["text"], format="txt")) == expected[str(tmp_path / f"{first['id']}.txt")]


def test_analyze_equals_check_on_the_seed(copydesk_bin):
    # The article copydesk was conceived from, with its own glossary (issue 17's done-when).
    seed = SHARED / "corpus" / "seed"
    article, glossary = seed / "kabul-talks.txt", seed / "glossary.toml"
    if not article.exists():
        pytest.skip(f"{article} not found: the corpus is not shipped with the repository")
    expected = cli_records(copydesk_bin, [article], seed, "--root", str(seed))
    got = copydesk.analyze(article.read_text(encoding="utf-8"), glossary=[glossary], format="txt")
    want = expected[str(article)]
    assert got["quotes"] == want["quotes"] and got["mentions"] == want["mentions"]
    assert got["diagnostics"] == want["diagnostics"]
    assert len(got["quotes"]) >= 9, "the seed's nine gold quotations at least"


def test_an_analyzer_reuses_its_glossary_for_every_text():
    analyzer = copydesk.Analyzer(GLOSSARY)
    texts = ["“We will reopen the pool,” Ada Okafor said.\n", "Okafor said the pool was “a disgrace”.\n", "No one spoke.\n"]
    for text in texts:
        assert analyzer.analyze(text) == copydesk.analyze(text, GLOSSARY)
    assert analyzer.analyze(texts[0])["quotes"][0]["entity"] == "ada"
    assert analyzer.analyze(texts[1])["mentions"][0]["entity"] == "ada"
    # Markdown's code is no prose; plain text has no code: the format reaches the engine.
    fenced = "```\n“It is over,” Ada Okafor said.\n```\n"
    assert analyzer.analyze(fenced, format="md")["quotes"] == []
    assert len(analyzer.analyze(fenced, format="txt")["quotes"]) == 1


def test_a_glossary_file_and_a_list_of_glossaries(tmp_path):
    path = tmp_path / "glossary.toml"
    path.write_text(GLOSSARY, encoding="utf-8")
    text = "“We will reopen the pool,” Ada Okafor said.\n"
    assert copydesk.analyze(text, path) == copydesk.analyze(text, GLOSSARY)
    # Nearest first: the first list item's entity wins the name.
    other = '[okafor]\nname = "Ada Okafor"\n'
    assert copydesk.analyze(text, [other, path])["quotes"][0]["entity"] == "okafor"
    assert copydesk.analyze(text, [path, other])["quotes"][0]["entity"] == "ada"


def test_analyze_batch_with_one_and_two_threads_gives_the_same_records_in_order():
    texts = [p.read_text(encoding="utf-8") for p in EXAMPLES] * 20 + ["", "“Unsaid.”\n"]
    one = copydesk.analyze_batch(texts, GLOSSARY, threads=1)
    assert one == [copydesk.analyze(text, GLOSSARY) for text in texts]
    assert copydesk.analyze_batch(texts, GLOSSARY, threads=2) == one
    assert copydesk.analyze_batch(texts, GLOSSARY, threads=0) == one
    assert copydesk.analyze_batch([], GLOSSARY, threads=2) == []
    with pytest.raises(TypeError):
        copydesk.analyze_batch("one text, not a list")


def test_analyze_batch_releases_the_gil():
    """While a batch runs on another thread, this thread keeps running Python: the longest
    pause between its steps is far shorter than the batch (with the GIL held, it is the batch)."""
    analyzer = copydesk.Analyzer(GLOSSARY)
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in EXAMPLES)
    texts = [text] * 100
    started = time.perf_counter()
    analyzer.analyze_batch_json(texts)
    alone = time.perf_counter() - started
    texts = texts * max(1, int(0.5 / alone))  # about half a second of work
    done = threading.Event()
    worker = threading.Thread(target=lambda: (analyzer.analyze_batch_json(texts), done.set()))
    steps = []
    worker.start()
    while not done.is_set():
        steps.append(time.perf_counter())
    worker.join()
    took = steps[-1] - steps[0]
    longest = max(b - a for a, b in zip(steps, steps[1:]))
    assert took > 0.2, f"the batch took {took:.3f} s: too short to tell"
    assert longest < took / 4, f"this thread stopped for {longest:.3f} s of {took:.3f} s"


def test_a_bad_glossary_is_a_clear_error(tmp_path):
    text = "“We will reopen the pool,” Ada Okafor said.\n"
    with pytest.raises(copydesk.GlossaryError) as error:
        copydesk.analyze(text, '[ada]\nname = "Ada Okafor\n')
    assert "glossary:2:" in str(error.value) and "glossary-syntax" in str(error.value)
    assert error.value.diagnostics[0]["code"] == "glossary-syntax"
    assert isinstance(error.value, ValueError)
    # A str is TOML text: a file name passed as one says how to read the file.
    with pytest.raises(copydesk.GlossaryError, match=r"pathlib\.Path\('glossary.toml'\)"):
        copydesk.Analyzer("glossary.toml")
    missing = tmp_path / "missing.toml"
    with pytest.raises(copydesk.GlossaryError, match="missing.toml"):
        copydesk.Analyzer(missing)
    with pytest.raises(TypeError, match="glossary must be TOML text"):
        copydesk.Analyzer(42)
    with pytest.raises(ValueError, match='format must be "md" or "txt"'):
        copydesk.analyze(text, format="html")
    # Not strict: what loads is used, and every record lists the problems, as `check` does.
    record = copydesk.analyze(text, '[ada]\nname = "Ada Okafor"\n[bo]\nkind = "person"\n', strict=False)
    assert record["quotes"][0]["entity"] == "ada"
    assert [p["code"] for p in record["glossary_diagnostics"]] == ["glossary-missing-name"]
    assert record["glossary_diagnostics"][0]["path"] == "glossary"
    # Warnings never raise; they are listed.
    warned = copydesk.Analyzer('[a]\nname = "Ada Okafor"\naliases = ["Ada"]\n[b]\nname = "Ada Lind"\naliases = ["Ada"]\n')
    assert warned.glossary_diagnostics and all(p["severity"] != "error" for p in warned.glossary_diagnostics)


def test_a_glossary_file_is_named_as_check_names_it(copydesk_bin, tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('[a]\nname = "Ada Okafor"\n[b]\nkind = "person"\n', encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text("“We will reopen the pool,” Ada Okafor said.\n", encoding="utf-8")
    expected = cli_records(copydesk_bin, ["a.md"], tmp_path, "--root", str(tmp_path), "--glossary", str(path))
    got = copydesk.analyze(article.read_text(encoding="utf-8"), path, strict=False)
    # check runs from tmp_path and names the file relative to it; the module from here.
    expected["a.md"]["glossary_diagnostics"][0]["path"] = str(path.relative_to(Path.cwd())) if path.is_relative_to(
        Path.cwd()
    ) else str(path)
    assert got == expected["a.md"]
