//! Reading article files, and finding the articles inside a folder.
//!
//! An article that cannot be analysed (missing, unreadable, not UTF-8, binary, too large) is
//! an error with a reason a writer can act on, never a panic and never silently skipped.

use std::collections::HashSet;
use std::fmt;
use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::analysis::Format;

/// Limits on what counts as a readable article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadConfig {
    /// Files larger than this many bytes are refused rather than read into memory.
    pub max_bytes: u64,
}

impl Default for ReadConfig {
    fn default() -> ReadConfig {
        // Far beyond any news article, small enough that a stray disk image is refused quickly.
        ReadConfig { max_bytes: 16 * 1024 * 1024 }
    }
}

/// An article's text and the format its name implies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleText {
    pub text: String,
    pub format: Format,
}

/// Why an article could not be read.
#[derive(Debug)]
pub enum ReadError {
    Missing,
    IsDirectory,
    /// A folder given or found that could not be listed, with the reason.
    UnreadableFolder(String),
    /// A FIFO, a device or a socket: reading one may block forever or never end.
    NotAFile {
        kind: &'static str,
    },
    /// `size` is known for files, not for streams.
    TooLarge {
        size: Option<u64>,
        limit: u64,
    },
    Binary {
        offset: usize,
    },
    NotUtf8 {
        offset: usize,
    },
    Io(std::io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Missing => write!(f, "no such file"),
            ReadError::IsDirectory => write!(f, "is a directory"),
            ReadError::UnreadableFolder(reason) => write!(f, "folder cannot be read: {reason}"),
            ReadError::NotAFile { kind } => write!(f, "not a regular file ({kind})"),
            ReadError::TooLarge { size: Some(size), limit } => {
                write!(f, "too large ({size} bytes; the limit is {limit} bytes)")
            }
            ReadError::TooLarge { size: None, limit } => write!(f, "too large (over the limit of {limit} bytes)"),
            ReadError::Binary { offset } => write!(f, "binary file (NUL byte at offset {offset})"),
            ReadError::NotUtf8 { offset } => write!(f, "not UTF-8 (invalid byte at offset {offset})"),
            ReadError::Io(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<std::io::Error> for ReadError {
    fn from(error: std::io::Error) -> ReadError {
        match error.kind() {
            std::io::ErrorKind::NotFound => ReadError::Missing,
            std::io::ErrorKind::IsADirectory => ReadError::IsDirectory,
            _ => ReadError::Io(error),
        }
    }
}

/// Reads the article at `path`, its format decided by the file name.
pub fn read_article(path: &Path, config: &ReadConfig) -> Result<ArticleText, ReadError> {
    let file = open_regular(path, config)?;
    let bytes = read_limited(file, config)?;
    let format = Format::from_path(&path.to_string_lossy());
    decode_article(bytes, format)
}

/// Glossary files larger than this are refused: a 10,000-entity glossary is about 1 MB.
pub const GLOSSARY_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a glossary (or any text file) at `path`: a regular file of at most `max_bytes`,
/// in UTF-8. Anything else is an error whose message says why (a FIFO, `/dev/zero`, a
/// folder, too large); `InvalidData` for text that is not UTF-8.
pub fn read_text_file(path: &Path, max_bytes: u64) -> io::Result<String> {
    let config = ReadConfig { max_bytes };
    let to_io = |error: ReadError| match error {
        ReadError::Io(error) => error,
        ReadError::Missing => io::Error::from(io::ErrorKind::NotFound),
        other => io::Error::other(other.to_string()),
    };
    let file = open_regular(path, &config).map_err(to_io)?;
    let bytes = read_limited(file, &config).map_err(to_io)?;
    String::from_utf8(bytes).map_err(|_| io::Error::from(io::ErrorKind::InvalidData))
}

/// Opens `path` for reading when it is a regular file no larger than the limit. A FIFO is
/// refused before it is opened (opening one blocks until a writer comes), and the file is
/// opened without blocking and looked at again, in case it was replaced in between.
fn open_regular(path: &Path, config: &ReadConfig) -> Result<File, ReadError> {
    check_regular(&std::fs::metadata(path)?, config)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path)?;
    check_regular(&file.metadata()?, config)?;
    Ok(file)
}

fn check_regular(metadata: &Metadata, config: &ReadConfig) -> Result<(), ReadError> {
    if metadata.is_dir() {
        return Err(ReadError::IsDirectory);
    }
    if !metadata.is_file() {
        return Err(ReadError::NotAFile { kind: file_kind(metadata) });
    }
    if metadata.len() > config.max_bytes {
        return Err(ReadError::TooLarge { size: Some(metadata.len()), limit: config.max_bytes });
    }
    Ok(())
}

/// What a file that is neither a regular file nor a folder is, for a message.
fn file_kind(metadata: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let file_type = metadata.file_type();
        if file_type.is_fifo() {
            return "a FIFO";
        } else if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        } else if file_type.is_socket() {
            return "a socket";
        }
    }
    let _ = metadata;
    "not a file"
}

