//! The editors' READMEs promise only what works.

use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// Issue 16: the Neovim README advertised `gd`, which is Vim's own search, and did not say
/// how to see more than signs on 0.11.
#[test]
fn the_neovim_readme_gives_keys_that_work_and_how_to_see_more() {
    let readme = read("editors/nvim/README.md");
    for needed in [
        "`<C-]>`",
        "vim.lsp.buf.definition()",
        "vim.diagnostic.config({ virtual_text = true })",
        "vim.lsp.inlay_hint.enable(true)",
    ] {
        assert!(readme.contains(needed), "{needed} is missing from editors/nvim/README.md");
    }
    // `gd` may appear only where the README says it is not an LSP key.
    for line in readme.lines().filter(|line| line.contains("`gd`")) {
        assert!(line.contains("not one of them"), "`gd` offered as a key: {line}");
    }
}
