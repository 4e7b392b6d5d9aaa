#!/usr/bin/env bash
# The editor integrations in real editors: Neovim 0.11 (editors/nvim), Emacs eglot
# (editors/emacs), VS Code through code-server (editors/vscode). Each script installs what it
# needs (apt-get, a virtualenv, npm ci, code-server) into a cache outside the repository,
# $COPYDESK_EDITORS_CACHE (default ~/.cache/copydesk-editors), reused on the next run.
#
#   tests/editors/run.sh [nvim] [emacs] [vscode]      # default: all three
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
target="${CARGO_TARGET_DIR:-$repo/target}"
case "$target" in /*) ;; *) target="$repo/$target" ;; esac

editors=("$@")
[ ${#editors[@]} -gt 0 ] || editors=(nvim emacs vscode)

cargo build --release --locked --quiet
server="$target/release/copydesk"
[ -x "$server" ] || { echo "editors: no binary at $server" >&2; exit 1; }

for editor in "${editors[@]}"; do
    if [ "$editor" = vscode ]; then
        major="$(node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/')"
        if [ -z "$major" ] || [ "$major" -lt 20 ]; then
            echo "editors: the VS Code test needs Node.js 20 or later with npm (found: ${major:-none})" >&2
            exit 1
        fi
    fi
    start=$SECONDS
    echo "editors: $editor"
    "$repo/tests/editors/$editor.sh" "$server"
    echo "editors: $editor passed in $((SECONDS - start))s"
done
echo "editors: all passed"
