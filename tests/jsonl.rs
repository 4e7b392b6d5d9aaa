//! `copydesk check --input-format jsonl` run as a program: one output line per input line, in
//! order, with its id; errors as objects; a glossary per line; and streaming (a result is
//! written before the next line is read).

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

mod cli_support;
use cli_support::scratch;

use serde_json::{Value, json};

/// Runs `copydesk ARGS` in `cwd` with `stdin`; returns the exit status, the output lines
/// parsed as JSON, and standard error.
fn copydesk_in(cwd: &Path, args: &[&str], stdin: &str) -> (i32, Vec<Value>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the copydesk binary runs");
    // A refused run exits before reading its input: the pipe closing then is its answer.
    if let Err(error) = child.stdin.take().unwrap().write_all(stdin.as_bytes()) {
        assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe, "writing copydesk's input: {error}");
    }
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines = stdout.lines().map(|line| serde_json::from_str(line).expect("every line is JSON")).collect();
    (output.status.code().unwrap(), lines, String::from_utf8(output.stderr).unwrap())
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn example(name: &str) -> String {
    std::fs::read_to_string(root().join("examples").join(name)).unwrap()
}

fn jsonl(records: &[Value]) -> String {
    records.iter().map(|record| format!("{record}\n")).collect()
}

/// A line gives what `check --format json` gives for the same article and glossary, with
/// the line's `id` in place of `path`.
#[test]
fn each_line_is_analysed_as_check_analyses_the_file() {
    let input = jsonl(&[
        json!({"id": "lido", "text": example("lido-closure.md"), "format": "md", "glossary": example("glossary.toml")}),
        json!({"id": 7, "text": example("cup-final.txt"), "format": "txt",
               "glossary": example("cup-final.txt.glossary.toml")}),
    ]);
    let (status, lines, stderr) = copydesk_in(root(), &["check", "--input-format", "jsonl", "-"], &input);
    assert_eq!((status, stderr.as_str()), (1, ""), "warnings in the examples");
    assert_eq!(lines.len(), 2);
    let (_, files, _) =
        copydesk_in(root(), &["check", "--format", "json", "examples/lido-closure.md", "examples/cup-final.txt"], "");
    for ((line, mut file), id) in lines.iter().zip(files).zip([json!("lido"), json!(7)]) {
        assert_eq!(line["id"], id);
        assert!(line.get("path").is_none(), "{line}");
        file.as_object_mut().unwrap().remove("path");
        let mut line = line.clone();
        line.as_object_mut().unwrap().remove("id");
        assert_eq!(line, file);
    }
}

#[test]
fn output_keeps_input_order_and_ids() {
    let records: Vec<Value> = (0..50)
        .map(|n| json!({"id": format!("story-{}", 49 - n), "text": format!("“We won {n},” Ana Ruiz said.\n")}))
        .collect();
    let (status, lines, _) = copydesk_in(root(), &["check", "--input-format", "jsonl", "-"], &jsonl(&records));
    assert_eq!(status, 0);
    let ids: Vec<&Value> = lines.iter().map(|line| &line["id"]).collect();
    let expected: Vec<&Value> = records.iter().map(|record| &record["id"]).collect();
    assert_eq!(ids, expected);
}

#[test]
fn bad_lines_get_an_error_object_and_the_run_goes_on() {
    let input = [
        r#"{"id": "a", "text": "The council met."}"#,
        r#"{"id": "b", "text": "Unfinished"#,
        r#"["not", "an", "object"]"#,
        r#"{"id": "c"}"#,
        r#"{"id": "d", "text": "x", "format": "rtf"}"#,
        r#"{"text": "no id"}"#,
        "",
        r#"{"id": "e", "text": "The pool closes.", "glossary": 3}"#,
        r#"{"id": "f", "text": "The pool closes."}"#,
    ]
    .join("\n");
    let (status, lines, stderr) = copydesk_in(root(), &["check", "--input-format", "jsonl", "-"], &input);
    assert_eq!(status, 2, "bad lines are inputs that could not be read");
    let summary: Vec<(Value, Value, bool)> =
        lines.iter().map(|line| (line["id"].clone(), line["line"].clone(), line.get("error").is_some())).collect();
    assert_eq!(
        summary,
        [
            (json!("a"), Value::Null, false),
            (Value::Null, json!(2), true),
            (Value::Null, json!(3), true),
            (json!("c"), json!(4), true),
            (json!("d"), json!(5), true),
            (Value::Null, json!(6), true),
            (json!("e"), json!(8), true),
            (json!("f"), Value::Null, false),
        ]
    );
    assert_eq!(lines[3]["error"], "`text` must be a string");
    assert!(stderr.contains("copydesk: -:4: `text` must be a string\n"), "{stderr}");
}

