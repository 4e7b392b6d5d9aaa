use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use super::load_glossaries;
use crate::analysis::{FrontMatter, Span};

const ROOT: &str = "/newsroom";

thread_local! {
    /// How many glossary paths this thread resolved to see whether they leave the root.
    pub(super) static RESOLVED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Loads the glossaries of the article at `article` (under [`ROOT`]) from an in-memory
/// workspace whose files are `//- path` sections of `files`, with `front_matter` naming
/// glossary paths and `extra` from configuration. Checks every read attempt in order,
/// the merged entities with their files, and every problem with its place. A file whose
/// text is `<binary>` cannot be read as text.
fn check(files: &str, article: &str, front_matter: &[&str], extra: &[&str], expect: &str) {
    let disk = virtual_files(files);
    let mut log = String::new();
    let mut read = |path: &Path| {
        let found = disk.get(path);
        let outcome = match found.map(String::as_str) {
            None => " (missing)",
            Some("<binary>\n") => " (binary)",
            Some(_) => "",
        };
        log.push_str(&format!("read {}{outcome}\n", shown(path)));
        match found.map(String::as_str) {
            None => Err(io::Error::from(io::ErrorKind::NotFound)),
            Some("<binary>\n") => Err(io::Error::from(io::ErrorKind::InvalidData)),
            Some(text) => Ok(text.to_string()),
        }
    };
    let front_matter = FrontMatter {
        span: Span::new(0, 100),
        glossary: front_matter
            .iter()
            .enumerate()
            .map(|(i, path)| (path.to_string(), Span::new(10 + 20 * i, 10 + 20 * i + path.len())))
            .collect(),
    };
    let extra: Vec<PathBuf> = extra.iter().map(PathBuf::from).collect();
    let article = Path::new(ROOT).join(article);
    let loaded = load_glossaries(&article, Some(&front_matter), Path::new(ROOT), &extra, &mut read);

    let mut actual = log;
    for entity in &loaded.index.entities {
        actual.push_str(&format!("entity {} from {}\n", entity.id, shown(&loaded.paths[entity.file])));
    }
    for diagnostic in &loaded.article_problems {
        let Span { start, end } = diagnostic.span;
        actual.push_str(&format!("article {start}..{end} {}: {}\n", diagnostic.code.as_str(), diagnostic.message));
    }
    for (path, diagnostic) in &loaded.file_problems {
        let Span { start, end } = diagnostic.span;
        actual.push_str(&format!(
            "{} {start}..{end} {}: {}\n",
            shown(path),
            diagnostic.code.as_str(),
            diagnostic.message
        ));
    }
    let labels: Vec<String> = loaded.paths.iter().map(|path| shown(path)).collect();
    assert_eq!(loaded.index.files, loaded.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>());
    assert_eq!(labels.len(), loaded.paths.len());
    assert_eq!(actual, expect);
}

fn virtual_files(files: &str) -> HashMap<PathBuf, String> {
    let mut disk: HashMap<PathBuf, String> = HashMap::new();
    let mut current = None;
    for line in files.split_inclusive('\n') {
        if let Some(path) = line.strip_prefix("//- ") {
            let path = Path::new(ROOT).join(path.trim());
            disk.insert(path.clone(), String::new());
            current = Some(path);
        } else if let Some(text) = current.as_ref().and_then(|path| disk.get_mut(path)) {
            text.push_str(line);
        }
    }
    disk
}

fn shown(path: &Path) -> String {
    path.strip_prefix(ROOT).map_or_else(|_| path.display().to_string(), |p| p.display().to_string())
}

#[test]
fn candidates_nearest_first_and_the_nearest_wins() {
    check(
        r#"//- glossary.toml
[council]
name = "Harbour Council (root)"
[gazette]
name = "The Harbour Gazette"
//- city/glossary.toml
[council]
name = "Harbour Council (city)"
[dana-whitfield]
name = "Dana Whitfield"
//- city/hall/story.md.glossary.toml
[council]
name = "Harbour Council (sidecar)"
//- city/hall/story.glossary.toml
[tomas-okafor]
name = "Tomas Okafor"
//- shared/people.toml
[council]
name = "Harbour Council (front matter)"
//- config/extra.toml
[riverside-united]
name = "Riverside United"
[gazette]
name = "Gazette (configured)"
"#,
        "city/hall/story.md",
        &["../../shared/people.toml"],
        &["config/extra.toml"],
        r#"read shared/people.toml
read city/hall/story.md.glossary.toml
read city/hall/story.glossary.toml
read city/hall/glossary.toml (missing)
read city/glossary.toml
read glossary.toml
read config/extra.toml
entity council from shared/people.toml
entity tomas-okafor from city/hall/story.glossary.toml
entity dana-whitfield from city/glossary.toml
entity gazette from glossary.toml
entity riverside-united from config/extra.toml
"#,
    );
}

#[test]
fn front_matter_paths_that_are_missing_or_leave_the_workspace() {
    check(
        "//- desk/glossary.toml\n[gazette]\nname = \"The Harbour Gazette\"\n",
        "desk/story.md",
        &["people.toml", "../../etc/passwd", "/etc/hosts", "../desk/glossary.toml"],
        &[],
        r#"read desk/people.toml (missing)
read desk/glossary.toml
read desk/story.md.glossary.toml (missing)
read desk/story.glossary.toml (missing)
read glossary.toml (missing)
entity gazette from desk/glossary.toml
article 30..46 glossary-not-found: glossary `../../etc/passwd` is outside the workspace folder, so it is not read
article 50..60 glossary-not-found: glossary `/etc/hosts` is outside the workspace folder, so it is not read
article 10..21 glossary-not-found: glossary `people.toml` cannot be read: not found
"#,
    );
}

#[test]
fn problems_are_reported_in_their_own_files() {
    check(
        r#"//- desk/story.md.glossary.toml
[dana-whitfield]
name = "Dana Whitfield"
affiliation = "counsil"
aliases = ["the mayor"]
//- glossary.toml
[council]
name = "Harbour City Council
[lena-okafor]
name = "Lena Okafor"
aliases = ["the mayor"]
//- config/broken.toml
<binary>
"#,
        "desk/story.md",
        &[],
        &["config/broken.toml", "config/absent.toml"],
        r#"read desk/story.md.glossary.toml
read desk/story.glossary.toml (missing)
read desk/glossary.toml (missing)
read glossary.toml
read config/broken.toml (binary)
read config/absent.toml (missing)
entity dana-whitfield from desk/story.md.glossary.toml
entity lena-okafor from glossary.toml
config/broken.toml 0..0 glossary-not-found: glossary cannot be read: not UTF-8 text
config/absent.toml 0..0 glossary-not-found: glossary cannot be read: not found
glossary.toml 38..38 glossary-syntax: TOML syntax error: invalid basic string, expected `"`
desk/story.md.glossary.toml 55..64 glossary-unknown-affiliation: affiliation `counsil` names no entity in the glossary
glossary.toml 85..96 glossary-duplicate-alias: the alias `the mayor` is already claimed by `dana-whitfield` (Dana Whitfield); mentions of it go to `dana-whitfield`
"#,
    );
}

#[test]
fn an_article_outside_the_root_searches_only_its_own_folder() {
    check(
        "//- glossary.toml\n[gazette]\nname = \"The Harbour Gazette\"\n",
        "../elsewhere/story.txt",
        &["../newsroom/glossary.toml"],
        &[],
        r#"read /elsewhere/story.txt.glossary.toml (missing)
read /elsewhere/story.glossary.toml (missing)
read /elsewhere/glossary.toml (missing)
article 10..35 glossary-not-found: glossary `../newsroom/glossary.toml` is outside the workspace folder, so it is not read
"#,
    );
}

#[test]
fn relative_inputs_give_relative_paths() {
    let mut reads = Vec::new();
    let mut read = |path: &Path| {
        reads.push(path.display().to_string());
        Err(io::Error::from(io::ErrorKind::NotFound))
    };
    let loaded = load_glossaries(Path::new("desk/story.md"), None, Path::new("."), &[], &mut read);
    assert!(loaded.paths.is_empty());
    assert_eq!(
        reads,
        ["desk/story.md.glossary.toml", "desk/story.glossary.toml", "desk/glossary.toml", "glossary.toml"]
    );
}

#[test]
fn loads_from_a_real_folder() {
    let root = std::env::temp_dir().join(format!("copydesk-glossary-loader-{}", std::process::id()));
    let desk = root.join("desk");
    std::fs::create_dir_all(&desk).expect("create the test folder");
    std::fs::write(root.join("glossary.toml"), "[council]\nname = \"Harbour City Council\"\nkind = \"organization\"\n")
        .expect("write the root glossary");
    std::fs::write(
        desk.join("story.md.glossary.toml"),
        "[dana-whitfield]\nname = \"Dana Whitfield\"\naffiliation = \"council\"\n",
    )
    .expect("write the sidecar");

    let mut read = |path: &Path| std::fs::read_to_string(path);
    let loaded = load_glossaries(&desk.join("story.md"), None, &root, &[], &mut read);
    let _ = std::fs::remove_dir_all(&root);

    assert_eq!(loaded.paths, [desk.join("story.md.glossary.toml"), root.join("glossary.toml")]);
    assert!(loaded.file_problems.is_empty(), "{:?}", loaded.file_problems);
    assert!(loaded.article_problems.is_empty());
    let index = &loaded.index;
    let dana = index.by_id("dana-whitfield").expect("the sidecar loaded");
    assert_eq!(index.affiliation_entity(dana), index.by_id("council"));
    let found: Vec<_> =
        index.find_names("Whitfield spoke for Harbour City Council.").into_iter().map(|(_, id)| id).collect();
    assert_eq!(found, [Some(dana), index.by_id("council")].map(|id| id.expect("both entities exist")));
}

/// Issue 18, item 13: every candidate (a `glossary.toml` in each folder up to the root)
/// was resolved, on disk or not, and resolving walks a path one component at a time: cubic
/// in the article's depth. Only a glossary that is there is resolved.
#[test]
fn only_glossaries_on_disk_are_resolved() {
    let root = tempfile::tempdir().unwrap();
    let mut desk = root.path().to_path_buf();
    for _ in 0..100 {
        desk.push("a");
    }
    std::fs::create_dir_all(&desk).unwrap();
    std::fs::write(root.path().join("glossary.toml"), "[council]\nname = \"Harbour City Council\"\n").unwrap();
    RESOLVED.with(|count| count.set(0));
    let mut read = |path: &Path| std::fs::read_to_string(path);
    let loaded = load_glossaries(&desk.join("story.md"), None, root.path(), &[], &mut read);
    assert_eq!(loaded.paths, [root.path().join("glossary.toml")]);
    assert_eq!(RESOLVED.with(std::cell::Cell::get), 1);
}

#[test]
fn a_glossary_being_edited_keeps_its_last_good_entities() {
    let good = "[ruiz]\nname = \"Ana Ruiz\"\n\n[club]\nname = \"Riverside United\"\n";
    let broken = "[ruiz]\nname = \"Ana Ruiz\n\n[club]\nname = \"Riverside United\"\n";
    let load = |cache: &super::GlossaryCache, text: &str| {
        let mut read = |path: &Path| -> io::Result<String> {
            if path == Path::new("/newsroom/glossary.toml") {
                Ok(text.to_string())
            } else {
                Err(io::Error::from(io::ErrorKind::NotFound))
            }
        };
        super::load_glossaries_cached(Path::new("/newsroom/story.md"), None, Path::new(ROOT), &[], &mut read, cache)
    };
    let names = |loaded: &crate::workspace::ArticleGlossary| -> Vec<String> {
        loaded.index.entities.iter().map(|e| e.id.clone()).collect()
    };
    let cache = super::GlossaryCache::default();
    assert_eq!(names(&load(&cache, good)), ["ruiz", "club"]);

    // The writer is typing: `ruiz` does not parse, but both entities stay in use and the
    // syntax error is still reported.
    let cache = cache.fresh();
    let editing = load(&cache, broken);
    assert_eq!(names(&editing), ["ruiz", "club"]);
    assert!(editing.file_problems.iter().any(|(_, d)| d.code == crate::analysis::Code::GlossarySyntax));

    // A fresh cache with no good parse to fall back on loads what parses.
    let alone = load(&super::GlossaryCache::default(), broken);
    assert_eq!(names(&alone), ["club"]);
}
