#!/usr/bin/env bash
# editors/emacs/copydesk.el with eglot in batch Emacs (Debian's emacs-nox 28 and elpa-eglot
# 1.9): diagnostics through flymake, hover through eldoc, definition through xref, a clean
# eglot-shutdown; then the server's exit when Emacs is killed with SIGKILL.
#
#   tests/editors/emacs.sh SERVER
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
server="$1"
source "$repo/tests/editors/common.sh"

if ! command -v emacs >/dev/null || ! emacs --batch --eval "(require 'eglot)" >/dev/null 2>&1; then
    echo "emacs: installing emacs-nox and elpa-eglot"
    apt-get update -qq && apt-get install -y -qq --no-install-recommends emacs-nox elpa-eglot >/dev/null
fi
emacs --version | head -n 1

emacs_test() {
    local workspace="$1" mode="$2"; shift 2
    cd "$workspace"
    exec "$@" emacs --batch -l "$repo/tests/editors/emacs/eglot_test.el" \
        "$repo/editors/emacs" "$server" "$workspace" "$mode" "$workspace/server.pid"
}

features_then_kill emacs emacs_test
