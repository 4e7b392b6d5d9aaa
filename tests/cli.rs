//! `copydesk check` run as a program: output on the shipped examples (insta snapshots), exit
//! statuses, standard input, folders, and inputs that cannot be read.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

mod cli_support;
use cli_support::scratch;

/// What one run of the binary printed, and its exit status.
#[derive(Debug)]
struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

/// Runs `copydesk ARGS` in `cwd`, feeding `stdin` when given.
fn copydesk_in(cwd: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the copydesk binary runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    let output = child.wait_with_output().unwrap();
    Run {
        status: output.status.code().expect("copydesk exits rather than being killed"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs `copydesk ARGS` from the crate root, where the examples are.
fn copydesk(args: &[&str]) -> Run {
    copydesk_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, None)
}

/// JSON Lines output, one object per line, pretty-printed for a readable snapshot.
fn pretty_json_lines(stdout: &str) -> String {
    stdout
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).expect("every line is one JSON object");
            serde_json::to_string_pretty(&value).unwrap()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn records(stdout: &str) -> Vec<serde_json::Value> {
    stdout.lines().map(|line| serde_json::from_str(line).expect("every line is one JSON object")).collect()
}

fn paths(stdout: &str) -> Vec<String> {
    records(stdout).iter().map(|record| record["path"].as_str().unwrap().to_string()).collect()
}

// The example snapshots record today's analysis of every pattern the examples exercise.
#[test]
fn human_output_on_the_markdown_example() {
    let run = copydesk(&["check", "examples/lido-closure.md"]);
    assert!(!run.stdout.contains('\x1b'), "no colour when stdout is not a terminal");
    insta::assert_snapshot!("human_lido_closure", format!("exit {}\n{}", run.status, run.stdout));
    assert_eq!(run.stderr, "");
}

#[test]
fn json_output_on_the_markdown_example() {
    let run = copydesk(&["check", "--format", "json", "examples/lido-closure.md"]);
    assert_eq!(run.stdout.lines().count(), 1, "one line per file");
    insta::assert_snapshot!("json_lido_closure", format!("exit {}\n{}", run.status, pretty_json_lines(&run.stdout)));
}

#[test]
fn human_and_json_output_on_the_plain_text_example() {
    let human = copydesk(&["check", "examples/cup-final.txt"]);
    insta::assert_snapshot!("human_cup_final", format!("exit {}\n{}", human.status, human.stdout));
    let json = copydesk(&["check", "--format", "json", "examples/cup-final.txt"]);
    insta::assert_snapshot!("json_cup_final", format!("exit {}\n{}", json.status, pretty_json_lines(&json.stdout)));
}

#[test]
fn the_json_schema_has_every_field_score_py_reads() {
    let run = copydesk(&["check", "--format", "json", "examples/lido-closure.md", "examples/cup-final.txt"]);
    for record in records(&run.stdout) {
        for field in ["path", "quotes", "mentions", "diagnostics", "glossary_diagnostics"] {
            assert!(record.get(field).is_some(), "{field} missing from {record}");
        }
        for quote in record["quotes"].as_array().unwrap() {
            for field in ["start", "end", "kind", "attributed", "speaker", "entity", "name", "cue"] {
                assert!(quote.get(field).is_some(), "{field} missing from {quote}");
            }
        }
        for diagnostic in record["diagnostics"].as_array().unwrap() {
            for field in ["code", "severity", "message", "start", "end", "line", "column"] {
                assert!(diagnostic.get(field).is_some(), "{field} missing from {diagnostic}");
            }
        }
    }
}

#[test]
fn problems_found_exit_with_one() {
    // The example carries an unattributed quotation on purpose.
    let run = copydesk(&["check", "examples/lido-closure.md"]);
    assert_eq!(run.status, 1, "{run:?}");
    assert!(run.stdout.contains("warning[unattributed-quote]"), "{}", run.stdout);
}

#[test]
fn a_clean_article_exits_with_zero() {
    let run = copydesk_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["check", "-"],
        Some("The council met on Tuesday.\nThe pool closes in September.\n"),
    );
    assert_eq!((run.status, run.stderr.as_str()), (0, ""));
    assert_eq!(
        run.stdout,
        "1 file checked, 0 quotes (0 attributed) from 0 speakers, 0 mentions; \
         0 errors, 0 warnings, 0 information, 0 hints\n"
    );
}

#[test]
fn usage_errors_exit_with_two() {
    for args in [
        &["check"][..],
        &["check", "--format", "xml", "examples"],
        &["check", "--stdin-format", "rtf", "-"],
        &["proofread"],
    ] {
        let run = copydesk(args);
        assert_eq!(run.status, 2, "{args:?}: {run:?}");
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(run.stderr.contains("error:"), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn standard_input_is_read_in_the_format_asked_for() {
    let article = "---\ntitle: Pool\n---\n# “Closing” time\n\n“It is over,” said Dana Whitfield.\n";
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let markdown = copydesk_in(root, &["check", "--format", "json", "--stdin-format", "md", "-"], Some(article));
    let plain = copydesk_in(root, &["check", "--format", "json", "-"], Some(article));
    assert_eq!(paths(&markdown.stdout), ["-"]);
    assert_eq!(paths(&plain.stdout), ["-"]);
    // Front matter is never prose in Markdown; read as plain text, its lines are paragraphs.
    let quote_starts = |run: &Run| -> Vec<u64> {
        records(&run.stdout)[0]["quotes"].as_array().unwrap().iter().map(|q| q["start"].as_u64().unwrap()).collect()
    };
    let said = article.find("“It").unwrap() as u64;
    assert!(quote_starts(&markdown).contains(&said), "{}", markdown.stdout);
    assert!(quote_starts(&plain).contains(&said), "{}", plain.stdout);
}

#[test]
fn folders_are_searched_recursively_in_a_stable_order() {
    let dir = scratch(
        "folders",
        &[
            (".git/HEAD", b"ref: refs/heads/main\n"),
            ("news/zebra.md", b"Zebra crossing repainted.\n"),
            ("news/b/beta.txt", b"Beta.\n"),
            ("news/a/alpha.markdown", b"Alpha.\n"),
            ("news/.drafts/hidden.md", b"Hidden.\n"),
            ("news/node_modules/dep.md", b"Dependency.\n"),
            ("news/target/build.md", b"Build output.\n"),
            ("news/notes.rst", b"Not an article.\n"),
            ("single.rst", b"Named explicitly, so checked.\n"),
        ],
    );
    let run = copydesk_in(&dir, &["check", "--format", "json", "single.rst", "news"], None);
    assert_eq!((run.status, run.stderr.as_str()), (0, ""));
    assert_eq!(paths(&run.stdout), ["single.rst", "news/a/alpha.markdown", "news/b/beta.txt", "news/zebra.md"]);
}

#[test]
fn many_files_keep_their_input_order() {
    let names: Vec<String> = (0..40).rev().map(|n| format!("story-{n:02}.txt")).collect();
    let files: Vec<(&str, &[u8])> = names.iter().map(|name| (name.as_str(), &b"A quiet day.\n"[..])).collect();
    let dir = scratch("order", &files);
    let mut args = vec!["check", "--format", "json"];
    args.extend(names.iter().map(String::as_str));
    let run = copydesk_in(&dir, &args, None);
    assert_eq!(paths(&run.stdout), names);
}

#[test]
fn symbolic_links_leaving_the_root_are_not_followed() {
    let outside = scratch("links-outside", &[("secret.md", b"Outside the root.\n")]);
    let dir = scratch("links", &[("news/inside.md", b"Inside.\n"), ("other/kept.md", b"Kept.\n")]);
    std::os::unix::fs::symlink(outside.join("secret.md"), dir.join("news/secret.md")).unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("news/outside")).unwrap();
    std::os::unix::fs::symlink(dir.join("other"), dir.join("news/other")).unwrap();
    // A link back to an ancestor must not loop.
    std::os::unix::fs::symlink(dir.join("news"), dir.join("news/loop")).unwrap();
    let run = copydesk_in(&dir, &["check", "--format", "json", "--root", ".", "news"], None);
    assert_eq!(paths(&run.stdout), ["news/inside.md", "news/other/kept.md"]);
}

#[test]
fn unreadable_inputs_are_named_with_a_reason_and_the_rest_still_checked() {
    let dir = scratch(
        "unreadable",
        &[
            ("first.md", b"The council met.\n"),
            ("photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            ("latin1.txt", b"Caf\xe9 owners object.\n"),
            ("big.txt", "x".repeat(64).as_bytes()),
            ("last.txt", b"The pool closes.\n"),
        ],
    );
    let args = [
        "check",
        "--format",
        "json",
        "--max-file-size",
        "32",
        "first.md",
        "photo.txt",
        "missing.md",
        "latin1.txt",
        "big.txt",
        "last.txt",
    ];
    let run = copydesk_in(&dir, &args, None);
    assert_eq!(run.status, 2);
    assert_eq!(paths(&run.stdout), ["first.md", "last.txt"]);
    assert_eq!(
        run.stderr,
        "copydesk: photo.txt: binary file (NUL byte at offset 8)\n\
         copydesk: missing.md: no such file\n\
         copydesk: latin1.txt: not UTF-8 (invalid byte at offset 3)\n\
         copydesk: big.txt: too large (64 bytes; the limit is 32 bytes)\n"
    );

    let human = copydesk_in(&dir, &["check", "first.md", "missing.md"], None);
    assert_eq!(human.status, 2);
    assert!(human.stdout.ends_with("; 1 input could not be read\n"), "{}", human.stdout);
}

#[test]
fn a_broken_glossary_is_reported_once_with_its_own_position() {
    let dir = scratch(
        "broken-glossary",
        &[
            (".git/HEAD", b"ref: refs/heads/main\n"),
            ("glossary.toml", b"[dana-whitfield]\nname = \"Dana Whitfield\nkind = \"person\"\n"),
            ("a.md", b"Dana Whitfield spoke.\n"),
            ("b.md", b"Whitfield spoke again.\n"),
        ],
    );
    let json = copydesk_in(&dir, &["check", "--format", "json", "a.md", "b.md"], None);
    assert_eq!(json.status, 1, "{json:?}");
    let reported: Vec<serde_json::Value> =
        records(&json.stdout).iter().flat_map(|r| r["glossary_diagnostics"].as_array().unwrap().clone()).collect();
    assert_eq!(reported.len(), 1, "{}", json.stdout);
    assert_eq!(
        (reported[0]["path"].as_str(), reported[0]["code"].as_str()),
        (Some("glossary.toml"), Some("glossary-syntax"))
    );
    assert_eq!(reported[0]["line"], 2);

    let human = copydesk_in(&dir, &["check", "a.md", "b.md"], None);
    assert_eq!(human.stdout.matches("glossary.toml:2:").count(), 1, "{}", human.stdout);
    assert!(human.stdout.contains("error[glossary-syntax]"), "{}", human.stdout);
}

#[test]
fn the_lsp_subcommand_accepts_stdio() {
    let run = copydesk(&["lsp", "--stdio", "--help"]);
    assert_eq!(run.status, 0, "{run:?}");
    assert!(run.stdout.contains("--stdio"));
}

#[test]
fn one_job_or_many_give_the_same_output() {
    let files: Vec<(String, Vec<u8>)> = (0..12)
        .map(|n| {
            (
                format!("story-{n:02}.txt"),
                format!("Title {n}\n“We won {n},” Ana Ruiz said.\n“Nobody asked.”\n").into_bytes(),
            )
        })
        .collect();
    let files: Vec<(&str, &[u8])> = files.iter().map(|(name, text)| (name.as_str(), text.as_slice())).collect();
    let dir = scratch("jobs", &files);
    let one = copydesk_in(&dir, &["check", "--format", "json", "--jobs", "1", "."], None);
    let two = copydesk_in(&dir, &["check", "--format", "json", "--jobs", "2", "."], None);
    assert_eq!(one.status, two.status);
    assert_eq!(paths(&one.stdout).len(), 12);
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(copydesk_in(&dir, &["check", "--jobs", "0", "."], None).status, 2);
}

/// Issue 14: the README's example keeps its line-36 warning when its glossary is removed,
/// because a name given a title since the last speaker makes `he` ambiguous without one too.
#[test]
fn the_readme_example_keeps_its_warning_without_a_glossary() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("lido-closure.md");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/lido-closure.md"), &article).unwrap();
    let run = copydesk_in(dir.path(), &["check", "--root", ".", "lido-closure.md"], None);
    assert!(
        run.stdout.contains("lido-closure.md:36:1: warning[unattributed-quote]"),
        "no line-36 warning without a glossary:\n{}",
        run.stdout
    );
}

/// Issue 16: a speaker pin before the README example's line-36 quotation attributes it to the
/// pinned entity, in JSON as the `pinned` rule, and the unattributed-quote warning is gone.
#[test]
fn a_speaker_pin_attributes_the_readme_quotation_with_no_warning() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let article = std::fs::read_to_string(examples.join("lido-closure.md")).unwrap();
    let quote = "“Nobody asked the children who actually use it.”";
    assert!(article.contains(&format!("\n{quote}\n")), "the example still has its line-36 quotation");
    let pinned = article.replacen(quote, &format!("<!-- copydesk-speaker martin-hale -->\n{quote}"), 1);
    let glossary = std::fs::read(examples.join("glossary.toml")).unwrap();
    let dir = scratch("pin", &[("lido-closure.md", pinned.as_bytes()), ("glossary.toml", &glossary)]);
    let run = copydesk_in(&dir, &["check", "--format", "json", "--root", ".", "lido-closure.md"], None);
    let record = &records(&run.stdout)[0];
    let quotes = record["quotes"].as_array().unwrap();
    let start = pinned.find(&format!("\n{quote}")).unwrap() + 1;
    let pinned_quote = quotes.iter().find(|q| q["start"] == start).expect("the quotation is found");
    assert_eq!(pinned_quote["rule"], "pinned", "{pinned_quote}");
    assert_eq!(pinned_quote["entity"], "martin-hale", "{pinned_quote}");
    let codes: Vec<&str> =
        record["diagnostics"].as_array().unwrap().iter().filter_map(|d| d["code"].as_str()).collect();
    assert!(!codes.contains(&"unattributed-quote"), "{codes:?}");
}

/// Issue 16's done-when on the seed article (skipped, with a note, where ../shared is absent):
/// a pin on the line before the paragraph of line 10's quotation, which no sentence attributes,
/// attributes it to the pinned entity (`pinned` rule) with no diagnostic left on it. The pin is
/// written into a copy in a temporary folder; the seed's text never enters the repository, and
/// the quotation is found by its line, not its words. Two pins: the speaker readers assume
/// (Mujahid) and one they would not (Anjum), so the entity is the pin's, not the guess's.
#[test]
fn a_speaker_pin_attributes_the_seeds_line_10_quotation_with_no_warning() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/seed");
    if !seed.join("kabul-talks.txt").exists() {
        eprintln!("note: {} is absent; the seed pin check is skipped", seed.display());
        return;
    }
    let text = std::fs::read_to_string(seed.join("kabul-talks.txt")).unwrap();
    let line_start = |text: &str, line: usize| text.split_inclusive('\n').take(line - 1).map(str::len).sum::<usize>();
    let line_10 = line_start(&text, 10);
    let pin = |id: &str| format!("<!-- copydesk-speaker {id} -->\n");
    let pinned = |id: &str| format!("{}{}{}", &text[..line_10], pin(id), &text[line_10..]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(seed.join("glossary.toml"), dir.path().join("glossary.toml")).unwrap();
    std::fs::write(dir.path().join("seed.txt"), &text).unwrap();
    std::fs::write(dir.path().join("mujahid.txt"), pinned("zabihullah-mujahid")).unwrap();
    std::fs::write(dir.path().join("anjum.txt"), pinned("nadeem-anjum")).unwrap();
    let run = copydesk_in(
        dir.path(),
        &["check", "--format", "json", "--root", ".", "seed.txt", "mujahid.txt", "anjum.txt"],
        None,
    );
    assert_eq!(run.stderr, "");
    let records = records(&run.stdout);
    assert_eq!(records.len(), 3, "{}", run.stdout);
    let line_10_len = text[line_10..].find('\n').map_or(text.len() - line_10, |i| i + 1);
    // The one quotation starting on the line that starts at byte `from`.
    let quote_at = |record: &serde_json::Value, from: usize| -> serde_json::Value {
        let starts_here =
            |q: &&serde_json::Value| (from..from + line_10_len).contains(&(q["start"].as_u64().unwrap() as usize));
        let here: Vec<_> = record["quotes"].as_array().unwrap().iter().filter(starts_here).collect();
        assert_eq!(here.len(), 1, "one quotation on the line: {here:?}");
        here[0].clone()
    };
    let on = |record: &serde_json::Value, quote: &serde_json::Value| -> Vec<String> {
        let (start, end) = (quote["start"].as_u64().unwrap(), quote["end"].as_u64().unwrap());
        let diagnostics = record["diagnostics"].as_array().unwrap();
        let overlapping =
            diagnostics.iter().filter(|d| d["start"].as_u64() < Some(end) && Some(start) < d["end"].as_u64());
        overlapping.map(|d| format!("{} {}", d["severity"], d["code"])).collect()
    };
    let length = |quote: &serde_json::Value| quote["end"].as_u64().unwrap() - quote["start"].as_u64().unwrap();
    let codes = |record: &serde_json::Value| -> Vec<String> {
        record["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_string()).collect()
    };

    // Without a pin the quotation is the seed's unattributed one: the test means something.
    let unpinned = quote_at(&records[0], line_10);
    assert_eq!(unpinned["attributed"], false, "{unpinned}");
    assert_eq!(on(&records[0], &unpinned), ["\"warning\" \"unattributed-quote\""]);

    for (record, id) in [(&records[1], "zabihullah-mujahid"), (&records[2], "nadeem-anjum")] {
        let quote = quote_at(record, line_10 + pin(id).len());
        assert_eq!(length(&quote), length(&unpinned), "the same quotation: {quote}");
        assert_eq!(
            (&quote["entity"], &quote["rule"], &quote["attributed"]),
            (&id.into(), &"pinned".into(), &true.into()),
            "{quote}"
        );
        assert_eq!(on(record, &quote), Vec::<String>::new(), "{id}: diagnostics on the pinned quotation");
        // The pin takes away that warning and nothing else.
        let mut expected = codes(&records[0]);
        expected.remove(expected.iter().position(|code| code == "unattributed-quote").unwrap());
        assert_eq!(codes(record), expected, "{id}");
    }
}

/// The README example with its glossary, and `files` beside it, in a scratch folder that is
/// its own workspace root.
fn lido_with(name: &str, files: &[(&str, &[u8])]) -> std::path::PathBuf {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let article = std::fs::read(examples.join("lido-closure.md")).unwrap();
    let glossary = std::fs::read(examples.join("glossary.toml")).unwrap();
    let mut all: Vec<(&str, &[u8])> =
        vec![(".git/HEAD", b"ref: refs/heads/main\n"), ("lido-closure.md", &article), ("glossary.toml", &glossary)];
    all.extend_from_slice(files);
    scratch(name, &all)
}

/// Issue 16: copydesk.toml's `[severities]` turn a code off for `check`, and `--severity`
/// overrides the file for one run.
#[test]
fn copydesk_toml_severities_and_the_severity_option() {
    let dir = lido_with("project-severities", &[("copydesk.toml", b"[severities]\nambiguous-speaker = \"off\"\n")]);
    let run = copydesk_in(&dir, &["check", "lido-closure.md"], None);
    assert!(!run.stdout.contains("ambiguous-speaker"), "{}", run.stdout);
    assert!(run.stdout.contains("warning[unattributed-quote]"), "{}", run.stdout);
    assert_eq!(run.stderr, "");

    let run = copydesk_in(&dir, &["check", "--severity", "ambiguous-speaker=warning", "lido-closure.md"], None);
    assert!(run.stdout.contains("warning[ambiguous-speaker]"), "{}", run.stdout);
    let run = copydesk_in(&dir, &["check", "--severity", "unattributed-quote=off", "lido-closure.md"], None);
    assert!(!run.stdout.contains("unattributed-quote"), "{}", run.stdout);
    let run = copydesk_in(&dir, &["check", "--severity", "no-such-code=hint", "lido-closure.md"], None);
    assert_eq!(run.status, 2, "{run:?}");
    assert!(run.stderr.contains("unknown code `no-such-code`"), "{}", run.stderr);
}

/// Issue 16: copydesk.toml names glossaries (relative to itself) for every article, and
/// folder walks skip its `exclude` globs, while a file named on the command line is checked.
#[test]
fn copydesk_toml_glossaries_and_excludes() {
    let dir = scratch(
        "project-glossaries",
        &[
            (".git/HEAD", b"ref: refs/heads/main\n"),
            ("copydesk.toml", b"glossaries = [\"shared/people.toml\"]\nexclude = [\"drafts\"]\n"),
            ("shared/people.toml", b"[vogt]\nname = \"Lena Vogt\"\n"),
            ("news/story.md", "“We will be watching,” said Lena Vogt.\n".as_bytes()),
            ("news/drafts/draft.md", b"Not ready.\n"),
        ],
    );
    let run = copydesk_in(&dir, &["check", "--format", "json", "news"], None);
    assert_eq!(paths(&run.stdout), ["news/story.md"]);
    let record = &records(&run.stdout)[0];
    assert_eq!(record["quotes"][0]["entity"], "vogt", "{record}");
    let named = copydesk_in(&dir, &["check", "--format", "json", "news/drafts/draft.md"], None);
    assert_eq!(paths(&named.stdout), ["news/drafts/draft.md"]);
}

/// Issue 16: problems in copydesk.toml are errors naming the file and line; the rest of the
/// file still applies.
#[test]
fn copydesk_toml_problems_name_their_line() {
    let settings = b"[severities]\nambiguous-speaker = \"off\"\nunknown-speaker = \"loud\"\nno-such-code = \"hint\"\n";
    let dir = lido_with("project-problems", &[("copydesk.toml", settings)]);
    let run = copydesk_in(&dir, &["check", "lido-closure.md"], None);
    assert_eq!(run.status, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "copydesk: copydesk.toml:3:19: error[config-invalid]: unknown level `loud` for unknown-speaker: use error, \
         warning, information, hint or off\n\
         copydesk: copydesk.toml:4:1: error[config-invalid]: unknown diagnostic code `no-such-code`\n"
    );
    assert!(!run.stdout.contains("ambiguous-speaker"), "{}", run.stdout);
    let broken = lido_with("project-broken", &[("copydesk.toml", b"[severities\n")]);
    let run = copydesk_in(&broken, &["check", "lido-closure.md"], None);
    assert_eq!(run.status, 2, "{run:?}");
    assert!(run.stderr.starts_with("copydesk: copydesk.toml:1:"), "{}", run.stderr);
    assert!(run.stderr.contains("not valid TOML"), "{}", run.stderr);
}

/// Issue 16: `check` says on standard error when no glossary applies to an article, since
/// its result then depends on the folder it ran from; with a glossary it says nothing.
#[test]
fn check_notes_an_article_no_glossary_applies_to() {
    let dir = scratch(
        "no-glossary",
        &[
            (".git/HEAD", b"ref: refs/heads/main\n"),
            ("story.md", b"The pool closed.\n"),
            ("people.toml", b"[vogt]\nname = \"Lena Vogt\"\n"),
        ],
    );
    let run = copydesk_in(&dir, &["check", "story.md"], None);
    assert_eq!(
        run.stderr,
        "copydesk: note: no glossary applies to story.md, so no name is matched to an entity \
         (see `copydesk glossaries story.md`)\n"
    );
    let with = copydesk_in(&dir, &["check", "--glossary", "people.toml", "story.md"], None);
    assert!(!with.stderr.contains("note:"), "{}", with.stderr);
}

/// Issue 16: `copydesk glossaries` lists the glossaries that apply to each article and the
/// rule that found each, and says where it looked when none does.
#[test]
fn the_glossaries_command_says_which_apply_and_why() {
    let dir = scratch(
        "glossaries-command",
        &[
            (".git/HEAD", b"ref: refs/heads/main\n"),
            ("copydesk.toml", b"glossaries = [\"shared/people.toml\"]\n"),
            ("shared/people.toml", b"[vogt]\nname = \"Lena Vogt\"\n"),
            ("glossary.toml", b"[a]\nname = \"A\"\n"),
            ("news/story.md", b"---\nglossary: desk.toml\n---\nText.\n"),
            ("news/desk.toml", b"[b]\nname = \"B\"\n"),
            ("news/story.md.glossary.toml", b"[c]\nname = \"C\"\n"),
            ("extra.toml", b"[d]\nname = \"D\"\n"),
        ],
    );
    let run = copydesk_in(&dir, &["glossaries", "--glossary", "extra.toml", "news/story.md"], None);
    assert_eq!((run.status, run.stderr.as_str()), (0, ""));
    assert_eq!(
        run.stdout,
        "news/story.md:\n\
         \x20 news/desk.toml  named by the front matter (`glossary: desk.toml`)\n\
         \x20 news/story.md.glossary.toml  sidecar file beside the article\n\
         \x20 glossary.toml  glossary.toml in a folder above the article\n\
         \x20 shared/people.toml  listed in copydesk.toml\n\
         \x20 extra.toml  given with --glossary\n"
    );

    let bare = scratch("glossaries-none", &[(".git/HEAD", b"ref: refs/heads/main\n"), ("story.txt", b"Text.\n")]);
    let run = copydesk_in(&bare, &["glossaries", "story.txt"], None);
    assert_eq!(run.status, 1);
    assert!(run.stdout.starts_with("story.txt:\n  no glossary applies: looked for"), "{}", run.stdout);
}

/// The SARIF log with what depends on the machine (the working folder's URI, the version)
/// replaced, pretty-printed for a readable snapshot.
fn pretty_sarif(stdout: &str, cwd: &Path) -> String {
    assert_eq!(stdout.lines().count(), 1, "one log, on one line");
    let mut log: serde_json::Value = serde_json::from_str(stdout).expect("the log is JSON");
    let run = &mut log["runs"][0];
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"].as_str().unwrap().to_string();
    assert_eq!(base, format!("file://{}/", cwd.display()), "the base is the working folder");
    run["originalUriBaseIds"]["%SRCROOT%"]["uri"] = "file:///[cwd]/".into();
    assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
    run["tool"]["driver"]["version"] = "[version]".into();
    serde_json::to_string_pretty(&log).unwrap()
}

/// Validates `log` against the SARIF 2.1.0 schema vendored in tests/fixtures (its source and
/// licence are in sarif-schema-2.1.0.md beside it), returning the errors.
fn sarif_schema_errors(log: &serde_json::Value) -> Vec<String> {
    let schema =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sarif-schema-2.1.0.json"))
            .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    validator.iter_errors(log).map(|error| format!("{} at {}", error, error.instance_path())).collect()
}

#[test]
fn sarif_output_on_the_markdown_example() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = copydesk(&["check", "--format", "sarif", "examples/lido-closure.md"]);
    assert_eq!((run.status, run.stderr.as_str()), (1, ""), "the same exit status as the other formats");
    insta::assert_snapshot!("sarif_lido_closure", pretty_sarif(&run.stdout, root));
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let outside = scratch("sarif-outside", &[("elsewhere.txt", "“Who said this?”\n".as_bytes())]);
    let dir = scratch(
        "sarif-valid",
        &[
            (".git/HEAD", b"ref: refs/heads/main\n"),
            (
                "glossary.toml",
                b"[dana-whitfield]\nname = \"Dana Whitfield\nkind = \"wizard\"\n[x]\nkind = \"person\"\n",
            ),
            ("news/my story, #2.md", "The council met.\n\n“Nobody asked the children.”\n".as_bytes()),
            ("news/café.txt", "“Open the pool,” Dana Whitfield said.\n“Unclosed\n".as_bytes()),
            ("binary.txt", b"\0\0\0"),
        ],
    );
    let elsewhere = outside.join("elsewhere.txt");
    let args = ["check", "--format", "sarif", "news", "binary.txt", "missing.md", "-", elsewhere.to_str().unwrap()];
    let run = copydesk_in(&dir, &args, Some("“Said nobody.”\n"));
    assert_eq!(run.status, 2, "{run:?}");
    let log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(sarif_schema_errors(&log), Vec::<String>::new(), "{}", run.stdout);

    let sarif_run = &log["runs"][0];
    let uris: Vec<&str> = sarif_run["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|result| result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert!(uris.contains(&"glossary.toml"), "{uris:?}");
    assert!(uris.contains(&"news/caf%C3%A9.txt"), "{uris:?}");
    assert!(uris.contains(&"news/my%20story,%20%232.md"), "{uris:?}");
    assert!(uris.contains(&format!("file://{}", elsewhere.display()).as_str()), "{uris:?}");
    let invocation = &sarif_run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(invocation["toolExecutionNotifications"].as_array().unwrap().len(), 2);
    assert!(run.stderr.contains("copydesk: missing.md: no such file"), "{}", run.stderr);

    // The schema is strict enough to catch a broken log: the validation above means something.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "hint".into();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    assert_eq!(sarif_schema_errors(&broken).len(), 2, "{:?}", sarif_schema_errors(&broken));
}

#[test]
fn sarif_rules_cover_every_code_and_results_point_at_them() {
    let run = copydesk(&["check", "--format", "sarif", "examples/lido-closure.md", "examples/cup-final.txt"]);
    let log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|rule| rule["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), copydesk::analysis::Code::ALL.len(), "{ids:?}");
    for rule in rules {
        let help = rule["helpUri"].as_str().unwrap();
        assert!(help.starts_with("https://github.com/copydesk/copydesk/blob/main/docs/attribution.md#"), "{help}");
    }
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"], "{result}");
    }
}

#[test]
fn github_output_on_the_markdown_example() {
    let run = copydesk(&["check", "--format", "github", "examples/lido-closure.md"]);
    assert_eq!((run.status, run.stderr.as_str()), (1, ""));
    for line in run.stdout.lines().filter(|line| line.starts_with("::")) {
        assert!(
            line.starts_with("::warning file=examples/lido-closure.md,line=") || line.starts_with("::notice file="),
            "{line}"
        );
    }
    insta::assert_snapshot!("github_lido_closure", format!("exit {}\n{}", run.status, run.stdout));
}

/// A workflow command ends at a line break, so a file name or message holding one would let
/// the rest of it be read as a command of its own; the runner unescapes `%0A` back.
#[test]
fn github_output_escapes_what_would_end_a_command() {
    let dir = scratch(
        "github-escapes",
        &[(".git/HEAD", b"ref: refs/heads/main\n"), ("a,b:100%.txt", "“Nobody asked.”\n".as_bytes())],
    );
    let run = copydesk_in(&dir, &["check", "--format", "github", "a,b:100%.txt", "gone.md"], None);
    assert_eq!(run.status, 2);
    assert!(run.stdout.contains("::error file=gone.md,title=unreadable-input::cannot read gone.md: no such file\n"));
    let first = run.stdout.lines().next().unwrap();
    assert!(
        first.starts_with(
            "::warning file=a%2Cb%3A100%25.txt,line=1,col=1,endLine=1,endColumn=16,title=unattributed-quote::"
        ),
        "{first}"
    );
}

/// `debug-choices` (hidden, for scripts/chooser-headroom): every quotation part read in its own
/// sentence, with the sentence's pairs and the one taken, as JSON lines with byte offsets.
#[test]
fn debug_choices_lists_each_sentences_pairs_and_the_one_taken() {
    let text = std::fs::read_to_string("examples/lido-closure.md").unwrap();
    let run = copydesk(&["debug-choices", "examples/lido-closure.md"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let records: Vec<serde_json::Value> = run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(records.len() >= 5, "{}", run.stdout);
    let span = |v: &serde_json::Value| &text[v[0].as_u64().unwrap() as usize..v[1].as_u64().unwrap() as usize];
    let first = &records[0];
    assert!(span(&first["quote"]).starts_with('“') || span(&first["quote"]).starts_with('"'), "{first}");
    let chosen = &first["chosen"];
    assert_eq!(chosen["rule"], "speaker-before-cue");
    assert!(first["pairs"].as_array().unwrap().contains(chosen), "the pair taken is one of the sentence's");
    assert_eq!(span(&chosen["cue"]), "called");
}

/// Issue 17's done-when on the seed article (skipped, with a note, where ../shared is absent):
/// SARIF valid against the schema with one result per problem `check` reports, one GitHub
/// command per problem, and the JSON Lines record equal to `--format json`'s.
#[test]
fn ci_formats_and_json_lines_on_the_seed() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/seed");
    if !seed.join("kabul-talks.txt").exists() {
        eprintln!("note: {} is absent; the seed check is skipped", seed.display());
        return;
    }
    let run = |args: &[&str], stdin: Option<&str>| copydesk_in(&seed, args, stdin);
    let json = run(&["check", "--root", ".", "--format", "json", "kabul-talks.txt"], None);
    let record: serde_json::Value = serde_json::from_str(json.stdout.lines().next().unwrap()).unwrap();
    let problems = record["diagnostics"].as_array().unwrap().len();
    assert!(record["quotes"].as_array().unwrap().len() >= 9 && problems > 0, "{}", json.stdout);

    let sarif = run(&["check", "--root", ".", "--format", "sarif", "kabul-talks.txt"], None);
    let log: serde_json::Value = serde_json::from_str(&sarif.stdout).unwrap();
    assert_eq!(sarif_schema_errors(&log), Vec::<String>::new());
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), problems);

    let github = run(&["check", "--root", ".", "--format", "github", "kabul-talks.txt"], None);
    assert_eq!(github.stdout.lines().filter(|l| l.starts_with("::")).count(), problems, "{}", github.stdout);

    let text = std::fs::read_to_string(seed.join("kabul-talks.txt")).unwrap();
    let glossary = std::fs::read_to_string(seed.join("glossary.toml")).unwrap();
    let line = serde_json::json!({"id": "seed", "text": text, "format": "txt", "glossary": glossary}).to_string();
    let jsonl = run(&["check", "--input-format", "jsonl", "-"], Some(&line));
    let mut got: serde_json::Value = serde_json::from_str(jsonl.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(got["id"], "seed");
    for field in ["quotes", "mentions", "diagnostics"] {
        assert_eq!(got[field].take(), record[field], "{field}");
    }
}