/// Reads an article from a stream such as standard input, in the format the caller names.
pub fn read_article_from(reader: impl Read, format: Format, config: &ReadConfig) -> Result<ArticleText, ReadError> {
    decode_article(read_limited(reader, config)?, format)
}

/// Checks raw bytes are article text: no NUL bytes (a binary file), valid UTF-8.
pub fn decode_article(bytes: Vec<u8>, format: Format) -> Result<ArticleText, ReadError> {
    // A NUL byte is checked first: "binary" tells the writer more than "not UTF-8" does.
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(ReadError::Binary { offset });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(ArticleText { text, format }),
        Err(error) => Err(ReadError::NotUtf8 { offset: error.utf8_error().valid_up_to() }),
    }
}

/// True for the file names a folder search picks up: `.md`, `.markdown` and `.txt`.
pub fn is_article_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".md", ".markdown", ".txt"].iter().any(|ext| lower.ends_with(ext) && lower.len() > ext.len())
}

/// What a folder search found at one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Article(PathBuf),
    /// A folder that could not be listed, and why: named, never skipped in silence.
    UnreadableFolder(PathBuf, String),
}

impl Found {
    pub fn path(&self) -> &Path {
        match self {
            Found::Article(path) | Found::UnreadableFolder(path, _) => path,
        }
    }
}

/// Every article under `dir`, recursively, and every folder that could not be read, sorted
/// by path so output is stable.
///
/// Hidden entries, `target` and `node_modules` are skipped; a symbolic link is followed only
/// when it resolves inside `root`, and every folder is visited once, so links cannot loop.
/// Folders are told apart by their identity on disk, and only a link's path is resolved:
/// resolving every folder's path (as `canonicalize` does, one component at a time) made the
/// walk cubic in the depth of the tree: 41 s for 1,500 nested folders.
pub fn find_articles(dir: &Path, root: &Path) -> Vec<Found> {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut found = Vec::new();
    let mut visited = HashSet::new();
    let mut pending = Vec::new();
    match std::fs::metadata(dir).and_then(|metadata| folder_id(dir, &metadata)) {
        Ok(id) => {
            visited.insert(id);
            pending.push(dir.to_path_buf());
        }
        Err(error) => found.push(Found::UnreadableFolder(dir.to_path_buf(), error.to_string())),
    }
    // A stack rather than recursion: a deep tree cannot overflow the thread's stack.
    while let Some(folder) = pending.pop() {
        list_folder(&folder, &root, &mut visited, &mut pending, &mut found);
    }
    found.sort_by(|a, b| a.path().cmp(b.path()));
    found
}

/// What tells one folder from another on disk, whatever path reaches it.
#[cfg(unix)]
type FolderId = (u64, u64);
#[cfg(not(unix))]
type FolderId = PathBuf;

#[cfg(unix)]
fn folder_id(_path: &Path, metadata: &Metadata) -> io::Result<FolderId> {
    use std::os::unix::fs::MetadataExt;
    Ok((metadata.dev(), metadata.ino()))
}

#[cfg(not(unix))]
fn folder_id(path: &Path, _metadata: &Metadata) -> io::Result<FolderId> {
    std::fs::canonicalize(path)
}

/// Lists one folder: its articles into `found`, the folders inside it not yet visited onto
/// `pending`.
fn list_folder(
    dir: &Path,
    root: &Path,
    visited: &mut HashSet<FolderId>,
    pending: &mut Vec<PathBuf>,
    found: &mut Vec<Found>,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => return found.push(Found::UnreadableFolder(dir.to_path_buf(), error.to_string())),
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                found.push(Found::UnreadableFolder(dir.to_path_buf(), error.to_string()));
                break;
            }
        };
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == "target" || name == "node_modules" {
            continue;
        }
        let path = entry.path();
        let Ok(file_type) = entry.file_type() else { continue };
        // A folder's metadata, read through the open folder (no path walked) or, for a link,
        // through the link once it is known to stay inside the root.
        let metadata = if file_type.is_symlink() {
            match resolve(&path) {
                Ok(target) if target.starts_with(root) => std::fs::metadata(&target),
                _ => continue,
            }
        } else if file_type.is_dir() {
            entry.metadata()
        } else {
            if is_article_name(&name) {
                found.push(Found::Article(path));
            }
            continue;
        };
        let Ok(metadata) = metadata else { continue };
        if !metadata.is_dir() {
            if is_article_name(&name) {
                found.push(Found::Article(path));
            }
        } else if let Ok(id) = folder_id(&path, &metadata)
            && visited.insert(id)
        {
            pending.push(path);
        }
    }
}

