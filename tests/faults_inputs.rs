//! Hostile inputs against the real `copydesk check` binary (issue 18): glossaries built to
//! blow up memory or time, files that are not regular files, folders that cannot be read,
//! and text that would drive the terminal. Each test fails on the binary before its fix.
//!
//! Resource bounds are measured by the operating system's own accounting of the finished
//! child (peak resident memory from `wait4`), never by a clock in the test.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

mod cli_support;

/// What one run printed, its exit status and its peak resident memory.
#[derive(Debug)]
struct Run {
    status: i32,
    stdout: String,
    stderr: String,
    peak_kb: i64,
}

/// The address space a run may take: a fault that makes copydesk read without end fails the
/// test instead of taking the machine's memory.
const ADDRESS_SPACE_LIMIT: u64 = 4 << 30;
/// A run still going after this long is killed, so that a fault that blocks copydesk (a
/// FIFO) fails the test instead of hanging the suite. Not a speed claim: every run here
/// takes well under a second.
const HANG_GUARD: Duration = Duration::from_secs(120);

/// Runs `copydesk ARGS` in `cwd` with empty input and reaps it with `wait4`, which reports
/// that child's own peak memory.
fn copydesk_in(cwd: &Path, args: &[&str]) -> Run {
    run_as(cwd, args, false)
}

/// [`copydesk_in`], as the unprivileged user `nobody` when `unprivileged` and the tests run
/// as root (for whom no permission bit makes a folder unreadable).
fn run_as(cwd: &Path, args: &[&str], unprivileged: bool) -> Run {
    // SAFETY: geteuid has no preconditions.
    let drop_to_nobody = unprivileged && unsafe { libc::geteuid() } == 0;
    let mut command = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    command
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: setrlimit is async-signal-safe and touches only the child.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit { rlim_cur: ADDRESS_SPACE_LIMIT, rlim_max: ADDRESS_SPACE_LIMIT };
            libc::setrlimit(libc::RLIMIT_AS, &limit);
            if drop_to_nobody
                && (libc::setgroups(0, std::ptr::null()) != 0 || libc::setgid(65534) != 0 || libc::setuid(65534) != 0)
            {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = command.spawn().expect("the copydesk binary runs");
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stdout.read_to_end(&mut bytes).unwrap();
        bytes
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stderr.read_to_end(&mut bytes).unwrap();
        bytes
    });
    let pid = child.id() as libc::pid_t;
    let (reaped_tx, reaped_rx) = std::sync::mpsc::channel::<()>();
    let guard = std::thread::spawn(move || {
        if reaped_rx.recv_timeout(HANG_GUARD).is_err() {
            // SAFETY: the child is not reaped before this thread hears so, so `pid` is still ours.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
    });
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for the child it reaps.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet reaped (`child` is never waited on).
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid, "wait4: {}", std::io::Error::last_os_error());
    drop(reaped_tx);
    guard.join().unwrap();
    std::mem::forget(child);
    assert!(libc::WIFEXITED(status), "copydesk exits rather than being killed (status {status})");
    Run {
        status: libc::WEXITSTATUS(status),
        stdout: String::from_utf8_lossy(&out.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
        peak_kb: usage.ru_maxrss,
    }
}

/// A fresh scratch folder of this test binary's own holding `files` (path, contents).
fn scratch(name: &str, files: &[(&str, &[u8])]) -> PathBuf {
    cli_support::scratch(&format!("faults_inputs/{name}"), files)
}

/// Issue 18, item 1: every problem in a glossary held its own copy of the glossary's text,
/// so 1,500 entities that all alias "he" and "the" (3,000 duplicate-alias warnings in a
/// 120 KB file) took about 360 MB, and 8,000 took 10 GB. Problems hold spans and share one
/// text; the peak stays near what the glossary alone needs.
#[test]
fn glossary_problems_share_one_copy_of_the_glossary_text() {
    let mut glossary = String::new();
    for i in 0..1500 {
        glossary.push_str(&format!(
            "[p{i}]\nname = \"Person{i} Surname{}\"\nkind = \"person\"\naliases = [\"he\", \"the\"]\n\n",
            i / 2
        ));
    }
    let dir =
        scratch("shared-text", &[("glossary.toml", glossary.as_bytes()), ("a.md", "“Hi,” he said.\n".as_bytes())]);
    for format in ["human", "json"] {
        let run = copydesk_in(&dir, &["check", "--root", ".", "--format", format, "a.md"]);
        assert_eq!(run.status, 1, "{}", run.stderr);
        assert!(run.stdout.contains("glossary-duplicate-alias"), "{format}");
        assert!(
            run.peak_kb < 120 * 1024,
            "{format}: peak {} KB for a {} KB glossary",
            run.peak_kb,
            glossary.len() / 1024
        );
    }
}

