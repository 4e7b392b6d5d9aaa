#!/usr/bin/env bash
# The CI integrations for real: the pre-commit hooks of .pre-commit-hooks.yaml through
# `pre-commit try-repo` on a scratch repository, then the scripts of action.yml
# (tests/pipelines/action.py). pre-commit comes from PyPI into a virtualenv under target/.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
target_dir=$(cd "$repo" && mkdir -p "${CARGO_TARGET_DIR:-target}" && cd "${CARGO_TARGET_DIR:-target}" && pwd)
venv="$target_dir/pre-commit-venv"

if [ ! -x "$venv/bin/pre-commit" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet 'pre-commit>=4,<5'
fi
(cd "$repo" && cargo build --release --locked --quiet)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# pre-commit's cache (built hook environments) stays with this run, not in ~/.cache.
export PRE_COMMIT_HOME="$work/pre-commit-cache"
mkdir "$work/desk"
cd "$work/desk"
git init --quiet
git config user.email test@example.invalid
git config user.name test
printf 'The council met on Tuesday.\n\n“We will reopen the pool,” Dana Whitfield said.\n' > clean.md
printf 'The council met on Tuesday.\n\n“Nobody asked the children who use it.”\n' > unattributed.md
printf 'print("a “quote” in code is no article")\n' > tool.py
git add clean.md unattributed.md tool.py

# Runs `pre-commit try-repo` on HOOK with FILES, expecting STATUS and output matching PATTERN.
try_hook() {
    local hook=$1 status=$2 pattern=$3 output got=0
    shift 3
    output=$("$venv/bin/pre-commit" try-repo "$repo" "$hook" --verbose --files "$@" 2>&1) || got=$?
    if [ "$got" != "$status" ] || ! grep -q -- "$pattern" <<<"$output"; then
        printf '%s\n' "$output" >&2
        echo "pre-commit $hook on $*: exit $got (expected $status), output should match '$pattern'" >&2
        return 1
    fi
    echo "ok: pre-commit $hook on $*: exit $got"
}

# The system hook runs the copydesk on PATH: the release build of this tree.
PATH="$target_dir/release:$PATH" try_hook copydesk-system 0 '1 file checked' clean.md
PATH="$target_dir/release:$PATH" try_hook copydesk-system 1 'warning\[unattributed-quote\]' clean.md unattributed.md
# Files that are not articles are never handed to copydesk.
PATH="$target_dir/release:$PATH" try_hook copydesk-system 0 '(no files to check)Skipped' tool.py
# The rust hook builds copydesk itself with `cargo install`; the shared target folder keeps
# that from compiling every crate again.
CARGO_TARGET_DIR="$target_dir" \
    try_hook copydesk 1 'warning\[unattributed-quote\]' clean.md unattributed.md

"$venv/bin/python" "$repo/tests/pipelines/action.py" "$repo" "$target_dir/release"
