# Shared by the editor test scripts: paths, the workspace copy, and process checks.
# Sourced, not run. Expects $repo and $server to be set by the caller (run.sh sets them).

cache="${COPYDESK_EDITORS_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/copydesk-editors}"
mkdir -p "$cache"

# A fresh copy of the shipped example, in a folder of its own with a .git marker so that
# every editor takes it as the workspace root. Prints the folder.
example_workspace() {
    local dir
    dir="$(mktemp -d "${TMPDIR:-/tmp}/copydesk-editor-XXXXXX")"
    cp "$repo/examples/lido-closure.md" "$repo/examples/glossary.toml" "$dir/"
    mkdir "$dir/.git"
    (cd "$dir" && pwd -P)
}

# Waits up to $2 seconds for process $1 to be gone; fails naming it otherwise.
expect_gone() {
    local pid="$1" seconds="$2" what="$3" tenths=0
    while kill -0 "$pid" 2>/dev/null; do
        if [ "$tenths" -ge $((seconds * 10)) ]; then
            echo "FAIL: $what: server $pid still running after ${seconds}s: $(ps -o pid=,stat=,args= -p "$pid")" >&2
            kill -9 "$pid" 2>/dev/null || true
            return 1
        fi
        sleep 0.1
        tenths=$((tenths + 1))
    done
    echo "$what: server $pid gone"
}

# Waits up to $2 seconds for file $1 to exist.
wait_for_file() {
    local file="$1" seconds="$2" tenths=0
    while [ ! -s "$file" ]; do
        [ "$tenths" -ge $((seconds * 10)) ] && return 1
        sleep 0.1
        tenths=$((tenths + 1))
    done
}

# The two process-hygiene checks every editor test makes, with $2 a function that runs the
# editor on a workspace (arguments: workspace, mode "quit" or "wait", then a command prefix):
# the feature test followed by a clean quit, then the editor killed with SIGKILL. Either way
# the server must be gone within a few seconds. $1 names the editor in messages.
features_then_kill() {
    local name="$1" run_editor="$2" workspace editor_pid server_pid
    workspace="$(example_workspace)"
    # A hung test must not hang CI.
    ("$run_editor" "$workspace" quit timeout 90) || { echo "FAIL: $name feature test" >&2; return 1; }
    expect_gone "$(cat "$workspace/server.pid")" 5 "$name quit" || return 1
    rm -rf "$workspace"

    # SIGKILL: the editor cannot say goodbye; the server must notice (processId watch, closed stdin).
    workspace="$(example_workspace)"
    ("$run_editor" "$workspace" wait) &
    editor_pid=$!
    if ! wait_for_file "$workspace/server.pid" 30; then
        kill -9 "$editor_pid" 2>/dev/null || true
        echo "FAIL: $name (kill): the test never reported the server's pid" >&2
        return 1
    fi
    server_pid="$(cat "$workspace/server.pid")"
    kill -9 "$editor_pid"
    wait "$editor_pid" 2>/dev/null || true
    expect_gone "$server_pid" 5 "$name killed with SIGKILL" || return 1
    rm -rf "$workspace"
    echo "$name: all passed"
}

# `npm ci` in folder $1, skipped when node_modules already matches package-lock.json.
npm_ci_cached() {
    local folder="$1"
    if [ -f "$folder/node_modules/.package-lock.json" ] \
        && [ "$folder/node_modules/.package-lock.json" -nt "$folder/package-lock.json" ] \
        && (cd "$folder" && npm ls --silent >/dev/null 2>&1); then
        return 0
    fi
    (cd "$folder" && npm ci --no-audit --no-fund --loglevel=error)
}

# Every descendant of process $1, deepest last.
descendants() {
    local child
    for child in $(ps -o pid= --ppid "$1"); do
        echo "$child"
        descendants "$child"
    done
}