#[test]
fn each_line_has_its_own_glossary() {
    let text = "“We are broke,” Okafor said.\n";
    let input = jsonl(&[
        json!({"id": 1, "text": text, "glossary": "[samuel-okafor]\nname = \"Samuel Okafor\"\nkind = \"person\"\n"}),
        json!({"id": 2, "text": text, "glossary": "[okafor-ltd]\nname = \"Okafor\"\nkind = \"organization\"\n"}),
        json!({"id": 3, "text": text}),
        json!({"id": 4, "text": text, "glossary": "[broken\nname = 1\n"}),
    ]);
    let (_, lines, _) = copydesk_in(root(), &["check", "--input-format", "jsonl", "-"], &input);
    let entity = |line: &Value| line["quotes"][0]["entity"].clone();
    assert_eq!(
        lines.iter().map(entity).collect::<Vec<_>>(),
        [json!("samuel-okafor"), json!("okafor-ltd"), Value::Null, Value::Null]
    );
    let problems = lines[3]["glossary_diagnostics"].as_array().unwrap();
    assert!(!problems.is_empty());
    assert_eq!(
        (problems[0]["path"].as_str(), problems[0]["code"].as_str()),
        (Some("glossary"), Some("glossary-syntax"))
    );
    assert!(lines[..3].iter().all(|line| line["glossary_diagnostics"].as_array().unwrap().is_empty()));
}

/// `--glossary` files apply to every line, after the line's own, and their problems are
/// reported once, with the first line.
#[test]
fn glossary_files_apply_to_every_line_and_report_once() {
    let dir = scratch(
        "jsonl-glossary",
        &[
            ("desk.toml", b"[ana-ruiz]\nname = \"Ana Ruiz\"\nkind = \"wizard\"\n"),
            (
                "articles.jsonl",
                "{\"id\": 1, \"text\": \"“Yes,” Ana Ruiz said.\"}\n{\"id\": 2, \"text\": \"“No,” Ana Ruiz said.\"}\n"
                    .as_bytes(),
            ),
        ],
    );
    let (status, lines, _) =
        copydesk_in(&dir, &["check", "--input-format", "jsonl", "--glossary", "desk.toml", "articles.jsonl"], "");
    assert_eq!(status, 1, "the glossary's error counts");
    assert_eq!(lines.len(), 2);
    for line in &lines {
        assert_eq!(line["quotes"][0]["entity"], "ana-ruiz");
    }
    assert_eq!(lines[0]["glossary_diagnostics"][0]["path"], "desk.toml");
    assert_eq!(lines[0]["glossary_diagnostics"][0]["line"], 3);
    assert!(lines[1]["glossary_diagnostics"].as_array().unwrap().is_empty());
}

#[test]
fn lines_over_the_size_limit_are_errors_and_ci_formats_are_refused() {
    let input = jsonl(&[json!({"id": 1, "text": "x".repeat(200)}), json!({"id": 2, "text": "Short."})]);
    let (status, lines, _) =
        copydesk_in(root(), &["check", "--input-format", "jsonl", "--max-file-size", "100", "-"], &input);
    assert_eq!(status, 2);
    assert_eq!(lines[0]["error"], "line longer than 100 bytes");
    assert_eq!(lines[1]["id"], 2);
    let (status, lines, stderr) =
        copydesk_in(root(), &["check", "--input-format", "jsonl", "--format", "sarif", "-"], &input);
    assert_eq!((status, lines.len()), (2, 0));
    assert!(stderr.contains("--format sarif and github are for articles"), "{stderr}");
}

/// The result of a line comes out while standard input is still open: a pipeline (Spark's
/// `RDD.pipe`, a coprocess) may wait for it before sending more, and nothing is held back
/// for the end of the stream.
#[test]
fn results_stream_before_input_ends() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--input-format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let (sender, receiver) = mpsc::channel();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let reader = std::thread::spawn(move || {
        let mut line = String::new();
        while stdout.read_line(&mut line).unwrap() > 0 {
            sender.send(std::mem::take(&mut line)).unwrap();
        }
    });
    for n in 0..3 {
        writeln!(stdin, "{}", json!({"id": n, "text": "“Fine,” Ana Ruiz said."})).unwrap();
        stdin.flush().unwrap();
        let line = receiver.recv_timeout(Duration::from_secs(20)).unwrap_or_else(|_| {
            let _ = child.kill();
            panic!("no result for line {n} while standard input stayed open")
        });
        let record: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(record["id"], n);
    }
    drop(stdin);
    assert_eq!(child.wait().unwrap().code(), Some(0));
    reader.join().unwrap();
}
