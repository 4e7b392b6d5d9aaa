//! Helpers shared by the command-line test binaries (`cli.rs`, `faults_inputs.rs`).

use std::path::{Path, PathBuf};

/// A fresh folder `name` under cargo's scratch space holding `files` (path, contents).
pub fn scratch(name: &str, files: &[(&str, &[u8])]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (path, contents) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
    dir
}