/// Makes a FIFO at `path`.
fn fifo(path: &Path) {
    let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: `name` is a NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0, "{}", std::io::Error::last_os_error());
}

/// Issue 18, item 5: a FIFO as an article or a glossary blocked `check` forever (opening a
/// FIFO waits for a writer), and `/dev/zero` as a glossary was read until allocation failed.
/// Only regular files are read, glossaries up to a size limit too.
#[test]
fn only_regular_files_are_read() {
    let dir = scratch("not-regular", &[("news/a.md", "“Hi,” Ada Okafor said.\n".as_bytes())]);
    fifo(&dir.join("news/glossary.toml"));
    fifo(&dir.join("news/pipe.md"));

    let run = copydesk_in(&dir, &["check", "--root", ".", "news/a.md", "news/pipe.md"]);
    assert_eq!(run.status, 2, "{run:?}");
    assert!(run.stderr.contains("news/pipe.md: not a regular file (a FIFO)"), "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "news/glossary.toml:1:1: error[glossary-not-found]: glossary cannot be read: not a regular file (a FIFO)"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("1 file checked"), "{}", run.stdout);

    let run = copydesk_in(&dir, &["check", "--root", ".", "--glossary", "/dev/zero", "news/a.md"]);
    assert!(
        run.stdout.contains(
            "/dev/zero:1:1: error[glossary-not-found]: glossary cannot be read: not a regular file (a device)"
        ),
        "{run:?}"
    );

    // A regular glossary over the limit is refused without being read.
    let big = dir.join("news/big.glossary.toml");
    std::fs::File::create(&big).unwrap().set_len(17 << 20).unwrap();
    let run = copydesk_in(&dir, &["check", "--root", ".", "--glossary", "news/big.glossary.toml", "news/a.md"]);
    assert!(
        run.stdout.contains("glossary cannot be read: too large (17825792 bytes; the limit is 16777216 bytes)"),
        "{run:?}"
    );
}

/// Issue 18, item 6: a folder that could not be read was skipped in silence (`0 files
/// checked`, exit 0). It is named with the reason, and the exit status is 2.
#[test]
fn unreadable_folders_are_named_and_exit_two() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch(
        "unreadable-folder",
        &[("news/a.md", "The council met.\n".as_bytes()), ("news/locked/b.md", "The pool closed.\n".as_bytes())],
    );
    std::fs::set_permissions(dir.join("news/locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let run = run_as(&dir, &["check", "--root", ".", "news"], true);
    std::fs::set_permissions(dir.join("news/locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(run.status, 2, "{run:?}");
    assert!(run.stderr.contains("copydesk: news/locked: folder cannot be read: Permission denied"), "{}", run.stderr);
    assert!(run.stdout.starts_with("1 file checked"), "{}", run.stdout);
    assert!(run.stdout.contains("1 input could not be read"), "{}", run.stdout);
}

/// Issue 18, item 7: a `glossary.toml` in the workspace that is a symbolic link to a file
/// outside it was read, and its lines were echoed in error excerpts. Every glossary found in
/// the workspace or named by an article must resolve inside the root.
#[test]
fn glossary_links_leaving_the_root_are_not_read() {
    let dir = scratch(
        "glossary-link",
        &[
            ("outside/secret.toml", b"[x]\nname = \"SECRET-LINE unterminated\n"),
            ("ws/news/a.md", "---\nglossary: names.toml\n---\n“Hi,” Ada Okafor said.\n".as_bytes()),
        ],
    );
    std::os::unix::fs::symlink(dir.join("outside/secret.toml"), dir.join("ws/news/glossary.toml")).unwrap();
    std::os::unix::fs::symlink(dir.join("outside/secret.toml"), dir.join("ws/news/names.toml")).unwrap();
    let run = copydesk_in(&dir.join("ws"), &["check", "--root", ".", "news/a.md"]);
    assert!(!run.stdout.contains("SECRET-LINE"), "{}", run.stdout);
    assert!(
        run.stdout.contains("news/glossary.toml:1:1: error[glossary-not-found]: glossary is a link to a file outside the workspace folder, so it is not read"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "error[glossary-not-found]: glossary `names.toml` is a link to a file outside the workspace folder"
        ),
        "{}",
        run.stdout
    );
}

/// Issue 18, item 8: escape sequences in file names, front matter and glossary text reached
/// the terminal through the human output. Control characters are written escaped.
#[test]
fn control_characters_never_reach_the_terminal() {
    let dir = scratch(
        "escapes",
        &[
            (
                "glossary.toml",
                b"[a]\nname = \"Ada \\u001b]0;pwned\\u0007Okafor\"\naliases = [\"he\\u001b[2J\"]\n[b]\nname = \"Bo Lind\"\naliases = [\"he\\u001b[2J\"]\n",
            ),
            ("news/a\x1b[31m.md", "---\nglossary: x\x1b[5m\u{202E}y.toml\n---\n“Hi,\u{1b}[1A” said Zed\u{7} Quill.\n".as_bytes()),
            ("b\x1b[2J.md", b"text \xff\n"),
        ],
    );
    let run = copydesk_in(&dir, &["check", "--root", ".", "news", "b\x1b[2J.md"]);
    // `check --quotes` and `report` (its human tables and its messages) wrote names raw.
    for args in [
        &["check", "--quotes", "--root", ".", "news", "b\x1b[2J.md"][..],
        &["report", "--root", ".", "news", "b\x1b[2J.md"],
    ] {
        let run = copydesk_in(&dir, args);
        for text in [&run.stdout, &run.stderr] {
            assert!(
                !text.contains('\x1b') && !text.contains('\u{7}') && !text.contains('\u{202E}'),
                "{args:?}: {text:?}"
            );
        }
        assert!(run.stdout.contains("news/a\\u{1b}[31m.md: 1 quotation"), "{}", run.stdout);
        assert!(run.stderr.contains("copydesk: b\\u{1b}[2J.md: not UTF-8"), "{}", run.stderr);
    }
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        assert!(!text.contains('\x1b') && !text.contains('\u{7}') && !text.contains('\u{202E}'), "{stream}: {text:?}");
    }
    assert!(run.stdout.contains("news/a\\u{1b}[31m.md:"), "{}", run.stdout);
    assert!(run.stdout.contains("alias `he\\u{1b}[2J`"), "{}", run.stdout);
    assert!(run.stdout.contains("x\\u{1b}[5m\\u{202e}y.toml"), "{}", run.stdout);
    assert!(run.stderr.contains("copydesk: b\\u{1b}[2J.md: not UTF-8"), "{}", run.stderr);
}

/// Issue 18, item 13: the folder walk resolved the path of every folder it entered, one
/// component at a time, so its cost was cubic in the tree's depth (1,500 nested folders:
/// 52 s, 2.3 million `readlink` calls). The walk finishes and finds the article at the bottom.
#[test]
fn a_deeply_nested_folder_is_walked() {
    let article = format!("news{}/deep.md", "/a".repeat(1500));
    let dir = scratch("deep-tree", &[(article.as_str(), b"The council met.\n")]);
    let run = copydesk_in(&dir, &["check", "--root", ".", "--format", "json", "news"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let record: serde_json::Value = serde_json::from_str(run.stdout.trim_end()).expect("one JSON line");
    assert_eq!(record["path"], article.as_str());
}

/// Issue 18, item 13: a `--root` that is not there, or is a file, was taken without a word
/// (exit 0): glossaries were then looked for in each article's own folder only. It is named
/// with the reason, nothing is checked, and the exit status is 2, for `check` and `report`.
#[test]
fn a_root_that_is_no_folder_is_named_and_exits_two() {
    let dir = scratch("bad-root", &[("news/a.md", b"The council met.\n")]);
    for (root, reason) in [("nowhere", "no such folder"), ("news/a.md", "not a folder")] {
        for command in ["check", "report"] {
            let run = copydesk_in(&dir, &[command, "--root", root, "news"]);
            assert_eq!(run.status, 2, "{command} --root {root}: {run:?}");
            assert_eq!(run.stderr, format!("copydesk: --root {root}: {reason}\n"), "{command}");
            assert_eq!(run.stdout, "", "{command}");
        }
    }
}

/// Issue 18, item 13: a file name that is not UTF-8 (Linux allows any bytes) was shown with
/// U+FFFD in place of its bad bytes, without a word, and JSON lost the name for good. The
/// human output notes the name with those bytes escaped, once per file shown, on the
/// stream that shows it; JSON adds the name's bytes in base64 (`path_base64`) beside the
/// shown text, for articles and glossary files alike.
#[test]
fn names_that_are_not_utf8_are_said_to_be_shown_lossily() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("not-utf8-names", &[]);
    let at = |name: &[u8]| dir.join(std::ffi::OsStr::from_bytes(name));
    std::fs::create_dir_all(at(b"news/caf\xe9")).unwrap();
    std::fs::write(at(b"news/caf\xe9/a\xff.md"), "“Hi,” Zed Quill said.\n").unwrap();
    std::fs::write(at(b"news/caf\xe9/glossary.toml"), "[a]\nname = \"Ada Okafor\"\nkind = \"nobody\"\n").unwrap();
    std::fs::write(at(b"news/b\xfe.md"), b"text \xff\n").unwrap();

    let run = copydesk_in(&dir, &["check", "--root", ".", "news"]);
    assert_eq!(run.status, 2, "{run:?}");
    let notes: Vec<&str> = run.stdout.lines().filter(|line| line.starts_with("note: ")).collect();
    assert_eq!(
        notes,
        [
            "note: news/caf\\xE9/a\\xFF.md is shown as news/caf\u{fffd}/a\u{fffd}.md: its name is not UTF-8",
            "note: news/caf\\xE9/glossary.toml is shown as news/caf\u{fffd}/glossary.toml: its name is not UTF-8",
        ],
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("news/caf\u{fffd}/a\u{fffd}.md:1:"), "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "copydesk: news/b\u{fffd}.md: not UTF-8 (invalid byte at offset 5)\n\
         copydesk: note: news/b\\xFE.md is shown as news/b\u{fffd}.md: its name is not UTF-8\n"
    );

    let run = copydesk_in(&dir, &["check", "--root", ".", "--format", "json", "news"]);
    let record: serde_json::Value = serde_json::from_str(run.stdout.trim_end()).expect("one JSON line");
    assert_eq!(record["path"], "news/caf\u{fffd}/a\u{fffd}.md");
    // base64 of the bytes `news/caf\xe9/a\xff.md` and `news/caf\xe9/glossary.toml`.
    assert_eq!(record["path_base64"], "bmV3cy9jYWbpL2H/Lm1k");
    let glossary = &record["glossary_diagnostics"][0];
    assert_eq!(glossary["path"], "news/caf\u{fffd}/glossary.toml");
    assert_eq!(glossary["path_base64"], "bmV3cy9jYWbpL2dsb3NzYXJ5LnRvbWw=");
}

/// Found on the way to issue 18, item 1: `--format json` built a line index of the whole
/// glossary for each of its problems, quadratic in the glossary's size (20,000 problems in a
/// 1 MB glossary: 11 s of CPU). One index per file; every problem is still reported.
#[test]
fn json_reports_every_problem_of_a_glossary_with_many() {
    let mut glossary = String::new();
    for i in 0..10_001 {
        glossary.push_str(&format!("[p{i}]\nname = \"Person{i} Surname{i}\"\naliases = [\"he\", \"the\"]\n"));
    }
    let dir = scratch("many-problems", &[("glossary.toml", glossary.as_bytes()), ("a.md", b"The council met.\n")]);
    let run = copydesk_in(&dir, &["check", "--root", ".", "--format", "json", "a.md"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    let record: serde_json::Value = serde_json::from_str(run.stdout.trim_end()).expect("one JSON line");
    let problems = record["glossary_diagnostics"].as_array().expect("a list");
    assert_eq!(problems.len(), 20_000);
    let last = &problems[19_999];
    assert_eq!((&last["path"], &last["line"], &last["column"]), (&"glossary.toml".into(), &30_003.into(), &18.into()));
}