/// The path a link resolves to. Tests count the calls: the walk resolves links, never folders.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    #[cfg(test)]
    tests::RESOLVED.with(|count| count.set(count.get() + 1));
    std::fs::canonicalize(path)
}

fn read_limited(reader: impl Read, config: &ReadConfig) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    // One byte past the limit tells a file exactly at the limit from one beyond it.
    reader.take(config.max_bytes.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > config.max_bytes {
        return Err(ReadError::TooLarge { size: None, limit: config.max_bytes });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        /// How many paths this thread's folder walks resolved.
        pub static RESOLVED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    fn check(bytes: &[u8], expect: &str) {
        let found = match decode_article(bytes.to_vec(), Format::PlainText) {
            Ok(article) => format!("ok: {}", article.text),
            Err(error) => format!("error: {error}"),
        };
        assert_eq!(found, expect);
    }

    #[test]
    fn decoding_names_the_first_bad_byte() {
        check("“Quoted,” she said.".as_bytes(), "ok: “Quoted,” she said.");
        check(b"ab\0cd", "error: binary file (NUL byte at offset 2)");
        check(b"caf\xe9 latte", "error: not UTF-8 (invalid byte at offset 3)");
        check(b"\xff\0", "error: binary file (NUL byte at offset 1)");
    }

    #[test]
    fn the_size_limit_is_inclusive() {
        let config = ReadConfig { max_bytes: 4 };
        let read = |text: &str| match read_article_from(text.as_bytes(), Format::Markdown, &config) {
            Ok(article) => format!("ok: {}", article.text),
            Err(error) => format!("error: {error}"),
        };
        assert_eq!(read("four"), "ok: four");
        assert_eq!(read("fives"), "error: too large (over the limit of 4 bytes)");
    }

    #[test]
    fn folder_searches_pick_markdown_and_text() {
        let names = ["a.md", "b.MARKDOWN", "c.txt", "d.rst", ".md", "notes.md.bak"];
        let picked: Vec<_> = names.into_iter().filter(|n| is_article_name(n)).collect();
        assert_eq!(picked, ["a.md", "b.MARKDOWN", "c.txt"]);
    }

    /// Issue 18, item 13: the walk resolved every folder's path (`canonicalize`, which walks
    /// the path one component at a time), cubic in the tree's depth. It resolves only links:
    /// once for a link inside the root, which it follows; a link back to a folder already
    /// visited is not walked again.
    #[cfg(unix)]
    #[test]
    fn a_deep_walk_resolves_links_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut deepest = dir.path().to_path_buf();
        for _ in 0..300 {
            deepest.push("a");
        }
        std::fs::create_dir_all(&deepest).unwrap();
        std::fs::write(deepest.join("deep.md"), "text\n").unwrap();
        std::fs::write(dir.path().join("top.md"), "text\n").unwrap();
        std::os::unix::fs::symlink(dir.path(), deepest.join("loop")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("top.md"), deepest.join("linked.md")).unwrap();
        RESOLVED.with(|count| count.set(0));
        let found = find_articles(dir.path(), dir.path());
        let names: Vec<_> = found.iter().map(|found| found.path().file_name().unwrap().to_owned()).collect();
        assert_eq!(names, ["deep.md", "linked.md", "top.md"], "{found:?}");
        assert_eq!(RESOLVED.with(std::cell::Cell::get), 2, "one resolution per link");
    }

    /// Issue 18, item 5: the reader behind every glossary (in `check` and in the language
    /// server) refuses what is not a regular file before opening it, and large files unread.
    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_read_as_text() {
        let dir = tempfile::tempdir().unwrap();
        let pipe = dir.path().join("glossary.toml");
        let name = std::ffi::CString::new(pipe.to_str().unwrap()).unwrap();
        // SAFETY: `name` is a NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
        let read = |path: &Path, limit| match read_text_file(path, limit) {
            Ok(text) => format!("ok: {text}"),
            Err(error) => format!("error: {error}"),
        };
        assert_eq!(read(&pipe, 100), "error: not a regular file (a FIFO)");
        assert_eq!(read(Path::new("/dev/zero"), 100), "error: not a regular file (a device)");
        assert_eq!(read(dir.path(), 100), "error: is a directory");
        let file = dir.path().join("small.toml");
        std::fs::write(&file, "[a]\n").unwrap();
        assert_eq!(read(&file, 4), "ok: [a]\n");
        assert_eq!(read(&file, 3), "error: too large (4 bytes; the limit is 3 bytes)");
    }
}
